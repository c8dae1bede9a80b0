import type { Rule } from '../../rule';
import { podKeyFixes } from '../fixes';
import type { KubernetesModel } from '../model';
import { at, podOf } from './support';

export const k8sHostPid: Rule<KubernetesModel> = {
  id: 'k8s-host-pid',
  title: "Pods do not share the node's PID namespace",
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'pid-namespace',
  equivalents: { kubeLinter: 'host-pid', trivy: 'KSV-0010', polaris: 'hostPIDSet' },
  docs:
    '`hostPID: true` puts the pod\'s containers in the node\'s process namespace: they list every process of the ' +
    'node and of every other pod, can send them signals, read their command lines and environment through `/proc`, ' +
    'and with `SYS_PTRACE` their memory. Together with privileged it is a one-line route to a root shell on the ' +
    'node (`nsenter -t 1 -a`). Node monitoring agents use it; applications should not. To share processes between ' +
    'the containers of one pod, use `shareProcessNamespace: true` instead. The quick fixes remove the line or set it to false.',
  check(model, report) {
    for (const pod of model.podSpecs) {
      const l = pod.hostPID;
      if (l?.value !== true) continue;
      report({
        range: at(l),
        message: `${podOf(pod)} shares the node's PID namespace (hostPID: true): its containers see every process on the node, including other pods', and can signal them.`,
        fixes: podKeyFixes(model, pod, 'hostPID', l),
      });
    }
  },
};
