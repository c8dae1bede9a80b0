// One cold activation in a fresh process: time require(dist/extension.js) and activate(context) with a
// fake `vscode` module. Prints one JSON line: { requireMs, activateMs } or { error }.
'use strict';
const Module = require('node:module');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const bundle = process.argv[2];
// --host-builtins: load the Node built-ins VS Code's extension host has loaded before any extension
// activates (its own IPC, proxy support and file service use them), so their first-load cost is not
// counted against the extension
if (process.argv.includes('--host-builtins')) {
  for (const m of ['http', 'https', 'net', 'tls', 'crypto', 'child_process', 'os', 'fs', 'path', 'url', 'events', 'stream', 'zlib']) require(m);
}
const root = path.resolve(__dirname, '..');
const fake = require('./fake-vscode.cjs');
const originalLoad = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'vscode') return fake;
  return originalLoad.call(this, request, parent, isMain);
};

const memento = { get: (_k, d) => d, update: async () => {}, keys: () => [], setKeysForSync: () => {} };
const context = {
  subscriptions: [],
  extensionPath: root,
  extensionUri: fake.Uri.file(root),
  extensionMode: 1,
  globalState: memento,
  workspaceState: memento,
  secrets: { get: async () => undefined, store: async () => {}, delete: async () => {}, onDidChange: () => ({ dispose() {} }) },
  asAbsolutePath: (p) => path.join(root, p),
  storageUri: undefined,
  globalStorageUri: fake.Uri.file(path.join(root, '.bench-storage')),
  logUri: fake.Uri.file(path.join(root, '.bench-log')),
  extension: { id: 'container-lens.container-lens', packageJSON: require(path.join(root, 'package.json')) },
  environmentVariableCollection: fake,
};

(async () => {
  try {
    const t0 = performance.now();
    const ext = require(bundle);
    const t1 = performance.now();
    await ext.activate(context);
    const t2 = performance.now();
    for (const d of context.subscriptions) {
      try {
        d?.dispose?.();
      } catch {}
    }
    if (typeof ext.deactivate === 'function') await ext.deactivate();
    process.stdout.write(JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1 }) + '\n');
    process.exit(0); // timers a real extension host would own must not keep the benchmark alive
  } catch (e) {
    process.stdout.write(JSON.stringify({ error: e instanceof Error ? e.stack || e.message : String(e) }) + '\n');
    process.exit(0);
  }
})();
