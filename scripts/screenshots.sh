#!/usr/bin/env bash
# Render every screen in a real X11 window under Xvfb into docs/screenshots/ (or $1).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh test
QT_QPA_PLATFORM=xcb exec xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshots.py "${1:-docs/screenshots}"
