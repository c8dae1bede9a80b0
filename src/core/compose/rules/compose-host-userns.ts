import type { Rule } from '../../rule';
import { fixes, removeKeyFix } from '../fixes';
import type { ComposeModel } from '../model';
import { at, isHost, svc } from './support';

export const composeHostUserns: Rule<ComposeModel> = {
  id: 'compose-host-userns',
  title: "Services do not opt out of user-namespace remapping",
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'user-namespace',
  equivalents: { kics: 'Shared Host User Namespace' },
  docs:
    'When the Docker daemon runs with `userns-remap`, root in a container is mapped to an unprivileged uid on the ' +
    'host, so an escape lands as nobody. `userns_mode: host` switches that off for one service: its root is the ' +
    'host\'s root again. Without remapping (the default) the key changes nothing, which is also why it usually ' +
    'appears only to make a privileged setup work. The quick fix removes the key.',
  check(model, report) {
    for (const s of model.services) {
      if (!s.usernsMode || !isHost(s.usernsMode)) continue;
      report({
        range: at(s.usernsMode),
        message: `${svc(s)} opts out of user-namespace remapping (userns_mode: host): uid 0 in the container is uid 0 on the host even when the daemon remaps users.`,
        fixes: fixes(removeKeyFix(model, s, 'userns_mode', s.usernsMode, 'Remove userns_mode: host')),
      });
    }
  },
};
