import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeResolveDeps, resolveEndpoint } from '../../src/docker/endpoint';
import { EngineClient } from '../../src/docker/engine-client';
import { EngineError } from '../../src/docker/errors';
import { rawEngine } from '../../src/docker/test-engine';
import { EventRecorder, endpointOf, engineInfo, engineScript, newClient, readyEngine, removeAll, runContainer, within } from './helpers';

const info = engineInfo();
const root = info.available && info.canControlDaemon;

async function engineError(p: Promise<unknown>): Promise<EngineError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    return e as EngineError;
  }
  throw new Error('expected an EngineError');
}

describe.skipIf(!info.available)(`engine faults${info.available ? '' : ` (skipped: ${info.reason})`}`, () => {
  let client: EngineClient;
  beforeAll(() => {
    client = newClient();
  });
  afterAll(async () => {
    await removeAll(client).catch(() => undefined);
    client.dispose();
  });

  it('a socket that answers garbage bytes: protocol', async () => {
    const fake = await rawEngine((s) => s.end(Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x0d, 0x0a, 0x0d, 0x0a])));
    const c = new EngineClient(fake.endpoint);
    try {
      const err = await engineError(c.listContainers());
      expect(err.kind).toBe('protocol');
      expect(err.socket).toBe(fake.endpoint.host);
    } finally {
      c.dispose();
      await fake.close();
    }
  });

  it('DOCKER_HOST naming a socket that does not exist: not-running, listing what was looked at', async () => {
    const missing = join(tmpdir(), `cl-no-such-${process.pid}.sock`);
    const deps = { ...nodeResolveDeps(), env: { ...process.env, DOCKER_HOST: `unix://${missing}` } };
    const endpoint = resolveEndpoint(deps);
    expect(endpoint.source).toBe('DOCKER_HOST');
    const c = new EngineClient(endpoint);
    try {
      const err = await engineError(c.ping());
      expect(err.kind).toBe('not-running');
      expect(err.message).toContain(`there is no socket at unix://${missing}`);
      expect(err.message).toContain('unix:///var/run/docker.sock (Docker)');
      expect(err.candidates!.length).toBeGreaterThanOrEqual(8);
    } finally {
      c.dispose();
    }
  });

  it.skipIf(!root)('socket mode 600 and a user outside the docker group: permission-denied with the ways out', async () => {
    const engine = readyEngine();
    const socket = join(engine.runDir, 'docker.sock');
    // The folder is world-traversable: a failure is the socket's own mode, not the path to it.
    expect(statSync(engine.runDir).mode & 0o005).toBe(0o005);
    const dir = mkdtempSync(join(tmpdir(), 'cl-perm-'));
    chmodSync(dir, 0o755);
    const before = statSync(socket).mode & 0o777;
    try {
      // The client as the extension would ship it, run by a throwaway non-root uid.
      await build({ entryPoints: [join(engine.root, 'src/docker/index.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: join(dir, 'docker.cjs'), logLevel: 'silent' });
      const probe = join(dir, 'probe.cjs');
      writeFileSync(
        probe,
        `const d = require('./docker.cjs');
         const c = new d.EngineClient({ ...d.parseHost(process.argv[2]), source: 'DOCKER_HOST', candidates: [] });
         c.ping().then(() => console.log(JSON.stringify({ ok: true })), (e) => console.log(JSON.stringify({ kind: e.kind, message: e.message })))
          .finally(() => c.dispose());`,
      );
      chmodSync(socket, 0o600);
      const run = (uid: number) => {
        const r = spawnSync(process.execPath, [probe, engine.dockerHost], { uid, gid: uid, cwd: dir, encoding: 'utf8', timeout: 20_000 });
        expect(r.stderr).toBe('');
        return JSON.parse(r.stdout) as { ok?: true; kind?: string; message?: string };
      };
      expect(run(0)).toEqual({ ok: true }); // the probe works; only the user differs
      const denied = run(65534);
      expect(denied.kind).toBe('permission-denied');
      expect(denied.message).toContain(`Permission denied on ${engine.dockerHost}`);
      expect(denied.message).toMatch(/docker" group/);
      expect(denied.message).toMatch(/rootless/);
    } finally {
      chmodSync(socket, before);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!root)('dockerd killed mid events stream: the stream ends with not-running, no unhandled rejection; it comes back', async () => {
    const engine = readyEngine();
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const id = await runContainer(client, { name: 'cl-test-kill' });
      const rec = await EventRecorder.open(client);
      const second = newClient();
      const logs = await second.logs(id, { follow: true }, () => undefined);
      // SIGWINCH: an event that proves the stream is live, and the container ignores it (keeps logs open)
      await client.kill(id, 'SIGWINCH');
      await rec.until((evs) => evs.some((e) => e.Action === 'kill'), 10_000, 'the kill event');

      const pid = Number(readFileSync(join(engine.runDir, 'dockerd.pid'), 'utf8').trim());
      expect(pid).toBeGreaterThan(1);
      process.kill(pid, 'SIGKILL');

      const closed = await within(rec.handle.closed, 10_000, 'the events stream to close');
      expect(closed.reason).toBe('error');
      if (closed.reason !== 'error') throw new Error('unreachable');
      expect(closed.error.kind).toBe('not-running');
      expect(closed.error.message).toMatch(/connection to the Docker engine .* was lost while reading events/);
      const logsClosed = await within(logs.closed, 10_000, 'the logs stream to close');
      expect(logsClosed.reason).toBe('error');

      // The socket file is still there, nobody behind it.
      const down = await engineError(client.ping());
      expect(down.kind).toBe('not-running');
      expect(down.message).toMatch(/nothing accepts connections/);
      second.dispose();

      const restart = engineScript('start-engine.sh');
      expect(restart.status, restart.stderr).toBe(0);
      console.log(`[kill dockerd] restarted in ${restart.ms} ms`);
      // The same client works again: it renegotiates after the failure.
      expect((await client.ping()).apiVersion).toBe('1.41');
      const again = await EventRecorder.open(client);
      const id2 = await runContainer(client);
      await again.until((evs) => evs.some((e) => e.Actor.ID === id2 && e.Action === 'start'), 10_000, 'start after restart');
      again.dispose();
      await client.remove(id2, { force: true });
      await client.remove(id, { force: true }).catch(() => undefined);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it.skipIf(!root)('a stopped engine: not-running; stop-engine.sh leaves no socket', async () => {
    const stop = engineScript('stop-engine.sh');
    expect(stop.status, stop.stderr).toBe(0);
    try {
      const c = new EngineClient(endpointOf(readyEngine().dockerHost));
      const err = await engineError(c.listContainers());
      c.dispose();
      expect(err.kind).toBe('not-running');
      expect(err.message).toMatch(/there is no socket at/);
    } finally {
      const start = engineScript('start-engine.sh');
      expect(start.status, start.stderr).toBe(0);
      console.log(`[stop/start] stop ${stop.ms} ms, start again ${start.ms} ms`);
    }
  });
});
