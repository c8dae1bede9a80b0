import type { Rule } from '../../rule';
import { fixes, removeKeyFix } from '../fixes';
import type { ComposeModel } from '../model';
import { at, isHost, svc } from './support';

export const composeHostCgroupns: Rule<ComposeModel> = {
  id: 'compose-host-cgroupns',
  title: "Services do not share the host's cgroup namespace",
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'cgroup-namespace',
  equivalents: {},
  docs:
    '`cgroup: host` makes the container see the host\'s entire cgroup hierarchy instead of its own subtree: the ' +
    'names, limits and usage of every other container and system service. Combined with a writable cgroup ' +
    'filesystem (privileged, or `SYS_ADMIN`) it is a known route to run code on the host. With cgroup v2 the ' +
    'default, `private`, is what you want. The quick fix removes the key.',
  check(model, report) {
    for (const s of model.services) {
      if (!s.cgroup || !isHost(s.cgroup)) continue;
      report({
        range: at(s.cgroup),
        message: `${svc(s)} shares the host's cgroup namespace (cgroup: host): it sees the host's whole cgroup tree and the limits of every other container.`,
        fixes: fixes(removeKeyFix(model, s, 'cgroup', s.cgroup, 'Remove cgroup: host')),
      });
    }
  },
};
