import type { Severity } from '../core/findings';
import { SEVERITIES } from '../core/findings';
import type { LintReport } from './lint';
import { atLeast } from './lint';

const COLORS: Record<Severity | 'dim' | 'bold', [number, number]> = {
  error: [31, 39],
  warning: [33, 39],
  info: [36, 39],
  hint: [2, 22],
  dim: [2, 22],
  bold: [1, 22],
};

function paint(on: boolean, style: keyof typeof COLORS, s: string): string {
  return on ? `\u001b[${COLORS[style][0]}m${s}\u001b[${COLORS[style][1]}m` : s;
}

/** Compiler-style lines: `path:line:col: severity [rule-id] message` (1-based), then a summary line. */
export function formatText(report: LintReport, options: { color: boolean; threshold: Severity }): string {
  const c = options.color;
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let failed = 0;
  for (const file of report.files) {
    if (file.error !== undefined) {
      lines.push(`${paint(c, 'bold', file.path)}: ${paint(c, 'error', 'error')} ${file.error}`);
      failed++;
    }
    for (const f of file.findings) {
      counts[f.severity]++;
      const where = `${file.path}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      lines.push(`${paint(c, 'bold', where)}: ${paint(c, f.severity, f.severity)} ${paint(c, 'dim', `[${f.ruleId}]`)} ${f.message}`);
    }
  }
  const total = SEVERITIES.reduce((n, s) => n + counts[s], 0);
  const analysed = report.files.length - failed;
  const fileWord = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
  let summary: string;
  if (total === 0) {
    summary = `No findings in ${fileWord(analysed)}.`;
  } else {
    const parts = SEVERITIES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}${counts[s] === 1 || s === 'info' ? '' : 's'}`);
    const failing = SEVERITIES.filter((s) => atLeast(s, options.threshold)).reduce((n, s) => n + counts[s], 0);
    summary =
      `${total} finding${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${fileWord(analysed)}; ` +
      `${failing} at or above the threshold "${options.threshold}".`;
  }
  if (failed > 0) summary += ` ${fileWord(failed)} could not be analysed.`;
  lines.push(summary);
  return `${lines.join('\n')}\n`;
}
