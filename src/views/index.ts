/**
 * The live containers view, wired: the engine source, the store, the watcher (one events stream,
 * running while the view is visible), the tree and its decorations, the welcome-content context key,
 * the status bar item, the documents and the commands. `extension.ts` calls `registerContainerViews`
 * once; everything it creates is pushed to `context.subscriptions`.
 */
import * as vscode from 'vscode';
import type { EngineFacts } from '../core/isolation/from-inspect';
import type { ContainerInspect } from '../docker';
import { ContainerCommands } from './container-commands';
import { ContainerDocuments, DOCUMENT_SCHEME } from './container-documents';
import { ContainerLogs } from './container-logs';
import { EngineContainerSource } from './container-source';
import type { ContainerSource } from './container-source';
import { CONTAINERS_VIEW_ID, ContainersTreeProvider } from './containers-tree';
import { ENGINE_CONTEXT_KEY, FOUND_SOCKET_CONTEXT_KEY, engineContextOf, otherSocketsFound, statusBarOf, treeMessageOf } from './engine-status';
import { ContainerStore, entryFromSummary, statusText } from './model';
import { EngineWatcher } from './watcher';
import type { EngineState } from './watcher';

export { CONTAINERS_VIEW_ID } from './containers-tree';
export type { ContainersTreeNode } from './containers-tree';

/** What the views add to the extension's API (integration tests read the tree through it). */
export interface ContainerViewsApi {
  /** The Containers view's data provider: `getChildren()`, `getTreeItem()`, `onDidChangeTreeData`. */
  readonly containersTree: ContainersTreeProvider;
  readonly containerViews: {
    /** The engine connection as the view sees it. */
    readonly state: () => EngineState;
    /** Fires on every connection state change. */
    readonly onDidChangeState: vscode.Event<EngineState>;
    /** Text of the log channel of a container (last 64 KiB), once its logs were opened. */
    logText(id: string): string | undefined;
    waitForLog(id: string, needle: string): Promise<void>;
    /** Requests made to the engine by the view (connect, list, inspect, events): for the idle-cost check. */
    requestCount(): number;
  };
}

/** Live containers for the comparison panel: read through the view's engine connection. */
export interface LiveContainers {
  inspect(id: string): Promise<ContainerInspect>;
  /** What the engine told at connect time that inspect does not say (cgroup version, rootless). */
  facts(): EngineFacts;
  /** Every container, for a picker: from the view when it is connected, else asked once. */
  list(): Promise<{ id: string; name: string; image: string; status: string }[]>;
}

interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ContainerViewsOptions {
  /** Another source (tests); by default the Engine API at the endpoint the settings and env name. */
  source?: ContainerSource;
}

export function registerContainerViews(
  context: vscode.ExtensionContext,
  log: Logger,
  options: ContainerViewsOptions = {},
): ContainerViewsApi & { live: LiveContainers } {
  const settings = () => {
    const c = vscode.workspace.getConfiguration('containerLens.docker');
    return { host: c.get<string>('host', '').trim(), context: c.get<string>('context', '').trim() };
  };
  const source =
    options.source ??
    new EngineContainerSource({ settings, userAgent: `container-lens/${context.extension.packageJSON.version ?? 'dev'}` });
  const store = new ContainerStore();
  const tree = new ContainersTreeProvider(store);
  const stateChanged = new vscode.EventEmitter<EngineState>();
  const status = vscode.window.createStatusBarItem('containerLens.engine', vscode.StatusBarAlignment.Left, 20);
  status.name = 'Container Lens: Docker engine';
  status.command = `${CONTAINERS_VIEW_ID}.focus`;

  let view: vscode.TreeView<unknown> | undefined;
  let lastContext = '';
  let lastFound: boolean | undefined;
  const showState = (s: EngineState) => {
    const ctx = engineContextOf(s);
    if (ctx !== lastContext) {
      lastContext = ctx;
      void vscode.commands.executeCommand('setContext', ENGINE_CONTEXT_KEY, ctx);
    }
    const found = otherSocketsFound(s).length > 0;
    if (found !== lastFound) {
      lastFound = found;
      void vscode.commands.executeCommand('setContext', FOUND_SOCKET_CONTEXT_KEY, found);
    }
    if (view) view.message = treeMessageOf(s);
    const bar = statusBarOf(s, source.endpoint ? source.endpoint.host : undefined);
    status.text = bar.text;
    status.tooltip = bar.tooltip;
    status.backgroundColor = bar.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    // Shown once the view has been opened: editing a Dockerfile alone does not need it.
    if (s.kind !== 'idle') status.show();
    if (s.kind === 'failed' || s.kind === 'reconnecting') log.warn(`engine: ${s.error.kind}: ${s.error.message.split('\n')[0]}`);
    else if (s.kind === 'connected') log.info(`engine: connected to ${s.engine.product} ${s.engine.version} (API ${s.engine.apiVersion}) at ${s.engine.description}`);
    stateChanged.fire(s);
  };

  const watcher = new EngineWatcher(source, store, {
    state: showState,
    reset: () => tree.reset(),
    changed: (keys) => tree.refresh(keys),
  });
  tree.attach(watcher);
  const treeView = vscode.window.createTreeView(CONTAINERS_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  view = treeView as vscode.TreeView<unknown>;
  showState(watcher.state);

  const documents = new ContainerDocuments(source, store, () => watcher.state);
  const logs = new ContainerLogs(source);
  const commands = new ContainerCommands({ source, store, watcher, logs, documents, log: { info: (m) => log.info(m), error: (m) => log.error(m) } });

  context.subscriptions.push(
    treeView,
    tree,
    status,
    stateChanged,
    documents,
    logs,
    // Watch only while someone looks: the stream and its reconnects stop when the view is hidden.
    treeView.onDidChangeVisibility((e) => {
      if (e.visible) void watcher.start();
      else watcher.stop();
    }),
    vscode.window.registerFileDecorationProvider(tree),
    vscode.workspace.registerTextDocumentContentProvider(DOCUMENT_SCHEME, documents),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('containerLens.docker') && watcher.isRunning) void watcher.restart();
    }),
    ...commands.register(),
    watcher,
    source,
  );
  if (treeView.visible) void watcher.start();

  const live: LiveContainers = {
    inspect: (id) => source.inspect(id),
    facts: () => store.facts,
    async list() {
      const entries = watcher.state.kind === 'connected' ? store.all() : (await source.list()).map(entryFromSummary);
      return entries.map((e) => ({ id: e.id, name: e.name, image: e.image, status: statusText(e) }));
    },
  };

  return {
    live,
    containersTree: tree,
    containerViews: {
      state: () => watcher.state,
      onDidChangeState: stateChanged.event,
      logText: (id) => logs.textOf(id),
      waitForLog: (id, needle) => logs.waitFor(id, needle),
      requestCount: () => watcher.requests,
    },
  };
}
