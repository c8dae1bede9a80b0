/** `scripts/check-boundaries.mjs` (npm run lint): the repository passes, and each kind of violation is caught. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = resolve(__dirname, '../..');
const SCRIPT = join(REPO, 'scripts/check-boundaries.mjs');
const dirs: string[] = [];

function check(root: string) {
  const r = spawnSync(process.execPath, [SCRIPT, '--root', root], { encoding: 'utf8' });
  return { code: r.status, lines: r.stderr.split('\n').filter((l) => /^\S+:\d+: /.test(l)) };
}

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'container-lens-boundaries-'));
  dirs.push(root);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return root;
}

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('check-boundaries', () => {
  it('passes on this repository', () => {
    const r = spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.each([
    ['vscode in core', 'src/core/a.ts', "import * as vscode from 'vscode';\n", 'src/core/a.ts:1: imports "vscode"'],
    ['vscode in cli', 'src/cli/a.ts', "\nexport { window } from 'vscode';\n", 'src/cli/a.ts:2: imports "vscode"'],
    ['vscode in docker', 'src/docker/a.ts', "const v = require('vscode');\n", 'src/docker/a.ts:1: imports "vscode"'],
    ['vscode in registry', 'src/registry/a.ts', "import type { Uri } from 'vscode';\n", 'src/registry/a.ts:1: imports "vscode"'],
    ['vscode in shared', 'src/shared/a.ts', "import 'vscode';\n", 'src/shared/a.ts:1: imports "vscode"'],
    ['vscode in a core test', 'src/core/a.test.ts', "import * as vscode from 'vscode';\n", 'src/core/a.test.ts:1: imports "vscode"'],
    ['fs in core', 'src/core/a.ts', "import { readFileSync } from 'fs';\n", 'src/core/a.ts:1: imports the Node built-in "fs"'],
    ['node: in core', 'src/core/x/a.ts', "import * as path from 'node:path';\n", 'src/core/x/a.ts:1: imports the Node built-in "node:path"'],
    ['child_process in core', 'src/core/a.ts', "const cp = await import('child_process');\n", 'src/core/a.ts:1: imports the Node built-in "child_process"'],
    ['outside core', 'src/core/x/a.ts', "import { x } from '../../docker/client';\n", 'src/core/x/a.ts:1: imports "../../docker/client" from outside src/core'],
    ['timer in core', 'src/core/a.ts', 'export function f() {\n  setTimeout(() => 0, 10);\n}\n', 'src/core/a.ts:2: calls setTimeout'],
    ['interval in core', 'src/core/a.ts', 'setInterval(f, 1);\n', 'src/core/a.ts:1: calls setInterval'],
  ])('catches %s', (_name, path, text, expected) => {
    const r = check(tree({ [path]: text }));
    expect(r.code).toBe(1);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0].startsWith(expected)).toBe(true);
  });

  it.each([
    ['vscode in the editor', 'src/editor/a.ts', "import * as vscode from 'vscode';\n"],
    ['fs in the cli', 'src/cli/a.ts', "import * as fs from 'node:fs';\n"],
    ['fs in a core test', 'src/core/a.test.ts', "import { readFileSync } from 'node:fs';\nsetTimeout(() => 0);\n"],
    ['packages and siblings in core', 'src/core/x/a.ts', "import { DockerfileParser } from 'dockerfile-ast';\nimport { b } from './b';\nimport { c } from '../c';\n"],
    [
      'words in comments, strings and regexes',
      'src/core/a.ts',
      "// import x from 'vscode'\n/* setTimeout(f) */\nconst s = \"import y from 'fs'\";\nconst r = /[\"'`]/;\nconst t = `\nrequire('child_process')\n`;\n",
    ],
  ])('allows %s', (_name, path, text) => {
    const r = check(tree({ [path]: text }));
    expect(r.lines).toEqual([]);
    expect(r.code).toBe(0);
  });
});
