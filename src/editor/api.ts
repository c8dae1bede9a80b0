import type * as vscode from 'vscode';
import type { ComparisonPanelProbe } from '../panel/comparison-panel';
import type { DigestResolver } from './pin-digest-hook';

/**
 * What `activate()` returns (`vscode.extensions.getExtension('container-lens.container-lens').exports`).
 * Small on purpose: integration tests use it to lint without waiting for the debounce, and another
 * digest resolver can replace the built-in pin through it.
 */
export interface ContainerLensApi {
  /** Name of our `DiagnosticCollection` (`vscode.languages.getDiagnostics` mixes all collections). */
  readonly diagnosticCollectionName: string;
  /** `Diagnostic.source` of everything we publish. */
  readonly diagnosticSource: string;
  /**
   * Lint the document now (opening it if needed, never from disk if it is open and dirty), publish and
   * return its diagnostics. Resolves to `[]` for documents that are not Dockerfiles.
   */
  analyzeDocument(uri: vscode.Uri): Promise<readonly vscode.Diagnostic[]>;
  /**
   * The "Compare with a VM" panel, for tests: what it shows, and the handler its webview's messages go
   * to (the same one), so a test can press "move one step right" without reaching into the iframe.
   */
  readonly comparisonPanel: ComparisonPanelProbe;
  /** Plug in a resolver for `pin-digest` fixes instead of the built-in command; dispose to remove it. */
  registerDigestResolver(resolver: DigestResolver): vscode.Disposable;
}
