import type { Range, TextEdit } from './text/range';
import type { TopicId } from './knowledge/topics';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** What a finding is about; part of the CLI contract. */
export type Category = 'isolation' | 'layers' | 'reproducibility' | 'correctness' | 'resources';

export type FileKind = 'dockerfile' | 'compose' | 'kubernetes' | 'unknown';

/** Ids of the same concept in peer tools, so users who know them can map. */
export interface Equivalents {
  hadolint?: string | string[];
  buildkit?: string | string[];
  trivy?: string | string[];
  kubeLinter?: string | string[];
  polaris?: string | string[];
  kubeScore?: string | string[];
  kics?: string | string[];
  dclint?: string | string[];
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix an editor offers first (`isPreferred`). */
  preferred?: boolean;
  /**
   * Hook for fixes that need the outside world (registry, engine); the editor resolves them.
   * Offline fixes leave it unset.
   */
  kind?: 'offline' | 'pin-digest';
  /**
   * The fix leaves a placeholder the author must fill in (e.g. `:<tag>`): offered in the editor when
   * picked by hand, never applied by batch fixers such as `container-lens fix`.
   */
  needsInput?: boolean;
}

export interface RelatedLocation {
  range: Range;
  message: string;
}

export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  message: string;
  range: Range;
  topic: TopicId;
  equivalents: Equivalents;
  fixes: Fix[];
  related?: RelatedLocation[];
}

export function equivalentIds(e: Equivalents): string[] {
  const out: string[] = [];
  for (const v of Object.values(e)) {
    if (Array.isArray(v)) out.push(...v);
    else if (typeof v === 'string') out.push(v);
  }
  return out;
}
