import { describe, expect, it } from 'vitest';
import pkg from '../../package.json';
import { COMMANDS } from './commands';
import { LazyDigestResolver, normaliseRegistryHost, readRegistrySettings } from './registry-loader';
import type { RegistryModule, RegistrySettings } from './registry-loader';
import { ScriptedResolver } from './test-resolver';

function settings(over: Partial<RegistrySettings> = {}): RegistrySettings {
  return { insecureRegistries: [], timeoutMs: 15000, preferLocalEngine: true, docker: { host: '', context: '' }, ...over };
}

function fakeModule() {
  const made: { options: unknown; resolver: ScriptedResolver }[] = [];
  let loads = 0;
  const mod: RegistryModule = {
    DigestResolver: class {
      constructor(options: unknown) {
        const resolver = new ScriptedResolver();
        made.push({ options, resolver });
        return resolver;
      }
    } as unknown as RegistryModule['DigestResolver'],
  };
  return { made, load: async () => { loads++; return mod; }, loads: () => loads };
}

describe('LazyDigestResolver', () => {
  it('loads nothing until asked, then once; peek never loads', async () => {
    const m = fakeModule();
    const lazy = new LazyDigestResolver({ settings: () => settings(), load: m.load });
    expect(lazy.peek()).toBeUndefined();
    expect(m.loads()).toBe(0);
    const [a, b] = await Promise.all([lazy.get(), lazy.get()]);
    expect(a).toBe(b);
    expect(m.loads()).toBe(1);
    expect(lazy.peek()).toBe(a);
  });

  it('passes the settings and the engine source; a settings change builds a new one and disposes the old', async () => {
    const m = fakeModule();
    let current = settings({ insecureRegistries: ['registry.lan:5000'], timeoutMs: 2000 });
    const engines: { disposed: boolean }[] = [];
    const lazy = new LazyDigestResolver({
      settings: () => current,
      load: m.load,
      engine: () => {
        const e = { disposed: false, imageRepoDigests: async () => undefined, dispose() { e.disposed = true; } };
        engines.push(e);
        return e;
      },
    });
    const first = (await lazy.get()) as ScriptedResolver;
    expect(m.made[0].options).toMatchObject({ insecureRegistries: ['registry.lan:5000'], timeoutMs: 2000, useEngine: true });
    expect((m.made[0].options as { engine: unknown }).engine).toBe(engines[0]);
    expect(await lazy.get()).toBe(first);
    current = settings({ preferLocalEngine: false });
    const second = await lazy.get();
    expect(second).not.toBe(first);
    expect(first.disposed).toBe(true);
    expect(engines[0].disposed).toBe(true);
    expect(m.made[1].options).toMatchObject({ engine: false, useEngine: false });
    lazy.dispose();
    expect((second as ScriptedResolver).disposed).toBe(true);
    await expect(lazy.get()).rejects.toThrow(/shutting down/);
  });

  it('a failed load is retried on the next use', async () => {
    let fail = true;
    const m = fakeModule();
    const lazy = new LazyDigestResolver({ settings: () => settings(), load: async () => { if (fail) throw new Error('boom'); return m.load(); } });
    await expect(lazy.get()).rejects.toThrow('boom');
    fail = false;
    await expect(lazy.get()).resolves.toBeInstanceOf(ScriptedResolver);
  });
});

describe('readRegistrySettings', () => {
  it('reads valid values and defaults the rest', () => {
    const values: Record<string, unknown> = {
      'registry.insecureRegistries': ['http://Registry.LAN:5000/', 'registry.lan:5000', '10.0.0.2:5000'],
      'registry.timeoutMs': 2500,
      'digests.preferLocalEngine': false,
      'docker.host': ' unix:///run/docker.sock ',
    };
    expect(readRegistrySettings((k) => values[k])).toEqual({
      insecureRegistries: ['registry.lan:5000', '10.0.0.2:5000'],
      timeoutMs: 2500,
      preferLocalEngine: false,
      docker: { host: 'unix:///run/docker.sock', context: '' },
    });
    expect(readRegistrySettings(() => undefined)).toEqual(settings());
  });

  it('ignores bad values and says why', () => {
    const problems: string[] = [];
    const values: Record<string, unknown> = { 'registry.insecureRegistries': ['ok.lan', 'has/path', 7], 'registry.timeoutMs': -1 };
    const s = readRegistrySettings((k) => values[k], problems);
    expect(s.insecureRegistries).toEqual(['ok.lan']);
    expect(s.timeoutMs).toBe(15000);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain('"has/path" is not a registry host');
    expect(problems[2]).toContain('containerLens.registry.timeoutMs');
  });

  it.each([
    ['registry.lan', 'registry.lan'],
    ['https://ghcr.io', 'ghcr.io'],
    ['[::1]:5000', '[::1]:5000'],
    ['localhost:5000', 'localhost:5000'],
    ['', undefined],
    ['a b', undefined],
    ['-bad.lan', undefined],
  ])('normaliseRegistryHost(%j)', (input, expected) => {
    expect(normaliseRegistryHost(input)).toBe(expected);
  });
});

describe('package.json: the pinning settings and menus', () => {
  const c = pkg.contributes as Record<string, any>;
  const props = c.configuration.properties as Record<string, { default: unknown; scope: string; type: string }>;

  it('declares the defaults the settings reader falls back to', () => {
    const d = readRegistrySettings(() => undefined);
    expect(props['containerLens.registry.insecureRegistries'].default).toEqual(d.insecureRegistries);
    expect(props['containerLens.registry.timeoutMs'].default).toBe(d.timeoutMs);
    expect(props['containerLens.digests.preferLocalEngine'].default).toBe(d.preferLocalEngine);
    expect(props['containerLens.digests.checkDrift'].default).toBe(false);
  });

  it('keeps plain HTTP and background requests out of workspace settings', () => {
    expect(props['containerLens.registry.insecureRegistries'].scope).toBe('machine');
    expect(props['containerLens.digests.checkDrift'].scope).toBe('machine');
  });

  it('puts Pin all and Update in the editor title and context menus of our languages', () => {
    for (const menu of ['editor/title', 'editor/context']) {
      const ids = (c.menus[menu] as { command: string; when: string }[]).filter((m) => /dockerfile/.test(m.when)).map((m) => m.command);
      expect(ids).toEqual(expect.arrayContaining([COMMANDS.pinAllImages, COMMANDS.updatePinnedDigests]));
    }
  });
});
