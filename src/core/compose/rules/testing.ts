/** Test helpers for compose rule tables: findings as the text they cover, fixes applied and checked. */
import { parseAllDocuments } from 'yaml';
import type { Finding, Fix } from '../../findings';
import { applyYamlFix } from '../../yaml/testing';
import { lintCompose } from '../lint';
import { parseCompose } from '../parse';

export function findings(text: string, ruleId: string): Finding[] {
  return lintCompose(text).filter((f) => f.ruleId === ruleId);
}

/** The text each finding of `ruleId` covers. */
export function covered(text: string, ruleId: string): string[] {
  const m = parseCompose(text);
  return findings(text, ruleId).map((f) => m.lines.slice(f.range));
}

export function fixOf(text: string, ruleId: string, titleIncludes?: string, index = 0): Fix {
  const f = findings(text, ruleId)[index];
  if (!f) throw new Error(`no finding of ${ruleId}`);
  const fix = titleIncludes ? f.fixes.find((x) => x.title.includes(titleIncludes)) : f.fixes[0];
  if (!fix) throw new Error(`no fix on ${ruleId}: ${f.fixes.map((x) => x.title).join(', ')}`);
  return fix;
}

/**
 * Apply a fix of the `index`th finding of `ruleId` and check what every fix must do: the result is
 * valid YAML, and that finding is gone (the rule reports one finding fewer).
 */
export function fixed(text: string, ruleId: string, titleIncludes?: string, index = 0): string {
  const before = findings(text, ruleId).length;
  const { out, problems } = applyYamlFix(text, fixOf(text, ruleId, titleIncludes, index));
  if (problems.length) throw new Error(`${problems.join('\n')}\n${out}`);
  const after = findings(out, ruleId).length;
  if (after !== before - 1) throw new Error(`fix left ${after} of ${before} findings of ${ruleId}:\n${out}`);
  return out;
}

/** The JSON value of the first document. */
export function tree(text: string): unknown {
  return parseAllDocuments(text)[0]?.toJS();
}
