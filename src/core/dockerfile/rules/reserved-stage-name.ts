import type { Rule } from '../../rule';
import type { DockerfileModel } from '../model';

/** Names the builder gives a meaning of its own (see BuildKit's reserved stage names). */
const RESERVED = new Set(['scratch', 'context']);

export const reservedStageName: Rule<DockerfileModel> = {
  id: 'reserved-stage-name',
  title: 'Stage names avoid the reserved words scratch and context',
  category: 'correctness',
  defaultSeverity: 'warning',
  topic: 'multi-stage',
  equivalents: { buildkit: 'ReservedStageName', hadolint: 'DL3063' },
  docs:
    '`scratch` already means "the empty image" and `context` is the name of the build context for named contexts ' +
    '(`--build-context`). A stage called either makes `FROM scratch` or `COPY --from=context` ambiguous to readers and ' +
    'tools. Pick another name.',
  check(model, report) {
    for (const stage of model.stages) {
      if (!stage.name || !stage.nameRange) continue;
      const lower = stage.name.toLowerCase();
      if (!RESERVED.has(lower)) continue;
      const meaning = lower === 'scratch' ? 'the empty base image' : 'the build context';
      report({
        range: stage.nameRange,
        message: `\`${stage.name}\` is reserved: it already names ${meaning}. Give this stage another name.`,
      });
    }
  },
};
