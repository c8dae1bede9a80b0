/**
 * Property test over real compose files and Kubernetes manifests: every offline fix offered on
 * every finding (edits, not a `pin-digest` hook), applied alone,
 * 1. leaves valid YAML (no parse error, same number of documents),
 * 2. changes at most one document: every other document stays byte-identical, and
 * 3. makes its own finding go away.
 * Placeholder fixes (`needsInput`) are held to the same standard: they are valid YAML by design.
 *
 * Findings are matched by rule id + the text they cover, not by line numbers, since fixes add and
 * remove lines. Generic over the registries: rules added later are covered without changes here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze';
import type { Finding } from '../../src/core/findings';
import { LineIndex } from '../../src/core/text/range';
import { applyYamlFix } from '../../src/core/yaml/testing';

const ROOT = process.env.CONTAINER_LENS_CORPUS ?? '/work/shared/corpus';
const present = ['compose', 'k8s'].every((d) => existsSync(join(ROOT, d)));
if (!present && process.env.CI === 'true') throw new Error(`corpus folders under ${ROOT} are missing under CI`);
if (!present) console.warn(`YAML fix property test skipped: ${ROOT}/{compose,k8s} not found`);

const files = present
  ? (['compose', 'k8s'] as const).flatMap((dir) =>
      readdirSync(join(ROOT, dir))
        .filter((f) => /\.ya?ml$/i.test(f))
        .sort()
        .map((f) => [dir, f] as const),
    )
  : [];

const kindOf = (dir: string): 'compose' | 'kubernetes' => (dir === 'compose' ? 'compose' : 'kubernetes');
const key = (lines: LineIndex, f: Finding) => `${f.ruleId}|${lines.slice(f.range)}`;
const count = (keys: string[], k: string) => keys.filter((x) => x === k).length;

const stats = { files: 0, fixes: 0, byRule: new Map<string, number>() };

describe.skipIf(!present)('every YAML fix on the corpus', () => {
  afterAll(() => {
    const rows = [...stats.byRule].sort((a, b) => b[1] - a[1]);
    console.log(`YAML fixes checked: ${stats.fixes} on ${stats.files} files\n${rows.map(([id, n]) => `  ${String(n).padStart(5)}  ${id}`).join('\n')}`);
  });

  it.each(files)('%s/%s', (dir, file) => {
    const text = readFileSync(join(ROOT, dir, file), 'utf8');
    const kind = kindOf(dir);
    const before = analyze(text, file, {}, kind);
    const lines = new LineIndex(text);
    const keysBefore = before.findings.map((f) => key(lines, f));
    stats.files++;
    const failures: string[] = [];
    for (const f of before.findings) {
      for (const fix of f.fixes) {
        if (fix.kind === 'pin-digest' || fix.edits.length === 0) continue;
        stats.fixes++;
        stats.byRule.set(f.ruleId, (stats.byRule.get(f.ruleId) ?? 0) + 1);
        const { out, problems } = applyYamlFix(text, fix);
        const k = key(lines, f);
        if (problems.length === 0) {
          const after = analyze(out, file, {}, kind);
          const outLines = new LineIndex(out);
          const keysAfter = after.findings.map((x) => key(outLines, x));
          if (count(keysAfter, k) >= count(keysBefore, k)) problems.push('its finding is still there');
        }
        if (problems.length) failures.push(`${f.ruleId} at line ${f.range.start.line + 1} "${fix.title}": ${problems.join('; ')}`);
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);
});
