import { normalizeCapability } from '../../isolation/capabilities';
import type { Rule } from '../../rule';
import { capDropAllFix, fixes } from '../fixes';
import type { ComposeModel } from '../model';
import { svc } from './support';

export const composeCapabilitiesNotDropped: Rule<ComposeModel> = {
  id: 'compose-capabilities-not-dropped',
  title: 'Services drop all capabilities and add back only what they need',
  category: 'isolation',
  defaultSeverity: 'info',
  topic: 'capabilities',
  equivalents: { kics: 'Container Capabilities Unrestricted' },
  docs:
    'Without `cap_drop`, a container keeps Docker\'s default 14 capabilities, among them `NET_RAW` (forged packets), ' +
    '`MKNOD`, `SETUID`/`SETGID`, `CHOWN` and `DAC_OVERRIDE` (ignore file permissions). Most services need none of ' +
    'them, or only `NET_BIND_SERVICE` to listen below port 1024. `cap_drop: [ALL]` followed by a short `cap_add` ' +
    'list makes what the process may do explicit, and leaves an attacker who gets in with much less. Reported on ' +
    'the service name; privileged services are left to `compose-privileged`. The quick fix adds `cap_drop: [ALL]` ' +
    '(or `ALL` to an existing list): test the service afterwards and add back what it needs.',
  check(model, report) {
    for (const s of model.services) {
      if (s.privileged?.value === true) continue;
      if (s.capDrop.some((c) => normalizeCapability(c.value) === 'ALL')) continue;
      report({
        range: s.keyRange,
        message: `${svc(s)} keeps Docker's default capabilities (${s.capDrop.length ? 'cap_drop does not include ALL' : 'no cap_drop'}); drop them all and add back only what it needs.`,
        fixes: fixes(capDropAllFix(model, s)),
      });
    }
  },
};
