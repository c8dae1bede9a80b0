import type { Rule } from '../../rule';
import type { DockerfileModel, InstructionInfo } from '../model';
import { readArgDefinitions, substituteArgs } from '../parse';
import { copyArguments, instructionsBefore } from '../stage-facts';

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
          // `#$RUNC_VERSION`: judge the default the build argument has here
          const ref = git.ref?.includes('$') ? substituteArgs(git.ref, argsAt(model, ins)) : git.ref;
          if (ref && /^([0-9a-f]{40}|[0-9a-f]{64})$/i.test(ref)) continue;
          const shown = ref && ref !== git.ref ? (ref.includes('$') ? `\`${git.ref}\` (a build argument)` : `\`${ref}\` (from \`${git.ref}\`)`) : `\`${git.ref}\``;
          report({
            range: s.range,
            message: git.ref
              ? `\`ADD\` of a git repository at ${shown}: a branch or tag can point at different code on the next uncached build. Pin the full commit hash (\`#<40-hex>\`), which git verifies.`
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

/** Build-argument defaults in effect at an instruction: global ARGs, then ARGs of its stage chain. */
function argsAt(model: DockerfileModel, ins: InstructionInfo): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const i of instructionsBefore(model, ins)) {
    if (i.keyword !== 'ARG') continue;
    for (const [name, value] of readArgDefinitions(i.argsText)) {
      // `ARG X` in a stage re-imports the global default
      out.set(name, value ?? model.globalArgs.get(name));
    }
  }
  return out;
}
