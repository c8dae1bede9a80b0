import type { Rule } from '../../rule';
import { fixes, removeKeyFix } from '../fixes';
import type { ComposeModel } from '../model';
import { at, isHost, svc } from './support';

export const composeHostUts: Rule<ComposeModel> = {
  id: 'compose-host-uts',
  title: "Services do not share the host's UTS namespace",
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'uts-namespace',
  equivalents: {},
  docs:
    '`uts: host` gives the container the host\'s hostname and NIS domain name namespace. It reveals the host\'s ' +
    'name, and a process with `SYS_ADMIN` can rename the host for every other process on it. It is rarely needed; ' +
    'set `hostname:` if the service only wants a stable name. The quick fix removes the key.',
  check(model, report) {
    for (const s of model.services) {
      if (!s.uts || !isHost(s.uts)) continue;
      report({
        range: at(s.uts),
        message: `${svc(s)} shares the host's UTS namespace (uts: host): as root with SYS_ADMIN it can change the host's hostname, and it reports the host's name as its own.`,
        fixes: fixes(removeKeyFix(model, s, 'uts', s.uts, 'Remove uts: host')),
      });
    }
  },
};
