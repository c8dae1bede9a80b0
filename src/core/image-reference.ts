/**
 * Image references read the way the Docker engine reads them (the reference grammar of the CNCF
 * distribution project): `[domain/]path[:tag][@digest]`, Docker Hub when no domain is given, `library/`
 * in front of one-component Hub names, `index.docker.io` and `registry-1.docker.io` as other names of
 * Docker Hub. Invalid references throw a `RegistryError` (code `invalid-reference`) whose message says
 * what is wrong.
 *
 * Pure: strings in, plain data out. `dockerfile/image-ref.ts` stays the lenient splitter the lint rules
 * use on text that may still hold `$VARS`; this module is the strict one for talking to a registry.
 */
import { RegistryError } from './registry-error';

export interface ImageReference {
  /** As written, e.g. `node:20-alpine` (surrounding blanks removed). */
  original: string;
  /** `docker.io`, `localhost:5000`, `ghcr.io`, `[::1]:5000`. */
  domain: string;
  /** Repository path on that registry: `library/node`, `org/app`. */
  path: string;
  /** `20-alpine`; undefined when only a digest was given, or neither. */
  tag?: string;
  /** `sha256:…` when the reference is already pinned. */
  digest?: string;
  /** The name as written, without tag and digest: `node`, `localhost:5000/x`. */
  familiar: string;
}

export const DOCKER_HUB = 'docker.io';
const HUB_ALIASES = new Set(['index.docker.io', 'registry-1.docker.io']);
/** Longest repository name (domain and path) the registry accepts. */
export const MAX_NAME_LENGTH = 255;

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
/** Hex lengths of the algorithms registries accept. */
const DIGEST_HEX: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

function invalid(text: string, why: string): RegistryError {
  const shown = text.length > 80 ? `${text.slice(0, 79)}…` : text;
  return new RegistryError('invalid-reference', `"${shown}" is not a valid image reference: ${why}.`);
}

/** Check a digest string; returns a reason when it is not one a registry accepts. */
export function digestProblem(digest: string): string | undefined {
  if (!DIGEST.test(digest)) return `"${digest}" is not a digest (expected sha256: and 64 hexadecimal digits)`;
  const colon = digest.indexOf(':');
  const algorithm = digest.slice(0, colon);
  const hex = digest.slice(colon + 1);
  const want = DIGEST_HEX[algorithm];
  if (want === undefined) return `the digest algorithm "${algorithm}" is not supported (use sha256)`;
  if (hex.length !== want) return `a ${algorithm} digest has ${want} hexadecimal digits, this one has ${hex.length}`;
  if (hex !== hex.toLowerCase()) return 'the digest must be written in lowercase hexadecimal';
  return undefined;
}

export function isDigest(text: string): boolean {
  return digestProblem(text) === undefined;
}

/**
 * Parse an image reference like the engine. Throws `RegistryError('invalid-reference')` with a message
 * that names the problem: upper case in the repository, a bad tag or digest, an empty component, a
 * 64-digit hex string that would be taken for an image ID, a name over 255 characters.
 */
export function parseImageReference(text: string): ImageReference {
  const original = text.trim();
  if (original === '') throw invalid(text, 'it is empty');
  if (/\s/.test(original)) throw invalid(original, 'it contains blanks');
  if (/^[a-f0-9]{64}$/.test(original)) throw invalid(original, '64 hexadecimal digits are an image ID, not a repository name');

  let rest = original;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    const problem = digestProblem(digest);
    if (problem) throw invalid(original, problem);
  }

  // The tag is after the last colon that follows the last slash (a colon before it is a registry port).
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) {
      throw invalid(original, tag === '' ? 'the tag after ":" is empty' : `the tag "${tag}" may hold only letters, digits, "_", "." and "-" (up to 128, not starting with "." or "-")`);
    }
  }
  const familiar = rest;
  if (familiar === '') throw invalid(original, 'the repository name is missing');

  let domain = DOCKER_HUB;
  let path = familiar;
  const slash = familiar.indexOf('/');
  if (slash >= 0) {
    const first = familiar.slice(0, slash);
    // The engine's rule: a first component is a registry when it has a dot or a port, is `localhost`,
    // or has upper case (repository names cannot).
    if (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase() || first.startsWith('[')) {
      domain = first;
      path = familiar.slice(slash + 1);
      if (!DOMAIN.test(domain)) throw invalid(original, `"${domain}" is not a registry host name (with an optional :port)`);
    }
  }
  if (HUB_ALIASES.has(domain.toLowerCase())) domain = DOCKER_HUB;
  if (domain === DOCKER_HUB && !path.includes('/')) path = `library/${path}`;

  if (path === '') throw invalid(original, 'the repository name is missing');
  for (const component of path.split('/')) {
    if (component === '') throw invalid(original, 'the repository name has an empty component ("//" or a "/" at an end)');
    if (component !== component.toLowerCase()) {
      throw invalid(original, `repository names must be lowercase ("${component}")`);
    }
    if (!PATH_COMPONENT.test(component)) {
      throw invalid(original, `"${component}" is not a valid repository name component (lowercase letters and digits, separated by ".", "_", "__" or dashes)`);
    }
  }
  if (domain.length + 1 + path.length > MAX_NAME_LENGTH) {
    throw invalid(original, `the repository name is longer than ${MAX_NAME_LENGTH} characters`);
  }
  return { original, domain, path, familiar, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/** `docker.io/library/node`: the repository the same everywhere, however it was written. */
export function canonicalName(ref: ImageReference): string {
  return `${ref.domain}/${ref.path}`;
}

/**
 * `docker.io/library/node:20@sha256:…`: equal for two spellings of one reference (`node:20`,
 * `docker.io/library/node:20`). A reference with neither tag nor digest means `:latest`.
 */
export function canonicalReference(ref: ImageReference): string {
  const tag = ref.tag ?? (ref.digest ? undefined : 'latest');
  return `${canonicalName(ref)}${tag !== undefined ? `:${tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/**
 * `node:20-alpine` + digest → `node:20-alpine@sha256:…`: the user's spelling and tag are kept (the tag
 * stays for people), an old digest is replaced. Throws `invalid-reference` for a malformed digest.
 */
export function withDigest(ref: ImageReference, digest: string): string {
  const problem = digestProblem(digest);
  if (problem) throw new RegistryError('invalid-reference', `Cannot pin ${ref.original}: ${problem}.`);
  const at = ref.original.indexOf('@');
  const base = at >= 0 ? ref.original.slice(0, at) : ref.original;
  return `${base}@${digest}`;
}

/** The reference without its digest (`node:20@sha256:…` → `node:20`), or undefined when it has no tag. */
export function taggedReference(ref: ImageReference): string | undefined {
  return ref.tag !== undefined ? `${ref.familiar}:${ref.tag}` : undefined;
}
