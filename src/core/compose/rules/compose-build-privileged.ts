import type { Rule } from '../../rule';
import { fixes, removeBuildKeyFix, removeEntitlementFix } from '../fixes';
import type { ComposeModel } from '../model';
import { at, svc } from './support';

export const composeBuildPrivileged: Rule<ComposeModel> = {
  id: 'compose-build-privileged',
  title: 'Builds do not ask for host privileges',
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'build-privileges',
  equivalents: {},
  docs:
    'A build runs the Dockerfile\'s `RUN` steps on the build machine. `build.privileged: true` and the ' +
    '`security.insecure` entitlement let those steps run as privileged containers (every capability, every device, ' +
    'no seccomp): a `RUN` line from a compromised base image or package script is then root on the builder, ' +
    'which is often a CI runner holding credentials. `build.network: host` and the `network.host` entitlement put ' +
    'the steps in the host\'s network namespace, where they reach services that listen only on localhost. ' +
    'Dockerfiles rarely need either; find the step that does and give it a narrower tool (`RUN --mount=type=secret`, ' +
    'a cache mount, a build argument). The quick fix removes the setting.',
  check(model, report) {
    for (const s of model.services) {
      const b = s.build;
      if (!b) continue;
      if (b.privileged?.value === true) {
        report({
          range: at(b.privileged),
          message: `${svc(s)} builds with privileged: true: every RUN step of its Dockerfile runs as a privileged container on the build machine.`,
          fixes: fixes(removeBuildKeyFix(model, s, 'privileged', 'Remove privileged: true from build')),
        });
      }
      if (b.network?.value?.trim().toLowerCase() === 'host') {
        report({
          range: at(b.network),
          message: `${svc(s)} builds with network: host: RUN steps share the build machine's network namespace and reach what listens on its localhost.`,
          fixes: fixes(removeBuildKeyFix(model, s, 'network', 'Remove network: host from build')),
        });
      }
      for (const e of b.entitlements) {
        const v = e.value.trim().toLowerCase();
        if (v !== 'security.insecure' && v !== 'network.host') continue;
        report({
          range: e.range,
          message:
            v === 'security.insecure'
              ? `${svc(s)} grants the build the security.insecure entitlement: RUN --security=insecure steps run as privileged containers on the build machine.`
              : `${svc(s)} grants the build the network.host entitlement: RUN --network=host steps share the build machine's network namespace.`,
          fixes: fixes(removeEntitlementFix(model, s, e, `Remove ${e.text} from build.entitlements`)),
        });
      }
    }
  },
};
