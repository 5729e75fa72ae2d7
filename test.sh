#!/usr/bin/env bash
# Run the whole Packroom test suite: lint, types, layer contracts and pytest
# (unit, SQLite, PostgreSQL, hardware-at-the-byte-level and GUI tests).
# Sets everything up on first use. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
scripts/bootstrap.sh test
V=.venv/bin
echo "== ruff"; $V/ruff check kiosk ui hardware tests bench
echo "== mypy"; $V/mypy
echo "== import-linter"; $V/lint-imports
echo "== pytest"
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
exec $V/python -m pytest "$@"
