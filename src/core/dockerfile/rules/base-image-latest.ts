import type { From } from 'dockerfile-ast';
import type { Fix } from '../../findings';
import type { Rule } from '../../rule';
import type { DockerfileModel, Stage } from '../model';

export const baseImageLatest: Rule<DockerfileModel> = {
  id: 'base-image-latest',
  title: 'Base images name a version tag, not latest',
  category: 'reproducibility',
  defaultSeverity: 'warning',
  topic: 'tags-vs-digests',
  equivalents: { hadolint: ['DL3006', 'DL3007'], trivy: 'DS-0001' },
  docs:
    'A `FROM` without a tag means `:latest`, and `latest` is just the tag that was pushed last: the same Dockerfile ' +
    'builds on a different base image from one week to the next, and a major-version jump can break the build or ' +
    'the app. Name the version you tested with (`node:20.11-bookworm-slim`), and pin its digest for builds that must ' +
    'be repeatable. `scratch`, references to earlier stages and images given entirely by a build argument are not ' +
    'reported. There is no automatic fix because only you know which version you mean; the quick fix inserts a ' +
    'placeholder to fill in.',
  check(model, report) {
    for (const stage of model.stages) {
      if (!isExternalImage(stage)) continue;
      const { image } = stage;
      if (image.digest || (image.tag !== undefined && image.tag !== 'latest')) continue;
      const from = stage.from.node as From;
      const written = from.getImage() ?? '';
      const viaArg = written.includes('$');
      const tagRange = from.getImageTagRange();
      const range = !viaArg && image.tag === 'latest' && tagRange ? tagRange : stage.imageRange!;
      const name = image.raw;
      const how = viaArg ? ` (from the ARG default, \`${written}\` is \`${name}\`)` : '';
      const message =
        image.tag === 'latest'
          ? `\`${name}\`${how} follows whatever was pushed last, so rebuilding can silently change the base image; name the version you tested with.`
          : `\`${name}\`${how} has no tag, so it means \`${name}:latest\`: whatever was pushed last. Name the version you tested with.`;
      report({ range, message, fixes: viaArg ? [] : [placeholder(stage, tagRange)] });
    }
  },
};

/** An image pulled from a registry: not `scratch`, not an earlier stage, not left to an unresolved build argument. */
export function isExternalImage(stage: Stage): boolean {
  const { image } = stage;
  if (stage.parentStage !== undefined || image.unresolved || !stage.imageRange) return false;
  if (!image.path || image.path.toLowerCase() === 'scratch') return false;
  return true;
}

/** Not a guess at a version: a visible placeholder the author replaces. */
function placeholder(stage: Stage, tagRange: ReturnType<From['getImageTagRange']>): Fix {
  if (stage.image.tag === 'latest' && tagRange) {
    return { title: 'Replace latest with a tag placeholder to fill in', edits: [{ range: tagRange, newText: '<tag>' }], needsInput: true };
  }
  const end = stage.imageRange!.end;
  return { title: 'Insert a tag placeholder (:<tag>) to fill in', edits: [{ range: { start: end, end }, newText: ':<tag>' }], needsInput: true };
}
