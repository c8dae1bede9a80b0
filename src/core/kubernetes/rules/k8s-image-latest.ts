import type { Rule } from '../../rule';
import { floatingImage } from '../../yaml/image-latest';
import type { KubernetesModel } from '../model';
import { ctr } from './support';

export const k8sImageLatest: Rule<KubernetesModel> = {
  id: 'k8s-image-latest',
  title: 'Images name a version tag, not latest',
  category: 'reproducibility',
  defaultSeverity: 'warning',
  topic: 'tags-vs-digests',
  equivalents: { kubeLinter: 'latest-tag', trivy: 'KSV-0013', polaris: 'tagNotSpecified', kubeScore: 'container-image-tag' },
  docs:
    'An image without a tag means `:latest`, and `latest` is only the tag pushed last. Each node pulls it when it ' +
    'first starts the pod, so after a push different nodes run different code under the same manifest, a rollback ' +
    'to "the previous version" restores nothing, and a new major version arrives unannounced. Name the version ' +
    'you tested (`nginx:1.27.2`) and pin its digest where it must not move. Images given by a variable ' +
    '(`${IMAGE}`) are not reported. The quick fix inserts a `<tag>` placeholder to fill in.',
  check(model, report) {
    for (const c of model.containers) {
      const image = c.image;
      if (!image?.value) continue;
      const floating = floatingImage(model.lines, image);
      if (!floating) continue;
      report({
        range: floating.range,
        message: floating.explicitLatest
          ? `${ctr(c)} runs \`${image.value}\`: whatever was pushed last, so nodes can run different images under one manifest. Name the version you tested.`
          : `${ctr(c)} runs \`${image.value}\` without a tag, which means \`:latest\`: whatever was pushed last. Name the version you tested.`,
        fixes: floating.fixes,
      });
    }
  },
};
