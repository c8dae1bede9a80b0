#!/usr/bin/env bash
# Start a real VS Code (code-server 4.139.1 = VS Code 1.139) with Container Lens for manual testing
# or for the test runners, and stop it on exit (Ctrl+C).
#
#   bash scripts/code-server.sh [--vsix | --dev] [--profile DIR] [--port N] [folder]
#     --vsix     package the extension and install the .vsix into the profile (default)
#     --dev      load it unpacked from this checkout (extensionDevelopmentPath in the URL)
#     --profile  user data + extensions folder, kept (default: .test-run/manual-code-server, wiped first)
#     folder     workspace to open (default: sample/)
# Prints the URL to open, then waits.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib/common.sh"
. "$HERE/lib/tools.sh"
. "$HERE/lib/code-server.sh"

MODE=vsix PROFILE="$CL_ROOT/.test-run/manual-code-server" FOLDER="$CL_ROOT/sample" KEEP_PROFILE=0
while [ $# -gt 0 ]; do
  case $1 in
    --vsix) MODE=vsix ;;
    --dev) MODE=dev ;;
    --profile) PROFILE=$2; KEEP_PROFILE=1; shift ;;
    --port) CS_PORT=$2; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) FOLDER=$(cd "$1" && pwd) ;;
  esac
  shift
done

ensure_node24
ensure_code_server
[ "$KEEP_PROFILE" = 1 ] || rm -rf "$PROFILE"
cs_prepare_profile "$PROFILE" "$([ "$KEEP_PROFILE" = 1 ] && echo keep)"
if [ "$MODE" = vsix ]; then
  cl_package_vsix
  cs_install_vsix "$PROFILE" "$CL_VSIX"
else
  (cd "$CL_ROOT" && node esbuild.mjs)
fi
trap 'cs_stop' EXIT
trap 'exit 130' INT TERM
cs_start "$PROFILE"
URL="$CS_URL/?folder=$FOLDER"
if [ "$MODE" = dev ]; then
  URL="$URL&payload=$(node -e 'const [a,p]=process.argv.slice(1);console.log(encodeURIComponent(JSON.stringify([["extensionDevelopmentPath","vscode-remote://"+a+p]])))' "127.0.0.1:$CS_PORT" "$CL_ROOT")"
fi
echo "code-server $CODE_SERVER_VERSION pid $CS_PID, log $PROFILE/server.log"
echo "Open: $URL"
echo "Ctrl+C stops it."
wait "$CS_PID"
