// Bundles:
//   dist/extension.js  node/cjs, `vscode` external: the editor glue that activation loads
//   dist/core.js       node/cjs: the pure core (parsers, rules, knowledge), required by the glue on first use
//   dist/cli.js        node/cjs with a shebang: the CLI, sharing dist/core.js
//   dist/webview/panel.js  browser (iife): the comparison panel's webview script
//
// Why two extension bundles: loading (compiling) the whole core costs ~70 ms, and activation happens as soon
// as a Dockerfile or YAML file is opened, before anything needs analysing. The glue imports core modules
// as usual in the source (so tsc and vitest see plain imports); in the extension build, `lazyCorePlugin`
// turns each of those imports into a small stand-in whose exports are getters that require dist/core.js
// the first time one of them is read. See docs/decisions.md ("Lazy core").
import * as esbuild from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { yamlBrowserBuild } from './scripts/lib/esbuild-yaml.mjs';

const ROOT = dirname(fileURLToPath(import.meta.url));
const CORE = join(ROOT, 'src', 'core');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// --outdir DIR: build elsewhere than dist/ (the benchmark measures the shipped bundles from a temp folder)
const OUT = process.argv.includes('--outdir') ? resolve(process.argv[process.argv.indexOf('--outdir') + 1]) : join(ROOT, 'dist');

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
  target: 'node20',
  platform: 'node',
  format: 'cjs',
  legalComments: 'none',
};

/** Every non-test module of src/core, as `dockerfile/parse`-style keys. */
function coreModules(dir = CORE) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...coreModules(p));
    else if (/\.ts$/.test(entry.name) && !/\.(test|d)\.ts$/.test(entry.name) && !/test-/.test(entry.name)) {
      out.push(relative(CORE, p).slice(0, -3).split(sep).join('/'));
    }
  }
  return out.sort();
}

/** The core bundle's entry: one object holding every core module's namespace, keyed by its path. */
function coreEntryPlugin(modules) {
  return {
    name: 'core-entry',
    setup(build) {
      build.onResolve({ filter: /^container-lens:core-entry$/ }, () => ({ path: 'core-entry', namespace: 'cl-core' }));
      build.onLoad({ filter: /.*/, namespace: 'cl-core' }, () => ({
        resolveDir: CORE,
        loader: 'js',
        contents:
          modules.map((m, i) => `import * as m${i} from './${m}';`).join('\n') +
          `\nmodule.exports = { ${modules.map((m, i) => `${JSON.stringify(m)}: m${i}`).join(', ')} };\n`,
      }));
    },
  };
}

/**
 * In the extension bundle, an import of a core module from outside src/core becomes a stand-in module with
 * one getter per export (names read from the built dist/core.js), each requiring ./core.js on first read.
 * Imports inside src/core are not touched: the core is never split.
 */
function lazyCorePlugin(coreFile) {
  let exportsByModule;
  const namesOf = (key) => {
    if (!exportsByModule) {
      const req = createRequire(import.meta.url);
      delete req.cache[coreFile];
      exportsByModule = req(coreFile);
    }
    const ns = exportsByModule[key];
    if (!ns) throw new Error(`lazy core: ${key} is not in ${coreFile}`);
    return Object.keys(ns);
  };
  return {
    name: 'lazy-core',
    setup(build) {
      build.onResolve({ filter: /core\// }, async (args) => {
        if (args.pluginData === 'lazy-core' || !args.importer || args.importer.startsWith(CORE + sep)) return undefined;
        if (!args.path.startsWith('.') || !resolve(args.resolveDir, args.path).startsWith(CORE + sep)) return undefined;
        // esbuild's own resolution (`x` -> x.ts or x/index.ts), then the module's key in dist/core.js
        const real = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: 'lazy-core' });
        if (real.errors.length > 0) return { errors: real.errors };
        return { path: relative(CORE, real.path).split(sep).join('/').replace(/\.ts$/, ''), namespace: 'cl-lazy-core' };
      });
      build.onLoad({ filter: /.*/, namespace: 'cl-lazy-core' }, (args) => {
        const names = namesOf(args.path);
        const key = JSON.stringify(args.path);
        return {
          loader: 'js',
          contents: [
            `let m;`,
            `const load = () => (m ??= require('./core.js')[${key}]);`,
            `const stand = {};`,
            `for (const n of ${JSON.stringify(names)}) Object.defineProperty(stand, n, { enumerable: true, get: () => load()[n] });`,
            `module.exports = stand;`,
          ].join('\n'),
        };
      });
    },
  };
}

const coreBuild = {
  ...common,
  entryPoints: ['container-lens:core-entry'],
  outfile: join(OUT, 'core.js'),
  plugins: [coreEntryPlugin(coreModules()), yamlBrowserBuild(ROOT)],
};
const extensionBuild = {
  ...common,
  entryPoints: ['src/extension.ts'],
  outfile: join(OUT, 'extension.js'),
  external: ['vscode', './core.js'],
  plugins: [lazyCorePlugin(join(OUT, 'core.js')), yamlBrowserBuild(ROOT)],
};
// the CLI shares dist/core.js with the extension rather than carrying a second copy of the core
const cliBuild = {
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: join(OUT, 'cli.js'),
  banner: { js: '#!/usr/bin/env node' },
  external: ['./core.js'],
  plugins: [lazyCorePlugin(join(OUT, 'core.js')), yamlBrowserBuild(ROOT)],
};
// The comparison panel's script: a browser bundle, loaded by the webview (CSS is media/panel.css).
const webviewBuild = {
  ...common,
  entryPoints: ['src/webview/panel.ts'],
  outfile: join(OUT, 'webview', 'panel.js'),
  platform: 'browser',
  format: 'iife',
  target: 'chrome114',
};

if (watch) {
  // the extension's stand-ins read export names from dist/core.js: build the core once first
  await esbuild.build(coreBuild);
  for (const b of [coreBuild, extensionBuild, cliBuild, webviewBuild]) (await esbuild.context(b)).watch();
} else {
  await esbuild.build(coreBuild);
  await Promise.all([esbuild.build(extensionBuild), existsSync(cliBuild.entryPoints[0]) && esbuild.build(cliBuild), esbuild.build(webviewBuild)]);
}
