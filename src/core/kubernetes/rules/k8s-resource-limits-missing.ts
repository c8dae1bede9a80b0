import type { Rule } from '../../rule';
import { fixes, resourcesFix } from '../fixes';
import type { KubernetesModel } from '../model';
import { anchorOf, ctr } from './support';

export const k8sResourceLimitsMissing: Rule<KubernetesModel> = {
  id: 'k8s-resource-limits-missing',
  title: 'Containers set memory and CPU limits',
  category: 'resources',
  defaultSeverity: 'info',
  topic: 'cgroups',
  equivalents: {
    kubeLinter: ['unset-cpu-requirements', 'unset-memory-requirements'],
    trivy: ['KSV-0011', 'KSV-0018'],
    polaris: ['cpuLimitsMissing', 'memoryLimitsMissing'],
    kubeScore: 'container-resources',
  },
  docs:
    'Requests tell the scheduler what a container needs; limits become the cgroup settings that cap what it may ' +
    'take. Without a memory limit a leaking or attacked container can use all of the node\'s memory and push the ' +
    'kernel\'s out-of-memory killer onto other pods; without a CPU limit it can starve them. Set ' +
    '`resources.limits.memory` and `.cpu` (and requests) from measured usage. Ephemeral containers cannot have ' +
    'resources and are skipped. The quick fix adds the missing requests and limits as placeholders (`100m`, ' +
    '`128Mi`) marked with a comment: measure and adjust them.',
  check(model, report) {
    for (const c of model.containers) {
      if (c.role === 'ephemeralContainer') continue;
      const missing = (['memory', 'cpu'] as const).filter((k) => c.resources.limits[k]?.value === undefined);
      if (missing.length === 0) continue;
      report({
        range: anchorOf(c),
        message: `${ctr(c)} has no ${missing.map((m) => (m === 'cpu' ? 'CPU' : m)).join(' or ')} limit: it can take ${missing.length === 2 ? 'all the memory and CPU' : `all the ${missing[0] === 'cpu' ? 'CPU' : 'memory'}`} of its node from the other pods.`,
        fixes: fixes(resourcesFix(model, c)),
      });
    }
  },
};
