import type { Category, Equivalents, Fix, RelatedLocation, Severity } from './findings';
import type { TopicId } from './knowledge/topics';
import type { Range } from './text/range';

export interface Report {
  range: Range;
  message: string;
  fixes?: Fix[];
  related?: RelatedLocation[];
}

/**
 * A rule is plain data plus a check function. Rules never decide their final severity:
 * settings are applied in one place (`applySettings`).
 */
export interface Rule<Model> {
  /** Stable kebab-case id, used as `Diagnostic.code` and in ignore pragmas. */
  id: string;
  /** One line: what the rule looks for. */
  title: string;
  category: Category;
  defaultSeverity: Severity;
  topic: TopicId;
  equivalents: Equivalents;
  /** Markdown: why it matters and what to do, for docs/rules.md and SARIF help. */
  docs: string;
  check(model: Model, report: (r: Report) => void): void;
}

/** Ids that start with a peer's prefix are recognisable in ignore pragmas. */
export type AnyRule = Rule<never>;
