/**
 * The engine's connection state in words, for the three places that show it: the context key the
 * view's welcome content switches on, the one-line message above the tree, and the status bar item.
 * Pure (no vscode), so every state has a test.
 */
import { candidateLines } from './container-source';
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

const seconds = (ms: number | undefined) => `${Math.max(1, Math.round((ms ?? 0) / 1000))} s`;

/**
 * The line above the tree (`TreeView.message`, plain text): what went wrong in the engine's terms and
 * the sockets looked at. Undefined when all is well.
 */
export function treeMessageOf(s: EngineState): string | undefined {
  switch (s.kind) {
    case 'reconnecting':
      return `Lost the engine (${firstLine(s.error.message)}). Reconnecting in ${seconds(s.delayMs)}; the list below may be out of date.`;
    case 'failed': {
      const head = firstLine(s.error.message);
      const tried = candidateLines(s.error.candidates);
      const found = (s.error.candidates ?? []).filter((c) => c.exists).length;
      const sockets = s.error.kind === 'not-running' && tried.length ? ` Sockets looked at (${found} found): ${tried.join('; ')}.` : '';
      const again = s.retrying ? ` Trying again in ${seconds(s.delayMs)}.` : '';
      return `${head}${sockets}${again}`;
    }
    default:
      return undefined;
  }
}

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
