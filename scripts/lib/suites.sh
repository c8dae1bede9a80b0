# shellcheck shell=bash
# Running steps and suites with one tally, for scripts/test-all.sh and scripts/test-vscode.sh.
# Source after common.sh, tools.sh and code-server.sh.
#   step NAME CMD...    a non-test step (lint, build, install): its failure counts as one failed
#   suite NAME CMD...   a test suite printing "N passed, N failed"; a non-zero exit with no failure
#                       counted, a missing count line or zero tests count as one failed
#   skip NAME WHY       shown in the summary, counts nothing
#   print_summary       per-suite lines, then "N passed, N failed" as the very last line
# Every run has its own folders (logs, code-server profile) named by its PID, so two runs in one
# checkout (two terminals, two helpers) never delete or overwrite each other's; folders of runs that
# are gone are removed when the next run starts.
CL_RUN_ID=${CL_RUN_ID:-$$}
_cl_prune_stale() {
  local parent=$1 d id
  mkdir -p "$parent"
  for d in "$parent"/* "$parent"/.[!.]*; do
    [ -e "$d" ] || continue
    id=$(basename "$d")
    if [[ $id =~ ^[0-9]+$ ]] && kill -0 "$id" 2>/dev/null; then continue; fi
    rm -rf "$d"
  done
}
_cl_prune_stale "$CL_ROOT/.test-run/logs"
_cl_prune_stale "$CL_ROOT/.test-run/code-server"
CL_LOGS=${CL_LOGS:-$CL_ROOT/.test-run/logs/$CL_RUN_ID}
CL_PROFILE=${CL_PROFILE:-$CL_ROOT/.test-run/code-server/$CL_RUN_ID}
PASSED=0 FAILED=0
SUMMARY=()
mkdir -p "$CL_LOGS"

is_ci() { [ "${CI:-}" = true ] || [ "${CI:-}" = 1 ]; }

record() { # record NAME PASSED FAILED TIME [note]
  PASSED=$((PASSED + $2)); FAILED=$((FAILED + $3))
  SUMMARY+=("$(printf '  %-14s %4s passed, %3s failed  %7s  %s' "$1" "$2" "$3" "$4" "${5:-}")")
}

step() {
  local name=$1; shift
  local t0; t0=$(cl_now_ms)
  echo "== $name: $*"
  "$@" 2>&1 | tee "$CL_LOGS/$name.log"
  if [ "${PIPESTATUS[0]}" = 0 ]; then
    record "$name" 0 0 "$(cl_secs_since "$t0")" ok
    return 0
  fi
  echo "!! $name failed (log: ${CL_LOGS#"$CL_ROOT"/}/$name.log)"
  record "$name" 0 1 "$(cl_secs_since "$t0")" FAILED
  return 1
}

suite() {
  local name=$1; shift
  local t0; t0=$(cl_now_ms)
  echo "== $name: $*"
  "$@" 2>&1 | tee "$CL_LOGS/$name.log"
  local rc=${PIPESTATUS[0]} counts p f
  counts=$(cl_counts_from "$CL_LOGS/$name.log")
  p=${counts% *}; f=${counts#* }
  [ -n "$counts" ] || { p=0; f=1; echo "!! $name printed no 'N passed, N failed' line"; }
  if [ "$rc" != 0 ] && [ "$f" = 0 ]; then f=1; echo "!! $name exited $rc"; fi
  if [ "$p" = 0 ] && [ "$f" = 0 ]; then f=1; echo "!! $name ran no test"; fi
  record "$name" "$p" "$f" "$(cl_secs_since "$t0")"
}

skip() { SUMMARY+=("$(printf '  %-14s skipped: %s' "$1" "$2")"); echo "-- $1 skipped: $2"; }

print_summary() {
  echo
  echo "== summary${1:+ ($1)}"
  printf '%s\n' "${SUMMARY[@]}"
  echo "$PASSED passed, $FAILED failed"
}

# The private Docker engine (scripts/engine/, owned by the engine tests) for the engine suite and the
# Containers view tests in code-server. engine_start exports DOCKER_HOST, CL_ENGINE_RUN and
# CL_ENGINE_IMAGE (code-server and so the extension host inherit them) and sets ENGINE_STATE:
#   up       it answers (started here, or already running)      skip    cannot run here (not root, not CI)
#   failed   it should have started but did not                  absent  no engine scripts in this checkout
# engine_stop stops it only if this run started it.
ENGINE_STATE=none ENGINE_STARTED_HERE=0
engine_start() {
  local start="$CL_ROOT/scripts/engine/start-engine.sh" t0 out rc k v
  if [ ! -f "$start" ]; then ENGINE_STATE=absent; return 0; fi
  t0=$(cl_now_ms)
  local sock="${CL_ENGINE_RUN:-/run/container-lens-test}/docker.sock"
  if [ "$(curl -s --max-time 2 --unix-socket "$sock" http://engine/_ping 2>/dev/null)" != OK ]; then ENGINE_STARTED_HERE=1; fi
  echo "== engine-start: $start"
  out=$(bash "$start" 2> >(tee "$CL_LOGS/engine-start.log" >&2))
  rc=$?
  case $rc in
    0)
      while IFS='=' read -r k v; do
        case $k in DOCKER_HOST|CL_ENGINE_RUN|CL_ENGINE_IMAGE) export "$k=$v" ;; esac
      done <<< "$out"
      ENGINE_STATE=up
      record engine-start 0 0 "$(cl_secs_since "$t0")" "ok: $DOCKER_HOST" ;;
    3)
      ENGINE_STARTED_HERE=0
      if is_ci; then ENGINE_STATE=failed; record engine-start 0 1 "$(cl_secs_since "$t0")" "FAILED: cannot run here"
      else ENGINE_STATE=skip; skip engine-start "no private Docker engine (needs root: sudo scripts/engine/start-engine.sh)"; fi ;;
    *)
      ENGINE_STARTED_HERE=0 ENGINE_STATE=failed
      record engine-start 0 1 "$(cl_secs_since "$t0")" "FAILED (log: ${CL_LOGS#"$CL_ROOT"/}/engine-start.log)" ;;
  esac
  return 0
}
engine_stop() {
  [ "$ENGINE_STARTED_HERE" = 1 ] || return 0
  ENGINE_STARTED_HERE=0
  bash "$CL_ROOT/scripts/engine/stop-engine.sh" >"$CL_LOGS/engine-stop.log" 2>&1 || true
}

# The loopback registry (scripts/registry/, owned by the registry tests) for the digest-pinning tests in
# the integration suite. registry_start runs `start-registry.mjs --fixtures` and exports CL_REGISTRY_HOST
# (code-server and so the extension host inherit it); it sets REGISTRY_STATE:
#   up       it answers                               skip    cannot run here (no docker-registry, not root, not CI)
#   failed   it should have started but did not       absent  no registry scripts in this checkout
# Under CI, skip and absent count as failures. registry_stop stops it if this run started it.
REGISTRY_STATE=none REGISTRY_DIR=
registry_start() {
  local start="$CL_ROOT/scripts/registry/start-registry.mjs" t0 out rc k v
  t0=$(cl_now_ms)
  if [ ! -f "$start" ]; then
    REGISTRY_STATE=absent
    if is_ci; then record registry-start 0 1 - "FAILED: scripts/registry/start-registry.mjs is missing"
    else skip registry-start "no loopback registry scripts (scripts/registry/) in this checkout"; fi
    return 0
  fi
  if ! command -v docker-registry >/dev/null 2>&1 && declare -F ensure_registry_tools >/dev/null && { is_ci || [ "$(id -u)" = 0 ]; }; then
    echo "== registry tools: apt-get install docker-registry apache2-utils openssl"
    ensure_registry_tools >"$CL_LOGS/registry-tools.log" 2>&1 || echo "!! installing the registry tools failed (log: ${CL_LOGS#"$CL_ROOT"/}/registry-tools.log)"
  fi
  if ! command -v docker-registry >/dev/null 2>&1; then
    if is_ci; then REGISTRY_STATE=failed; record registry-start 0 1 "$(cl_secs_since "$t0")" "FAILED: docker-registry is not installed"
    else REGISTRY_STATE=skip; skip registry-start "Debian's docker-registry is missing (sudo apt-get install -y docker-registry); the pin tests skip"; fi
    return 0
  fi
  echo "== registry-start: node $start --fixtures"
  # the registry runs on detached with its output in its own log, so this returns once it is ready
  out=$(timeout 120 node "$start" --fixtures 2> >(tee "$CL_LOGS/registry-start.log" >&2))
  rc=$?
  while IFS='=' read -r k v; do
    case $k in
      CL_REGISTRY_HOST) export CL_REGISTRY_HOST="$v" ;;
      CL_REGISTRY_DIR) REGISTRY_DIR=$v ;;
    esac
  done <<< "$out"
  if [ "$rc" = 0 ] && [ -n "${CL_REGISTRY_HOST:-}" ]; then
    REGISTRY_STATE=up
    record registry-start 0 0 "$(cl_secs_since "$t0")" "ok: $CL_REGISTRY_HOST"
  else
    REGISTRY_STATE=failed
    unset CL_REGISTRY_HOST
    record registry-start 0 1 "$(cl_secs_since "$t0")" "FAILED (exit $rc, log: ${CL_LOGS#"$CL_ROOT"/}/registry-start.log)"
  fi
  return 0
}
registry_stop() {
  [ -n "$REGISTRY_DIR" ] || return 0
  local dir=$REGISTRY_DIR
  REGISTRY_DIR=
  node "$CL_ROOT/scripts/registry/stop-registry.mjs" "$dir" >"$CL_LOGS/registry-stop.log" 2>&1 || true
}

# vscode_suites "integration e2e-ui": the suites inside one code-server (VS Code 1.139), one after
# another; the .vsix is installed for the UI test, the integration suite loads the checkout through
# extensionDevelopmentPath. Needs dist/container-lens.vsix (cl_package_vsix) and
# dist/test/integration/index.js (scripts/build-tests.mjs).
vscode_suites() {
  local wanted=$1 t0 profile=$CL_PROFILE
  t0=$(cl_now_ms)
  echo "== tools: apt packages, Node $NODE24_VERSION, code-server $CODE_SERVER_VERSION, chromium"
  # installs print live through the pipe (a subshell); the second call only sets the variables
  bash -c '. "$1/scripts/lib/tools.sh" && ensure_vscode_tools' _ "$CL_ROOT" 2>&1 | tee "$CL_LOGS/tools.log"
  if [ "${PIPESTATUS[0]}" != 0 ] || ! ensure_vscode_tools >/dev/null 2>&1; then
    if is_ci || [ "$(id -u)" = 0 ]; then
      record tools 0 1 "$(cl_secs_since "$t0")" "FAILED: real VS Code could not be installed"
    else
      local s; for s in $wanted; do skip "$s" "real VS Code is not installed and this is not root or CI (see above)"; done
    fi
    return 0
  fi
  record tools 0 0 "$(cl_secs_since "$t0")" ok

  # the Containers view tests in the integration suite and the README pictures of the UI step need the engine
  # (skipped without it, except in CI)
  if [[ " $wanted " == *" integration "* || " $wanted " == *" e2e-ui "* ]] && [ "$ENGINE_STATE" = none ]; then engine_start; fi
  # the digest-pinning tests in the integration suite need the loopback registry (same rules as the engine)
  # (and so does the UI test of the pin quick-fix)
  if [[ " $wanted " == *" integration "* || " $wanted " == *" e2e-ui "* ]] && [ "$REGISTRY_STATE" = none ]; then registry_start; fi

  rm -rf "$profile"
  cs_prepare_profile "$profile"
  export CL_DEV_PATH=
  if [[ " $wanted " == *" e2e-ui "* ]]; then
    t0=$(cl_now_ms)
    if [ -f "$CL_VSIX" ] && cs_install_vsix "$profile" "$CL_VSIX"; then
      record install-vsix 0 0 "$(cl_secs_since "$t0")" ok
    else
      record install-vsix 0 1 "$(cl_secs_since "$t0")" "FAILED: the UI test loads the checkout instead"
      export CL_DEV_PATH="$CL_ROOT"
    fi
  fi
  trap 'cs_stop; engine_stop; registry_stop' EXIT
  trap 'exit 130' INT TERM
  t0=$(cl_now_ms)
  # a short grace time: the extension host of a closed test window ends soon after, not in 3 h
  if ! cs_start "$profile" --reconnection-grace-time 15; then
    record code-server 0 1 "$(cl_secs_since "$t0")" FAILED
    return 0
  fi
  echo "code-server $CODE_SERVER_VERSION on $CS_URL (pid $CS_PID), up in $(cl_secs_since "$t0")"
  local s
  for s in $wanted; do
    case $s in
      integration) suite integration node test/vscode-runner/run-in-code-server.mjs "$CS_URL" "$CL_ROOT/sample" ;;
      e2e-ui)
        suite e2e-ui node test/e2e/ui.test.mjs "$CS_URL" "$CL_ROOT/sample"
        # the README pictures of the Containers view, a compose file and a manifest (test/e2e/screenshots.mjs)
        suite e2e-shots node test/e2e/screenshots.mjs "$CS_URL" "$CL_ROOT/sample"
        # the comparison panel (a webview) in the workbench, and its README picture
        suite e2e-panel node test/e2e/panel.test.mjs "$CS_URL" "$CL_ROOT/sample"
        # the pin quick-fix against the loopback registry, and its README picture
        if [ "$REGISTRY_STATE" = up ]; then suite e2e-pin node test/e2e/pin.test.mjs "$CS_URL" "$CL_ROOT/sample"
        elif is_ci; then record e2e-pin 0 1 - "not run: the loopback registry is not up"
        else skip e2e-pin "no loopback registry (see registry-start above)"; fi ;;
    esac
  done
  cs_stop
  engine_stop
  registry_stop
  trap - EXIT INT TERM
}
