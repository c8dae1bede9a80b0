import { normalizeCapability } from '../../isolation/capabilities';
import type { Rule } from '../../rule';
import { CAPABILITY_POWER } from '../../compose/rules/compose-dangerous-capabilities';
import { fixes, removeItemFix } from '../fixes';
import type { KubernetesModel } from '../model';
import { ctr } from './support';

export const k8sDangerousCapabilities: Rule<KubernetesModel> = {
  id: 'k8s-dangerous-capabilities',
  title: 'Containers do not add capabilities that reach the node kernel',
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'capabilities',
  equivalents: { trivy: ['KSV-0005', 'KSV-0119', 'KSV-0120', 'KSV-0022'], polaris: 'dangerousCapabilities' },
  docs:
    '`capabilities.add` hands a container pieces of root\'s power. Several act on the kernel every pod on the node ' +
    'shares: `SYS_ADMIN` (mounts, namespaces, many admin interfaces: the usual ingredient of escapes), `SYS_MODULE` ' +
    '(load kernel code), `SYS_PTRACE` (inspect and inject into other processes), `NET_ADMIN` (routes, iptables, ' +
    'interfaces), `NET_RAW` (forged packets, ARP and DNS spoofing on the node\'s network), `SYS_RAWIO`, `SYS_TIME`, ' +
    '`BPF`, `DAC_READ_SEARCH` and `ALL`. Each one is reported on its own line. The Restricted Pod Security level ' +
    'allows only `NET_BIND_SERVICE`. The quick fix removes the entry.',
  check(model, report) {
    for (const c of model.containers) {
      if (c.effective.privileged.value === true) continue; // k8s-privileged says more
      const caps = c.securityContext?.capabilities;
      for (const cap of c.effective.capabilities.add) {
        const name = normalizeCapability(cap.value);
        const power = CAPABILITY_POWER[name];
        if (!power) continue;
        report({
          range: cap.range,
          message: `${ctr(c)} adds ${name === 'ALL' ? 'every capability (ALL)' : `CAP_${name}`}: it can ${power}.`,
          fixes: fixes(caps && removeItemFix(model, caps.node, 'add', cap.node, `Remove ${cap.text} from capabilities.add`)),
        });
      }
    }
  },
};
