import { DOCKERFILE_RULES } from '../core/dockerfile/rules';
import type { FileKind } from '../core/findings';
import type { Rule } from '../core/rule';

/** What the CLI, SARIF and the docs generator need of a rule (everything but `check`). */
export type RuleInfo = Omit<Rule<never>, 'check'>;

export interface CatalogEntry {
  /** The kind of file the rule runs on. */
  kind: FileKind;
  rule: RuleInfo;
}

/**
 * Every rule of every registry, in a stable order. Compose and Kubernetes registries join here when
 * they exist; nothing else in the CLI lists rules.
 */
export const RULE_CATALOG: readonly CatalogEntry[] = [
  ...DOCKERFILE_RULES.map((rule) => ({ kind: 'dockerfile' as FileKind, rule: rule as unknown as RuleInfo })),
];

export function findRule(id: string): RuleInfo | undefined {
  return RULE_CATALOG.find((e) => e.rule.id === id)?.rule;
}
