import type { Rule } from '../../rule';
import type { DockerfileModel } from '../model';
import { nonRootFixes } from '../fixes/non-root';

export const finalStageRunsAsRoot: Rule<DockerfileModel> = {
  id: 'final-stage-runs-as-root',
  title: 'The final image runs as root',
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'non-root-user',
  equivalents: { hadolint: 'DL3002', trivy: 'DS-0002' },
  docs:
    'A container whose process runs as UID 0 is root inside its namespaces, and without a user namespace that is ' +
    'the same UID 0 as on the host: one kernel bug or one mounted host path away from host root. This rule fires ' +
    'on an explicit `USER root` in the final stage and also when the final stage has no `USER` at all and its base ' +
    'image runs as root (hadolint only sees the first case). Fix: create or reuse an unprivileged user and switch ' +
    'to it before `CMD`/`ENTRYPOINT`.',
  check(model, report) {
    const stage = model.finalStage;
    if (!stage || stage.effectiveUser.kind !== 'root') return;
    if (stage.baseFacts.family === 'windows') return;
    const user = stage.effectiveUser;
    report({
      range: user.instruction && user.instruction.stage === stage.index ? user.instruction.range : stage.from.range,
      message: `The final image runs as root (${user.why}). Switch to an unprivileged user so a container escape does not start as UID 0.`,
      fixes: nonRootFixes(model, stage),
    });
  },
};
