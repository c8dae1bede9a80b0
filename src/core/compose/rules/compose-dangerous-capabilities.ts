import { DANGEROUS_CAPABILITIES, normalizeCapability } from '../../isolation/capabilities';
import type { Rule } from '../../rule';
import { fixes, removeListItemFix } from '../fixes';
import type { ComposeModel } from '../model';
import { svc } from './support';

/** What each capability this rule reports lets the container do, in a phrase. */
export const CAPABILITY_POWER: Readonly<Record<string, string>> = {
  ...DANGEROUS_CAPABILITIES,
  ALL: 'do everything root can do to the kernel: every capability there is',
  NET_RAW: 'open raw sockets: forge packets and spoof or sniff traffic of its neighbours on the network',
};

export const composeDangerousCapabilities: Rule<ComposeModel> = {
  id: 'compose-dangerous-capabilities',
  title: 'Services do not add capabilities that reach the host kernel',
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'capabilities',
  equivalents: { kics: 'Container Capabilities Unrestricted' },
  docs:
    'Capabilities split root\'s power into pieces; Docker gives a container 14 harmless-ish ones by default. ' +
    '`cap_add` hands out more, and some of them act on the one kernel every container and the host share: ' +
    '`SYS_ADMIN` (mount, namespaces, many admin interfaces: the usual ingredient of escapes), `SYS_MODULE` (load ' +
    'kernel code), `SYS_PTRACE` (inspect and inject into other processes), `NET_ADMIN` (routes, firewall, ' +
    'interfaces), `NET_RAW` (forged packets), `SYS_RAWIO`, `SYS_TIME`, `BPF`, `DAC_READ_SEARCH` and `ALL`. Each added ' +
    'one is reported on its own line. Prefer a narrower capability, a helper outside the container, or at least ' +
    '`cap_drop: [ALL]` with only what is needed added back. The quick fix removes the entry.',
  check(model, report) {
    for (const s of model.services) {
      if (s.privileged?.value === true) continue; // compose-privileged says more
      for (const cap of s.capAdd) {
        const name = normalizeCapability(cap.value);
        const power = CAPABILITY_POWER[name];
        if (!power) continue;
        report({
          range: cap.range,
          message: `${svc(s)} adds ${name === 'ALL' ? 'every capability (cap_add: ALL)' : `CAP_${name}`}: it can ${power}.`,
          fixes: fixes(removeListItemFix(model, s, 'cap_add', cap, `Remove ${cap.text} from cap_add`)),
        });
      }
    }
  },
};
