import type { Finding } from '../core/findings';
import type { Range } from '../core/text/range';

/**
 * The findings (and so the fixes) behind the diagnostics currently shown, per document and version,
 * the way vscode-eslint records fixes when it reports problems. Code actions look a diagnostic's
 * finding up here by key and by the document's version, so an edit computed for an older text is
 * never applied to a newer one.
 */
export class FindingStore {
  private readonly byDocument = new Map<string, { version: number; findings: Map<string, Finding[]> }>();

  set(documentKey: string, version: number, findings: readonly Finding[]): void {
    const map = new Map<string, Finding[]>();
    for (const f of findings) {
      const key = findingKey(f.ruleId, f.range);
      const list = map.get(key);
      if (list) list.push(f);
      else map.set(key, [f]);
    }
    this.byDocument.set(documentKey, { version, findings: map });
  }

  /** The version the stored findings were computed for, or undefined. */
  version(documentKey: string): number | undefined {
    return this.byDocument.get(documentKey)?.version;
  }

  /**
   * Findings with this rule id and exactly this range, computed for exactly this document version;
   * empty when the document changed since (the caller re-lints or offers nothing).
   */
  lookup(documentKey: string, version: number, ruleId: string, range: Range, message?: string): Finding[] {
    const entry = this.byDocument.get(documentKey);
    if (!entry || entry.version !== version) return [];
    const list = entry.findings.get(findingKey(ruleId, range)) ?? [];
    return message === undefined ? list : list.filter((f) => f.message === message);
  }

  /** All findings of the document at this version (empty when stale or unknown). */
  all(documentKey: string, version: number): Finding[] {
    const entry = this.byDocument.get(documentKey);
    if (!entry || entry.version !== version) return [];
    return [...entry.findings.values()].flat();
  }

  delete(documentKey: string): void {
    this.byDocument.delete(documentKey);
  }

  clear(): void {
    this.byDocument.clear();
  }
}

export function findingKey(ruleId: string, r: Range): string {
  return `${ruleId}@${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}
