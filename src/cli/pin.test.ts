/**
 * `pin` and `lint --check-drift` with an in-memory file system and a resolver double that answers from a
 * table (the real registry is exercised by test/registry/cli.test.ts). What is checked here: which
 * references are asked for (deduplicated, pinned ones skipped), the edits, --write, the JSON shape, exit
 * codes, and that lint asks nothing without --check-drift.
 */
import { describe, expect, it } from 'vitest';
import { RegistryError } from '../core/registry-error';
import type { Resolution, ResolveOptions } from '../registry/resolver';
import type { PinResolver, PinResolverOptions } from './pin';
import { runCli } from './run';
import { memoryIo } from './test-io';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;

function res(reference: string, digest: string, kind: 'index' | 'manifest' = 'index'): Resolution {
  return { reference, digest, kind, mediaType: 'application/vnd.oci.image.index.v1+json', platforms: kind === 'index' ? ['linux/amd64', 'linux/arm64'] : [], source: 'registry', registry: 'reg.example', resolvedAt: 0 };
}

function fakeResolver(answers: Record<string, string | RegistryError>) {
  const calls: { refs: string[]; opts: ResolveOptions | undefined; created: PinResolverOptions }[] = [];
  let disposed = 0;
  const create = (created: PinResolverOptions): PinResolver => ({
    async resolveMany(refs, opts) {
      calls.push({ refs, opts, created });
      const out = new Map<string, Resolution | RegistryError>();
      for (const r of refs) {
        const a = answers[r];
        out.set(r, a === undefined ? new RegistryError('not-found', `no ${r}`) : typeof a === 'string' ? res(r, a) : a);
      }
      return out;
    },
    dispose: () => void disposed++,
  });
  return { create, calls, disposed: () => disposed };
}

const DOCKERFILE = `FROM node:20 AS build\nFROM node:20\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\nFROM redis:7@${A}\n`;

describe('container-lens pin', () => {
  it('asks once per distinct unpinned image and prints the edits without writing', async () => {
    const io = memoryIo({ Dockerfile: DOCKERFILE, 'compose.yaml': 'services:\n  web:\n    image: "nginx:1.27"\n' });
    const fake = fakeResolver({ 'node:20': A, 'nginx:1.27': B });
    const code = await runCli(['pin', 'Dockerfile', 'compose.yaml'], io, { createResolver: fake.create });
    expect(code).toBe(0);
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]!.refs.sort()).toEqual(['nginx:1.27', 'node:20']);
    expect(fake.calls[0]!.created).toEqual({ insecureRegistries: [], useEngine: true });
    expect(fake.disposed()).toBe(1);
    expect(io.stdoutText).toContain(`Dockerfile:1:6: node:20 -> node:20@${A} (multi-platform index: linux/amd64, linux/arm64; from reg.example)`);
    expect(io.stdoutText).toContain(`compose.yaml:3:13: nginx:1.27 -> nginx:1.27@${B}`);
    expect(io.stdoutText).toMatch(/4 references to pin in 2 files \(2 distinct images asked for\); 1 already pinned\. Run again with --write/);
    expect(io.text('Dockerfile')).toBe(DOCKERFILE);
  });

  it('--write rewrites the files; failures go to stderr and make the exit code 1', async () => {
    const io = memoryIo({ Dockerfile: DOCKERFILE });
    const fake = fakeResolver({ 'node:20': A, 'nginx:1.27': new RegistryError('unauthorized', 'the registry docker.io needs credentials') });
    const code = await runCli(['pin', '--write', '--insecure-registry', 'a:5000,b', '--insecure-registry', 'c', '--timeout', '2500', '--no-engine', 'Dockerfile'], io, {
      createResolver: fake.create,
    });
    expect(code).toBe(1);
    expect(fake.calls[0]!.created).toEqual({ insecureRegistries: ['a:5000', 'b', 'c'], timeoutMs: 2500, useEngine: false });
    expect(io.text('Dockerfile')).toBe(`FROM node:20@${A} AS build\nFROM node:20@${A}\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\nFROM redis:7@${A}\n`);
    expect(io.stderrText).toContain('Dockerfile:3:13: nginx:1.27: the registry docker.io needs credentials');
  });

  it('--format json: pins and failures per file', async () => {
    const io = memoryIo({ Dockerfile: 'FROM node:20\nFROM ghcr.io/x/y:1\n' });
    const fake = fakeResolver({ 'node:20': A });
    expect(await runCli(['pin', '--format', 'json', 'Dockerfile'], io, { createResolver: fake.create })).toBe(1);
    const out = JSON.parse(io.stdoutText);
    expect(out).toMatchObject({
      version: 1,
      written: false,
      files: [
        {
          path: 'Dockerfile',
          kind: 'dockerfile',
          pins: [{ image: 'node:20', pinned: `node:20@${A}`, digest: A, manifestKind: 'index', platforms: ['linux/amd64', 'linux/arm64'], source: 'registry', registry: 'reg.example' }],
          failures: [{ image: 'ghcr.io/x/y:1', code: 'not-found', message: 'no ghcr.io/x/y:1' }],
          alreadyPinned: 0,
        },
      ],
    });
    expect(out.files[0].pins[0].range).toEqual({ start: { line: 0, character: 5 }, end: { line: 0, character: 12 } });
  });

  it('nothing to pin: no resolver is made', async () => {
    const io = memoryIo({ Dockerfile: `FROM scratch\nFROM redis:7@${A}\n` });
    const fake = fakeResolver({});
    expect(await runCli(['pin', 'Dockerfile'], io, { createResolver: fake.create })).toBe(0);
    expect(fake.calls).toHaveLength(0);
    expect(io.stdoutText).toContain('0 references to pin in 0 files (0 distinct images asked for); 1 already pinned.');
  });

  it('usage errors: no path, bad format, bad timeout; a missing file is exit 2', async () => {
    const fake = fakeResolver({});
    for (const argv of [['pin'], ['pin', '--format', 'sarif', 'Dockerfile'], ['pin', '--timeout', 'soon', 'Dockerfile']]) {
      const io = memoryIo({ Dockerfile: 'FROM node:20\n' });
      expect(await runCli(argv, io, { createResolver: fake.create })).toBe(2);
    }
    const io = memoryIo({});
    expect(await runCli(['pin', 'nope/Dockerfile'], io, { createResolver: fake.create })).toBe(2);
    expect(fake.calls).toHaveLength(0);
  });
});

describe('container-lens lint --check-drift', () => {
  const PINNED = `FROM node:20@${A}\nFROM docker.io/node:20@${A} AS again\nFROM redis@${A}\n`;

  it('without the flag, no resolver is made at all', async () => {
    const fake = fakeResolver({});
    const io = memoryIo({ Dockerfile: PINNED });
    await runCli(['lint', 'Dockerfile'], io, { createResolver: fake.create });
    expect(fake.calls).toHaveLength(0);
    expect(io.stdoutText).not.toContain('digest-drift');
    const usage = memoryIo({ Dockerfile: PINNED });
    expect(await runCli(['lint', '--insecure-registry', 'x', 'Dockerfile'], usage, { createResolver: fake.create })).toBe(2);
  });

  it('a moved tag is an info finding digest-drift whose fix writes the new digest; registry only, no cache', async () => {
    const fake = fakeResolver({ 'node:20': B, 'docker.io/node:20': B });
    const io = memoryIo({ Dockerfile: PINNED });
    const code = await runCli(['lint', '--check-drift', '--severity-threshold', 'error', '--format', 'json', 'Dockerfile'], io, { createResolver: fake.create });
    expect(code).toBe(0);
    expect(fake.calls[0]!.refs.sort()).toEqual(['docker.io/node:20', 'node:20']);
    expect(fake.calls[0]!.opts).toEqual({ registryOnly: true, noCache: true });
    expect(fake.calls[0]!.created.useEngine).toBe(false);
    const findings = JSON.parse(io.stdoutText).files[0].findings.filter((f: { ruleId: string }) => f.ruleId === 'digest-drift');
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({ severity: 'info', category: 'reproducibility', range: { start: { line: 0, character: 5 } } });
    expect(findings[0].message).toContain('node:20');
    expect(findings[0].fixes[0].edits[0].newText).toBe(`node:20@${B}`);
  });

  it('a current tag adds nothing; a failed check is said on stderr and adds nothing', async () => {
    const fake = fakeResolver({ 'node:20': A, 'docker.io/node:20': new RegistryError('offline', 'Cannot reach Docker Hub') });
    const io = memoryIo({ Dockerfile: PINNED });
    await runCli(['lint', '--check-drift', 'Dockerfile'], io, { createResolver: fake.create });
    expect(io.stdoutText).not.toContain('digest-drift');
    expect(io.stderrText).toContain('could not check docker.io/node:20 for drift: Cannot reach Docker Hub');
  });
});
