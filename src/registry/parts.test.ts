/**
 * The registry client's offline parts: challenges, host rules, proxies, credentials (with a real helper
 * program written to a temp folder), index platforms, Retry-After and the engine's RepoDigests.
 * The network behaviour is tested against a real registry in test/registry.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseImageReference } from '../core/image-reference';
import { parseChallenges } from './challenge';
import { CredentialStore } from './credentials';
import { apiHost, bypassesProxy, isListedInsecure, isLoopbackHost, proxyFor, splitHost } from './hosts';
import { ACCEPT_HEADER, bareMediaType, kindOf, MEDIA_TYPES, platformsOfIndex } from './manifest';
import { engineDigestFor, retryAfterSeconds } from './resolver';

const D = `sha256:${'a'.repeat(64)}`;
const D2 = `sha256:${'b'.repeat(64)}`;

describe('parseChallenges', () => {
  it('reads Bearer with a quoted scope holding commas, and the error parameter', () => {
    expect(parseChallenges('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:x/y:pull,push",error="insufficient_scope"')).toEqual([
      { scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:x/y:pull,push', error: 'insufficient_scope' } },
    ]);
  });
  it('reads several challenges in one header and in several headers, escaped quotes, bare tokens', () => {
    expect(parseChallenges(['Basic realm="a \\"b\\"", Bearer realm=https://t/x , service = s', 'Negotiate'])).toEqual([
      { scheme: 'basic', params: { realm: 'a "b"' } },
      { scheme: 'bearer', params: { realm: 'https://t/x', service: 's' } },
      { scheme: 'negotiate', params: {} },
    ]);
  });
  it('never throws on garbage', () => {
    for (const bad of ['', '=', '"', 'Bearer realm="unterminated', ',,,', '\u0000', 'Bearer =x']) expect(() => parseChallenges(bad)).not.toThrow();
    expect(parseChallenges(undefined)).toEqual([]);
  });
});

describe('hosts', () => {
  it('maps Docker Hub to its API host', () => {
    expect(apiHost('docker.io')).toBe('registry-1.docker.io');
    expect(apiHost('ghcr.io')).toBe('ghcr.io');
  });
  it('knows loopback hosts', () => {
    for (const h of ['localhost:5000', '127.0.0.1:1', '127.9.9.9', '[::1]:5000', 'registry.localhost']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['10.0.0.1:5000', 'ghcr.io', 'localhost.example.com', '[::2]:1', '128.0.0.1']) expect(isLoopbackHost(h)).toBe(false);
    expect(splitHost('[::1]:5000')).toEqual({ hostname: '::1', port: '5000' });
  });
  it('matches insecure registries with or without a port and scheme', () => {
    expect(isListedInsecure('reg.local:5000', ['reg.local:5000'])).toBe(true);
    expect(isListedInsecure('reg.local:5000', ['http://REG.local/'])).toBe(true);
    expect(isListedInsecure('reg.local:5001', ['reg.local:5000'])).toBe(false);
    expect(isListedInsecure('other:5000', ['reg.local'])).toBe(false);
    // IPv4 ranges, as the engine's insecure-registries takes them, for registries addressed by IP
    expect(isListedInsecure('10.1.2.3:5000', ['10.0.0.0/8'])).toBe(true);
    expect(isListedInsecure('192.168.1.20', [' 192.168.1.0/24 '])).toBe(true);
    expect(isListedInsecure('192.168.2.20:5000', ['192.168.1.0/24'])).toBe(false);
    expect(isListedInsecure('10.0.0.1', ['10.0.0.0/33'])).toBe(false);
    // a host name is not resolved to match a range
    expect(isListedInsecure('reg.internal:5000', ['10.0.0.0/8'])).toBe(false);
  });
  it('NO_PROXY: *, domains, leading dots, ports, CIDR', () => {
    expect(bypassesProxy('a.example.com', '443', 'example.com')).toBe(true);
    expect(bypassesProxy('example.com', '443', '.example.com')).toBe(true);
    expect(bypassesProxy('notexample.com', '443', 'example.com')).toBe(false);
    expect(bypassesProxy('reg', '5000', 'reg:5000')).toBe(true);
    expect(bypassesProxy('reg', '5001', 'reg:5000')).toBe(false);
    expect(bypassesProxy('10.1.2.3', '443', '10.0.0.0/8')).toBe(true);
    expect(bypassesProxy('11.1.2.3', '443', '10.0.0.0/8')).toBe(false);
    expect(bypassesProxy('anything', '1', ' * ')).toBe(true);
    expect(bypassesProxy('anything', '1', undefined)).toBe(false);
  });
  it('proxyFor: https and http variables, lower case, loopback never proxied, bad values explained', () => {
    const env = { HTTPS_PROXY: 'http://user:p%40ss@proxy:3128', http_proxy: 'proxy2:8080', NO_PROXY: 'internal.corp' };
    expect(proxyFor(new URL('https://ghcr.io/v2/'), env)?.href).toBe('http://user:p%40ss@proxy:3128/');
    expect(proxyFor(new URL('http://reg.example:5000/v2/'), env)?.host).toBe('proxy2:8080');
    expect(proxyFor(new URL('https://reg.internal.corp/v2/'), env)).toBeUndefined();
    expect(proxyFor(new URL('https://127.0.0.1:5000/v2/'), env)).toBeUndefined();
    expect(proxyFor(new URL('https://localhost/v2/'), env)).toBeUndefined();
    expect(proxyFor(new URL('https://ghcr.io/'), {})).toBeUndefined();
    expect(() => proxyFor(new URL('https://ghcr.io/'), { HTTPS_PROXY: 'socks5://p:1080' })).toThrow(/only http/);
  });
});

describe('credentials from a docker config folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-creds-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, config: unknown) => {
    const d = join(dir, name);
    rmSync(d, { recursive: true, force: true });
    writeFileSync(join(mkdtempSync(join(dir, `${name}-`)), 'x'), '');
    const folder = mkdtempSync(join(dir, `${name}-cfg-`));
    writeFileSync(join(folder, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config));
    return folder;
  };
  const b64 = (s: string) => Buffer.from(s).toString('base64');

  it('reads auths: base64 auth, username/password, identity token; keys with scheme and path', async () => {
    const folder = write('auths', {
      auths: {
        'https://index.docker.io/v1/': { auth: b64('hubuser:hub:pass') },
        'reg.example:5000': { username: 'u', password: 'p' },
        'https://ghcr.io': { identitytoken: 'refresh-me' },
      },
    });
    const store = new CredentialStore({ dockerConfigDir: folder, env: {} });
    expect(await store.lookup('docker.io')).toMatchObject({ username: 'hubuser', password: 'hub:pass' });
    expect(await store.lookup('reg.example:5000')).toMatchObject({ username: 'u', password: 'p' });
    expect(await store.lookup('ghcr.io')).toMatchObject({ identityToken: 'refresh-me' });
    expect(await store.lookup('quay.io')).toBeUndefined();
  });

  it('runs credHelpers / credsStore programs with the server on stdin, with a time limit', async () => {
    const bin = mkdtempSync(join(dir, 'bin-'));
    const helper = (name: string, body: string) => {
      const file = join(bin, `docker-credential-${name}`);
      writeFileSync(file, `#!/bin/sh\n${body}\n`);
      chmodSync(file, 0o755);
    };
    // echoes back what it was asked for, so the test sees the server key docker uses
    helper('echo', 'read server; [ "$1" = get ] || exit 3; printf \'{"ServerURL":"%s","Username":"u-%s","Secret":"s3cret"}\' "$server" "$server"');
    helper('token', 'printf \'{"Username":"<token>","Secret":"idtok"}\'');
    helper('none', 'echo "credentials not found in native keychain"; exit 1');
    helper('slow', 'sleep 5');
    helper('junk', 'echo not json');
    const folder = write('helpers', {
      credsStore: 'echo',
      credHelpers: { 'ghcr.io': 'token', 'quay.io': 'none', 'slow.example': 'slow', 'junk.example': 'junk' },
      auths: { 'quay.io': { auth: b64('never:used') }, 'other.example': { auth: b64('a:b') } },
    });
    const env = { PATH: `${bin}:${process.env.PATH}` };
    const store = new CredentialStore({ dockerConfigDir: folder, env, helperTimeoutMs: 500 });
    expect(await store.lookup('docker.io')).toMatchObject({ username: 'u-https://index.docker.io/v1/', password: 's3cret', from: 'docker-credential-echo' });
    expect(await store.lookup('reg:5000')).toMatchObject({ username: 'u-reg:5000' });
    expect(await store.lookup('ghcr.io')).toMatchObject({ identityToken: 'idtok' });
    // a credHelpers entry that has nothing: no fallback to auths (docker's rule)
    expect(await store.lookup('quay.io')).toBeUndefined();
    const t = Date.now();
    expect(await store.lookup('slow.example')).toBeUndefined();
    expect(Date.now() - t).toBeLessThan(3000);
    expect(await store.lookup('junk.example')).toBeUndefined();
    // a missing helper program is "no credentials", not a crash
    const missing = new CredentialStore({ dockerConfigDir: write('missing', { credsStore: 'does-not-exist' }), env });
    expect(await missing.lookup('docker.io')).toBeUndefined();
  });

  it('a broken or absent config means no credentials', async () => {
    expect(await new CredentialStore({ dockerConfigDir: write('broken', '{nope'), env: {} }).lookup('docker.io')).toBeUndefined();
    expect(await new CredentialStore({ dockerConfigDir: join(dir, 'absent'), env: {} }).lookup('docker.io')).toBeUndefined();
    expect(new CredentialStore({ env: { DOCKER_CONFIG: '/x/y' } }).configDir).toBe('/x/y');
  });
});

describe('manifests', () => {
  it('asks for all four types', () => {
    expect(ACCEPT_HEADER.split(', ').sort()).toEqual(Object.values(MEDIA_TYPES).sort());
    expect(bareMediaType('Application/VND.oci.image.index.v1+json; charset=utf-8')).toBe(MEDIA_TYPES.ociIndex);
    expect(kindOf(MEDIA_TYPES.dockerList)).toBe('index');
    expect(kindOf(MEDIA_TYPES.dockerManifest)).toBe('manifest');
    expect(kindOf('application/vnd.docker.distribution.manifest.v1+prettyjws')).toBeUndefined();
  });
  it('lists platforms with variants, without attestation entries and duplicates', () => {
    const index = {
      schemaVersion: 2,
      manifests: [
        { platform: { os: 'linux', architecture: 'amd64' } },
        { platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
        { platform: { os: 'unknown', architecture: 'unknown' } },
        { platform: { os: 'linux', architecture: 'amd64' } },
        { digest: 'no platform' },
      ],
    };
    expect(platformsOfIndex(Buffer.from(JSON.stringify(index))).platforms).toEqual(['linux/amd64', 'linux/arm64/v8']);
    expect(() => platformsOfIndex(Buffer.from('{'))).toThrow(/not valid JSON/);
    expect(() => platformsOfIndex(Buffer.from('{"schemaVersion":2}'))).toThrow(/no "manifests"/);
  });
});

describe('resolver helpers', () => {
  it('Retry-After in seconds or as a date', () => {
    expect(retryAfterSeconds('120')).toBe(120);
    expect(retryAfterSeconds(new Date(Date.UTC(2030, 0, 1, 0, 1)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(60);
    expect(retryAfterSeconds('soon')).toBeUndefined();
    expect(retryAfterSeconds(undefined)).toBeUndefined();
  });
  it('takes the one RepoDigest of the same repository', () => {
    const ref = parseImageReference('node:20');
    expect(engineDigestFor(ref, [`node@${D}`, `ghcr.io/x/node@${D2}`])).toBe(D);
    expect(engineDigestFor(ref, [`docker.io/library/node@${D}`])).toBe(D);
    expect(engineDigestFor(ref, [`ghcr.io/x/node@${D2}`])).toBeUndefined();
    expect(engineDigestFor(ref, [`node@${D}`, `node@${D2}`])).toBeUndefined();
    expect(engineDigestFor(ref, [])).toBeUndefined();
    expect(engineDigestFor(ref, undefined)).toBeUndefined();
    expect(engineDigestFor(ref, ['garbage@@'])).toBeUndefined();
  });
});
