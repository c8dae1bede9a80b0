import type { Rule } from '../../rule';
import { podKeyFixes } from '../fixes';
import type { KubernetesModel } from '../model';
import { at, podOf } from './support';

export const k8sHostIpc: Rule<KubernetesModel> = {
  id: 'k8s-host-ipc',
  title: "Pods do not share the node's IPC namespace",
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'ipc-namespace',
  equivalents: { kubeLinter: 'host-ipc', trivy: 'KSV-0008', polaris: 'hostIPCSet' },
  docs:
    '`hostIPC: true` joins the node\'s System V IPC and POSIX message-queue namespace, so shared-memory segments of ' +
    'processes on the node (and of other pods that set it) are open to the pod. Containers of one pod already ' +
    'share an IPC namespace with each other, so this is almost never needed. The quick fixes remove the line or set it to false.',
  check(model, report) {
    for (const pod of model.podSpecs) {
      const l = pod.hostIPC;
      if (l?.value !== true) continue;
      report({
        range: at(l),
        message: `${podOf(pod)} shares the node's IPC namespace (hostIPC: true): its containers can read and write the shared memory and message queues of processes on the node.`,
        fixes: podKeyFixes(model, pod, 'hostIPC', l),
      });
    }
  },
};
