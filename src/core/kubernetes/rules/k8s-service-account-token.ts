import type { Rule } from '../../rule';
import { readBool, readString, getEntry } from '../../yaml/read';
import { fixes, setKeyFix } from '../fixes';
import type { K8sPodSpec, KubernetesModel } from '../model';
import { at, podAnchor, podOf } from './support';

export const k8sServiceAccountToken: Rule<KubernetesModel> = {
  id: 'k8s-service-account-token',
  title: 'Pods that do not call the API do not mount a service-account token',
  category: 'isolation',
  defaultSeverity: 'info',
  topic: 'secrets',
  equivalents: { trivy: 'KSV-0036', polaris: 'automountServiceAccountToken' },
  docs:
    'By default every pod gets a token for its service account mounted at ' +
    '`/var/run/secrets/kubernetes.io/serviceaccount`. Whoever gets code execution in the pod can use it against ' +
    'the API server with whatever RBAC that account has, which is how a compromised pod turns into a compromised ' +
    'namespace or cluster. Most applications never call the API: set `automountServiceAccountToken: false` on the ' +
    'pod (or on its ServiceAccount; a ServiceAccount in the same file that does so is taken into account). The ' +
    'quick fix sets it on the pod.',
  check(model, report) {
    for (const pod of model.podSpecs) {
      const l = pod.automountServiceAccountToken;
      if (l?.value === false) continue;
      if (!l && accountOptsOut(model, pod)) continue;
      report({
        range: l ? at(l) : podAnchor(pod),
        message: `${podOf(pod)} ${l ? 'mounts' : 'gets'} a service-account token (${l ? 'automountServiceAccountToken: true' : 'the default'}): code running in it can call the Kubernetes API as ${pod.serviceAccountName?.value ?? 'the default service account'}.`,
        fixes: fixes(setKeyFix(model, pod.node, 'automountServiceAccountToken', 'false', 'Set automountServiceAccountToken: false')),
      });
    }
  },
};

/** A ServiceAccount of the same name (and namespace, when both say) in this file sets automountServiceAccountToken: false. */
function accountOptsOut(model: KubernetesModel, pod: K8sPodSpec): boolean {
  const name = pod.serviceAccountName?.value ?? 'default';
  const ns = pod.owner.namespace?.value;
  return model.objects.some((o) => {
    if (o.kind.value !== 'ServiceAccount' || o.group !== '' || o.name?.value !== name) return false;
    if (ns && o.namespace?.value && ns !== o.namespace.value) return false;
    const v = getEntry(model.yaml, o.node, 'automountServiceAccountToken')?.node;
    return readBool(v) === false || readString(v) === 'false';
  });
}
