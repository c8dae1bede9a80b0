import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams, SpawnOptionsWithoutStdio } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import { Duplex } from 'node:stream';
import * as tls from 'node:tls';
import type { Endpoint, Transport } from './endpoint';
import { EngineError } from './errors';
import type { ConnectionContext } from './errors';

/**
 * One way to open a byte stream to the engine. Plain requests use it through `ConnectorAgent` (pooled,
 * keep-alive); exec opens its own connection with it, because a hijacked stream leaves HTTP behind.
 */
export interface Connector {
  connect(): Duplex;
  /** For error messages: host URL, transport and the candidates looked at. */
  readonly context: ConnectionContext;
}

export interface ConnectorOptions {
  /** The `ssh` program; tests put a stand-in here. */
  sshCommand?: string;
  /** Extra options for `spawn` of ssh (env, cwd). */
  sshSpawnOptions?: SpawnOptionsWithoutStdio;
  /** Reads TLS files; tests inject. */
  readFile?: (file: string) => Buffer;
}

export function createConnector(endpoint: Endpoint, options: ConnectorOptions = {}): Connector {
  const t = endpoint.transport;
  const context: ConnectionContext = {
    host: endpoint.host,
    candidates: endpoint.candidates,
    transport: t.kind === 'tcp' && t.tls ? 'tls' : t.kind,
  };
  switch (t.kind) {
    case 'unix':
    case 'npipe':
      return { context, connect: () => net.connect({ path: t.socketPath }) };
    case 'tcp': {
      if (!t.tls) return { context, connect: () => net.connect({ host: t.host, port: t.port }) };
      // Files are read at the first connection, so a missing certificate is a connection error
      // (shown in the view) and not an exception while the client is built.
      let secure: tls.ConnectionOptions | undefined;
      return { context, connect: () => tls.connect((secure ??= tlsOptions(t, options.readFile ?? ((f) => readFileSync(f)), endpoint.host))) };
    }
    case 'ssh': {
      const command = options.sshCommand ?? 'ssh';
      const args = sshArgs(t);
      return { context, connect: () => new ChildProcessDuplex(spawn(command, args, { ...options.sshSpawnOptions, stdio: 'pipe' }), endpoint.host) };
    }
  }
}

function tlsOptions(t: Extract<Transport, { kind: 'tcp' }>, read: (f: string) => Buffer, host: string): tls.ConnectionOptions {
  const files = t.tls!;
  const load = (f: string | undefined) => {
    if (!f) return undefined;
    try {
      return read(f);
    } catch (e) {
      throw new EngineError('bad-host', `Cannot read the TLS file ${f} for ${host}: ${(e as Error).message}`, { cause: e, socket: host });
    }
  };
  const ca = load(files.caFile);
  const cert = load(files.certFile);
  const key = load(files.keyFile);
  return {
    host: t.host,
    port: t.port,
    // SNI takes names only, not IP addresses.
    ...(net.isIP(t.host) ? {} : { servername: t.host }),
    rejectUnauthorized: files.verify,
    ...(ca ? { ca } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
  };
}

/**
 * Arguments for `ssh` as the docker CLI builds them (cli/connhelper/ssh), plus BatchMode: an editor has
 * no terminal to type a password or confirm a host key into, so ssh must fail instead of waiting.
 * `--` ends ssh's options, so a host can never be read as one (parseHost also refuses a leading "-").
 */
export function sshArgs(t: Extract<Transport, { kind: 'ssh' }>): string[] {
  const args = ['-o', 'ConnectTimeout=30', '-o', 'BatchMode=yes', '-T'];
  if (t.user) args.push('-l', t.user);
  if (t.port) args.push('-p', String(t.port));
  args.push('--', t.host, 'docker');
  // A socket path in the URL selects the remote engine, as `docker -H unix://<path>` on that host.
  if (t.socketPath) args.push(`--host=unix://${t.socketPath}`);
  args.push('system', 'dial-stdio');
  return args;
}

/**
 * A child process's stdout (read side) and stdin (write side) as one Duplex: what `docker system
 * dial-stdio` offers is a raw connection to the remote engine. When ssh exits early, the error carries
 * its stderr (host key, auth, "docker: command not found").
 */
export class ChildProcessDuplex extends Duplex {
  private stderr = '';
  private exited = false;

  constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly host: string,
  ) {
    super({ allowHalfOpen: false });
    child.stdout.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) child.stdout.pause();
    });
    // The end of stdout is not the end of the connection's story: wait for 'close' (exit code and all
    // of stderr known) to decide between a clean end and an error that says why ssh stopped.
    child.stderr.on('data', (chunk: Buffer) => {
      // Keep the tail only: a chatty ssh must not grow memory without bound.
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-4000);
    });
    child.stdin.on('error', () => {
      // EPIPE when ssh has gone: the 'exit' handler reports why.
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      this.exited = true;
      this.destroy(
        err.code === 'ENOENT'
          ? new EngineError('bad-host', `Cannot reach ${host}: the ssh program was not found (install OpenSSH's client).`, { cause: err, socket: host })
          : err,
      );
    });
    // 'close', not 'exit': only then has all of ssh's stderr been read
    child.on('close', (code, signal) => {
      this.exited = true;
      if (code === 0 || this.destroyed) {
        this.push(null);
        return;
      }
      const said = this.stderr.trim().replace(/\.$/, '');
      this.destroy(
        new EngineError(
          'not-running',
          `ssh to ${host} ended (${signal ?? `exit code ${code}`})${said ? `: ${said}` : ''}. ` +
            'Check that `ssh` to the host works without a password prompt and that docker runs there.',
          { socket: host },
        ),
      );
    });
  }

  override _read(): void {
    this.child.stdout.resume();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    if (this.exited) {
      cb(new EngineError('not-running', `ssh to ${this.host} has ended`, { socket: this.host }));
      return;
    }
    this.child.stdin.write(chunk, cb);
  }

  override _final(cb: (err?: Error | null) => void): void {
    this.child.stdin.end(cb);
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    if (!this.exited) this.child.kill();
    cb(err);
  }

  // http.Agent and ClientRequest call these on sockets; a pipe pair has nothing to tune.
  setKeepAlive(): this {
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setTimeout(): this {
    return this;
  }
  ref(): this {
    this.child.ref();
    return this;
  }
  unref(): this {
    // An idle pooled connection must not keep the process alive (as for net.Socket).
    this.child.unref();
    (this.child.stdout as unknown as net.Socket).unref?.();
    (this.child.stderr as unknown as net.Socket).unref?.();
    (this.child.stdin as unknown as net.Socket).unref?.();
    return this;
  }
}

/** http.Agent whose connections come from a Connector: the same pooling for sockets, pipes, TLS and ssh. */
export class ConnectorAgent extends http.Agent {
  constructor(
    private readonly connector: Connector,
    options: http.AgentOptions = {},
  ) {
    super({ keepAlive: true, ...options });
  }

  override createConnection(): Duplex {
    return this.connector.connect();
  }
}
