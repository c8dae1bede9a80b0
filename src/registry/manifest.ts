/**
 * The four manifest media types a resolver asks for, and what an index body says about platforms.
 *
 * All four go in every `Accept` header. Leaving out the index types makes registries answer with one
 * platform's manifest (distribution 2.8 silently rewrites a Docker manifest list to its linux/amd64
 * entry) or 404; leaving out the Docker v2 type makes it convert to schema 1, whose digest changes on
 * every request. A response in any other type is refused, never hashed.
 */
export const MEDIA_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

export const ACCEPTED_MEDIA_TYPES: readonly string[] = [
  MEDIA_TYPES.ociIndex,
  MEDIA_TYPES.dockerList,
  MEDIA_TYPES.ociManifest,
  MEDIA_TYPES.dockerManifest,
];

export const ACCEPT_HEADER = ACCEPTED_MEDIA_TYPES.join(', ');

/** Largest manifest (or token answer) read: real manifests are a few KiB, indexes rarely 100 KiB. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/** `application/vnd.oci.image.index.v1+json; charset=utf-8` → the bare type in lower case. */
export function bareMediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

export function kindOf(mediaType: string): 'index' | 'manifest' | undefined {
  if (mediaType === MEDIA_TYPES.ociIndex || mediaType === MEDIA_TYPES.dockerList) return 'index';
  if (mediaType === MEDIA_TYPES.ociManifest || mediaType === MEDIA_TYPES.dockerManifest) return 'manifest';
  return undefined;
}

export interface ParsedIndex {
  platforms: string[];
}

/**
 * Platforms of an index or manifest list: `linux/amd64`, `linux/arm64/v8`, in the order listed, without
 * duplicates and without the `unknown/unknown` entries BuildKit adds for attestations.
 * Throws a plain Error when the body is not an index (the caller turns it into `bad-response`).
 */
export function platformsOfIndex(body: Buffer): ParsedIndex {
  const json = parseJson(body);
  if (json === undefined) throw new Error('the index is not valid JSON');
  if (!json || typeof json !== 'object' || !Array.isArray((json as { manifests?: unknown }).manifests)) {
    throw new Error('the index has no "manifests" list');
  }
  const platforms: string[] = [];
  for (const m of (json as { manifests: unknown[] }).manifests) {
    const p = (m as { platform?: { os?: unknown; architecture?: unknown } } | null)?.platform;
    if (p?.os === 'unknown' && p.architecture === 'unknown') continue;
    const text = platformText(p);
    if (text !== undefined && !platforms.includes(text)) platforms.push(text);
  }
  return { platforms };
}

/** A manifest body must at least be a JSON object with `schemaVersion` 2. */
export function checkManifestBody(body: Buffer): void {
  const json = parseJson(body);
  if (json === undefined) throw new Error('the manifest is not valid JSON');
  if (!json || typeof json !== 'object' || (json as { schemaVersion?: unknown }).schemaVersion !== 2) {
    throw new Error('the manifest is not a schema 2 manifest');
  }
}

/** The config types of container images; other artifacts (Helm charts, signatures) name other configs. */
const IMAGE_CONFIG_TYPES = ['application/vnd.docker.container.image.v1+json', 'application/vnd.oci.image.config.v1+json'];

/** The image config a single-platform manifest names (`config.digest`); undefined for other artifacts or odd bodies. */
export function imageConfigOf(body: Buffer): { digest: string; size: number } | undefined {
  const config = (parseJson(body) as { config?: { mediaType?: unknown; digest?: unknown; size?: unknown } } | null | undefined)?.config;
  if (!config || typeof config.digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(config.digest)) return undefined;
  if (typeof config.mediaType !== 'string' || !IMAGE_CONFIG_TYPES.includes(config.mediaType)) return undefined;
  const size = typeof config.size === 'number' && config.size >= 0 ? config.size : -1;
  return { digest: config.digest, size };
}

/** `linux/arm64/v8` from an image config's `os`, `architecture` and `variant`; `[]` when it does not say. */
export function platformOfConfig(body: Buffer): string[] {
  const c = parseJson(body) as { os?: unknown; architecture?: unknown } | null | undefined;
  const text = c?.os && c.architecture ? platformText(c) : undefined;
  return text !== undefined ? [text] : [];
}

/** `os/architecture[/variant]` of an index entry's `platform` or an image config; undefined when either is not a string. */
function platformText(p: unknown): string | undefined {
  const o = p as { os?: unknown; architecture?: unknown; variant?: unknown } | null | undefined;
  if (!o || typeof o.os !== 'string' || typeof o.architecture !== 'string') return undefined;
  return [o.os, o.architecture, typeof o.variant === 'string' && o.variant ? o.variant : undefined].filter(Boolean).join('/');
}

/** The JSON value of a body; undefined when it is not JSON. */
function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
