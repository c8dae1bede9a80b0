/**
 * Registries that misbehave, played by small loopback servers: no answer, refused connections, answers
 * that are not HTTP, malformed JSON and headers, digests that do not match the bytes, oversized
 * manifests, schema 1, rate limits, odd statuses, broken token services, redirects to other hosts.
 * Every case ends in a `RegistryError` with the right code and a message that names the registry.
 */
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { DigestResolver } from '../../src/registry';
import { failure, fakeServer } from './harness';
import type { SeenRequest } from './harness';

const info = inject('registrySuite');
const sha = (b: Buffer | string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const DOCKER_V2 = 'application/vnd.docker.distribution.manifest.v2+json';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

async function serve(handler: Handler): Promise<{ host: string; seen: SeenRequest[] }> {
  const server = await fakeServer(handler);
  cleanups.push(() => server.close());
  return { host: server.host, seen: server.seen };
}

/** A TCP server that writes `bytes` to every connection (or nothing at all), ignoring what it is sent. */
async function rawServer(bytes: string | undefined): Promise<string> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    if (bytes !== undefined) s.end(bytes);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  );
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function resolver(options: ConstructorParameters<typeof DigestResolver>[0] = {}): DigestResolver {
  const r = new DigestResolver({ engine: false, env: {}, dockerConfigDir: '/nonexistent', ...options });
  cleanups.push(() => r.dispose());
  return r;
}

/** A manifest endpoint: HEAD answers the headers, GET the headers and body. */
function manifestHandler(headers: Record<string, string | string[]>, body: Buffer | string, opts: { headOmitsDigest?: boolean } = {}): Handler {
  return (req, res) => {
    if (!/\/manifests\//.test(req.url!)) return void res.writeHead(404).end();
    const h = { ...headers };
    if (req.method === 'HEAD' && opts.headOmitsDigest) delete h['Docker-Content-Digest'];
    res.writeHead(200, { 'Content-Length': String(Buffer.byteLength(body)), ...h });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

describe.skipIf(!info.tools.available)('a registry that misbehaves', () => {
  it('never answers: timeout after the time limit', async () => {
    const host = await rawServer(undefined);
    const t = Date.now();
    const e = await failure(resolver({ timeoutMs: 400 }).resolve(`${host}/a/b:1`));
    expect(e.code).toBe('timeout');
    expect(e.message).toContain(host);
    expect(Date.now() - t).toBeGreaterThanOrEqual(350);
    expect(Date.now() - t).toBeLessThan(5000);
  });

  it('refuses connections: offline', async () => {
    const host = await rawServer('');
    const port = Number(host.split(':')[1]);
    await cleanups.pop()!();
    const e = await failure(resolver().resolve(`127.0.0.1:${port}/a/b:1`));
    expect(e.code).toBe('offline');
    expect(e.message).toContain(`127.0.0.1:${port}`);
  });

  it('answers with something that is not HTTP: bad-response', async () => {
    const host = await rawServer('SSH-2.0-OpenSSH_9.2\r\n\u0000\u0001garbage\r\n\r\n');
    const e = await failure(resolver().resolve(`${host}/a/b:1`));
    expect(e.code).toBe('bad-response');
    expect(e.message).toMatch(/not valid HTTP/);
  });

  it('sends an index that is not JSON (digest header true to the bytes): bad-response', async () => {
    const body = '{"schemaVersion": 2, "manifests": [ oops';
    const { host } = await serve(manifestHandler({ 'Content-Type': OCI_INDEX, 'Docker-Content-Digest': sha(body) }, body));
    const e = await failure(resolver().resolve(`${host}/a/b:1`));
    expect(e.code).toBe('bad-response');
    expect(e.message).toMatch(/broken index .*not valid JSON/);
  });

  describe("one platform's manifest: the platform comes from its config, best effort", () => {
    const configBytes = JSON.stringify({ architecture: 'arm', os: 'linux', variant: 'v7', rootfs: { type: 'layers', diff_ids: [] } });
    const manifestOf = (config: { mediaType: string; digest: string }) =>
      JSON.stringify({ schemaVersion: 2, mediaType: DOCKER_V2, config: { ...config, size: 100 }, layers: [] });
    const image = manifestOf({ mediaType: 'application/vnd.docker.container.image.v1+json', digest: sha(configBytes) });

    it('a config the registry will not give: pinned all the same, no platform', async () => {
      const { host, seen } = await serve(manifestHandler({ 'Content-Type': DOCKER_V2, 'Docker-Content-Digest': sha(image) }, image));
      const r = await resolver().resolve(`${host}/a/b:1`);
      expect(r).toMatchObject({ digest: sha(image), kind: 'manifest', platforms: [] });
      expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
        'HEAD /v2/a/b/manifests/1',
        `GET /v2/a/b/manifests/${sha(image)}`,
        `GET /v2/a/b/blobs/${sha(configBytes)}`,
      ]);
    });

    it('a config whose bytes are not its digest: bad-response', async () => {
      const { host } = await serve((req, res) => {
        if (/\/blobs\//.test(req.url!)) return void res.writeHead(200).end(configBytes.replace('arm', 'amd64'));
        manifestHandler({ 'Content-Type': DOCKER_V2, 'Docker-Content-Digest': sha(image) }, image)(req, res);
      });
      const e = await failure(resolver().resolve(`${host}/a/b:1`));
      expect(e.code).toBe('bad-response');
      expect(e.message).toContain(`said ${sha(configBytes)}`);
    });

    it('the config read once per digest: linux/arm/v7, then HEADs only', async () => {
      const { host, seen } = await serve((req, res) => {
        if (/\/blobs\//.test(req.url!)) return void res.writeHead(200).end(configBytes);
        manifestHandler({ 'Content-Type': DOCKER_V2, 'Docker-Content-Digest': sha(image) }, image)(req, res);
      });
      const r = resolver();
      expect((await r.resolve(`${host}/a/b:1`)).platforms).toEqual(['linux/arm/v7']);
      expect((await r.resolve(`${host}/a/b:1`, { noCache: true })).platforms).toEqual(['linux/arm/v7']);
      expect(seen.filter((s) => s.method === 'GET')).toHaveLength(2);
    });

    it('an artifact that is not an image (a Helm chart): no config request, no platform', async () => {
      const chart = manifestOf({ mediaType: 'application/vnd.cncf.helm.config.v1+json', digest: sha('{}') });
      const { host, seen } = await serve(manifestHandler({ 'Content-Type': DOCKER_V2, 'Docker-Content-Digest': sha(chart) }, chart));
      expect((await resolver().resolve(`${host}/a/b:1`)).platforms).toEqual([]);
      expect(seen.some((s) => s.url.includes('/blobs/'))).toBe(false);
    });
  });

  it('says one digest and sends other bytes: bad-response, the answer is not used', async () => {
    const body = '{"schemaVersion":2,"manifests":[]}';
    const { host } = await serve(manifestHandler({ 'Content-Type': OCI_INDEX, 'Docker-Content-Digest': sha('something else') }, body));
    const e = await failure(resolver().resolve(`${host}/a/b:1`));
    expect(e.code).toBe('bad-response');
    expect(e.message).toContain(sha(body));
  });

  it.each([['sha256:xyz'], [`sha256:${'A'.repeat(64)}`], [`md5:${'a'.repeat(32)}`], [[`sha256:${'a'.repeat(64)}`, `sha256:${'b'.repeat(64)}`]]])(
    'sends a malformed Docker-Content-Digest %j: bad-response',
    async (digest) => {
      const { host } = await serve(manifestHandler({ 'Content-Type': DOCKER_V2, 'Docker-Content-Digest': digest }, '{}'));
      const e = await failure(resolver().resolve(`${host}/a/b:1`));
      expect(e.code).toBe('bad-response');
      expect(e.message).toMatch(/malformed Docker-Content-Digest/);
    },
  );

  it('sends no digest header: the sha256 of the GET body is the digest', async () => {
    const body = Buffer.from('{\n  "schemaVersion": 2,\n  "mediaType": "application/vnd.docker.distribution.manifest.v2+json"\n}');
    const { host, seen } = await serve(manifestHandler({ 'Content-Type': DOCKER_V2 }, body));
    const r = await resolver().resolve(`${host}/a/b:1`);
    expect(r).toMatchObject({ digest: sha(body), kind: 'manifest', mediaType: DOCKER_V2 });
    expect(seen.map((s) => s.method)).toEqual(['HEAD', 'GET']);
  });

  it('sends a malformed manifest through GET: bad-response', async () => {
    const { host } = await serve(manifestHandler({ 'Content-Type': DOCKER_V2 }, '<html>not a manifest</html>'));
    const e = await failure(resolver().resolve(`${host}/a/b:1`));
    expect(e.code).toBe('bad-response');
    expect(e.message).toMatch(/broken manifest/);
  });

  it.each([
    ['with Content-Length', true],
    ['chunked', false],
  ])('sends a 5 MB manifest (%s): too-large', async (_label, withLength) => {
    const big = Buffer.alloc(5 * 1024 * 1024, 0x20);
    const { host } = await serve((req, res) => {
      res.writeHead(200, { 'Content-Type': DOCKER_V2, ...(withLength ? { 'Content-Length': String(big.length) } : {}) });
      if (req.method === 'HEAD') return void res.end();
      res.end(big);
    });
    const e = await failure(resolver().resolve(`${host}/a/b:1`));
    expect(e.code).toBe('too-large');
    expect(e.message).toMatch(/more than 4 MiB/);
  });

  it.each([
    ['a schema 1 manifest', 'application/vnd.docker.distribution.manifest.v1+prettyjws', /media type "application\/vnd\.docker\.distribution\.manifest\.v1\+prettyjws".*did not ask for/],
    ['JSON without a manifest type', 'application/json', /"application\/json"/],
    ['no Content-Type', '', /no media type/],
  ])('answers with %s: refused, not hashed', async (_label, type, why) => {
    const { host } = await serve(manifestHandler({ ...(type ? { 'Content-Type': type } : {}), 'Docker-Content-Digest': sha('x') }, 'x'));
    const e = await failure(resolver().resolve(`${host}/a/b:1`));
    expect(e.code).toBe('bad-response');
    expect(e.message).toMatch(why);
  });

  it('rate limits with Retry-After: rate-limited, with the wait', async () => {
    const { host } = await serve((_req, res) => res.writeHead(429, { 'Retry-After': '30' }).end());
    const e = await failure(resolver().resolve(`${host}/a/b:1`));
    expect(e).toMatchObject({ code: 'rate-limited', retryAfterSeconds: 30, status: 429 });
    expect(e.message).toMatch(/try again in 30 s/);
  });

  it.each([
    [403, 'forbidden', /403 Forbidden/],
    [500, 'bad-response', /status 500; try again later/],
    [418, 'bad-response', /status 418/],
    [401, 'unauthorized', /without saying how to authenticate/],
  ])('answers %i: %s', async (status, code, why) => {
    const { host } = await serve((_req, res) => res.writeHead(status).end());
    const e = await failure(resolver().resolve(`${host}/a/b:1`));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(why);
    expect(e.message).toContain(host);
  });

  it('asks for an unsupported scheme: unauthorized, naming it', async () => {
    const { host } = await serve((_req, res) => res.writeHead(401, { 'WWW-Authenticate': 'Negotiate' }).end());
    const e = await failure(resolver().resolve(`${host}/a/b:1`));
    expect(e.code).toBe('unauthorized');
    expect(e.message).toMatch(/negotiate authentication/);
  });

  it.each([
    ['not JSON', 'text/html', '<h1>login</h1>', 'bad-response', /not JSON/],
    ['JSON without a token', 'application/json', '{"expires_in":300}', 'bad-response', /without a usable token/],
    ['a token with blanks', 'application/json', '{"token":"a b"}', 'bad-response', /without a usable token/],
    ['2 MB', 'application/json', `{"token":"${'x'.repeat(2 * 1024 * 1024)}"}`, 'too-large', /token service/],
  ])('a token service that answers %s: %s', async (_label, type, body, code, why) => {
    const token = await serve((_req, res) => res.writeHead(200, { 'Content-Type': type }).end(body));
    const { host } = await serve((_req, res) => res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="http://${token.host}/token",service="s"` }).end());
    const e = await failure(resolver().resolve(`${host}/a/b:1`));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(why);
  });

  it('redirects to another host: followed, without the Authorization header', async () => {
    const body = '{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json"}';
    const target = await serve(manifestHandler({ 'Content-Type': DOCKER_V2, 'Docker-Content-Digest': sha(body) }, body));
    const origin = await serve((req, res) => {
      if (!req.headers.authorization) return void res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="r"' }).end();
      res.writeHead(307, { Location: `http://${target.host}${req.url}` }).end();
    });
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const folder = mkdtempSync(`${tmpdir()}/cl-redirect-`);
    writeFileSync(`${folder}/config.json`, JSON.stringify({ auths: { [origin.host]: { username: 'u', password: 'p' } } }));
    const r = await resolver({ dockerConfigDir: folder }).resolve(`${origin.host}/a/b:1`);
    expect(r.digest).toBe(sha(body));
    expect(origin.seen.at(-1)!.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    expect(target.seen.length).toBeGreaterThan(0);
    expect(target.seen.filter((s) => s.authorization)).toEqual([]);
  });
});
