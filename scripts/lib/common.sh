# shellcheck shell=bash
# Shared bits of the repo's shell scripts: paths, timing, the "N passed, N failed" arithmetic.
CL_ROOT=${CL_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
CL_VSIX="$CL_ROOT/dist/container-lens.vsix"

cl_now_ms() { date +%s%3N; }
cl_secs_since() { local t0=$1; awk -v d=$(( $(cl_now_ms) - t0 )) 'BEGIN { printf "%.1fs", d / 1000 }'; }

# The last "N passed, N failed" line of a file, as "N N" (nothing when there is none).
cl_counts_from() {
  grep -E '^([A-Za-z]+: )?[0-9]+ passed, [0-9]+ failed' "$1" 2>/dev/null | tail -1 \
    | sed -E 's/^([A-Za-z]+: )?([0-9]+) passed, ([0-9]+) failed.*/\2 \3/'
}

# `npm run package`: the production bundle and an offline .vsix (vsce --no-dependencies needs no
# network; esbuild already bundled the dependencies) at dist/container-lens.vsix.
cl_package_vsix() {
  (cd "$CL_ROOT" && npm run --silent package)
}
