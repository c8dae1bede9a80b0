import type { From } from 'dockerfile-ast';
import type { Rule } from '../../rule';
import { fromArgDefault } from '../arg-image';
import type { DockerfileModel } from '../model';
import { isExternalImage } from './base-image-latest';

export const baseImageNotPinned: Rule<DockerfileModel> = {
  id: 'base-image-not-pinned',
  title: 'Base images are pinned by digest',
  category: 'reproducibility',
  defaultSeverity: 'info',
  topic: 'tags-vs-digests',
  equivalents: {},
  docs:
    'A tag such as `node:20` is a movable name: the publisher re-points it at every patch release, and whoever ' +
    'controls the registry can re-point it at anything. A digest (`node:20@sha256:…`) names exactly one image, so ' +
    'the build gets the same bytes every time and a tampered tag cannot slip in. Keep the tag next to the digest for ' +
    'readers, and let a bot such as Renovate or Dependabot move both together. The quick fix looks up the current ' +
    'digest in the registry. When the image is one build argument (`ARG BASE=node:20` then `FROM ${BASE}`), the ' +
    "fix pins the argument's default: builds that pass `--build-arg BASE=…` still get the image they name.",
  check(model, report) {
    for (const stage of model.stages) {
      if (!isExternalImage(stage) || stage.image.digest) continue;
      const written = (stage.from.node as From).getImage() ?? '';
      const name = stage.image.raw;
      // `FROM ${BASE}`: the digest goes on the ARG's default; other variable references cannot be pinned here
      const arg = written.includes('$') ? fromArgDefault(model, stage) : undefined;
      const pinnable = !written.includes('$') || (arg !== undefined && !name.includes('$'));
      const title = arg
        ? `Pin ${name} (the default of ARG ${arg.name}, line ${arg.range.start.line + 1}) to its current digest (asks the registry)`
        : `Pin ${name} to its current digest (asks the registry)`;
      report({
        range: stage.imageRange!,
        message: `\`${name}\` is not pinned by digest, so the registry decides which image this build gets; add \`@sha256:…\` to build from the same bytes every time.`,
        fixes: pinnable ? [{ title, edits: [], kind: 'pin-digest' }] : [],
      });
    }
  },
};
