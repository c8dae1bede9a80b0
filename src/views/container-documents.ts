/**
 * Read-only documents about a container, rendered when VS Code asks: the inspect JSON, the isolation
 * profile as Markdown ("Explain Isolation", until the comparison panel exists) and the engine's
 * connection status with everything the error said. `container-lens-container:/inspect/web.json?<id>`.
 */
import * as vscode from 'vscode';
import { profileFromInspect } from '../core/isolation/from-inspect';
import { renderProfileReport } from '../core/isolation/report';
import { codeBlock, escapeMarkdown, inlineCode } from '../core/markdown';
import type { ContainerSource } from './container-source';
import { candidateLines } from './container-source';
import type { ContainerStore } from './model';
import type { EngineState } from './watcher';

export const DOCUMENT_SCHEME = 'container-lens-container';

type Page = 'inspect' | 'explain' | 'engine';

/** A file name a tab can show for a container name (names are [a-zA-Z0-9][a-zA-Z0-9_.-]*, be safe anyway). */
function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 80) || 'container';
}

export function documentUri(page: Page, id: string, name: string): vscode.Uri {
  const path = page === 'inspect' ? `/inspect/${safeName(name)}.json` : page === 'explain' ? `/explain/${safeName(name)}-isolation.md` : '/engine/status.md';
  return vscode.Uri.from({ scheme: DOCUMENT_SCHEME, path, query: id });
}

export class ContainerDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly source: ContainerSource,
    private readonly store: ContainerStore,
    private readonly engineState: () => EngineState,
  ) {}

  /** Render `uri` again (a document that is already open shows the container as it is now). */
  refresh(uri: vscode.Uri): void {
    this.changed.fire(uri);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const page = uri.path.split('/')[1];
    if (page === 'engine') return this.engineStatus();
    const id = uri.query;
    try {
      const inspect = await this.source.inspect(id);
      if (page === 'inspect') return `${JSON.stringify(inspect, null, 2)}\n`;
      const profile = profileFromInspect(inspect, this.store.facts);
      const report = renderProfileReport(profile);
      const note =
        `> Read from the engine at ${escapeMarkdown(new Date().toLocaleTimeString())}: the settings the container runs with now, ` +
        'whatever file created it. Reopen it to read it again.';
      return `${report}\n${note}\n`;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return page === 'inspect'
        ? `${JSON.stringify({ error: message }, null, 2)}\n`
        : `# Container ${inlineCode(id.slice(0, 12))}\n\nThe engine could not be asked about it:\n\n${codeBlock(message)}\n`;
    }
  }

  private engineStatus(): string {
    const s = this.engineState();
    const lines = ['# Docker engine: connection', ''];
    const endpoint = this.source.endpoint;
    if (endpoint) lines.push(`Endpoint: ${inlineCode(endpoint.host)} (${escapeMarkdown(endpoint.source)}${endpoint.contextName ? `, context ${inlineCode(endpoint.contextName)}` : ''})`, '');
    switch (s.kind) {
      case 'connected':
        lines.push(`Connected: ${escapeMarkdown(s.engine.product)} ${escapeMarkdown(s.engine.version)}, API ${escapeMarkdown(s.engine.apiVersion)}.`);
        break;
      case 'idle':
        lines.push('Not connected: the Containers view is closed.');
        break;
      case 'connecting':
        lines.push('Connecting…');
        break;
      case 'reconnecting':
      case 'failed':
        lines.push(`**${escapeMarkdown(s.error.kind)}**`, '', codeBlock(s.error.message), '');
        if (s.error.engineMessage) lines.push('The engine said:', '', codeBlock(s.error.engineMessage), '');
        if (s.kind === 'reconnecting' || s.retrying) lines.push(`Trying again in ${Math.round((s.delayMs ?? 0) / 100) / 10} s.`, '');
        break;
    }
    const candidates = endpoint?.candidates ?? [];
    if (candidates.length) {
      lines.push('', '## Sockets looked at', '', ...candidateLines(candidates).map((l) => `- ${escapeMarkdown(l, 300)}`));
    }
    lines.push(
      '',
      '## Settings',
      '',
      '- `containerLens.docker.host`: a `DOCKER_HOST`-style URL (`unix:///run/user/1000/docker.sock`, `tcp://host:2376`, `ssh://me@host`) that overrides everything else.',
      '- `containerLens.docker.context`: a docker context name (`docker context ls`).',
      '- Otherwise: `DOCKER_HOST`, `DOCKER_CONTEXT`, the current context of `~/.docker/config.json`, then the usual sockets, as the docker CLI decides.',
    );
    return `${lines.join('\n')}\n`;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
