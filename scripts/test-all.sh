#!/usr/bin/env bash
# npm test: every suite, one after another, with one summary.
#   lint (boundaries) -> typecheck -> build + package (.vsix) -> unit (vitest) -> webview (Chromium)
#   -> real Docker engine (test/engine) -> real registry (test/registry: digests, auth, TLS, proxies, CLI pin)
#   -> integration suite inside real VS Code (code-server's extension host)
#   -> UI end-to-end (Playwright + Chromium driving the code-server workbench), then the README pictures
#      (test/e2e/screenshots.mjs: Containers view on the private engine, a compose file, a manifest)
# Each suite prints its own "N passed, N failed"; the LAST line of this script is the sum over all
# suites. A step that is not a test (lint, typecheck, build, install) counts as one failure when it
# fails, so the run is red. Exit code: 0 only when nothing failed.
#
# Real-VS-Code suites: installed on demand (apt: chromium + compilers; npm: Node 24, code-server),
# cached by version under ~/.cache/container-lens-test. Under CI=true a missing piece is installed
# or the run fails; on a developer machine without root they are skipped with a message.
# The engine suite and the Containers view tests use a private dockerd (scripts/engine/), started
# once for both and stopped at the end if this run started it.
# Env: SKIP_VSCODE=1, SKIP_ENGINE=1 (both ignored under CI), VERBOSE=1, CL_CACHE.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib/common.sh"
. "$HERE/lib/tools.sh"
. "$HERE/lib/code-server.sh"
. "$HERE/lib/suites.sh"
cd "$CL_ROOT"
T_ALL=$(cl_now_ms)

if [ ! -x node_modules/.bin/esbuild ] || [ ! -x node_modules/.bin/vitest ]; then
  # a fresh clone: npm test installs the project's dependencies itself
  step install npm ci --no-audit --no-fund
fi

# --- static checks ---------------------------------------------------------------------------------
if [ -f scripts/check-boundaries.mjs ] && node -e 'process.exit(require("./package.json").scripts?.lint ? 0 : 1)'; then
  step lint npm run --silent lint
else
  skip lint "no boundary check (scripts/check-boundaries.mjs) yet"
fi
step typecheck node_modules/.bin/tsc -p . --noEmit

# --- build: the production bundle + .vsix (what users install) and the integration-test bundle -----
BUILD_OK=1
step package cl_package_vsix || BUILD_OK=0
step build-tests node scripts/build-tests.mjs || BUILD_OK=0

# --- unit tests (vitest) -------------------------------------------------------------------------
unit() {
  local json="$CL_LOGS/vitest.json" rc
  rm -f "$json"
  node_modules/.bin/vitest run --reporter=default --reporter=json --outputFile.json="$json"
  rc=$?
  node scripts/lib/vitest-counts.mjs unit "$json"
  return $rc
}
suite unit unit

# --- real Docker engine (test/engine, scripts/engine/run-tests.sh) ---------------------------------
# started once here and reused by the Containers view tests in code-server below
if [ -f scripts/engine/run-tests.sh ] && { [ "${SKIP_ENGINE:-}" != 1 ] || is_ci; }; then
  trap 'engine_stop' EXIT
  engine_start
  case $ENGINE_STATE in
    up) suite engine bash scripts/engine/run-tests.sh ;;
    failed) record engine 0 1 - "not run: the engine did not start" ;;
    *) skip engine "no private Docker engine here" ;;
  esac
fi

# --- real registry (test/registry, scripts/registry/run-tests.sh) ----------------------------------
# docker-registry on loopback, one per test file; the engine-path tests use the engine started above
if [ -f scripts/registry/run-tests.sh ]; then
  if is_ci || [ "$(id -u)" = 0 ] || { command -v docker-registry && command -v htpasswd && command -v openssl; } >/dev/null 2>&1; then
    suite registry bash scripts/registry/run-tests.sh
  else
    skip registry "docker-registry, htpasswd or openssl missing and not root (sudo apt-get install -y docker-registry apache2-utils openssl)"
  fi
fi

# --- the comparison panel's webview in headless Chromium (test/webview) ---------------------------
# the real bundle, page shell and CSP with a stub VS Code API; Chromium from apt like the UI tests
if [ "$BUILD_OK" != 1 ]; then
  record webview 0 1 - "not run: the build failed"
elif bash -c '. "$1/scripts/lib/tools.sh" && ensure_chromium' _ "$CL_ROOT" >"$CL_LOGS/webview-tools.log" 2>&1; then
  suite webview node test/webview/panel.test.mjs
elif is_ci || [ "$(id -u)" = 0 ]; then
  record webview 0 1 - "FAILED: chromium could not be installed (log: ${CL_LOGS#"$CL_ROOT"/}/webview-tools.log)"
else
  skip webview "chromium is not installed and this is not root (sudo apt-get install chromium)"
fi

# --- real VS Code --------------------------------------------------------------------------------
if [ "${SKIP_VSCODE:-}" = 1 ] && ! is_ci; then
  skip integration "SKIP_VSCODE=1"; skip e2e-ui "SKIP_VSCODE=1"
elif [ "$BUILD_OK" != 1 ]; then
  record integration 0 1 - "not run: the build failed"; record e2e-ui 0 1 - "not run: the build failed"
else
  vscode_suites "integration e2e-ui"
fi

engine_stop
print_summary "$(cl_secs_since "$T_ALL")"
[ "$FAILED" = 0 ]
