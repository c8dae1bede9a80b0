import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISOLATION_LEVELS } from '../isolation/spectrum';
import { TYPICAL_TIMES, TYPICAL_VM_IMAGES, panelContent } from './content';
import type { Figure, SeedId } from './content';

/** The seeds sit beside the repository (`../shared/seeds` in CI), or at the workspace's shared folder. */
const SEED_DIRS = [join(__dirname, '../../../../shared/seeds'), '/work/shared/seeds'];
const seedDir = SEED_DIRS.find((d) => existsSync(d));

function seedText(id: SeedId): string {
  const f = readdirSync(seedDir!).find((n) => n.startsWith(`${id}_`));
  if (!f) throw new Error(`seed ${id} missing in ${seedDir}`);
  // "30,000ms" and "30-120" alike: drop thousands separators
  return readFileSync(join(seedDir!, f), 'utf8').replace(/,(?=\d{3}\b)/g, '');
}

/** Numbers in a figure's text (`30–60 s` → 30, 60; `100 thousand` → 100). */
function numbers(text: string): string[] {
  return [...text.matchAll(/\d+(?:\.\d+)?/g)].map((m) => m[0]);
}

function appearsIn(n: string, text: string): boolean {
  return new RegExp(`(^|[^\\d.])${n.replace('.', '\\.')}(?![\\d])`).test(text);
}

const c = panelContent();
const figures: [string, Figure][] = c.table.flatMap((r) => [
  [`${r.id}/vm`, r.vm],
  [`${r.id}/container`, r.container],
]);

describe('panel content', () => {
  it('has both stacks, the image layers with the writable layer on top, and every spectrum step', () => {
    expect(c.stacks.map((s) => s.id)).toEqual(['vm', 'container', 'image']);
    const vm = c.stacks[0].layers.map((l) => l.kind);
    expect(vm).toEqual(['hardware', 'hypervisor', 'kernel', 'os', 'app']);
    expect(c.stacks[0].layers.find((l) => l.kind === 'kernel')!.perInstance).toBe(true);
    expect(c.stacks[1].layers.find((l) => l.kind === 'kernel')!.perInstance).toBe(false);
    expect(c.stacks[1].layers.map((l) => l.label).join(' ')).toMatch(/dockerd → containerd → runc/);
    expect(c.stacks[2].layers.at(-1)!.kind).toBe('writable');
    expect(c.spectrum.map((s) => s.level)).toEqual([...ISOLATION_LEVELS]);
    expect(c.spectrum.find((s) => s.level === 'microvm')!.costs).toMatch(/30–50 ms.*100 MB/);
  });

  it('the table has the rows the issue asks for, each with a cause', () => {
    expect(c.table.map((r) => r.id)).toEqual(
      expect.arrayContaining(['isolation', 'boundary', 'startup', 'image-size', 'density', 'os', 'overhead', 'use']),
    );
    for (const r of c.table) expect(r.dependsOn.length).toBeGreaterThan(20);
    const start = c.table.find((r) => r.id === 'startup')!;
    expect(start.vm.range).toBe('30 s – 5 min');
    expect(start.container.typical).toBe('milliseconds');
  });

  it('every figure cites at least one seed', () => {
    for (const [, f] of figures) expect(f.seeds.length).toBeGreaterThan(0);
    for (const s of c.spectrum) expect(s.seeds.length).toBeGreaterThan(0);
    for (const u of [...c.whenToUse.containers, ...c.whenToUse.vms, ...c.hybrid.points]) expect(u.seeds.length).toBeGreaterThan(0);
  });
});

describe('figures are traceable to the seeds they cite', () => {
  const present = seedDir !== undefined;
  const inCi = process.env.CI === 'true' || process.env.CI === '1';
  it('the seed documents are here', () => {
    if (!present && !inCi) return void console.warn('seed documents absent: figure checks skipped');
    expect(present, `no seeds in ${SEED_DIRS.join(' or ')}`).toBe(true);
  });

  it.each(figures)('%s: each number appears in one of its seeds', (_name, f) => {
    if (!present) return;
    const texts = f.seeds.map(seedText);
    const missing = numbers(`${f.typical} ${f.range ?? ''}`).filter((n) => !texts.some((t) => appearsIn(n, t)));
    expect(missing).toEqual([]);
  });

  it('spectrum costs and the typical values used for "measured here"', () => {
    if (!present) return;
    for (const s of c.spectrum) {
      const texts = s.seeds.map(seedText);
      const missing = numbers(s.costs).filter((n) => !texts.some((t) => appearsIn(n, t)));
      expect(missing, s.level).toEqual([]);
    }
    const gb = (n: number) => String(n / 1e9);
    const mb = (n: number) => String(n / 1e6);
    for (const v of TYPICAL_VM_IMAGES) {
      const texts = v.seeds.map(seedText);
      const low = v.low >= 1e9 ? gb(v.low) : mb(v.low);
      expect(texts.some((t) => appearsIn(low, t)), v.label).toBe(true);
    }
    for (const t of Object.values(TYPICAL_TIMES)) {
      const texts = t.seeds.map(seedText);
      const asSeconds = (ms: number) => (ms >= 1000 ? [String(ms / 1000), String(ms / 60_000)] : [String(ms)]);
      for (const ms of [t.low, t.high]) expect(asSeconds(ms).some((n) => texts.some((x) => appearsIn(n, x))), `${t.label} ${ms}`).toBe(true);
    }
  });
});
