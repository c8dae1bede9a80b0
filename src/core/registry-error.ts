/**
 * The one error type of digest resolution. It lives in the pure core because reference parsing (core)
 * throws it too; `src/registry` re-exports it and adds the network codes' details.
 */
export type RegistryErrorCode =
  | 'invalid-reference'
  | 'offline'
  | 'timeout'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'bad-response'
  | 'too-large'
  | 'refused-realm'
  | 'insecure-refused'
  | 'cancelled';

export interface RegistryErrorDetails {
  /** The registry host the error is about (`ghcr.io`, `127.0.0.1:5000`). */
  registry?: string;
  /** HTTP status, when a response caused it. */
  status?: number;
  /** Seconds from a `Retry-After` header (rate limiting). */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/** `message` is for people: it names the registry (or the reference) and what to do next. */
export class RegistryError extends Error {
  readonly code: RegistryErrorCode;
  readonly registry?: string;
  readonly status?: number;
  readonly retryAfterSeconds?: number;

  constructor(code: RegistryErrorCode, message: string, details: RegistryErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'RegistryError';
    this.code = code;
    if (details.registry !== undefined) this.registry = details.registry;
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfterSeconds !== undefined) this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

export function isRegistryError(e: unknown): e is RegistryError {
  return e instanceof RegistryError;
}
