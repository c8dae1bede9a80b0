#!/usr/bin/env node
// The Containers view against a real engine (`npm run bench` runs it after the others; `node bench/containers.mjs`
// runs it alone). Uses the private dockerd of scripts/engine/ (started here when it is not running, and stopped at
// the end only then), fills it with created containers, and measures:
//  (f) list + build tree items: what the view does on a refresh, with its own code (EngineContainerSource.list,
//      ContainerStore, layout, containerRow/groupDescription from src/views/presentation.ts). Warm: the client the
//      view keeps between refreshes; cold: a new source per run (endpoint, /version, /info, then the list).
//      Peer in the same run: spawning the docker CLI (Debian's docker.io) for `docker ps -a` in JSON, one object per
//      line, and parsing its output. Median over --runs, target: ours >= 5x faster;
//  (g) event -> tree item updated: the real EngineWatcher over the real events stream, --events start/stop
//      operations one after another; from the engine's time of the `start`/`die` event (and from its arrival on the
//      stream) to the watcher asking the tree to repaint that container's row with the new state. p50/p95, target
//      p95 < 200 ms;
//  (h) idle cost: requests that reach the engine while the watcher is connected and nothing happens, counted by a
//      unix-socket proxy in front of the engine socket, over --idle-seconds (60; 10 with --quick). Target 0.
// Options: --containers N (300), --runs N (15), --warmup N (2), --events N (50), --idle-seconds N, --quick.
// Every container it makes carries the label container-lens-bench=<run id> and is removed at the end.
// Not a test: a missed target is printed, never fails; no engine here is a message, not an error.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bundleAndRequire, fmt, isMain, median, option, quantile, ROOT, table, verdict } from './lib.mjs';

const TARGET_RATIO = 5;
const TARGET_P95_MS = 200;
const TARGET_IDLE_REQUESTS = 0;
const BENCH_LABEL = 'container-lens-bench';

const QUICK = process.argv.includes('--quick');

const nowMs = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The view's own modules (no vscode among them), bundled from TypeScript like the extension is. */
const loadViews = () =>
  bundleAndRequire(
    "export { EngineClient, parseHost } from './src/docker';\n" +
      "export { EngineContainerSource } from './src/views/container-source';\n" +
      "export { ContainerStore } from './src/views/model';\n" +
      "export { containerRow, groupDescription } from './src/views/presentation';\n" +
      "export { EngineWatcher } from './src/views/watcher';",
    { name: 'views' },
  );

// ---- the private engine --------------------------------------------------------------------------------

const RUN_DIR = process.env.CL_ENGINE_RUN || '/run/container-lens-test';

function ping(socketPath) {
  return new Promise((done) => {
    const s = net.connect(socketPath);
    let data = '';
    const end = (ok) => {
      s.destroy();
      done(ok);
    };
    s.setTimeout(2000, () => end(false));
    s.on('error', () => end(false));
    s.on('data', (d) => {
      data += d;
      if (/\r\n\r\nOK/.test(data)) end(true);
    });
    s.on('connect', () => s.write('GET /_ping HTTP/1.1\r\nHost: engine\r\nConnection: close\r\n\r\n'));
    s.on('end', () => end(/\r\n\r\nOK/.test(data)));
  });
}

/** { socket, image, startedHere } or { skip: why }. */
async function ensureEngine() {
  const socket = join(RUN_DIR, 'docker.sock');
  const image = process.env.CL_ENGINE_IMAGE || 'container-lens-test/busybox:1';
  const up = await ping(socket);
  // start-engine.sh also imports the image when it is missing; it is quick when the engine is already up.
  const r = spawnSync('bash', [join(ROOT, 'scripts/engine/start-engine.sh')], { encoding: 'utf8', env: process.env, timeout: 600_000 });
  if (r.status === 3) return { skip: 'no private Docker engine: starting one needs root (sudo scripts/engine/start-engine.sh)' };
  if (r.status !== 0) return { skip: `scripts/engine/start-engine.sh failed (exit ${r.status}):\n${(r.stderr || '').split('\n').slice(-8).join('\n')}` };
  const env = Object.fromEntries(r.stdout.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  const host = env.DOCKER_HOST || `unix://${socket}`;
  return { host, socket: host.replace(/^unix:\/\//, ''), image: env.CL_ENGINE_IMAGE || image, startedHere: !up };
}

function stopEngine() {
  spawnSync('bash', [join(ROOT, 'scripts/engine/stop-engine.sh')], { encoding: 'utf8', timeout: 120_000 });
}

/** Debian's docker.io client (the version that comes with the daemon), else whatever `docker` is on PATH. */
function dockerCli() {
  return existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker';
}

// ---- a counting proxy ------------------------------------------------------------------------------------

/**
 * A unix-socket proxy in front of the engine that counts the HTTP requests passing through (every request
 * line of every kept-alive connection), for the idle check.
 */
async function countingProxy(target) {
  const dir = mkdtempSync(join(tmpdir(), 'cl-bench-proxy-'));
  const path = join(dir, 'engine.sock');
  const seen = [];
  const sockets = new Set();
  const server = net.createServer((client) => {
    const upstream = net.connect(target);
    sockets.add(client).add(upstream);
    let partial = '';
    client.on('data', (chunk) => {
      // Whole lines only: a request line split across two chunks is seen once, when its end arrives.
      const lines = (partial + chunk.toString('latin1')).split('\r\n');
      partial = lines.pop() ?? '';
      for (const l of lines) {
        const m = /^((?:GET|POST|PUT|DELETE|HEAD) \S+) HTTP\/1\.[01]$/.exec(l);
        if (m) seen.push({ at: nowMs(), line: m[1] });
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  });
  await new Promise((r) => server.listen(path, r));
  return {
    host: `unix://${path}`,
    seen,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---- the containers ----------------------------------------------------------------------------------------

async function createContainers(client, image, count, runId) {
  const ids = [];
  let next = 0;
  const one = async (i) => {
    // A third in two compose projects, the rest standalone: the tree groups them as it would real ones.
    const project = i % 3 === 0 ? `bench-${i % 2 ? 'api' : 'web'}` : undefined;
    const labels = { [BENCH_LABEL]: runId, ...(project ? { 'com.docker.compose.project': project, 'com.docker.compose.service': `svc${i % 7}` } : {}) };
    const body = {
      Image: image,
      Cmd: ['sleep', '3600'],
      Labels: labels,
      HostConfig: { Init: true, NetworkMode: 'none', ...(i % 25 === 0 ? { PidMode: 'host' } : {}), ...(i % 10 === 1 ? { Memory: 64 << 20 } : {}) },
    };
    const r = await client.createContainer(body, { name: `cl-bench-${runId}-${String(i).padStart(3, '0')}` });
    ids[i] = r.Id;
  };
  const worker = async () => {
    while (next < count) await one(next++);
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return ids;
}

async function removeBenchContainers(client, runId) {
  const list = await client.listContainers({ all: true, filters: { label: [`${BENCH_LABEL}=${runId}`] } });
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const c = list[next++];
      await client.remove(c.Id, { force: true }).catch(() => {});
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return list.length;
}

// ---- (f) list + build tree items ---------------------------------------------------------------------------

/** What the tree shows on a refresh: the root (groups, then standalone containers), each group open. */
function buildRows(views, store, now) {
  const layout = store.layout();
  const rows = [];
  for (const key of layout.root) {
    if (key.startsWith('project:')) {
      const project = key.slice('project:'.length);
      const entries = (layout.groups.get(project) ?? []).map((id) => store.get(id));
      rows.push({ label: project, description: views.groupDescription(entries) });
      for (const e of entries) rows.push(views.containerRow(e, now));
    } else rows.push(views.containerRow(store.get(key), now));
  }
  return rows;
}

function runCli(cli, args, host) {
  return new Promise((done, fail) => {
    execFile(cli, ['-H', host, ...args], { maxBuffer: 64 << 20, encoding: 'utf8' }, (err, stdout) => (err ? fail(err) : done(stdout)));
  });
}

async function benchList(views, engine, { runs, warmup }) {
  const settings = () => ({ host: engine.host, context: '' });
  const warmSource = new views.EngineContainerSource({ settings, userAgent: 'container-lens-bench' });
  const cli = dockerCli();
  const cliVersion = spawnSync(cli, ['--version'], { encoding: 'utf8' }).stdout.trim();
  // The 20.10 CLI prints `--format json` literally ("json" per line): `{{json .}}` is that spelling of it.
  const jsonFormat = ['ps', '-a', '--format', '{{json .}}'];
  const plainFormat = ['ps', '-a', '--no-trunc', '--format', '{{.ID}}\t{{.Names}}\t{{.Image}}\t{{.State}}\t{{.Status}}\t{{.Labels}}'];
  const impls = [
    {
      name: 'Container Lens, warm (the view\'s client)',
      run: async () => {
        const store = new views.ContainerStore();
        store.replaceAll(await warmSource.list());
        return buildRows(views, store, new Date()).length;
      },
    },
    {
      name: 'Container Lens, cold (new source: /version, /info, list)',
      run: async () => {
        const source = new views.EngineContainerSource({ settings, userAgent: 'container-lens-bench' });
        try {
          await source.connect();
          const store = new views.ContainerStore();
          store.replaceAll(await source.list());
          return buildRows(views, store, new Date()).length;
        } finally {
          source.dispose();
        }
      },
    },
    {
      // this template makes the 20.10 CLI ask for sizes (`containers/json?all=1&size=1`), as `--format json` does
      name: `docker ps -a --format '{{json .}}' + JSON.parse`,
      peer: true,
      run: async () => {
        const out = await runCli(cli, jsonFormat, engine.host);
        return out.split('\n').filter(Boolean).map((l) => JSON.parse(l)).length;
      },
    },
    {
      name: 'docker ps -a, tab-separated fields (no JSON)',
      peer: true,
      run: async () => (await runCli(cli, plainFormat, engine.host)).split('\n').filter(Boolean).map((l) => l.split('\t')).length,
    },
  ];
  // where the warm time goes: the engine's answer vs our store, layout and rows
  const split = { list: [], rows: [] };
  impls[0].run = async () => {
    const t0 = performance.now();
    const list = await warmSource.list();
    const t1 = performance.now();
    const store = new views.ContainerStore();
    store.replaceAll(list);
    const n = buildRows(views, store, new Date()).length;
    split.list.push(t1 - t0);
    split.rows.push(performance.now() - t1);
    return n;
  };
  const times = impls.map(() => []);
  const counts = impls.map(() => 0);
  try {
    for (let round = 0; round < warmup + runs; round++) {
      // rotate who goes first, so nobody always runs right after another's engine work
      const order = impls.map((_, k) => (k + round) % impls.length);
      for (const k of order) {
        const t0 = performance.now();
        counts[k] = await impls[k].run();
        if (round >= warmup) times[k].push(performance.now() - t0);
      }
    }
  } finally {
    warmSource.dispose();
  }
  const ours = median(times[0]);
  const peer = median(times[2]);
  const listMs = median(split.list.slice(warmup));
  const rowsMs = median(split.rows.slice(warmup));
  table(
    `(f) list + build tree items, ${counts[0]} rows (${runs} runs after ${warmup} warm-up, ms); CLI: ${cliVersion}`,
    ['implementation', 'median ms', 'min ms', 'max ms', 'items', 'peer / ours (median)'],
    [
      ...impls.map((impl, k) => [
        impl.name,
        fmt(median(times[k]), 2),
        fmt(Math.min(...times[k]), 2),
        fmt(Math.max(...times[k]), 2),
        counts[k],
        k === 0 ? '1.0x' : `${fmt(median(times[k]) / ours, 1)}x`,
      ]),
      ['  warm: the engine answering the list', fmt(listMs, 2), fmt(Math.min(...split.list), 2), fmt(Math.max(...split.list), 2), '', ''],
      ['  warm: store, layout and rows', fmt(rowsMs, 2), fmt(Math.min(...split.rows), 2), fmt(Math.max(...split.rows), 2), '', ''],
    ],
  );
  console.log(
    `ratio docker ps (JSON) / ours warm: ${fmt(peer / ours, 1)}x faster (target >= ${TARGET_RATIO}x: ${verdict(peer / ours >= TARGET_RATIO)}); ` +
      `cold: ${fmt(peer / median(times[1]), 1)}x; against the tab-separated CLI output: ${fmt(median(times[3]) / ours, 1)}x warm.`,
  );
  console.log(
    `The engine itself takes ${fmt(listMs)} ms to answer the list (median), so no client, however quick, can be more than ` +
      `${fmt(peer / listMs, 1)}x faster than that docker ps here: the rest of ours is ${fmt(rowsMs)} ms of store, layout and rows.`,
  );
  console.log(
    "The JSON template makes this CLI ask the engine for each container's size (size=1), which the tab-separated " +
      'fields do not; the view never asks for sizes. "items" counts tree rows (compose groups included) for ours, containers for the CLI.',
  );
  return { ours, cold: median(times[1]), peer, plain: median(times[3]) };
}

/** `source` as the watcher uses it, with `tap` called on every event before the watcher sees it. */
function withWatchTap(source, tap) {
  return {
    get endpoint() {
      return source.endpoint;
    },
    connect: () => source.connect(),
    list: () => source.list(),
    inspect: (id) => source.inspect(id),
    watch: (onEvent, onError) =>
      source.watch((e) => {
        tap(e);
        onEvent(e);
      }, onError),
    dispose: () => source.dispose(),
  };
}

// ---- (g) event -> tree item updated -------------------------------------------------------------------------

async function benchEvents(views, engine, client, ids, events) {
  const settings = () => ({ host: engine.host, context: '' });
  const inner = new views.EngineContainerSource({ settings, userAgent: 'container-lens-bench' });
  let pending;
  // The source the watcher uses, with a look at each event as it arrives on the stream.
  const source = withWatchTap(inner, (e) => {
      const id = e.Actor?.ID ?? e.id;
      if (pending && id === pending.id && pending.actions.includes(e.Action) && pending.event === undefined) {
        pending.event = { action: e.Action, engineMs: Number(e.timeNano ?? e.time * 1e9) / 1e6, arrivedMs: nowMs() };
      }
  });
  const store = new views.ContainerStore();
  const watcher = new views.EngineWatcher(source, store, {
    state: () => {},
    reset: () => {},
    changed: (keys) => {
      const at = nowMs();
      if (!pending || !pending.event) return;
      const shown = keys.some((k) => k.kind === 'root' || (k.kind === 'container' && k.id === pending.id) || (k.kind === 'group' && store.get(pending.id)?.project === k.project));
      if (shown && store.get(pending.id)?.engineState === pending.expect) pending.done(at);
    },
  });
  const samples = [];
  try {
    await watcher.start();
    if (watcher.state.kind !== 'connected') throw new Error(`the watcher did not connect: ${JSON.stringify(watcher.state)}`);
    const targets = ids.slice(0, Math.ceil(events / 2));
    for (let i = 0; i < events; i++) {
      const id = targets[Math.floor(i / 2) % targets.length];
      const start = i % 2 === 0;
      const seen = new Promise((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`no repaint of ${id.slice(0, 12)} as ${start ? 'running' : 'exited'} within 10 s`)), 10_000);
        pending = {
          id,
          expect: start ? 'running' : 'exited',
          actions: start ? ['start'] : ['die'],
          event: undefined,
          done: (at) => {
            clearTimeout(timer);
            done(at);
          },
        };
      });
      if (start) await client.start(id);
      else await client.stop(id, { t: 5 });
      const repaintMs = await seen;
      const e = pending.event;
      samples.push({ op: start ? 'start' : 'stop', fromEngine: repaintMs - e.engineMs, fromArrival: repaintMs - e.arrivedMs });
      pending = undefined;
    }
  } finally {
    watcher.dispose();
    inner.dispose();
  }
  const col = (xs) => [fmt(quantile(xs, 0.5)), fmt(quantile(xs, 0.95)), fmt(Math.max(...xs))];
  const fromEngine = samples.map((s) => s.fromEngine);
  const rows = [
    ['engine event time -> repaint', ...col(fromEngine)],
    ['  of which start -> running', ...col(samples.filter((s) => s.op === 'start').map((s) => s.fromEngine))],
    ['  of which die -> exited', ...col(samples.filter((s) => s.op === 'stop').map((s) => s.fromEngine))],
    ['event arrives on the stream -> repaint', ...col(samples.map((s) => s.fromArrival))],
  ];
  table(
    `(g) event -> tree item updated, ${samples.length} start/stop events on ${Math.min(ids.length, Math.ceil(events / 2))} containers (ms; repaint = the watcher's onDidChangeTreeData request for that row, 15 ms batching included)`,
    ['span', 'p50', 'p95', 'max'],
    rows,
  );
  const p95 = quantile(fromEngine, 0.95);
  console.log(`p95 event -> repaint: ${fmt(p95)} ms (target < ${TARGET_P95_MS} ms: ${verdict(p95 < TARGET_P95_MS)})`);
  return { p50: quantile(fromEngine, 0.5), p95 };
}

// ---- (h) idle cost ------------------------------------------------------------------------------------------

async function benchIdle(views, engine, seconds) {
  const proxy = await countingProxy(engine.socket);
  const source = new views.EngineContainerSource({ settings: () => ({ host: proxy.host, context: '' }), userAgent: 'container-lens-bench' });
  let events = 0;
  const watched = withWatchTap(source, () => events++);
  const store = new views.ContainerStore();
  const watcher = new views.EngineWatcher(watched, store, { state: () => {}, reset: () => {}, changed: () => {} });
  try {
    await watcher.start();
    if (watcher.state.kind !== 'connected') throw new Error(`the watcher did not connect: ${JSON.stringify(watcher.state)}`);
    const atConnect = proxy.seen.length;
    await sleep(1000);
    const from = proxy.seen.length;
    const eventsFrom = events;
    const watcherFrom = watcher.requests;
    const t0 = nowMs();
    await sleep(seconds * 1000);
    const during = proxy.seen.slice(from);
    const eventsDuring = events - eventsFrom;
    table(
      `(h) idle: the watcher connected to ${store.size} containers, then ${seconds} s with nothing asked (requests counted at a proxy on the socket)`,
      ['what', 'count'],
      [
        ['requests to connect (ping/version/info, events, list)', atConnect],
        [`requests in the ${fmt((nowMs() - t0) / 1000, 0)} s idle window`, during.length],
        ["  the watcher's own count", watcher.requests - watcherFrom],
        ['container events in the window (from others using the engine)', eventsDuring],
      ],
    );
    console.log(`to connect: ${proxy.seen.slice(0, atConnect).map((r) => r.line.replace(/\?.*/, '')).join(', ')}`);
    if (during.length) console.log(`requests seen: ${during.slice(0, 5).map((r) => r.line).join(', ')}${during.length > 5 ? ', …' : ''}`);
    const ok = during.length <= TARGET_IDLE_REQUESTS || during.length <= eventsDuring;
    console.log(
      `idle requests: ${during.length} (target ${TARGET_IDLE_REQUESTS}${eventsDuring ? `, or at most one inspect per event: ${eventsDuring} events came` : ''}: ${verdict(ok)})`,
    );
    return { requests: during.length, events: eventsDuring, seconds };
  } finally {
    watcher.dispose();
    source.dispose();
    await proxy.close();
  }
}

// ---- all of it ----------------------------------------------------------------------------------------------

export async function benchContainers(opts = {}) {
  const count = Number(opts.containers ?? option('containers', 300));
  const runs = Number(opts.runs ?? option('runs', 15));
  const warmup = Number(opts.warmup ?? option('warmup', 2));
  const events = Number(opts.events ?? option('events', 50));
  const idleSeconds = Number(opts.idleSeconds ?? option('idle-seconds', QUICK ? 10 : 60));

  const engine = await ensureEngine();
  if (engine.skip) {
    console.log(`\n(f)-(h) Containers view: ${engine.skip}; skipped`);
    return undefined;
  }
  let views;
  try {
    views = await loadViews();
  } catch (e) {
    console.log(`\n(f)-(h) Containers view: could not bundle src/views (${e instanceof Error ? e.message : e}); skipped`);
    if (engine.startedHere) stopEngine();
    return undefined;
  }
  const endpoint = { ...views.parseHost(engine.host, undefined), source: 'DOCKER_HOST', candidates: [] };
  const client = new views.EngineClient(endpoint, { userAgent: 'container-lens-bench', timeoutMs: 60_000 });
  const runId = `${process.pid}-${Date.now().toString(36)}`;
  const cleanup = async () => {
    const n = await removeBenchContainers(client, runId).catch(() => 0);
    client.dispose();
    if (engine.startedHere) stopEngine();
    return n;
  };
  const onSignal = () => {
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const results = {};
  try {
    const v = await client.version();
    const t0 = performance.now();
    const ids = await createContainers(client, engine.image, count, runId);
    const others = (await client.listContainers({ all: true })).length - ids.length;
    console.log(
      `\nContainers view bench: Docker ${v.Version} (API ${v.negotiatedApiVersion}) at ${engine.host}${engine.startedHere ? ' (started for this run)' : ''}; ` +
        `created ${ids.length} containers in ${fmt((performance.now() - t0) / 1000)} s${others > 0 ? ` (${others} others already there)` : ''}` +
        `${QUICK ? '; --quick' : ''}`,
    );
    results.list = await benchList(views, engine, { runs, warmup });
    // standalone containers for the events: the same kind of row a user mostly has
    results.events = await benchEvents(views, engine, client, ids.filter((_, i) => i % 3 !== 0), events);
    results.idle = await benchIdle(views, engine, idleSeconds);
  } catch (e) {
    console.log(`\n(f)-(h) Containers view: ${e instanceof Error ? e.message : e}`);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    const removed = await cleanup();
    console.log(`removed the ${removed} bench containers${engine.startedHere ? ' and stopped the engine this run started' : ''}.`);
  }
  return results;
}

if (isMain(import.meta.url)) {
  await benchContainers();
}
