import type { Rule } from '../../rule';
import type { DockerfileModel } from '../model';

/** The OCI annotation for "who made this image", which `docker inspect` and registries show. */
const AUTHORS_LABEL = 'org.opencontainers.image.authors';

export const maintainerDeprecated: Rule<DockerfileModel> = {
  id: 'maintainer-deprecated',
  title: 'MAINTAINER is replaced by an authors label',
  category: 'correctness',
  defaultSeverity: 'info',
  topic: 'metadata-instructions',
  equivalents: { buildkit: 'MaintainerDeprecated', hadolint: 'DL4000', trivy: 'DS-0022' },
  docs:
    '`MAINTAINER` has been deprecated for years: it fills a single legacy `Author` field that most tools ignore. ' +
    `A label carries the same information where registries and \`docker inspect\` look for it: the OCI annotation ` +
    `\`${AUTHORS_LABEL}\`. The quick fix rewrites the line into that label.`,
  check(model, report) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'MAINTAINER') continue;
      const who = ins.argsText.trim();
      const label = ins.keywordText === ins.keywordText.toLowerCase() ? 'label' : 'LABEL';
      report({
        range: ins.range,
        message: `\`MAINTAINER\` is deprecated; record ${who ? `\`${who}\`` : 'the author'} in a \`${AUTHORS_LABEL}\` label instead.`,
        fixes: who
          ? [
              {
                title: `Replace with LABEL ${AUTHORS_LABEL}`,
                edits: [{ range: ins.range, newText: `${label} ${AUTHORS_LABEL}="${quote(who)}"` }],
                preferred: true,
              },
            ]
          : [],
      });
    }
  },
};

/** Inside a double-quoted LABEL value the builder expands `$` and honours backslash escapes; MAINTAINER did neither. */
function quote(s: string): string {
  return s.replace(/[\\"$]/g, (c) => `\\${c}`);
}
