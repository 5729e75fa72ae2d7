#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian 12 / Ubuntu 22.04+ machine.
#   scripts/bootstrap.sh run   -> what the kiosk needs
#   scripts/bootstrap.sh test  -> plus Xvfb, PostgreSQL and the test tools
# Installs only what is missing; a second run does (almost) nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PURPOSE=${1:-run}
VENV=${PACKROOM_VENV:-$ROOT/.venv}

log() { printf '[bootstrap] %s\n' "$*" >&2; }

RUNTIME_PKGS=(python3 python3-venv python3-pip libzbar0 libgl1 libegl1 libglib2.0-0 libfontconfig1
  libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xkb1
  libusb-1.0-0 fonts-dejavu-core tesseract-ocr tesseract-ocr-eng)
TEST_PKGS=(xvfb xauth postgresql poppler-utils binutils)

apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then sudo="sudo"; else
      log "missing system packages: ${missing[*]} (not root and no sudo; install them, then rerun)"; return 0
    fi
  fi
  log "installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq || log "apt-get update failed; trying with the cached lists"
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

if command -v dpkg-query >/dev/null 2>&1; then
  apt_install "${RUNTIME_PKGS[@]}"
  [ "$PURPOSE" = test ] && apt_install "${TEST_PKGS[@]}"
else
  log "not a Debian-family system: install libzbar, libusb, Qt's xcb libraries (and Xvfb, PostgreSQL for tests) yourself"
fi

PY=""
for cand in python3.13 python3.12 python3.11 python3; do
  if command -v "$cand" >/dev/null && "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    PY=$(command -v "$cand"); break
  fi
done
[ -n "$PY" ] || { log "Python 3.11 or newer is required"; exit 1; }

if [ ! -x "$VENV/bin/python" ]; then
  log "creating virtual environment in $VENV"
  "$PY" -m venv "$VENV"
fi

EXTRAS=""
[ "$PURPOSE" = test ] && EXTRAS="[test]"
STAMP="$VENV/.packroom-installed$EXTRAS"
HASH=$(cat pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$HASH" ]; then
  log "installing Packroom$EXTRAS into $VENV"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".$EXTRAS"
  echo "$HASH" > "$STAMP"
fi
