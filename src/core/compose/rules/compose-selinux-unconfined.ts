import type { Rule } from '../../rule';
import { fixes, removeListItemFix } from '../fixes';
import type { ComposeModel } from '../model';
import { svc } from './support';

export const composeSelinuxUnconfined: Rule<ComposeModel> = {
  id: 'compose-selinux-unconfined',
  title: 'Services keep SELinux separation',
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'lsm',
  equivalents: {},
  docs:
    'On Fedora, RHEL and CentOS hosts each container runs with its own SELinux label (`container_t` with a unique ' +
    'category), so even root in one container cannot read another container\'s files or the host\'s. `label:disable` ' +
    '(or the `spc_t`, super privileged container, type) takes the container out of that separation. Relabel the ' +
    'volumes it needs (`:z`/`:Z`) instead. The quick fix removes the option.',
  check(model, report) {
    for (const s of model.services) {
      for (const opt of s.securityOpt) {
        if (!/^label\s*[:=]\s*(disable|type\s*[:=]\s*spc_t)$/i.test(opt.value.trim())) continue;
        report({
          range: opt.range,
          message: `${svc(s)} switches SELinux separation off (${opt.text}): on SELinux hosts its processes are no longer confined to their own files.`,
          fixes: fixes(removeListItemFix(model, s, 'security_opt', opt, `Remove ${opt.text} from security_opt`)),
        });
      }
    }
  },
};
