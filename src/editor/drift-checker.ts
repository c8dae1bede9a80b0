/**
 * The opt-in background drift check, without vscode: for the pinned references of a text, ask the
 * registry where each tag points now (at most once per reference per `DRIFT_CHECK_INTERVAL_MS`, across
 * all documents of the window) and keep the last answer, so findings can be recomputed for a newer
 * version of the text without asking again.
 */
import { DriftThrottle, driftFindings, updateTargets } from '../core/digest-pins';
import type { DriftFinding, Outcome } from '../core/digest-pins';
import { findImageSites } from '../core/pinning';
import type { ImageSite } from '../core/pinning';
import { toFailure } from './pin-service';
import type { ResolverLike } from './registry-loader';

export interface DriftCheckerOptions {
  resolver: () => Promise<ResolverLike>;
  now?: () => number;
  throttle?: DriftThrottle;
}

export class DriftChecker {
  private readonly results = new Map<string, Outcome>();
  private throttleInstance: DriftThrottle | undefined;
  // made on first use: constructing it at activation would load the core bundle (see esbuild.mjs)
  private get throttle(): DriftThrottle {
    return (this.throttleInstance ??= this.options.throttle ?? new DriftThrottle());
  }
  private readonly now: () => number;
  /** Requests made (references sent to the resolver), for tests and the log. */
  asked = 0;

  constructor(private readonly options: DriftCheckerOptions) {
    this.now = options.now ?? Date.now;
  }

  private sites(text: string, fileName: string): ImageSite[] {
    try {
      return findImageSites(text, fileName);
    } catch {
      return [];
    }
  }

  /** Findings for `text` from the answers already known (no network). */
  findingsFor(text: string, fileName: string): DriftFinding[] {
    return driftFindings(this.sites(text, fileName), this.results);
  }

  /** Whether `text` has anything the check looks at (a pinned reference with a tag). */
  hasTargets(text: string, fileName: string): boolean {
    return updateTargets(this.sites(text, fileName)).length > 0;
  }

  /** Ask the registry about the references that are due, then answer findings for `text`. */
  async check(text: string, fileName: string, signal?: AbortSignal): Promise<DriftFinding[]> {
    const due = this.throttle.take(updateTargets(this.sites(text, fileName)), this.now());
    if (due.length > 0) {
      this.asked += due.length;
      let answers: Map<string, unknown>;
      try {
        const resolver = await this.options.resolver();
        answers = await resolver.resolveMany(due, { registryOnly: true, noCache: true, ...(signal ? { signal } : {}) });
      } catch (e) {
        answers = new Map(due.map((r) => [r, e]));
      }
      for (const r of due) {
        const a = answers.get(r);
        if (a === undefined) continue;
        // A failure keeps the last good answer: an offline moment is no reason to drop a known drift.
        if (a instanceof Error || (typeof a === 'object' && a !== null && !('digest' in a))) {
          if (!this.results.has(r)) this.results.set(r, toFailure(a));
        } else {
          this.results.set(r, a as Outcome);
        }
      }
    }
    return this.findingsFor(text, fileName);
  }

  /** Forget every answer (the check was switched off; switching it on again asks afresh once due). */
  clear(): void {
    this.results.clear();
  }
}
