import type { Rule } from '../../rule';
import { fixes, hardenFix, securityContextFix } from '../fixes';
import type { KubernetesModel } from '../model';
import { anchorOf, ctr } from './support';
import { normalizeCapability } from '../../isolation/capabilities';

export const k8sCapabilitiesNotDropped: Rule<KubernetesModel> = {
  id: 'k8s-capabilities-not-dropped',
  title: 'Containers drop all capabilities',
  category: 'isolation',
  defaultSeverity: 'info',
  topic: 'capabilities',
  equivalents: { kubeLinter: 'drop-net-raw-capability', trivy: ['KSV-0003', 'KSV-0004'], polaris: 'insecureCapabilities' },
  docs:
    'A container keeps the runtime\'s default capabilities unless it drops them: with containerd that is 14, ' +
    'including `NET_RAW` (forged packets), `SETUID`/`SETGID`, `CHOWN`, `DAC_OVERRIDE` and `MKNOD`. Few workloads ' +
    'need any of them. `capabilities: {drop: [ALL]}`, plus `add: [NET_BIND_SERVICE]` for a server on a port below ' +
    '1024, is what the Restricted Pod Security level asks for and leaves an intruder with little to work with. ' +
    'Privileged containers are left to `k8s-privileged`. The quick fixes add `ALL` to `drop` (creating ' +
    '`capabilities` when needed) or apply the whole hardened securityContext.',
  check(model, report) {
    for (const c of model.containers) {
      if (c.effective.privileged.value === true) continue;
      const drop = c.effective.capabilities.drop;
      if (drop.some((d) => normalizeCapability(d.value) === 'ALL')) continue;
      report({
        range: anchorOf(c),
        message: `${ctr(c)} keeps the runtime's default capabilities (${drop.length ? 'drop does not include ALL' : 'nothing is dropped'}); drop ALL and add back only what it needs.`,
        fixes: fixes(securityContextFix(model, c, ['dropAll'], 'Drop all capabilities (capabilities.drop: [ALL])', true), hardenFix(model, c)),
      });
    }
  },
};
