import { defineConfig } from 'vitest/config';

// The real-engine suite (test/engine): a private dockerd started by scripts/engine/start-engine.sh in
// globalSetup. Files run one after another: they share one engine, and the fault tests stop and
// restart it. Run through scripts/engine/run-tests.sh, which prints the summary line test-all.sh reads.
export default defineConfig({
  test: {
    include: ['test/engine/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/engine/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
