#!/usr/bin/env bash
# npm start: a real VS Code (code-server 4.139.1 = VS Code 1.139) in your browser with Container Lens
# installed from a freshly built .vsix, on the bundled sample/ workspace. Ctrl+C stops it.
#   npm start                 # env: PORT (default 8080 when free), CL_CACHE
#   npm start -- --dev        # load the extension unpacked from this checkout instead of the .vsix
# The profile (settings, state) is kept in ~/.cache/container-lens-test/start-profile.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib/tools.sh"
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [ -n "${PORT:-}" ]; then export CS_PORT=$PORT
elif port_free 8080; then export CS_PORT=8080
fi
# a fresh clone: install the project's own dependencies first (npm ci is exact and offline-cacheable)
if [ ! -d "$HERE/../node_modules/esbuild" ]; then
  echo "[start] installing dependencies (npm ci)"
  (cd "$HERE/.." && npm ci --no-audit --no-fund) || { echo "npm ci failed" >&2; exit 1; }
fi
exec bash "$HERE/code-server.sh" --profile "$CL_CACHE/start-profile" "$@"
