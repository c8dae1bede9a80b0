import type { Rule } from '../../rule';
import { fixes, limitsFix } from '../fixes';
import type { ComposeModel } from '../model';
import { profileOf, svc } from './support';

export const composeResourceLimitsMissing: Rule<ComposeModel> = {
  id: 'compose-resource-limits-missing',
  title: 'Services set memory and CPU limits',
  category: 'resources',
  defaultSeverity: 'info',
  topic: 'cgroups',
  equivalents: { kics: ['Memory Not Limited', 'Cpus Not Limited'] },
  docs:
    'Namespaces decide what a container can see; cgroups decide how much of the machine it can use. Without a ' +
    'memory limit one leaking or attacked service can push the whole host into swapping and make the kernel\'s ' +
    'out-of-memory killer pick victims among the other services; without a CPU limit it can starve them. Set ' +
    '`deploy.resources.limits.memory` and `.cpus` (or `mem_limit` and `cpus`) to what the service needs with some ' +
    'headroom. The quick fix adds placeholders (`512M`, `0.5` CPU) marked with a comment: measure (`docker stats`) ' +
    'and adjust them.',
  check(model, report) {
    for (const s of model.services) {
      const { limits } = profileOf(s);
      const missing = [limits.memory ? undefined : 'memory', limits.cpu ? undefined : 'CPU'].filter(Boolean);
      if (missing.length === 0) continue;
      report({
        range: s.keyRange,
        message: `${svc(s)} has no ${missing.join(' or ')} limit: it can take ${missing.length === 2 ? 'all the memory and CPU' : missing[0] === 'memory' ? 'all the memory' : 'all the CPU'} of the host from the other services.`,
        fixes: fixes(limitsFix(model, s)),
      });
    }
  },
};
