import type { Fix } from '../../findings';
import type { Rule } from '../../rule';
import type { DockerfileModel } from '../model';
import { copyArguments } from '../stage-facts';

/** Names ADD may unpack (tar, plain or compressed); a bare `.gz` may be a compressed tar too. */
const ARCHIVE = /\.(tar|tgz|tbz2?|txz|tzst|tlz|taz|gz|bz2|xz|zst|lz|lzma|z)$/i;
export const REMOTE = /^([a-z][a-z0-9+.-]*:\/\/|git@)/i;
/** Flags only ADD understands; with them, COPY is not a drop-in replacement. */
const ADD_ONLY = new Set(['checksum', 'keep-git-dir', 'unpack']);

export const addInsteadOfCopy: Rule<DockerfileModel> = {
  id: 'add-instead-of-copy',
  title: 'ADD used for plain local files',
  category: 'layers',
  defaultSeverity: 'warning',
  topic: 'layers',
  equivalents: { hadolint: 'DL3020', trivy: 'DS-0005' },
  docs:
    '`ADD` does what `COPY` does and more: it unpacks local tar archives and downloads URLs. For plain files and ' +
    'folders that extra behaviour is a trap, since a file that happens to be a tar archive is unpacked instead of ' +
    'copied, and readers cannot tell from the line what ends up in the layer. Use `COPY` for files and folders and ' +
    'keep `ADD` for the cases that need it. Reported only when no source is an archive name, a URL or a variable, ' +
    'so the quick fix (`ADD` → `COPY`, flags kept) never changes what is copied.',
  check(model, report) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'ADD') continue;
      if (ins.flags.some((f) => ADD_ONLY.has(f.name) || f.name === 'from')) continue;
      const { sources } = copyArguments(model, ins);
      if (sources.length === 0) continue;
      if (sources.some((s) => REMOTE.test(s.value) || ARCHIVE.test(s.value) || s.value.includes('$'))) continue;
      const heredoc = sources.every((s) => s.value.startsWith('<<'));
      const what = heredoc ? 'inline file content' : sources.length === 1 ? `\`${sources[0].value}\`` : `${sources.length} local sources`;
      const copy = ins.keywordText === ins.keywordText.toLowerCase() ? 'copy' : 'COPY';
      const fixes: Fix[] = [{ title: 'Use COPY', edits: [{ range: ins.keywordRange, newText: copy }], preferred: true }];
      report({
        range: ins.keywordRange,
        message: `\`ADD\` of ${what} behaves like \`COPY\` here, except that it would silently unpack a file that turns out to be a tar archive. Use \`COPY\` so the line says what lands in the layer.`,
        fixes,
      });
    }
  },
};
