#!/usr/bin/env node
// UI end-to-end test of digest pinning in real VS Code (code-server's web workbench), as a person would do it:
// a Dockerfile whose FROM names an image on the loopback test registry (CL_REGISTRY_HOST, started by
// scripts/lib/suites.sh with `scripts/registry/start-registry.mjs --fixtures`), Ctrl+. on the FROM line, pick
// "Pin … to its current digest", and the line gets the digest the registry itself reports for the tag. Then the
// hover on the pinned reference says it is a multi-platform index with both platforms. Takes the README's picture
// of the quick-fix menu (test/e2e/screenshots/pin.png: rewritten only when missing or with UPDATE_SCREENSHOTS=1).
//
//   CL_REGISTRY_HOST=127.0.0.1:PORT node test/e2e/pin.test.mjs <code-server base url> [workspace folder]
// The Dockerfile is written to <folder>/.e2e-pin/ and removed at the end. Last line: "N passed, N failed".
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCEPT_ALL, request } from '../../scripts/registry/lib.mjs';
import { root, squeeze, startE2e } from './lib.mjs';

const HOST = (process.env.CL_REGISTRY_HOST || '').trim();
if (!HOST) {
  console.error('pin.test.mjs: CL_REGISTRY_HOST is not set (the loopback registry of scripts/registry/start-registry.mjs)');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

/** The digest the registry reports for repo:tag, asked directly (not through Container Lens). */
async function registryDigest(repo, tag) {
  const r = await request(`http://${HOST}/v2/${repo}/manifests/${tag}`, { method: 'HEAD', headers: { Accept: ACCEPT_ALL } });
  const digest = r.headers['docker-content-digest'];
  if (r.status !== 200 || typeof digest !== 'string') throw new Error(`HEAD ${repo}:${tag}: ${r.status}`);
  return digest;
}

const { folder, shots: SHOTS, page, context, check, checkWorkbenchLoads, finish } = await startE2e({
  script: 'pin.test.mjs',
  label: 'e2e-pin',
  pictures: ['pin.png'],
  viewport: { width: 1280, height: 800 },
  failPrefix: 'pin-',
});

const image = `${HOST}/cl/multi:1.0`;
const dir = join(folder, '.e2e-pin');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'Dockerfile'), `FROM ${image}\nUSER 10001\nCMD ["sh"]\n`);

const firstLine = async () =>
  squeeze((await page.locator('.monaco-editor .view-lines .view-line').first().textContent()).replace(/\u00a0/g, ' '));

try {
  await checkWorkbenchLoads('Dockerfile');

  await check('open .e2e-pin/Dockerfile with Quick Open', async () => {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible', timeout: 30_000 });
    await input.fill('.e2e-pin/Dockerfile');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Dockerfile' }).first().waitFor({ timeout: 60_000 });
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor.focused').waitFor({ timeout: 30_000 });
    const line = await firstLine();
    if (line !== `FROM ${image}`) throw new Error(`first line: ${JSON.stringify(line)}`);
    return line;
  });

  let title = '';
  await check('Ctrl+. on the FROM line offers "Pin … to its current digest"', async () => {
    const menu = page.locator('.action-widget').filter({ visible: true });
    const item = menu.locator('.monaco-list-row', { hasText: /Pin .* current digest/ }).first();
    // the finding appears after the first analysis; ask again until the menu has the pin action
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('End');
      await page.keyboard.press('Control+Period');
      try {
        await item.waitFor({ timeout: 10_000 });
        break;
      } catch (e) {
        if (attempt >= 5) throw e;
        await page.keyboard.press('Escape');
        await page.waitForTimeout(1000);
      }
    }
    await item.hover();
    title = squeeze(await item.innerText());
    await page.screenshot({ path: join(SHOTS, 'pin.png') });
    return `${JSON.stringify(title)}; picture ${join(SHOTS, 'pin.png').replace(`${root}/`, '')}`;
  });

  await check('picking it writes the digest the registry reports, tag kept', async () => {
    const expected = await registryDigest('cl/multi', '1.0');
    await page.locator('.action-widget .monaco-list-row', { hasText: /Pin .* current digest/ }).first().click();
    const want = `FROM ${image}@${expected}`;
    const deadline = Date.now() + 60_000;
    let line = '';
    while (Date.now() < deadline) {
      line = await firstLine();
      if (line.includes('@sha256:')) break;
      await page.waitForTimeout(250);
    }
    if (line !== want) throw new Error(`first line ${JSON.stringify(line)}, expected ${JSON.stringify(want)}`);
    return line.length > 90 ? `${line.slice(0, 90)}…` : line;
  });

  await check('the hover on the pinned reference: multi-platform index, both platforms', async () => {
    await page.keyboard.press('Escape');
    const token = page.locator('.monaco-editor .view-lines .view-line').first().locator('span', { hasText: /cl\/multi/ }).first();
    const hover = page.locator('.monaco-hover-content').filter({ visible: true });
    for (let attempt = 1; ; attempt++) {
      await page.mouse.move(0, 0);
      await token.hover();
      try {
        await hover.filter({ hasText: /index/ }).first().waitFor({ timeout: 10_000 });
        break;
      } catch (e) {
        if (attempt >= 3) throw e;
      }
    }
    const text = squeeze(await hover.filter({ hasText: /index/ }).first().innerText());
    for (const want of [/multi-platform/i, /linux\/amd64/, /linux\/arm64/]) {
      if (!want.test(text)) throw new Error(`hover lacks ${want}: ${text.slice(0, 300)}`);
    }
    return text.length > 160 ? `${text.slice(0, 160)}…` : text;
  });

  // leave the workspace as it was: the edit stays in the buffer, the file is removed below
  await page.keyboard.press('Escape');
} finally {
  await context.close().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
}
finish();
