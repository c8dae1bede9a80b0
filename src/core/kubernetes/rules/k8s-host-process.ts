import type { Rule } from '../../rule';
import type { KubernetesModel } from '../model';
import { ctr } from './support';

export const k8sHostProcess: Rule<KubernetesModel> = {
  id: 'k8s-host-process',
  title: 'Windows containers do not run as host processes',
  category: 'isolation',
  defaultSeverity: 'error',
  topic: 'privileged',
  equivalents: { trivy: 'KSV-0103', polaris: 'hostProcess' },
  docs:
    '`windowsOptions.hostProcess: true` runs a Windows "container" directly on the node as a process: no ' +
    'container boundary, the node\'s network, its filesystem and, with the default user, SYSTEM rights. It is ' +
    'Windows\' equivalent of a privileged pod with every host namespace, meant for node agents (CNI, storage, log ' +
    'shippers) in a namespace with a privileged Pod Security level. No quick fix: such a pod is built around it.',
  check(model, report) {
    for (const c of model.containers) {
      const h = c.effective.windowsHostProcess;
      if (h.value !== true || !h.range) continue;
      report({
        range: h.range,
        message: `${ctr(c)} is a Windows HostProcess container: it runs as a process on the node with no container boundary.`,
      });
    }
  },
};
