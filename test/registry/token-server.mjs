// A token service for the Bearer variant of the test registry (distribution's "token" auth): it signs
// RS256 JWTs with a key whose self-signed certificate the registry trusts (auth.token.rootcertbundle).
// Anonymous callers get `pull`, users with the right Basic credentials get pull and push. Every request
// is logged (who asked, for which scope, with which Authorization scheme) so tests can check where
// credentials went.
//
// In-process: `startTokenServer({...})`. Detached (start-registry.mjs --auth bearer):
//   node test/registry/token-server.mjs --key K --cert C --issuer I --service S --user u:p [--tls-cert c --tls-key k] --port-file F
import crypto from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { fileURLToPath } from 'node:url';

const b64url = (data) => Buffer.from(data).toString('base64url');

/**
 * The key id distribution expects in the JWT header when no certificate chain is sent: the SHA-256 of
 * the public key's DER (SubjectPublicKeyInfo), first 240 bits, base32, in twelve groups of four.
 */
export function keyId(certPem) {
  const der = crypto.createPublicKey(certPem).export({ type: 'spki', format: 'der' });
  const bits = crypto.createHash('sha256').update(der).digest().subarray(0, 30);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let out = '';
  let acc = 0;
  let n = 0;
  for (const byte of bits) {
    acc = (acc << 8) | byte;
    n += 8;
    while (n >= 5) {
      out += alphabet[(acc >>> (n - 5)) & 31];
      n -= 5;
    }
  }
  return out.match(/.{4}/g).join(':');
}

export function signToken(claims, { keyPem, certPem }) {
  const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid: keyId(certPem) }));
  const body = b64url(JSON.stringify(claims));
  const signature = crypto.sign('sha256', Buffer.from(`${header}.${body}`), keyPem);
  return `${header}.${body}.${b64url(signature)}`;
}

/**
 * @param {{ keyPem: string, certPem: string, issuer: string, service: string, users?: Record<string,string>,
 *           tls?: { cert: string, key: string }, port?: number, answer?: (req, res) => boolean }} o
 *   `answer` may take over a request (fault tests); return true when it did.
 */
export function startTokenServer(o) {
  const log = [];
  const handler = (req, res) => {
    const url = new URL(req.url, 'http://token');
    const authorization = req.headers.authorization ?? '';
    const entry = { path: url.pathname, scheme: authorization.split(' ')[0] || null, account: null, scopes: url.searchParams.getAll('scope'), service: url.searchParams.get('service') };
    log.push(entry);
    if (o.answer && o.answer(req, res, entry)) return;
    if (url.pathname !== '/token') {
      res.writeHead(404).end();
      return;
    }
    let account = null;
    if (authorization.startsWith('Basic ')) {
      const text = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
      const colon = text.indexOf(':');
      const user = text.slice(0, colon);
      if (colon < 0 || !o.users || o.users[user] !== text.slice(colon + 1)) {
        res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"details":"wrong user name or password"}');
        return;
      }
      account = user;
    }
    entry.account = account;
    const access = entry.scopes
      .flatMap((s) => s.split(' '))
      .filter(Boolean)
      .map((s) => {
        const [type, name, actions = ''] = s.split(':');
        const allowed = account ? ['pull', 'push'] : ['pull'];
        return { type, name, actions: actions.split(',').filter((a) => allowed.includes(a)) };
      });
    const now = Math.floor(Date.now() / 1000);
    const token = signToken(
      { iss: o.issuer, sub: account ?? '', aud: entry.service ?? o.service, exp: now + 300, nbf: now - 10, iat: now, jti: crypto.randomUUID(), access },
      o,
    );
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ token, access_token: token, expires_in: 300, issued_at: new Date(now * 1000).toISOString() }));
  };
  const server = o.tls ? https.createServer({ cert: readFileSync(o.tls.cert), key: readFileSync(o.tls.key) }, handler) : http.createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => {
      const port = server.address().port;
      const host = o.tls ? 'localhost' : '127.0.0.1';
      resolve({
        port,
        realm: `${o.tls ? 'https' : 'http'}://${host}:${port}/token`,
        log,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections?.();
            server.close(() => r());
          }),
      });
    });
  });
}

// ---- run detached ----------------------------------------------------------------------------------------
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const users = {};
  const user = arg('user');
  if (user) users[user.slice(0, user.indexOf(':'))] = user.slice(user.indexOf(':') + 1);
  const server = await startTokenServer({
    keyPem: readFileSync(arg('key'), 'utf8'),
    certPem: readFileSync(arg('cert'), 'utf8'),
    issuer: arg('issuer'),
    service: arg('service'),
    users,
    ...(arg('tls-cert') ? { tls: { cert: arg('tls-cert'), key: arg('tls-key') } } : {}),
  });
  writeFileSync(arg('port-file'), `${server.port}\n`);
  process.on('SIGTERM', () => server.close().then(() => process.exit(0)));
}
