import { describe, expect, it } from 'vitest';
import type { DigestFacts } from '../core/digest-pins';
import { RegistryError } from '../core/registry-error';
import { applyEdits } from '../core/text/range';
import { PinService, isCancelled, lineOf, toFailure } from './pin-service';
import type { ResolverLike } from './registry-loader';
import { D1, D2, D3, ScriptedResolver, facts } from './test-resolver';

function service(resolver: ScriptedResolver, loaded = true): { svc: PinService; loads: () => number } {
  let loads = 0;
  const svc = new PinService({
    resolver: async () => {
      loads++;
      return resolver;
    },
    peek: () => (loaded ? (resolver as ResolverLike) : undefined),
    timeoutMs: () => 4000,
  });
  return { svc, loads: () => loads };
}

const FROM_RANGE = { start: { line: 0, character: 5 }, end: { line: 0, character: 19 } };

describe('PinService.pinOne', () => {
  it('pins the image at the range, keeping the tag, with a message naming the kind and source', async () => {
    const r = new ScriptedResolver(new Map([['node:20-alpine', facts('node:20-alpine', D1, { registry: 'registry-1.docker.io' })]]));
    const { svc } = service(r);
    const text = 'FROM node:20-alpine\nUSER 1000\n';
    const { outcome, edits } = await svc.pinOne(text, 'Dockerfile', FROM_RANGE, 'node:20-alpine');
    expect(outcome.status).toBe('pinned');
    expect(outcome.message).toBe('Pinned `node:20-alpine` to sha256:111111111111… (multi-platform index, from registry-1.docker.io).');
    expect(applyEdits(text, edits)).toBe(`FROM node:20-alpine@${D1}\nUSER 1000\n`);
    expect(r.calls).toEqual([{ method: 'resolve', references: ['node:20-alpine'], opts: {} }]);
  });

  it('an engine answer does not claim a kind', async () => {
    const r = new ScriptedResolver(new Map([['node:20', facts('node:20', D1, { source: 'engine', registry: 'local engine', kind: 'manifest', platforms: [], kindUnknown: true })]]));
    const { svc } = service(r);
    const { outcome } = await svc.pinOne('FROM node:20\n', 'Dockerfile', { start: { line: 0, character: 6 }, end: { line: 0, character: 6 } });
    expect(outcome.message).toBe('Pinned `node:20` to sha256:111111111111… (from the local engine).');
  });

  it('turns a registry error into the failure message, with no edit', async () => {
    const r = new ScriptedResolver(new Map([['node:20-alpine', new RegistryError('unauthorized', 'registry-1.docker.io wants credentials for library/node.')]]));
    const { svc } = service(r);
    const { outcome, edits } = await svc.pinOne('FROM node:20-alpine\n', 'Dockerfile', FROM_RANGE);
    expect(edits).toEqual([]);
    expect(outcome).toMatchObject({ status: 'failed', edited: false, failure: { code: 'unauthorized' } });
    expect(outcome.message).toBe('Container Lens could not pin `node:20-alpine`: registry-1.docker.io wants credentials for library/node (log in with `docker login` and try again).');
  });

  it('a failure to load the resolver is a failure, not an exception', async () => {
    const svc = new PinService({ resolver: async () => Promise.reject(new Error('module missing')), peek: () => undefined, timeoutMs: () => 1 });
    const { outcome } = await svc.pinOne('FROM node:20\n', 'Dockerfile', { start: { line: 0, character: 6 }, end: { line: 0, character: 6 } });
    expect(outcome).toMatchObject({ status: 'failed', failure: { code: 'internal', message: 'module missing' } });
  });

  it('says so for an already pinned image or a place without an image', async () => {
    const { svc } = service(new ScriptedResolver());
    const pinned = await svc.pinOne(`FROM node:20@${D1}\n`, 'Dockerfile', { start: { line: 0, character: 6 }, end: { line: 0, character: 6 } });
    expect(pinned.outcome).toMatchObject({ status: 'nothing', message: `\`node:20@${D1}\` is already pinned by digest.` });
    const none = await svc.pinOne('FROM scratch\n', 'Dockerfile', { start: { line: 0, character: 6 }, end: { line: 0, character: 6 } });
    expect(none.outcome.status).toBe('nothing');
  });

  it('a cancelled resolution is reported as cancelled', async () => {
    const r = new ScriptedResolver(new Map([['node:20', facts('node:20', D1)]]));
    const { svc } = service(r);
    const controller = new AbortController();
    controller.abort();
    const r1 = await svc.resolveOne('node:20', controller.signal);
    const { outcome } = svc.pinOutcome('node:20', r1, 'FROM node:20\n', 'FROM node:20\n', 'Dockerfile', FROM_RANGE);
    expect(outcome.status).toBe('cancelled');
  });
});

describe('PinService: the text changed during the round trip', () => {
  const original = 'FROM node:20-alpine\nUSER 1000\n';
  const { svc } = service(new ScriptedResolver());

  it('edits when only other lines changed', () => {
    const current = 'FROM node:20-alpine\nUSER 1001\nCMD ["node"]\n';
    const edits = svc.pinEditsAfter(original, current, 'Dockerfile', FROM_RANGE, 'node:20-alpine', D1);
    expect(edits).not.toBe('stale');
    expect(applyEdits(current, edits as never)).toBe(`FROM node:20-alpine@${D1}\nUSER 1001\nCMD ["node"]\n`);
  });

  it('refuses when the line itself changed, or moved', () => {
    expect(svc.pinEditsAfter(original, 'FROM node:22-alpine\nUSER 1000\n', 'Dockerfile', FROM_RANGE, 'node:20-alpine', D1)).toBe('stale');
    expect(svc.pinEditsAfter(original, '# new first line\nFROM node:20-alpine\n', 'Dockerfile', FROM_RANGE, 'node:20-alpine', D1)).toBe('stale');
    const { outcome } = svc.pinOutcome('node:20-alpine', facts('node:20-alpine', D1), original, 'FROM node:22\n', 'Dockerfile', FROM_RANGE);
    expect(outcome).toMatchObject({ status: 'stale', edited: false });
  });

  it('lineOf reads any line ending', () => {
    expect(lineOf('a\r\nb\rc\nd', 2)).toBe('c');
    expect(lineOf('a', 3)).toBeUndefined();
  });
});

describe('PinService: pin all and update', () => {
  const compose = ['services:', '  a:', '    image: nginx:1.27', '  b:', '    image: nginx:1.27', '  c:', '    image: "ghcr.io/acme/app:2"', '  d:', `    image: redis:7@${D3}`, ''].join('\n');

  it('resolves each image once in one batch and plans one edit per site', async () => {
    const r = new ScriptedResolver(new Map<string, DigestFacts | Error>([
      ['nginx:1.27', facts('nginx:1.27', D1)],
      ['ghcr.io/acme/app:2', new RegistryError('not-found', 'ghcr.io has no acme/app:2.')],
    ]));
    const { svc } = service(r);
    const results = await svc.resolveForPinAll(compose, 'compose.yaml');
    expect(r.calls).toEqual([{ method: 'resolveMany', references: ['nginx:1.27', 'ghcr.io/acme/app:2'], opts: {} }]);
    const { plan, message } = svc.planPinAll(compose, 'compose.yaml', results);
    expect(plan.edits).toHaveLength(2);
    const after = applyEdits(compose, plan.edits);
    expect(after.match(new RegExp(`nginx:1\\.27@${D1}`, 'g'))).toHaveLength(2);
    expect(after).toContain('image: "ghcr.io/acme/app:2"');
    expect(message).toBe(
      'Container Lens pinned 1 image (2 references) to their current digests; could not resolve 1 image: `ghcr.io/acme/app:2`: ghcr.io has no acme/app:2 (check the name and the tag); 1 reference already pinned.',
    );
  });

  it('a rejected batch (cancelled) marks every reference', async () => {
    const svc = new PinService({
      resolver: async () => ({ ...new ScriptedResolver(), resolveMany: () => Promise.reject(new RegistryError('cancelled', 'Cancelled.')) }) as unknown as ResolverLike,
      peek: () => undefined,
      timeoutMs: () => 1,
    });
    const results = await svc.resolveForPinAll(compose, 'compose.yaml');
    expect([...results.keys()]).toEqual(['nginx:1.27', 'ghcr.io/acme/app:2']);
    expect(isCancelled(results)).toBe(true);
  });

  it('update asks the registry only, without caches, about the pinned tags', async () => {
    const r = new ScriptedResolver(new Map([['redis:7', facts('redis:7', D2)]]));
    const { svc } = service(r);
    const results = await svc.resolveForUpdate(compose, 'compose.yaml');
    expect(r.calls).toEqual([{ method: 'resolveMany', references: ['redis:7'], opts: { registryOnly: true, noCache: true } }]);
    const { plan, message } = svc.planUpdate(compose, 'compose.yaml', results);
    expect(applyEdits(compose, plan.edits)).toContain(`image: redis:7@${D2}`);
    expect(message).toBe('Container Lens updated 1 digest whose tag moved (`redis:7`).');
  });

  it('nothing to ask: no resolver is loaded', async () => {
    const r = new ScriptedResolver();
    const { svc, loads } = service(r);
    const results = await svc.resolveForUpdate('FROM alpine:3.20\n', 'Dockerfile');
    expect(results.size).toBe(0);
    expect(loads()).toBe(0);
  });
});

describe('PinService.hover', () => {
  const text = `FROM 127.0.0.1:5000/cl/multi:1.0@${D1}\n`;
  const at = { line: 0, character: 10 };

  it('uses what the resolver has cached for the tag, and never loads it', () => {
    const r = new ScriptedResolver();
    r.cache.set('127.0.0.1:5000/cl/multi:1.0', facts('127.0.0.1:5000/cl/multi:1.0', D1, { registry: '127.0.0.1:5000' }));
    const { svc, loads } = service(r);
    const h = svc.hover(text, 'Dockerfile', at, 'command:x')!;
    expect(h.markdown).toContain('**index**');
    expect(h.markdown).toContain('`linux/arm64`');
    expect(h.range).toEqual({ start: { line: 0, character: 5 }, end: { line: 0, character: 5 + `127.0.0.1:5000/cl/multi:1.0@${D1}`.length } });
    expect(loads()).toBe(0);
  });

  it('without a resolver yet: the "digest is fixed" text with the link', () => {
    const { svc } = service(new ScriptedResolver(), false);
    expect(svc.hover(text, 'Dockerfile', at, 'command:x')!.markdown).toContain('[Update pinned digests](command:x)');
  });

  it('nothing for unpinned images or other places', () => {
    const { svc } = service(new ScriptedResolver());
    expect(svc.hover('FROM node:20\n', 'Dockerfile', { line: 0, character: 7 })).toBeUndefined();
    expect(svc.hover(text, 'Dockerfile', { line: 0, character: 1 })).toBeUndefined();
  });
});

describe('toFailure', () => {
  it('keeps code and message, maps aborts and odd values', () => {
    expect(toFailure(new RegistryError('offline', 'No network.'))).toEqual({ code: 'offline', message: 'No network.' });
    expect(toFailure(Object.assign(new Error('x'), { name: 'AbortError' }))).toEqual({ code: 'cancelled', message: 'Cancelled.' });
    expect(toFailure('boom')).toEqual({ code: 'internal', message: 'boom' });
  });
});
