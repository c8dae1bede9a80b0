/**
 * Composition root: build the editor parts, register them, push every disposable. No logic here.
 * Activation is lazy (`onLanguage:dockerfile`, `onLanguage:dockercompose`, `onLanguage:yaml`): it only
 * registers; nothing is read or parsed until a document asks. See package.json.
 */
import * as vscode from 'vscode';
import type { ContainerLensApi } from './editor/api';
import { ContainerLensCodeActions } from './editor/code-actions';
import { ContainerLensCodeLenses } from './editor/code-lens';
import { DIAGNOSTIC_SOURCE } from './editor/convert';
import { DiagnosticsManager } from './editor/diagnostics';
import { registerDigestPinning } from './editor/digest-pinning';
import { LANGUAGE_IDS } from './editor/document-kind';
import { FindingStore } from './editor/finding-store';
import { ContainerLensHoverProvider } from './editor/hover';
import { ModelCache } from './editor/model-cache';
import { DigestResolverRegistry } from './editor/pin-digest-hook';
import { ProfileView } from './editor/profile-view';
import { registerCommands } from './editor/register-commands';
import { DebounceScheduler } from './editor/scheduler';
import { createSettingsSource } from './editor/vscode-settings';
import { ComparisonPanel } from './panel/comparison-panel';
import { registerContainerViews } from './views';
import type { LiveContainers } from './views';

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
  // Providers see every document of these languages and answer only for files `analyze` recognises.
  const selector: vscode.DocumentSelector = LANGUAGE_IDS.map((language) => ({ language }));
  const lenses = new ContainerLensCodeLenses(models, log);
  const profiles = new ProfileView(models, log);
  // The comparison panel ("Compare with a VM"): live containers come from the Containers view below.
  let live: LiveContainers | undefined;
  const comparison = new ComparisonPanel({ extensionUri: context.extensionUri, models, diagnostics, store, log, live: () => live });
  // Pin commands, quick fix, pinned-digest hovers, drift check: the registry module loads on first use.
  const pins = registerDigestPinning(log, selector, `container-lens/${context.extension.packageJSON.version ?? 'dev'}`, models);

  context.subscriptions.push(
    log,
    collection,
    diagnostics,
    vscode.workspace.onDidCloseTextDocument((doc) => models.delete(doc.uri)),
    vscode.languages.registerHoverProvider(selector, new ContainerLensHoverProvider(models, log, pins.hover)),
    lenses,
    vscode.languages.registerCodeLensProvider(selector, lenses),
    profiles,
    ...profiles.register(),
    ...comparison.register(),
    vscode.languages.registerCodeActionsProvider(
      selector,
      new ContainerLensCodeActions(diagnostics, store, models, digests, log, pins.builtInPin),
      ContainerLensCodeActions.metadata,
    ),
    ...registerCommands({ diagnostics, log, showLog: () => log.show(true) }),
    ...pins.disposables,
  );
  diagnostics.start();
  log.info(`activated (${context.extension.packageJSON.version ?? 'dev'})`);

  // The live Containers view (activity bar): connects to the engine only while the view is visible.
  const { live: liveContainers, ...containerViews } = registerContainerViews(context, log);
  live = liveContainers;

  return {
    ...containerViews,
    comparisonPanel: comparison,
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
