#!/usr/bin/env bash
# run-tests.sh - the real-registry suite (test/registry): digest resolution against Debian's
# docker-registry on loopback (plain, Basic, Bearer with a test token service, TLS with a test CA), fault
# servers, a CONNECT proxy, the engine path against the private dockerd, the CLI's pin and --check-drift.
#
# Installs docker-registry, apache2-utils and openssl when root and missing (scripts/lib/tools.sh). The LAST
# line printed is
#   registry: N passed, N failed[, N skipped]
# (the format scripts/lib/suites.sh counts).
# Exit: 0 all passed; 1 a failure; 3 skipped: the tools are missing and this is not root, outside CI.
# Under CI (CI=true or 1) a missing tool is a failure, never a skip.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
. scripts/lib/tools.sh
is_ci() { [ "${CI:-}" = true ] || [ "${CI:-}" = 1 ]; }

if ! ensure_registry_tools; then
  if is_ci; then
    echo "registry: 0 passed, 1 failed (docker-registry, htpasswd or openssl missing and could not be installed)"
    exit 1
  fi
  echo "registry: skipped: docker-registry, htpasswd or openssl is missing (sudo apt-get install -y docker-registry apache2-utils openssl)"
  exit 3
fi

mkdir -p .test-run
json=.test-run/registry-vitest-$$.json
rm -f "$json"
node_modules/.bin/vitest run --config vitest.registry.config.mts --reporter=default --reporter=json --outputFile.json="$json" "$@"
rc=$?
node scripts/lib/vitest-counts.mjs registry "$json" "$rc" || { rm -f "$json"; exit 1; }
rm -f "$json"
exit $rc
