/**
 * Opening an interactive shell in a container over exec with a TTY, with no docker CLI: try
 * `/bin/bash`, then `/bin/sh`. A missing shell does not fail the exec request; the engine starts it,
 * writes "OCI runtime exec failed: ... no such file or directory" into the stream and ends it with exit
 * code 126 or 127. So the first output of each attempt is held back until it is clearly a shell
 * talking (or it has been quiet for a moment), and a failed attempt never reaches the terminal.
 * No vscode here.
 */
import type { OutputChunk } from '../docker';
import type { ContainerSource, ShellSession } from './container-source';

export const DEFAULT_SHELLS: readonly string[] = ['/bin/bash', '/bin/sh'];

const EXEC_FAILED = /OCI runtime exec failed|exec failed|executable file not found|no such file or directory|not found in \$PATH/i;
const FAILURE_PREFIX = 'OCI runtime exec failed';

export interface OpenedShell {
  session: ShellSession;
  shell: string;
}

export interface ShellTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: ShellTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Could this output still be the start of the engine's exec failure message? */
function mayBeFailure(text: string): boolean {
  const t = text.replace(/^\s+/, '');
  return t.length < FAILURE_PREFIX.length ? FAILURE_PREFIX.startsWith(t) : t.startsWith(FAILURE_PREFIX) || EXEC_FAILED.test(t);
}

/**
 * Start the first shell of `shells` that exists. The winner's output, held-back part first, goes to
 * `onOutput` from the moment it is chosen. Rejects with the engine's words when none starts.
 */
export async function openShell(
  source: Pick<ContainerSource, 'exec'>,
  id: string,
  onOutput: (chunk: OutputChunk) => void,
  options: { shells?: readonly string[]; quietMs?: number; timers?: ShellTimers } = {},
): Promise<OpenedShell> {
  const shells = options.shells ?? DEFAULT_SHELLS;
  const quietMs = options.quietMs ?? 1500;
  const timers = options.timers ?? realTimers;
  const failures: string[] = [];
  for (const shell of shells) {
    const session = await source.exec(id, [shell], { tty: true });
    const outcome = await new Promise<{ ok: true } | { ok: false; said: string }>((resolve) => {
      const pending: OutputChunk[] = [];
      let text = '';
      let decided = false;
      let timer: unknown;
      const win = () => {
        if (decided) return;
        decided = true;
        if (timer !== undefined) timers.clearTimeout(timer);
        for (const c of pending.splice(0)) onOutput(c);
        resolve({ ok: true });
      };
      session.onOutput((chunk) => {
        if (decided) {
          onOutput(chunk);
          return;
        }
        pending.push(chunk);
        text += chunk.data.toString('utf8');
        if (!mayBeFailure(text)) win();
      });
      timer = timers.setTimeout(win, quietMs);
      void session.closed.then(async () => {
        if (decided) return;
        if (timer !== undefined) timers.clearTimeout(timer);
        let code: number | null = null;
        try {
          code = await session.exitCode();
        } catch {
          // the engine may be gone; judge by the output
        }
        if (EXEC_FAILED.test(text) || code === 126 || code === 127) {
          decided = true;
          resolve({ ok: false, said: text.trim() || `exit code ${code}` });
        } else {
          // A shell that exited at once (an `exit` in a profile?) is still a shell: show what it said.
          win();
        }
      });
    });
    if (outcome.ok) return { session, shell };
    failures.push(`${shell}: ${outcome.said}`);
    session.dispose();
  }
  throw new Error(`No shell could be started in the container (tried ${shells.join(', ')}).\n${failures.join('\n')}`);
}
