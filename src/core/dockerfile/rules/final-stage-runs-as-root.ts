import type { Rule } from '../../rule';
import type { DockerfileModel } from '../model';
import { nonRootFixes } from '../fixes/non-root';
import { isWindowsAdministrator } from '../../knowledge/images';

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
    'to it before `CMD`/`ENTRYPOINT`. On Windows images the same holds for `ContainerAdministrator` (the default of ' +
    'Server Core); the fix there is `USER ContainerUser`.',
  check(model, report) {
    const stage = model.finalStage;
    if (!stage) return;
    const user = stage.effectiveUser;
    const own = user.instruction && user.instruction.stage === stage.index ? user.instruction : undefined;
    const range = own ? own.range : stage.from.range;
    if (stage.baseFacts.family === 'windows') {
      // Windows has no UID 0: its root is ContainerAdministrator, the default user of Server Core
      const admin = user.instruction ? isWindowsAdministrator(user.name) : user.kind === 'root';
      if (!admin) return;
      const why = user.instruction
        ? `USER ${user.name} on line ${user.instruction.range.start.line + 1}`
        : `no USER, and ${stage.image.raw} runs as ContainerAdministrator by default`;
      report({
        range,
        message: `The final image runs as ContainerAdministrator (${why}). Switch to ContainerUser so the process does not hold administrator rights in the container.`,
        fixes: nonRootFixes(model, stage),
      });
      return;
    }
    if (user.kind !== 'root') return;
    report({
      range,
      message: `The final image runs as root (${user.why}). Switch to an unprivileged user so a container escape does not start as UID 0.`,
      fixes: nonRootFixes(model, stage),
    });
  },
};
