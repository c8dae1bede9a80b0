import { COMPOSE_RULES } from '../core/compose/rules';
import { DOCKERFILE_RULES } from '../core/dockerfile/rules';
import type { FileKind } from '../core/findings';
import { KUBERNETES_RULES } from '../core/kubernetes/rules';
import type { Rule } from '../core/rule';
import { YAML_RULES } from '../core/yaml/rules';

/** What the CLI, SARIF and the docs generator need of a rule (everything but `check`). */
export type RuleInfo = Omit<Rule<never>, 'check'>;

export interface CatalogEntry {
  /** The kind of file the rule runs on; `yaml` rules run on compose files and Kubernetes manifests alike. */
  kind: FileKind | 'yaml';
  rule: RuleInfo;
}

const entries = (kind: CatalogEntry['kind'], rules: readonly Rule<never>[]): CatalogEntry[] =>
  rules.map((rule) => ({ kind, rule: rule as unknown as RuleInfo }));

/** Every rule of every registry, in a stable order. Nothing else in the CLI lists rules. */
export const RULE_CATALOG: readonly CatalogEntry[] = [
  ...entries('dockerfile', DOCKERFILE_RULES as unknown as Rule<never>[]),
  ...entries('yaml', YAML_RULES as unknown as Rule<never>[]),
  ...entries('compose', COMPOSE_RULES as unknown as Rule<never>[]),
  ...entries('kubernetes', KUBERNETES_RULES as unknown as Rule<never>[]),
];

export function findRule(id: string): RuleInfo | undefined {
  return RULE_CATALOG.find((e) => e.rule.id === id)?.rule;
}
