/**
 * "Open Shell": a VS Code terminal whose other end is an exec with a TTY in the container (no docker
 * CLI). Keys go to the process, its output to the terminal, the terminal's size to the exec.
 */
import * as vscode from 'vscode';
import type { ContainerSource, ShellSession } from './container-source';
import { openShell } from './exec-shell';

export class ContainerShellTerminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number | void>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  private session?: ShellSession;
  private size?: vscode.TerminalDimensions;
  private closed = false;
  private failed = false;
  private readonly decoder = new TextDecoder('utf-8');
  /** Set once a shell runs (which one), for tests and the title. */
  shell?: string;
  readonly started: Promise<string | undefined>;
  private resolveStarted!: (shell: string | undefined) => void;

  constructor(
    private readonly source: ContainerSource,
    private readonly containerId: string,
    private readonly name: string,
  ) {
    this.started = new Promise((r) => (this.resolveStarted = r));
  }

  open(initialDimensions: vscode.TerminalDimensions | undefined): void {
    this.size = initialDimensions;
    this.writeEmitter.fire(`\x1b[2mConnecting to ${this.name}…\x1b[0m\r\n`);
    void this.start();
  }

  private async start(): Promise<void> {
    try {
      const { session, shell } = await openShell(this.source, this.containerId, (chunk) => {
        this.writeEmitter.fire(this.decoder.decode(chunk.data, { stream: true }));
      });
      if (this.closed) {
        session.dispose();
        return;
      }
      this.session = session;
      this.shell = shell;
      this.resolveStarted(shell);
      if (this.size) void session.resize(this.size.columns, this.size.rows).catch(() => undefined);
      const end = await session.closed;
      if (this.closed) return;
      let code: number | null = null;
      try {
        code = await session.exitCode();
      } catch {
        // engine gone
      }
      const why = end.reason === 'error' ? `: ${end.error.message}` : '';
      this.writeEmitter.fire(`\r\n\x1b[2m[${shell} in ${this.name} ended${code !== null ? ` with exit code ${code}` : ''}${why}]\x1b[0m\r\n`);
      this.closed = true;
      this.closeEmitter.fire(code ?? undefined);
    } catch (e) {
      this.failed = true;
      this.resolveStarted(undefined);
      const message = (e instanceof Error ? e.message : String(e)).replace(/\r?\n/g, '\r\n');
      this.writeEmitter.fire(`\r\n\x1b[31m${message}\x1b[0m\r\n\x1b[2m(press any key to close)\x1b[0m\r\n`);
    }
  }

  handleInput(data: string): void {
    if (this.session && !this.closed) this.session.write(data);
    else if (this.failed && !this.closed) {
      // After a failure to start, any key closes the terminal.
      this.closed = true;
      this.closeEmitter.fire(1);
    }
  }

  setDimensions(dimensions: vscode.TerminalDimensions): void {
    this.size = dimensions;
    void this.session?.resize(dimensions.columns, dimensions.rows).catch(() => undefined);
  }

  close(): void {
    this.closed = true;
    this.session?.dispose();
    this.writeEmitter.dispose();
    this.closeEmitter.dispose();
  }
}
