import type { Rule } from '../../rule';
import type { DockerfileModel, Stage } from '../model';

export const duplicateStageName: Rule<DockerfileModel> = {
  id: 'duplicate-stage-name',
  title: 'Each stage name is used once',
  category: 'correctness',
  defaultSeverity: 'warning',
  topic: 'multi-stage',
  equivalents: { buildkit: 'DuplicateStageName', hadolint: 'DL3024', trivy: 'DS-0012' },
  docs:
    'When two stages share a name (compared without case, as the builder does), `FROM name` and `COPY --from=name` ' +
    'after the second one silently refer to the second stage, and `--target name` picks one of them. Give every ' +
    'stage its own name.',
  check(model, report) {
    const seen = new Map<string, Stage>();
    for (const stage of model.stages) {
      if (!stage.name || !stage.nameRange) continue;
      const key = stage.name.toLowerCase();
      const first = seen.get(key);
      if (!first) {
        seen.set(key, stage);
        continue;
      }
      report({
        range: stage.nameRange,
        message: `Stage name \`${stage.name}\` is already used on line ${first.from.range.start.line + 1}; references after this line reach this stage, not the first one.`,
        related: first.nameRange ? [{ range: first.nameRange, message: `First stage named \`${first.name}\`` }] : undefined,
      });
    }
  },
};
