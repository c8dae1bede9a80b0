import type { Finding, Fix } from '../core/findings';
import type { Range } from '../core/text/range';
import type { FileReport, LintReport } from './lint';

/**
 * The `--format json` contract (version 1). Field order and names are part of the contract; add fields
 * only with a version bump. Ranges are 0-based, UTF-16, end-exclusive, as in LSP.
 */
export interface JsonOutput {
  version: 1;
  files: JsonFile[];
}

export interface JsonFile {
  path: string;
  kind: 'dockerfile' | 'compose' | 'kubernetes' | 'unknown';
  findings: JsonFinding[];
  error?: string;
}

export interface JsonFinding {
  ruleId: string;
  category: string;
  severity: string;
  message: string;
  range: Range;
  equivalents: Record<string, string | string[]>;
  fixes: JsonFix[];
}

export interface JsonFix {
  title: string;
  edits: { range: Range; newText: string }[];
}

export function toJson(report: LintReport): JsonOutput {
  return { version: 1, files: report.files.map(jsonFile) };
}

export function formatJson(report: LintReport): string {
  return `${JSON.stringify(toJson(report), null, 2)}\n`;
}

function jsonFile(f: FileReport): JsonFile {
  return {
    path: f.path,
    kind: f.kind,
    findings: f.findings.map(jsonFinding),
    ...(f.error !== undefined ? { error: f.error } : {}),
  };
}

function copyRange(r: Range): Range {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

export function jsonFinding(f: Finding): JsonFinding {
  const equivalents: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(f.equivalents)) if (v !== undefined) equivalents[k] = v;
  return {
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    message: f.message,
    range: copyRange(f.range),
    equivalents,
    fixes: outputFixes(f.fixes).map((x) => ({
      title: x.title,
      edits: x.edits.map((e) => ({ range: copyRange(e.range), newText: e.newText })),
    })),
  };
}

/** Fixes worth printing: a `pin-digest` fix is only a hook for the editor until it has edits. */
export function outputFixes(fixes: readonly Fix[]): Fix[] {
  return fixes.filter((x) => !(x.kind === 'pin-digest' && x.edits.length === 0));
}
