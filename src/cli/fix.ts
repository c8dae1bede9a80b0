import { analyze } from '../core/analyze';
import type { FileKind, Finding, Fix } from '../core/findings';
import type { AnalyzeSettings } from '../core/settings';
import { LineIndex, applyEdits } from '../core/text/range';
import type { TextEdit } from '../core/text/range';

/** Passes over the text before giving up: a fix that re-creates its own finding must not loop forever. */
export const MAX_FIX_PASSES = 10;

export interface FixOptions {
  /** Only fix findings of these rule ids (all when empty or unset). */
  rules?: ReadonlySet<string>;
  settings?: AnalyzeSettings;
  kind?: FileKind;
  /** Replaces the analysis (tests use it to feed findings with crafted fixes). */
  findings?: (text: string) => Finding[];
}

export interface FixOutcome {
  text: string;
  /** Fixes applied, in order. */
  applied: { ruleId: string; title: string }[];
  /** Findings (of the selected rules) left after the last pass. */
  remaining: Finding[];
  passes: number;
}

/**
 * The fix applied without asking: the preferred one, else the first; only offline fixes that have edits
 * (a `pin-digest` fix needs the registry, which the editor resolves).
 */
export function chooseFix(f: Finding): Fix | undefined {
  // placeholders need a human; a batch fix must never write `:<tag>` into a Dockerfile
  const usable = f.fixes.filter((x) => x.kind !== 'pin-digest' && !x.needsInput && x.edits.length > 0);
  return usable.find((x) => x.preferred) ?? usable[0];
}

interface Span {
  start: number;
  end: number;
}

/** Touching spans count as overlapping: two inserts at one offset would otherwise depend on order. */
function overlaps(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/**
 * Apply offline fixes until no finding has one (or nothing changes, or the pass cap is hit). In each pass
 * fixes are taken in document order and one that overlaps an earlier one waits for the next pass, where
 * it is recomputed against the new text. Inserted line breaks follow the file's own line endings.
 */
export function fixText(input: string, fileName: string, options: FixOptions = {}): FixOutcome {
  const selected = (f: Finding) => !options.rules || options.rules.size === 0 || options.rules.has(f.ruleId);
  const analyzeText = options.findings ?? ((t: string) => analyze(t, fileName, options.settings, options.kind).findings);
  let text = input;
  const applied: FixOutcome['applied'] = [];
  let passes = 0;
  for (; passes < MAX_FIX_PASSES; passes++) {
    const findings = analyzeText(text).filter(selected);
    const lines = new LineIndex(text);
    const crlf = lines.eol === '\r\n';
    const taken: Span[] = [];
    const edits: TextEdit[] = [];
    const thisPass: FixOutcome['applied'] = [];
    for (const f of findings) {
      const fix = chooseFix(f);
      if (!fix) continue;
      const spans = fix.edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end) }));
      if (spans.some((s) => taken.some((t) => overlaps(s, t)))) continue;
      taken.push(...spans);
      for (const e of fix.edits) edits.push({ range: e.range, newText: crlf ? e.newText.replace(/\r?\n/g, '\r\n') : e.newText });
      thisPass.push({ ruleId: f.ruleId, title: fix.title });
    }
    if (edits.length === 0) break;
    let next: string;
    try {
      next = applyEdits(text, edits);
    } catch {
      break; // a fix whose own edits overlap: leave the text as the last good pass made it
    }
    if (next === text) break;
    text = next;
    applied.push(...thisPass);
  }
  const remaining = analyzeText(text).filter(selected);
  return { text, applied, remaining, passes };
}
