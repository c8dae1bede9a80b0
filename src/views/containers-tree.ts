/**
 * The Containers tree: `TreeDataProvider` over the `ContainerStore`, plus a `FileDecorationProvider`
 * for the badge letters. It knows nothing of the engine: data comes from the store, which the
 * `EngineWatcher` fills through a `ContainerSource`. Node objects are stable per container and group,
 * so `onDidChangeTreeData.fire(node)` repaints exactly that row.
 */
import * as vscode from 'vscode';
import type { ContainerEntry, ContainerStore, RefreshKey } from './model';
import { badgesOf, containerRow, decorationOf, detailRows, groupDescription } from './presentation';
import type { DetailRow, IconSpec } from './presentation';

export const CONTAINERS_VIEW_ID = 'containerLens.containers';
/** Scheme of the items' `resourceUri`: only the decoration provider reads it. */
export const ITEM_SCHEME = 'container-lens-item';

export class GroupNode {
  readonly kind = 'group';
  constructor(readonly project: string) {}
}

export class ContainerNode {
  readonly kind = 'container';
  constructor(
    readonly id: string,
    private readonly store: ContainerStore,
  ) {}

  /** The container's data now (undefined once it is gone). */
  get entry(): ContainerEntry | undefined {
    return this.store.get(this.id);
  }

  get name(): string {
    return this.entry?.name ?? this.id.slice(0, 12);
  }

  get state(): string | undefined {
    return this.entry?.state;
  }
}

export class DetailNode {
  readonly kind = 'detail';
  constructor(
    readonly containerId: string,
    readonly row: DetailRow,
    readonly parent: ContainerNode | DetailNode,
  ) {}
}

export type ContainersTreeNode = GroupNode | ContainerNode | DetailNode;

/** What the tree needs from the watcher: the first load, and inspects for badges. */
export interface TreeFeed {
  start(): Promise<void>;
  isRunning: boolean;
  ensureInspected(id: string): void;
}

function themeIcon(icon: IconSpec): vscode.ThemeIcon {
  return new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
}

function markdown(text: string): vscode.MarkdownString {
  // Untrusted (no command links) and no HTML: the text quotes names, labels and paths from the engine.
  const md = new vscode.MarkdownString(text, false);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

export function itemUri(id: string): vscode.Uri {
  return vscode.Uri.from({ scheme: ITEM_SCHEME, path: `/${id}` });
}

export class ContainersTreeProvider implements vscode.TreeDataProvider<ContainersTreeNode>, vscode.FileDecorationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ContainersTreeNode | ContainersTreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly decorationsChanged = new vscode.EventEmitter<vscode.Uri | vscode.Uri[] | undefined>();
  readonly onDidChangeFileDecorations = this.decorationsChanged.event;
  private readonly groups = new Map<string, GroupNode>();
  private readonly containers = new Map<string, ContainerNode>();
  private feed?: TreeFeed;
  private readonly healed = new Set<string>();
  private healTimer?: ReturnType<typeof setTimeout>;

  constructor(
    readonly store: ContainerStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The watcher, once built (the tree is created first so the watcher can report to it). */
  attach(feed: TreeFeed): void {
    this.feed = feed;
  }

  groupNode(project: string): GroupNode {
    let g = this.groups.get(project);
    if (!g) this.groups.set(project, (g = new GroupNode(project)));
    return g;
  }

  containerNode(id: string): ContainerNode {
    let c = this.containers.get(id);
    if (!c) this.containers.set(id, (c = new ContainerNode(id, this.store)));
    return c;
  }

  /** Everything changed (a resync, items dropped). */
  reset(): void {
    this.forget();
    this.changed.fire(undefined);
    this.decorationsChanged.fire(undefined);
  }

  /** Repaint these nodes only. */
  refresh(keys: readonly RefreshKey[]): void {
    if (keys.some((k) => k.kind === 'root')) {
      this.forget();
      this.changed.fire(undefined);
      const ids = keys.filter((k): k is Extract<RefreshKey, { kind: 'container' }> => k.kind === 'container').map((k) => itemUri(k.id));
      this.decorationsChanged.fire(ids.length ? ids : undefined);
      return;
    }
    if (keys.some((k) => k.kind === 'group')) this.forget();
    const nodes: ContainersTreeNode[] = [];
    const uris: vscode.Uri[] = [];
    for (const k of keys) {
      if (k.kind === 'group') nodes.push(this.groupNode(k.project));
      else if (k.kind === 'container') {
        nodes.push(this.containerNode(k.id));
        uris.push(itemUri(k.id));
      }
    }
    if (nodes.length) this.changed.fire(nodes);
    if (uris.length) this.decorationsChanged.fire(uris);
  }

  /**
   * VS Code asked for the row of a container that is gone: a repaint of that row crossed its removal
   * (seen when containers come and go within a few milliseconds). Ask VS Code for the list once more,
   * once per container, so the row does not stay behind as "removed".
   */
  private healSoon(id: string): void {
    if (this.healed.has(id) || this.healTimer !== undefined) return;
    this.healed.add(id);
    this.healTimer = setTimeout(() => {
      this.healTimer = undefined;
      this.forget();
      this.changed.fire(undefined);
    }, 50);
  }

  /** Drop node objects of containers and groups that are gone. */
  private forget(): void {
    for (const id of [...this.containers.keys()]) if (!this.store.get(id)) this.containers.delete(id);
    const layout = this.store.layout();
    for (const p of [...this.groups.keys()]) if (!layout.groups.has(p)) this.groups.delete(p);
  }

  async getChildren(node?: ContainersTreeNode): Promise<ContainersTreeNode[]> {
    if (!node) {
      // VS Code asks only while the view is visible: connect now if the visibility event has not yet.
      if (this.feed && !this.feed.isRunning) await this.feed.start();
      const layout = this.store.layout();
      return layout.root.map((key) => (key.startsWith('project:') ? this.groupNode(key.slice('project:'.length)) : this.containerNode(key)));
    }
    if (node instanceof GroupNode) {
      return (this.store.layout().groups.get(node.project) ?? []).map((id) => this.containerNode(id));
    }
    if (node instanceof ContainerNode) {
      const e = node.entry;
      if (!e) return [];
      if (!e.inspect) this.feed?.ensureInspected(e.id);
      return detailRows(e).map((row) => new DetailNode(e.id, row, node));
    }
    return (node.row.children ?? []).map((row) => new DetailNode(node.containerId, row, node));
  }

  getParent(node: ContainersTreeNode): ContainersTreeNode | undefined {
    if (node instanceof DetailNode) return node.parent;
    if (node instanceof ContainerNode) {
      const project = node.entry?.project;
      return project ? this.groupNode(project) : undefined;
    }
    return undefined;
  }

  getTreeItem(node: ContainersTreeNode): vscode.TreeItem {
    if (node instanceof GroupNode) return this.groupItem(node);
    if (node instanceof ContainerNode) return this.containerItem(node);
    return this.detailItem(node);
  }

  private groupItem(node: GroupNode): vscode.TreeItem {
    const ids = this.store.layout().groups.get(node.project) ?? [];
    const entries = ids.map((id) => this.store.get(id)).filter((e): e is ContainerEntry => !!e);
    const item = new vscode.TreeItem(node.project, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `project:${node.project}`;
    item.description = groupDescription(entries);
    item.iconPath = new vscode.ThemeIcon('layers');
    item.contextValue = 'compose-project';
    return item;
  }

  private containerItem(node: ContainerNode): vscode.TreeItem {
    const e = node.entry;
    const item = new vscode.TreeItem(e?.name ?? node.id.slice(0, 12), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `container:${node.id}`;
    if (!e) {
      item.description = 'removed';
      this.healSoon(node.id);
      return item;
    }
    const row = containerRow(e, this.now());
    item.description = row.description;
    item.tooltip = markdown(row.tooltip);
    item.iconPath = themeIcon(row.icon);
    item.contextValue = row.contextValue;
    item.resourceUri = itemUri(e.id);
    if (!e.inspect) this.feed?.ensureInspected(e.id);
    return item;
  }

  private detailItem(node: DetailNode): vscode.TreeItem {
    const r = node.row;
    const state = r.children?.length
      ? r.expanded
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed
      : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(r.label, state);
    item.id = `container:${node.containerId}/${r.key}`;
    if (r.description) item.description = r.description;
    if (r.tooltip) item.tooltip = markdown(r.tooltip);
    if (r.icon) item.iconPath = themeIcon(r.icon);
    item.contextValue = r.copy !== undefined ? 'detail-copyable' : r.key === 'isolation' ? 'detail-isolation' : 'detail';
    return item;
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== ITEM_SCHEME) return undefined;
    const e = this.store.get(uri.path.replace(/^\//, ''));
    if (!e?.profile) return undefined;
    const d = decorationOf(badgesOf(e.profile));
    if (!d) return undefined;
    const deco = new vscode.FileDecoration(d.badge, d.tooltip, d.color ? new vscode.ThemeColor(d.color) : undefined);
    deco.propagate = false;
    return deco;
  }

  dispose(): void {
    if (this.healTimer !== undefined) clearTimeout(this.healTimer);
    this.changed.dispose();
    this.decorationsChanged.dispose();
  }
}
