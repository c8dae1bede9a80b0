import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeFrame } from './demux';
import { EngineClient, compareApiVersions, negotiateApiVersion } from './engine-client';
import type { OutputChunk, StreamClosed } from './engine-client';
import { EngineError } from './errors';
import { endpointFor, httpEngine, rawEngine, tempDir } from './test-engine';
import type { FakeEngine } from './test-engine';
import type { EngineEvent } from './types';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
function track<T extends FakeEngine>(e: T): T {
  cleanups.push(() => e.close());
  return e;
}
function client(e: FakeEngine | ReturnType<typeof endpointFor>, opts: ConstructorParameters<typeof EngineClient>[1] = {}): EngineClient {
  const c = new EngineClient('endpoint' in e ? e.endpoint : e, opts);
  cleanups.push(() => c.dispose());
  return c;
}
async function engineError(p: Promise<unknown>): Promise<EngineError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    return e as EngineError;
  }
  throw new Error('expected an EngineError');
}
const json = (res: import('node:http').ServerResponse, status: number, body: unknown) => {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(body));
};

describe('API version negotiation', () => {
  it.each([
    ['1.41', '1.47', '1.41'],
    ['1.45', '1.47', '1.45'],
    ['1.52', '1.47', '1.47'],
    ['1.100', '1.47', '1.47'],
  ])('engine %s, client max %s → %s', (server, max, expected) => {
    expect(negotiateApiVersion(server, max)).toBe(expected);
  });

  it('refuses engines below 1.41 and nonsense versions', () => {
    expect(() => negotiateApiVersion('1.40')).toThrow(expect.objectContaining({ kind: 'api-too-old' }));
    expect(() => negotiateApiVersion('banana')).toThrow(expect.objectContaining({ kind: 'protocol' }));
    expect(compareApiVersions('1.9', '1.10')).toBe(-1);
  });

  it('negotiates from the ping header once and prefixes every request with it', async () => {
    const e = track(await httpEngine((req, res) => (req.url!.startsWith('/v1.43/containers/json') ? json(res, 200, []) : false), { apiVersion: '1.43' }));
    const c = client(e);
    await c.listContainers({ all: true, filters: { label: ['a=b'] } });
    await c.listContainers();
    expect(e.seen).toEqual([
      'GET /_ping',
      `GET /v1.43/containers/json?all=1&size=0&filters=${encodeURIComponent('{"label":["a=b"]}')}`,
      'GET /v1.43/containers/json?all=0&size=0',
    ]);
    expect(c.apiVersion).toBe('1.43');
  });

  it('caps at maxApiVersion and falls back to /version when ping has no header', async () => {
    const e = track(
      await httpEngine(
        (req, res) => {
          if (req.url === '/version') return json(res, 200, { Version: '26.1.0', ApiVersion: '1.45', MinAPIVersion: '1.24' });
          if (req.url!.startsWith('/v1.44/')) return json(res, 200, []);
          return false;
        },
        { apiVersion: null },
      ),
    );
    await client(e, { maxApiVersion: '1.44' }).listContainers();
    expect(e.seen).toEqual(['GET /_ping', 'GET /version', 'GET /v1.44/containers/json?all=0&size=0']);
  });

  it('version() reports the negotiated version; an old engine is api-too-old with a clear message', async () => {
    const e = track(await httpEngine((req, res) => (req.url === '/version' ? json(res, 200, { Version: '19.03.15', ApiVersion: '1.40' }) : false), { apiVersion: '1.40' }));
    const err = await engineError(client(e).version());
    expect(err.kind).toBe('api-too-old');
    expect(err.message).toMatch(/speaks API 1\.40; Container Lens needs API 1\.41 or newer/);
    const err2 = await engineError(client(e).listContainers());
    expect(err2.kind).toBe('api-too-old');
  });

  it('an engine that rejects our version in its own words is api-too-old too', async () => {
    const msg = 'client version 1.41 is too old. Minimum supported API version is 1.44, please upgrade your client to a newer version';
    const e = track(await httpEngine((_req, res) => json(res, 400, { message: msg }), { apiVersion: '1.52' }));
    const err = await engineError(client(e, { maxApiVersion: '1.41' }).listContainers());
    expect([err.kind, err.statusCode, err.engineMessage]).toEqual(['api-too-old', 400, msg]);
  });
});

describe('errors', () => {
  it('an engine error keeps the engine message verbatim and the status', async () => {
    const e = track(await httpEngine((req, res) => (req.url === '/_ping' ? false : json(res, 404, { message: 'No such container: nope' }))));
    const err = await engineError(client(e).inspectContainer('nope'));
    expect([err.kind, err.statusCode, err.engineMessage]).toEqual(['engine', 404, 'No such container: nope']);
    expect(err.message).toBe('Inspecting container nope failed: No such container: nope');
    expect(err.socket).toBe(e.endpoint.host);
  });

  it('a plain-text error body is kept as the engine message', async () => {
    const e = track(await httpEngine((_req, res) => ((res.statusCode = 502), res.end('Bad Gateway from proxy\n'))));
    const err = await engineError(client(e).ping());
    expect([err.kind, err.engineMessage]).toEqual(['engine', 'Bad Gateway from proxy']);
  });

  it('garbage bytes instead of HTTP: protocol', async () => {
    const e = track(await rawEngine((s) => s.end('\x00\x01garbage that is not http\r\n\r\n')));
    const err = await engineError(client(e).ping());
    expect(err.kind).toBe('protocol');
    expect(err.message).toMatch(/does not speak HTTP like the Docker Engine API/);
  });

  it('HTTP with a body that is not JSON: protocol', async () => {
    const e = track(await httpEngine((req, res) => (req.url!.includes('/containers/json') ? res.end('<html>hello</html>') : false)));
    const err = await engineError(client(e).listContainers());
    expect(err.kind).toBe('protocol');
    expect(err.message).toMatch(/not JSON \(<html>hello/);
  });

  it('no socket at the path: not-running, listing the sockets looked at', async () => {
    const tmp = tempDir();
    cleanups.push(() => tmp.remove());
    const candidates = [
      { host: `unix://${join(tmp.dir, 'missing.sock')}`, label: 'Docker', exists: false },
      { host: 'unix:///run/podman/podman.sock', label: 'Podman', exists: false },
    ];
    const err = await engineError(client(endpointFor(join(tmp.dir, 'missing.sock'), candidates)).ping());
    expect(err.kind).toBe('not-running');
    expect(err.message).toContain(`there is no socket at unix://${join(tmp.dir, 'missing.sock')}`);
    expect(err.message).toContain('unix:///run/podman/podman.sock (Podman): not found');
    expect(err.candidates).toEqual(candidates);
  });

  it('a stale socket file nobody listens on: not-running (connection refused)', async () => {
    const tmp = tempDir();
    cleanups.push(() => tmp.remove());
    const path = join(tmp.dir, 'stale.sock');
    writeFileSync(path, '');
    const err = await engineError(client(endpointFor(path)).ping());
    expect(err.kind).toBe('not-running');
    expect(err.message).toMatch(/nothing accepts connections/);
  });

  it('an engine that closes without answering: not-running', async () => {
    const e = track(await rawEngine((s) => s.destroy()));
    expect((await engineError(client(e).ping())).kind).toBe('not-running');
  });

  it('an engine that never answers: timeout after the configured limit', async () => {
    const e = track(await rawEngine(() => undefined));
    const t = performance.now();
    const err = await engineError(client(e, { timeoutMs: 300 }).ping());
    expect(err.kind).toBe('timeout');
    expect(err.message).toMatch(/within 0\.3 s/);
    expect(performance.now() - t).toBeLessThan(3000);
  });

  it('a pooled connection the engine dropped while idle: reads are retried once, writes are not', async () => {
    // Every connection answers its first request and drops the second without answering, as an
    // engine does when it closes idle keep-alive connections just as the client reuses one.
    const e = track(
      await rawEngine((s) => {
        let requests = 0;
        s.on('data', (d: Buffer) => {
          const line = d.toString('latin1').split('\r\n')[0]!;
          if (++requests > 1) return void s.destroy();
          const body = line.includes('/_ping') ? 'OK' : line.startsWith('POST') ? '{"Id":"new"}' : '[]';
          s.write(`HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
        });
      }),
    );
    const c = client(e);
    await c.ping();
    expect(await c.listContainers()).toEqual([]); // reused the ping's connection, dropped, retried on a new one
    await c.ping();
    const err = await engineError(c.createContainer({ Image: 'x' }));
    expect(err.kind).toBe('not-running');
  });

  it('a disposed client refuses further calls', async () => {
    const e = track(await httpEngine(() => false));
    const c = client(e);
    c.dispose();
    expect((await engineError(c.ping())).message).toMatch(/closed/);
  });
});

describe('events stream', () => {
  it('parses events split across writes, in order, and reports the dropped connection', async () => {
    const events = [
      { Type: 'container', Action: 'create', Actor: { ID: 'a', Attributes: { name: 'caf\u00e9' } }, time: 1, timeNano: 1 },
      { Type: 'container', Action: 'start', Actor: { ID: 'a' }, time: 1, timeNano: 2 },
      { Type: 'container', Action: 'die', Actor: { ID: 'a' }, time: 2, timeNano: 3 },
    ];
    const bytes = Buffer.from(events.map((ev) => JSON.stringify(ev) + '\n').join(''));
    let drop!: () => void;
    const e = track(
      await httpEngine((req, res) => {
        if (!req.url!.startsWith('/v1.41/events')) return false;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        // odd-sized pieces: cuts inside JSON values and inside the two-byte é
        const pieces = [bytes.subarray(0, 7), bytes.subarray(7, 80), bytes.subarray(80, 81), bytes.subarray(81)];
        for (const p of pieces) res.write(p);
        drop = () => res.socket!.destroy();
      }),
    );
    const got: EngineEvent[] = [];
    let onEvent!: () => void;
    const third = new Promise<void>((r) => (onEvent = r));
    const handle = await client(e).events({ filters: { type: ['container'] } }, (ev) => {
      got.push(ev);
      if (got.length === 3) onEvent();
    });
    expect(e.seen.at(-1)).toBe(`GET /v1.41/events?filters=${encodeURIComponent('{"type":["container"]}')}`);
    await third;
    expect(got.map((ev) => ev.Action)).toEqual(['create', 'start', 'die']);
    expect(got[0]!.Actor.Attributes!.name).toBe('caf\u00e9');
    drop();
    const closed = await handle.closed;
    expect(closed.reason).toBe('error');
    expect((closed as Extract<StreamClosed, { reason: 'error' }>).error.kind).toBe('not-running');
  });

  it('closes with handler-threw when the callback throws, without crashing', async () => {
    const e = track(
      await httpEngine((req, res) => {
        if (!req.url!.includes('/events')) return false;
        res.writeHead(200);
        res.write('{"Type":"container","Action":"start","Actor":{"ID":"x"}}\n');
      }),
    );
    const handle = await client(e).events({}, () => {
      throw new Error('consumer bug');
    });
    const closed = await handle.closed;
    expect(closed).toMatchObject({ reason: 'handler-threw', error: new Error('consumer bug') });
  });

  it('a line that is not JSON closes the stream with protocol', async () => {
    const e = track(
      await httpEngine((req, res) => {
        if (!req.url!.includes('/events')) return false;
        res.writeHead(200);
        res.write('this is not json\n');
      }),
    );
    const closed = await (await client(e).events({}, () => undefined)).closed;
    expect(closed.reason === 'error' && closed.error.kind).toBe('protocol');
  });

  it('dispose closes the connection (the engine sees it) and resolves closed', async () => {
    let serverSawClose!: () => void;
    const sawClose = new Promise<void>((r) => (serverSawClose = r));
    const e = track(
      await httpEngine((req, res) => {
        if (!req.url!.includes('/events')) return false;
        res.writeHead(200);
        res.flushHeaders();
        res.on('close', serverSawClose);
      }),
    );
    const c = client(e);
    const handle = await c.events({}, () => undefined);
    handle.dispose();
    expect(await handle.closed).toEqual({ reason: 'disposed' });
    await sawClose;
  });

  it('dispose of the client closes its open streams', async () => {
    const e = track(
      await httpEngine((req, res) => {
        if (!req.url!.includes('/events')) return false;
        res.writeHead(200);
        res.flushHeaders();
      }),
    );
    const c = client(e);
    const handle = await c.events({}, () => undefined);
    c.dispose();
    expect(await handle.closed).toEqual({ reason: 'disposed' });
  });

  it('an events request the engine refuses rejects with the engine error', async () => {
    const e = track(await httpEngine((req, res) => (req.url!.includes('/events') ? json(res, 400, { message: 'invalid filter \'tpye\'' }) : false)));
    const err = await engineError(client(e).events({ filters: { tpye: ['container'] } }, () => undefined));
    expect([err.kind, err.engineMessage]).toEqual(['engine', "invalid filter 'tpye'"]);
  });
});

describe('logs', () => {
  const framed = Buffer.concat([encodeFrame('stdout', 'out 1\n'), encodeFrame('stderr', 'err 1\n'), encodeFrame('stdout', 'out 2\n')]);
  const show = (chunks: OutputChunk[]) => chunks.map((c) => `${c.stream}:${c.data.toString()}`);

  it('demultiplexes stdout and stderr written byte by byte; looks up Tty by inspect', async () => {
    const e = track(
      await httpEngine((req, res) => {
        if (req.url!.startsWith('/v1.41/containers/c1/json')) return json(res, 200, { Id: 'c1', Config: { Tty: false } });
        if (!req.url!.startsWith('/v1.41/containers/c1/logs')) return false;
        res.writeHead(200, { 'Content-Type': 'application/vnd.docker.raw-stream' });
        for (const b of framed) res.write(Buffer.from([b]));
        res.end();
      }),
    );
    const chunks = await client(e).readLogs('c1', { tail: 50, timestamps: true });
    expect(show(chunks)).toEqual(['stdout:out 1\n', 'stderr:err 1\n', 'stdout:out 2\n']);
    expect(e.seen).toContain('GET /v1.41/containers/c1/logs?stdout=1&stderr=1&follow=0&tail=50&timestamps=1');
  });

  it('passes a TTY container\'s bytes through as one stream', async () => {
    const e = track(
      await httpEngine((req, res) => {
        if (!req.url!.includes('/logs')) return false;
        res.writeHead(200);
        res.end('\x1b[32mcolour\x1b[0m\r\n');
      }),
    );
    expect(show(await client(e).readLogs('c1', { tty: true }))).toEqual(['tty:\x1b[32mcolour\x1b[0m\r\n']);
  });

  it('follow delivers lines as they come; a frame cut off by the end is a protocol error', async () => {
    let write!: (b: Buffer) => void;
    let end!: () => void;
    const e = track(
      await httpEngine((req, res) => {
        if (!req.url!.includes('/logs')) return false;
        res.writeHead(200);
        res.flushHeaders();
        write = (b) => res.write(b);
        end = () => res.end();
      }),
    );
    const chunks: OutputChunk[] = [];
    let notify: (() => void) | undefined;
    const handle = await client(e).logs('c1', { follow: true, tty: false }, (c) => {
      chunks.push(c);
      notify?.();
    });
    const next = () => new Promise<void>((r) => (notify = r));
    let arrived = next();
    write(encodeFrame('stdout', 'first\n'));
    await arrived;
    arrived = next();
    write(encodeFrame('stderr', 'second\n'));
    await arrived;
    expect(show(chunks)).toEqual(['stdout:first\n', 'stderr:second\n']);
    write(encodeFrame('stdout', 'cut short').subarray(0, 12));
    end();
    const closed = await handle.closed;
    expect(closed.reason === 'error' && closed.error.kind).toBe('protocol');
  });

  it('an in-band error frame from the engine ends the stream with its message', async () => {
    const e = track(
      await httpEngine((req, res) => {
        if (!req.url!.includes('/logs')) return false;
        res.writeHead(200);
        res.end(Buffer.concat([encodeFrame('stdout', 'ok\n'), encodeFrame('system', 'log driver failed')]));
      }),
    );
    const err = await engineError(client(e).readLogs('c1', { tty: false }));
    expect([err.kind, err.engineMessage]).toEqual(['engine', 'log driver failed']);
  });
});

describe('exec over a hijacked connection', () => {
  /** A fake engine that creates execs and, on start, answers `status` and then echoes stdin upper-cased. */
  async function execEngine(status: 101 | 200 | 404): Promise<FakeEngine> {
    return httpEngine(
      (req, res, body) => {
        if (req.url === '/v1.41/containers/c1/exec') {
          expect(JSON.parse(body.toString())).toMatchObject({ AttachStdin: true, AttachStdout: true, Tty: true, Cmd: ['sh'] });
          return json(res, 201, { Id: 'e1' });
        }
        if (req.url!.startsWith('/v1.41/exec/e1/resize')) return void res.writeHead(201).end();
        if (req.url === '/v1.41/exec/e1/json') return json(res, 200, { ID: 'e1', Running: false, ExitCode: 3 });
        return false;
      },
      {
        onUpgrade(req, socket, head) {
          expect(req.headers.upgrade).toBe('tcp');
          expect(req.headers.connection).toMatch(/upgrade/i);
          const length = Number(req.headers['content-length']);
          let pending = head;
          let bodyLeft = length;
          if (status === 404) {
            const msg = JSON.stringify({ message: 'No such exec instance: e1' });
            socket.end(`HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: ${msg.length}\r\n\r\n${msg}`);
            return;
          }
          // The status line and the first output in ONE write: the client must not lose those bytes.
          socket.write(
            status === 101
              ? 'HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n$ '
              : 'HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\n$ ',
          );
          const onData = (d: Buffer) => {
            pending = Buffer.concat([pending, d]);
            const skip = Math.min(bodyLeft, pending.length);
            bodyLeft -= skip;
            pending = pending.subarray(skip);
            const text = pending.toString();
            pending = Buffer.alloc(0);
            if (text.includes('exit')) socket.end(text.replace('exit\n', '').toUpperCase());
            else if (text) socket.write(text.toUpperCase());
          };
          socket.on('data', onData);
          onData(Buffer.alloc(0));
        },
      },
    );
  }

  it.each([101, 200] as const)('HTTP %i: round trip, resize and exit code', async (status) => {
    const e = track(await execEngine(status));
    const c = client(e);
    const session = await c.exec('c1', { cmd: ['sh'], tty: true });
    let out = '';
    let notify: (() => void) | undefined;
    session.onOutput((chunk) => {
      expect(chunk.stream).toBe('tty');
      out += chunk.data.toString();
      notify?.();
    });
    await new Promise<void>((r) => {
      notify = () => out.includes('HI') && r();
      session.write('hi\n');
    });
    await session.resize(120, 40);
    session.write('exit\n');
    expect(await session.closed).toEqual({ reason: 'ended' });
    expect(out).toBe('$ HI\n');
    expect(await session.exitCode()).toBe(3);
    expect(e.seen).toContain('POST /v1.41/exec/e1/start (upgrade)');
    expect(e.seen).toContain('POST /v1.41/exec/e1/resize?h=40&w=120');
  });

  it('an error answer to the start is an engine error with its message', async () => {
    const e = track(await execEngine(404));
    const err = await engineError(client(e).exec('c1', { cmd: ['sh'], tty: true }));
    expect([err.kind, err.statusCode, err.engineMessage]).toEqual(['engine', 404, 'No such exec instance: e1']);
  });
});
