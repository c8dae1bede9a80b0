import { parseImageRef } from '../../dockerfile/image-ref';
import type { Rule } from '../../rule';
import { fixes, replaceValueFix } from '../fixes';
import type { KubernetesModel } from '../model';
import { at, ctr } from './support';

export const k8sImagePullPolicy: Rule<KubernetesModel> = {
  id: 'k8s-image-pull-policy',
  title: 'A latest (or untagged) image is not combined with a cached pull policy',
  category: 'reproducibility',
  defaultSeverity: 'warning',
  topic: 'tags-vs-digests',
  equivalents: { polaris: 'pullPolicyNotAlways', kubeScore: 'container-image-pull-policy' },
  docs:
    'For `:latest` and untagged images Kubernetes defaults `imagePullPolicy` to `Always`, so every start at least ' +
    'checks the registry. Setting `IfNotPresent` or `Never` on such an image keeps whatever each node pulled first: ' +
    'the same manifest then runs different images on different nodes, and a fixed image never arrives. Either ' +
    'name a version (see `k8s-image-latest`) or let the policy be `Always`. Images pinned by digest are immutable ' +
    'and not reported. The quick fix sets `imagePullPolicy: Always`.',
  check(model, report) {
    for (const c of model.containers) {
      const policy = c.imagePullPolicy;
      const image = c.image?.value;
      if (!policy?.value || !image || /\$/.test(image)) continue;
      if (policy.value !== 'IfNotPresent' && policy.value !== 'Never') continue;
      const ref = parseImageRef(image);
      if (ref.digest || (ref.tag !== undefined && ref.tag !== 'latest')) continue;
      report({
        range: at(policy),
        message: `${ctr(c)} runs \`${image}\` with imagePullPolicy: ${policy.value}: each node keeps the image it pulled first, so nodes can run different code.`,
        fixes: fixes(replaceValueFix(model, policy, 'Always', 'Set imagePullPolicy: Always')),
      });
    }
  },
};
