/**
 * Resolution against a real registry (distribution 2.8, plain HTTP on loopback): every manifest kind
 * resolves to the sha256 of the exact bytes pushed, with the right kind, media type and platforms; a
 * moved tag gives a new digest; requests are deduplicated, concurrent and reuse connections.
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DigestResolver } from '../../src/registry';
import { ACCEPT_ALL, buildImage, failure, request, startRegistry } from './harness';
import type { TestRegistry } from './harness';
import { digestOf, manifestBytes, MT } from '../../scripts/registry/lib.mjs';

const info = inject('registrySuite');

/** A forwarding HTTP server in front of the registry that records requests and the client sockets used. */
async function recorder(target: string): Promise<{ host: string; requests: { method: string; url: string; accept: string }[]; sockets: Set<Socket>; close(): Promise<void> }> {
  const requests: { method: string; url: string; accept: string }[] = [];
  const sockets = new Set<Socket>();
  const upstream = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    sockets.add(req.socket);
    requests.push({ method: req.method!, url: req.url!, accept: String(req.headers.accept ?? '') });
    const out = http.request(`${target}${req.url}`, { method: req.method, headers: { ...req.headers, host: new URL(target).host }, agent: upstream }, (up) => {
      res.writeHead(up.statusCode!, up.headers);
      up.pipe(res);
    });
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    sockets,
    close: () =>
      new Promise((r) => {
        upstream.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe.skipIf(!info.tools.available)('resolving against a real registry (plain HTTP, loopback)', () => {
  let reg: TestRegistry;
  let resolver: DigestResolver;
  beforeAll(async () => {
    reg = await startRegistry({ fixtures: true });
    resolver = new DigestResolver({ engine: false, env: {} });
  });
  afterAll(async () => {
    resolver?.dispose();
    await reg?.stop();
  });

  it.each([
    ['cl/docker-v2:1.0', 'manifest', MT.dockerManifest, ['linux/amd64']],
    ['cl/oci:1.0', 'manifest', MT.ociManifest, ['linux/amd64']],
    ['cl/multi:1.0', 'index', MT.ociIndex, ['linux/amd64', 'linux/arm64/v8']],
    ['cl/list:1.0', 'index', MT.dockerList, ['linux/amd64', 'linux/arm64/v8']],
  ])('%s resolves to the sha256 of the bytes pushed (%s)', async (repoTag, kind, mediaType, platforms) => {
    const pushed = reg.fixtures[repoTag]!;
    const r = await resolver.resolve(reg.ref(repoTag));
    expect(r.digest).toBe(digestOf(pushed.bytes));
    expect(r.digest).toBe(pushed.digest);
    expect(r).toMatchObject({ reference: reg.ref(repoTag), kind, mediaType, platforms, source: 'registry', registry: reg.host });
    expect(Math.abs(Date.now() - r.resolvedAt)).toBeLessThan(60_000);
  });

  it("one platform's manifest names its platform, read from its config (linux/arm64/v8)", async () => {
    const pushed = await reg.pushImage('cl/arm', '1.0', buildImage({ arch: 'arm64', variant: 'v8' }), 'oci');
    const r = await resolver.resolve(reg.ref('cl/arm:1.0'));
    expect(r).toMatchObject({ digest: pushed.digest, kind: 'manifest', platforms: ['linux/arm64/v8'] });
  });

  it('a moved tag resolves to the new digest (drift), the cache answers until asked not to', async () => {
    const before = await resolver.resolve(reg.ref('cl/moving:1.0'), { noCache: true });
    expect(before.digest).toBe(reg.fixtures['cl/moving:1.0']!.digest);
    // re-point the tag at other bytes
    const other = manifestBytes(buildImage({ arch: 'amd64', text: 'the second version\n' }), 'docker');
    const moved = await reg.putManifest('cl/moving', '1.0', other, MT.dockerManifest);
    expect(moved).not.toBe(before.digest);
    expect((await resolver.resolve(reg.ref('cl/moving:1.0'))).digest).toBe(before.digest);
    const after = await resolver.resolve(reg.ref('cl/moving:1.0'), { noCache: true });
    expect(after.digest).toBe(moved);
    expect(after.digest).toBe(digestOf(other));
    expect(resolver.cached(reg.ref('cl/moving:1.0'))?.digest).toBe(moved);
    // `name:tag@old` asks about the tag, not the pinned digest
    expect((await resolver.resolve(`${reg.ref('cl/moving:1.0')}@${before.digest}`, { noCache: true })).digest).toBe(moved);
  });

  it('a digest-only reference is checked against the registry', async () => {
    const d = reg.fixtures['cl/multi:1.0']!.digest;
    const r = await resolver.resolve(`${reg.host}/cl/multi@${d}`);
    expect(r).toMatchObject({ digest: d, kind: 'index', platforms: ['linux/amd64', 'linux/arm64/v8'] });
  });

  it('a missing tag and a missing repository are not-found, naming the reference', async () => {
    for (const ref of [reg.ref('cl/multi:nope'), reg.ref('cl/never-pushed:1')]) {
      const e = await failure(resolver.resolve(ref));
      expect(e.code).toBe('not-found');
      expect(e.message).toContain(reg.host);
      expect(e.message).toContain(ref.split('/').slice(1).join('/'));
    }
  });

  it('asks for all four manifest types; the registry rewrites a list to one platform when the index types are missing (distribution 2.8)', async () => {
    const rec = await recorder(reg.url);
    const r = new DigestResolver({ engine: false, env: {} });
    try {
      const res = await r.resolve(`${rec.host}/cl/list:1.0`);
      expect(res.digest).toBe(reg.fixtures['cl/list:1.0']!.digest);
      expect(rec.requests[0]!.accept.split(/,\s*/).sort()).toEqual(ACCEPT_ALL.split(', ').sort());
      // what a client that asks only for Docker v2 manifests would have pinned: the amd64 child
      const narrow = await request(`${reg.url}/v2/cl/list/manifests/1.0`, { method: 'HEAD', headers: { Accept: MT.dockerManifest } });
      expect(narrow.headers['docker-content-digest']).toBe(reg.fixtures['cl/list:1.0']!.children![0]!.digest);
    } finally {
      r.dispose();
      await rec.close();
    }
  });

  it('resolveMany: one request chain per distinct image, concurrent, over reused connections', async () => {
    const rec = await recorder(reg.url);
    const r = new DigestResolver({ engine: false, env: {} });
    try {
      const repos = ['cl/multi:1.0', 'cl/list:1.0', 'cl/oci:1.0', 'cl/docker-v2:1.0'];
      const refs = [...repos, ...repos, ...repos].map((x) => `${rec.host}/${x}`);
      const out = await r.resolveMany(refs);
      expect([...out.keys()]).toEqual(repos.map((x) => `${rec.host}/${x}`));
      for (const x of repos) expect((out.get(`${rec.host}/${x}`) as { digest: string }).digest).toBe(reg.fixtures[x]!.digest);
      const heads = rec.requests.filter((q) => q.method === 'HEAD');
      expect(heads).toHaveLength(4);
      // HEAD each tag, GET each index once by digest, GET each single manifest and its config (for its platform):
      // 10 requests; fewer sockets than requests (keep-alive)
      expect(rec.requests).toHaveLength(10);
      expect(rec.requests.filter((q) => q.url.includes('/blobs/'))).toHaveLength(2);
      expect(rec.sockets.size).toBeLessThanOrEqual(4);
      // a second round reuses the sockets and the cached platforms: HEADs only
      await r.resolveMany(refs, { noCache: true });
      expect(rec.requests).toHaveLength(14);
      expect(rec.sockets.size).toBeLessThanOrEqual(4);
    } finally {
      r.dispose();
      await rec.close();
    }
  });

  it('invalid references fail before any request, as invalid-reference', async () => {
    const out = await resolver.resolveMany(['Not/Valid:Ref', `${reg.host}/UPPER:1`]);
    for (const v of out.values()) expect(v).toMatchObject({ code: 'invalid-reference' });
  });

  it('cancelled by an AbortSignal', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(resolver.resolve(reg.ref('cl/oci:1.0'), { signal: ac.signal, noCache: true })).rejects.toMatchObject({ code: 'cancelled' });
  });
});
