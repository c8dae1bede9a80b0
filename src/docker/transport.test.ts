import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import * as https from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import { parseHost } from './endpoint';
import type { TlsFiles } from './endpoint';
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
    expect(err!.message).toMatch(/ssh to ssh:\/\/me@box ended \(exit code 255\): Permission denied \(publickey\)\. Check/);
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

describe('tcp + TLS (loopback, throwaway certificate)', () => {
  const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

  it.skipIf(!hasOpenssl)('mutual TLS with the CA verifies; without the CA it is a bad-host TLS error; a missing file is named', async () => {
    const tmp = tempDir();
    cleanups.push(() => tmp.remove());
    const key = join(tmp.dir, 'key.pem');
    const cert = join(tmp.dir, 'cert.pem');
    // One self-signed certificate serves as CA, server and client certificate.
    const gen = spawnSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-keyout', key, '-out', cert, '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ]);
    expect(gen.status, gen.stderr?.toString()).toBe(0);
    const pem = { key: readFileSync(key), cert: readFileSync(cert) };
    let clientAuthorized: boolean | undefined;
    const server = https.createServer({ ...pem, ca: pem.cert, requestCert: true, rejectUnauthorized: true }, (req, res) => {
      clientAuthorized = (req.socket as import('node:tls').TLSSocket).authorized;
      res.setHeader('Api-Version', '1.41');
      res.end('OK');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    server.on('tlsClientError', () => undefined);
    const port = (server.address() as import('node:net').AddressInfo).port;
    const endpointWith = (tls: TlsFiles) => ({ ...parseHost(`tcp://127.0.0.1:${port}`, tls), source: 'DOCKER_HOST' as const, candidates: [] });

    const good = new EngineClient(endpointWith({ verify: true, caFile: cert, certFile: cert, keyFile: key }));
    cleanups.push(() => good.dispose());
    expect(await good.ping()).toMatchObject({ apiVersion: '1.41' });
    expect(clientAuthorized).toBe(true);

    const noCa = new EngineClient(endpointWith({ verify: true, certFile: cert, keyFile: key }));
    cleanups.push(() => noCa.dispose());
    const err = await noCa.ping().then(() => undefined, (e: EngineError) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect(err!.kind).toBe('bad-host');
    expect(err!.message).toMatch(/TLS with tcp:\/\/127\.0\.0\.1:\d+ failed .*DOCKER_CERT_PATH/);

    const missing = new EngineClient(endpointWith({ verify: true, caFile: cert, certFile: cert, keyFile: join(tmp.dir, 'nope.pem') }));
    cleanups.push(() => missing.dispose());
    const err2 = await missing.ping().then(() => undefined, (e: EngineError) => e);
    expect(err2!.kind).toBe('bad-host');
    expect(err2!.message).toContain(`Cannot read the TLS file ${join(tmp.dir, 'nope.pem')}`);
  });
});
