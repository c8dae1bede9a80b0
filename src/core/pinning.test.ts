import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import type { FileKind } from './findings';
import { parseImageReference } from './image-reference';
import { siteAt } from './digest-pins';
import { findImageSites, pinEdits } from './pinning';
import type { ImageSite } from './pinning';
import { applyEdits, LineIndex } from './text/range';

const D = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;

/** `[kind, image as covered by the range]` for each site. */
function sites(text: string, fileName: string): [string, string][] {
  const lines = new LineIndex(text);
  return findImageSites(text, fileName).map((s) => {
    expect(lines.slice(s.range)).toBe(s.image);
    return [s.kind, s.image];
  });
}

describe('findImageSites: Dockerfile', () => {
  it('finds FROM images and COPY --from images, not stages, scratch or variables (but a FROM that is one ARG)', () => {
    const text = [
      'ARG BASE=debian:12',
      'ARG TAG',
      'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
      'RUN go build',
      'FROM $BASE AS base',
      'FROM node:${TAG} AS n',
      'FROM scratch AS empty',
      'FROM build AS again',
      `FROM redis:7@${D}`,
      'COPY --from=build /out /out',
      'COPY --from=0 /a /a',
      'COPY --from=nginx:1.25 /etc/nginx/nginx.conf /etc/nginx/',
      'COPY --from=${IMG} /x /x',
      'COPY --from=later /y /y',
      'FROM alpine:3.20 AS later',
      'COPY --from=ghcr.io/org/tool:2 /bin/tool /bin/tool',
      'ADD --chown=1:1 x y',
      '',
    ].join('\n');
    expect(sites(text, 'Dockerfile')).toEqual([
      ['from', 'golang:1.22'],
      ['arg', 'debian:12'],
      ['from', `redis:7@${D}`],
      ['copy-from', 'nginx:1.25'],
      ['from', 'alpine:3.20'],
      ['copy-from', 'ghcr.io/org/tool:2'],
    ]);
  });

  it('FROM ${BASE}: one site at the ARG default, found from every FROM that names it; the pin edits the ARG line', () => {
    const text = [
      'ARG BASE=node:18', // overridden below: the last global definition wins
      'ARG BASE="node:20" OTHER=x',
      'FROM ${BASE} AS build',
      'ARG BASE=ignored:1', // inside a stage: not what FROM sees
      'FROM $BASE',
      'FROM ${BASE:-alpine:3.20}',
      '',
    ].join('\n');
    const found = findImageSites(text, 'Dockerfile');
    expect(found.map((s) => [s.kind, s.image])).toEqual([['arg', 'node:20']]);
    const [site] = found;
    const lines = new LineIndex(text);
    expect(site!.range.start.line).toBe(1);
    expect(lines.slice(site!.range)).toBe('node:20'); // inside the quotes
    expect(site!.references!.map((r) => lines.slice(r))).toEqual(['${BASE}', '$BASE']);
    // the finding on either FROM finds the site
    const findings = analyze(text, 'Dockerfile').findings.filter((f) => f.ruleId === 'base-image-not-pinned');
    expect(findings.map((f) => f.range.start.line)).toEqual([2, 4, 5]);
    for (const f of findings.slice(0, 2)) expect(siteAt(found, f.range, 'node:20')).toBe(site);
    // `${BASE:-…}` is not the ARG alone: no site, no pin offered
    expect(siteAt(found, findings[2]!.range)).toBeUndefined();
    expect(findings[2]!.fixes).toEqual([]);
    const pinned = applyEdits(text, pinEdits(found, new Map([['node:20', D]])));
    expect(pinned.split('\n')[1]).toBe(`ARG BASE="node:20@${D}" OTHER=x`);
    // both FROMs now build from the pinned default (and so does the `${BASE:-…}` one, which reads it too)
    expect(analyze(pinned, 'Dockerfile').findings.filter((f) => f.ruleId === 'base-image-not-pinned')).toEqual([]);
  });

  it('no ARG site when the default is missing, partial, or not exactly the value as written', () => {
    for (const text of [
      'ARG BASE\nFROM ${BASE}\n',
      'ARG V=20\nFROM node:${V}\n',
      'ARG BASE=scratch\nFROM $BASE\n',
      'ARG BASE=node:20\\\n-alpine\nFROM $BASE\n',
      'FROM alpine AS a\nARG BASE=node:20\nFROM $BASE\n',
    ]) {
      expect(findImageSites(text, 'Dockerfile').filter((s) => s.kind === 'arg'), text).toEqual([]);
    }
  });

  it('keeps the ranges of the lint finding (base-image-not-pinned)', () => {
    const text = 'FROM node:20-alpine AS web\n';
    const [site] = findImageSites(text, 'Dockerfile');
    const finding = analyze(text, 'Dockerfile').findings.find((f) => f.ruleId === 'base-image-not-pinned');
    expect(site!.range).toEqual(finding!.range);
  });

  it('skips references that are not valid (upper case) and survives garbage', () => {
    expect(sites('FROM Node:20\nFROM\nFROM ::\n', 'Dockerfile')).toEqual([]);
    expect(findImageSites('\u0000\u0001 FROM', 'Dockerfile')).toEqual([]);
  });
});

describe('findImageSites: compose and Kubernetes', () => {
  it('compose: image: of services that do not build, quoted or not; variables skipped', () => {
    const text = [
      'services:',
      '  web:',
      '    image: "nginx:1.27"',
      '  db:',
      "    image: 'postgres:16'",
      '  app:',
      '    build: .',
      '    image: me/app:dev',
      '  cache:',
      '    image: redis:${REDIS_TAG:-7}',
      '  base: &b',
      '    image: busybox:1.36',
      '  other:',
      '    extends: base',
      '',
    ].join('\n');
    expect(sites(text, 'compose.yaml')).toEqual([
      ['compose', 'nginx:1.27'],
      ['compose', 'postgres:16'],
      ['compose', 'busybox:1.36'],
    ]);
  });

  it('kubernetes: containers, initContainers and ephemeralContainers across documents', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  initContainers:',
      '  - name: init',
      '    image: busybox:1.36',
      '  containers:',
      '  - name: app',
      '    image: "ghcr.io/org/app:1.0"',
      '  ephemeralContainers:',
      '  - name: debug',
      '    image: alpine:3.20',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: d}',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '      - name: web',
      `        image: nginx:1.27@${D}`,
      '      - name: tpl',
      '        image: $(IMAGE)',
      '',
    ].join('\n');
    expect(sites(text, 'pod.yaml').map(([, i]) => i)).toEqual(['ghcr.io/org/app:1.0', 'busybox:1.36', 'alpine:3.20', `nginx:1.27@${D}`]);
    expect(new Set(sites(text, 'pod.yaml').map(([k]) => k))).toEqual(new Set(['kubernetes']));
  });

  it('Helm templates and unrelated YAML give nothing', () => {
    const helm = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - image: {{ .Values.image }}\n';
    expect(findImageSites(helm, 'templates/pod.yaml')).toEqual([]);
    expect(findImageSites('on: push\njobs: {}\n', 'ci.yaml')).toEqual([]);
    expect(findImageSites('FROM node:20\n', 'notes.txt')).toEqual([]);
  });
});

describe('pinEdits', () => {
  it('pins every site whose image resolved, keeps the tag, replaces an old digest, one edit per range', () => {
    const text = `FROM node:20 AS a\nFROM node:20\nFROM redis:7@${D}\nFROM alpine:3.20\nCOPY --from=node:20 /x /x\n`;
    const found = findImageSites(text, 'Dockerfile');
    const edits = pinEdits([...found, found[0]!], new Map([['node:20', D2], [`redis:7@${D}`, D2]]));
    expect(edits).toHaveLength(4);
    expect(applyEdits(text, edits)).toBe(`FROM node:20@${D2} AS a\nFROM node:20@${D2}\nFROM redis:7@${D2}\nFROM alpine:3.20\nCOPY --from=node:20@${D2} /x /x\n`);
  });

  it('no edit when the digest is already there or the digest is malformed', () => {
    const text = `FROM redis:7@${D}\nFROM node:20\n`;
    const found = findImageSites(text, 'Dockerfile');
    expect(pinEdits(found, new Map([[`redis:7@${D}`, D], ['node:20', 'sha256:nope']]))).toEqual([]);
  });

  it('writes inside YAML quotes', () => {
    const text = 'services:\n  web:\n    image: "nginx:1.27"\n';
    const out = applyEdits(text, pinEdits(findImageSites(text, 'compose.yaml'), new Map([['nginx:1.27', D]])));
    expect(out).toBe(`services:\n  web:\n    image: "nginx:1.27@${D}"\n`);
  });
});

// ---- the corpus: every site covers its image, pinning removes exactly the not-pinned findings -----------
const CORPUS = process.env.CONTAINER_LENS_CORPUS ?? '/work/shared/corpus';
const folders: [string, FileKind][] = [
  ['dockerfiles', 'dockerfile'],
  ['compose', 'compose'],
  ['k8s', 'kubernetes'],
  ['helm', 'unknown'],
];
const corpusPresent = folders.every(([d]) => existsSync(join(CORPUS, d)));
if (!corpusPresent && process.env.CI === 'true') throw new Error(`the corpus under ${CORPUS} is missing under CI`);
if (!corpusPresent) console.warn(`pinning corpus test skipped: ${CORPUS}/{dockerfiles,compose,k8s,helm} not found`);

const NOT_PINNED = new Set(['base-image-not-pinned', 'compose-image-not-pinned', 'k8s-image-not-pinned']);
const isReference = (text: string) => {
  try {
    parseImageReference(text);
    return true;
  } catch {
    return false;
  }
};
const fakeDigest = (image: string) => `sha256:${createHash('sha256').update(image).digest('hex')}`;

function corpusFiles(): [string, string, FileKind][] {
  if (!corpusPresent) return [];
  return folders.flatMap(([dir, kind]) =>
    readdirSync(join(CORPUS, dir))
      .sort()
      .map((f): [string, string, FileKind] => [dir, f, kind]),
  );
}

describe.skipIf(!corpusPresent)('pinning over the corpus', () => {
  const totals = { files: 0, sites: 0, edits: 0 };

  it.each(corpusFiles())('%s/%s', (dir, file, kind) => {
    const text = readFileSync(join(CORPUS, dir, file), 'utf8').replace(/^\uFEFF/, '');
    const fileName = dir === 'helm' ? `templates/${file}` : file;
    const k: FileKind = kind === 'unknown' ? 'unknown' : kind;
    const found: ImageSite[] = k === 'unknown' ? findImageSites(text, fileName) : findImageSites(text, fileName, k);
    const lines = new LineIndex(text);
    for (const s of found) {
      expect(lines.slice(s.range)).toBe(s.image);
      expect(() => parseImageReference(s.image)).not.toThrow();
    }
    totals.files++;
    totals.sites += found.length;
    if (k === 'unknown') return;

    const before = analyze(text, fileName, {}, k).findings.filter((f) => NOT_PINNED.has(f.ruleId));
    const sitesAt = (r: { start: { line: number } }) =>
      found.some((s) => s.range.start.line === r.start.line || (s.references ?? []).some((x) => x.start.line === r.start.line));
    // the finder misses nothing the lint rules report, except images given by variables and invalid references
    for (const f of before.filter((x) => !sitesAt(x.range))) {
      const covered = lines.slice(f.range).replace(/^["']|["']$/g, '');
      expect(covered.includes('$') || !isReference(covered), `${covered} is reported but has no site`).toBe(true);
    }
    if (found.length === 0) return;
    const digests = new Map(found.map((s) => [s.image, fakeDigest(s.image)]));
    const edits = pinEdits(found, digests);
    totals.edits += edits.length;
    const pinned = applyEdits(text, edits);
    const after = analyze(pinned, fileName, {}, k).findings.filter((f) => NOT_PINNED.has(f.ruleId));
    // every finding that went away was at a site; every finding left is one we could not pin
    expect(after.filter((f) => sitesAt(f.range)).map((f) => f.message)).toEqual([]);
    expect(before.length - after.length).toBe(before.filter((f) => sitesAt(f.range)).length);
    // pinned sites are found again, each carrying its digest
    const again = findImageSites(pinned, fileName, k);
    expect(again).toHaveLength(found.length);
    for (const s of again) expect(parseImageReference(s.image).digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('found sites in the corpus', () => {
    console.log(`pinning corpus: ${totals.files} files, ${totals.sites} image sites, ${totals.edits} pin edits`);
    expect(totals.sites).toBeGreaterThan(100);
  });
});
