import type { Rule } from '../../rule';
import { fixes, removeListItemFix } from '../fixes';
import type { ComposeModel } from '../model';
import { svc } from './support';

export const composeApparmorUnconfined: Rule<ComposeModel> = {
  id: 'compose-apparmor-unconfined',
  title: 'Services keep an AppArmor profile',
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'lsm',
  equivalents: {},
  docs:
    'On Ubuntu, Debian and SUSE hosts Docker confines every container with the `docker-default` AppArmor profile, ' +
    'which denies writes to sensitive `/proc` and `/sys` files, mounting and other host-facing operations even for ' +
    'root in the container. `apparmor:unconfined` removes that second line of defence. Write a profile that allows ' +
    'what the service needs instead. The quick fix removes the option.',
  check(model, report) {
    for (const s of model.services) {
      for (const opt of s.securityOpt) {
        if (!/^apparmor\s*[:=]\s*unconfined$/i.test(opt.value.trim())) continue;
        report({
          range: opt.range,
          message: `${svc(s)} runs without AppArmor (apparmor:unconfined): on AppArmor hosts nothing stops it from writing to /proc and /sys files or mounting filesystems.`,
          fixes: fixes(removeListItemFix(model, s, 'security_opt', opt, `Remove ${opt.text} from security_opt`)),
        });
      }
    }
  },
};
