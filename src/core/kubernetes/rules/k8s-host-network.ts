import type { Rule } from '../../rule';
import { podKeyFixes } from '../fixes';
import type { KubernetesModel } from '../model';
import { at, podOf } from './support';

export const k8sHostNetwork: Rule<KubernetesModel> = {
  id: 'k8s-host-network',
  title: "Pods do not share the node's network namespace",
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'network-namespace',
  equivalents: { kubeLinter: 'host-network', trivy: 'KSV-0009', polaris: 'hostNetworkSet' },
  docs:
    '`hostNetwork: true` runs the pod in the node\'s network stack: it binds ports directly on the node, sees every ' +
    'interface and connection, reaches services that listen only on the node\'s `127.0.0.1` (the kubelet\'s read-only ' +
    'port on old clusters, node-local agents) and bypasses NetworkPolicies that select pods by label. It also ' +
    'shares the node\'s hostname (UTS namespace). CNI plugins and some ingress controllers need it; use a Service ' +
    '(NodePort, LoadBalancer) to expose applications. The quick fixes remove the line or set it to false.',
  check(model, report) {
    for (const pod of model.podSpecs) {
      const l = pod.hostNetwork;
      if (l?.value !== true) continue;
      report({
        range: at(l),
        message: `${podOf(pod)} shares the node's network namespace (hostNetwork: true): it can bind the node's ports, see all its interfaces and reach services listening only on the node's localhost.`,
        fixes: podKeyFixes(model, pod, 'hostNetwork', l),
      });
    }
  },
};
