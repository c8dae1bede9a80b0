import type { Rule } from '../../rule';
import type { DockerfileModel, Stage } from '../model';
import { resolveStageRef } from '../parse';
import { copyArguments, stageChain, stageLabel } from '../stage-facts';

const ROOT = new Set(['/', '/.', '/*', '.']);

export const copyWholeStageFilesystem: Rule<DockerfileModel> = {
  id: 'copy-whole-stage-filesystem',
  title: 'COPY --from copies a whole filesystem',
  category: 'layers',
  defaultSeverity: 'warning',
  topic: 'multi-stage',
  equivalents: { hadolint: 'DL3067' },
  docs:
    'A multi-stage build keeps compilers, package caches and sources in a build stage and copies only the results ' +
    'into the final image. `COPY --from=build / /` copies everything the build stage has, base image included, and ' +
    'undoes that split: the image is as large as the builder and carries all of its tools. Copy the artifacts by ' +
    'path (`COPY --from=build /app/bin/server /usr/local/bin/`). Not reported when the source stage starts ' +
    '`FROM scratch` (its whole filesystem is then exactly what was put there on purpose), when its base depends on ' +
    'a build argument, or when `--from` names an image (or a stage that only names an image, `FROM x/y-bin AS bin`): ' +
    'such images are often a bare set of files published to be copied this way.',
  check(model, report) {
    for (const stage of model.stages) {
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
        const from = ins.flags.find((f) => f.name === 'from');
        if (!from?.value) continue;
        const root = copyArguments(model, ins).sources.find((s) => ROOT.has(s.value));
        if (!root) continue;
        // Only stages of this file: an image we cannot see into is often a bare set of files published for
        // exactly this kind of copy (`docker/buildx-bin`, cross-compilation helpers).
        const src = resolveStageRef(from.value, model.stages, stage.index);
        // A stage without a RUN/COPY/ADD of its own is only a name for its base image: same as `--from=<image>`.
        if (!src || src.layerCount === 0 || startsFromUnknownOrScratch(model, src)) continue;
        const what = stageLabel(src);
        report({
          range: root.range,
          message: `This copies the entire filesystem of ${what} (base image, compilers, caches and all) into ${stageLabel(stage)}, which undoes the point of a separate build stage. Copy only the files you need, by path.`,
        });
      }
    }
  },
};

/** The stage's chain starts `FROM scratch`, or from a base chosen by a build argument (`FROM bin-$TARGETOS`). */
function startsFromUnknownOrScratch(model: DockerfileModel, stage: Stage): boolean {
  const root = stageChain(model, stage)[0];
  return !root || root.image.unresolved || root.image.path.toLowerCase() === 'scratch';
}
