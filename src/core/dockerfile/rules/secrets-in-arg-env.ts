import type { Env, Property } from 'dockerfile-ast';
import type { Rule } from '../../rule';
import type { Range } from '../../text/range';
import type { DockerfileModel, InstructionInfo } from '../model';

/** Words that name a secret on their own. */
const SECRET_WORDS = new Set(['password', 'passwd', 'pword', 'passphrase', 'secret', 'secrets', 'token', 'apikey', 'credential', 'credentials', 'privatekey', 'secretkey', 'accesskey', 'auth']);
/** `<word>_KEY` pairs that name a secret; a bare `KEY` (GPG_KEY) usually holds a public fingerprint. */
const KEY_QUALIFIERS = new Set(['api', 'private', 'secret', 'signing', 'encryption', 'master', 'access', 'license', 'ssh', 'client', 'app']);
/** A name with one of these words is about public material. */
const PUBLIC_WORDS = new Set(['public', 'pub', 'gpg', 'pgp', 'fingerprint']);
/**
 * Last words that describe or point at a secret rather than hold it: `DB_PASSWORD_FILE`, `VAULT_TOKEN_PATH`,
 * `AUTH_URL`, `TOKEN_TTL`, `PASSWORD_MIN_LENGTH`.
 */
const POINTER_WORDS = new Set([
  'file', 'files', 'path', 'dir', 'directory', 'url', 'uri', 'endpoint', 'host', 'hostname', 'port', 'name', 'user',
  'username', 'id', 'type', 'method', 'mode', 'enabled', 'disabled', 'required', 'length', 'len', 'size', 'ttl',
  'expiry', 'expires', 'timeout', 'header', 'location', 'ref', 'arn', 'version', 'format', 'provider', 'server',
  'realm', 'env', 'var', 'policy', 'scope', 'scopes', 'audience', 'issuer', 'algorithm', 'lifetime', 'prefix', 'mount',
]);

/** Split `DB_PASSWORD`, `dbPassword`, `db-password` into lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[_\-.]+/)
    .map((w) => w.toLowerCase())
    .filter(Boolean);
}

/** Does this variable name say it holds a secret (by its words, never by its value)? */
export function looksSecret(name: string): boolean {
  const words = nameWords(name);
  if (words.length === 0 || words.some((w) => PUBLIC_WORDS.has(w))) return false;
  if (POINTER_WORDS.has(words[words.length - 1])) return false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (SECRET_WORDS.has(w)) {
      // `AUTH` alone or last names credentials (`NPM_AUTH`); `AUTH_PLUGIN` does not
      if (w === 'auth' && i !== words.length - 1) continue;
      return true;
    }
    if ((w === 'key' || w === 'keys') && i > 0 && KEY_QUALIFIERS.has(words[i - 1])) return true;
  }
  return false;
}

export const secretsInArgEnv: Rule<DockerfileModel> = {
  id: 'secrets-in-arg-env',
  title: 'A secret passed through ARG or ENV',
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'secrets',
  equivalents: { buildkit: 'SecretsUsedInArgOrEnv', hadolint: 'DL3064', trivy: 'DS-0031' },
  docs:
    'An `ENV` value is stored in the image configuration: anyone who can pull the image reads it with `docker inspect`, ' +
    'and every container inherits it. An `ARG` value is not stored as such, but RUN steps that use it record it in the ' +
    'image history, and build provenance lists build arguments. Pass secrets with `RUN --mount=type=secret,id=name` ' +
    '(`docker build --secret id=name,env=NAME`): the value is there for that one step and never written to a layer. ' +
    'Like BuildKit, this rule goes by the words in the variable name (`PASSWORD`, `SECRET`, `TOKEN`, `API_KEY`, ' +
    '`PRIVATE_KEY`, ...), not by its value; it leaves out names that point at a secret instead of holding it ' +
    '(`..._FILE`, `..._PATH`, `..._URL`) and names about public material (`GPG_KEY`, `PUBLIC_KEY`).',
  check(model, report) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'ARG' && ins.keyword !== 'ENV') continue;
      for (const v of variables(ins)) {
        if (!looksSecret(v.name)) continue;
        const literal = v.value !== undefined && v.value !== '' && !/^\$\{?[A-Za-z_]/.test(v.value);
        const message =
          ins.keyword === 'ENV'
            ? `\`${v.name}\` looks like a secret, and ENV stores it in the image configuration, where anyone who can pull the image can read it${literal ? ' (and its value is written here in the Dockerfile)' : ''}. Mount it for the step that needs it with \`RUN --mount=type=secret,id=${v.name.toLowerCase()}\`.`
            : `\`${v.name}\` looks like a secret: build arguments end up in the image history of the RUN steps that use them and in build provenance${literal ? ', and this default is written here in the Dockerfile' : ''}. Pass it with \`RUN --mount=type=secret,id=${v.name.toLowerCase()}\` instead.`;
        report({ range: v.range, message });
      }
    }
  },
};

interface Variable {
  name: string;
  value?: string;
  range: Range;
}

function variables(ins: InstructionInfo): Variable[] {
  const out: Variable[] = [];
  if (ins.keyword === 'ENV') {
    const props = (ins.node as Env).getProperties?.() ?? [];
    for (const p of props as Property[]) {
      const name = p.getName();
      if (name) out.push({ name, value: p.getValue() ?? undefined, range: p.getNameRange() });
    }
    return out;
  }
  for (const a of ins.node.getArguments()) {
    const raw = a.getValue();
    const eq = raw.indexOf('=');
    const name = eq >= 0 ? raw.slice(0, eq) : raw;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
    const r = a.getRange();
    const range = r.start.line === r.end.line ? { start: r.start, end: { line: r.start.line, character: r.start.character + name.length } } : r;
    out.push({ name, value: eq >= 0 ? raw.slice(eq + 1).replace(/^["']|["']$/g, '') : undefined, range });
  }
  return out;
}
