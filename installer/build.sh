#!/usr/bin/env bash
# Build the Packroom bundle: dist/packroom/, a PyInstaller one-folder application that needs no
# Python on the target PC (make bundle runs this). Then run its self-test.
#
#   installer/build.sh [--dist DIR] [--work DIR] [--clean] [--archive] [--no-self-test]
#
#   --dist DIR       where the bundle folder goes (default: dist)
#   --work DIR       PyInstaller's work folder (default: build/pyinstaller)
#   --clean          empty the work folder first (a from-scratch build)
#   --archive        also pack DIST/packroom-VERSION-linux-ARCH.tar.gz for installer/linux/install.sh
#   --no-self-test   do not run `packroom --self-test` on the result
#
# PACKROOM_PYTHON picks the Python that has Packroom and PyInstaller installed (default
# .venv/bin/python, set up by scripts/bootstrap.sh). On Windows run the same spec from the
# repository root: py -m PyInstaller --noconfirm installer\packroom.spec
set -euo pipefail
cd "$(dirname "$0")/.."

DIST=dist
WORK=build/pyinstaller
CLEAN=()
ARCHIVE=0
SELF_TEST=1
PY=${PACKROOM_PYTHON:-.venv/bin/python}

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --dist) DIST=${2:?--dist needs a folder}; shift 2 ;;
    --work) WORK=${2:?--work needs a folder}; shift 2 ;;
    --clean) CLEAN=(--clean); shift ;;
    --archive) ARCHIVE=1; shift ;;
    --no-self-test) SELF_TEST=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "build.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

log() { printf '[build] %s\n' "$*" >&2; }

[ -x "$PY" ] || { log "no Python at $PY: run scripts/bootstrap.sh test (or set PACKROOM_PYTHON)"; exit 1; }
if ! "$PY" -c 'import PyInstaller' 2>/dev/null; then
  log "PyInstaller is not installed for $PY: $PY -m pip install 'pyinstaller>=6.10'"
  exit 1
fi

started=$(date +%s)
log "building $DIST/packroom with $("$PY" -m PyInstaller --version 2>/dev/null | head -n1 | sed 's/^/PyInstaller /')"
"$PY" -m PyInstaller --noconfirm "${CLEAN[@]}" --log-level WARN \
  --distpath "$DIST" --workpath "$WORK" installer/packroom.spec
BUNDLE="$DIST/packroom"
[ -x "$BUNDLE/packroom" ] || { log "the build produced no $BUNDLE/packroom"; exit 1; }
log "built $BUNDLE ($(du -sh "$BUNDLE" | cut -f1)) in $(($(date +%s) - started)) s"

if [ "$SELF_TEST" = 1 ]; then
  log "self-test"
  "$BUNDLE/packroom" --self-test
fi

if [ "$ARCHIVE" = 1 ]; then
  version=$("$BUNDLE/packroom" --version | awk '{print $2}')
  archive="$DIST/packroom-$version-linux-$(uname -m).tar.gz"
  tar -C "$DIST" -czf "$archive" packroom
  log "archive: $archive"
fi
