import type { Rule } from '../../rule';
import { fixes, forcesEscalation, hardenFix, securityContextFix } from '../fixes';
import type { KubernetesModel } from '../model';
import { anchorOf, ctr } from './support';

export const k8sPrivilegeEscalationAllowed: Rule<KubernetesModel> = {
  id: 'k8s-privilege-escalation-allowed',
  title: 'Containers set allowPrivilegeEscalation: false',
  category: 'isolation',
  defaultSeverity: 'info',
  topic: 'no-new-privileges',
  equivalents: { kubeLinter: 'privilege-escalation-container', trivy: 'KSV-0001', polaris: 'privilegeEscalationAllowed' },
  docs:
    '`allowPrivilegeEscalation: false` sets the kernel\'s `no_new_privs` flag on the container\'s processes: setuid ' +
    'programs (`su`, `sudo`, `passwd`) and file capabilities stop granting privileges, so a process that starts ' +
    'unprivileged stays that way. Left unset it defaults to allowed, and it is always allowed for privileged ' +
    'containers and those that add `CAP_SYS_ADMIN` (the API refuses `false` with those). The Restricted Pod ' +
    'Security level requires it. Privileged containers are left to `k8s-privileged`. The quick fixes set it ' +
    '(alone, or with the whole hardened securityContext).',
  check(model, report) {
    for (const c of model.containers) {
      const e = c.effective;
      if (e.privileged.value === true || e.allowPrivilegeEscalation.value === false) continue;
      const explicit = e.allowPrivilegeEscalation.value === true && e.allowPrivilegeEscalation.range;
      const forced = forcesEscalation(c);
      report({
        range: explicit || anchorOf(c),
        message: forced
          ? `${ctr(c)} adds CAP_SYS_ADMIN (or ALL), which always allows privilege escalation: setuid programs can make a process root again.`
          : explicit
            ? `${ctr(c)} sets allowPrivilegeEscalation: true: setuid programs in the image can make a process root again.`
            : `${ctr(c)} does not set allowPrivilegeEscalation: false, so setuid programs in the image can make a process root again.`,
        fixes: forced
          ? []
          : fixes(
              securityContextFix(model, c, ['allowPrivilegeEscalation'], 'Set allowPrivilegeEscalation: false', true),
              hardenFix(model, c),
            ),
      });
    }
  },
};
