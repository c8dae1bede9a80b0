/**
 * The opt-in "digest drift" diagnostics (`containerLens.digests.checkDrift`): when a file with pinned
 * references is opened or saved (never while typing), the drift checker asks the registry in the
 * background where each tag points now, and a tag that moved gets an information diagnostic with a quick
 * fix that writes the new digest.
 *
 * Kept in a collection of its own, not in the lint pipeline: lint results are recomputed from the text on
 * every change and carry no network answers, while these come from the network, live across edits, and
 * are re-derived from the stored answers (no new request) when the text changes. See docs/decisions.md.
 */
import * as vscode from 'vscode';
import { shortDigest } from '../core/digest-pins';
import type { DriftFinding } from '../core/digest-pins';
import { pinEdits } from '../core/pinning';
import { DIGEST_DRIFT_CODE, toDigestDriftDiagnostic, toWorkspaceEdit } from './convert';
import { lintKind } from './diagnostics';
import type { DriftChecker } from './drift-checker';
import type { Logger } from './log';
import { describeError } from './log';
import { pinFileName } from './pin-commands';

export const DRIFT_COLLECTION_NAME = 'container-lens-digests';

export class DigestDriftDiagnostics implements vscode.CodeActionProvider, vscode.Disposable {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  private readonly collection = vscode.languages.createDiagnosticCollection(DRIFT_COLLECTION_NAME);
  private readonly abort = new AbortController();
  /** Checks in flight per document, so tests and the log can wait for them. */
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly checker: DriftChecker,
    private readonly log: Logger,
    /** `containerLens.digests.checkDrift` (and linting not switched off) for this document. */
    private readonly enabled: (doc: vscode.TextDocument) => boolean,
  ) {}

  register(selector: vscode.DocumentSelector): vscode.Disposable[] {
    const subs = [
      this,
      vscode.workspace.onDidOpenTextDocument((doc) => this.schedule(doc)),
      vscode.workspace.onDidSaveTextDocument((doc) => this.schedule(doc)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.collection.delete(doc.uri)),
      vscode.workspace.onDidChangeTextDocument((e) => this.refresh(e.document)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('containerLens.digests.checkDrift') && !e.affectsConfiguration('containerLens.enable')) return;
        this.checkOpenDocuments();
      }),
      vscode.languages.registerCodeActionsProvider(selector, this, DigestDriftDiagnostics.metadata),
    ];
    this.checkOpenDocuments();
    return subs;
  }

  /** Every open document again: after the setting changed, or at start-up. */
  checkOpenDocuments(): void {
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc);
  }

  /** Start a background check for `doc` (or clear it when the check is off); never throws. */
  schedule(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    if (!lintKind(doc)) return Promise.resolve();
    if (!this.enabled(doc)) {
      this.collection.delete(doc.uri);
      return Promise.resolve();
    }
    const fileName = pinFileName(doc);
    if (!this.checker.hasTargets(doc.getText(), fileName)) {
      this.collection.delete(doc.uri);
      return Promise.resolve();
    }
    let run: Promise<void> | undefined = undefined;
    run = (async () => {
      try {
        await this.checker.check(doc.getText(), fileName, this.abort.signal);
        if (this.abort.signal.aborted || doc.isClosed || !this.enabled(doc)) return;
        this.publish(doc);
      } catch (e) {
        this.log.warn(`digest drift check of ${doc.uri.fsPath} failed: ${describeError(e)}`);
      } finally {
        if (this.running.get(key) === run) this.running.delete(key);
      }
    })();
    this.running.set(key, run);
    return run;
  }

  /** Resolves once the check running for `uri` (if any) has finished. */
  whenIdle(uri: vscode.Uri): Promise<void> {
    return this.running.get(uri.toString()) ?? Promise.resolve();
  }

  /** Findings for the current text from the known answers (no request); published as diagnostics. */
  private publish(doc: vscode.TextDocument): void {
    const findings = this.checker.findingsFor(doc.getText(), pinFileName(doc));
    if (findings.length === 0) this.collection.delete(doc.uri);
    else this.collection.set(doc.uri, findings.map((f) => toDigestDriftDiagnostic(f.site.range, f.message)));
  }

  /** After an edit: only documents that show drift are re-derived (a digest edited by hand may fix it). */
  private refresh(doc: vscode.TextDocument): void {
    if (!this.collection.has(doc.uri)) return;
    try {
      this.publish(doc);
    } catch (e) {
      this.log.warn(`digest drift refresh failed: ${describeError(e)}`);
    }
  }

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    try {
      const drift = context.diagnostics.filter((d) => d.code === DIGEST_DRIFT_CODE);
      if (drift.length === 0) return [];
      const findings = this.checker.findingsFor(doc.getText(), pinFileName(doc));
      const out: vscode.CodeAction[] = [];
      for (const d of drift) {
        const f = findings.find((x) => x.site.range.start.line === d.range.start.line && x.site.range.start.character === d.range.start.character);
        if (f) out.push(this.updateAction(doc, d, f));
      }
      return out;
    } catch (e) {
      this.log.error(`digest drift code actions failed: ${describeError(e)}`);
      return [];
    }
  }

  private updateAction(doc: vscode.TextDocument, d: vscode.Diagnostic, f: DriftFinding): vscode.CodeAction {
    const action = new vscode.CodeAction(`Update the digest to ${shortDigest(f.current)} (where \`${f.tagged}\` points now)`, vscode.CodeActionKind.QuickFix);
    action.edit = toWorkspaceEdit(doc.uri, pinEdits([f.site], new Map([[f.site.image, f.current]])));
    action.diagnostics = [d];
    action.isPreferred = true;
    return action;
  }

  dispose(): void {
    this.abort.abort();
    this.collection.dispose();
  }
}
