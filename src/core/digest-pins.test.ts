import { describe, expect, it } from 'vitest';
import {
  DriftThrottle,
  driftFindings,
  formatTime,
  pinAllSummary,
  pinAllTargets,
  pinFailureMessage,
  pinTargetOf,
  pinnedHoverMarkdown,
  planDigestUpdates,
  planPinAll,
  shortDigest,
  siteAt,
  updateSummary,
  updateTargets,
} from './digest-pins';
import type { DigestFacts, Outcome } from './digest-pins';
import { findImageSites } from './pinning';
import { applyEdits } from './text/range';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const C = `sha256:${'c'.repeat(64)}`;

function facts(reference: string, digest: string, extra: Partial<DigestFacts> = {}): DigestFacts {
  return { reference, digest, kind: 'index', platforms: ['linux/amd64', 'linux/arm64'], source: 'registry', registry: 'registry-1.docker.io', resolvedAt: Date.UTC(2025, 4, 4, 14, 5), ...extra };
}

const DOCKERFILE = ['FROM node:20-alpine AS build', 'COPY --from=busybox:1.36 /bin/sh /sh', 'FROM node:20-alpine', 'FROM build', 'FROM scratch', ''].join('\n');

const COMPOSE = [
  'services:',
  '  web:',
  '    image: "nginx:1.27"',
  '  cache:',
  `    image: redis:7@${A}`,
  '  db:',
  `    image: postgres@${B}`,
  '  worker:',
  '    image: ghcr.io/acme/worker:2',
  '',
].join('\n');

describe('pinTargetOf', () => {
  it.each([
    ['node:20', { tagged: 'node:20', domain: 'docker.io' }],
    [`node:20@${A}`, { tagged: 'node:20', digest: A }],
    [`localhost:5000/x@${A}`, { digest: A, domain: 'localhost:5000' }],
    ['127.0.0.1:5000/cl/multi:1.0', { tagged: '127.0.0.1:5000/cl/multi:1.0', domain: '127.0.0.1:5000' }],
  ])('%s', (image, expected) => {
    expect(pinTargetOf(image)).toMatchObject(expected);
  });

  it('a tagless pinned reference has nothing to re-resolve, an invalid one is no target', () => {
    expect(pinTargetOf(`localhost:5000/x@${A}`)?.tagged).toBeUndefined();
    expect(pinTargetOf('Not/Valid:Ref:x')).toBeUndefined();
  });
});

describe('shortDigest and formatTime', () => {
  it('shortens a long digest, keeps anything else', () => {
    expect(shortDigest(A)).toBe('sha256:aaaaaaaaaaaa…');
    expect(shortDigest('sha256:abc')).toBe('sha256:abc');
    expect(shortDigest('nonsense')).toBe('nonsense');
  });
  it('prints UTC minutes', () => {
    expect(formatTime(Date.UTC(2025, 4, 4, 14, 5, 59))).toBe('2025-05-04 14:05 UTC');
    expect(formatTime(Number.NaN)).toBe('an unknown time');
  });
});

describe('siteAt', () => {
  const sites = findImageSites(DOCKERFILE, 'Dockerfile');
  it('finds the site under a position or overlapping a range, preferring the expected image', () => {
    expect(siteAt(sites, { start: { line: 1, character: 15 }, end: { line: 1, character: 15 } })?.image).toBe('busybox:1.36');
    expect(siteAt(sites, { start: { line: 2, character: 5 }, end: { line: 2, character: 19 } }, 'node:20-alpine')?.range.start.line).toBe(2);
    expect(siteAt(sites, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } })).toBeUndefined();
    // the expected image is not at that place any more: nothing, rather than another image
    expect(siteAt(sites, { start: { line: 2, character: 5 }, end: { line: 2, character: 19 } }, 'node:22')).toBeUndefined();
  });
});

describe('pin all', () => {
  it('resolves each unpinned image once, pins every site, leaves pinned ones alone', () => {
    const sites = findImageSites(DOCKERFILE, 'Dockerfile');
    expect(pinAllTargets(sites)).toEqual(['node:20-alpine', 'busybox:1.36']);
    const results = new Map<string, Outcome>([
      ['node:20-alpine', facts('node:20-alpine', A)],
      ['busybox:1.36', { code: 'not-found', message: 'busybox:1.36 was not found on registry-1.docker.io.' }],
    ]);
    const plan = planPinAll(sites, results);
    expect(plan.pinned).toEqual(['node:20-alpine']);
    expect(plan.sitesPinned).toBe(2);
    expect(plan.failed).toEqual([{ image: 'busybox:1.36', failure: results.get('busybox:1.36') }]);
    const after = applyEdits(DOCKERFILE, plan.edits);
    expect(after.split('\n')[0]).toBe(`FROM node:20-alpine@${A} AS build`);
    expect(after.split('\n')[2]).toBe(`FROM node:20-alpine@${A}`);
    expect(after.split('\n')[1]).toBe('COPY --from=busybox:1.36 /bin/sh /sh');
    const summary = pinAllSummary(plan);
    expect(summary).toContain('pinned 1 image (2 references)');
    expect(summary).toContain('could not resolve 1 image: `busybox:1.36`: busybox:1.36 was not found on registry-1.docker.io');
  });

  it('keeps YAML quotes and counts already pinned references', () => {
    const sites = findImageSites(COMPOSE, 'compose.yaml');
    expect(pinAllTargets(sites)).toEqual(['nginx:1.27', 'ghcr.io/acme/worker:2']);
    const plan = planPinAll(sites, new Map([
      ['nginx:1.27', facts('nginx:1.27', B)],
      ['ghcr.io/acme/worker:2', facts('ghcr.io/acme/worker:2', C, { kind: 'manifest', platforms: [] })],
    ]));
    const after = applyEdits(COMPOSE, plan.edits);
    expect(after).toContain(`image: "nginx:1.27@${B}"`);
    expect(after).toContain(`image: ghcr.io/acme/worker:2@${C}`);
    expect(after).toContain(`image: redis:7@${A}`);
    expect(plan.alreadyPinned).toBe(2);
    expect(pinAllSummary(plan)).toBe('Container Lens pinned 2 images to their current digests; 2 references already pinned.');
  });

  it('says so when there is nothing to pin', () => {
    const plan = planPinAll(findImageSites('FROM scratch\n', 'Dockerfile'), new Map());
    expect(pinAllSummary(plan)).toBe('Container Lens found no image in this file that it can pin.');
  });
});

describe('update pinned digests', () => {
  const text = ['FROM node:20@' + A, 'FROM node:20@' + A, 'FROM redis:7@' + B, 'FROM busybox@' + C, 'FROM alpine:3.20', ''].join('\n');
  const sites = findImageSites(text, 'Dockerfile');

  it('asks only about pinned references with a tag, each once', () => {
    expect(updateTargets(sites)).toEqual(['node:20', 'redis:7']);
  });

  it('rewrites the digests whose tag moved, every site, and reports the rest', () => {
    const results = new Map<string, Outcome>([
      ['node:20', facts('node:20', C)],
      ['redis:7', facts('redis:7', B)],
    ]);
    const plan = planDigestUpdates(sites, results);
    expect(plan.changes).toEqual([{ image: `node:20@${A}`, tagged: 'node:20', from: A, to: C }]);
    expect(plan.sitesChanged).toBe(2);
    expect(plan.current).toEqual(['redis:7']);
    expect(plan.untagged).toBe(1);
    const lines = applyEdits(text, plan.edits).split('\n');
    expect(lines.slice(0, 4)).toEqual([`FROM node:20@${C}`, `FROM node:20@${C}`, `FROM redis:7@${B}`, `FROM busybox@${C}`]);
    expect(updateSummary(plan)).toBe(
      'Container Lens updated 1 digest whose tag moved (`node:20`); 1 pinned tag still current; 1 reference pinned without a tag, which cannot move.',
    );
    expect(updateSummary(plan, { applied: false })).toMatch(/^Container Lens found 1 digest whose tag moved/);
  });

  it('reports failures and changes nothing for them', () => {
    const plan = planDigestUpdates(sites, new Map<string, Outcome>([
      ['node:20', { code: 'timeout', message: 'registry-1.docker.io did not answer in time.' }],
      ['redis:7', { code: 'offline', message: 'Cannot reach registry-1.docker.io.' }],
    ]));
    expect(plan.edits).toEqual([]);
    expect(plan.failed.map((f) => f.tagged)).toEqual(['node:20', 'redis:7']);
    expect(updateSummary(plan, { timeoutMs: 2000 })).toContain('could not check 2 tags: `node:20`: registry-1.docker.io did not answer in time (the time limit is 2000 ms, set by `containerLens.registry.timeoutMs`) (and 1 other)');
  });

  it('has a message for a file without pinned tags', () => {
    const plan = planDigestUpdates(findImageSites('FROM alpine:3.20\n', 'Dockerfile'), new Map());
    expect(updateSummary(plan)).toContain('found no pinned image with a tag');
  });
});

describe('drift', () => {
  it('finds pinned references whose tag moved, with the message the diagnostic shows', () => {
    const text = `FROM node:20@${A}\nFROM redis:7@${B}\n`;
    const findings = driftFindings(findImageSites(text, 'Dockerfile'), new Map<string, Outcome>([
      ['node:20', facts('node:20', C)],
      ['redis:7', facts('redis:7', B)],
    ]));
    expect(findings).toHaveLength(1);
    expect(findings[0].site.range.start.line).toBe(0);
    expect(findings[0].message).toBe('`node:20` now points to sha256:cccccccccccc… (pinned sha256:aaaaaaaaaaaa…): the tag moved since this line was pinned.');
  });

  it('reports nothing for failures or unknown tags', () => {
    const text = `FROM node:20@${A}\n`;
    expect(driftFindings(findImageSites(text, 'Dockerfile'), new Map([['node:20', { code: 'offline', message: 'x' }]]))).toEqual([]);
    expect(driftFindings(findImageSites(text, 'Dockerfile'), new Map())).toEqual([]);
  });

  it('throttles each reference to once per interval', () => {
    const t = new DriftThrottle(10 * 60_000);
    expect(t.take(['node:20', 'node:20', 'redis:7'], 0)).toEqual(['node:20', 'redis:7']);
    expect(t.take(['node:20', 'alpine:3'], 60_000)).toEqual(['alpine:3']);
    expect(t.take(['node:20'], 10 * 60_000 - 1)).toEqual([]);
    expect(t.take(['node:20', 'redis:7'], 10 * 60_000)).toEqual(['node:20', 'redis:7']);
    t.release('node:20');
    expect(t.take(['node:20'], 10 * 60_000 + 1)).toEqual(['node:20']);
  });
});

describe('failure texts', () => {
  it.each([
    ['unauthorized', 'ghcr.io answered 401 for acme/app.', 'ghcr.io/acme/app:1', /log in with `docker login ghcr\.io`/],
    ['unauthorized', 'Hub wants credentials: run docker login.', 'node:20', /run docker login\.$/],
    ['insecure-refused', 'registry.lan:5000 answers only over plain HTTP.', 'registry.lan:5000/app:1', /add it to `containerLens\.registry\.insecureRegistries`/],
    ['timeout', 'ghcr.io did not answer.', 'ghcr.io/a:1', /the time limit is 15000 ms, set by `containerLens\.registry\.timeoutMs`/],
    ['rate-limited', 'docker.io is limiting requests (429).', 'node:20', /wait a while, or `docker login` for a higher limit/],
    ['offline', 'Cannot resolve the host ghcr.io.', 'ghcr.io/a:1', /proxy variables/],
    ['not-found', 'ghcr.io has no acme/app.', 'ghcr.io/acme/app:1', /check the name and the tag/],
  ])('%s: %s', (code, message, image, expected) => {
    const text = pinFailureMessage(image, { code, message });
    expect(text.startsWith(`Container Lens could not pin \`${image}\`: `)).toBe(true);
    expect(text).toMatch(expected);
    expect(text.endsWith('.')).toBe(true);
  });

  it('adds no hint the registry message already gives', () => {
    expect(pinFailureMessage('node:20', { code: 'unauthorized', message: 'Run docker login and retry.' })).toBe(
      'Container Lens could not pin `node:20`: Run docker login and retry.',
    );
  });
});

describe('pinned hover', () => {
  const link = 'command:containerLens.updatePinnedDigests?%5B%5D';

  it('describes a known digest: kind, platforms, where from, when', () => {
    const md = pinnedHoverMarkdown(`127.0.0.1:5000/cl/multi:1.0@${A}`, facts('127.0.0.1:5000/cl/multi:1.0', A, { registry: '127.0.0.1:5000' }), link)!;
    expect(md).toContain('**Pinned by digest** `sha256:aaaaaaaaaaaa…`');
    expect(md).toContain('multi-platform **index** (`linux/amd64`, `linux/arm64`)');
    expect(md).toContain('Resolved from the registry `127.0.0.1:5000` at 2025-05-04 14:05 UTC');
    expect(md).not.toContain(link);
  });

  it('a single-platform manifest', () => {
    const md = pinnedHoverMarkdown(`node:20@${A}`, facts('node:20', A, { kind: 'manifest', platforms: ['linux/amd64'] }))!;
    expect(md).toContain('single-platform **manifest** (`linux/amd64`)');
  });

  it('an engine answer: the engine, and no claim about the kind', () => {
    const md = pinnedHoverMarkdown(`node:20@${A}`, facts('node:20', A, { source: 'engine', registry: 'local engine', kind: 'manifest', platforms: [], kindUnknown: true }))!;
    expect(md).toContain('Resolved from the local Docker engine');
    expect(md).toContain('does not say whether that is a multi-platform index');
    expect(md).not.toContain('**manifest**');
  });

  it('says when the tag has moved since, with the update link', () => {
    const md = pinnedHoverMarkdown(`node:20@${A}`, facts('node:20', B), link)!;
    expect(md).toContain('pointed to `sha256:bbbbbbbbbbbb…`');
    expect(md).toContain('The tag has moved since this line was pinned');
    expect(md).toContain(`[Update pinned digests](${link})`);
  });

  it('without anything cached: the digest is fixed, and how to check the tag', () => {
    const md = pinnedHoverMarkdown(`node:20@${A}`, undefined, link)!;
    expect(md).toContain('the registry cannot change what this line gets');
    expect(md).toContain(`[Update pinned digests](${link})`);
  });

  it('a digest without a tag, and an unpinned image', () => {
    expect(pinnedHoverMarkdown(`node@${A}`, undefined, link)).toContain('no tag next to it');
    expect(pinnedHoverMarkdown('node:20', undefined, link)).toBeUndefined();
  });
});
