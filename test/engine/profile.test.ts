/**
 * Isolation profiles of real containers (a private dockerd, Docker 20.10 on this machine), and the
 * containers view's engine side (source, watcher, shell) against the same engine: no mocks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { engineFactsFromInfo, profileFromInspect } from '../../src/core/isolation/from-inspect';
import type { EngineFacts } from '../../src/core/isolation/from-inspect';
import { placeOnSpectrum } from '../../src/core/isolation/spectrum';
import type { IsolationLevel } from '../../src/core/isolation/spectrum';
import type { EngineClient } from '../../src/docker/engine-client';
import { EngineContainerSource } from '../../src/views/container-source';
import { openShell } from '../../src/views/exec-shell';
import { ContainerStore } from '../../src/views/model';
import { badgesOf } from '../../src/views/presentation';
import { EngineWatcher } from '../../src/views/watcher';
import type { EngineState } from '../../src/views/watcher';
import { engineInfo, engineScript, newClient, readyEngine, removeAll, runContainer, within } from './helpers';

const info = engineInfo();
const root = info.available && info.canControlDaemon;

/** A store + watcher over the real engine, with `until(test)` that waits on its updates (no sleeps). */
function watch(source: EngineContainerSource) {
  const store = new ContainerStore();
  const states: EngineState[] = [];
  let waiters: Array<() => void> = [];
  const poke = () => waiters.forEach((w) => w());
  const watcher = new EngineWatcher(
    source,
    store,
    {
      state: (s) => {
        states.push(s);
        poke();
      },
      reset: poke,
      changed: poke,
    },
    undefined,
    undefined,
    4,
    0,
  );
  const until = (test: () => boolean, what: string, ms = 10_000) =>
    within(
      new Promise<void>((resolve) => {
        const check = () => {
          if (!test()) return;
          waiters = waiters.filter((w) => w !== check);
          resolve();
        };
        waiters.push(check);
        check();
      }),
      ms,
      what,
    );
  return { store, states, watcher, until };
}

describe.skipIf(!info.available)(`isolation profiles of real containers${info.available ? '' : ` (skipped: ${info.reason})`}`, () => {
  let client: EngineClient;
  let facts: EngineFacts;
  beforeAll(async () => {
    client = newClient();
    await removeAll(client);
    facts = engineFactsFromInfo(await client.request('GET', '/info'));
  });
  afterEach(async () => {
    await removeAll(client);
  });
  afterAll(() => {
    client.dispose();
  });

  async function profileOf(hostConfig: Record<string, unknown>, options: { start?: boolean; user?: string } = {}) {
    const id = await runContainer(client, { hostConfig, ...(options.start === false ? { start: false } : {}), ...(options.user ? { user: options.user } : {}) });
    const inspect = await client.inspectContainer(id);
    const profile = profileFromInspect(inspect, facts);
    return { inspect, profile, placement: placeOnSpectrum(profile) };
  }

  it('the engine says what inspect does not: cgroup version, rootless, default runtime', () => {
    expect(facts.cgroupVersion).toMatch(/^[12]$/);
    expect(facts.rootless).toBe(false);
    expect(facts.defaultRuntime).toBe('runc');
  });

  const cases: [string, Record<string, unknown>, { start?: boolean; user?: string }, IsolationLevel, string[]][] = [
    ['plain (runs as root)', {}, {}, 'default-container', ['runs as root']],
    // --privileged cannot start on these machines (the sandbox lacks capabilities); inspect still says it
    ['--privileged (created)', { Privileged: true }, { start: false }, 'privileged-container', ['privileged', 'runs as root']],
    ['--pid host', { PidMode: 'host' }, {}, 'weakened-container', ['shares host PID', 'runs as root']],
    ['--cap-add SYS_ADMIN', { CapAdd: ['SYS_ADMIN'] }, {}, 'weakened-container', ['adds SYS_ADMIN', 'runs as root']],
    ['--pid host --cap-add SYS_ADMIN', { PidMode: 'host', CapAdd: ['SYS_ADMIN'] }, {}, 'privileged-container', ['host PID + SYS_ADMIN', 'shares host PID', 'adds SYS_ADMIN', 'runs as root']],
    ['--read-only', { ReadonlyRootfs: true }, {}, 'default-container', ['runs as root', 'read-only root']],
    ['--memory 64m', { Memory: 64 * 1024 * 1024 }, {}, 'default-container', ['runs as root', 'limits']],
    [
      'hardened: --user 65534 --cap-drop ALL --security-opt no-new-privileges --read-only --memory --cpus',
      { CapDrop: ['ALL'], SecurityOpt: ['no-new-privileges'], ReadonlyRootfs: true, Memory: 64 * 1024 * 1024, NanoCpus: 500_000_000, PidsLimit: 100 },
      { user: '65534:65534' },
      'hardened-container',
      ['non-root', 'drops capabilities', 'no-new-privileges', 'read-only root', 'limits'],
    ],
    ['-v /var/run/docker.sock (created)', { Binds: ['/var/run/docker.sock:/var/run/docker.sock'] }, { start: false }, 'privileged-container', ['mounts docker.sock', 'runs as root']],
  ];

  it.each(cases)('%s', async (_name, hostConfig, options, level, labels) => {
    const { profile, placement } = await profileOf(hostConfig, options);
    expect(placement.level).toBe(level);
    expect(placement.reasons.map((r) => r.label)).toEqual(labels);
    expect(profile.subject.kind).toBe('container');
  });

  it('limits and the user read back in the units a person uses', async () => {
    const { profile } = await profileOf({ Memory: 64 * 1024 * 1024, NanoCpus: 500_000_000, PidsLimit: 100 }, { user: '65534:65534' });
    expect(profile.limits).toEqual({
      memory: { value: '64MiB', source: '--memory' },
      cpu: { value: '0.5', source: '--cpus' },
      pids: { value: '100', source: '--pids-limit' },
    });
    expect(profile.user).toMatchObject({ kind: 'non-root', value: '65534:65534' });
  });

  it('the next step of a real container is said as docker run flags', async () => {
    const plain = (await profileOf({})).placement.nextStep!.actions.map((a) => a.text).join('\n');
    for (const flag of ['`--user 10001:10001`', '`--cap-drop ALL`', '`--security-opt no-new-privileges`', '`--read-only`', '`--pids-limit 256`']) {
      expect(plain).toContain(flag);
    }
    expect(plain).not.toMatch(/cap_drop|security_opt|read_only|mem_limit|runAsNonRoot/);
    const host = (await profileOf({ NetworkMode: 'host' })).placement.nextStep!.actions.map((a) => a.text);
    expect(host).toEqual([expect.stringMatching(/^recreate it without `--network host`/)]);
  });

  it('badges: privileged and root for --privileged', async () => {
    const { profile } = await profileOf({ Privileged: true }, { start: false });
    expect(badgesOf(profile).map((b) => b.id)).toEqual(['privileged', 'root', 'no-limits']);
  });
});

describe.skipIf(!info.available)(`the containers view's engine side${info.available ? '' : ` (skipped: ${info.reason})`}`, () => {
  let client: EngineClient;
  let source: EngineContainerSource;
  beforeAll(async () => {
    client = newClient();
    await removeAll(client);
    source = new EngineContainerSource({ settings: () => ({ host: readyEngine().dockerHost }) });
  });
  afterEach(async () => {
    await removeAll(client);
  });
  afterAll(() => {
    source.dispose();
    client.dispose();
  });

  it('connect describes the engine the setting names', async () => {
    const d = await source.connect();
    expect(d).toMatchObject({ host: readyEngine().dockerHost, product: 'Docker', apiVersion: '1.41' });
    expect(d.description).toContain('containerLens.docker.host setting');
    expect(d.version).toMatch(/^20\.10\./);
  });

  it('the watcher follows the engine: a container made outside appears, stops and goes; idle costs no request', async () => {
    const { store, states, watcher, until } = watch(source);
    try {
      await watcher.start();
      expect(watcher.state.kind).toBe('connected');
      expect(store.size).toBe(0);
      const id = await runContainer(client, { name: 'cl-view-appears', labels: { 'com.docker.compose.project': 'demo' } });
      await until(() => store.get(id)?.state === 'running', 'the new container to appear running');
      expect(store.layout().root).toEqual(['project:demo']);
      expect(store.get(id)?.profile?.subject.name).toBe('cl-view-appears');
      await client.stop(id);
      await until(() => store.get(id)?.state === 'exited', 'the stop to show');
      expect(store.get(id)?.exitCode).toBe(143);
      await client.remove(id);
      await until(() => store.get(id) === undefined, 'the container to go');
      // idle: nothing is asked of the engine while nothing happens
      const before = watcher.requests;
      await new Promise((r) => setTimeout(r, 1500));
      expect(watcher.requests).toBe(before);
      expect(states.map((s) => s.kind)).toEqual(['connecting', 'connected']);
    } finally {
      watcher.dispose();
    }
  });

  it.skipIf(!root)('dockerd killed: the view shows it reconnecting, no unhandled rejection; restarted, it recovers within 5 s and resyncs', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    const { store, watcher, until } = watch(source);
    try {
      const before = await runContainer(client, { name: 'cl-view-before-kill' });
      await watcher.start();
      await until(() => store.get(before)?.state === 'running', 'the container before the kill');
      const pid = Number(readFileSync(join(readyEngine().runDir, 'dockerd.pid'), 'utf8').trim());
      process.kill(pid, 'SIGKILL');
      await until(() => watcher.state.kind === 'reconnecting', 'the view to show the engine lost');
      expect(store.get(before)).toBeDefined();
      const restart = engineScript('start-engine.sh');
      expect(restart.status, restart.stderr).toBe(0);
      const t0 = performance.now();
      await until(() => watcher.state.kind === 'connected', 'the view to reconnect', 5_000);
      const ms = Math.round(performance.now() - t0);
      console.log(`[view] reconnected ${ms} ms after the engine was back (restart took ${restart.ms} ms)`);
      // resynced: the container died with dockerd (no live-restore)
      await until(() => store.get(before)?.state !== 'running', 'the resync to show the container stopped');
      const after = await runContainer(client, { name: 'cl-view-after-restart' });
      await until(() => store.get(after)?.state === 'running', 'a container started after the restart');
      expect(unhandled).toEqual([]);
    } finally {
      watcher.dispose();
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('open shell: /bin/bash is missing in busybox, /bin/sh answers, resize and exit code', async () => {
    const id = await runContainer(client, { name: 'cl-view-shell' });
    let out = '';
    const { session, shell } = await openShell(source, id, (c) => (out += c.data.toString('utf8')));
    expect(shell).toBe('/bin/sh');
    expect(out).not.toMatch(/OCI runtime/);
    await session.resize(100, 30);
    session.write('stty size; exit 7\n');
    const closed = await within(session.closed, 10_000, 'the shell to exit');
    expect(closed.reason).toBe('ended');
    expect(out).toContain('30 100');
    expect(await session.exitCode()).toBe(7);
  });
});
