#!/usr/bin/env node
// UI end-to-end test of the comparison panel in real VS Code (code-server's web workbench), driven by
// playwright-core in Debian's Chromium, as a person would: open sample/compose.yaml, click the code
// lens above `web`, read the panel (a webview: two nested iframes, reached with frameLocator), press
// "Move one step right" in it and see the editor change. Takes the README's picture
// (test/e2e/screenshots/panel.png: rewritten only when missing or with UPDATE_SCREENSHOTS=1).
//
//   node test/e2e/panel.test.mjs <code-server base url> [workspace folder]
// The extension is expected installed in that code-server (or CL_DEV_PATH=/checkout, loaded unpacked).
// Last line: "N passed, N failed".
import { join } from 'node:path';
import { root, startE2e } from './lib.mjs';

const { shots: SHOTS, context, page, check, runCommand, checkWorkbenchLoads, finish } = await startE2e({
  script: 'panel.test.mjs',
  label: 'e2e-panel',
  pictures: ['panel.png'],
  viewport: { width: 1400, height: 860 },
  failPrefix: 'panel-',
});

/** The panel's document: the webview's outer iframe holds the inner one with our page. */
const panelFrame = () => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

try {
  await checkWorkbenchLoads('compose.yaml');

  await check('open sample/compose.yaml; the code lens above web shows its isolation', async () => {
    await page.locator('.explorer-folders-view .monaco-list-row[aria-level="1"]', { hasText: /^compose\.yaml$/ }).first().click();
    await page.locator('.tab.active', { hasText: 'compose.yaml' }).waitFor({ timeout: 30_000 });
    const lens = page.locator('.monaco-editor .codelens-decoration a', { hasText: /shares host network/ }).first();
    await lens.waitFor({ timeout: 90_000 });
    return JSON.stringify(await lens.innerText());
  });

  await check('clicking the lens opens "Compare with a VM" beside the editor', async () => {
    await runCommand('View: Close Primary Side Bar');
    await page.locator('.monaco-editor .codelens-decoration a', { hasText: /shares host network/ }).first().click();
    await page.locator('.tab', { hasText: /Compare with a VM/ }).first().waitFor({ timeout: 60_000 });
    const name = panelFrame().getByTestId('subject-name');
    await name.waitFor({ timeout: 60_000 });
    const text = await name.innerText();
    if (text !== 'web') throw new Error(`the panel shows ${JSON.stringify(text)}`);
    const here = await panelFrame().locator('.spectrum .step.here').getAttribute('aria-label');
    if (!/weakened container/.test(here)) throw new Error(`marker: ${here}`);
    const reasons = await panelFrame().getByTestId('reasons').innerText();
    if (!/shares host network/.test(reasons)) throw new Error(`reasons: ${reasons.slice(0, 200)}`);
    return here;
  });

  await check('screenshot of the panel beside the compose file', async () => {
    await panelFrame().locator('#spectrum').waitFor();
    await page.waitForTimeout(300); // the webview fades in
    await page.screenshot({ path: join(SHOTS, 'panel.png') });
    return join(SHOTS, 'panel.png').replace(`${root}/`, '');
  });

  await check('the spectrum is keyboard-operable inside the webview', async () => {
    const here = panelFrame().locator('.spectrum .step.here');
    await here.focus();
    await page.keyboard.press('ArrowRight');
    const focused = await panelFrame().locator('.spectrum .step.selected').getAttribute('aria-label');
    if (!/^Step 4 of 8: default container/.test(focused)) throw new Error(`selected after ArrowRight: ${focused}`);
    return focused;
  });

  await check('"Move one step right" applies the quick-fix in compose.yaml', async () => {
    const button = panelFrame().getByRole('button', { name: /Move one step right: Remove network_mode: host/ });
    await button.click();
    await panelFrame().locator('.result.ok').first().waitFor({ timeout: 30_000 });
    await page.locator('.tab.dirty', { hasText: 'compose.yaml' }).waitFor({ timeout: 30_000 });
    // the panel follows the edit: web is now a default container
    await panelFrame().locator('.spectrum .step.here', { hasText: 'default container' }).waitFor({ timeout: 30_000 });
    const lines = await page.locator('.monaco-editor .view-lines .view-line').allInnerTexts();
    if (lines.some((l) => /network_mode:\s*host/.test(l.replace(/\u00a0/g, ' ')))) throw new Error('network_mode: host is still in the editor');
    return await panelFrame().locator('.result.ok').first().innerText();
  });

  // leave the sample as it is on disk: the fix went to the buffer only
  await page.locator('.tab', { hasText: 'compose.yaml' }).first().click().catch(() => {});
  await runCommand('File: Revert File').catch(() => {});
} finally {
  await context.close().catch(() => {});
}

finish();
