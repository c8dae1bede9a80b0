#!/usr/bin/env bash
# The real-VS-Code suites alone: npm run test:integration | test:e2e.
#   bash scripts/test-vscode.sh integration|e2e-ui|all
# Builds what the suite needs, starts one code-server (installing it on first use), runs the suite,
# stops it. Last line: "N passed, N failed".
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib/common.sh"
. "$HERE/lib/tools.sh"
. "$HERE/lib/code-server.sh"
. "$HERE/lib/suites.sh"
cd "$CL_ROOT"
case ${1:-all} in
  integration) WANTED=integration ;;
  e2e|e2e-ui) WANTED=e2e-ui ;;
  all) WANTED="integration e2e-ui" ;;
  *) echo "usage: $0 integration|e2e-ui|all" >&2; exit 2 ;;
esac
T_ALL=$(cl_now_ms)
OK=1
if [[ " $WANTED " == *" e2e-ui "* ]]; then step package cl_package_vsix || OK=0
else step build node esbuild.mjs || OK=0; fi
if [[ " $WANTED " == *" integration "* ]]; then step build-tests node scripts/build-tests.mjs || OK=0; fi
if [ "$OK" = 1 ]; then vscode_suites "$WANTED"; fi
print_summary "$(cl_secs_since "$T_ALL")"
[ "$FAILED" = 0 ]
