import type { Rule } from '../../rule';
import { fixes, removeListItemFix } from '../fixes';
import type { ComposeModel } from '../model';
import { svc } from './support';

export const composeSeccompUnconfined: Rule<ComposeModel> = {
  id: 'compose-seccomp-unconfined',
  title: 'Services keep a seccomp profile',
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'seccomp',
  equivalents: { kics: 'Default Seccomp Profile Disabled' },
  docs:
    'Docker\'s default seccomp profile blocks about 44 system calls a container has no business making (`kexec_load`, ' +
    '`open_by_handle_at`, `add_key`, `bpf` without privileges, ...). Many kernel exploits start with one of them, so the ' +
    'filter is what keeps a kernel bug from being a container escape. `seccomp:unconfined` switches it off. If one ' +
    'call is missing, write a custom profile that allows it (`seccomp:./profile.json`) rather than dropping the ' +
    'filter. The quick fix removes the option.',
  check(model, report) {
    for (const s of model.services) {
      for (const opt of s.securityOpt) {
        if (!/^seccomp\s*[:=]\s*unconfined$/i.test(opt.value.trim())) continue;
        report({
          range: opt.range,
          message: `${svc(s)} runs without a seccomp filter (seccomp:unconfined): every system call of the shared kernel is open to it, including the rarely used ones most kernel exploits go through.`,
          fixes: fixes(removeListItemFix(model, s, 'security_opt', opt, `Remove ${opt.text} from security_opt`)),
        });
      }
    }
  },
};
