/** Test helpers for YAML fixes (used by rule tests and the fix property test; not shipped code paths). */
import { parseAllDocuments } from 'yaml';
import type { Finding, Fix } from '../findings';
import { applyEdits } from '../text/range';
import type { LineIndex } from '../text/range';

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

/**
 * Rule-table helpers for one YAML file kind (compose or Kubernetes): findings as the text they cover,
 * and fixes applied and checked as every YAML fix must behave.
 */
export function ruleTableHelpers(lint: (text: string) => Finding[], lines: (text: string) => LineIndex) {
  const findings = (text: string, ruleId: string): Finding[] => lint(text).filter((f) => f.ruleId === ruleId);
  const covered = (text: string, ruleId: string): string[] => {
    const index = lines(text);
    return findings(text, ruleId).map((f) => index.slice(f.range));
  };
  const fixOf = (text: string, ruleId: string, titleIncludes?: string, index = 0): Fix => {
    const f = findings(text, ruleId)[index];
    if (!f) throw new Error(`no finding of ${ruleId}`);
    const fix = titleIncludes ? f.fixes.find((x) => x.title.includes(titleIncludes)) : f.fixes[0];
    if (!fix) throw new Error(`no fix on ${ruleId}: ${f.fixes.map((x) => x.title).join(', ')}`);
    return fix;
  };
  /** Apply a fix of the `index`th finding: valid YAML, other documents untouched, one finding fewer. */
  const fixed = (text: string, ruleId: string, titleIncludes?: string, index = 0): string => {
    const before = findings(text, ruleId).length;
    const { out, problems } = applyYamlFix(text, fixOf(text, ruleId, titleIncludes, index));
    if (problems.length) throw new Error(`${problems.join('\n')}\n${out}`);
    const after = findings(out, ruleId).length;
    if (after !== before - 1) throw new Error(`fix left ${after} of ${before} findings of ${ruleId}:\n${out}`);
    return out;
  };
  /** The JSON value of the `index`th document. */
  const tree = (text: string, index = 0): unknown => parseAllDocuments(text)[index]?.toJS();
  return { findings, covered, fixOf, fixed, tree };
}
