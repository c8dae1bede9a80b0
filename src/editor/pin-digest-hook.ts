import type { Finding, Fix } from '../core/findings';
import type { TextEdit } from '../core/text/range';

/**
 * Hook for `Fix.kind === 'pin-digest'`: those fixes carry no edits because the digest has to come from a
 * registry. The built-in pin runs the `containerLens.pinDigest` command (see `pin-commands.ts`); a resolver
 * registered here through the extension API replaces it, and its edits are computed lazily in
 * `resolveCodeAction`.
 *
 * Kept free of `vscode` so the resolver can be unit-tested and shared with the CLI.
 */
export interface DigestPinRequest {
  /** `uri.toString()` of the document. */
  documentUri: string;
  /** Text of the whole document at `version`, for resolvers that re-parse. */
  text: string;
  version: number;
  finding: Finding;
  fix: Fix;
}

export interface CancellationSignal {
  readonly isCancellationRequested: boolean;
}

export interface DigestResolver {
  /**
   * Turn a pin-digest fix into concrete edits (e.g. `node:20` → `node:20@sha256:…`), or `undefined`
   * when it cannot (offline, unknown tag, no credentials). Called only when the user picks the action,
   * never while listing actions, so no network traffic happens for fixes nobody applies.
   * May throw; the caller logs the error and tells the user.
   */
  resolvePinFix(request: DigestPinRequest, token: CancellationSignal): Promise<TextEdit[] | undefined>;
}

/** Holds at most one resolver; the last registration wins and disposing it restores the previous one. */
export class DigestResolverRegistry {
  private readonly stack: DigestResolver[] = [];

  register(resolver: DigestResolver): { dispose(): void } {
    this.stack.push(resolver);
    return {
      dispose: () => {
        const i = this.stack.lastIndexOf(resolver);
        if (i >= 0) this.stack.splice(i, 1);
      },
    };
  }

  get current(): DigestResolver | undefined {
    return this.stack[this.stack.length - 1];
  }
}

export function isPinDigestFix(fix: Fix): boolean {
  return fix.kind === 'pin-digest';
}
