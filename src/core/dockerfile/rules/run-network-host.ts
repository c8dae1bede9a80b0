import type { Rule } from '../../rule';
import type { DockerfileModel } from '../model';
import { removeFlagEdit } from '../shell';

export const runNetworkHost: Rule<DockerfileModel> = {
  id: 'run-network-host',
  title: "RUN --network=host shares the build host's network namespace",
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'network-namespace',
  equivalents: {},
  docs:
    'Each RUN step normally gets its own network namespace: its own interfaces, its own `localhost`, no way to ' +
    "listen on the host's ports. `RUN --network=host` drops that and runs the step in the build host's namespace, " +
    "so it can reach services that listen only on the host's loopback (a database, a Docker API on tcp://127.0.0.1, " +
    'a metadata proxy) and bind ports on the host. BuildKit requires the `network.host` entitlement for it. Keep ' +
    'the default network, or use `--network=none` for steps that need no network at all.',
  check(model, report) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'RUN') continue;
      const flag = ins.flags.find((f) => f.name === 'network' && (f.value ?? '').toLowerCase() === 'host');
      if (!flag) continue;
      report({
        range: flag.range,
        message:
          "This RUN step joins the build host's network namespace (`--network=host`): it can reach services listening " +
          "on the host's localhost and bind host ports. Use the default build network unless the step must talk to " +
          'something on the host.',
        fixes: [{ title: 'Use the build network (remove --network=host)', edits: [removeFlagEdit(model, flag)] }],
      });
    }
  },
};
