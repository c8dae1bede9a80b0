/**
 * Composition root: build the editor parts, register them, push every disposable. No logic here.
 * Activation is lazy (`onLanguage:dockerfile`); see package.json.
 */
import * as vscode from 'vscode';
import type { ContainerLensApi } from './editor/api';
import { ContainerLensCodeActions } from './editor/code-actions';
import { DIAGNOSTIC_SOURCE } from './editor/convert';
import { DOCKERFILE_LANGUAGE_ID, DiagnosticsManager } from './editor/diagnostics';
import { FindingStore } from './editor/finding-store';
import { DockerfileHoverProvider } from './editor/hover';
import { ModelCache } from './editor/model-cache';
import { DigestResolverRegistry } from './editor/pin-digest-hook';
import { registerCommands } from './editor/register-commands';
import { DebounceScheduler } from './editor/scheduler';
import { createSettingsSource } from './editor/vscode-settings';

export type { ContainerLensApi } from './editor/api';

export const DIAGNOSTIC_COLLECTION_NAME = 'container-lens';

export function activate(context: vscode.ExtensionContext): ContainerLensApi {
  const log = vscode.window.createOutputChannel('Container Lens', { log: true });
  const collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_COLLECTION_NAME);
  const store = new FindingStore();
  const models = new ModelCache();
  const digests = new DigestResolverRegistry();
  const diagnostics = new DiagnosticsManager({
    collection,
    store,
    scheduler: new DebounceScheduler<string>(),
    log,
    settingsFor: createSettingsSource(log),
  });
  const selector: vscode.DocumentSelector = { language: DOCKERFILE_LANGUAGE_ID };

  context.subscriptions.push(
    log,
    collection,
    diagnostics,
    vscode.workspace.onDidCloseTextDocument((doc) => models.delete(doc.uri)),
    vscode.languages.registerHoverProvider(selector, new DockerfileHoverProvider(models, log)),
    vscode.languages.registerCodeActionsProvider(
      selector,
      new ContainerLensCodeActions(diagnostics, store, models, digests, log),
      ContainerLensCodeActions.metadata,
    ),
    ...registerCommands({ diagnostics, log, showLog: () => log.show(true) }),
  );
  diagnostics.start();
  log.info(`activated (${context.extension.packageJSON.version ?? 'dev'})`);

  return {
    diagnosticCollectionName: DIAGNOSTIC_COLLECTION_NAME,
    diagnosticSource: DIAGNOSTIC_SOURCE,
    async analyzeDocument(uri) {
      const doc = await vscode.workspace.openTextDocument(uri);
      return diagnostics.lintNow(doc) ?? [];
    },
    registerDigestResolver(resolver) {
      return new vscode.Disposable(digests.register(resolver).dispose);
    },
  };
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
