#!/usr/bin/env bash
# start-engine.sh - a private Docker Engine for the real-engine tests (test/engine) and `npm start`.
#
# Installs Debian's docker.io (20.10, API 1.41) when dockerd is missing (root only), starts dockerd and
# the containerd it manages on a private socket, and imports a registry-free busybox image. Nothing is
# ever pulled (Docker Hub is unreachable from the test machines) and the host's network is left alone:
# no docker0 bridge, no iptables rules, no ip_forward change.
#
# stdout: only these lines (env-file syntax, also written to $CL_ENGINE_RUN/engine.env):
#   DOCKER_HOST=unix:///run/container-lens-test/docker.sock
#   CL_ENGINE_RUN=/run/container-lens-test
#   CL_ENGINE_IMAGE=container-lens-test/busybox:1
# Progress goes to stderr.
#
# Exit codes: 0 the engine answers; 1 something failed (log tail on stderr);
#             3 cannot run here: not root and no engine answering on the socket (callers skip, except under CI).
#
# Env knobs:
#   CL_ENGINE_DIR   [~/.cache/container-lens-test/engine]  data root, logs, busybox rootfs. Kept across
#                   restarts so the second start reuses the image (about 1 s instead of about 20 s).
#   CL_ENGINE_RUN   [/run/container-lens-test]  socket, exec root and pid files. Short on purpose: unix socket
#                   paths are limited to 107 bytes and containerd nests its sockets below the exec root. The
#                   folder is 0755, so a permission test fails on the socket's own mode and not on the folder.
#   CL_ENGINE_IMAGE [container-lens-test/busybox:1]
#   CL_ENGINE_SOCK_MODE  e.g. 666, to let users outside the docker group in (default: dockerd's root:docker 0660)
set -euo pipefail
CL_CACHE=${CL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/container-lens-test}
DIR=${CL_ENGINE_DIR:-$CL_CACHE/engine}
RUN=${CL_ENGINE_RUN:-/run/container-lens-test}
IMAGE=${CL_ENGINE_IMAGE:-container-lens-test/busybox:1}
SOCK=$RUN/docker.sock
HOST=unix://$SOCK
PIDFILE=$RUN/dockerd.pid

log() { echo "[start-engine] $*" >&2; }
now_ms() { date +%s%3N; }
since() { awk -v d=$(( $(now_ms) - $1 )) 'BEGIN { printf "%.1fs", d / 1000 }'; }
T_ALL=$(now_ms)

ping_engine() {
  if command -v curl >/dev/null 2>&1; then
    [ "$(curl -s --max-time 2 --unix-socket "$SOCK" http://engine/_ping 2>/dev/null)" = OK ]
  else
    [ -S "$SOCK" ] && docker -H "$HOST" version >/dev/null 2>&1
  fi
}

emit() {
  local env
  env=$(printf 'DOCKER_HOST=%s\nCL_ENGINE_RUN=%s\nCL_ENGINE_IMAGE=%s' "$HOST" "$RUN" "$IMAGE")
  printf '%s\n' "$env"
  if [ -w "$RUN" ]; then printf '%s\n' "$env" >"$RUN/engine.env"; fi
}

if [ "$(id -u)" != 0 ]; then
  # Someone (root) already started it: use it as it is. Anything else needs root.
  if ping_engine; then
    docker -H "$HOST" image inspect "$IMAGE" >/dev/null 2>&1 || log "warning: engine up but image $IMAGE missing (run this script as root once)"
    emit; exit 0
  fi
  if command -v dockerd >/dev/null 2>&1; then
    log "dockerd is installed but starting a private engine needs root (run: sudo $0)"
  else
    log "no Docker engine: dockerd is not installed and installing Debian's docker.io needs root (run: sudo $0)"
  fi
  exit 3
fi

mkdir -p "$DIR" "$RUN"
chmod 0755 "$RUN"

# ---- 1. packages -----------------------------------------------------------------------------------
need=()
command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
command -v curl >/dev/null 2>&1 || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  t=$(now_ms)
  export DEBIAN_FRONTEND=noninteractive
  apt-cache policy docker.io 2>/dev/null | grep -q 'Candidate: [0-9]' || apt-get update -qq >&2
  # No init system runs here; a postinst must not start a second daemon on /var/run/docker.sock.
  guard=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; guard=1; fi
  rc=0
  apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${need[@]}" >"$DIR/apt-install.log" 2>&1 || rc=$?
  [ $guard = 1 ] && rm -f /usr/sbin/policy-rc.d
  if [ $rc != 0 ]; then tail -20 "$DIR/apt-install.log" >&2; log "apt-get install ${need[*]} failed"; exit 1; fi
  log "installed ${need[*]} in $(since "$t")"
fi
# The 20.10 client that comes with the daemon: a newer docker on PATH would work too, but this one is known.
DOCKER=/usr/bin/docker; [ -x "$DOCKER" ] || DOCKER=docker
dk() { "$DOCKER" -H "$HOST" "$@"; }

# ---- 2. dockerd ------------------------------------------------------------------------------------
alive() { [ -r "/proc/$1/stat" ] && [ "$(sed 's/.*) //' "/proc/$1/stat" | cut -d' ' -f1)" != Z ]; }
if ping_engine; then
  log "engine already answering on $SOCK"
else
  t=$(now_ms)
  old=$(cat "$PIDFILE" 2>/dev/null || true)
  if [ -n "$old" ] && alive "$old" && grep -q dockerd "/proc/$old/comm" 2>/dev/null; then
    # A dockerd of ours that does not answer (still starting, or wedged): give it 10 s, then replace it.
    for _ in $(seq 1 100); do ping_engine && break; sleep 0.1; done
    if ! ping_engine; then log "dockerd $old does not answer; killing it"; kill -KILL "$old" 2>/dev/null || true; fi
  fi
  if ! ping_engine; then
    # dockerd refuses to start while its pid file names a live process; a stale one may name someone else.
    rm -f "$PIDFILE" "$SOCK"
    # After a killed dockerd its containerd dies too, but PID 1 here reaps orphans lazily: a zombie
    # passes dockerd's "is containerd still running" check (kill -0), and dockerd then waits on a
    # socket nobody serves until it gives up. Forget a containerd that is not really alive; kill one that is
    # (it belonged to the dead dockerd and would not be supervised).
    cpid=$(cat "$RUN/exec/containerd/containerd.pid" 2>/dev/null || true)
    if [ -n "$cpid" ] && alive "$cpid" && grep -q containerd "/proc/$cpid/comm" 2>/dev/null; then
      kill -KILL "$cpid" 2>/dev/null || true
      for _ in $(seq 1 50); do alive "$cpid" || break; sleep 0.1; done
    fi
    rm -f "$RUN/exec/containerd/containerd.pid"
    # Our own (empty) daemon.json: a host /etc/docker/daemon.json with "hosts" or a bridge would conflict.
    echo '{}' >"$RUN/daemon.json"
    args=(-H "$HOST" --config-file "$RUN/daemon.json" --data-root "$DIR/data" --exec-root "$RUN/exec"
          --pidfile "$PIDFILE" --bridge=none --iptables=false --ip6tables=false --ip-forward=false
          --userland-proxy=false)
    setsid dockerd "${args[@]}" >"$DIR/dockerd.log" 2>&1 </dev/null &
    launched=$!
    for _ in $(seq 1 300); do
      ping_engine && break
      alive "$launched" || { tail -20 "$DIR/dockerd.log" >&2; log "dockerd exited during start (log: $DIR/dockerd.log)"; exit 1; }
      sleep 0.1
    done
    ping_engine || { tail -20 "$DIR/dockerd.log" >&2; log "dockerd not answering after 30 s (log: $DIR/dockerd.log)"; exit 1; }
    log "dockerd $(curl -s --unix-socket "$SOCK" http://engine/version | sed -n 's/.*"Version":"\([^"]*\)","ApiVersion":"\([^"]*\)".*/\1 (API \2)/p') up on $SOCK in $(since "$t")"
  fi
fi
[ -n "${CL_ENGINE_SOCK_MODE:-}" ] && chmod "$CL_ENGINE_SOCK_MODE" "$SOCK"

# ---- 3. a registry-free image: busybox-static's binary in an otherwise empty rootfs ------------------
if ! dk image inspect "$IMAGE" >/dev/null 2>&1; then
  t=$(now_ms)
  tarball=$DIR/busybox-rootfs.tar
  if [ ! -s "$tarball" ]; then
    pkg=$DIR/pkg; mkdir -p "$pkg"
    # Downloaded, not installed: the host keeps its own busybox (or none).
    if ! ls "$pkg"/busybox-static_*.deb >/dev/null 2>&1; then
      (cd "$pkg" && { apt-get download -q busybox-static >/dev/null 2>&1 || { apt-get update -qq && apt-get download -q busybox-static >/dev/null; }; }) \
        || { log "apt-get download busybox-static failed"; exit 1; }
    fi
    rm -rf "$pkg/x" && dpkg-deb -x "$(ls "$pkg"/busybox-static_*.deb | head -1)" "$pkg/x"
    r=$DIR/rootfs; rm -rf "$r"; mkdir -p "$r"/{bin,etc,proc,sys,dev,root,tmp}
    chmod 1777 "$r/tmp"; chmod 0700 "$r/root"
    cp "$pkg/x/bin/busybox" "$r/bin/busybox"
    for a in $("$r/bin/busybox" --list); do [ "$a" = busybox ] || ln -sf busybox "$r/bin/$a"; done
    # A root and a non-root user, so `--user` and image users have something to resolve.
    printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$r/etc/passwd"
    printf 'root:x:0:\nnogroup:x:65534:\n' >"$r/etc/group"
    tar --numeric-owner --owner=0 --group=0 -C "$r" -cf "$tarball.tmp" . && mv -f "$tarball.tmp" "$tarball"
    rm -rf "$r" "$pkg/x"
  fi
  dk import -c 'ENV PATH=/bin' -c 'CMD ["/bin/sh"]' -c 'LABEL org.opencontainers.image.title=container-lens-test-busybox' \
    "$tarball" "$IMAGE" >/dev/null
  log "image $IMAGE imported in $(since "$t")"
fi

emit
log "ready in $(since "$T_ALL"): export DOCKER_HOST=$HOST"
