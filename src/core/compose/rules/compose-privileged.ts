import type { Rule } from '../../rule';
import { fixes, removePrivilegedFix } from '../fixes';
import type { ComposeModel } from '../model';
import { at, svc } from './support';

export const composePrivileged: Rule<ComposeModel> = {
  id: 'compose-privileged',
  title: 'Services do not run privileged',
  category: 'isolation',
  defaultSeverity: 'error',
  topic: 'privileged',
  equivalents: { kics: 'Privileged Containers Enabled' },
  docs:
    '`privileged: true` removes almost everything that makes a container a container: the process gets every ' +
    'capability, every device of the host, no seccomp filter, no AppArmor/SELinux confinement and an unmasked ' +
    '`/proc` and `/sys`. Root inside it can mount the host disk, load kernel modules or write to the host kernel ' +
    'settings, so it is root on the host. Give the service the one capability or device it actually needs ' +
    '(`cap_add`, `devices`) instead. The quick fix deletes the line; a value that comes from an anchor or an ' +
    '`extends:` base is overridden with `privileged: false` in this service only.',
  check(model, report) {
    for (const s of model.services) {
      if (s.privileged?.value !== true) continue;
      report({
        range: at(s.privileged),
        message: `${svc(s)} runs privileged: every capability and host device, no seccomp or AppArmor, so root in it is root on the host.`,
        fixes: fixes(removePrivilegedFix(model, s)),
      });
    }
  },
};
