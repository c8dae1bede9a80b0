import type { Finding, Severity } from './findings';
import { SEVERITIES } from './findings';
import type { Rule } from './rule';
import type { AnalyzeSettings } from './settings';
import { isSuppressed, readSuppressions } from './suppress';
import type { LineIndex } from './text/range';

/**
 * Run rules over a model and apply settings and suppressions: the one place that decides a
 * finding's final severity. A rule that throws is reported as an internal finding, never rethrown.
 */
export function runRules<M>(
  rules: readonly Rule<M>[],
  model: M,
  lines: LineIndex,
  settings: AnalyzeSettings,
  buildkitSkip: string[] | 'all' = [],
): Finding[] {
  const suppressions = readSuppressions(lines, buildkitSkip);
  const out: Finding[] = [];
  const threshold = settings.minimumSeverity ? SEVERITIES.indexOf(settings.minimumSeverity) : SEVERITIES.length - 1;
  for (const rule of rules) {
    const configured = settings.rules?.[rule.id];
    if (configured === 'off') continue;
    const severity: Severity = configured ?? rule.defaultSeverity;
    if (SEVERITIES.indexOf(severity) > threshold) continue;
    try {
      rule.check(model, (r) => {
        const f: Finding = {
          ruleId: rule.id,
          category: rule.category,
          severity,
          message: r.message,
          range: r.range,
          topic: rule.topic,
          equivalents: rule.equivalents,
          fixes: r.fixes ?? [],
          ...(r.related ? { related: r.related } : {}),
        };
        if (!isSuppressed(f, suppressions)) out.push(f);
      });
    } catch (e) {
      out.push({
        ruleId: 'internal-error',
        category: 'correctness',
        severity: 'hint',
        message: `Container Lens rule ${rule.id} failed on this file: ${e instanceof Error ? e.message : String(e)}`,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        topic: 'dockerfile-syntax',
        equivalents: {},
        fixes: [],
      });
    }
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
