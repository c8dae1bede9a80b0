import type { Rule } from '../../rule';
import type { DockerfileModel } from '../model';
import { copyArguments } from '../stage-facts';

const HTTP = /^(https?|ftp):\/\//i;

/** A git source: `git@host:o/r`, `git://`, `ssh://`, or an http(s) URL of a `.git` repository. */
export function gitSource(url: string): { ref?: string } | undefined {
  const [base, fragment] = url.split('#', 2);
  if (!/^(git@|git:\/\/|ssh:\/\/)/i.test(base) && !/\.git\/?$/i.test(base)) return undefined;
  return { ref: fragment?.split(':')[0] || undefined };
}

export const addRemoteUrl: Rule<DockerfileModel> = {
  id: 'add-remote-url',
  title: 'ADD of a URL without a checksum',
  category: 'layers',
  defaultSeverity: 'warning',
  topic: 'remote-code',
  equivalents: {},
  docs:
    '`ADD https://…` puts whatever the server returns into a layer without checking it: if the file is replaced, ' +
    'or the server or a mirror is compromised, a different file is built into the image and nothing fails. Add ' +
    '`--checksum=sha256:<digest>` (Dockerfile syntax 1.6 or later): BuildKit verifies the download before writing ' +
    'the layer. The alternative is `RUN curl -fsSLo f <url> && echo "<digest>  f" | sha256sum -c -`. For git ' +
    'sources (`ADD https://…/repo.git#ref`), a branch or tag can move; a full commit hash is verified by git itself ' +
    'and is not reported.',
  check(model, report) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'ADD') continue;
      if (ins.flags.some((f) => f.name === 'checksum' && f.value)) continue;
      for (const s of copyArguments(model, ins).sources) {
        const git = gitSource(s.value);
        if (git) {
          if (git.ref && /^([0-9a-f]{40}|[0-9a-f]{64})$/i.test(git.ref)) continue;
          report({
            range: s.range,
            message: git.ref
              ? `\`ADD\` of a git repository at \`${git.ref}\`: a branch or tag can point at different code on the next uncached build. Pin the full commit hash (\`#<40-hex>\`), which git verifies.`
              : '`ADD` of a git repository without a ref takes whatever its default branch holds at build time. Pin the full commit hash (`#<40-hex>`), which git verifies.',
          });
          continue;
        }
        if (!HTTP.test(s.value)) continue;
        report({
          range: s.range,
          message: `\`ADD ${s.value}\` writes the download into this layer without checking it: a changed or tampered file would be built in silently. Add \`--checksum=sha256:<digest>\` so BuildKit verifies it.`,
        });
      }
    }
  },
};
