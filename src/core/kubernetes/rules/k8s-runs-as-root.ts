import type { Rule } from '../../rule';
import type { Range } from '../../text/range';
import { fixes, hardenFix, securityContextFix } from '../fixes';
import type { KubernetesModel } from '../model';
import { anchorOf, ctr, profileOf } from './support';

export const k8sRunsAsRoot: Rule<KubernetesModel> = {
  id: 'k8s-runs-as-root',
  title: 'Containers run as a non-root user',
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'non-root-user',
  equivalents: {
    kubeLinter: 'run-as-non-root',
    trivy: ['KSV-0012', 'KSV-0105'],
    polaris: 'runAsRootAllowed',
    kubeScore: 'container-security-context-user-group-id',
  },
  docs:
    'Unless the pod has its own user namespace (`hostUsers: false`), uid 0 in a container is uid 0 on the node, ' +
    'and everything that separates the two is the container boundary. This rule fires on `runAsUser: 0`, on ' +
    '`runAsNonRoot: false`, and when neither `runAsNonRoot: true` nor a non-zero `runAsUser` is set (in the ' +
    'container or the pod) and the image is not known to run as a non-root user: the image then decides, and most ' +
    'images run as root. `runAsNonRoot: true` makes the kubelet refuse to start the container as uid 0, which is ' +
    'the check you want even when the image already switches users. The quick fixes set `runAsNonRoot: true` and ' +
    '`runAsUser`/`runAsGroup: 10001` (or the whole hardened securityContext); make sure the files the process writes ' +
    'belong to that uid (`fsGroup` helps for volumes).',
  check(model, report) {
    for (const c of model.containers) {
      const e = c.effective;
      let range: Range | undefined;
      let why: string;
      if (e.runAsUser.value === 0) {
        range = e.runAsUser.range;
        why = `runAsUser: 0 in the ${e.runAsUser.source}'s securityContext`;
      } else if ((e.runAsUser.value ?? 0) > 0 || e.runAsNonRoot.value === true) {
        continue;
      } else if (e.runAsNonRoot.value === false) {
        range = e.runAsNonRoot.range;
        why = `runAsNonRoot: false in the ${e.runAsNonRoot.source}'s securityContext, and no runAsUser`;
      } else {
        const user = profileOf(c).user;
        if (user.kind === 'non-root') continue;
        why = user.kind === 'root' ? user.why : 'no runAsNonRoot or runAsUser, so the image decides (most images run as root)';
      }
      report({
        range: range ?? anchorOf(c),
        message: `${ctr(c)} may run as root (${why}): uid 0 in it is uid 0 on the node. Set runAsNonRoot: true and a non-zero runAsUser.`,
        fixes: fixes(
          securityContextFix(model, c, ['runAsNonRoot', 'runAsUser', 'runAsGroup'], 'Run as non-root (runAsNonRoot: true, runAsUser/runAsGroup: 10001)', true),
          hardenFix(model, c),
        ),
      });
    }
  },
};
