import { describe, expect, it } from 'vitest';
import { canonicalName, canonicalReference, digestProblem, parseImageReference, taggedReference, withDigest } from './image-reference';
import { RegistryError } from './registry-error';

const D = `sha256:${'a'.repeat(64)}`;
const D2 = `sha256:${'b'.repeat(64)}`;

describe('parseImageReference: valid references, read like the engine', () => {
  const table: [string, { domain: string; path: string; tag?: string; digest?: string; familiar: string }][] = [
    ['node', { domain: 'docker.io', path: 'library/node', familiar: 'node' }],
    ['node:20-alpine', { domain: 'docker.io', path: 'library/node', tag: '20-alpine', familiar: 'node' }],
    ['bitnami/nginx:1.25', { domain: 'docker.io', path: 'bitnami/nginx', tag: '1.25', familiar: 'bitnami/nginx' }],
    ['docker.io/node:20', { domain: 'docker.io', path: 'library/node', tag: '20', familiar: 'docker.io/node' }],
    ['docker.io/library/node', { domain: 'docker.io', path: 'library/node', familiar: 'docker.io/library/node' }],
    ['index.docker.io/node:20', { domain: 'docker.io', path: 'library/node', tag: '20', familiar: 'index.docker.io/node' }],
    ['registry-1.docker.io/org/app:1', { domain: 'docker.io', path: 'org/app', tag: '1', familiar: 'registry-1.docker.io/org/app' }],
    ['ghcr.io/org/team/app:v1.2.3', { domain: 'ghcr.io', path: 'org/team/app', tag: 'v1.2.3', familiar: 'ghcr.io/org/team/app' }],
    ['localhost:5000/x', { domain: 'localhost:5000', path: 'x', familiar: 'localhost:5000/x' }],
    ['localhost/x:1', { domain: 'localhost', path: 'x', tag: '1', familiar: 'localhost/x' }],
    ['127.0.0.1:41234/cl/multi:1.0', { domain: '127.0.0.1:41234', path: 'cl/multi', tag: '1.0', familiar: '127.0.0.1:41234/cl/multi' }],
    ['[::1]:5000/app:2', { domain: '[::1]:5000', path: 'app', tag: '2', familiar: '[::1]:5000/app' }],
    [`node:20@${D}`, { domain: 'docker.io', path: 'library/node', tag: '20', digest: D, familiar: 'node' }],
    [`node@${D}`, { domain: 'docker.io', path: 'library/node', digest: D, familiar: 'node' }],
    ['My.Registry:443/a/b', { domain: 'My.Registry:443', path: 'a/b', familiar: 'My.Registry:443/a/b' }],
    ['a__b/c-d--e/f.g_h:T_ag.1-x', { domain: 'docker.io', path: 'a__b/c-d--e/f.g_h', tag: 'T_ag.1-x', familiar: 'a__b/c-d--e/f.g_h' }],
    ['  redis:7  ', { domain: 'docker.io', path: 'library/redis', tag: '7', familiar: 'redis' }],
  ];
  it.each(table)('%s', (text, want) => {
    const ref = parseImageReference(text);
    expect({ domain: ref.domain, path: ref.path, tag: ref.tag, digest: ref.digest, familiar: ref.familiar }).toEqual({ tag: undefined, digest: undefined, ...want });
    expect(ref.original).toBe(text.trim());
  });
});

describe('parseImageReference: invalid references are refused with the reason', () => {
  const table: [string, RegExp][] = [
    ['', /empty/],
    ['Node:20', /lowercase/],
    ['org/My-App', /lowercase/],
    ['node:', /tag after ":" is empty/],
    ['node:-x', /the tag "-x"/],
    [`node:${'x'.repeat(129)}`, /the tag/],
    ['node@sha256:abc', /not a digest/],
    [`node@sha256:${'A'.repeat(64)}`, /lowercase hexadecimal/],
    [`node@sha256:${'a'.repeat(63)}`, /not a digest|64 hexadecimal digits/],
    [`node@md5:${'a'.repeat(32)}`, /algorithm "md5" is not supported/],
    ['a//b', /empty component/],
    ['a/b/', /empty component/],
    ['/a', /empty component/],
    ['node 20', /blanks/],
    ['a' .repeat(64).replace(/a/g, 'f'), /image ID/],
    ['-node', /not a valid repository name component/],
    ['exa_mple.com:5000:6000/x', /registry host/],
    [`r.io/${'a'.repeat(260)}`, /longer than 255/],
  ];
  it.each(table)('%j', (text, why) => {
    let thrown: unknown;
    try {
      parseImageReference(text);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(RegistryError);
    expect((thrown as RegistryError).code).toBe('invalid-reference');
    expect((thrown as RegistryError).message).toMatch(why);
  });
});

describe('canonical names and keys', () => {
  it('gives one key for every spelling of a Docker Hub image', () => {
    const keys = ['node:20', 'docker.io/node:20', 'docker.io/library/node:20', 'index.docker.io/library/node:20'].map((t) => canonicalReference(parseImageReference(t)));
    expect(new Set(keys)).toEqual(new Set(['docker.io/library/node:20']));
    expect(canonicalReference(parseImageReference('node'))).toBe('docker.io/library/node:latest');
    expect(canonicalReference(parseImageReference(`node@${D}`))).toBe(`docker.io/library/node@${D}`);
    expect(canonicalName(parseImageReference('localhost:5000/a/b:1'))).toBe('localhost:5000/a/b');
  });
  it('taggedReference drops the digest and keeps the spelling', () => {
    expect(taggedReference(parseImageReference(`docker.io/node:20@${D}`))).toBe('docker.io/node:20');
    expect(taggedReference(parseImageReference(`node@${D}`))).toBeUndefined();
  });
});

describe('withDigest', () => {
  const table: [string, string, string][] = [
    ['node:20-alpine', D, `node:20-alpine@${D}`],
    ['node', D, `node@${D}`],
    ['localhost:5000/x', D, `localhost:5000/x@${D}`],
    [`node:20@${D}`, D2, `node:20@${D2}`],
    ['docker.io/library/node:20', D, `docker.io/library/node:20@${D}`],
  ];
  it.each(table)('%s + digest', (text, digest, want) => {
    expect(withDigest(parseImageReference(text), digest)).toBe(want);
  });
  it('refuses a malformed digest', () => {
    expect(() => withDigest(parseImageReference('node:20'), 'sha256:xyz')).toThrow(/Cannot pin node:20/);
  });
  it('digestProblem accepts sha256, sha512 and refuses wrong lengths', () => {
    expect(digestProblem(D)).toBeUndefined();
    expect(digestProblem(`sha512:${'0'.repeat(128)}`)).toBeUndefined();
    expect(digestProblem(`sha512:${'0'.repeat(64)}`)).toMatch(/128/);
  });
});
