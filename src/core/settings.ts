import type { Severity } from './findings';

/** What the user can set; the same object comes from VS Code settings or a CLI config. */
export interface AnalyzeSettings {
  /** Per-rule severity, or `off`. Keys are rule ids. */
  rules?: Record<string, Severity | 'off'>;
  /** Report only findings at or above this severity. */
  minimumSeverity?: Severity;
}

export const DEFAULT_SETTINGS: AnalyzeSettings = {};
