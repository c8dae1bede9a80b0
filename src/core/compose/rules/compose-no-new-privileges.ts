import type { Rule } from '../../rule';
import { fixes, noNewPrivilegesFix } from '../fixes';
import type { ComposeModel } from '../model';
import { profileOf, svc } from './support';

export const composeNoNewPrivileges: Rule<ComposeModel> = {
  id: 'compose-no-new-privileges',
  title: 'Services set no-new-privileges',
  category: 'isolation',
  defaultSeverity: 'info',
  topic: 'no-new-privileges',
  equivalents: { kics: 'No New Privileges Not Set' },
  docs:
    'A setuid-root program (`su`, `sudo`, `passwd`, `ping` on some images) runs as root whoever starts it. In a ' +
    'container that started as an unprivileged user, such a binary is the short way back to root. The kernel flag ' +
    '`no_new_privs`, set with `security_opt: ["no-new-privileges:true"]`, makes `execve` refuse to grant more ' +
    'privileges than the caller has, so setuid bits and file capabilities stop working. It costs nothing for ' +
    'services that do not rely on setuid programs. The quick fix adds the option (appending to an existing ' +
    '`security_opt` list, or turning `no-new-privileges:false` into `true`).',
  check(model, report) {
    for (const s of model.services) {
      if (s.privileged?.value === true) continue;
      const p = profileOf(s);
      if (p.noNewPrivileges.value === true) continue;
      const off = s.securityOpt.find((o) => /^no-new-privileges\s*[:=]\s*false$/i.test(o.value.trim()));
      report({
        range: off?.range ?? s.keyRange,
        message: off
          ? `${svc(s)} switches no-new-privileges off: setuid programs in the image can make a process root again.`
          : `${svc(s)} does not set no-new-privileges: setuid programs in the image can make a process root again.`,
        fixes: fixes(noNewPrivilegesFix(model, s)),
      });
    }
  },
};
