import type { Rule } from '../../rule';
import { fixes, removeKeyFix } from '../fixes';
import type { KubernetesModel } from '../model';
import { ctr } from './support';

export const k8sUnmaskedProcMount: Rule<KubernetesModel> = {
  id: 'k8s-unmasked-proc-mount',
  title: 'Containers keep the masked /proc',
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'pid-namespace',
  equivalents: { kubeLinter: 'unsafe-proc-mount', trivy: 'KSV-0027', polaris: 'procMount' },
  docs:
    'The runtime hides and write-protects parts of `/proc` in every container (`/proc/kcore`, `/proc/sysrq-trigger`, ' +
    '`/proc/sys`, ...) because they speak to the whole kernel, not to the container. `procMount: Unmasked` removes ' +
    'those masks; it exists for nested container runtimes inside a user-namespaced pod and is dangerous anywhere ' +
    'else. Baseline Pod Security forbids it. The quick fix removes the line (back to `Default`).',
  check(model, report) {
    for (const c of model.containers) {
      const p = c.effective.procMount;
      if (p.value !== 'Unmasked' || !p.range) continue;
      const sc = c.securityContext?.node;
      report({
        range: p.range,
        message: `${ctr(c)} mounts /proc unmasked: kernel interfaces such as /proc/sysrq-trigger and /proc/sys become writable from it.`,
        fixes: fixes(sc && removeKeyFix(model, sc, 'procMount', 'Remove procMount: Unmasked')),
      });
    }
  },
};
