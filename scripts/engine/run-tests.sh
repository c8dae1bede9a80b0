#!/usr/bin/env bash
# run-tests.sh - the real-engine suite (test/engine) against a private dockerd.
#
# vitest's globalSetup starts the engine with scripts/engine/start-engine.sh (installing docker.io when
# root and missing) and stops it afterwards unless it was already running. The LAST line printed is
#   engine: N passed, N failed[, N skipped]
# (the format scripts/lib/suites.sh counts).
# Exit: 0 all passed; 1 a failure; 3 skipped: not root and no engine, outside CI (the caller shows a skip).
# Under CI (CI=true or 1) a missing engine is a failure, never a skip.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
is_ci() { [ "${CI:-}" = true ] || [ "${CI:-}" = 1 ]; }

# Decide the skip here, before vitest, so the reason is one clear line.
if [ "$(id -u)" != 0 ] && ! is_ci; then
  sock=${CL_ENGINE_RUN:-/run/container-lens-test}/docker.sock
  if ! curl -s --max-time 2 --unix-socket "$sock" http://engine/_ping 2>/dev/null | grep -qx OK; then
    echo "engine: skipped: not root and no private engine answering on $sock (run: sudo scripts/engine/start-engine.sh)"
    exit 3
  fi
fi

mkdir -p .test-run
json=.test-run/engine-vitest.json
rm -f "$json"
node_modules/.bin/vitest run --config vitest.engine.config.mts --reporter=default --reporter=json --outputFile.json="$json" "$@"
rc=$?
node scripts/lib/vitest-counts.mjs engine "$json" "$rc" || exit 1
exit $rc
