import { describe, expect, it } from 'vitest';
import { RegistryError } from '../core/registry-error';
import { DriftChecker } from './drift-checker';
import { D1, D2, ScriptedResolver, facts } from './test-resolver';

const FILE = `FROM node:20@${D1}\nFROM alpine:3.20\n`;

function checker(resolver: ScriptedResolver) {
  let now = 0;
  const c = new DriftChecker({ resolver: async () => resolver, now: () => now });
  return { c, advance: (ms: number) => (now += ms) };
}

describe('DriftChecker', () => {
  it('asks the registry (only, no cache) about pinned tags and reports the moved ones', async () => {
    const r = new ScriptedResolver(new Map([['node:20', facts('node:20', D2)]]));
    const { c } = checker(r);
    const findings = await c.check(FILE, 'Dockerfile');
    expect(r.calls).toEqual([{ method: 'resolveMany', references: ['node:20'], opts: { registryOnly: true, noCache: true } }]);
    expect(findings.map((f) => [f.tagged, f.pinned, f.current, f.site.range.start.line])).toEqual([['node:20', D1, D2, 0]]);
  });

  it('asks at most once per reference per 10 minutes, across documents, and answers from memory meanwhile', async () => {
    const r = new ScriptedResolver(new Map([['node:20', facts('node:20', D2)]]));
    const { c, advance } = checker(r);
    await c.check(FILE, 'Dockerfile');
    advance(9 * 60_000);
    const again = await c.check(`FROM node:20@${D1}\n`, '/other/Dockerfile');
    expect(again).toHaveLength(1);
    expect(r.calls).toHaveLength(1);
    advance(60_000);
    await c.check(FILE, 'Dockerfile');
    expect(r.calls).toHaveLength(2);
    expect(c.asked).toBe(2);
  });

  it('a file without pinned tags asks nothing', async () => {
    const r = new ScriptedResolver();
    const { c } = checker(r);
    expect(c.hasTargets('FROM alpine:3.20\n', 'Dockerfile')).toBe(false);
    expect(await c.check('FROM alpine:3.20\n', 'Dockerfile')).toEqual([]);
    expect(r.calls).toHaveLength(0);
  });

  it('an edited digest is re-derived from the stored answer without asking again', async () => {
    const r = new ScriptedResolver(new Map([['node:20', facts('node:20', D2)]]));
    const { c } = checker(r);
    await c.check(FILE, 'Dockerfile');
    expect(c.findingsFor(`FROM node:20@${D2}\n`, 'Dockerfile')).toEqual([]);
    expect(r.calls).toHaveLength(1);
  });

  it('a failure reports nothing and keeps an earlier good answer', async () => {
    const answers = new Map<string, ReturnType<typeof facts> | Error>([['node:20', facts('node:20', D2)]]);
    const r = new ScriptedResolver(answers);
    const { c, advance } = checker(r);
    await c.check(FILE, 'Dockerfile');
    answers.set('node:20', new RegistryError('offline', 'No network.'));
    advance(11 * 60_000);
    expect(await c.check(FILE, 'Dockerfile')).toHaveLength(1);
    const fresh = checker(new ScriptedResolver(new Map([['node:20', new RegistryError('offline', 'No network.')]])));
    expect(await fresh.c.check(FILE, 'Dockerfile')).toEqual([]);
  });

  it('a resolver that cannot load is no exception', async () => {
    const c = new DriftChecker({ resolver: () => Promise.reject(new Error('no module')) });
    await expect(c.check(FILE, 'Dockerfile')).resolves.toEqual([]);
  });
});
