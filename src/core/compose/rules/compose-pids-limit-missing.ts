import type { Rule } from '../../rule';
import { fixes, pidsLimitFix } from '../fixes';
import type { ComposeModel } from '../model';
import { profileOf, svc } from './support';

export const composePidsLimitMissing: Rule<ComposeModel> = {
  id: 'compose-pids-limit-missing',
  title: 'Services limit their number of processes',
  category: 'resources',
  defaultSeverity: 'info',
  topic: 'cgroups',
  equivalents: { kics: 'Pids Limit Not Set' },
  docs:
    'The pids cgroup caps how many processes and threads a container may create. Without it, a fork bomb or a ' +
    'thread leak in one service exhausts the host\'s process table and nothing else on the machine can start a ' +
    'process, not even a shell to fix it. `pids_limit: 256` (or `deploy.resources.limits.pids`) is generous for ' +
    'most services; `-1` and `0` mean unlimited. The quick fix adds `pids_limit: 256` as a placeholder to adjust.',
  check(model, report) {
    for (const s of model.services) {
      const pids = profileOf(s).limits.pids;
      const n = pids ? Number(pids.value) : undefined;
      if (pids && (n === undefined || Number.isNaN(n) || n > 0)) continue;
      report({
        range: pids?.range ?? s.keyRange,
        message: pids
          ? `${svc(s)} sets an unlimited process count (${pids.source}: ${pids.value}): a fork bomb in it can exhaust the host's process table.`
          : `${svc(s)} has no pids limit: a fork bomb or thread leak in it can exhaust the host's process table.`,
        fixes: fixes(pidsLimitFix(model, s)),
      });
    }
  },
};
