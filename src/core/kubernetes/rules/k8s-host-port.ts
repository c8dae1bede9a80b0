import type { Rule } from '../../rule';
import { fixes, removeKeyFix } from '../fixes';
import type { KubernetesModel } from '../model';
import { at, ctr } from './support';

export const k8sHostPort: Rule<KubernetesModel> = {
  id: 'k8s-host-port',
  title: 'Containers do not bind ports on the node',
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'network-namespace',
  equivalents: { trivy: 'KSV-0024', polaris: 'hostPortSet' },
  docs:
    '`hostPort` opens a port on the node\'s own addresses and forwards it to the container: the pod becomes ' +
    'reachable from wherever the node is, outside Services and often outside NetworkPolicies, and only one such ' +
    'pod fits on each node. Expose workloads through a Service (ClusterIP, NodePort, LoadBalancer) or an Ingress. ' +
    'Node agents that must listen on every node are the exception. The quick fix removes the `hostPort` line.',
  check(model, report) {
    for (const c of model.containers) {
      for (const port of c.ports) {
        const hp = port.hostPort;
        if (!hp || hp.value === undefined || hp.value <= 0) continue;
        report({
          range: at(hp),
          message: `${ctr(c)} binds port ${hp.value} on the node${port.hostIP?.value ? ` (${port.hostIP.value})` : "'s addresses"}: it is reachable from wherever the node is, outside Services.`,
          fixes: fixes(removeKeyFix(model, port.node, 'hostPort', `Remove hostPort: ${hp.text}`)),
        });
      }
    }
  },
};
