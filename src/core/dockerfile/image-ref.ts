/** A container image reference split the way the engine reads it. */
export interface ImageRef {
  /** As written after ARG substitution. */
  raw: string;
  /** e.g. `ghcr.io`, `localhost:5000`; undefined means Docker Hub. */
  registry?: string;
  /** Repository path as written, without registry, e.g. `node`, `bitnami/nginx`. */
  path: string;
  tag?: string;
  digest?: string;
  /** `$VAR` left that no ARG default resolved. */
  unresolved: boolean;
}

/**
 * Split `registry/path:tag@digest`. A first component is a registry when it has a dot or a colon,
 * or is `localhost` (the engine's rule).
 */
export function parseImageRef(raw: string): ImageRef {
  let rest = raw.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1) || undefined;
    rest = rest.slice(0, at);
  }
  let registry: string | undefined;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0) {
    tag = rest.slice(colon + 1) || undefined;
    rest = rest.slice(0, colon);
  }
  return { raw, registry, path: rest, tag, digest, unresolved: /\$/.test(raw) };
}

/** `node` → `library/node` on Docker Hub; other registries unchanged. */
export function canonicalPath(ref: ImageRef): string {
  if (!ref.registry && !ref.path.includes('/')) return `library/${ref.path}`;
  return ref.path;
}
