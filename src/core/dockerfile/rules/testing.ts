/** Test helpers for rule tables: findings as the text they cover. */
import { applyEdits } from '../../text/range';
import type { Finding } from '../../findings';
import { lintDockerfile } from '../lint';
import { parseDockerfile } from '../parse';

export function findings(text: string, ruleId: string): Finding[] {
  return lintDockerfile(text).filter((f) => f.ruleId === ruleId);
}

/** The text each finding of `ruleId` covers. */
export function covered(text: string, ruleId: string): string[] {
  const m = parseDockerfile(text);
  return findings(text, ruleId).map((f) => m.lines.slice(f.range));
}

/** Apply the first fix (or the one titled) of the first finding of `ruleId`. */
export function fixed(text: string, ruleId: string, titleIncludes?: string): string {
  const f = findings(text, ruleId)[0];
  if (!f) throw new Error(`no finding of ${ruleId}`);
  const fix = titleIncludes ? f.fixes.find((x) => x.title.includes(titleIncludes)) : f.fixes[0];
  if (!fix) throw new Error(`no fix on ${ruleId}`);
  return applyEdits(text, fix.edits);
}
