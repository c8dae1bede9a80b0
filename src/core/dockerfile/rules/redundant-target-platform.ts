import type { Rule } from '../../rule';
import type { DockerfileModel } from '../model';

export const redundantTargetPlatform: Rule<DockerfileModel> = {
  id: 'redundant-target-platform',
  title: 'FROM --platform=$TARGETPLATFORM is the default',
  category: 'correctness',
  defaultSeverity: 'info',
  topic: 'build-args',
  equivalents: { buildkit: 'RedundantTargetPlatform', hadolint: 'DL3065' },
  docs:
    'Without `--platform`, a stage already pulls its base image for the target platform, so ' +
    '`FROM --platform=$TARGETPLATFORM` changes nothing and suggests the stage is special when it is not. The flag ' +
    'is useful with `$BUILDPLATFORM`, for stages that run on the build machine and cross-compile. The quick fix ' +
    'removes the flag.',
  check(model, report) {
    for (const stage of model.stages) {
      const flag = stage.from.flags.find((f) => f.name === 'platform');
      if (!flag?.value) continue;
      const value = flag.value.replace(/^(["'])(.*)\1$/, '$2');
      if (value !== '$TARGETPLATFORM' && value !== '${TARGETPLATFORM}') continue;
      // Remove the flag together with the blanks that separate it from the next word.
      const line = model.lines.lineText(flag.range.end.line);
      let end = flag.range.end.character;
      while (end < line.length && (line[end] === ' ' || line[end] === '\t')) end++;
      report({
        range: flag.range,
        message: `\`${flag.value}\` is already the platform this stage builds for; the flag can go.`,
        fixes: [
          {
            title: 'Remove --platform',
            edits: [{ range: { start: flag.range.start, end: { line: flag.range.end.line, character: end } }, newText: '' }],
            preferred: true,
          },
        ],
      });
    }
  },
};
