import type { Rule } from '../../rule';
import { fixes, nonRootUserFix } from '../fixes';
import type { ComposeModel } from '../model';
import { at, profileOf, svc } from './support';

export const composeRunsAsRoot: Rule<ComposeModel> = {
  id: 'compose-runs-as-root',
  title: 'Services run as a non-root user',
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'non-root-user',
  equivalents: {},
  docs:
    'Without a user namespace, uid 0 in a container is uid 0 on the host: the container boundary is all that ' +
    'stands between its root and the host\'s, and every kernel bug, writable host mount or extra capability is ' +
    'measured against root. This rule fires on `user: root` / `user: 0` and, when `user:` is not set, on images ' +
    'that run as root by default or whose default user Container Lens does not know (most images run as root). ' +
    'Services built from a Dockerfile (`build:`) are left to the Dockerfile rule `final-stage-runs-as-root`, which ' +
    'sees the `USER`. Interpolated users (`${UID}`) are decided when compose runs and are not reported. The quick ' +
    'fix sets `user: "10001:10001"`; make sure the files the service writes are owned by that uid (or writable ' +
    'volumes) before shipping it.',
  check(model, report) {
    for (const s of model.services) {
      const p = profileOf(s);
      if (s.user) {
        if (p.user.kind !== 'root') continue;
        report({
          range: at(s.user),
          message: `${svc(s)} runs as root (user: ${s.user.text}): uid 0 in the container is uid 0 on the host unless the daemon remaps users.`,
          fixes: fixes(nonRootUserFix(model, s)),
        });
        continue;
      }
      if (s.build || !s.image?.value || p.user.kind === 'non-root') continue;
      if (/\$/.test(s.image.value)) continue;
      const why = p.user.kind === 'root' ? p.user.why : `no user is set and Container Lens does not know the default user of \`${s.image.value}\` (most images run as root)`;
      report({
        range: s.keyRange,
        message: `${svc(s)} probably runs as root: ${why}. Set \`user:\` to an unprivileged uid.`,
        fixes: fixes(nonRootUserFix(model, s)),
      });
    }
  },
};
