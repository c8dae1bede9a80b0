/**
 * Authentication against the real registry: htpasswd Basic, and Bearer tokens from the test token
 * service (RS256 JWTs the registry verifies), anonymous and with credentials from a docker config
 * folder; realms that must be refused; where credentials and tokens go.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DigestResolver } from '../../src/registry';
import { failure, fakeServer, startRegistry } from './harness';
import type { TestRegistry } from './harness';

const info = inject('registrySuite');

describe.skipIf(!info.tools.available)('Basic auth (htpasswd)', () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startRegistry({ auth: 'basic', fixtures: true });
  });
  afterAll(async () => {
    await reg?.stop();
  });

  it('without credentials: unauthorized, telling the user to docker login to this registry', async () => {
    const r = new DigestResolver({ engine: false, env: {}, dockerConfigDir: '/nonexistent' });
    const e = await failure(r.resolve(reg.ref('cl/oci:1.0')));
    r.dispose();
    expect(e.code).toBe('unauthorized');
    expect(e.message).toContain(`docker login ${reg.host}`);
  });

  it('with credentials from the docker config: the digest', async () => {
    const r = new DigestResolver({ engine: false, env: {}, dockerConfigDir: reg.dockerConfig() });
    expect((await r.resolve(reg.ref('cl/oci:1.0'))).digest).toBe(reg.fixtures['cl/oci:1.0']!.digest);
    // the second image goes straight in with the credentials (the host's scheme is known)
    expect((await r.resolve(reg.ref('cl/list:1.0'))).digest).toBe(reg.fixtures['cl/list:1.0']!.digest);
    r.dispose();
  });

  it('with a wrong password: unauthorized, naming where the credentials came from', async () => {
    const folder = reg.dockerConfig('alice', 'wrong');
    const r = new DigestResolver({ engine: false, env: {}, dockerConfigDir: folder });
    const e = await failure(r.resolve(reg.ref('cl/oci:1.0')));
    r.dispose();
    expect(e.code).toBe('unauthorized');
    expect(e.message).toContain(`${folder}/config.json`);
  });

  it("credentials for this registry are never sent to another host", async () => {
    const other = await fakeServer((_req, res) => res.writeHead(404).end());
    const r = new DigestResolver({ engine: false, env: {}, dockerConfigDir: reg.dockerConfig() });
    try {
      await r.resolve(reg.ref('cl/oci:1.0'));
      await failure(r.resolve(`${other.host}/cl/oci:1.0`));
      expect(other.seen.length).toBeGreaterThan(0);
      expect(other.seen.filter((s) => s.authorization)).toEqual([]);
    } finally {
      r.dispose();
      await other.close();
    }
  });
});

describe.skipIf(!info.tools.available)('Bearer tokens from a token service (RS256 JWT)', () => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startRegistry({ auth: 'bearer', fixtures: true });
  });
  afterAll(async () => {
    await reg?.stop();
  });

  it('anonymous: 401, a pull token for this repository, then the digest; the token is reused', async () => {
    const r = new DigestResolver({ engine: false, env: {}, dockerConfigDir: '/nonexistent' });
    const before = reg.token!.log.length;
    const res = await r.resolve(reg.ref('cl/multi:1.0'));
    expect(res).toMatchObject({ digest: reg.fixtures['cl/multi:1.0']!.digest, kind: 'index', platforms: ['linux/amd64', 'linux/arm64/v8'] });
    const asked = reg.token!.log.slice(before);
    expect(asked).toEqual([{ path: '/token', scheme: null, account: null, scopes: ['repository:cl/multi:pull'], service: 'cl-test-registry' }]);
    await r.resolve(reg.ref('cl/multi:1.0'), { noCache: true });
    expect(reg.token!.log.length).toBe(before + 1);
    // another repository: a token for its own scope
    await r.resolve(reg.ref('cl/oci:1.0'));
    expect(reg.token!.log.slice(-1)[0]!.scopes).toEqual(['repository:cl/oci:pull']);
    r.dispose();
  });

  it('with credentials: the token service gets them (Basic), never a token', async () => {
    const r = new DigestResolver({ engine: false, env: {}, dockerConfigDir: reg.dockerConfig() });
    const before = reg.token!.log.length;
    expect((await r.resolve(reg.ref('cl/list:1.0'))).digest).toBe(reg.fixtures['cl/list:1.0']!.digest);
    expect(reg.token!.log.slice(before)).toMatchObject([{ scheme: 'Basic', account: 'alice' }]);
    expect(reg.token!.log.filter((e) => e.scheme === 'Bearer')).toEqual([]);
    r.dispose();
  });

  it('wrong credentials: the token service refuses, and the message says where they came from', async () => {
    const folder = reg.dockerConfig('alice', 'nope');
    const r = new DigestResolver({ engine: false, env: {}, dockerConfigDir: folder });
    const e = await failure(r.resolve(reg.ref('cl/list:1.0')));
    r.dispose();
    expect(e.code).toBe('unauthorized');
    expect(e.message).toMatch(/token service 127\.0\.0\.1:\d+ refused the credentials/);
    expect(e.message).toContain(folder);
  });

  it('a token from elsewhere is refused by the registry and not retried forever', async () => {
    // a registry that always answers 401 with a challenge: two attempts, then unauthorized
    const stubborn = await fakeServer((_req, res) => res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="${reg.token!.realm}",service="cl-test-registry"` }).end());
    const r = new DigestResolver({ engine: false, env: {}, dockerConfigDir: '/nonexistent' });
    try {
      const e = await failure(r.resolve(`${stubborn.host}/cl/x:1`));
      expect(e.code).toBe('unauthorized');
      expect(stubborn.seen.filter((s) => s.method === 'HEAD')).toHaveLength(2);
      expect(stubborn.seen[1]!.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    } finally {
      r.dispose();
      await stubborn.close();
    }
  });
});

describe.skipIf(!info.tools.available)('realms', () => {
  it('a plain-http realm on another (non-loopback) host is refused before anything is sent', async () => {
    const reg = await fakeServer((_req, res) => res.writeHead(401, { 'WWW-Authenticate': 'Bearer realm="http://token.example.invalid/token",service="x"' }).end());
    const r = new DigestResolver({ engine: false, env: {}, dockerConfigDir: reg.host });
    try {
      const e = await failure(r.resolve(`${reg.host}/a/b:1`));
      expect(e.code).toBe('refused-realm');
      expect(e.message).toContain('token.example.invalid');
      expect(e.message).toMatch(/plain HTTP/);
    } finally {
      r.dispose();
      await reg.close();
    }
  });

  it.each([
    ['ftp://127.0.0.1/token', /scheme "ftp:"/],
    ['not a url', /not a URL/],
    ['https://user:pw@auth.example/token', /credentials in it/],
  ])('realm %j is refused', async (realm, why) => {
    const reg = await fakeServer((_req, res) => res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="${realm}"` }).end());
    const r = new DigestResolver({ engine: false, env: {} });
    try {
      const e = await failure(r.resolve(`${reg.host}/a/b:1`));
      expect(e.code).toBe('refused-realm');
      expect(e.message).toMatch(why);
    } finally {
      r.dispose();
      await reg.close();
    }
  });

  it('an https realm on another host name (localhost vs 127.0.0.1) is used, and receives only its credentials', async () => {
    const reg = await startRegistry({ auth: 'bearer', tokenTls: true, fixtures: true });
    try {
      expect(reg.token!.realm).toMatch(/^https:\/\/localhost:\d+\/token$/);
      const r = new DigestResolver({ engine: false, env: {}, ca: reg.ca!, dockerConfigDir: reg.dockerConfig() });
      expect((await r.resolve(reg.ref('cl/oci:1.0'))).digest).toBe(reg.fixtures['cl/oci:1.0']!.digest);
      r.dispose();
      expect(reg.token!.log.slice(-1)[0]).toMatchObject({ scheme: 'Basic', account: 'alice', scopes: ['repository:cl/oci:pull'] });
      // without trusting the test CA, the realm's certificate is refused
      const untrusting = new DigestResolver({ engine: false, env: {}, dockerConfigDir: '/nonexistent' });
      const e = await failure(untrusting.resolve(reg.ref('cl/oci:1.0')));
      untrusting.dispose();
      expect(e.code).toBe('insecure-refused');
      expect(e.message).toMatch(/token service localhost:\d+ is not trusted/);
    } finally {
      await reg.stop();
    }
  });
});
