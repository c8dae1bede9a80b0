import { SEVERITIES } from '../core/findings';
import type { Severity } from '../core/findings';
import type { AnalyzeSettings } from '../core/settings';

/** The `containerLens.*` settings the editor glue reads, validated. */
export interface EditorSettings {
  enable: boolean;
  /** Delay between the last keystroke and re-linting, in ms (0 = lint on every change). */
  debounceMs: number;
  analyze: AnalyzeSettings;
}

export const DEFAULT_DEBOUNCE_MS = 250;
/** Upper bound so a typo (250000) cannot silently switch linting off. */
export const MAX_DEBOUNCE_MS = 5000;

const SEVERITY_ALIASES: Record<string, Severity | 'off'> = {
  error: 'error',
  warning: 'warning',
  warn: 'warning',
  info: 'info',
  information: 'info',
  hint: 'hint',
  off: 'off',
  none: 'off',
  ignore: 'off',
};

/**
 * Read the settings through a getter (`vscode.WorkspaceConfiguration.get` in the editor, a plain
 * object in tests). Invalid values fall back to defaults instead of throwing; `problems` collects
 * what was ignored so the caller can log it once.
 */
export function readEditorSettings(get: (key: string) => unknown, problems: string[] = []): EditorSettings {
  const enable = get('enable');
  const debounce = get('lint.debounceMs');
  const minimum = get('lint.minimumSeverity');
  const rules = get('rules');

  let debounceMs = DEFAULT_DEBOUNCE_MS;
  if (typeof debounce === 'number' && Number.isFinite(debounce)) {
    debounceMs = Math.min(MAX_DEBOUNCE_MS, Math.max(0, Math.round(debounce)));
  } else if (debounce !== undefined && debounce !== null) {
    problems.push(`containerLens.lint.debounceMs: expected a number, got ${JSON.stringify(debounce)}`);
  }

  const analyze: AnalyzeSettings = {};
  const min = toSeverity(minimum);
  if (min && min !== 'off') analyze.minimumSeverity = min;
  else if (minimum !== undefined && minimum !== null) {
    problems.push(`containerLens.lint.minimumSeverity: expected one of ${SEVERITIES.join(', ')}, got ${JSON.stringify(minimum)}`);
  }

  if (rules && typeof rules === 'object' && !Array.isArray(rules)) {
    const out: Record<string, Severity | 'off'> = {};
    for (const [id, value] of Object.entries(rules as Record<string, unknown>)) {
      const sev = toSeverity(value);
      if (sev) out[id] = sev;
      else problems.push(`containerLens.rules.${id}: expected one of ${[...SEVERITIES, 'off'].join(', ')}, got ${JSON.stringify(value)}`);
    }
    if (Object.keys(out).length > 0) analyze.rules = out;
  } else if (rules !== undefined && rules !== null) {
    problems.push(`containerLens.rules: expected an object, got ${JSON.stringify(rules)}`);
  }

  return { enable: enable !== false, debounceMs, analyze };
}

function toSeverity(v: unknown): Severity | 'off' | undefined {
  if (typeof v === 'boolean') return v ? undefined : 'off';
  if (typeof v !== 'string') return undefined;
  return SEVERITY_ALIASES[v.trim().toLowerCase()];
}
