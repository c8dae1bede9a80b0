/**
 * The narrow logging surface the editor glue needs; `vscode.LogOutputChannel` satisfies it,
 * tests pass a recorder.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** Run a provider body so that nothing escapes to the extension host: an exception is logged, `fallback` returned. */
export function guard<T>(log: Logger, what: string, fallback: T, body: () => T): T {
  try {
    return body();
  } catch (e) {
    log.error(`${what} failed: ${describeError(e)}`);
    return fallback;
  }
}

/** `guard` for async bodies: a throw or a rejection is logged and resolves to `fallback`. */
export async function guardAsync<T>(log: Logger, what: string, fallback: T, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (e) {
    log.error(`${what} failed: ${describeError(e)}`);
    return fallback;
  }
}

export function describeError(e: unknown): string {
  if (e instanceof Error) return e.stack ?? `${e.name}: ${e.message}`;
  try {
    return typeof e === 'string' ? e : JSON.stringify(e);
  } catch {
    return String(e);
  }
}
