/**
 * The offline source against the real private dockerd (scripts/engine/start-engine.sh): its busybox
 * image is imported, so it has no RepoDigests and the resolver must fall back to the registry. After
 * the engine pushes that image to the loopback registry, RepoDigests holds the registry's digest and
 * the engine answers by itself.
 */
import * as http from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DigestResolver, engineDigestSource, RegistryError } from '../../src/registry';
import type { EngineDigestSource } from '../../src/registry';
import { startRegistry } from './harness';
import type { TestRegistry } from './harness';

const info = inject('registrySuite');
const engine = info.engine;
const ready = info.tools.available && engine.available;

/** A raw Engine API call over the private socket (tag and push are not part of EngineClient). */
function engineCall(method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  if (!engine.available) throw new Error('no engine');
  const socketPath = engine.dockerHost.replace(/^unix:\/\//, '');
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, path: `/v1.41${path}`, method, headers, timeout: 60_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer`)));
    req.on('error', reject);
    req.end();
  });
}

describe.skipIf(!ready)(`the local engine as digest source${ready ? '' : ' (skipped: no registry tools or no engine)'}`, () => {
  let reg: TestRegistry;
  let source: EngineDigestSource;
  let name: string;
  beforeAll(async () => {
    if (!engine.available) return;
    reg = await startRegistry({ fixtures: false });
    // the engine as the editor's `containerLens.docker.host` setting names it (the setting wins over DOCKER_HOST)
    source = engineDigestSource({ settings: () => ({ host: engine.available ? engine.dockerHost : '' }), timeoutMs: 10_000 });
    name = `${reg.host}/cl/busybox`;
  });
  afterAll(async () => {
    if (name) await engineCall('DELETE', `/images/${encodeURIComponent(`${name}:1`)}?noprune=1`).catch(() => undefined);
    source?.dispose();
    await reg?.stop();
  });

  it('an imported image has no RepoDigests; an unknown image is undefined', async () => {
    expect(await source.imageRepoDigests(engine.available ? engine.image : '')).toEqual([]);
    expect(await source.imageRepoDigests('container-lens-test/never-there:1')).toBeUndefined();
  });

  it('no digest from the engine: the resolver asks the registry (which does not have it yet)', async () => {
    const tag = await engineCall('POST', `/images/${encodeURIComponent(engine.available ? engine.image : '')}/tag?repo=${encodeURIComponent(name)}&tag=1`);
    expect(tag.status).toBe(201);
    expect(await source.imageRepoDigests(`${name}:1`)).toEqual([]);
    const r = new DigestResolver({ engine: source, env: {} });
    const e = await r.resolve(`${name}:1`).then(
      () => undefined,
      (x: unknown) => x,
    );
    r.dispose();
    expect(e).toBeInstanceOf(RegistryError);
    expect((e as RegistryError).code).toBe('not-found');
  });

  it('after the engine pushes it, RepoDigests names the registry digest and the engine answers offline', async () => {
    const push = await engineCall('POST', `/images/${encodeURIComponent(name)}/push?tag=1`, { 'X-Registry-Auth': Buffer.from('{}').toString('base64') });
    expect(push.status).toBe(200);
    expect(push.body).not.toMatch(/"error"/);
    const fromRegistry = await reg.headDigest('cl/busybox', '1');
    expect(await source.imageRepoDigests(`${name}:1`)).toEqual([`${name}@${fromRegistry}`]);

    const withEngine = new DigestResolver({ engine: source, env: {} });
    const offline = await withEngine.resolve(`${name}:1`);
    expect(offline).toMatchObject({ digest: fromRegistry, source: 'engine', registry: 'local engine', kindUnknown: true });
    // registryOnly (drift checks) skips the engine and gets the same digest from the registry
    const online = await withEngine.resolve(`${name}:1`, { registryOnly: true });
    expect(online).toMatchObject({ digest: fromRegistry, source: 'registry', registry: reg.host, kind: 'manifest' });
    withEngine.dispose();

    // with the registry gone, the engine still answers
    await reg.stop();
    const stillThere = new DigestResolver({ engine: source, env: {} });
    expect((await stillThere.resolve(`${name}:1`)).digest).toBe(fromRegistry);
    const e = await stillThere.resolve(`${name}:1`, { registryOnly: true }).then(
      () => undefined,
      (x: unknown) => x,
    );
    stillThere.dispose();
    expect((e as RegistryError).code).toBe('offline');
  });
});
