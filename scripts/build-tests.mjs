// Bundles the integration suite for the extension host: every test/integration/suite/*.test.ts
// (imported in name order) plus the harness -> dist/test/integration/index.js exporting run().
// `vscode` stays external: the extension host provides it. Runner-agnostic: code-server's payload
// URL and @vscode/test-electron both load this file as extensionTestsPath.
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const suiteDir = join(root, 'test/integration/suite');
const files = readdirSync(suiteDir).filter((f) => /\.test\.(ts|js|mjs)$/.test(f)).sort();
if (files.length === 0) throw new Error(`no test files in ${relative(root, suiteDir)}`);

const entry = [
  ...files.map((f) => `import './suite/${f}';`),
  `import { runAll } from './harness';`,
  `import { removeTempDirs } from './helpers';`,
  `export async function run() {`,
  `  const s = await runAll();`,
  `  try { removeTempDirs(); } catch (e) { console.log('could not remove temporary folders: ' + e); }`,
  `  if (s.failed > 0) throw new Error(s.passed + ' passed, ' + s.failed + ' failed');`,
  `}`,
].join('\n');

await esbuild.build({
  stdin: { contents: entry, resolveDir: join(root, 'test/integration'), sourcefile: 'index.ts', loader: 'ts' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  external: ['vscode'],
  outfile: join(root, 'dist/test/integration/index.js'),
  logLevel: 'warning',
});
console.log(`[build-tests] dist/test/integration/index.js (${files.length} suite files)`);
