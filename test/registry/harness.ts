/**
 * The real registry for the registry suite, in-process: `startRegistry({ auth, tls, fixtures })` starts
 * Debian's docker-registry on 127.0.0.1:0 with its own folder (on /dev/shm when there is one: the
 * registry syncs every upload), the token service for `auth: 'bearer'`, and pushes the fixtures.
 * `stop()` ends exactly what it started.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ACCEPT_ALL,
  buildImage,
  makeClient,
  makeHtpasswd,
  makeTlsFiles,
  makeTokenFiles,
  pushFixtures,
  pushImage,
  pushIndex,
  pushManifest,
  request,
  startRegistryProcess,
  stopProcess,
  writeRegistryConfig,
} from '../../scripts/registry/lib.mjs';
import type { PushClient, Pushed, TestImage } from '../../scripts/registry/lib.mjs';
import { expect } from 'vitest';
import { RegistryError } from '../../src/registry';
import { startTokenServer } from './token-server.mjs';
import type { TokenServer } from './token-server.mjs';

export interface RegistryOptions {
  auth?: 'none' | 'basic' | 'bearer';
  tls?: boolean;
  fixtures?: boolean;
  /** Bearer: serve the token service over https on `localhost` (another host name than the registry's). */
  tokenTls?: boolean;
}

export interface TestRegistry {
  /** `127.0.0.1:<port>` */
  host: string;
  /** `http(s)://127.0.0.1:<port>` */
  url: string;
  dir: string;
  caFile?: string;
  ca?: Buffer;
  user?: string;
  password?: string;
  token?: TokenServer;
  fixtures: Record<string, Pushed>;
  client: PushClient;
  /** `127.0.0.1:<port>/<repo>:<tag>` */
  ref(repoTag: string): string;
  pushImage(repo: string, reference: string, image: TestImage, flavour: 'docker' | 'oci'): Promise<Pushed>;
  pushIndex(repo: string, reference: string, images: TestImage[], flavour: 'docker' | 'oci'): Promise<Pushed>;
  /** Point `repo:tag` at these manifest bytes (the registry keeps them verbatim). */
  putManifest(repo: string, tag: string, bytes: Buffer, mediaType: string): Promise<string>;
  /** The digest the registry reports for `repo:tag`, asking for every type. */
  headDigest(repo: string, tag: string): Promise<string>;
  /** A docker config folder holding these credentials for this registry (`auths`). */
  dockerConfig(user?: string, password?: string): string;
  stop(): Promise<void>;
}

const BASE = (() => {
  try {
    const d = mkdtempSync('/dev/shm/container-lens-registry-test-');
    rmSync(d, { recursive: true, force: true });
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
})();

export async function startRegistry(options: RegistryOptions = {}): Promise<TestRegistry> {
  const auth = options.auth ?? 'none';
  const dir = mkdtempSync(join(BASE, 'container-lens-registry-test-'));
  mkdirSync(join(dir, 'data'));
  const tlsFiles = options.tls || options.tokenTls ? makeTlsFiles(join(dir, 'certs')) : undefined;
  const user = auth === 'none' ? undefined : 'alice';
  const password = auth === 'none' ? undefined : 's3cret-pass';
  let token: TokenServer | undefined;
  let tokenConfig: { realm: string; service: string; issuer: string; rootcertbundle: string } | undefined;
  if (auth === 'bearer') {
    const files = makeTokenFiles(join(dir, 'certs'));
    token = await startTokenServer({
      keyPem: readFileSync(files.key, 'utf8'),
      certPem: readFileSync(files.cert, 'utf8'),
      issuer: 'cl-test-issuer',
      service: 'cl-test-registry',
      users: { [user!]: password! },
      ...(options.tokenTls && tlsFiles ? { tls: { cert: tlsFiles.cert, key: tlsFiles.key } } : {}),
    });
    tokenConfig = { realm: token.realm, service: 'cl-test-registry', issuer: 'cl-test-issuer', rootcertbundle: files.cert };
  }
  const config = writeRegistryConfig(join(dir, 'config.yml'), {
    dataDir: join(dir, 'data'),
    ...(auth === 'basic' ? { htpasswd: makeHtpasswd(join(dir, 'htpasswd'), user!, password!) } : {}),
    ...(tokenConfig ? { token: tokenConfig } : {}),
    ...(options.tls && tlsFiles ? { tls: tlsFiles } : {}),
  });
  const ca = tlsFiles ? readFileSync(tlsFiles.ca) : undefined;
  let proc;
  try {
    proc = await startRegistryProcess(config, { logFile: join(dir, 'registry.log'), ca });
  } catch (e) {
    await token?.close();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const killOnExit = () => proc.child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const client = makeClient(proc.base, { user, password, ca });
  const fixtures = options.fixtures ? await pushFixtures(client) : {};
  return {
    host: proc.host,
    url: proc.base,
    dir,
    ...(tlsFiles ? { caFile: tlsFiles.ca, ca } : {}),
    ...(user ? { user, password } : {}),
    ...(token ? { token } : {}),
    fixtures,
    client,
    ref: (repoTag) => `${proc.host}/${repoTag}`,
    pushImage: (repo, reference, image, flavour) => pushImage(client, repo, reference, image, flavour),
    pushIndex: (repo, reference, images, flavour) => pushIndex(client, repo, reference, images, flavour),
    putManifest: (repo, tag, bytes, mediaType) => pushManifest(client, repo, tag, bytes, mediaType),
    async headDigest(repo, tag) {
      const r = await client.send(repo, `${proc.base}/v2/${repo}/manifests/${tag}`, { method: 'HEAD', headers: { Accept: ACCEPT_ALL } });
      if (r.status !== 200) throw new Error(`HEAD ${repo}:${tag} answered ${r.status}`);
      return String(r.headers['docker-content-digest']);
    },
    dockerConfig(u = user, p = password) {
      const folder = mkdtempSync(join(dir, 'docker-config-'));
      writeFileSync(join(folder, 'config.json'), JSON.stringify({ auths: { [proc.host]: { auth: Buffer.from(`${u}:${p}`).toString('base64') } } }));
      return folder;
    },
    async stop() {
      process.removeListener('exit', killOnExit);
      await stopProcess(proc.pid, config);
      await token?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export { buildImage, request, ACCEPT_ALL };

/** Awaits `p`, expects it to reject with a `RegistryError`, and returns that error. */
export async function failure(p: Promise<unknown>): Promise<RegistryError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(RegistryError);
  return e as RegistryError;
}

/** What a fake server saw of each request. */
export interface SeenRequest {
  method: string;
  url: string;
  authorization?: string;
}

/** A loopback HTTP server answering every request with `respond`; records method, url and Authorization. */
export async function fakeServer(
  respond: (req: http.IncomingMessage, res: http.ServerResponse) => void,
): Promise<{ host: string; seen: SeenRequest[]; close(): Promise<void> }> {
  const seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method!, url: req.url!, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    respond(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
