import type { Rule } from '../../rule';
import { fixes, removeKeyFix } from '../fixes';
import type { ComposeModel } from '../model';
import { at, isHost, svc } from './support';

export const composeHostPid: Rule<ComposeModel> = {
  id: 'compose-host-pid',
  title: "Services do not share the host's PID namespace",
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'pid-namespace',
  equivalents: { kics: 'Host Namespace is Shared' },
  docs:
    '`pid: host` puts the container in the host\'s process namespace. `ps` inside lists every process of the host, ' +
    'signals reach them, and with `SYS_PTRACE` (or as root with a weak profile) the container can read their memory ' +
    'and environment, including other containers\' secrets. Debugging and monitoring agents ask for it; an ' +
    'application never needs it. To share processes between two of your own services use `pid: "service:<name>"`, ' +
    'which joins only that service\'s namespace. The quick fix removes the key.',
  check(model, report) {
    for (const s of model.services) {
      if (!s.pid || !isHost(s.pid)) continue;
      report({
        range: at(s.pid),
        message: `${svc(s)} shares the host's PID namespace (pid: host): it sees every process on the host and can signal them, and with ptrace rights read their memory.`,
        fixes: fixes(removeKeyFix(model, s, 'pid', s.pid, 'Remove pid: host')),
      });
    }
  },
};
