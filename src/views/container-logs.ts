/**
 * "Show Logs": the container's logs streamed (follow) into an output channel of its own, stderr lines
 * marked. Opening it again restarts the stream from the last lines. Streams close when the container
 * stops (the engine ends them) or the extension is deactivated.
 */
import * as vscode from 'vscode';
import type { ContainerSource, OpenStream } from './container-source';
import { LogLineSplitter } from './log-lines';

/** Lines replayed when the logs open (the rest is in the engine). */
export const LOG_TAIL = 1000;
/** Text kept per container for `textOf` (tests, the API). */
const KEEP_CHARS = 64 * 1024;

class LogSession implements vscode.Disposable {
  stream?: OpenStream;
  text = '';
  private readonly waiters: Array<{ test: (t: string) => boolean; resolve: () => void }> = [];

  constructor(readonly channel: vscode.OutputChannel) {}

  append(lines: string[]): void {
    if (lines.length === 0) return;
    const block = `${lines.join('\n')}\n`;
    this.channel.append(block);
    this.text = (this.text + block).slice(-KEEP_CHARS);
    for (const w of [...this.waiters]) {
      if (w.test(this.text)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }

  waitFor(test: (t: string) => boolean): Promise<void> {
    if (test(this.text)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  stop(): void {
    this.stream?.dispose();
    this.stream = undefined;
  }

  dispose(): void {
    this.stop();
    this.channel.dispose();
  }
}

export class ContainerLogs implements vscode.Disposable {
  private readonly sessions = new Map<string, LogSession>();

  constructor(private readonly source: ContainerSource) {}

  /** Open (or restart) the logs of a container; resolves once the stream is open, with the channel's name. */
  async open(id: string, name: string): Promise<string> {
    let session = this.sessions.get(id);
    if (!session) {
      session = new LogSession(vscode.window.createOutputChannel(`Container Lens: ${name} logs`, 'log'));
      this.sessions.set(id, session);
    }
    const s = session;
    s.stop();
    s.channel.clear();
    s.text = '';
    s.channel.show(true);
    const lines = new LogLineSplitter();
    s.append([`── logs of ${name} (${id.slice(0, 12)}), last ${LOG_TAIL} lines, following ──`]);
    const stream = await this.source.logs(id, { follow: true, tail: LOG_TAIL, timestamps: false }, (chunk) => s.append(lines.push(chunk)));
    s.stream = stream;
    void stream.closed.then((c) => {
      if (s.stream !== stream) return;
      s.append(lines.flush());
      const why =
        c.reason === 'ended' ? 'the container stopped' : c.reason === 'error' ? c.error.message : c.reason === 'disposed' ? 'closed' : 'a handler failed';
      s.append([`── end of logs: ${why} ──`]);
      s.stream = undefined;
    });
    return s.channel.name;
  }

  /** The text shown for a container (the last 64 KiB), for tests. */
  textOf(id: string): string | undefined {
    return this.sessions.get(id)?.text;
  }

  /** Resolves when the logs of `id` contain `needle`. */
  waitFor(id: string, needle: string): Promise<void> {
    const s = this.sessions.get(id);
    if (!s) return Promise.reject(new Error(`no logs open for ${id}`));
    return s.waitFor((t) => t.includes(needle));
  }

  dispose(): void {
    for (const s of this.sessions.values()) s.dispose();
    this.sessions.clear();
  }
}
