#!/usr/bin/env node
// Turns vitest's JSON report into the line scripts/lib/suites.sh counts:
//   node scripts/lib/vitest-counts.mjs LABEL REPORT.json [VITEST_EXIT]
// prints "LABEL: N passed, N failed[, N skipped]" and exits 0. Without a readable report it prints
// "LABEL: 0 passed, 1 failed (no vitest JSON report[; vitest exit VITEST_EXIT])" and exits 1.
import { readFileSync } from 'node:fs';

const [label, file, vitestExit] = process.argv.slice(2);
try {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const skipped = (r.numPendingTests || 0) + (r.numTodoTests || 0);
  // a test file that fails to load has no failed test but is a failed suite
  const broken = (r.testResults || []).filter((t) => t.status === 'failed'
    && !(t.assertionResults || []).some((a) => a.status === 'failed')).length;
  console.log(`${label}: ${r.numPassedTests} passed, ${r.numFailedTests + broken} failed` + (skipped ? `, ${skipped} skipped` : ''));
} catch {
  console.log(`${label}: 0 passed, 1 failed (no vitest JSON report${vitestExit === undefined ? '' : `; vitest exit ${vitestExit}`})`);
  process.exitCode = 1;
}
