import type { Rule } from '../../rule';
import { fixes, hardenFix, securityContextFix } from '../fixes';
import type { KubernetesModel } from '../model';
import { anchorOf, ctr } from './support';

export const k8sSeccompProfileMissing: Rule<KubernetesModel> = {
  id: 'k8s-seccomp-profile-missing',
  title: 'Containers set a seccomp profile',
  category: 'isolation',
  defaultSeverity: 'info',
  topic: 'seccomp',
  equivalents: { trivy: 'KSV-0030', kubeScore: 'container-seccomp-profile' },
  docs:
    'Unlike `docker run`, the kubelet runs containers with seccomp **Unconfined** unless it was started with ' +
    '`--seccomp-default` or the pod asks for a profile: by default every system call of the node\'s kernel is open. ' +
    '`seccompProfile: {type: RuntimeDefault}` (on the pod, to cover every container, or on the container) applies ' +
    'the runtime\'s default filter, which costs nothing for almost every workload and is required by the Restricted ' +
    'Pod Security level. Privileged containers are left to `k8s-privileged`. The quick fixes add it to the ' +
    'container (alone, or with the whole hardened securityContext).',
  check(model, report) {
    for (const c of model.containers) {
      if (c.effective.seccompProfile.source !== 'unset' || c.effective.privileged.value === true) continue;
      report({
        range: anchorOf(c),
        message: `${ctr(c)} sets no seccomp profile, so the kubelet runs it Unconfined unless the node defaults to RuntimeDefault. Set seccompProfile.type: RuntimeDefault.`,
        fixes: fixes(securityContextFix(model, c, ['seccomp'], 'Add seccompProfile.type: RuntimeDefault', true), hardenFix(model, c)),
      });
    }
  },
};
