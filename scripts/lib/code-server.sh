# shellcheck shell=bash
# Start/stop one code-server (real VS Code 1.139: server + web workbench + Node extension host).
# Source after scripts/lib/tools.sh and call ensure_node24 + ensure_code_server first.
#
#   cs_prepare_profile DIR             # DIR/data (user data + User/settings.json), DIR/exts
#   cs_install_vsix DIR file.vsix      # install into that profile
#   cs_start DIR [extra args...]       # sets CS_PID, CS_PORT, CS_URL; log in DIR/server.log
#   cs_stop                            # kills the process tree (the extension host would
#                                      # otherwise wait out a 3 h reconnection grace time)

# A free TCP port on loopback, chosen by the kernel.
cs_free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# User settings that keep the workbench quiet and deterministic: no trust prompt, welcome page,
# telemetry notice, update check, AI chat or git scan; short hover delay for the UI test.
# cs_prepare_profile DIR [keep]: with "keep", an existing settings.json (the user's changes) stays.
cs_prepare_profile() {
  local dir=$1
  mkdir -p "$dir/data/User" "$dir/exts"
  if [ "${2:-}" = keep ] && [ -e "$dir/data/User/settings.json" ]; then :; else
  cat > "$dir/data/User/settings.json" <<'JSON'
{
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.colorTheme": "Default Dark Modern",
  "workbench.layoutControl.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "chat.disableAIFeatures": true,
  "chat.commandCenter.enabled": false,
  "git.enabled": false,
  "editor.hover.delay": 100,
  "editor.hover.above": false,
  "editor.minimap.enabled": false,
  "window.restoreWindows": "none",
  "files.autoSave": "off"
}
JSON
  fi
  # code-server reads (and otherwise creates) ~/.config/code-server/config.yaml; keep it here.
  printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' > "$dir/config.yaml"
}

_cs_base_args() {
  local dir=$1
  printf '%s\n' --config "$dir/config.yaml" --user-data-dir "$dir/data" --extensions-dir "$dir/exts"
}

cs_install_vsix() {
  local dir=$1 vsix=$2 args
  mapfile -t args < <(_cs_base_args "$dir")
  PATH="$NODE24/bin:$PATH" "$CODE_SERVER" "${args[@]}" --install-extension "$vsix" --force \
    >"$dir/install-extension.log" 2>&1 \
    || { cat "$dir/install-extension.log" >&2; return 1; }
  grep -q 'was successfully installed' "$dir/install-extension.log" \
    || { cat "$dir/install-extension.log" >&2; return 1; }
}

# cs_start DIR [extra code-server args...]
# --vscode-option enable-smoke-test-driver makes the built workbench honour the URL `payload`
# (extensionDevelopmentPath / extensionTestsPath), as @vscode/test-web relies on.
cs_start() {
  local dir=$1; shift
  local args; mapfile -t args < <(_cs_base_args "$dir")
  CS_PORT=${CS_PORT:-$(cs_free_port)}
  CS_URL="http://127.0.0.1:$CS_PORT"
  # setsid: own process group, so cs_stop can end the server, the extension host, the file
  # watcher and the language servers together, by the group of the PID we started.
  PATH="$NODE24/bin:$PATH" setsid "$CODE_SERVER" "${args[@]}" \
    --bind-addr "127.0.0.1:$CS_PORT" --auth none \
    --disable-telemetry --disable-update-check --disable-workspace-trust \
    --disable-getting-started-override --ignore-last-opened \
    --vscode-option enable-smoke-test-driver \
    "$@" >"$dir/server.log" 2>&1 < /dev/null &
  CS_PID=$!
  local i
  for i in $(seq 1 600); do
    if curl -fsS "$CS_URL/healthz" >/dev/null 2>&1; then
      export CS_PID CS_PORT CS_URL
      return 0
    fi
    kill -0 "$CS_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "code-server did not answer on $CS_URL/healthz; its log:" >&2
  tail -40 "$dir/server.log" >&2
  cs_stop
  return 1
}

cs_stop() {
  [ -n "${CS_PID:-}" ] || return 0
  # the whole process group first (setsid made CS_PID its leader), then the PID itself
  kill -TERM -- "-$CS_PID" 2>/dev/null || kill -TERM "$CS_PID" 2>/dev/null || true
  local i
  for i in $(seq 1 50); do kill -0 -- "-$CS_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$CS_PID" 2>/dev/null || true
  CS_PID=
}
