/**
 * The container actions: from the tree's context menu and inline icons (the argument is the node), or
 * from the command palette (no argument: a quick pick of the containers it applies to), or from code
 * (a container id or name). Long operations show progress in the view; failures say what the engine said.
 */
import * as vscode from 'vscode';
import { isEngineError } from '../docker';
import { CONTAINER_COMMANDS } from './command-ids';
import type { ContainerSource } from './container-source';
import { documentUri } from './container-documents';
import type { ContainerDocuments } from './container-documents';
import type { ContainerLogs } from './container-logs';
import { otherSocketsFound } from './engine-status';
import { CONTAINERS_VIEW_ID, ContainerNode, DetailNode } from './containers-tree';
import type { ContainerEntry, ContainerStore, DisplayState } from './model';
import { entryFromSummary, statusText } from './model';
import { ContainerShellTerminal } from './shell-terminal';
import type { EngineWatcher } from './watcher';

const UP: DisplayState[] = ['running', 'unhealthy', 'paused', 'restarting'];

/** Which containers each action applies to, for the quick pick. */
const APPLIES: Partial<Record<keyof typeof CONTAINER_COMMANDS, (s: DisplayState) => boolean>> = {
  start: (s) => s === 'exited' || s === 'created',
  stop: (s) => UP.includes(s),
  restart: (s) => s !== 'dead' && s !== 'removing',
  pause: (s) => s === 'running' || s === 'unhealthy',
  unpause: (s) => s === 'paused',
  shell: (s) => s === 'running' || s === 'unhealthy',
};

export interface CommandDeps {
  source: ContainerSource;
  store: ContainerStore;
  watcher: EngineWatcher;
  logs: ContainerLogs;
  documents: ContainerDocuments;
  log: { info(m: string): void; error(m: string): void };
}

/** What a command was given, as a container (id and name at least). */
type Target = Pick<ContainerEntry, 'id' | 'name' | 'state'>;

export class ContainerCommands {
  constructor(private readonly d: CommandDeps) {}

  register(): vscode.Disposable[] {
    const c = CONTAINER_COMMANDS;
    const reg = (id: string, fn: (...args: unknown[]) => unknown) =>
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await fn(...args);
        } catch (e) {
          this.d.log.error(`${id} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
          void vscode.window.showErrorMessage(`Container Lens: ${e instanceof Error ? e.message : String(e)}`);
          return undefined;
        }
      });
    return [
      reg(c.refresh, () => this.d.watcher.restart()),
      reg(c.retry, () => this.d.watcher.restart()),
      reg(c.openSettings, () => vscode.commands.executeCommand('workbench.action.openSettings', 'containerLens.docker')),
      reg(c.showEngineStatus, () => this.showEngineStatus()),
      reg(c.useFoundSocket, () => this.useFoundSocket()),
      reg(c.start, (a) => this.lifecycle('start', a, 'Starting', (t) => this.d.source.start(t.id))),
      reg(c.stop, (a) => this.lifecycle('stop', a, 'Stopping', (t) => this.d.source.stop(t.id))),
      reg(c.restart, (a) => this.lifecycle('restart', a, 'Restarting', (t) => this.d.source.restart(t.id))),
      reg(c.pause, (a) => this.lifecycle('pause', a, 'Pausing', (t) => this.d.source.pause(t.id))),
      reg(c.unpause, (a) => this.lifecycle('unpause', a, 'Resuming', (t) => this.d.source.unpause(t.id))),
      reg(c.remove, (a, options) => this.remove(a, options)),
      reg(c.logs, (a) => this.showLogs(a)),
      reg(c.shell, (a) => this.openShell(a)),
      reg(c.inspect, (a) => this.openDocument('inspect', a)),
      reg(c.explainIsolation, (a) => this.openDocument('explain', a)),
      reg(c.compareWithVm, (a) => this.compareWithVm(a)),
      reg(c.copyId, async (a) => {
        const t = await this.target('copyId', a);
        if (t) await vscode.env.clipboard.writeText(t.id);
        return t?.id;
      }),
      reg(c.copyName, async (a) => {
        const t = await this.target('copyName', a);
        if (t) await vscode.env.clipboard.writeText(t.name);
        return t?.name;
      }),
      reg(c.copyValue, async (a) => {
        if (a instanceof DetailNode && a.row.copy !== undefined) await vscode.env.clipboard.writeText(a.row.copy);
      }),
    ];
  }

  /** The container a command is about: the node, an id/name, or one picked from a list. */
  private async target(action: keyof typeof CONTAINER_COMMANDS, arg: unknown): Promise<Target | undefined> {
    if (arg instanceof DetailNode) return this.target(action, arg.containerId);
    if (arg instanceof ContainerNode) {
      const e = arg.entry;
      return e ?? { id: arg.id, name: arg.name, state: 'exited' };
    }
    if (typeof arg === 'string' && arg.trim()) {
      const known = this.d.store.find(arg.trim());
      if (known) return known;
      const i = await this.d.source.inspect(arg.trim());
      return { id: i.Id, name: i.Name.replace(/^\//, ''), state: (i.State?.Status as DisplayState) ?? 'exited' };
    }
    if (arg && typeof arg === 'object' && 'id' in arg && typeof (arg as { id: unknown }).id === 'string') {
      return this.target(action, (arg as { id: string }).id);
    }
    return this.pick(action);
  }

  private async pick(action: keyof typeof CONTAINER_COMMANDS): Promise<Target | undefined> {
    const applies = APPLIES[action] ?? (() => true);
    let entries: ContainerEntry[];
    if (this.d.watcher.state.kind === 'connected') entries = this.d.store.all();
    else entries = (await this.d.source.list()).map(entryFromSummary);
    const items = entries
      .filter((e) => applies(e.state))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((e) => ({ label: e.name, description: `${statusText(e)} · ${e.image}`, detail: e.project ? `compose project ${e.project}` : undefined, entry: e }));
    if (items.length === 0) {
      void vscode.window.showInformationMessage(`Container Lens: no container to ${action === 'unpause' ? 'resume' : action}.`);
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(items, { placeHolder: `Which container? (${action})`, matchOnDescription: true });
    return picked?.entry;
  }

  private engineWords(e: unknown): string {
    if (isEngineError(e)) return e.engineMessage ?? e.message;
    return e instanceof Error ? e.message : String(e);
  }

  /** start / stop / restart / pause / unpause, with progress in the view and the engine's words on failure. */
  private async lifecycle(action: keyof typeof CONTAINER_COMMANDS, arg: unknown, verb: string, run: (t: Target) => Promise<void>): Promise<boolean> {
    const t = await this.target(action, arg);
    if (!t) return false;
    try {
      await vscode.window.withProgress({ location: { viewId: CONTAINERS_VIEW_ID }, title: `${verb} ${t.name}…` }, () => run(t));
      this.d.log.info(`${action} ${t.name} (${t.id.slice(0, 12)}): done`);
      return true;
    } catch (e) {
      const said = this.engineWords(e);
      this.d.log.error(`${action} ${t.name} failed: ${said}`);
      void vscode.window.showErrorMessage(`Container Lens: could not ${action} ${t.name}: ${said}`);
      return false;
    }
  }

  /**
   * Remove after a modal confirmation; a running container is removed with force (killed first), and
   * the dialog says so. `{ confirmed: true }` as the second argument skips the dialog (tests, scripts).
   */
  private async remove(arg: unknown, options: unknown): Promise<boolean> {
    const t = await this.target('remove', arg);
    if (!t) return false;
    const running = UP.includes(t.state);
    const confirmed = !!options && typeof options === 'object' && (options as { confirmed?: unknown }).confirmed === true;
    if (!confirmed) {
      const answer = await vscode.window.showWarningMessage(
        `Remove the container "${t.name}"?`,
        {
          modal: true,
          detail: running
            ? 'It is running: it will be killed first (force). Its writable layer is deleted; volumes stay.'
            : 'Its writable layer is deleted; volumes stay.',
        },
        running ? 'Kill and Remove' : 'Remove',
      );
      if (!answer) return false;
    }
    return this.lifecycle('remove', t.id, 'Removing', () => this.d.source.remove(t.id, { force: running }));
  }

  private async showLogs(arg: unknown): Promise<string | undefined> {
    const t = await this.target('logs', arg);
    if (!t) return undefined;
    try {
      return await this.d.logs.open(t.id, t.name);
    } catch (e) {
      void vscode.window.showErrorMessage(`Container Lens: could not read the logs of ${t.name}: ${this.engineWords(e)}`);
      return undefined;
    }
  }

  private async openShell(arg: unknown): Promise<string | undefined> {
    const t = await this.target('shell', arg);
    if (!t) return undefined;
    const pty = new ContainerShellTerminal(this.d.source, t.id, t.name);
    const terminal = vscode.window.createTerminal({ name: `${t.name} (shell)`, pty, iconPath: new vscode.ThemeIcon('vm') });
    terminal.show();
    const shell = await pty.started;
    return shell ? terminal.name : undefined;
  }

  /** The comparison panel for a container: resolved here (node, id or pick), shown by the panel's command. */
  private async compareWithVm(arg: unknown): Promise<unknown> {
    const t = await this.target('explainIsolation', arg);
    if (!t) return undefined;
    return vscode.commands.executeCommand('containerLens.compareWithVm', { kind: 'container', id: t.id, name: t.name });
  }

  private async openDocument(page: 'inspect' | 'explain', arg: unknown): Promise<string | undefined> {
    const t = await this.target(page === 'inspect' ? 'inspect' : 'explainIsolation', arg);
    if (!t) return undefined;
    const uri = documentUri(page, t.id, t.name);
    // Already open: read the container again.
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) this.d.documents.refresh(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    if (page === 'explain') {
      try {
        await vscode.commands.executeCommand('markdown.showPreview', uri);
        return uri.toString();
      } catch {
        // no Markdown preview: the source reads fine too
      }
    }
    await vscode.window.showTextDocument(doc, { preview: true });
    return uri.toString();
  }

  /** Point `containerLens.docker.host` (user settings) at an engine socket that exists; the view reconnects. */
  private async useFoundSocket(): Promise<string | undefined> {
    const found = otherSocketsFound(this.d.watcher.state);
    if (found.length === 0) {
      void vscode.window.showInformationMessage('Container Lens: no other engine socket was found.');
      return undefined;
    }
    const picked =
      found.length === 1
        ? found[0]
        : await vscode.window.showQuickPick(
            found.map((c) => ({ label: c.host, description: c.label, c })),
            { placeHolder: 'Which engine should the Containers view use?' },
          ).then((p) => p?.c);
    if (!picked) return undefined;
    await vscode.workspace.getConfiguration('containerLens.docker').update('host', picked.host, vscode.ConfigurationTarget.Global);
    // The configuration listener restarts the watcher only while it runs; make sure it does now.
    await this.d.watcher.restart();
    return picked.host;
  }

  private async showEngineStatus(): Promise<string> {
    const uri = documentUri('engine', '', '');
    this.d.documents.refresh(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      await vscode.window.showTextDocument(doc, { preview: true });
    }
    return uri.toString();
  }
}
