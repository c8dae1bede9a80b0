import * as vscode from 'vscode';
import { analyze } from '../core/analyze';
import type { FileKind, Finding } from '../core/findings';
import { toNotAnalysedDiagnostic, toVscodeDiagnostic } from './convert';
import { LANGUAGE_IDS, documentKind } from './document-kind';
import type { EditorSettings } from './editor-settings';
import type { FindingStore } from './finding-store';
import type { Logger } from './log';
import { describeError } from './log';
import type { DebounceScheduler } from './scheduler';

export { DOCKERFILE_LANGUAGE_ID } from './document-kind';

/** Read-only or derived views of a file: diagnostics there would duplicate the real file's. */
const IGNORED_SCHEMES = new Set([
  'git',
  'gitfs',
  'output',
  'vscode-scm',
  'review',
  'pr',
  'conflictResolution',
  'vscode-chat-code-block',
  'container-lens-profile',
]);

/** A document in one of our languages, in a scheme we lint: cheap, no content is read. */
export function mayBeLintTarget(doc: vscode.TextDocument): boolean {
  return LANGUAGE_IDS.includes(doc.languageId) && !IGNORED_SCHEMES.has(doc.uri.scheme);
}

/**
 * What kind of file we lint `doc` as: a Dockerfile, a compose file or a Kubernetes manifest; undefined
 * for everything else (random YAML gets no diagnostics, hovers or lenses from us).
 */
export function lintKind(doc: vscode.TextDocument): Exclude<FileKind, 'unknown'> | undefined {
  if (!mayBeLintTarget(doc)) return undefined;
  const kind = documentKind(doc);
  return kind === 'unknown' ? undefined : kind;
}

export function isLintTarget(doc: vscode.TextDocument): boolean {
  return lintKind(doc) !== undefined;
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
   * Returns the diagnostics published, or undefined when `doc` is not a file we lint.
   */
  lintNow(doc: vscode.TextDocument): readonly vscode.Diagnostic[] | undefined {
    const key = doc.uri.toString();
    this.deps.scheduler.cancel(key);
    const kind = lintKind(doc);
    if (!kind) {
      // A document that stopped being ours (language changed, YAML edited into something else) keeps no stale diagnostics.
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
    const result = analyze(doc.getText(), doc.fileName, settings.analyze, kind);
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
    // Language only: a YAML file may become a compose file (or stop being one) with this very edit.
    if (e.contentChanges.length === 0 || !mayBeLintTarget(doc)) return;
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
