// What the benches share: command-line options, statistics, number formatting, the printed tables, and bundling
// parts of src/ (TypeScript) into something node can require.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { yamlBrowserBuild } from '../scripts/lib/esbuild-yaml.mjs';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** The value after `--name` on the command line, else `fallback`. */
export function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** Nearest-rank quantile (p95 of 50 samples is the 48th smallest); the median averages the middle two. NaN when empty. */
export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  if (q === 0.5 && s.length % 2 === 0) return (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

export const median = (xs) => quantile(xs, 0.5);

/** `n` with `digits` decimals, or `n/a` when it is not a finite number. */
export const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

export const verdict = (ok) => (ok ? 'ok' : 'MISSED');

/** Prints a title, then the rows in columns: the first left-aligned, the others right-aligned. */
export function table(title, header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

/**
 * Bundles `contents` (TypeScript, imports relative to the repository root) for node, the way the extension and
 * the CLI bundle our code, and requires the result. The bundle is written to a temporary folder that is removed
 * once it is loaded.
 */
export async function bundleAndRequire(contents, { name, minify = true }) {
  const dir = mkdtempSync(join(tmpdir(), `container-lens-bench-${name}-`));
  try {
    const outfile = join(dir, `${name}.cjs`);
    await build({
      stdin: { contents, resolveDir: ROOT, loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      minify,
      outfile,
      logLevel: 'error',
      plugins: [yamlBrowserBuild(ROOT)],
    });
    return require(outfile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** True when the module at `moduleUrl` is the script node was started with (`node bench/<name>.mjs`). */
export function isMain(moduleUrl) {
  return Boolean(process.argv[1]) && resolve(process.argv[1]) === fileURLToPath(moduleUrl);
}
