#!/usr/bin/env bash
# stop-engine.sh - undo start-engine.sh: remove every container of the private engine, stop its dockerd,
# the containerd it manages and any shim left behind, and unmount what they left mounted.
# The data root (with the busybox image) stays, so the next start is fast; PURGE=1 deletes it too.
#
# Only processes of this engine are signalled: the pid in its pid files, or processes whose command line
# names this engine's containerd socket. The host's network was never touched, so there is nothing to undo.
# Same env knobs as start-engine.sh (CL_ENGINE_DIR, CL_ENGINE_RUN). Exit 0 also when nothing was running.
set -uo pipefail
CL_CACHE=${CL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/container-lens-test}
DIR=${CL_ENGINE_DIR:-$CL_CACHE/engine}
RUN=${CL_ENGINE_RUN:-/run/container-lens-test}
SOCK=$RUN/docker.sock
PIDFILE=$RUN/dockerd.pid
log() { echo "[stop-engine] $*" >&2; }
now_ms() { date +%s%3N; }
since() { awk -v d=$(( $(now_ms) - $1 )) 'BEGIN { printf "%.1fs", d / 1000 }'; }
alive() { [ -r "/proc/$1/stat" ] && [ "$(sed 's/.*) //' "/proc/$1/stat" | cut -d' ' -f1)" != Z ]; }  # zombies count as dead
T=$(now_ms)

if [ ! -S "$SOCK" ] && [ ! -s "$PIDFILE" ] && [ ! -s "$RUN/exec/containerd/containerd.pid" ] && [ "${PURGE:-0}" != 1 ]; then
  log "nothing to stop (no socket or pid file in $RUN)"; exit 0
fi
if [ "$(id -u)" != 0 ]; then log "stopping the private engine needs root (run: sudo $0)"; exit 3; fi

DOCKER=/usr/bin/docker; [ -x "$DOCKER" ] || DOCKER=docker
if [ -S "$SOCK" ] && curl -s --max-time 2 --unix-socket "$SOCK" http://engine/_ping >/dev/null 2>&1; then
  ids=$("$DOCKER" -H "unix://$SOCK" ps -aq)
  # rm -f = SIGKILL + remove: no waiting for PID-1 processes that ignore SIGTERM.
  if [ -n "$ids" ]; then
    # shellcheck disable=SC2086
    "$DOCKER" -H "unix://$SOCK" rm -f $ids >/dev/null
    log "removed $(echo "$ids" | wc -l) containers"
  fi
fi

pid=$(cat "$PIDFILE" 2>/dev/null || true)
if [ -n "$pid" ] && alive "$pid" && grep -q dockerd "/proc/$pid/comm" 2>/dev/null; then
  kill -TERM "$pid"
  for _ in $(seq 1 300); do alive "$pid" || break; sleep 0.1; done
  if alive "$pid"; then log "dockerd $pid still alive after 30 s: SIGKILL"; kill -KILL "$pid"; fi
  log "dockerd $pid stopped"
fi

# The containerd dockerd manages, and shims still pointing at its socket (after a SIGKILLed dockerd).
csock=$RUN/exec/containerd/containerd.sock
for p in $(cat "$RUN/exec/containerd/containerd.pid" 2>/dev/null) \
         $(grep -lsF "$csock" /proc/[0-9]*/cmdline 2>/dev/null | cut -d/ -f3); do
  [ "$p" = "$$" ] && continue
  if alive "$p"; then log "killing leftover $(cat "/proc/$p/comm" 2>/dev/null) $p"; kill -KILL "$p" 2>/dev/null; fi
done

# Mounts left below our folders (overlay, shm, netns), deepest first.
grep -E " ($DIR|$RUN)/" /proc/mounts | awk '{print $2}' | sort -r | while read -r m; do
  umount -l "$m" 2>/dev/null && log "unmounted $m"
done

rm -f "$SOCK" "$PIDFILE" "$RUN/engine.env"
if [ "${PURGE:-0}" = 1 ]; then rm -rf "$DIR" "$RUN" && log "purged $DIR and $RUN"; fi
log "done in $(since "$T")"
