#!/usr/bin/env node
// The same integration suite in desktop VS Code through @vscode/test-electron, for machines that can
// download VS Code (this project's CI cannot: it runs the suite in code-server instead).
//   npm run test:electron            # env: VSCODE_VERSION (default "stable")
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
try {
  await runTests({
    version: process.env.VSCODE_VERSION || 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'dist/test/integration/index.js'),
    launchArgs: [join(root, 'sample'), '--disable-extensions', '--disable-workspace-trust', '--skip-welcome',
      '--skip-release-notes'],
  });
} catch (e) {
  console.error(`[test:electron] ${e && e.message || e}`);
  process.exitCode = 1;
}
