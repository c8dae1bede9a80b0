import type { Rule } from '../../rule';
import { floatingImage } from '../../yaml/image-latest';
import type { ComposeModel } from '../model';
import { svc } from './support';

export const composeImageLatest: Rule<ComposeModel> = {
  id: 'compose-image-latest',
  title: 'Images name a version tag, not latest',
  category: 'reproducibility',
  defaultSeverity: 'warning',
  topic: 'tags-vs-digests',
  equivalents: { dclint: 'service-image-require-explicit-tag' },
  docs:
    '`image: redis` means `redis:latest`, and `latest` is only the tag pushed last: the same compose file starts ' +
    'a different image after the next `docker compose pull`, including a new major version, and two machines ' +
    'running "the same" file can run different code. Name the version you tested (`redis:7.2-alpine`) and pin ' +
    'its digest where it must not move. Services that `build:` their image are not reported (the tag names the ' +
    'build\'s result), nor are images given by a variable. The quick fix inserts a `<tag>` placeholder to fill in.',
  check(model, report) {
    for (const s of model.services) {
      const image = s.image;
      if (!image?.value || s.build) continue;
      const floating = floatingImage(model.lines, image);
      if (!floating) continue;
      report({
        range: floating.range,
        message: floating.explicitLatest
          ? `${svc(s)} runs \`${image.value}\`: whatever was pushed last, so the next pull can silently change what runs. Name the version you tested.`
          : `${svc(s)} runs \`${image.value}\` without a tag, which means \`:latest\`: whatever was pushed last. Name the version you tested.`,
        fixes: floating.fixes,
      });
    }
  },
};

