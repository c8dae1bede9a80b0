// The `yaml` package ships two builds of the same source: `dist/` (CommonJS, picked for platform node) and
// `browser/` (ES modules). The CommonJS parser reads `process.env.LOG_TOKENS` once per token and the
// composer `process.env.LOG_STREAM` once per document; in node every such read is a call into the
// environment, about a sixth of the parse time of a large manifest. The browser build has no such reads, and
// as ES modules its functions are called directly instead of through CommonJS interop getters.
// Our bundles (and the benchmark's) therefore resolve `yaml` to its browser build. See docs/decisions.md.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** esbuild plugin: `import ... from 'yaml'` resolves to the package's ES-module browser build. */
export function yamlBrowserBuild(root) {
  const pkg = createRequire(join(root, 'package.json')).resolve('yaml/package.json');
  const entry = join(dirname(pkg), 'browser', 'index.js');
  return {
    name: 'yaml-browser-build',
    setup(build) {
      build.onResolve({ filter: /^yaml$/ }, () => ({ path: entry }));
    },
  };
}
