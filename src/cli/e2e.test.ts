/**
 * End to end: build `dist/cli.js` with the project's own esbuild script and run it as a user would,
 * on a temporary directory.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = resolve(__dirname, '../..');
const CLI = join(REPO, 'dist/cli.js');
let dir = '';

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  const started = Date.now();
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, encoding: 'utf8' });
  // esbuild.mjs also bundles the extension, which other work may break for a while: only the CLI matters here.
  const fresh = (() => {
    try {
      return statSync(CLI).mtimeMs >= started - 1000;
    } catch {
      return false;
    }
  })();
  if (!fresh) throw new Error(`node esbuild.mjs did not produce dist/cli.js:\n${build.stderr}`);
  dir = mkdtempSync(join(tmpdir(), 'container-lens-e2e-'));
  mkdirSync(join(dir, 'svc/api'), { recursive: true });
  mkdirSync(join(dir, 'node_modules/x'), { recursive: true });
  writeFileSync(join(dir, 'svc/api/Dockerfile'), '\uFEFFFROM alpine:3.20\r\nRUN echo hi\r\nCMD ["sh"]\r\n');
  writeFileSync(join(dir, 'node_modules/x/Dockerfile'), 'FROM alpine:3.20\n');
  writeFileSync(join(dir, 'notes.txt'), 'not a Dockerfile\n');
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('dist/cli.js', () => {
  it('starts with a shebang and prints its version', () => {
    expect(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const r = cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version);
  });

  it('lint --format json walks the directory and exits 1 on findings', () => {
    const r = cli(['lint', '--format', 'json', '.']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.version).toBe(1);
    expect(json.files.map((f: { path: string }) => f.path)).toEqual(['svc/api/Dockerfile']);
    expect(json.files[0].findings.map((f: { ruleId: string }) => f.ruleId)).toContain('final-stage-runs-as-root');
  });

  it('lint --format sarif is valid JSON with one run', () => {
    const r = cli(['lint', '--format', 'sarif', 'svc']);
    const log = JSON.parse(r.out);
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results.length).toBeGreaterThan(0);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('svc/api/Dockerfile');
  });

  it('text output and exit codes', () => {
    const r = cli(['lint', 'svc/api/Dockerfile']);
    expect(r.out).toMatch(/^svc\/api\/Dockerfile:1:1: warning \[final-stage-runs-as-root\]/m);
    expect(r.out).not.toContain('\u001b[');
    expect(cli(['lint', 'missing']).code).toBe(2);
    expect(cli(['lint', '--nope', '.']).code).toBe(2);
    // a named file is read as a Dockerfile whatever its name: findings perhaps, never a crash
    expect(cli(['lint', 'notes.txt']).code).toBeLessThan(2);
  });

  it('fix --write keeps BOM and CRLF', () => {
    const r = cli(['fix', '--write', '--rule', 'final-stage-runs-as-root', 'svc/api/Dockerfile']);
    expect(r.code).toBe(0);
    const written = readFileSync(join(dir, 'svc/api/Dockerfile'), 'utf8');
    expect(written.startsWith('\uFEFFFROM alpine:3.20\r\nRUN echo hi')).toBe(true);
    expect(written).toMatch(/\r\nUSER [^\r\n]+\r\nCMD \["sh"\]\r\n$/);
    expect(written.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const again = cli(['lint', '--format', 'json', 'svc/api/Dockerfile']);
    expect(JSON.parse(again.out).files[0].findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain('final-stage-runs-as-root');
  });

  it('explain prints the hover of a line, or exits 1 where there is none', () => {
    writeFileSync(join(dir, 'explain.Dockerfile'), 'FROM alpine:3.20\nRUN echo hi\n\n');
    const r = cli(['explain', 'explain.Dockerfile:2:1']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('RUN');
    expect(r.out.length).toBeGreaterThan(40);
    const none = cli(['explain', 'explain.Dockerfile:3:1']);
    expect(none.code).toBe(1);
    expect(none.err).toContain('nothing to explain');
  });

  it('profile prints JSON', () => {
    const r = cli(['profile', 'svc/api/Dockerfile']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).files[0].stages[0].from.image).toBe('alpine:3.20');
  });
});
