import { parseImageRef } from '../../dockerfile/image-ref';
import type { Rule } from '../../rule';
import type { KubernetesModel } from '../model';
import { ctr } from './support';

export const k8sImageNotPinned: Rule<KubernetesModel> = {
  id: 'k8s-image-not-pinned',
  title: 'Images are pinned by digest',
  category: 'reproducibility',
  defaultSeverity: 'info',
  topic: 'tags-vs-digests',
  equivalents: {},
  docs:
    'A tag such as `redis:7.2` can be re-pointed by whoever controls the registry, and a node that pulls it later ' +
    'gets whatever it points to then. A digest (`redis:7.2@sha256:…`) names one image, byte for byte: every node ' +
    'runs the same thing, admission policies can verify signatures against it, and a tampered tag cannot slip in. ' +
    'Keep the tag next to the digest for readers and let Renovate or Dependabot move both. Images given by a ' +
    'variable are not reported. The quick fix looks the digest up in the registry.',
  check(model, report) {
    for (const c of model.containers) {
      const image = c.image;
      if (!image?.value || /\$/.test(image.value)) continue;
      if (parseImageRef(image.value).digest) continue;
      report({
        range: image.range,
        message: `${ctr(c)} runs \`${image.value}\`, which is not pinned by digest: the registry decides which image each node gets. Add \`@sha256:…\`.`,
        fixes: [{ title: `Pin ${image.value} to its current digest (asks the registry)`, edits: [], kind: 'pin-digest' }],
      });
    }
  },
};
