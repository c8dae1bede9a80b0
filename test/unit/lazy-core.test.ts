/**
 * The extension bundle keeps the core out of activation: dist/extension.js must not require dist/core.js
 * while it loads or activates, and must require it (once) when something asks for an analysis.
 * Builds the production bundles into a temp folder with esbuild.mjs, as `npm run package` does.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
let out: string;

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'cl-lazy-core-'));
  const r = spawnSync(process.execPath, ['esbuild.mjs', '--production', '--outdir', out], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`esbuild.mjs failed: ${r.stderr || r.stdout}`);
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Runs `script` in a fresh node with `vscode` replaced by the benchmark's stand-in; returns its stdout lines. */
function run(script: string): string[] {
  const prelude = `
    const Module = require('node:module');
    const fake = require(${JSON.stringify(join(ROOT, 'bench/fake-vscode.cjs'))});
    const load = Module._load;
    const loaded = [];
    Module._load = function (request, parent, isMain) {
      if (request === 'vscode') return fake;
      // the stack names the glue that read a core value too early
      if (/core\\.js$/.test(request)) loaded.push(new Error('core.js required').stack.split('\\n').slice(3, 9).join(' <- '));
      return load.call(this, request, parent, isMain);
    };
    const ext = require(${JSON.stringify(join(out, 'extension.js'))});
  `;
  const r = spawnSync(process.execPath, ['-e', prelude + script], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(r.stderr || `exit ${r.status}`);
  return r.stdout.trim().split('\n');
}

describe('lazy core bundle', () => {
  it('is a separate file, and the activation bundle is the small one', () => {
    const ext = statSync(join(out, 'extension.js')).size;
    const core = statSync(join(out, 'core.js')).size;
    expect(core).toBeGreaterThan(ext);
    expect(ext).toBeLessThan(400 * 1024);
  });

  it("bundles the yaml package's browser build, which does not read process.env once per token", () => {
    const core = readFileSync(join(out, 'core.js'), 'utf8');
    // the CommonJS build's parser checks process.env.LOG_TOKENS for every token (scripts/lib/esbuild-yaml.mjs)
    expect(core).not.toContain('LOG_TOKENS');
    expect(core).not.toContain('LOG_STREAM');
    // and the parser is there all the same
    expect(core).toContain('Not a YAML token');
  });

  it('loading and activating the extension does not load the core', () => {
    const [line] = run(`
      const context = { subscriptions: [], extensionUri: fake.Uri.file('/x'), extensionPath: '/x',
        globalState: { get: (_k, d) => d, update: async () => {} }, workspaceState: { get: (_k, d) => d, update: async () => {} },
        asAbsolutePath: (p) => p, extension: { packageJSON: {} } };
      Promise.resolve(ext.activate(context)).then(() => { console.log(JSON.stringify(loaded)); process.exit(0); });
    `);
    expect(JSON.parse(line)).toEqual([]);
  });

  it('the core bundle stands alone: keyed modules, and analyze() from it finds the floating tag', () => {
    const core = require(join(out, 'core.js')) as Record<string, Record<string, unknown>>;
    for (const key of ['analyze', 'dockerfile/parse', 'compose/parse', 'kubernetes/parse', 'isolation/report', 'yaml/inside-scalar']) {
      expect(Object.keys(core[key] ?? {}).length, key).toBeGreaterThan(0);
    }
    const analyze = core['analyze'].analyze as (text: string, name: string) => { findings: { ruleId: string }[] };
    const ids = analyze('FROM node:latest\nUSER node\n', 'Dockerfile').findings.map((f) => f.ruleId);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.some((id) => /latest|pin/.test(id))).toBe(true);
  });
});
