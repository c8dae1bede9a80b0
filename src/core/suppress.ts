import type { Finding } from './findings';
import { equivalentIds } from './findings';
import type { LineIndex } from './text/range';

/**
 * Inline suppressions, read from the comment line(s) directly above a finding's first line:
 * - `# container-lens-ignore=<id>[,<id>]` (our ids, or a peer's id such as DL3002)
 * - `# hadolint ignore=DL3002,DL3008` (mapped through each rule's `equivalents`)
 * A file-wide BuildKit `# check=skip=A,B` (or `all`) silences rules whose BuildKit equivalent is listed.
 */
export interface Suppressions {
  /** 0-based line → ids ignored on that line. */
  byLine: Map<number, Set<string>>;
  /** BuildKit check names skipped for the file, or 'all'. */
  buildkitSkip: Set<string> | 'all';
}

const OWN = /#\s*container-lens-ignore\s*[=:]\s*([A-Za-z0-9_,\- ]+)/i;
const HADOLINT = /#\s*hadolint\s+ignore\s*=\s*([A-Za-z0-9_,\- ]+)/i;

export function readSuppressions(lines: LineIndex, buildkitSkip: string[] | 'all' = []): Suppressions {
  const byLine = new Map<number, Set<string>>();
  for (let line = 0; line < lines.lineCount; line++) {
    const text = lines.lineText(line);
    if (!text.includes('#')) continue;
    const m = OWN.exec(text) ?? HADOLINT.exec(text);
    if (!m) continue;
    const ids = m[1].split(/[,\s]+/).map((s) => s.trim().toLowerCase()).filter(Boolean);
    // The pragma applies to the next line that is not itself a comment or blank.
    let target = line + 1;
    while (target < lines.lineCount && /^\s*(#.*)?$/.test(lines.lineText(target))) target++;
    const trimmed = text.trimStart();
    // A trailing pragma (YAML allows `key: value # container-lens-ignore=x`) applies to its own line.
    if (!trimmed.startsWith('#')) target = line;
    const set = byLine.get(target) ?? new Set<string>();
    ids.forEach((id) => set.add(id));
    byLine.set(target, set);
  }
  const skip = buildkitSkip === 'all' ? 'all' : new Set(buildkitSkip.map((s) => s.toLowerCase()));
  return { byLine, buildkitSkip: skip };
}

export function isSuppressed(f: Finding, s: Suppressions): boolean {
  const ids = s.byLine.get(f.range.start.line);
  const mine = [f.ruleId, ...equivalentIds(f.equivalents)].map((x) => x.toLowerCase());
  if (ids && (ids.has('all') || mine.some((id) => ids.has(id)))) return true;
  const bk = f.equivalents.buildkit;
  if (bk) {
    const names = (Array.isArray(bk) ? bk : [bk]).map((x) => x.toLowerCase());
    if (s.buildkitSkip === 'all' || names.some((n) => (s.buildkitSkip as Set<string>).has(n))) return true;
  }
  return false;
}
