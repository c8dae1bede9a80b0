import type { Rule } from '../../rule';
import { fixes, setKeyFix } from '../fixes';
import type { KubernetesModel } from '../model';
import { at, podOf } from './support';

export const k8sHostUsers: Rule<KubernetesModel> = {
  id: 'k8s-host-users',
  title: "Pods do not explicitly keep the node's user namespace",
  category: 'isolation',
  defaultSeverity: 'info',
  topic: 'user-namespace',
  equivalents: {},
  docs:
    'With `hostUsers: false` (Kubernetes 1.30+ with a runtime and kernel that support it) a pod gets its own user ' +
    'namespace: uid 0 inside maps to an unprivileged uid on the node, so a process that escapes the container ' +
    'lands as nobody. `hostUsers: true`, the default, keeps uid 0 in the container equal to uid 0 on the node. This ' +
    'rule only reports an explicit `hostUsers: true`, a deliberate opt-out worth a comment; the isolation profile ' +
    'shows the default case. Pods that share the node\'s PID, network or IPC namespace cannot use a user namespace. ' +
    'The quick fix sets `hostUsers: false`.',
  check(model, report) {
    for (const pod of model.podSpecs) {
      const l = pod.hostUsers;
      if (l?.value !== true) continue;
      const blocked = [pod.hostPID, pod.hostNetwork, pod.hostIPC].some((x) => x?.value === true);
      report({
        range: at(l),
        message: `${podOf(pod)} keeps the node's user namespace (hostUsers: true): uid 0 in its containers is uid 0 on the node.`,
        fixes: blocked ? [] : fixes(setKeyFix(model, pod.node, 'hostUsers', 'false', 'Set hostUsers: false (a user namespace per pod)')),
      });
    }
  },
};
