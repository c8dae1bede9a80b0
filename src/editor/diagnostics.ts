import * as vscode from 'vscode';
import { analyze } from '../core/analyze';
import type { Finding } from '../core/findings';
import { toNotAnalysedDiagnostic, toVscodeDiagnostic } from './convert';
import type { EditorSettings } from './editor-settings';
import type { FindingStore } from './finding-store';
import type { Logger } from './log';
import { describeError } from './log';
import type { DebounceScheduler } from './scheduler';

export const DOCKERFILE_LANGUAGE_ID = 'dockerfile';

/** Read-only or derived views of a file: diagnostics there would duplicate the real file's. */
const IGNORED_SCHEMES = new Set(['git', 'gitfs', 'output', 'vscode-scm', 'review', 'pr', 'conflictResolution', 'vscode-chat-code-block']);

export function isLintTarget(doc: vscode.TextDocument): boolean {
  return doc.languageId === DOCKERFILE_LANGUAGE_ID && !IGNORED_SCHEMES.has(doc.uri.scheme);
}

/** Analyses slower than this are logged, so a slow rule shows up in the output channel. */
const SLOW_ANALYSIS_MS = 100;

export interface DiagnosticsDeps {
  collection: vscode.DiagnosticCollection;
  store: FindingStore;
  scheduler: DebounceScheduler<string>;
  log: Logger;
  settingsFor(doc: vscode.TextDocument): EditorSettings;
}

/**
 * Diagnostics from the buffer (never the file on disk): immediately on open, debounced per document on
 * change, cleared on close, recomputed for every open document when `containerLens.*` settings change.
 * The findings behind the diagnostics go into the `FindingStore` with the document version they were
 * computed for; code actions read their fixes from there.
 */
export class DiagnosticsManager implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly deps: DiagnosticsDeps) {}

  /** Subscribe to document and configuration events and lint the documents that are already open. */
  start(): this {
    const w = vscode.workspace;
    this.subscriptions.push(
      w.onDidOpenTextDocument((doc) => this.safely('open', () => this.lintNow(doc))),
      w.onDidChangeTextDocument((e) => this.safely('change', () => this.onChange(e))),
      w.onDidCloseTextDocument((doc) => this.safely('close', () => this.forget(doc))),
      w.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('containerLens')) this.safely('configuration change', () => this.relintAll());
      }),
    );
    this.relintAll();
    return this;
  }

  /**
   * Lint `doc` now (cancelling a pending debounced run) and publish the result.
   * Returns the diagnostics published, or undefined when `doc` is not a Dockerfile.
   */
  lintNow(doc: vscode.TextDocument): readonly vscode.Diagnostic[] | undefined {
    const key = doc.uri.toString();
    this.deps.scheduler.cancel(key);
    if (!isLintTarget(doc)) {
      // A document whose language changed away from dockerfile keeps no stale diagnostics.
      if (this.deps.store.version(key) !== undefined) this.forget(doc);
      return undefined;
    }
    const settings = this.deps.settingsFor(doc);
    if (!settings.enable) {
      this.deps.collection.delete(doc.uri);
      this.deps.store.delete(key);
      return [];
    }
    const version = doc.version;
    const started = Date.now();
    const result = analyze(doc.getText(), doc.fileName, settings.analyze, 'dockerfile');
    const elapsed = Date.now() - started;
    if (elapsed > SLOW_ANALYSIS_MS) this.deps.log.warn(`analysing ${doc.uri.fsPath || key} took ${elapsed} ms`);
    // Analysis is synchronous today; the check keeps a future async analysis from publishing stale results.
    if (doc.isClosed || doc.version !== version) return this.deps.collection.get(doc.uri) ?? [];

    let findings: Finding[] = result.findings;
    let diagnostics: vscode.Diagnostic[];
    if (result.error) {
      this.deps.log.info(`${doc.uri.fsPath || key}: ${result.error}`);
      findings = [];
      diagnostics = [toNotAnalysedDiagnostic(result.error)];
    } else {
      diagnostics = findings.map((f) => toVscodeDiagnostic(f, doc.uri));
    }
    this.deps.store.set(key, version, findings);
    this.deps.collection.set(doc.uri, diagnostics);
    return diagnostics;
  }

  /** Make sure the stored findings belong to the document's current version (lint now if not). */
  ensureCurrent(doc: vscode.TextDocument): void {
    if (this.deps.store.version(doc.uri.toString()) !== doc.version) this.lintNow(doc);
  }

  relintAll(): void {
    for (const doc of vscode.workspace.textDocuments) {
      this.safely('re-lint', () => this.lintNow(doc));
    }
  }

  private onChange(e: vscode.TextDocumentChangeEvent): void {
    const doc = e.document;
    if (e.contentChanges.length === 0 || !isLintTarget(doc)) return;
    const { debounceMs } = this.deps.settingsFor(doc);
    this.deps.scheduler.schedule(doc.uri.toString(), debounceMs, () =>
      this.safely('debounced lint', () => {
        if (!doc.isClosed) this.lintNow(doc);
      }),
    );
  }

  private forget(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    this.deps.scheduler.cancel(key);
    this.deps.store.delete(key);
    this.deps.collection.delete(doc.uri);
  }

  private safely(what: string, body: () => void): void {
    try {
      body();
    } catch (e) {
      this.deps.log.error(`diagnostics (${what}) failed: ${describeError(e)}`);
    }
  }

  dispose(): void {
    this.deps.scheduler.dispose();
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }
}
