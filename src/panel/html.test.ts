import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json';
import { makeNonce, panelCsp, panelHtml } from './html';

const ROOT = join(__dirname, '..', '..');
const opts = { cspSource: 'https://x.vscode-cdn.net', nonce: 'abcdefghijklmnop0123', scriptUri: 'https://x/panel.js', styleUri: 'https://x/panel.css' };

describe('the panel page', () => {
  it('has the strict CSP: nothing by default, the script by nonce, styles, fonts and images from the extension', () => {
    expect(panelCsp(opts.cspSource, opts.nonce)).toBe(
      "default-src 'none'; img-src https://x.vscode-cdn.net data:; style-src https://x.vscode-cdn.net; font-src https://x.vscode-cdn.net; script-src 'nonce-abcdefghijklmnop0123'",
    );
    const html = panelHtml(opts);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${panelCsp(opts.cspSource, opts.nonce)}">`);
    expect(html).toContain('<script nonce="abcdefghijklmnop0123" src="https://x/panel.js"></script>');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/style=|unsafe-inline|unsafe-eval|https?:\/\/(?!x)/);
  });

  it('refuses a weak nonce and escapes what goes into attributes', () => {
    expect(() => panelHtml({ ...opts, nonce: 'short' })).toThrow(/nonce/);
    expect(() => panelHtml({ ...opts, nonce: 'abcdefghijklmnop"><script>' })).toThrow(/nonce/);
    expect(panelHtml({ ...opts, styleUri: 'https://x/a"b<c.css' })).toContain('href="https://x/a&quot;b&lt;c.css"');
  });

  it('makes base64url nonces of 32 characters from the random source', () => {
    const n = makeNonce((b) => b.fill(255));
    expect(n).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(makeNonce((b) => globalThis.crypto.getRandomValues(b))).not.toBe(makeNonce((b) => globalThis.crypto.getRandomValues(b)));
  });
});

describe('package.json and the .vsix: the panel ships and restores', () => {
  const c = pkg.contributes as Record<string, any>;
  it('contributes the commands and the webview activation event', () => {
    const ids = (c.commands as { command: string }[]).map((x) => x.command);
    expect(ids).toEqual(expect.arrayContaining(['containerLens.compareWithVm', 'containerLens.openIsolationReport', 'containerLens.container.compareWithVm']));
    expect(pkg.activationEvents).toContain('onWebviewPanel:containerLens.comparison');
    const palette = c.menus.commandPalette as { command: string; when?: string }[];
    // "Compare with a VM" is in the palette everywhere (it offers live containers too)
    expect(palette.find((m) => m.command === 'containerLens.compareWithVm')).toBeUndefined();
  });

  it('.vscodeignore ships the webview script and its stylesheet; esbuild builds the script for the browser', () => {
    const ignore = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n');
    expect(ignore).toContain('!dist/webview/panel.js');
    expect(ignore).toContain('!media/**');
    readFileSync(join(ROOT, 'media', 'panel.css'), 'utf8');
    const build = readFileSync(join(ROOT, 'esbuild.mjs'), 'utf8');
    expect(build).toMatch(/entryPoints: \['src\/webview\/panel\.ts'\][\s\S]{0,200}platform: 'browser'/);
  });
});
