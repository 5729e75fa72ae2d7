#!/usr/bin/env bash
# Start the Packroom kiosk. Sets everything up on first use (system packages,
# virtual environment); with no arguments it runs the demo building on an
# embedded SQLite database with simulated devices (`packroom run --demo`). Other
# arguments go to `packroom run` instead (e.g. ./run.sh --config /etc/packroom/packroom.toml;
# `./run.sh --fullscreen` on a fresh install opens the set-up wizard).
set -euo pipefail
cd "$(dirname "$0")"
scripts/bootstrap.sh run
[ $# -gt 0 ] || set -- --demo
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "[run] no display found: starting under Xvfb (install a desktop to see the window)" >&2
  scripts/bootstrap.sh test >/dev/null
  exec xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/packroom run "$@"
fi
exec .venv/bin/packroom run "$@"
