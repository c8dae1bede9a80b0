/**
 * TLS (a test CA made by openssl) and proxies (a CONNECT proxy written here, which maps the name
 * `registry.test` to the loopback registry, so the client never resolves it itself).
 */
import { execFileSync } from 'node:child_process';
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DigestResolver } from '../../src/registry';
import { failure, startRegistry } from './harness';
import type { TestRegistry } from './harness';

const info = inject('registrySuite');

/** Resolve in a fresh node process with the bundled registry module; prints the result or the error as JSON. */
function resolveInChild(reference: string, env: NodeJS.ProcessEnv, options = '{ engine: false }'): { digest?: string; code?: string; message?: string } {
  const script = `const { DigestResolver } = require(${JSON.stringify(info.bundles.registry)});
const r = new DigestResolver(${options});
r.resolve(${JSON.stringify(reference)}).then(
  (x) => { console.log(JSON.stringify({ digest: x.digest })); r.dispose(); },
  (e) => { console.log(JSON.stringify({ code: e.code, message: e.message })); r.dispose(); });`;
  const env2: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: '/nonexistent', ...env };
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { env: env2, encoding: 'utf8', timeout: 30_000 }).trim());
}

interface TestProxy {
  url: string;
  log: string[];
  close(): Promise<void>;
}

/**
 * A forward proxy: CONNECT tunnels and absolute-URI requests, for `registry.test:<port>` only (mapped to
 * 127.0.0.1). With `auth`, it wants `Proxy-Authorization: Basic <auth>`.
 */
async function startProxy(auth?: string): Promise<TestProxy> {
  const log: string[] = [];
  const mapped = (host: string) => /^registry\.test:\d+$/.test(host);
  const allowed = (req: http.IncomingMessage) => !auth || req.headers['proxy-authorization'] === `Basic ${Buffer.from(auth).toString('base64')}`;
  const server = http.createServer((req, res) => {
    log.push(`${req.method} ${req.url}${req.headers['proxy-authorization'] ? ' (auth)' : ''}`);
    if (!allowed(req)) return void res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="proxy"' }).end();
    const target = new URL(req.url!);
    if (!mapped(target.host)) return void res.writeHead(502).end();
    const out = http.request({ host: '127.0.0.1', port: target.port, path: `${target.pathname}${target.search}`, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode!, up.headers);
      up.pipe(res);
    });
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  server.on('connect', (req: http.IncomingMessage, socket: net.Socket) => {
    log.push(`CONNECT ${req.url}${req.headers['proxy-authorization'] ? ' (auth)' : ''}`);
    if (!allowed(req)) return void socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="proxy"\r\n\r\n');
    if (!mapped(req.url!)) return void socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
    const upstream = net.connect(Number(req.url!.split(':')[1]), '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe.skipIf(!info.tools.available)('TLS with a test CA', () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startRegistry({ tls: true, auth: 'basic', fixtures: true });
  });
  afterAll(async () => {
    await reg?.stop();
  });

  it('an untrusted certificate is refused with what to do', async () => {
    const r = new DigestResolver({ engine: false, env: {}, dockerConfigDir: reg.dockerConfig() });
    const e = await failure(r.resolve(reg.ref('cl/oci:1.0')));
    r.dispose();
    expect(e.code).toBe('insecure-refused');
    expect(e.message).toContain(`the registry ${reg.host} is not trusted`);
    expect(e.message).toContain('NODE_EXTRA_CA_CERTS');
  });

  it('trusted through the ca option: the digest, over https with Basic auth, by IP and by localhost', async () => {
    const r = new DigestResolver({ engine: false, env: {}, ca: reg.ca!, dockerConfigDir: reg.dockerConfig() });
    expect((await r.resolve(reg.ref('cl/multi:1.0'))).digest).toBe(reg.fixtures['cl/multi:1.0']!.digest);
    const localhost = reg.host.replace('127.0.0.1', 'localhost');
    const folder = reg.dockerConfig();
    const r2 = new DigestResolver({ engine: false, env: {}, ca: reg.ca!, dockerConfigDir: folder.replace(/$/, '') });
    // credentials are per host name: localhost:<port> has none in this config, so it is refused...
    expect((await failure(r2.resolve(`${localhost}/cl/oci:1.0`))).code).toBe('unauthorized');
    r.dispose();
    r2.dispose();
  });

  it('trusted through NODE_EXTRA_CA_CERTS in a fresh process (and refused without it)', () => {
    const config = reg.dockerConfig();
    const ok = resolveInChild(reg.ref('cl/list:1.0'), { NODE_EXTRA_CA_CERTS: reg.caFile!, DOCKER_CONFIG: config });
    expect(ok).toEqual({ digest: reg.fixtures['cl/list:1.0']!.digest });
    const refused = resolveInChild(reg.ref('cl/list:1.0'), { DOCKER_CONFIG: config });
    expect(refused.code).toBe('insecure-refused');
  });

  it('a registry listed as insecure is accepted without the CA', async () => {
    const r = new DigestResolver({ engine: false, env: {}, insecureRegistries: [reg.host], dockerConfigDir: reg.dockerConfig() });
    expect((await r.resolve(reg.ref('cl/oci:1.0'))).digest).toBe(reg.fixtures['cl/oci:1.0']!.digest);
    r.dispose();
  });
});

describe.skipIf(!info.tools.available)('proxies from the environment', () => {
  let tlsReg: TestRegistry;
  let plainReg: TestRegistry;
  let proxy: TestProxy;
  beforeAll(async () => {
    tlsReg = await startRegistry({ tls: true, fixtures: true });
    plainReg = await startRegistry({ fixtures: true });
    proxy = await startProxy();
  });
  afterAll(async () => {
    await proxy?.close();
    await tlsReg?.stop();
    await plainReg?.stop();
  });
  const named = (reg: TestRegistry, repoTag: string) => `registry.test:${reg.host.split(':')[1]}/${repoTag}`;

  it('HTTPS_PROXY: a CONNECT tunnel to the registry, TLS inside it checked against the CA', async () => {
    const r = new DigestResolver({ engine: false, ca: tlsReg.ca!, env: { HTTPS_PROXY: proxy.url } });
    const res = await r.resolve(named(tlsReg, 'cl/multi:1.0'));
    r.dispose();
    expect(res).toMatchObject({ digest: tlsReg.fixtures['cl/multi:1.0']!.digest, registry: named(tlsReg, '').slice(0, -1) });
    expect(proxy.log).toContain(`CONNECT ${named(tlsReg, '').slice(0, -1)}`);
  });

  it('NO_PROXY: a direct connection (and registry.test does not resolve here)', async () => {
    const r = new DigestResolver({ engine: false, ca: tlsReg.ca!, env: { HTTPS_PROXY: proxy.url, NO_PROXY: 'example.com,.test' } });
    const e = await failure(r.resolve(named(tlsReg, 'cl/multi:1.0')));
    r.dispose();
    expect(e.code).toBe('offline');
    expect(e.message).toMatch(/does not resolve/);
  });

  it('a plain-HTTP registry behind a proxy: refused unless listed as insecure, then fetched by absolute URI', async () => {
    const env = { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url };
    const refusing = new DigestResolver({ engine: false, env });
    const e = await failure(refusing.resolve(named(plainReg, 'cl/oci:1.0')));
    refusing.dispose();
    expect(e.code).toBe('insecure-refused');
    expect(e.message).toMatch(/does not speak HTTPS/);
    const host = named(plainReg, '').slice(0, -1);
    const r = new DigestResolver({ engine: false, env, insecureRegistries: [host] });
    expect((await r.resolve(named(plainReg, 'cl/oci:1.0'))).digest).toBe(plainReg.fixtures['cl/oci:1.0']!.digest);
    r.dispose();
    expect(proxy.log).toContain(`HEAD http://${host}/v2/cl/oci/manifests/1.0`);
  });

  it('a proxy that wants credentials: 407 explained; with user:password in the URL it works', async () => {
    const guarded = await startProxy('pxuser:px pass');
    try {
      const r = new DigestResolver({ engine: false, ca: tlsReg.ca!, env: { HTTPS_PROXY: guarded.url } });
      const e = await failure(r.resolve(named(tlsReg, 'cl/oci:1.0')));
      r.dispose();
      expect(e.code).toBe('offline');
      expect(e.message).toMatch(/proxy .* refused .*407.*credentials/);
      const withAuth = guarded.url.replace('http://', 'http://pxuser:px%20pass@');
      const r2 = new DigestResolver({ engine: false, ca: tlsReg.ca!, env: { HTTPS_PROXY: withAuth } });
      expect((await r2.resolve(named(tlsReg, 'cl/oci:1.0'))).digest).toBe(tlsReg.fixtures['cl/oci:1.0']!.digest);
      r2.dispose();
      expect(guarded.log.some((l) => l.startsWith('CONNECT') && l.endsWith('(auth)'))).toBe(true);
    } finally {
      await guarded.close();
    }
  });

  it('a proxy that is not there: offline, naming the proxy', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const r = new DigestResolver({ engine: false, env: { HTTPS_PROXY: `http://127.0.0.1:${port}` } });
    const e = await failure(r.resolve('ghcr.io/org/app:1'));
    r.dispose();
    expect(e.code).toBe('offline');
    expect(e.message).toContain(`through the proxy http://127.0.0.1:${port}`);
  });
});
