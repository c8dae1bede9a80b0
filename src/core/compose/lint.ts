import type { Finding } from '../findings';
import { runRules } from '../run-rules';
import type { AnalyzeSettings } from '../settings';
import { YAML_RULES } from '../yaml/rules';
import type { ComposeModel } from './model';
import { parseCompose } from './parse';
import { COMPOSE_RULES } from './rules';

/**
 * Lint a compose file: the YAML rules (syntax, templates), then the compose rules. On a file with
 * YAML errors the findings keep no fixes: edits computed from a tree the parser had to guess at
 * could make things worse.
 */
export function lintCompose(text: string, settings: AnalyzeSettings = {}, model?: ComposeModel, fileName?: string): Finding[] {
  const m = model ?? parseCompose(text, fileName);
  const findings = [...runRules(YAML_RULES, m.yaml, m.lines, settings), ...runRules(COMPOSE_RULES, m, m.lines, settings)];
  const broken = !m.templated && m.yaml.problems.some((p) => p.severity === 'error');
  if (broken) for (const f of findings) f.fixes = [];
  return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
