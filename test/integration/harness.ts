/**
 * A tiny test harness for code that runs INSIDE the VS Code extension host, where mocha would be one
 * more thing to bundle and configure. The same bundle runs under code-server (through the workbench
 * `payload` URL) and under `@vscode/test-electron`; both call `run()` and treat a rejection as failure.
 *
 * Output is line-oriented and parsed by the runners: `ok   - name (N ms)`, `FAIL - name: message`,
 * and last `N passed, N failed`.
 */

export type TestFn = () => unknown | Promise<unknown>;

interface TestCase {
  name: string;
  fn: TestFn;
  timeoutMs: number;
}

const cases: TestCase[] = [];
let prefix = '';

/** Tests run one after another in the order they are declared; later tests may rely on earlier state. */
export function test(name: string, fn: TestFn, opts: { timeoutMs?: number } = {}): void {
  cases.push({ name: prefix + name, fn, timeoutMs: opts.timeoutMs ?? 60_000 });
}

/** Groups tests under a name; the body runs immediately (declaration only). */
export function suite(name: string, body: () => void): void {
  const saved = prefix;
  prefix = `${saved}${name} > `;
  try {
    body();
  } finally {
    prefix = saved;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

function describeError(e: unknown): string {
  if (e instanceof Error) {
    const stack = (e.stack ?? '').split('\n').slice(1, 4).map((l) => l.trim()).join(' | ');
    return `${e.message.split('\n').join(' ')}${stack ? `  [${stack}]` : ''}`;
  }
  return String(e);
}

export interface RunSummary {
  passed: number;
  failed: number;
  failures: { name: string; error: string }[];
}

export async function runAll(log: (line: string) => void = (l) => console.log(l)): Promise<RunSummary> {
  const summary: RunSummary = { passed: 0, failed: 0, failures: [] };
  const only = process.env.CONTAINER_LENS_TEST_GREP;
  for (const c of cases) {
    if (only && !c.name.includes(only)) continue;
    const t0 = Date.now();
    try {
      await withTimeout(Promise.resolve().then(c.fn), c.timeoutMs, c.name);
      summary.passed++;
      log(`ok   - ${c.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      summary.failed++;
      const error = describeError(e);
      summary.failures.push({ name: c.name, error });
      log(`FAIL - ${c.name} (${Date.now() - t0} ms): ${error}`);
    }
  }
  if (summary.passed + summary.failed === 0) {
    // a suite that ran nothing is a broken suite, not a green one
    summary.failed = 1;
    log('FAIL - no integration test was declared or selected');
  }
  log(`${summary.passed} passed, ${summary.failed} failed`);
  return summary;
}
