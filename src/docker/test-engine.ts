/**
 * Fake engines for unit tests: an HTTP server or a raw socket server on a unix socket in a temp folder,
 * so every failure mode (garbage, silence, dropped connections) is reproducible without Docker.
 * Test support only; not exported from index.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHost } from './endpoint';
import type { Endpoint, EndpointCandidate } from './endpoint';

export interface FakeEngine {
  socketPath: string;
  endpoint: Endpoint;
  /** Request lines seen (`GET /v1.41/containers/json?all=1`). */
  seen: string[];
  close(): Promise<void>;
}

export function tempDir(prefix = 'cl-docker-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function endpointFor(socketPath: string, candidates: EndpointCandidate[] = []): Endpoint {
  return { ...parseHost(`unix://${socketPath}`, undefined), source: 'DOCKER_HOST', candidates };
}

/**
 * An HTTP fake: `/_ping` answers with `Api-Version: <apiVersion>` unless `handle` takes it.
 * `handle` returns false to fall through to the default 404.
 */
export async function httpEngine(
  handle: (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => unknown,
  opts: { apiVersion?: string | null; onUpgrade?: (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => void } = {},
): Promise<FakeEngine> {
  const tmp = tempDir();
  const socketPath = join(tmp.dir, 'engine.sock');
  const seen: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (handle(req, res, body) !== false && res.headersSent) return;
      if (res.headersSent || res.writableEnded) return;
      if (req.url === '/_ping') {
        if (opts.apiVersion !== null) res.setHeader('Api-Version', opts.apiVersion ?? '1.41');
        res.setHeader('OSType', 'linux');
        res.end('OK');
        return;
      }
      res.statusCode = 404;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ message: `page not found: ${req.url}` }));
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  if (opts.onUpgrade) {
    const onUpgrade = opts.onUpgrade;
    server.on('upgrade', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
      seen.push(`${req.method} ${req.url} (upgrade)`);
      onUpgrade(req, socket, head);
    });
  }
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    socketPath,
    endpoint: endpointFor(socketPath),
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => {
          tmp.remove();
          resolve();
        });
      }),
  };
}

/** A raw socket server: `onConnection` does whatever a broken engine would do. */
export async function rawEngine(onConnection: (socket: net.Socket) => void): Promise<FakeEngine> {
  const tmp = tempDir();
  const socketPath = join(tmp.dir, 'engine.sock');
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    onConnection(s);
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    socketPath,
    endpoint: endpointFor(socketPath),
    seen: [],
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => {
          tmp.remove();
          resolve();
        });
      }),
  };
}

/** Resolves with the first value `predicate` accepts among values pushed later; rejects after `ms`. */
export function waitFor<T>(subscribe: (push: (v: T) => void) => void, predicate: (v: T) => boolean, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    subscribe((v) => {
      if (predicate(v)) {
        clearTimeout(timer);
        resolve(v);
      }
    });
  });
}
