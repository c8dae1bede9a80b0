#!/usr/bin/env node
// Benchmarks against named peers, same run (`npm run bench`, which builds dist/ first):
//  (a) lint time per Dockerfile of the corpus: our core vs dockerfile-utils' validate(), the validator inside
//      the Dockerfile language server that Microsoft's Container Tools ships; same process, warm-up, several rounds;
//  (b) extension activation: require(dist/extension.js) + activate() in fresh node processes with a fake vscode,
//      of the production build (the core is a second bundle, dist/core.js, loaded on the first analysis);
//  (c) bundle sizes of dist/extension.js, dist/core.js and dist/cli.js (as built, and minified as shipped);
//  (d), (e) compose and Kubernetes: a 5,000-line manifest through analyze(), the compose corpus vs dclint (bench/yaml.mjs);
//  (f)-(h) the Containers view on a private dockerd with 300 containers: list + tree items vs `docker ps`, event ->
//      repaint latency, requests while idle for 60 s (bench/containers.mjs; `--quick` shortens the idle wait to 10 s).
//  (i)-(iii) digest resolution on a loopback docker-registry with Bearer auth: one round trip vs the bare HTTP
//      request and curl, a cold resolution, and "pin all" on 50 references vs a naive loop (bench/registry.mjs).
// Options: --rounds N (default 15), --warmup N (default 3), --activations N (default 15), --corpus DIR;
// bench/yaml.mjs also reads --compose-rounds N, --k8s-corpus DIR, --compose-corpus DIR, --lines N;
// bench/containers.mjs --containers N, --runs N, --events N, --idle-seconds N, --quick; bench/registry.mjs --round-trips N.
// Prints a table; not a test, so it never fails on a missed target.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchContainers } from './containers.mjs';
import { bundleAndRequire, fmt as fmtDigits, median, option, ROOT, table, verdict } from './lib.mjs';
import { benchRegistry } from './registry.mjs';
import { benchYaml } from './yaml.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const ROUNDS = Number(option('rounds', 15));
const WARMUP = Number(option('warmup', 3));
const ACTIVATIONS = Number(option('activations', 15));
const CORPUS = resolve(ROOT, option('corpus', '../shared/corpus/dockerfiles'));

const TARGET_RATIO = 1.0;
const TARGET_ACTIVATION_MS = 30;
const TARGET_BUNDLE_KB = 400;

// lint times are fractions of a millisecond: three decimals unless a figure says otherwise
const fmt = (n, digits = 3) => fmtDigits(n, digits);

/** Our core, bundled the way the extension and CLI bundle it. */
const loadCore = () =>
  bundleAndRequire(
    "export { lintDockerfile } from './src/core/dockerfile/lint';\n" +
      "export { parseDockerfile } from './src/core/dockerfile/parse';\n" +
      "export { DOCKERFILE_RULES } from './src/core/dockerfile/rules';",
    { name: 'core' },
  );

async function benchLint() {
  if (!existsSync(CORPUS)) {
    console.log(`\n(a) lint: corpus not found at ${CORPUS}; skipped`);
    return;
  }
  const files = readdirSync(CORPUS)
    .filter((f) => statSync(join(CORPUS, f)).isFile())
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(CORPUS, f), 'utf8').replace(/^\uFEFF/, '') }));
  const core = await loadCore();
  const utils = require('dockerfile-utils');
  const theirsRules = Object.values(utils.ValidationCode).filter((v) => typeof v === 'number').length;
  const impls = [
    { name: 'Container Lens core', run: (t) => core.lintDockerfile(t), rules: core.DOCKERFILE_RULES.length },
    { name: 'dockerfile-utils validate', run: (t) => utils.validate(t), rules: theirsRules },
  ];
  const times = impls.map(() => files.map(() => []));
  const findings = impls.map(() => 0);
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    // alternate who goes first so neither always runs on the other's warm caches
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    files.forEach((f, i) => {
      for (const k of order) {
        const t0 = process.hrtime.bigint();
        const out = impls[k].run(f.text);
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (round >= WARMUP) times[k][i].push(ms);
        if (round === 0) findings[k] += out.length;
      }
    });
  }
  const perFile = times.map((t) => t.map(median));
  const rows = impls.map((impl, k) => [
    impl.name,
    fmt(median(perFile[k])),
    fmt(perFile[k].reduce((a, b) => a + b, 0) / files.length),
    fmt(Math.max(...perFile[k])),
    impl.rules,
    findings[k],
  ]);
  table(
    `(a) lint, ${files.length} Dockerfiles from ${CORPUS}, ${ROUNDS} rounds after ${WARMUP} warm-up (ms per file, median of rounds)`,
    ['implementation', 'median ms/file', 'mean ms/file', 'max ms/file', 'rules checked', 'findings'],
    rows,
  );
  const ratioMedian = median(perFile[0]) / median(perFile[1]);
  const ratioTotal = perFile[0].reduce((a, b) => a + b, 0) / perFile[1].reduce((a, b) => a + b, 0);
  console.log(
    `ratio ours/theirs: ${fmt(ratioMedian, 2)}x by median file, ${fmt(ratioTotal, 2)}x over the corpus ` +
      `(target <= ${TARGET_RATIO.toFixed(1)}x: ${verdict(ratioTotal <= TARGET_RATIO)})`,
  );
  console.log('rules checked: our rule registry vs the validation codes dockerfile-utils defines (syntax checks included).');
  profileRules(core, files);
}

/**
 * Where our time goes: parsing vs each rule's check, over the whole corpus (median of rounds). As in a lint, each
 * file is parsed afresh and its model dropped after its rules: what rules share (a RUN's tokenised commands) is
 * computed once per model and charged to the first rule, in registry order, that asks for it.
 */
function profileRules(core, files) {
  const parse = [];
  const perRule = core.DOCKERFILE_RULES.map(() => []);
  const rounds = Math.max(3, Math.min(ROUNDS, 7));
  const since = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
  for (let round = 0; round < rounds + 1; round++) {
    let parseMs = 0;
    const ruleMs = core.DOCKERFILE_RULES.map(() => 0);
    for (const f of files) {
      let t0 = process.hrtime.bigint();
      const model = core.parseDockerfile(f.text);
      parseMs += since(t0);
      core.DOCKERFILE_RULES.forEach((rule, k) => {
        t0 = process.hrtime.bigint();
        try {
          rule.check(model, () => {});
        } catch {
          // the runner turns this into an internal-error finding; here only time matters
        }
        ruleMs[k] += since(t0);
      });
    }
    if (round > 0) {
      parse.push(parseMs);
      ruleMs.forEach((ms, k) => perRule[k].push(ms));
    }
  }
  const rows = core.DOCKERFILE_RULES.map((rule, k) => [rule.id, median(perRule[k])]);
  const parseMs = median(parse);
  const rulesMs = rows.reduce((a, r) => a + r[1], 0);
  rows.sort((a, b) => b[1] - a[1]);
  table(
    `(a2) where our time goes over the corpus (ms for all ${files.length} files, median of ${rounds} rounds, each file parsed afresh)`,
    ['part', 'ms', 'share'],
    [
      ['parse (dockerfile-ast + our model)', fmt(parseMs, 1), `${((100 * parseMs) / (parseMs + rulesMs)).toFixed(0)}%`],
      ...rows.slice(0, 8).map(([id, ms]) => [`rule ${id}`, fmt(ms, 1), `${((100 * ms) / (parseMs + rulesMs)).toFixed(0)}%`]),
      [`other ${Math.max(0, rows.length - 8)} rules`, fmt(rows.slice(8).reduce((a, r) => a + r[1], 0), 1), ''],
    ],
  );
}

function activationSamples(bundle, args = []) {
  const child = join(HERE, 'activate-child.cjs');
  const samples = [];
  for (let i = 0; i < ACTIVATIONS; i++) {
    const r = spawnSync(process.execPath, [child, bundle, ...args], { encoding: 'utf8', timeout: 30_000 });
    const last = r.stdout.trim().split('\n').pop() ?? '';
    let result;
    try {
      result = JSON.parse(last);
    } catch {
      result = { error: r.stderr || r.stdout || `exit ${r.status}` };
    }
    if (result.error) return { error: result.error };
    samples.push(result);
  }
  return { samples };
}

/** `node esbuild.mjs --production` into a temp folder: exactly the bundles `npm run package` ships. */
function shippedBuild() {
  const dir = mkdtempSync(join(tmpdir(), 'container-lens-bench-'));
  const r = spawnSync(process.execPath, [join(ROOT, 'esbuild.mjs'), '--production', '--outdir', dir], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return { error: r.stderr || r.stdout || `exit ${r.status}` };
  }
  return { dir };
}

/** Time to require the lazily loaded core bundle (what the first analysis pays once), fresh processes. */
function coreLoadSamples(file) {
  const samples = [];
  for (let i = 0; i < ACTIVATIONS; i++) {
    const r = spawnSync(process.execPath, ['-e', `const t=performance.now();require(${JSON.stringify(file)});console.log(performance.now()-t)`], { encoding: 'utf8' });
    const ms = Number(r.stdout.trim());
    if (Number.isFinite(ms)) samples.push(ms);
  }
  return samples;
}

let shipped;
async function benchActivation() {
  shipped = shippedBuild();
  if (shipped.error) {
    console.log(`\n(b) activation: the production build failed, so no timing:\n${shipped.error}`);
    return;
  }
  const ext = join(shipped.dir, 'extension.js');
  const rows = [];
  for (const [label, args] of [
    ['fresh node process', []],
    ['Node built-ins preloaded, as in the extension host', ['--host-builtins']],
  ]) {
    const r = activationSamples(ext, args);
    if (r.error) {
      console.log(`\n(b) activation (${label}): activate() failed with the fake vscode module, so no timing:\n${r.error}`);
      continue;
    }
    const req = median(r.samples.map((s) => s.requireMs));
    const act = median(r.samples.map((s) => s.activateMs));
    rows.push([label, fmt(req, 2), fmt(act, 2), fmt(req + act, 2), verdict(req + act < TARGET_ACTIVATION_MS)]);
  }
  if (rows.length > 0) {
    table(
      `(b) activation of the shipped dist/extension.js, ${ACTIVATIONS} fresh node processes each, fake vscode module (median ms)`,
      ['case', 'require', 'activate()', 'total', `target < ${TARGET_ACTIVATION_MS} ms`],
      rows,
    );
  }
  const core = coreLoadSamples(join(shipped.dir, 'core.js'));
  console.log(`    then, once, on the first analysis: require(dist/core.js) ${fmt(median(core), 1)} ms median (rules, parsers, knowledge)`);
}

async function benchSizes() {
  const kb = (b) => (b === undefined ? 'missing' : (b / 1024).toFixed(1));
  const size = (p) => (existsSync(p) ? statSync(p).size : undefined);
  const rows = [];
  for (const [bundle, when, target] of [
    ['extension.js', 'at activation', true],
    ['core.js', 'on the first analysis', false],
    ['cli.js', 'by the CLI (with core.js)', false],
  ]) {
    const built = size(join(ROOT, 'dist', bundle));
    const min = shipped?.dir ? size(join(shipped.dir, bundle)) : undefined;
    rows.push([`dist/${bundle}`, when, kb(built), kb(min), !target ? '' : min === undefined ? 'n/a' : verdict(min / 1024 < TARGET_BUNDLE_KB)]);
  }
  table('(c) bundle size (KB)', ['bundle', 'loaded', 'as built', 'minified (shipped)', `target < ${TARGET_BUNDLE_KB} KB`], rows);
  if (shipped?.dir) rmSync(shipped.dir, { recursive: true, force: true });
}

const cores = availableParallelism();
const load = loadavg()[0];
console.log(`Container Lens benchmark — node ${process.version}, ${process.platform}/${process.arch}, ${cores} cores, load ${load.toFixed(1)}`);
if (load > cores) console.log(`warning: the machine is busy (load ${load.toFixed(1)} on ${cores} cores); absolute times are inflated, ratios less so.`);
await benchLint();
await benchActivation();
await benchSizes();
await benchYaml({ rounds: ROUNDS, warmup: WARMUP });
await benchContainers();
await benchRegistry();
