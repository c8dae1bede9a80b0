import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseHost } from '../../src/docker/endpoint';
import { EngineClient } from '../../src/docker/engine-client';
import type { OutputChunk } from '../../src/docker/engine-client';
import { EngineError } from '../../src/docker/errors';
import { EventRecorder, TEST_LABEL, engineInfo, inBatches, newClient, readyEngine, removeAll, runContainer, within } from './helpers';

const info = engineInfo();

async function engineError(p: Promise<unknown>): Promise<EngineError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    return e as EngineError;
  }
  throw new Error('expected an EngineError');
}

/** Output chunks → "stream:text" lines, one per line of text (chunks may hold several lines or parts). */
function lines(chunks: OutputChunk[]): string[] {
  const byStream = new Map<string, string>();
  const out: string[] = [];
  for (const c of chunks) {
    const text = (byStream.get(c.stream) ?? '') + c.data.toString('utf8');
    const parts = text.split('\n');
    byStream.set(c.stream, parts.pop()!);
    for (const p of parts) out.push(`${c.stream}:${p.replace(/\r$/, '')}`);
  }
  return out;
}

describe.skipIf(!info.available)(`engine client against a real dockerd${info.available ? '' : ` (skipped: ${info.reason})`}`, () => {
  let client: EngineClient;
  beforeAll(async () => {
    client = newClient();
    await removeAll(client);
  });
  afterEach(async () => {
    // A failed test must not leave containers that change what the next one lists.
    await removeAll(client);
  });
  afterAll(() => {
    client.dispose();
  });

  it('pings and negotiates API 1.41 with Docker 20.10', async () => {
    const ping = await client.ping();
    expect(ping).toMatchObject({ apiVersion: '1.41', osType: 'linux' });
    const v = await client.version();
    expect(v.ApiVersion).toBe('1.41');
    expect(v.negotiatedApiVersion).toBe('1.41');
    expect(v.Version).toMatch(/^20\.10\./);
    expect(client.apiVersion).toBe('1.41');
  });

  it('lists 0 containers on an empty engine', async () => {
    expect(await client.listContainers({ all: true })).toEqual([]);
    expect(await client.listContainers()).toEqual([]);
  });

  it('lists and inspects a running container, labels with markup kept verbatim', async () => {
    const project = '<img src=x onerror=alert(1)>';
    const id = await runContainer(client, { name: 'cl-test-list', labels: { 'com.docker.compose.project': project } });
    const running = await client.listContainers();
    const mine = running.find((c) => c.Id === id);
    expect(mine).toMatchObject({ Names: ['/cl-test-list'], Image: readyEngine().image, State: 'running' });
    expect(mine!.Status).toMatch(/^Up /);
    // the image's labels are merged in under the container's own
    expect(mine!.Labels).toEqual({ [TEST_LABEL]: '1', 'com.docker.compose.project': project, 'org.opencontainers.image.title': 'container-lens-test-busybox' });
    // label filters go to the engine as JSON
    expect((await client.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } })).map((c) => c.Id)).toEqual([id]);

    const inspect = await client.inspectContainer('cl-test-list');
    expect(inspect.Id).toBe(id);
    expect(inspect.Name).toBe('/cl-test-list');
    expect(inspect.State).toMatchObject({ Status: 'running', Running: true, Paused: false });
    expect(inspect.State.Pid).toBeGreaterThan(0);
    expect(inspect.HostConfig).toMatchObject({ Init: true, NetworkMode: 'none', Privileged: false, ReadonlyRootfs: false });
    expect(inspect.Config).toMatchObject({ Tty: false, Cmd: ['sleep', 'inf'] });
    await client.remove(id, { force: true });
  });

  it('reports create, start, kill, die, stop, destroy in order', async () => {
    const rec = await EventRecorder.open(client);
    try {
      const id = await runContainer(client, { name: 'cl-test-events' });
      await rec.until((evs) => evs.some((e) => e.Actor.ID === id && e.Action === 'start'), 10_000, 'start');
      await client.stop(id);
      await client.remove(id);
      await rec.until((evs) => evs.some((e) => e.Actor.ID === id && e.Action === 'destroy'), 10_000, 'destroy');
      expect(rec.actionsOf(id)).toEqual(['create', 'start', 'kill', 'die', 'stop', 'destroy']);
      const create = rec.events.find((e) => e.Actor.ID === id)!;
      expect(create).toMatchObject({ Type: 'container', Actor: { Attributes: { name: 'cl-test-events', image: readyEngine().image } } });
      expect(create.timeNano).toBeGreaterThan(0);
      // the filter holds: only container events arrived
      expect(new Set(rec.events.map((e) => e.Type))).toEqual(new Set(['container']));
    } finally {
      rec.dispose();
    }
    expect(await rec.handle.closed).toEqual({ reason: 'disposed' });
  });

  it('logs: stdout and stderr told apart, tail, and follow receives new lines', async () => {
    const id = await runContainer(client, { cmd: ['sh', '-c', 'echo out-1; echo err-1 >&2; echo out-2; exec sleep inf'] });
    const chunks: OutputChunk[] = [];
    let notify = () => undefined as void;
    const follow = await client.logs(id, { follow: true }, (c) => {
      chunks.push(c);
      notify();
    });
    const seen = (line: string, what: string) =>
      within(
        new Promise<void>((resolve) => {
          notify = () => void (lines(chunks).includes(line) && resolve());
          notify();
        }),
        10_000,
        what,
      );
    // stdout and stderr are copied into the log by separate readers: wait for each line, not for an order
    for (const line of ['stdout:out-1', 'stderr:err-1', 'stdout:out-2']) await seen(line, line);
    expect(lines(chunks).sort()).toEqual(['stderr:err-1', 'stdout:out-1', 'stdout:out-2']);
    // A line written later (by an exec, into PID 1's stdout and stderr) arrives on the open stream.
    const exec = await client.exec(id, { cmd: ['sh', '-c', 'echo late-out > /proc/1/fd/1; echo late-err > /proc/1/fd/2'], stdin: false });
    exec.onOutput(() => undefined);
    await seen('stderr:late-err', 'the late stderr line');
    await seen('stdout:late-out', 'the late stdout line');
    // The last line is written only once both late lines are in, so it is last in the log.
    const last = await client.exec(id, { cmd: ['sh', '-c', 'echo last-line > /proc/1/fd/1'], stdin: false });
    last.onOutput(() => undefined);
    await seen('stdout:last-line', 'the last line');
    follow.dispose();
    expect(await follow.closed).toEqual({ reason: 'disposed' });

    expect(lines(await client.readLogs(id, { tail: 1 }))).toEqual(['stdout:last-line']);
    const stamped = lines(await client.readLogs(id, { tail: 1, timestamps: true }));
    expect(stamped).toHaveLength(1);
    expect(stamped[0]).toMatch(/^stdout:\d{4}-\d\d-\d\dT[\d:.]+Z last-line$/);
    // within one stream the order is the order written
    expect(lines(await client.readLogs(id, { stderr: false }))).toEqual(['stdout:out-1', 'stdout:out-2', 'stdout:late-out', 'stdout:last-line']);
    expect(lines(await client.readLogs(id, { stdout: false }))).toEqual(['stderr:err-1', 'stderr:late-err']);
    await client.remove(id, { force: true });
  });

  it('logs of a TTY container are one raw stream (Tty found by inspect)', async () => {
    const id = await runContainer(client, { tty: true, cmd: ['sh', '-c', 'echo tty-out; echo tty-err >&2; exec sleep inf'] });
    const chunks: OutputChunk[] = [];
    let bothIn!: () => void;
    const arrived = new Promise<void>((r) => (bothIn = r));
    const follow = await client.logs(id, { follow: true }, (c) => {
      chunks.push(c);
      if (lines(chunks).includes('tty:tty-err')) bothIn();
    });
    await within(arrived, 10_000, 'both lines of the TTY container');
    follow.dispose();
    expect(lines(chunks)).toEqual(['tty:tty-out', 'tty:tty-err']);
    // a TTY ends lines with \r\n: the bytes are passed through untouched
    expect(Buffer.concat(chunks.map((c) => c.data)).toString()).toBe('tty-out\r\ntty-err\r\n');
    expect(lines(await client.readLogs(id))).toEqual(['tty:tty-out', 'tty:tty-err']);
    await client.remove(id, { force: true });
  });

  it('exec with a TTY: echo hi → hi, resize reaches the terminal, exit code 0', async () => {
    const id = await runContainer(client);
    const session = await client.exec(id, { cmd: ['/bin/sh'], tty: true, env: ['GREETING=hi'] });
    let out = '';
    session.onOutput((c) => {
      expect(c.stream).toBe('tty');
      out += c.data.toString('utf8');
    });
    await session.resize(100, 40);
    session.write('echo $GREETING; stty size; exit\n');
    expect(await within(session.closed, 10_000, 'the shell to exit')).toEqual({ reason: 'ended' });
    expect(out).toMatch(/\r\nhi\r\n/);
    expect(out).toMatch(/\r\n40 100\r\n/);
    expect(await session.exitCode()).toBe(0);
    await client.remove(id, { force: true });
  });

  it('exec without a TTY: stdout and stderr demultiplexed, stdin delivered, exit code kept', async () => {
    const id = await runContainer(client);
    const session = await client.exec(id, { cmd: ['sh', '-c', 'read line; echo "got $line"; echo oops >&2; exit 7'] });
    const chunks: OutputChunk[] = [];
    session.onOutput((c) => chunks.push(c));
    session.write('ping\n');
    session.endInput();
    expect(await within(session.closed, 10_000, 'the exec to end')).toEqual({ reason: 'ended' });
    // two pipes copied concurrently: each line on its stream, in no promised order between streams
    expect(lines(chunks).sort()).toEqual(['stderr:oops', 'stdout:got ping']);
    expect(await session.exitCode()).toBe(7);
    await client.remove(id, { force: true });
  });

  it('stop, start, pause, unpause, restart, kill, remove', async () => {
    const id = await runContainer(client);
    const rec = await EventRecorder.open(client);
    try {
      await client.pause(id);
      expect((await client.inspectContainer(id)).State).toMatchObject({ Status: 'paused', Paused: true });
      await client.unpause(id);
      expect((await client.inspectContainer(id)).State).toMatchObject({ Status: 'running', Paused: false });
      await client.restart(id, { t: 5 });
      await rec.until((evs) => evs.some((e) => e.Actor.ID === id && e.Action === 'restart'), 10_000, 'restart');
      const t = performance.now();
      await client.stop(id);
      // --init forwards SIGTERM: no 10 s grace period
      expect(performance.now() - t).toBeLessThan(8000);
      expect((await client.inspectContainer(id)).State).toMatchObject({ Status: 'exited', Running: false });
      await client.stop(id); // already stopped: 304, not an error
      await client.start(id);
      await client.start(id); // already started: 304
      await client.kill(id, 'SIGKILL');
      await rec.until((evs) => evs.filter((e) => e.Actor.ID === id && e.Action === 'die').length >= 3, 10_000, 'die after kill');
      expect((await client.inspectContainer(id)).State.ExitCode).toBe(137);
      await client.remove(id);
      const gone = await engineError(client.inspectContainer(id));
      expect([gone.kind, gone.statusCode]).toEqual(['engine', 404]);
      expect(gone.engineMessage).toBe(`No such container: ${id}`);
    } finally {
      rec.dispose();
    }
  });

  it('remove without force refuses a running container with the engine\'s words', async () => {
    const id = await runContainer(client);
    const err = await engineError(client.remove(id));
    expect(err.kind).toBe('engine');
    expect(err.statusCode).toBe(409);
    expect(err.engineMessage).toMatch(/You cannot remove a running container/);
    await client.remove(id, { force: true });
  });

  it('stats: one sample, with the memory limit', async () => {
    const id = await runContainer(client, { hostConfig: { Memory: 64 * 1024 * 1024 } });
    const oneShot = await client.stats(id, { oneShot: true });
    expect(oneShot.memory_stats?.limit).toBe(64 * 1024 * 1024);
    expect(oneShot.pids_stats?.current).toBeGreaterThanOrEqual(1);
    const sampled = await client.stats(id);
    expect(sampled.cpu_stats?.cpu_usage?.total_usage).toBeGreaterThan(0);
    await client.remove(id, { force: true });
  });

  it('image inspect and history of the imported image', async () => {
    const image = readyEngine().image;
    const inspect = await client.imageInspect(image);
    expect(inspect.RepoTags).toContain(image);
    expect(inspect.Config?.Env).toContain('PATH=/bin');
    expect(inspect.RootFS?.Layers).toHaveLength(1);
    const history = await client.imageHistory(image);
    expect(history.length).toBeGreaterThanOrEqual(1);
    expect(history[0]!.Tags).toContain(image);
    const missing = await engineError(client.imageInspect('container-lens-test/absent:0'));
    expect([missing.kind, missing.statusCode]).toEqual(['engine', 404]);
  });

  describe('isolation settings show in inspect', () => {
    it('--privileged (created only: these machines cannot start it)', async () => {
      const id = await runContainer(client, { start: false, hostConfig: { Privileged: true } });
      const i = await client.inspectContainer(id);
      expect(i.HostConfig.Privileged).toBe(true);
      expect(i.State.Status).toBe('created');
      await client.remove(id, { force: true });
    });

    it('--pid host: sees the host\'s processes', async () => {
      const id = await runContainer(client, { hostConfig: { PidMode: 'host' } });
      const i = await client.inspectContainer(id);
      expect(i.HostConfig.PidMode).toBe('host');
      expect(i.State.Running).toBe(true);
      // PID 1 in the container's view is the host's init, not docker-init.
      const session = await client.exec(id, { cmd: ['cat', '/proc/1/comm'], stdin: false });
      const chunks: OutputChunk[] = [];
      session.onOutput((c) => chunks.push(c));
      await within(session.closed, 10_000, 'cat');
      expect(lines(chunks)).not.toEqual(['stdout:docker-init']);
      await client.remove(id, { force: true });
    });

    it('--cap-add SYS_ADMIN', async () => {
      const id = await runContainer(client, { hostConfig: { CapAdd: ['SYS_ADMIN'], CapDrop: ['NET_RAW'] } });
      const i = await client.inspectContainer(id);
      expect((i.HostConfig.CapAdd ?? []).map((c) => c.replace(/^CAP_/, ''))).toEqual(['SYS_ADMIN']);
      expect((i.HostConfig.CapDrop ?? []).map((c) => c.replace(/^CAP_/, ''))).toEqual(['NET_RAW']);
      expect(i.State.Running).toBe(true);
      await client.remove(id, { force: true });
    });

    it('--read-only: the flag, and writing to / really fails', async () => {
      const id = await runContainer(client, { hostConfig: { ReadonlyRootfs: true } });
      expect((await client.inspectContainer(id)).HostConfig.ReadonlyRootfs).toBe(true);
      const session = await client.exec(id, { cmd: ['touch', '/written'], stdin: false });
      const chunks: OutputChunk[] = [];
      session.onOutput((c) => chunks.push(c));
      await within(session.closed, 10_000, 'touch');
      expect(await session.exitCode()).not.toBe(0);
      expect(lines(chunks).join('\n')).toMatch(/Read-only file system/);
      await client.remove(id, { force: true });
    });

    it('--memory 64m, --pids-limit, --user and the security options', async () => {
      const id = await runContainer(client, {
        user: '65534:65534',
        hostConfig: { Memory: 64 * 1024 * 1024, NanoCpus: 500_000_000, PidsLimit: 50, SecurityOpt: ['no-new-privileges'] },
      });
      const i = await client.inspectContainer(id);
      expect(i.HostConfig).toMatchObject({ Memory: 67108864, NanoCpus: 500_000_000, PidsLimit: 50, SecurityOpt: ['no-new-privileges'] });
      expect(i.Config.User).toBe('65534:65534');
      const session = await client.exec(id, { cmd: ['id', '-u'], stdin: false });
      const chunks: OutputChunk[] = [];
      session.onOutput((c) => chunks.push(c));
      await within(session.closed, 10_000, 'id');
      expect(lines(chunks)).toEqual(['stdout:65534']);
      await client.remove(id, { force: true });
    });
  });

  it('300 created containers: created in parallel, listed in one call, removed', async () => {
    const t0 = performance.now();
    const ids = await inBatches(Array.from({ length: 300 }, (_, i) => i), 8, (i) =>
      runContainer(client, { start: false, name: `cl-test-many-${i}`, labels: { 'com.docker.compose.project': `p${i % 7}` } }),
    );
    const created = performance.now() - t0;
    const t1 = performance.now();
    const all = await client.listContainers({ all: true });
    const listed = performance.now() - t1;
    expect(all).toHaveLength(300);
    expect(new Set(all.map((c) => c.Id))).toEqual(new Set(ids));
    expect(all.every((c) => c.State === 'created')).toBe(true);
    const t2 = performance.now();
    await inBatches(ids, 8, (id) => client.remove(id, { force: true }));
    const removed = performance.now() - t2;
    expect(await client.listContainers({ all: true })).toEqual([]);
    console.log(`[300 containers] create ${Math.round(created)} ms, list ${Math.round(listed)} ms, remove ${Math.round(removed)} ms`);
  });

  it('ssh:// transport through a real `docker system dial-stdio`', async () => {
    // Stand-in for ssh: drop ssh's options and the host, run the remote command here against the
    // private engine. What runs is the docker CLI's real dial-stdio, as it would on a remote host.
    const dir = mkdtempSync(join(tmpdir(), 'cl-ssh-'));
    try {
      const fake = join(dir, 'ssh');
      writeFileSync(fake, `#!/bin/sh\nwhile [ "$1" != "--" ]; do shift; done\nshift 2\nDOCKER_HOST='${readyEngine().dockerHost}' exec "$@"\n`);
      chmodSync(fake, 0o755);
      const endpoint = { ...parseHost('ssh://tester@engine-box', undefined), source: 'DOCKER_HOST' as const, candidates: [] };
      const remote = new EngineClient(endpoint, { connector: { sshCommand: fake } });
      try {
        const v = await remote.version();
        expect(v.ApiVersion).toBe('1.41');
        const id = await runContainer(remote);
        expect((await remote.listContainers()).map((c) => c.Id)).toContain(id);
        // exec over ssh: the hijacked stream is the ssh process's stdio
        const session = await remote.exec(id, { cmd: ['echo', 'over ssh'], tty: true, stdin: false });
        let out = '';
        session.onOutput((c) => (out += c.data.toString()));
        await within(session.closed, 10_000, 'exec over ssh');
        expect(out).toBe('over ssh\r\n');
        await remote.remove(id, { force: true });
      } finally {
        remote.dispose();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
