import { parseImageRef } from '../../dockerfile/image-ref';
import type { Rule } from '../../rule';
import type { ComposeModel } from '../model';
import { svc } from './support';

export const composeImageNotPinned: Rule<ComposeModel> = {
  id: 'compose-image-not-pinned',
  title: 'Images are pinned by digest',
  category: 'reproducibility',
  defaultSeverity: 'info',
  topic: 'tags-vs-digests',
  equivalents: {},
  docs:
    'A tag such as `postgres:16` moves: the publisher re-points it at every patch release, and whoever controls ' +
    'the registry could point it anywhere. A digest (`postgres:16@sha256:…`) names one image, byte for byte, so ' +
    'every `docker compose up` on every machine runs the same thing and a tampered tag cannot slip in. Keep the ' +
    'tag beside the digest for readers and let Renovate or Dependabot move both. Services that `build:` their ' +
    'image and images given by a variable are not reported. The quick fix looks the digest up in the registry.',
  check(model, report) {
    for (const s of model.services) {
      const image = s.image;
      if (!image?.value || s.build || /\$/.test(image.value)) continue;
      if (parseImageRef(image.value).digest) continue;
      report({
        range: image.range,
        message: `${svc(s)} runs \`${image.value}\`, which is not pinned by digest: the registry decides which image it gets. Add \`@sha256:…\` to run the same bytes everywhere.`,
        fixes: [{ title: `Pin ${image.value} to its current digest (asks the registry)`, edits: [], kind: 'pin-digest' }],
      });
    }
  },
};
