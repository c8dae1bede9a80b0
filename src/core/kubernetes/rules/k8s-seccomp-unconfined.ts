import type { Rule } from '../../rule';
import { fixes, securityContextFix } from '../fixes';
import type { KubernetesModel } from '../model';
import { confinementRange, ctr } from './support';

export const k8sSeccompUnconfined: Rule<KubernetesModel> = {
  id: 'k8s-seccomp-unconfined',
  title: 'Containers do not switch seccomp off',
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'seccomp',
  equivalents: { trivy: 'KSV-0104' },
  docs:
    'A seccomp profile filters the system calls a container may make; the runtime\'s default blocks the few dozen ' +
    'that containers have no use for and that many kernel exploits start with. `seccompProfile: {type: Unconfined}` ' +
    '(or the legacy `unconfined` annotation) opens the whole kernel interface again, so a kernel bug becomes a node ' +
    'compromise. If one call is missing, ship a `Localhost` profile that allows it. Privileged containers run ' +
    'unconfined anyway and are left to `k8s-privileged`. The quick fix sets `RuntimeDefault` on the container.',
  check(model, report) {
    for (const c of model.containers) {
      const s = c.effective.seccompProfile;
      if (s.type !== 'Unconfined' || !s.range || c.effective.privileged.value === true) continue;
      report({
        range: confinementRange(c, 'seccompProfile', s.source, s.range) ?? s.range,
        message: `${ctr(c)} runs without a seccomp filter (Unconfined${s.source === 'annotation' ? ', from an annotation' : s.source === 'pod' ? ', from the pod' : ''}): every system call of the node's kernel is open to it.`,
        fixes: fixes(securityContextFix(model, c, ['seccomp'], 'Use the runtime default seccomp profile (seccompProfile.type: RuntimeDefault)', true)),
      });
    }
  },
};
