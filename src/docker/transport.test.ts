import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { parseHost } from './endpoint';
import { EngineClient } from './engine-client';
import { EngineError } from './errors';
import { httpEngine, tempDir } from './test-engine';
import { ChildProcessDuplex, sshArgs } from './transport';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function closedWith(d: ChildProcessDuplex): Promise<Error | undefined> {
  return new Promise((resolve) => {
    d.on('error', (e) => resolve(e));
    d.on('close', () => resolve(undefined));
    d.resume();
  });
}

describe('sshArgs', () => {
  it.each([
    ['ssh://box', ['-o', 'ConnectTimeout=30', '-o', 'BatchMode=yes', '-T', '--', 'box', 'docker', 'system', 'dial-stdio']],
    [
      'ssh://me@box:2222',
      ['-o', 'ConnectTimeout=30', '-o', 'BatchMode=yes', '-T', '-l', 'me', '-p', '2222', '--', 'box', 'docker', 'system', 'dial-stdio'],
    ],
    [
      'ssh://me@box/run/user/1000/docker.sock',
      ['-o', 'ConnectTimeout=30', '-o', 'BatchMode=yes', '-T', '-l', 'me', '--', 'box', 'docker', '--host=unix:///run/user/1000/docker.sock', 'system', 'dial-stdio'],
    ],
  ])('%s', (url, args) => {
    const { transport } = parseHost(url, undefined);
    if (transport.kind !== 'ssh') throw new Error('not ssh');
    expect(sshArgs(transport)).toEqual(args);
  });
});

describe('ChildProcessDuplex', () => {
  it('writes to the child stdin and reads its stdout', async () => {
    const d = new ChildProcessDuplex(spawn('cat', [], { stdio: 'pipe' }), 'ssh://test');
    let out = '';
    d.on('data', (c: Buffer) => (out += c.toString()));
    const closed = closedWith(d);
    d.end('round trip\n');
    expect(await closed).toBeUndefined();
    expect(out).toBe('round trip\n');
  });

  it('a child that fails reports its stderr as not-running', async () => {
    const d = new ChildProcessDuplex(spawn('sh', ['-c', 'echo "Permission denied (publickey)." >&2; exit 255'], { stdio: 'pipe' }), 'ssh://me@box');
    const err = await closedWith(d);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).kind).toBe('not-running');
    expect(err!.message).toMatch(/ssh to ssh:\/\/me@box ended \(exit code 255\): Permission denied \(publickey\)\./);
  });

  it('a missing ssh program is bad-host', async () => {
    const d = new ChildProcessDuplex(spawn('/nonexistent/ssh', [], { stdio: 'pipe' }), 'ssh://box');
    const err = await closedWith(d);
    expect((err as EngineError).kind).toBe('bad-host');
    expect(err!.message).toMatch(/ssh program was not found/);
  });
});

describe('ssh transport end to end', () => {
  it('speaks HTTP through the ssh program\'s stdio, reusing one ssh process for several requests', async () => {
    const engine = await httpEngine((req, res) => {
      if (!req.url!.includes('/containers/json')) return false;
      res.setHeader('Content-Type', 'application/json');
      res.end('[{"Id":"abc"}]');
    });
    cleanups.push(() => engine.close());
    const tmp = tempDir();
    cleanups.push(() => tmp.remove());
    // Stand-in for ssh: logs its arguments, then bridges stdio to the fake engine's socket, like
    // `docker system dial-stdio` bridges to the remote engine.
    const fake = join(tmp.dir, 'fake-ssh');
    const log = join(tmp.dir, 'calls.log');
    writeFileSync(
      fake,
      `#!/bin/sh\necho "$*" >> '${log}'\nexec '${process.execPath}' -e 'const s=require("net").connect(process.argv[1]);process.stdin.pipe(s);s.pipe(process.stdout);s.on("close",()=>process.exit(0))' '${engine.socketPath}'\n`,
    );
    chmodSync(fake, 0o755);
    const endpoint = { ...parseHost('ssh://me@remote-box:2200', undefined), source: 'DOCKER_HOST' as const, candidates: [] };
    const client = new EngineClient(endpoint, { connector: { sshCommand: fake } });
    cleanups.push(() => client.dispose());
    expect(await client.listContainers()).toEqual([{ Id: 'abc' }]);
    expect(await client.listContainers({ all: true })).toEqual([{ Id: 'abc' }]);
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    expect(calls).toEqual(['-o ConnectTimeout=30 -o BatchMode=yes -T -l me -p 2200 -- remote-box docker system dial-stdio']);
    expect(engine.seen).toEqual(['GET /_ping', 'GET /v1.41/containers/json?all=0&size=0', 'GET /v1.41/containers/json?all=1&size=0']);
  });
});
