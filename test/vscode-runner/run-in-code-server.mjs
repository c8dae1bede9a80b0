#!/usr/bin/env node
// Runs the integration suite (dist/test/integration/index.js) inside code-server's Node extension
// host: the workbench reads `payload` from the URL (extensionDevelopmentPath + extensionTestsPath,
// as @vscode/test-web does), runs the module's run(), then calls window.codeAutomationExit(code).
// The suite's console output reaches window.codeAutomationLog; we print the harness lines.
//
//   node test/vscode-runner/run-in-code-server.mjs <code-server base url> [workspace folder]
// Needs code-server started with --vscode-option enable-smoke-test-driver (scripts/lib/code-server.sh).
// Last line: "N passed, N failed" (the harness's, or "0 passed, 1 failed" if it never finished).
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, workbenchUrl } from './browser.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const [base, folder = join(root, 'sample')] = process.argv.slice(2);
if (!base) {
  console.error('usage: run-in-code-server.mjs <base url> [folder]');
  process.exit(2);
}
const TIMEOUT = Number(process.env.EXT_TEST_TIMEOUT_MS || 900_000);
const VERBOSE = !!process.env.VERBOSE;
const RESULT = /^(ok {3}- |FAIL - |\d+ passed, \d+ failed$)/;

const t0 = Date.now();
let summary = null;
let okCount = 0;
let failCount = 0;
const seen = new Set();
const { context, page } = await launchBrowser({ name: 'integration' });
try {
  let finish;
  const exited = new Promise((r) => (finish = r));
  await page.exposeFunction('codeAutomationLog', (level, args) => {
    const text = (Array.isArray(args) ? args.map(String).join(' ') : String(args));
    for (const raw of text.split('\n')) {
      // extension host lines arrive as "[Extension Host] ok   - ..." (possibly with a %c prefix)
      const line = raw.replace(/^.*?\[Extension Host\]\s*/, '').replace(/^%c\s*/, '').trimEnd();
      if (RESULT.test(line)) {
        if (seen.has(line) && !/^\d+ passed/.test(line)) continue;
        seen.add(line);
        if (/^\d+ passed, \d+ failed$/.test(line)) summary = line;
        else {
          if (line.startsWith('ok')) okCount++;
          else failCount++;
          console.log(line);
        }
      } else if (VERBOSE || (level === 'error' && /container.?lens/i.test(line))) {
        console.log(`  [${level}] ${line.slice(0, 400)}`);
      }
    }
  });
  await page.exposeFunction('codeAutomationExit', (code) => finish(code));
  // CL_TESTS_PATH: another bundle (a few suite files while working on them); the default is the whole suite
  const tests = process.env.CL_TESTS_PATH ? resolve(process.env.CL_TESTS_PATH) : join(root, 'dist/test/integration/index.js');
  const payload = [['extensionDevelopmentPath', root], ['extensionTestsPath', tests]];
  // under load the workbench takes a while; the overall TIMEOUT below is the real limit
  await page.goto(workbenchUrl(base, resolve(folder), payload), { waitUntil: 'commit', timeout: 120_000 });
  let timer;
  const code = await Promise.race([exited, new Promise((r) => (timer = setTimeout(() => r('timeout'), TIMEOUT)))]);
  clearTimeout(timer);
  if (code !== 0 || !summary) {
    const dir = join(root, 'test/e2e/.artifacts');
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, 'integration-end.png') }).catch(() => {});
  }
  console.log(`[integration] extension host exit code ${code} after ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  // no summary: the run died or timed out; keep what was seen and count the run itself as a failure
  if (!summary) summary = `${okCount} passed, ${failCount + 1} failed`;
  else if (code !== 0 && / 0 failed$/.test(summary)) summary = summary.replace(/ 0 failed$/, ' 1 failed');
  console.log(summary);
  process.exitCode = code === 0 && / 0 failed$/.test(summary) ? 0 : 1;
} catch (e) {
  console.error(`[integration] ${e && e.stack || e}`);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
} finally {
  await context.close().catch(() => {});
}
