import type { Rule } from '../../rule';
import { fixes, removeKeyFix } from '../fixes';
import type { ComposeModel } from '../model';
import { at, isHost, svc } from './support';

export const composeHostNetwork: Rule<ComposeModel> = {
  id: 'compose-host-network',
  title: "Services do not share the host's network namespace",
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'network-namespace',
  equivalents: { kics: 'Shared Host Network Namespace' },
  docs:
    '`network_mode: host` gives the container the host\'s network stack instead of its own: it sees every interface, ' +
    'can bind any port of the host, reaches services that listen only on `127.0.0.1` (databases, the Docker ' +
    'API on some setups, cloud metadata proxies) and, with `NET_ADMIN`, can change the host\'s routes and firewall. ' +
    'Published `ports:` are ignored in this mode. Use the default bridge network or a user-defined network and ' +
    'publish the ports that must be reachable. The quick fix removes the key; add `ports:` for what must be ' +
    'reachable from outside.',
  check(model, report) {
    for (const s of model.services) {
      if (!s.networkMode || !isHost(s.networkMode)) continue;
      report({
        range: at(s.networkMode),
        message: `${svc(s)} shares the host's network namespace (network_mode: host): it can bind the host's ports and see all its interfaces, including services listening only on localhost.`,
        fixes: fixes(removeKeyFix(model, s, 'network_mode', s.networkMode, 'Remove network_mode: host')),
      });
    }
  },
};
