/**
 * The comparison panel's HTML shell: a strict Content-Security-Policy (nothing by default; the script
 * only by nonce; styles, fonts and images only from the extension), the stylesheet, the root element
 * and the script. No data goes into the HTML: the model arrives as a message and is rendered as text.
 * No vscode here, so the browser test builds the very same page.
 */
export interface PanelHtmlOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  /** A fresh random nonce per page. */
  nonce: string;
  /** `webview.asWebviewUri(…/dist/webview/panel.js)`, as a string. */
  scriptUri: string;
  /** `webview.asWebviewUri(…/media/panel.css)`, as a string. */
  styleUri: string;
}

/** The policy on its own, for tests that compare it. */
export function panelCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

const attr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function panelHtml(o: PanelHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(o.nonce)) throw new Error('panelHtml: the nonce must be 16 or more base64 characters');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="UTF-8">',
    `<meta http-equiv="Content-Security-Policy" content="${attr(panelCsp(o.cspSource, o.nonce))}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
    `<link rel="stylesheet" href="${attr(o.styleUri)}">`,
    '<title>Container Lens: Compare with a VM</title>',
    '</head>',
    '<body>',
    '<div id="root"><p>Loading the comparison…</p></div>',
    `<script nonce="${o.nonce}" src="${attr(o.scriptUri)}"></script>`,
    '</body>',
    '</html>',
  ].join('\n');
}

/** A nonce from 24 random bytes (base64url). `random` is `crypto.getRandomValues`-like. */
export function makeNonce(random: (bytes: Uint8Array) => Uint8Array): string {
  const bytes = random(new Uint8Array(24));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
