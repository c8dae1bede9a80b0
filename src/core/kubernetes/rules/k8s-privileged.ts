import type { Rule } from '../../rule';
import { fixes, hardenFix, setKeyFix } from '../fixes';
import type { KubernetesModel } from '../model';
import { ctr } from './support';

export const k8sPrivileged: Rule<KubernetesModel> = {
  id: 'k8s-privileged',
  title: 'Containers do not run privileged',
  category: 'isolation',
  defaultSeverity: 'error',
  topic: 'privileged',
  equivalents: {
    kubeLinter: 'privileged-container',
    trivy: 'KSV-0017',
    polaris: 'runAsPrivileged',
    kubeScore: 'container-security-context-privileged',
  },
  docs:
    '`securityContext.privileged: true` gives the container every capability and every device of the node, turns ' +
    'off seccomp and AppArmor and unmasks `/proc` and `/sys`. Root in it can mount the node\'s disks, load kernel ' +
    'modules and reach every other pod on the node: it is root on the node, and with the kubelet\'s credentials ' +
    'often a step from the cluster. Storage and network agents (CSI drivers, CNI plugins) sometimes need it and ' +
    'belong in a namespace with a privileged Pod Security level; an application never does. Give it the specific ' +
    'capability it needs instead. The quick fix sets `privileged: false`.',
  check(model, report) {
    for (const c of model.containers) {
      const p = c.effective.privileged;
      if (p.value !== true || !p.range) continue;
      const sc = c.securityContext?.node;
      report({
        range: p.range,
        message: `${ctr(c)} runs privileged: every capability and node device, no seccomp or AppArmor, so root in it is root on the node.`,
        fixes: fixes(sc && setKeyFix(model, sc, 'privileged', 'false', 'Set privileged: false'), hardenFix(model, c)),
      });
    }
  },
};
