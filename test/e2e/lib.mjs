// What the code-server UI scripts of this folder share: the command line (`<code-server base url> [workspace
// folder]`), where pictures go, the browser, one check at a time with a picture of each failure, the command
// palette, and the closing "N passed, N failed" line.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, workbenchUrl } from '../vscode-runner/browser.mjs';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** White space folded to single spaces, trimmed; '' for nothing. */
export const squeeze = (s) => (s || '').replace(/\s+/g, ' ').trim();

/**
 * Where the pictures go. The README's pictures live in test/e2e/screenshots/; they are rewritten only when one of
 * `pictures` is missing or with UPDATE_SCREENSHOTS=1, so a test run does not churn binary files in git. Other runs
 * write theirs to test/e2e/.artifacts/screenshots/ (ignored), to look at after a run. SHOTS overrides both.
 */
function pictureFolders(pictures) {
  const artifacts = join(root, 'test/e2e/.artifacts');
  const readmeShots = join(root, 'test/e2e/screenshots');
  const shots = process.env.SHOTS || (process.env.UPDATE_SCREENSHOTS === '1' || !pictures.every((f) => existsSync(join(readmeShots, f)))
    ? readmeShots : join(artifacts, 'screenshots'));
  mkdirSync(shots, { recursive: true });
  mkdirSync(artifacts, { recursive: true });
  return { artifacts, shots };
}

/**
 * Starts one UI script: reads `<base url> [folder]` (without a base url: a usage line and exit 2), picks the picture
 * folder, and opens Chromium.
 * @param {object} o
 * @param {string} o.script the script's file name, for the usage line
 * @param {string} o.label the tag of the timing line at the end, e.g. `e2e-ui`; also the browser profile's name
 * @param {string[]} o.pictures the README pictures this script takes (see pictureFolders)
 * @param {{ width: number, height: number }} o.viewport
 * @param {string} [o.failPrefix] how the pictures of failed checks are named: `<failPrefix>fail-<n>.png`
 * @param {boolean} [o.consoleErrors] count the page's console errors and name the first at the end
 */
export async function startE2e({ script, label, pictures, viewport, failPrefix = '', consoleErrors = false }) {
  const [base, folder = join(root, 'sample')] = process.argv.slice(2);
  if (!base) {
    console.error(`usage: ${script} <base url> [folder]`);
    process.exit(2);
  }
  const { artifacts, shots } = pictureFolders(pictures);
  const t0 = Date.now();
  const results = [];
  const { context, page } = await launchBrowser({ name: label, viewport });
  const errors = [];
  if (consoleErrors) page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });

  /** One check; a failure is recorded with a screenshot and the following checks still run. */
  async function check(name, fn) {
    const s = Date.now();
    try {
      const detail = await fn();
      results.push({ name, ok: true });
      console.log(`ok   - ${name} (${Date.now() - s} ms)${detail ? `: ${detail}` : ''}`);
    } catch (e) {
      results.push({ name, ok: false });
      console.log(`FAIL - ${name} (${Date.now() - s} ms): ${String((e && e.message) || e).split('\n')[0]}`);
      const file = join(artifacts, `${failPrefix}fail-${results.length}.png`);
      await page.screenshot({ path: file }).catch(() => {});
      console.log(`       screenshot: ${file}`);
    }
  }

  /** Runs a command by its title from the command palette (F1) and waits for the palette to close. */
  async function runCommand(title) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible', timeout: 30_000 });
    await input.fill(`>${title}`);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 30_000 });
  }

  /**
   * The first check of every script: the workbench opens the workspace folder (with CL_DEV_PATH, the extension
   * loaded unpacked from there) and the Explorer lists `fileName`.
   */
  const checkWorkbenchLoads = (fileName) =>
    check('workbench loads the sample workspace', async () => {
      const payload = process.env.CL_DEV_PATH ? [['extensionDevelopmentPath', resolve(process.env.CL_DEV_PATH)]] : [];
      await page.goto(workbenchUrl(base, resolve(folder), payload), { waitUntil: 'domcontentloaded', timeout: 120_000 });
      await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileName }).first().waitFor({ timeout: 120_000 });
      return `after ${((Date.now() - t0) / 1000).toFixed(1)}s`;
    });

  /** Prints what the run saw and the last line, "N passed, N failed"; the exit code is 1 when a check failed. */
  function finish() {
    const failed = results.filter((r) => !r.ok).length;
    if (errors.length) console.log(`(${errors.length} browser console errors; first: ${errors[0].slice(0, 200)})`);
    console.log(`[${label}] ${((Date.now() - t0) / 1000).toFixed(1)}s, screenshots in ${shots}`);
    console.log(`${results.length - failed} passed, ${failed} failed`);
    process.exitCode = failed ? 1 : 0;
  }

  return { base, folder, shots, context, page, check, runCommand, checkWorkbenchLoads, finish };
}
