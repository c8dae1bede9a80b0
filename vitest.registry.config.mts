import { defineConfig } from 'vitest/config';

// The real-registry suite (test/registry): Debian's docker-registry on loopback, started per test file by
// test/registry/harness.ts; globalSetup checks the tools, bundles the CLI and starts the private dockerd
// for the engine path. Files run one after another (2 CPUs; the engine is shared). Run through
// scripts/registry/run-tests.sh, which prints the summary line test-all.sh reads.
export default defineConfig({
  test: {
    include: ['test/registry/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/registry/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
