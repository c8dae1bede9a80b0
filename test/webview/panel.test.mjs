#!/usr/bin/env node
// Browser test of the comparison panel's webview: the real bundle (src/webview built with the same
// esbuild options as esbuild.mjs), the real page shell and CSP (src/panel/html.ts), models built by the
// real core, in headless Chromium (Debian's, through playwright-core), with a stub acquireVsCodeApi.
// Served from 127.0.0.1 only. Checks rendering, keyboard use, escaping, state after a reload, that
// malformed messages are ignored, and that the page causes no CSP violation. Screenshots in light,
// dark and high-contrast themes go to test/webview/screenshots/ (see SHOTS).
//   node test/webview/panel.test.mjs          last line: "N passed, N failed"
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../vscode-runner/browser.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// The committed pictures are rewritten only when missing or with UPDATE_SCREENSHOTS=1 (no churn of binary
// files on every run); other runs write theirs to test/webview/.artifacts/screenshots/ (ignored).
const ARTIFACTS = join(root, 'test/webview/.artifacts');
const COMMITTED = join(root, 'test/webview/screenshots');
const SHOTS = process.env.SHOTS || (process.env.UPDATE_SCREENSHOTS === '1'
  || !['panel-light.png', 'panel-dark.png', 'panel-high-contrast.png'].every((f) => existsSync(join(COMMITTED, f)))
  ? COMMITTED : join(ARTIFACTS, 'screenshots'));
mkdirSync(SHOTS, { recursive: true });
mkdirSync(ARTIFACTS, { recursive: true });

const results = [];
let page;
async function check(name, fn) {
  const t = Date.now();
  try {
    const detail = await fn();
    results.push(true);
    console.log(`ok   - ${name} (${Date.now() - t} ms)${detail ? `: ${detail}` : ''}`);
  } catch (e) {
    results.push(false);
    console.log(`FAIL - ${name} (${Date.now() - t} ms): ${String(e?.stack || e).split('\n').slice(0, 3).join(' | ')}`);
    await page?.screenshot({ path: join(ARTIFACTS, `fail-${results.length}.png`) }).catch(() => {});
  }
}
function assert(cond, message) {
  if (!cond) throw new Error(message);
}
function equal(a, b, what) {
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`${what}: expected ${JSON.stringify(b)}, got ${JSON.stringify(a)}`);
}

// ---- build: the webview bundle exactly as shipped, and the fixtures -------------------------------
const work = mkdtempSync(join(tmpdir(), 'container-lens-webview-'));
await esbuild.build({
  entryPoints: [join(root, 'src/webview/panel.ts')],
  outfile: join(work, 'panel.js'),
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'chrome114',
  logLevel: 'warning',
});
await esbuild.build({
  entryPoints: [join(root, 'test/webview/fixtures.ts')],
  outfile: join(work, 'fixtures.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
});
const fx = createRequire(import.meta.url)(join(work, 'fixtures.cjs'));

// ---- a loopback server standing in for the webview's resource origin ------------------------------
const files = {
  '/panel.js': ['text/javascript', () => readFileSync(join(work, 'panel.js'))],
  '/panel.css': ['text/css', () => readFileSync(join(root, 'media/panel.css'))],
  '/themes.css': ['text/css', () => readFileSync(join(root, 'test/webview/themes.css'))],
};
let origin = '';
const nonce = fx.makeNonce((b) => globalThis.crypto.getRandomValues(b));
const server = createServer((req, res) => {
  const path = new URL(req.url, origin).pathname;
  if (path === '/favicon.ico') {
    res.writeHead(204).end();
    return;
  }
  if (path === '/panel.html') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(fx.panelHtml({ cspSource: origin, nonce, scriptUri: `${origin}/panel.js`, styleUri: `${origin}/panel.css` }));
    return;
  }
  const f = files[path];
  if (!f) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': f[0] });
  res.end(f[1]());
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
origin = `http://127.0.0.1:${server.address().port}`;

// The stub VS Code API: messages and state land on window; state survives a reload (sessionStorage),
// as VS Code keeps a webview's state across reloads.
const STUB = `
  window.__posted = [];
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
    getState: () => { const s = sessionStorage.getItem('state'); return s ? JSON.parse(s) : undefined; },
    setState: (s) => sessionStorage.setItem('state', JSON.stringify(s)),
  });
`;

const { context, page: p } = await launchBrowser({ name: 'webview', viewport: { width: 1000, height: 1000 } });
page = p;
const dialogs = [];
const pageErrors = [];
page.on('dialog', (d) => {
  dialogs.push(d.message());
  void d.dismiss();
});
page.on('pageerror', (e) => pageErrors.push(String(e)));
page.on('console', (m) => {
  if (m.type() === 'error') pageErrors.push(m.text());
});
await page.addInitScript(STUB);

const web = fx.composeModel(0);
const api = fx.composeModel(1);
const webTarget = { kind: 'file', uri: 'file:///work/sample/compose.yaml', index: 0, name: 'web' };
const send = (msg) => page.evaluate((m) => window.postMessage(m, '*'), msg);
const posted = () => page.evaluate(() => window.__posted);
const theme = (kind) =>
  page.evaluate((k) => {
    document.body.className = k;
    document.body.dataset.vscodeThemeKind = k;
  }, kind);

try {
  await check('the page loads with its CSP and asks for the model', async () => {
    await page.goto(`${origin}/panel.html`);
    await page.addStyleTag({ url: `${origin}/themes.css` });
    await theme('vscode-dark');
    await page.waitForFunction(() => window.__posted.some((m) => m.type === 'ready'));
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    equal(csp, fx.panelCsp(origin, nonce), 'CSP');
    assert(/default-src 'none'/.test(csp) && /script-src 'nonce-/.test(csp), csp);
  });

  await check('renders the model: marker, reasons, stacks, table, one-step-right actions', async () => {
    await send({ type: 'model', model: web, target: webTarget, following: true });
    await page.getByTestId('subject-name').waitFor();
    equal(await page.getByTestId('subject-name').textContent(), 'web', 'name');
    const here = page.locator('.spectrum .step.here');
    equal(await here.count(), 1, 'one marked step');
    assert(/weakened container/.test(await here.getAttribute('aria-label')), await here.getAttribute('aria-label'));
    assert(/web is here/.test(await here.getAttribute('aria-label')), 'aria-label names the workload');
    equal(await page.getByTestId('marker').count(), 1, 'marker');
    assert((await page.getByTestId('position').textContent()).includes('5 steps from a virtual machine'), 'position text');
    assert((await page.getByTestId('reasons').textContent()).includes('shares host network'), 'reason');
    equal(await page.locator('svg.stack[role="img"]').count(), 3, 'three SVG stacks');
    assert((await page.locator('svg.stack-container desc').textContent()).includes('Host kernel (shared)'), 'stack description');
    const rows = await page.locator('[data-testid="compare-table"] tbody tr').count();
    assert(rows >= 8, `${rows} table rows`);
    const apply = page.getByRole('button', { name: /Move one step right: Remove network_mode: host/ });
    equal(await apply.count(), 1, 'apply button');
    return `${rows} table rows, ${await page.locator('.action').count()} actions`;
  });

  await check('clicking "move one step right" posts the fix reference the model carries', async () => {
    await page.getByRole('button', { name: /Move one step right: Remove network_mode: host/ }).click();
    const last = (await posted()).filter((m) => m.type === 'apply').pop();
    const action = web.nextStep.actions.find((a) => a.fixes.some((f) => f.ruleId === 'compose-host-network'));
    equal(last, { type: 'apply', actionId: action.id, fix: action.fixes[0] }, 'posted');
    await send({ type: 'applied', actionId: action.id, ok: true, message: 'Applied: Remove network_mode: host.' });
    await page.locator(`[data-testid="action-${action.id}"] [role="status"]`).waitFor();
  });

  await check('keyboard: arrows move across spectrum steps, focus is visible, Tab and arrows reach the buttons', async () => {
    const here = page.locator('.spectrum .step.here');
    await here.focus();
    await page.keyboard.press('ArrowRight');
    let focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    assert(/^Step 4 of 8: default container/.test(focused), `after ArrowRight: ${focused}`);
    assert((await page.getByTestId('step-detail').textContent()).includes('default container'), 'detail follows');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert(outline !== 'none', `focus outline ${outline}`);
    await page.keyboard.press('End');
    focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    assert(/^Step 8 of 8: virtual machine/.test(focused), `after End: ${focused}`);
    await page.keyboard.press('Home');
    focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    assert(/^Step 1 of 8: host process/.test(focused), `after Home: ${focused}`);
    // only one step is in the Tab order (roving tabindex)
    equal(await page.locator('.spectrum .step[tabindex="0"]').count(), 1, 'tabbable steps');
    // Tab leaves the spectrum and reaches the first action button
    let reached = false;
    for (let i = 0; i < 12 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.classList.contains('action-button') ?? false);
    }
    assert(reached, 'Tab did not reach an action button');
    const first = await page.evaluate(() => document.activeElement.textContent);
    await page.keyboard.press('ArrowUp');
    const second = await page.evaluate(() => document.activeElement.textContent);
    assert(first !== second, `ArrowUp did not move between the buttons of the actions (${first})`);
    await page.keyboard.press('ArrowDown');
    equal(await page.evaluate(() => document.activeElement.textContent), first, 'ArrowDown back');
    const before = (await posted()).length;
    await page.keyboard.press('Enter');
    const after = await posted();
    equal(after.length, before + 1, 'Enter posts');
    equal(after.at(-1).type, 'apply', 'Enter on an action button applies');
  });

  await check('state: setState keeps the target and model; a reload renders it before the host answers', async () => {
    const state = await page.evaluate(() => JSON.parse(sessionStorage.getItem('state')));
    equal(state.target, webTarget, 'target in state');
    equal(state.model.subject.name, 'web', 'model in state');
    await page.reload();
    await page.getByTestId('subject-name').waitFor({ timeout: 10_000 });
    equal(await page.getByTestId('subject-name').textContent(), 'web', 'restored');
    await page.waitForFunction(() => window.__posted.some((m) => m.type === 'ready'));
  });

  await check('a malformed or unknown message is ignored and reported, not rendered', async () => {
    await page.addStyleTag({ url: `${origin}/themes.css` });
    await theme('vscode-dark');
    const broken = JSON.parse(JSON.stringify(api));
    broken.reasons[0] = { text: 42 };
    await send({ type: 'model', model: broken, target: webTarget, following: false });
    await send({ type: 'run', code: 'alert(1)' });
    await send('just a string');
    await page.waitForFunction(() => window.__posted.filter((m) => m.type === 'error').length >= 3);
    equal(await page.getByTestId('subject-name').textContent(), 'web', 'still the old model');
    const errors = (await posted()).filter((m) => m.type === 'error').map((m) => m.text);
    assert(errors.some((e) => /message\.model\.reasons\[0\]\.text: expected a string/.test(e)), errors.join(' | '));
  });

  await check('following the editor: a new model for another workload replaces the page', async () => {
    await send({ type: 'model', model: api, target: { ...webTarget, index: 1, name: 'api' }, following: true });
    await page.getByTestId('subject-name').filter({ hasText: /^api$/ }).waitFor();
    assert(/hardened container/.test(await page.locator('.spectrum .step.here').getAttribute('aria-label')), 'api is hardened');
  });

  await check('escaping: a container named <img src=x onerror=alert(1)> renders as text', async () => {
    const evil = fx.evilContainerModel();
    await send({ type: 'model', model: evil, target: { kind: 'container', id: 'f00d', name: fx.EVIL }, following: false });
    await page.getByTestId('subject-name').filter({ hasText: fx.EVIL }).waitFor();
    equal(await page.getByTestId('subject-name').textContent(), fx.EVIL, 'name as text');
    equal(await page.locator('img').count(), 0, 'img elements');
    equal(await page.locator('[onerror]').count(), 0, 'onerror attributes');
    assert((await page.locator('body').textContent()).includes(`/srv/${fx.EVIL}`), 'path shown as text');
    await page.waitForTimeout(200);
    equal(dialogs, [], 'dialogs');
    // a live container gets run options to copy, not fixes
    const copy = page.getByRole('button', { name: 'Copy the run option' }).first();
    await copy.click();
    equal((await posted()).at(-1).type, 'copy-run-option', 'copy posts');
    assert((await page.getByTestId('measured').textContent()).includes(fx.EVIL), 'measured engine name as text');
  });

  await check('screenshots in light, dark and high-contrast themes', async () => {
    await send({ type: 'model', model: web, target: webTarget, following: true });
    await page.getByTestId('subject-name').filter({ hasText: /^web$/ }).waitFor();
    const shots = [];
    for (const [kind, file] of [['vscode-light', 'panel-light.png'], ['vscode-dark', 'panel-dark.png'], ['vscode-high-contrast', 'panel-high-contrast.png']]) {
      await theme(kind);
      await page.evaluate(() => window.scrollTo(0, 0));
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      shots.push(`${kind}: ${bg}`);
      await page.screenshot({ path: join(SHOTS, file) });
    }
    assert(new Set(shots.map((s) => s.split(': ')[1])).size === 3, `backgrounds differ per theme: ${shots.join(', ')}`);
    await page.locator('#stacks').scrollIntoViewIfNeeded();
    await page.locator('#stacks').screenshot({ path: join(SHOTS, 'panel-stacks-high-contrast.png') });
    return shots.join('; ');
  });

  await check('no CSP violation, no page error, no dialog in the whole run', async () => {
    const violations = await page.evaluate(() => window.__violations);
    equal(violations, [], 'CSP violations');
    equal(pageErrors, [], 'page errors');
    equal(dialogs, [], 'dialogs');
  });
} finally {
  await context.close().catch(() => {});
  server.close();
  rmSync(work, { recursive: true, force: true });
}

const passed = results.filter(Boolean).length;
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(results.length - passed > 0 ? 1 : 0);
