#!/usr/bin/env bash
# Refresh the translation sources from the code, then compile them. Translators edit the
# .ts files (Qt Linguist: .venv/bin/pyside6-linguist resources/translations/packroom_es.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
for ts in resources/translations/*.ts; do
  .venv/bin/pyside6-lupdate $(find ui -name "*.py" | sort) -ts "$ts" -no-obsolete
  .venv/bin/pyside6-lrelease "$ts" -qm "${ts%.ts}.qm"
done
