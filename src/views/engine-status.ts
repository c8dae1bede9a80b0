/**
 * The engine's connection state in words, for the three places that show it: the context key the
 * view's welcome content switches on, the one-line message above the tree, and the status bar item.
 * Pure (no vscode), so every state has a test.
 */
import type { EndpointCandidate } from '../docker';
import type { EngineState } from './watcher';

/** Values of the `containerLens.engineState` context key (package.json `viewsWelcome` uses them). */
export type EngineContext =
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'not-running'
  | 'permission-denied'
  | 'api-too-old'
  | 'bad-host'
  | 'error';

export const ENGINE_CONTEXT_KEY = 'containerLens.engineState';

export function engineContextOf(s: EngineState): EngineContext {
  switch (s.kind) {
    case 'idle':
    case 'connecting':
      return 'connecting';
    case 'connected':
      return 'connected';
    case 'reconnecting':
      return 'reconnecting';
    case 'failed':
      switch (s.error.kind) {
        case 'not-running':
        case 'timeout':
          return 'not-running';
        case 'permission-denied':
        case 'api-too-old':
        case 'bad-host':
          return s.error.kind;
        default:
          return 'error';
      }
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}

/**
 * The line above the tree (`TreeView.message`), only while the rows are kept during a reconnect.
 * VS Code hides the welcome content (and its buttons) whenever a message is set, so failures are
 * explained there instead, and "Show Details" lists every socket looked at.
 */
export function treeMessageOf(s: EngineState): string | undefined {
  return s.kind === 'reconnecting' ? 'Lost the connection to the engine; reconnecting. The list may be out of date.' : undefined;
}

/** Engine sockets that exist on this machine although the engine was looked for elsewhere. */
export function otherSocketsFound(s: EngineState): EndpointCandidate[] {
  if (s.kind !== 'failed' || s.error.kind !== 'not-running') return [];
  return (s.error.candidates ?? []).filter((c) => c.exists && c.host !== s.error.socket).map((c) => ({ ...c }));
}

/** Context key: true when `otherSocketsFound` is not empty (welcome content offers to use one). */
export const FOUND_SOCKET_CONTEXT_KEY = 'containerLens.engineFoundSocket';

export interface StatusBarText {
  text: string;
  tooltip: string;
  /** A warning background for states that need the user. */
  warning: boolean;
}

export function statusBarOf(s: EngineState, where: string | undefined): StatusBarText {
  const at = where ? `\n${where}` : '';
  switch (s.kind) {
    case 'idle':
      return { text: '$(vm-outline) Docker', tooltip: `Container Lens: not watching the engine (the Containers view is closed).${at}`, warning: false };
    case 'connecting':
      return { text: '$(loading~spin) Docker', tooltip: `Container Lens: connecting to the engine…${at}`, warning: false };
    case 'connected': {
      const e = s.engine;
      const name = e.contextName ? `${e.contextName} · ` : '';
      return {
        text: `$(vm-running) ${name}${e.product} ${e.version}`,
        tooltip: `Container Lens: connected to ${e.product} ${e.version} (API ${e.apiVersion})\n${e.description}`,
        warning: false,
      };
    }
    case 'reconnecting':
      return { text: '$(sync~spin) Docker: reconnecting', tooltip: `Container Lens: ${firstLine(s.error.message)}${at}`, warning: true };
    case 'failed': {
      const words: Record<string, string> = {
        'not-running': 'not running',
        timeout: 'not answering',
        'permission-denied': 'permission denied',
        'api-too-old': 'API too old',
        'bad-host': 'bad host',
      };
      return {
        text: `$(vm-outline) Docker: ${words[s.error.kind] ?? 'error'}`,
        tooltip: `Container Lens: ${firstLine(s.error.message)}${at}`,
        warning: s.error.kind !== 'not-running',
      };
    }
  }
}
