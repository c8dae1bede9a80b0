/**
 * One test over every rule registry: the promises the architecture makes about rules hold for all of them.
 * (A test may read files; the code under src/core may not.)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPOSE_RULES } from './compose/rules';
import { DOCKERFILE_RULES } from './dockerfile/rules';
import { KUBERNETES_RULES } from './kubernetes/rules';
import { YAML_RULES } from './yaml/rules';
import type { Category, Severity } from './findings';
import { SEVERITIES } from './findings';
import { TOPIC_IDS, TOPICS } from './knowledge/topics';
import type { Rule } from './rule';

const REPO = resolve(__dirname, '../..');

/** Every registry with the folder its rule files live in, and the prefix its ids carry. */
const REGISTRIES: { name: string; dir: string; rules: readonly Rule<never>[]; prefix?: string }[] = [
  { name: 'dockerfile', dir: 'src/core/dockerfile/rules', rules: DOCKERFILE_RULES as unknown as Rule<never>[] },
  { name: 'yaml', dir: 'src/core/yaml/rules', rules: YAML_RULES as unknown as Rule<never>[] },
  { name: 'compose', dir: 'src/core/compose/rules', rules: COMPOSE_RULES as unknown as Rule<never>[], prefix: 'compose-' },
  { name: 'kubernetes', dir: 'src/core/kubernetes/rules', rules: KUBERNETES_RULES as unknown as Rule<never>[], prefix: 'k8s-' },
];

/** Files in a rules folder that are not rules. */
const NOT_RULES = new Set(['index.ts', 'testing.ts', 'support.ts']);

const CATEGORIES: readonly Category[] = ['isolation', 'layers', 'reproducibility', 'correctness', 'resources'];
const EQUIVALENT_KEYS = ['hadolint', 'buildkit', 'trivy', 'kubeLinter', 'polaris', 'kubeScore', 'kics', 'dclint'];
const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const all = REGISTRIES.flatMap((r) => r.rules.map((rule) => ({ registry: r, rule })));
const table = all.map(({ registry, rule }) => [rule.id, registry, rule] as const);

const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
const configuration = pkg.contributes?.configuration;
const sections: { properties?: Record<string, { properties?: Record<string, { enum?: string[]; default?: string }> }> }[] =
  Array.isArray(configuration) ? configuration : configuration ? [configuration] : [];
const rulesSchema = sections.find((s) => s.properties?.['containerLens.rules'])?.properties?.['containerLens.rules'];
const docsPath = join(REPO, 'docs/rules.md');
const docs = existsSync(docsPath) ? readFileSync(docsPath, 'utf8') : '';

describe('rule registries', () => {
  it('have rules', () => {
    expect(all.length).toBeGreaterThan(0);
  });

  it('ids are unique across registries', () => {
    const ids = all.map((x) => x.rule.id);
    const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(dupes).toEqual([]);
  });

  it.each(REGISTRIES.map((r) => [r.name, r] as const))('%s: every rule file is registered', (_name, registry) => {
    const ids = new Set(registry.rules.map((r) => r.id));
    const files = readdirSync(join(REPO, registry.dir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !NOT_RULES.has(f));
    expect(files.filter((f) => !ids.has(f.slice(0, -3)))).toEqual([]);
  });

  it('package.json declares the containerLens.rules setting', () => {
    expect(rulesSchema).toBeDefined();
  });
});

describe.each(table)('%s', (id, registry, rule) => {
  it('has a kebab-case id with its registry\'s prefix', () => {
    expect(id).toMatch(KEBAB);
    if (registry.prefix) expect(id.startsWith(registry.prefix)).toBe(true);
  });

  it('lives in <id>.ts with a <id>.test.ts beside it', () => {
    expect(existsSync(join(REPO, registry.dir, `${id}.ts`))).toBe(true);
    expect(existsSync(join(REPO, registry.dir, `${id}.test.ts`))).toBe(true);
  });

  it('has a title and docs', () => {
    expect(rule.title.trim().length).toBeGreaterThan(0);
    expect(rule.title).not.toMatch(/\n/);
    expect(rule.docs.trim().length).toBeGreaterThan(40);
  });

  it('has a valid category, severity and topic', () => {
    expect(CATEGORIES).toContain(rule.category);
    expect(SEVERITIES as readonly Severity[]).toContain(rule.defaultSeverity);
    expect(TOPIC_IDS as readonly string[]).toContain(rule.topic);
    expect(TOPICS[rule.topic]).toBeDefined();
  });

  it('names equivalents only of known peers', () => {
    for (const [key, value] of Object.entries(rule.equivalents)) {
      expect(EQUIVALENT_KEYS).toContain(key);
      const ids = Array.isArray(value) ? value : [value];
      expect(ids.length).toBeGreaterThan(0);
      for (const v of ids) expect(typeof v === 'string' && v.trim().length > 0).toBe(true);
    }
  });

  it('is in the containerLens.rules settings schema with its default severity', () => {
    const prop = rulesSchema?.properties?.[id];
    expect(prop, 'run `npm run gen:docs`').toBeDefined();
    expect(prop?.enum).toEqual(['error', 'warning', 'info', 'hint', 'off']);
    expect(prop?.default).toBe(rule.defaultSeverity);
  });

  it('has a section in docs/rules.md', () => {
    expect(docs.includes(`\n### ${id}\n`), 'run `npm run gen:docs`').toBe(true);
  });
});
