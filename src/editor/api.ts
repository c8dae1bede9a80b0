import type * as vscode from 'vscode';
import type { DigestResolver } from './pin-digest-hook';

/**
 * What `activate()` returns (`vscode.extensions.getExtension('container-lens.container-lens').exports`).
 * Small on purpose: integration tests use it to lint without waiting for the debounce, and a later
 * registry module plugs its digest resolver in through it.
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
  /** Plug in the registry-backed resolver for `pin-digest` fixes; dispose to remove it. */
  registerDigestResolver(resolver: DigestResolver): vscode.Disposable;
}
