// The loopback test registry: Debian's docker-registry (CNCF distribution 2.8) with its own config and
// data folder, certificates and htpasswd files made with openssl/htpasswd, and tiny images built in
// memory and pushed over the registry API (no docker). Used by start-registry.mjs (detached, for the
// code-server tests and by hand) and test/registry/harness.ts (in-process, for the registry suite).
// Test tooling only: nothing in src/ imports this.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { join } from 'node:path';
import zlib from 'node:zlib';

export const REGISTRY_BIN = process.env.CL_REGISTRY_BIN || 'docker-registry';

export const MT = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
};
export const ACCEPT_ALL = [MT.ociIndex, MT.dockerList, MT.ociManifest, MT.dockerManifest].join(', ');

export const digestOf = (bytes) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

// ---- HTTP ---------------------------------------------------------------------------------------------

/** A request with the whole body read; `ca` for the TLS variant. */
export function request(url, { method = 'GET', headers = {}, body, ca, timeoutMs = 10_000 } = {}) {
  const u = new URL(url);
  const mod = u.protocol === 'https:' ? https : http;
  const h = { ...headers };
  if (body !== undefined) h['Content-Length'] = String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    const req = mod.request(u, { method, headers: h, ca, agent: false, timeout: timeoutMs }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url}: no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * A pusher that answers the registry's 401 itself: Basic with `user`/`password`, or a Bearer token for
 * pull+push from the realm (with the same credentials).
 */
export function makeClient(base, { user, password, ca } = {}) {
  const basic = user ? `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` : undefined;
  const tokens = new Map();
  let bearer = null;
  async function tokenFor(repo) {
    if (tokens.has(repo)) return tokens.get(repo);
    const u = new URL(bearer.realm);
    if (bearer.service) u.searchParams.set('service', bearer.service);
    u.searchParams.set('scope', `repository:${repo}:pull,push`);
    const r = await request(u.href, { headers: basic ? { Authorization: basic } : {}, ca });
    if (r.status !== 200) throw new Error(`token for ${repo}: ${r.status} ${r.body}`);
    const t = JSON.parse(r.body.toString()).token;
    tokens.set(repo, t);
    return t;
  }
  async function send(repo, url, opts = {}) {
    const auth = bearer ? { Authorization: `Bearer ${await tokenFor(repo)}` } : basic ? { Authorization: basic } : {};
    let r = await request(url, { ...opts, ca, headers: { ...opts.headers, ...auth } });
    if (r.status === 401 && !bearer) {
      const challenge = String(r.headers['www-authenticate'] ?? '');
      if (/^Bearer /i.test(challenge)) {
        const realm = /realm="([^"]+)"/.exec(challenge)?.[1];
        const service = /service="([^"]+)"/.exec(challenge)?.[1];
        bearer = { realm, service };
        r = await request(url, { ...opts, ca, headers: { ...opts.headers, Authorization: `Bearer ${await tokenFor(repo)}` } });
      }
    }
    return r;
  }
  return { base, send };
}

// ---- images -------------------------------------------------------------------------------------------

/** A one-file ustar archive, byte-for-byte the same every time (mtime 0, uid/gid 0). */
export function tarOneFile(name, content) {
  const data = Buffer.from(content);
  const header = Buffer.alloc(512, 0);
  const put = (text, offset, length) => header.write(text, offset, length, 'ascii');
  const octal = (n, length) => `${n.toString(8).padStart(length - 1, '0')}\0`;
  put(name, 0, 100);
  put(octal(0o644, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(data.length, 12), 124, 12);
  put(octal(0, 12), 136, 12);
  put('        ', 148, 8);
  put('0', 156, 1);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  let sum = 0;
  for (const b of header) sum += b;
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  const pad = Buffer.alloc((512 - (data.length % 512)) % 512, 0);
  return Buffer.concat([header, data, pad, Buffer.alloc(1024, 0)]);
}

/** A tiny image for one platform: `{ layer, configBytes }`. */
export function buildImage({ os = 'linux', arch = 'amd64', variant, text } = {}) {
  const tar = tarOneFile('hello.txt', text ?? `hello from ${os}/${arch}\n`);
  const layer = zlib.gzipSync(tar, { level: 9 });
  const config = {
    architecture: arch,
    os,
    ...(variant ? { variant } : {}),
    config: { Cmd: ['/hello'] },
    rootfs: { type: 'layers', diff_ids: [digestOf(tar)] },
    history: [{ created_by: 'container-lens test fixture' }],
  };
  return { layer, configBytes: Buffer.from(JSON.stringify(config)), platform: { os, architecture: arch, ...(variant ? { variant } : {}) } };
}

/** The exact manifest bytes (pretty-printed on purpose: the digest is of these bytes, not of the JSON). */
export function manifestBytes(image, flavour) {
  const docker = flavour === 'docker';
  return Buffer.from(
    JSON.stringify(
      {
        schemaVersion: 2,
        mediaType: docker ? MT.dockerManifest : MT.ociManifest,
        config: { mediaType: docker ? MT.dockerConfig : MT.ociConfig, size: image.configBytes.length, digest: digestOf(image.configBytes) },
        layers: [{ mediaType: docker ? MT.dockerLayer : MT.ociLayer, size: image.layer.length, digest: digestOf(image.layer) }],
      },
      null,
      2,
    ),
  );
}

export function indexBytes(children, flavour) {
  return Buffer.from(
    JSON.stringify(
      {
        schemaVersion: 2,
        mediaType: flavour === 'docker' ? MT.dockerList : MT.ociIndex,
        manifests: children.map((c) => ({ mediaType: c.mediaType, size: c.bytes.length, digest: digestOf(c.bytes), platform: c.platform })),
      },
      null,
      2,
    ),
  );
}

export async function pushBlob(client, repo, bytes) {
  const digest = digestOf(bytes);
  const head = await client.send(repo, `${client.base}/v2/${repo}/blobs/${digest}`, { method: 'HEAD' });
  if (head.status === 200) return digest;
  const start = await client.send(repo, `${client.base}/v2/${repo}/blobs/uploads/`, { method: 'POST', body: Buffer.alloc(0) });
  if (start.status !== 202) throw new Error(`POST ${repo} blob upload: ${start.status} ${start.body}`);
  const location = new URL(start.headers.location, client.base);
  location.searchParams.set('digest', digest);
  const put = await client.send(repo, location.href, { method: 'PUT', body: bytes, headers: { 'Content-Type': 'application/octet-stream' } });
  if (put.status !== 201) throw new Error(`PUT ${repo} blob: ${put.status} ${put.body}`);
  return digest;
}

/** PUT a manifest by tag or digest; returns the registry's digest (checked against ours). */
export async function pushManifest(client, repo, reference, bytes, mediaType) {
  const r = await client.send(repo, `${client.base}/v2/${repo}/manifests/${reference}`, { method: 'PUT', body: bytes, headers: { 'Content-Type': mediaType } });
  if (r.status !== 201) throw new Error(`PUT ${repo}:${reference}: ${r.status} ${r.body}`);
  const digest = r.headers['docker-content-digest'];
  if (digest !== digestOf(bytes)) throw new Error(`registry digest ${digest} for ${repo}:${reference} is not the sha256 of the bytes sent`);
  return digest;
}

/** Blobs + manifest of one image under `repo:reference`. */
export async function pushImage(client, repo, reference, image, flavour) {
  await pushBlob(client, repo, image.layer);
  await pushBlob(client, repo, image.configBytes);
  const bytes = manifestBytes(image, flavour);
  const mediaType = flavour === 'docker' ? MT.dockerManifest : MT.ociManifest;
  const digest = await pushManifest(client, repo, reference, bytes, mediaType);
  return { bytes, mediaType, digest, platform: image.platform };
}

/** An index (OCI) or manifest list (Docker) of `images`, children pushed by digest first. */
export async function pushIndex(client, repo, reference, images, flavour) {
  const children = [];
  for (const image of images) {
    // children first, by digest: the registry refuses an index whose children it does not have
    await pushBlob(client, repo, image.layer);
    await pushBlob(client, repo, image.configBytes);
    const bytes = manifestBytes(image, flavour);
    const mediaType = flavour === 'docker' ? MT.dockerManifest : MT.ociManifest;
    const digest = await pushManifest(client, repo, digestOf(bytes), bytes, mediaType);
    children.push({ bytes, mediaType, digest, platform: image.platform });
  }
  const bytes = indexBytes(children, flavour);
  const mediaType = flavour === 'docker' ? MT.dockerList : MT.ociIndex;
  const digest = await pushManifest(client, repo, reference, bytes, mediaType);
  return { bytes, mediaType, digest, children, platforms: images.map((i) => [i.platform.os, i.platform.architecture, i.platform.variant].filter(Boolean).join('/')) };
}

/**
 * The fixture repositories of the harness contract:
 *   cl/docker-v2:1.0  Docker v2 manifest           cl/oci:1.0   OCI manifest
 *   cl/multi:1.0      OCI index, amd64 + arm64     cl/list:1.0  Docker manifest list, amd64 + arm64/v8
 *   cl/moving:1.0     a Docker v2 manifest the tests re-point (cl/moving:next holds the other one)
 */
export async function pushFixtures(client) {
  const amd64 = buildImage({ arch: 'amd64' });
  const arm64 = buildImage({ arch: 'arm64', variant: 'v8' });
  const out = {};
  out['cl/docker-v2:1.0'] = await pushImage(client, 'cl/docker-v2', '1.0', amd64, 'docker');
  out['cl/oci:1.0'] = await pushImage(client, 'cl/oci', '1.0', amd64, 'oci');
  out['cl/multi:1.0'] = await pushIndex(client, 'cl/multi', '1.0', [amd64, arm64], 'oci');
  out['cl/list:1.0'] = await pushIndex(client, 'cl/list', '1.0', [amd64, arm64], 'docker');
  out['cl/moving:next'] = await pushImage(client, 'cl/moving', 'next', buildImage({ arch: 'amd64', text: 'the second version\n' }), 'docker');
  out['cl/moving:1.0'] = await pushImage(client, 'cl/moving', '1.0', buildImage({ arch: 'amd64', text: 'the first version\n' }), 'docker');
  return out;
}

// ---- files: certificates, htpasswd, config ---------------------------------------------------------------

function run(cmd, args, opts = {}) {
  return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
}

/**
 * A test CA and a server certificate it signs, for 127.0.0.1, ::1, localhost and registry.test (the
 * proxy tests' name), both EC P-256 (fast to make). Returns file paths.
 */
export function makeTlsFiles(dir) {
  mkdirSync(dir, { recursive: true });
  const f = (n) => join(dir, n);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run('openssl', ['req', '-x509', ...ec, '-keyout', f('ca.key'), '-out', f('ca.crt'), '-days', '3', '-subj', '/CN=Container Lens test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  run('openssl', ['req', ...ec, '-keyout', f('tls.key'), '-out', f('tls.csr'), '-subj', '/CN=localhost']);
  writeFileSync(f('tls.ext'), 'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost,DNS:registry.test\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n');
  run('openssl', ['x509', '-req', '-in', f('tls.csr'), '-CA', f('ca.crt'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('tls.crt'), '-days', '2', '-extfile', f('tls.ext')]);
  return { ca: f('ca.crt'), cert: f('tls.crt'), key: f('tls.key') };
}

/** The token signer's key and self-signed certificate (RSA: the registry wants RS256). */
export function makeTokenFiles(dir) {
  mkdirSync(dir, { recursive: true });
  const key = join(dir, 'token.key');
  const cert = join(dir, 'token.crt');
  run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '3', '-subj', '/CN=container-lens-test-token-issuer']);
  return { key, cert };
}

/** `htpasswd -Bbn user password` (bcrypt) into `file`. */
export function makeHtpasswd(file, user, password) {
  writeFileSync(file, run('htpasswd', ['-Bbn', user, password]));
  return file;
}

export function writeRegistryConfig(file, { dataDir, htpasswd, token, tls }) {
  let y = `version: 0.1
log:
  level: info
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: ${dataDir}
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: 127.0.0.1:0
  secret: container-lens-test-not-a-secret
`;
  if (tls) y += `  tls:\n    certificate: ${tls.cert}\n    key: ${tls.key}\n`;
  if (htpasswd) y += `auth:\n  htpasswd:\n    realm: container-lens-test\n    path: ${htpasswd}\n`;
  if (token) y += `auth:\n  token:\n    realm: ${token.realm}\n    service: ${token.service}\n    issuer: ${token.issuer}\n    rootcertbundle: ${token.rootcertbundle}\n`;
  writeFileSync(file, y);
  return file;
}

// ---- the process ------------------------------------------------------------------------------------------

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Start `docker-registry serve <config>` with its output in `logFile` (a file, not a pipe: Go dies on
 * SIGPIPE when its stderr pipe closes), read the port from "listening on 127.0.0.1:<port>" and wait for
 * `GET /v2/` (200, or 401 with auth). `detached` leaves it running after this process exits.
 */
export async function startRegistryProcess(configFile, { logFile, detached = false, ca, timeoutMs = 20_000 } = {}) {
  if (!existsSync(configFile)) throw new Error(`no registry config at ${configFile}`);
  const fd = openSync(logFile, 'a');
  let child;
  try {
    child = spawn(REGISTRY_BIN, ['serve', configFile], { stdio: ['ignore', fd, fd], detached });
  } finally {
    closeSync(fd);
  }
  const spawnError = new Promise((_, reject) => child.once('error', (e) => reject(new Error(`cannot start ${REGISTRY_BIN}: ${e.message}`))));
  spawnError.catch(() => undefined);
  let exited = null;
  child.once('exit', (code, signal) => {
    exited = `exited (${code ?? signal})`;
  });
  if (detached) child.unref();
  const t0 = Date.now();
  let port;
  let tls = false;
  while (Date.now() - t0 < timeoutMs) {
    await Promise.race([sleep(10), spawnError]);
    if (exited) throw new Error(`docker-registry ${exited}:\n${readFileSync(logFile, 'utf8').slice(-2000)}`);
    const m = /listening on 127\.0\.0\.1:(\d+)(, tls)?/.exec(readFileSync(logFile, 'utf8'));
    if (m) {
      port = Number(m[1]);
      tls = Boolean(m[2]);
      break;
    }
  }
  if (!port) {
    child.kill('SIGKILL');
    throw new Error(`docker-registry did not say where it listens within ${timeoutMs} ms:\n${readFileSync(logFile, 'utf8').slice(-2000)}`);
  }
  const base = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  while (Date.now() - t0 < timeoutMs) {
    try {
      const r = await request(`${base}/v2/`, { ca, timeoutMs: 1000 });
      if (r.status === 200 || r.status === 401) return { child, pid: child.pid, port, base, host: `127.0.0.1:${port}`, readyMs: Date.now() - t0 };
    } catch {
      // not yet
    }
    if (exited) break;
    await sleep(10);
  }
  child.kill('SIGKILL');
  throw new Error(`docker-registry on ${base} did not answer /v2/ within ${timeoutMs} ms:\n${readFileSync(logFile, 'utf8').slice(-2000)}`);
}

/** Whether `pid` is alive and its command line contains `marker` (a pid reused by another program is left alone). */
export function isOurProcess(pid, marker) {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return cmd.includes(marker) && stat.replace(/.*\) /, '')[0] !== 'Z';
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL after `graceMs`, one pid at a time; only processes whose command line has `marker`. */
export async function stopProcess(pid, marker, graceMs = 3000) {
  if (!isOurProcess(pid, marker)) return false;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return false;
  }
  const t0 = Date.now();
  while (Date.now() - t0 < graceMs) {
    if (!isOurProcess(pid, marker)) return true;
    await sleep(20);
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone
  }
  return true;
}
