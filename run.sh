#!/usr/bin/env bash
# Start the Packroom kiosk. Sets everything up on first use (system packages,
# virtual environment); with no configuration it runs the demo building on an
# embedded SQLite database with simulated devices. Extra arguments go to
# `packroom run` (e.g. ./run.sh --config /etc/packroom/packroom.toml).
set -euo pipefail
cd "$(dirname "$0")"
scripts/bootstrap.sh run
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "[run] no display found: starting under Xvfb (install a desktop to see the window)" >&2
  scripts/bootstrap.sh test >/dev/null
  exec xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/packroom run "$@"
fi
exec .venv/bin/packroom run "$@"
