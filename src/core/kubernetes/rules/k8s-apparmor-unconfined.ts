import type { Rule } from '../../rule';
import { fixes, replaceValueFix } from '../fixes';
import type { KubernetesModel } from '../model';
import { confinementRange, ctr } from './support';

export const k8sApparmorUnconfined: Rule<KubernetesModel> = {
  id: 'k8s-apparmor-unconfined',
  title: 'Containers do not switch AppArmor off',
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'lsm',
  equivalents: { trivy: 'KSV-0002' },
  docs:
    'On nodes with AppArmor (Ubuntu, Debian, SUSE) the runtime confines each container with a default profile that ' +
    'denies writes to sensitive `/proc` and `/sys` files, mounts and other host-facing operations, even for root in ' +
    'the container. `appArmorProfile: {type: Unconfined}` (or the legacy ' +
    '`container.apparmor.security.beta.kubernetes.io/<name>: unconfined` annotation) removes that layer. Write a ' +
    '`Localhost` profile for what the workload needs instead. The quick fix (for the field) sets `RuntimeDefault`; ' +
    'an annotation has to be edited by hand, since the API requires annotation and field to agree.',
  check(model, report) {
    for (const c of model.containers) {
      const a = c.effective.appArmorProfile;
      if (a.type !== 'Unconfined' || !a.range || c.effective.privileged.value === true) continue;
      const field = a.source === 'container' ? c.securityContext?.appArmorProfile?.type : a.source === 'pod' ? c.pod.securityContext?.appArmorProfile?.type : undefined;
      report({
        range: confinementRange(c, 'appArmorProfile', a.source, a.range) ?? a.range,
        message: `${ctr(c)} runs without AppArmor (Unconfined${a.source === 'annotation' ? ', from an annotation' : ''}): on AppArmor nodes nothing stops root in it from writing kernel settings under /proc and /sys.`,
        fixes: fixes(replaceValueFix(model, field, 'RuntimeDefault', 'Use the runtime default AppArmor profile (type: RuntimeDefault)')),
      });
    }
  },
};
