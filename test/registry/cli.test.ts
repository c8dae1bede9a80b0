/**
 * The CLI (bundled by globalSetup, run as a child process) against the real loopback registry:
 * `pin` prints and writes digests, `lint --check-drift` finds a tag that moved, `--insecure-registry`
 * lets a registry with an untrusted certificate through.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildImage, startRegistry } from './harness';
import type { TestRegistry } from './harness';
import { digestOf, manifestBytes } from '../../scripts/registry/lib.mjs';

const info = inject('registrySuite');

describe.skipIf(!info.tools.available)('container-lens pin and lint --check-drift against a real registry', () => {
  let reg: TestRegistry;
  let work: string;
  beforeAll(async () => {
    reg = await startRegistry({ fixtures: true });
    work = mkdtempSync(join(tmpdir(), 'cl-cli-registry-'));
  });
  afterAll(async () => {
    await reg?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
    const r = spawnSync(process.execPath, [info.bundles.cli, ...args], {
      cwd: work,
      encoding: 'utf8',
      timeout: 60_000,
      // no engine socket, no docker config, no proxies: only the loopback registry
      env: { PATH: process.env.PATH, HOME: work, DOCKER_CONFIG: join(work, 'no-docker-config'), DOCKER_HOST: `unix://${join(work, 'no.sock')}`, ...env },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it('pin prints one edit per reference, asks once per image, and exits 1 for the image that is missing', () => {
    const text = [
      `FROM ${reg.ref('cl/multi:1.0')} AS a`,
      `FROM ${reg.ref('cl/multi:1.0')}`,
      `COPY --from=${reg.ref('cl/oci:1.0')} /hello.txt /`,
      `FROM ${reg.ref('cl/missing:1')}`,
      '',
    ].join('\n');
    writeFileSync(join(work, 'Dockerfile'), text);
    const r = cli(['pin', 'Dockerfile']);
    expect(r.code).toBe(1);
    const multi = reg.fixtures['cl/multi:1.0']!.digest;
    expect(r.stdout).toContain(`Dockerfile:1:6: ${reg.ref('cl/multi:1.0')} -> ${reg.ref('cl/multi:1.0')}@${multi} (multi-platform index: linux/amd64, linux/arm64/v8; from ${reg.host})`);
    expect(r.stdout).toContain(`Dockerfile:2:6: ${reg.ref('cl/multi:1.0')} -> ${reg.ref('cl/multi:1.0')}@${multi}`);
    expect(r.stdout).toContain(`-> ${reg.ref('cl/oci:1.0')}@${reg.fixtures['cl/oci:1.0']!.digest} (single-platform manifest`);
    expect(r.stdout).toContain('3 references to pin in 1 file (3 distinct images asked for)');
    expect(r.stderr).toContain(`Dockerfile:4:6: ${reg.ref('cl/missing:1')}:`);
    expect(r.stderr).toMatch(/not-found|has no/);
    expect(readFileSync(join(work, 'Dockerfile'), 'utf8')).toBe(text);
  });

  it('pin --write --format json rewrites a compose file; a second run has nothing left to pin', () => {
    const text = `services:\n  web:\n    image: "${reg.ref('cl/list:1.0')}"\n  db:\n    image: ${reg.ref('cl/docker-v2:1.0')}\n`;
    writeFileSync(join(work, 'compose.yaml'), text);
    const r = cli(['pin', '--write', '--format', 'json', 'compose.yaml']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.written).toBe(true);
    expect(out.files[0].pins.map((p: { digest: string; manifestKind: string }) => [p.digest, p.manifestKind])).toEqual([
      [reg.fixtures['cl/list:1.0']!.digest, 'index'],
      [reg.fixtures['cl/docker-v2:1.0']!.digest, 'manifest'],
    ]);
    expect(readFileSync(join(work, 'compose.yaml'), 'utf8')).toBe(
      `services:\n  web:\n    image: "${reg.ref('cl/list:1.0')}@${reg.fixtures['cl/list:1.0']!.digest}"\n  db:\n    image: ${reg.ref('cl/docker-v2:1.0')}@${reg.fixtures['cl/docker-v2:1.0']!.digest}\n`,
    );
    const again = cli(['pin', 'compose.yaml']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 references to pin in 0 files (0 distinct images asked for); 2 already pinned.');
  });

  it('lint --check-drift reports a tag that moved (and plain lint does not look)', async () => {
    const pinned = reg.fixtures['cl/moving:1.0']!.digest;
    writeFileSync(join(work, 'Dockerfile.drift'), `FROM ${reg.ref('cl/moving:1.0')}@${pinned}\nUSER 1000\n`);
    const current = cli(['lint', '--check-drift', '--format', 'json', 'Dockerfile.drift']);
    expect(current.stderr).toBe('');
    expect(JSON.parse(current.stdout).files[0].findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain('digest-drift');

    const image = buildImage({ arch: 'amd64', text: 'moved by the CLI test\n' });
    const moved = (await reg.pushImage('cl/moving', '1.0', image, 'docker')).digest;
    expect(moved).toBe(digestOf(manifestBytes(image, 'docker')));

    const plain = cli(['lint', '--format', 'json', 'Dockerfile.drift']);
    expect(JSON.parse(plain.stdout).files[0].findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain('digest-drift');

    const drift = cli(['lint', '--check-drift', '--format', 'json', 'Dockerfile.drift']);
    const found = JSON.parse(drift.stdout).files[0].findings.filter((f: { ruleId: string }) => f.ruleId === 'digest-drift');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'info', range: { start: { line: 0, character: 5 } } });
    expect(found[0].message).toContain(`${reg.ref('cl/moving:1.0')}`);
    expect(found[0].fixes[0].edits[0].newText).toBe(`${reg.ref('cl/moving:1.0')}@${moved}`);
    const text = cli(['lint', '--check-drift', 'Dockerfile.drift']);
    expect(text.stdout).toMatch(/Dockerfile\.drift:1:6: info \[digest-drift\]/);
  });

  it('--insecure-registry lets an untrusted TLS registry through; without it the certificate is refused', async () => {
    const tls = await startRegistry({ tls: true, fixtures: true });
    try {
      writeFileSync(join(work, 'Dockerfile.tls'), `FROM ${tls.ref('cl/oci:1.0')}\n`);
      const refused = cli(['pin', 'Dockerfile.tls']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/not trusted/);
      const ok = cli(['pin', '--insecure-registry', tls.host, 'Dockerfile.tls']);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toContain(`@${tls.fixtures['cl/oci:1.0']!.digest}`);
      // trusting the CA works too, with no insecure listing
      const trusted = cli(['pin', 'Dockerfile.tls'], { NODE_EXTRA_CA_CERTS: tls.caFile! });
      expect(trusted.code).toBe(0);
    } finally {
      await tls.stop();
    }
  });
});
