/**
 * The registry client: image reference → digest, from the local engine or the registry's API v2.
 * No vscode. The pure parts (reference parsing, `withDigest`, the error type) live in src/core and are
 * re-exported here so callers have one import.
 */
export { canonicalName, canonicalReference, digestProblem, isDigest, parseImageReference, taggedReference, withDigest } from '../core/image-reference';
export type { ImageReference } from '../core/image-reference';
export { isRegistryError, RegistryError } from '../core/registry-error';
export type { RegistryErrorCode, RegistryErrorDetails } from '../core/registry-error';
export { parseChallenges } from './challenge';
export type { Challenge } from './challenge';
export { CredentialStore } from './credentials';
export type { Credentials } from './credentials';
export { engineDigestSource } from './engine-source';
export type { EngineDigestOptions, EngineDigestSource } from './engine-source';
export { ACCEPTED_MEDIA_TYPES, MEDIA_TYPES } from './manifest';
export { DEFAULT_CACHE_TTL_MS, DEFAULT_TIMEOUT_MS, DigestResolver, engineDigestFor, retryAfterSeconds } from './resolver';
export type { EngineSource, Resolution, ResolveOptions, ResolverOptions } from './resolver';
