#!/usr/bin/env node
// start-registry.mjs - a loopback registry for tests and for trying the pin commands by hand.
//
//   node scripts/registry/start-registry.mjs [--fixtures] [--auth none|basic|bearer] [--tls]
//
// Starts Debian's docker-registry (CNCF distribution 2.8) on 127.0.0.1:<free port> with its own config,
// data, certificates and logs under /tmp/container-lens-registry-<pid>/, leaves it running detached (and,
// with --auth bearer, the test token service beside it), optionally pushes the fixture repositories over
// the API (cl/docker-v2:1.0, cl/oci:1.0, cl/multi:1.0, cl/list:1.0, cl/moving:1.0), and prints on stdout:
//   CL_REGISTRY_HOST=127.0.0.1:<port>
//   CL_REGISTRY_PID=<pid>
//   CL_REGISTRY_DIR=<dir>
// plus CL_REGISTRY_URL, and CL_REGISTRY_CA (--tls), CL_REGISTRY_USER / CL_REGISTRY_PASSWORD (--auth),
// CL_TOKEN_PID (--auth bearer). The same lines are in <dir>/registry.env. Progress goes to stderr.
// Installs nothing: the caller provides docker-registry, openssl and htpasswd (scripts/lib/tools.sh,
// ensure_registry_tools). Stop it with: node scripts/registry/stop-registry.mjs <dir>
// Exit: 0 ready; 1 failed; 3 docker-registry (or openssl/htpasswd for the variant) is not installed.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  makeClient,
  makeHtpasswd,
  makeTlsFiles,
  makeTokenFiles,
  pushFixtures,
  REGISTRY_BIN,
  startRegistryProcess,
  stopProcess,
  writeRegistryConfig,
} from './lib.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (m) => process.stderr.write(`[start-registry] ${m}\n`);
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
for (const a of args) {
  if (!['--fixtures', '--tls', '--auth', 'none', 'basic', 'bearer'].includes(a)) {
    log(`unknown argument ${a}; usage: start-registry.mjs [--fixtures] [--auth none|basic|bearer] [--tls]`);
    process.exit(1);
  }
}
const auth = option('auth') ?? 'none';
if (!['none', 'basic', 'bearer'].includes(auth)) {
  log(`--auth must be none, basic or bearer (got ${auth})`);
  process.exit(1);
}
const tls = args.includes('--tls');
const fixtures = args.includes('--fixtures');

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const missing = [REGISTRY_BIN, ...(tls || auth === 'bearer' ? ['openssl'] : []), ...(auth === 'basic' ? ['htpasswd'] : [])].filter((c) => !has(c));
if (missing.length > 0) {
  log(`not installed: ${missing.join(', ')} (apt-get install -y docker-registry apache2-utils openssl)`);
  process.exit(3);
}

const t0 = Date.now();
const dir = `/tmp/container-lens-registry-${process.pid}`;
rmSync(dir, { recursive: true, force: true });
mkdirSync(join(dir, 'data'), { recursive: true });
const env = { CL_REGISTRY_DIR: dir };
const pids = [];
let tokenPid;
try {
  const tlsFiles = tls ? makeTlsFiles(join(dir, 'certs')) : undefined;
  const user = auth === 'none' ? undefined : 'tester';
  const password = auth === 'none' ? undefined : randomBytes(9).toString('base64url');
  let token;
  if (auth === 'bearer') {
    const files = makeTokenFiles(join(dir, 'certs'));
    const portFile = join(dir, 'token.port');
    const out = openSync(join(dir, 'token.log'), 'a');
    const child = spawn(
      process.execPath,
      [join(ROOT, 'test', 'registry', 'token-server.mjs'), '--key', files.key, '--cert', files.cert, '--issuer', 'container-lens-test-issuer', '--service', 'container-lens-test', '--user', `${user}:${password}`, '--port-file', portFile],
      { detached: true, stdio: ['ignore', out, out] },
    );
    closeSync(out);
    child.unref();
    tokenPid = child.pid;
    pids.push(`${tokenPid} token-server.mjs`);
    const until = Date.now() + 10_000;
    while (!existsSync(portFile) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    if (!existsSync(portFile)) throw new Error(`the token server did not start (log: ${join(dir, 'token.log')})`);
    const port = Number(readFileSync(portFile, 'utf8').trim());
    token = { realm: `http://127.0.0.1:${port}/token`, service: 'container-lens-test', issuer: 'container-lens-test-issuer', rootcertbundle: files.cert };
    env.CL_TOKEN_PID = String(tokenPid);
  }
  const config = writeRegistryConfig(join(dir, 'config.yml'), {
    dataDir: join(dir, 'data'),
    ...(auth === 'basic' ? { htpasswd: makeHtpasswd(join(dir, 'htpasswd'), user, password) } : {}),
    ...(token ? { token } : {}),
    ...(tlsFiles ? { tls: tlsFiles } : {}),
  });
  const ca = tlsFiles ? readFileSync(tlsFiles.ca) : undefined;
  const reg = await startRegistryProcess(config, { logFile: join(dir, 'registry.log'), detached: true, ca });
  pids.unshift(`${reg.pid} ${config}`);
  writeFileSync(join(dir, 'pids'), `${pids.join('\n')}\n`);
  Object.assign(env, { CL_REGISTRY_HOST: reg.host, CL_REGISTRY_PID: String(reg.pid), CL_REGISTRY_URL: reg.base });
  if (tlsFiles) env.CL_REGISTRY_CA = tlsFiles.ca;
  if (user) Object.assign(env, { CL_REGISTRY_USER: user, CL_REGISTRY_PASSWORD: password });
  log(`docker-registry ${reg.pid} ready on ${reg.base} in ${reg.readyMs} ms (auth ${auth}${tls ? ', tls' : ''})`);
  if (fixtures) {
    const t = Date.now();
    const pushed = await pushFixtures(makeClient(reg.base, { user, password, ca }));
    log(`fixtures pushed in ${Date.now() - t} ms: ${Object.entries(pushed).map(([k, v]) => `${k} ${v.digest.slice(0, 19)}…`).join(', ')}`);
  }
} catch (e) {
  log(`failed: ${e instanceof Error ? e.message : String(e)}`);
  for (const line of pids) {
    const [pid, ...marker] = line.split(' ');
    await stopProcess(Number(pid), marker.join(' '));
  }
  rmSync(dir, { recursive: true, force: true });
  process.exit(1);
}
const lines = Object.entries(env).map(([k, v]) => `${k}=${v}`);
writeFileSync(join(dir, 'registry.env'), `${lines.join('\n')}\n`);
process.stdout.write(`${lines.join('\n')}\n`);
log(`ready in ${Date.now() - t0} ms; stop with: node scripts/registry/stop-registry.mjs ${dir}`);
