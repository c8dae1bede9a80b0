import type { Rule } from '../../rule';
import type { KubernetesModel } from '../model';
import { confinementRange, ctr } from './support';

export const k8sSelinuxUnconfined: Rule<KubernetesModel> = {
  id: 'k8s-selinux-unconfined',
  title: 'Containers keep SELinux separation',
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'lsm',
  equivalents: { trivy: 'KSV-0025' },
  docs:
    'On SELinux nodes (RHEL, Fedora, OpenShift) each container runs as `container_t` with its own category pair, ' +
    'so even root in one container cannot touch another container\'s files or the node\'s. ' +
    '`seLinuxOptions.type: spc_t` ("super privileged container") is not confined at all. Baseline Pod Security ' +
    'allows only `container_t`, `container_init_t` and `container_kvm_t`. Keep the default type and relabel volumes ' +
    'instead. No quick fix: the type was chosen on purpose and the workload may depend on it.',
  check(model, report) {
    for (const c of model.containers) {
      const s = c.effective.seLinuxOptions;
      if (s.value?.type !== 'spc_t' || !s.range) continue;
      report({
        range: confinementRange(c, 'seLinuxOptions', s.source, s.range) ?? s.range,
        message: `${ctr(c)} runs as SELinux type spc_t, which SELinux does not confine: on SELinux nodes it can reach the node's and other containers' files.`,
      });
    }
  },
};
