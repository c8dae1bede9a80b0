/** Test helpers for YAML fixes (used by rule tests and the fix property test; not shipped code paths). */
import { parseAllDocuments } from 'yaml';
import type { Fix } from '../findings';
import { applyEdits } from '../text/range';

/** The source text of each document, `---` lines excluded. */
export function documentTexts(text: string): string[] {
  return parseAllDocuments(text).map((d) => text.slice(d.range[0], d.range[2]));
}

export interface FixCheck {
  out: string;
  /** Problems found; empty when the fix behaved. */
  problems: string[];
}

/**
 * Apply a fix and check what every YAML fix must do: the result parses without errors, at most one
 * document changed and every other one is byte-identical.
 */
export function applyYamlFix(text: string, fix: Fix): FixCheck {
  const problems: string[] = [];
  let out = text;
  try {
    out = applyEdits(text, fix.edits);
  } catch (e) {
    return { out, problems: [`edits do not apply: ${e instanceof Error ? e.message : String(e)}`] };
  }
  const docs = parseAllDocuments(out);
  const errors = docs.flatMap((d) => ('errors' in d ? d.errors.map((e) => e.message) : []));
  if (errors.length) problems.push(`invalid YAML after "${fix.title}": ${errors.join('; ')}`);
  const before = documentTexts(text);
  const after = documentTexts(out);
  if (before.length !== after.length) problems.push(`document count changed from ${before.length} to ${after.length}`);
  else {
    const changed = before.filter((d, i) => d !== after[i]).length;
    if (changed > 1) problems.push(`${changed} documents changed`);
  }
  return { out, problems };
}
