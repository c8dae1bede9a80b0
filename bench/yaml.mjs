#!/usr/bin/env node
// Compose and Kubernetes benchmarks (`npm run bench` runs them after the Dockerfile ones; `node bench/yaml.mjs`
// runs them alone):
//  (d) one big multi-document Kubernetes manifest (>= 5,000 lines, built by joining corpus manifests with `---`;
//      files that do not parse on their own or are Helm templates are left out) through analyze(text, 'big.yaml'):
//      median of several runs after warm-up, target < 50 ms;
//  (e) the whole compose corpus linted by our core and by dclint (its programmatic API, DCLinter.lintFiles over
//      the same file list) in the same process: ms per pass over the folder, the ratio, and finding counts side by
//      side (total, per file, and how many of ours are isolation findings).
// Options: --rounds N (default 15), --warmup N (default 3), --compose-rounds N (default 3; dclint takes seconds per pass),
// --k8s-corpus DIR, --compose-corpus DIR, --lines N (default 5000).
// Not a test: a missed target is printed, never fails; a missing corpus or peer is a message, not an error.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleAndRequire, fmt, isMain, median, option, ROOT, table, verdict } from './lib.mjs';

const require = createRequire(import.meta.url);

const TARGET_BIG_MS = 50;

const now = () => process.hrtime.bigint();
const msSince = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

function yamlFiles(dir) {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/i.test(f) && statSync(join(dir, f)).isFile())
    .sort()
    .map((f) => join(dir, f));
}

const readText = (p) => readFileSync(p, 'utf8').replace(/^\uFEFF/, '');

/** Our YAML core, bundled the way the extension and CLI bundle it. */
const loadCore = () =>
  bundleAndRequire(
    "export { analyze } from './src/core/analyze';\n" +
      "export { parseYaml, YAML_OPTIONS } from './src/core/yaml/parse';\n" +
      // the library alone, resolved the way our bundles resolve it (its browser build, see scripts/lib/esbuild-yaml.mjs)
      "export { parseAllDocuments } from 'yaml';\n" +
      "export { COMPOSE_RULES } from './src/core/compose/rules';\n" +
      "export { KUBERNETES_RULES } from './src/core/kubernetes/rules';",
    { name: 'yaml' },
  );

/** Join corpus manifests that parse cleanly on their own until the text has at least `minLines` lines. */
function buildBigManifest(core, dir, minLines) {
  const usable = [];
  let skipped = 0;
  for (const p of yamlFiles(dir)) {
    const text = readText(p);
    const yaml = core.parseYaml(text, { fileName: p });
    // A template anywhere would make the whole joined file a template (not analysed); directives (`%YAML`)
    // are only valid at the start of a stream.
    if (yaml.templated || yaml.problems.some((x) => x.severity === 'error') || /^%/m.test(text)) {
      skipped++;
      continue;
    }
    usable.push(text.endsWith('\n') ? text : `${text}\n`);
  }
  if (usable.length === 0) return { text: '', lines: 0, files: 0, skipped };
  const parts = [];
  let lines = 0;
  for (let i = 0; lines < minLines; i++) {
    const t = usable[i % usable.length];
    parts.push(t);
    lines += t.split('\n').length - 1 + 1; // the file's lines plus its `---` separator
  }
  const text = parts.join('---\n');
  return { text, lines: text.split('\n').length - 1, files: parts.length, distinct: Math.min(parts.length, usable.length), skipped };
}

function benchBigManifest(core, { dir, rounds, warmup, minLines }) {
  if (!existsSync(dir)) {
    console.log(`\n(d) big Kubernetes manifest: corpus not found at ${dir}; skipped`);
    return;
  }
  const big = buildBigManifest(core, dir, minLines);
  if (big.lines === 0) {
    console.log(`\n(d) big Kubernetes manifest: no manifest in ${dir} parses on its own; skipped`);
    return;
  }
  const first = core.analyze(big.text, 'big.yaml');
  if (first.error || first.kind !== 'kubernetes') {
    console.log(`\n(d) big Kubernetes manifest: analyze() gave kind ${first.kind}${first.error ? `, ${first.error}` : ''}; skipped`);
    return;
  }
  // Ours and the library's own parse of the same text, interleaved round by round so that both see the same
  // machine; garbage collection inside a timed call counts (it is part of what the user waits for).
  const impls = [
    { run: () => core.analyze(big.text, 'big.yaml'), times: [] },
    { run: () => core.parseAllDocuments(big.text, core.YAML_OPTIONS), times: [] },
  ];
  for (let round = 0; round < warmup + rounds; round++) {
    for (const impl of round % 2 === 0 ? impls : [...impls].reverse()) {
      const t0 = now();
      impl.run();
      const ms = msSince(t0);
      if (round >= warmup) impl.times.push(ms);
    }
  }
  const [ours, lib] = impls.map((i) => median(i.times));
  const times = impls[0].times;
  table(
    `(d) analyze(text, 'big.yaml'): ${big.files} manifests joined with '---' (${big.distinct} distinct; ${big.skipped} corpus files skipped: ` +
      `parse errors or templates), ${rounds} runs after ${warmup} warm-up, interleaved with the yaml library's parseAllDocuments alone`,
    ['input', 'lines', 'KB', 'containers', 'findings', 'median ms', 'min ms', 'max ms', 'yaml alone', 'ratio', `target < ${TARGET_BIG_MS} ms`],
    [
      [
        'big.yaml',
        big.lines,
        fmt(Buffer.byteLength(big.text) / 1024),
        first.profiles?.length ?? 0,
        first.findings.length,
        fmt(ours, 2),
        fmt(Math.min(...times), 2),
        fmt(Math.max(...times), 2),
        fmt(lib, 2),
        `${fmt(ours / lib, 2)}x`,
        verdict(ours < TARGET_BIG_MS),
      ],
    ],
  );
  console.log(
    `the yaml library's own parse of this text takes ${fmt(lib, 1)} ms (median, same run): our reading, profiles, 25 rules and ` +
      `their fixes add ${fmt(ours - lib, 1)} ms.`,
  );
}

async function loadDclint() {
  try {
    const entry = require.resolve('dclint', { paths: [ROOT] });
    const version = JSON.parse(readFileSync(join(ROOT, 'node_modules/dclint/package.json'), 'utf8')).version;
    const mod = await import(pathToFileURL(entry).href);
    const DCLinter = mod.DCLinter ?? mod.default?.DCLinter;
    return DCLinter ? { DCLinter, version } : { error: 'dclint has no DCLinter export' };
  } catch (e) {
    return { error: `dclint is not installed (${e instanceof Error ? e.message.split('\n')[0] : e})` };
  }
}

async function benchCompose(core, { dir, rounds, warmup }) {
  if (!existsSync(dir)) {
    console.log(`\n(e) compose corpus: not found at ${dir}; skipped`);
    return;
  }
  const paths = yamlFiles(dir);
  if (paths.length === 0) {
    console.log(`\n(e) compose corpus: no .yml/.yaml files in ${dir}; skipped`);
    return;
  }
  const peer = await loadDclint();
  if (peer.error) console.log(`\n(e) ${peer.error}: only our side is timed`);
  // dclint reads the files itself inside lintFiles, so our pass reads them too.
  // The folder is compose by definition, so the kind is given rather than guessed from the corpus file names.
  const ours = () => paths.map((p) => core.analyze(readText(p), p, {}, 'compose'));
  // All dclint rules at their default levels (what `dclint <files>` does without a config file).
  const linter = peer.DCLinter ? new peer.DCLinter({ rules: {}, quiet: true, debug: false, exclude: [] }) : undefined;
  const theirs = linter ? () => linter.lintFiles(paths, false) : undefined;

  const impls = [{ name: 'Container Lens core', run: ours, times: [] }];
  if (theirs) impls.push({ name: `dclint ${peer.version} (DCLinter.lintFiles)`, run: theirs, times: [] });
  const results = [];
  for (let round = 0; round < warmup + rounds; round++) {
    const order = round % 2 === 0 ? impls : [...impls].reverse();
    for (const impl of order) {
      const t0 = now();
      const out = impl.run();
      const ms = msSince(t0);
      if (round >= warmup) impl.times.push(ms);
      if (round === 0) results[impls.indexOf(impl)] = out;
    }
  }

  const n = paths.length;
  const oursFindings = results[0].flatMap((r) => r.findings);
  const oursErrors = results[0].filter((r) => r.error).length;
  const isolation = oursFindings.filter((f) => f.category === 'isolation').length;
  const syntax = oursFindings.filter((f) => f.ruleId === 'yaml-syntax').length;
  const rows = [
    [
      impls[0].name,
      fmt(median(impls[0].times)),
      fmt(median(impls[0].times) / n, 2),
      core.COMPOSE_RULES.length,
      oursFindings.length,
      fmt(oursFindings.length / n, 2),
      `${isolation} isolation; ${syntax} yaml-syntax; ${oursErrors} not analysed`,
    ],
  ];
  if (theirs) {
    const msgs = results[1].flatMap((r) => r.messages);
    const invalid = msgs.filter((m) => m.rule === 'invalid-yaml' || m.rule === 'invalid-schema' || m.rule === 'unknown-error');
    const security = msgs.filter((m) => m.category === 'security').length;
    const theirRules = new Set(msgs.map((m) => m.rule)).size;
    rows.push([
      impls[1].name,
      fmt(median(impls[1].times)),
      fmt(median(impls[1].times) / n, 2),
      `${ruleCount(peer)}`,
      msgs.length,
      fmt(msgs.length / n, 2),
      `${security} security; ${msgs.length - invalid.length - security} style; ${invalid.length} invalid-yaml/schema (${theirRules} ids fired)`,
    ]);
  }
  table(
    `(e) whole compose corpus, ${n} files from ${dir}, ${rounds} passes after ${warmup} warm-up (median ms per pass, read + lint)`,
    ['implementation', 'ms / pass', 'ms / file', 'rules', 'findings', 'per file', 'of which'],
    rows,
  );
  if (theirs) {
    const ratio = median(impls[0].times) / median(impls[1].times);
    console.log(
      `ratio ours/dclint: ${fmt(ratio, 3)}x (${ratio < 1 ? `${fmt(1 / ratio, 1)}x faster` : `${fmt(ratio, 1)}x slower`}). ` +
        'dclint validates each file against the compose JSON schema (compiling it per file) before its rules run; ' +
        'its findings are mostly ordering and quoting style, ours isolation and hardening.',
    );
  }
}

/** dclint's rule count: the rule classes DCLinter loads with an empty config. */
function ruleCount(peer) {
  try {
    return new peer.DCLinter({ rules: {}, quiet: true, debug: false, exclude: [] }).rules.length;
  } catch {
    return 'n/a';
  }
}

/** (d) and (e); `corpusRoot` holds `k8s/` and `compose/` unless the options name the folders. */
export async function benchYaml(opts = {}) {
  const corpusRoot = resolve(ROOT, opts.corpusRoot ?? '../shared/corpus');
  const rounds = Number(opts.rounds ?? option('rounds', 15));
  const warmup = Number(opts.warmup ?? option('warmup', 3));
  const composeRounds = Number(opts.composeRounds ?? option('compose-rounds', 3));
  const k8sDir = resolve(ROOT, opts.k8sCorpus ?? option('k8s-corpus', join(corpusRoot, 'k8s')));
  const composeDir = resolve(ROOT, opts.composeCorpus ?? option('compose-corpus', join(corpusRoot, 'compose')));
  const minLines = Number(opts.lines ?? option('lines', 5000));
  let core;
  try {
    core = await loadCore();
  } catch (e) {
    console.log(`\n(d)/(e) YAML benches: could not bundle src/core/analyze.ts (${e instanceof Error ? e.message : e}); skipped`);
    return;
  }
  benchBigManifest(core, { dir: k8sDir, rounds, warmup, minLines });
  await benchCompose(core, { dir: composeDir, rounds: composeRounds, warmup: Math.min(warmup, 1) });
}

if (isMain(import.meta.url)) {
  await benchYaml();
}
