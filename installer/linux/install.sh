#!/usr/bin/env bash
# Install (or upgrade) Packroom on a Debian 12 / Ubuntu 22.04+ PC as a locked-down kiosk.
#
#   sudo installer/linux/install.sh [options] [BUNDLE]
#
# BUNDLE is the folder installer/build.sh made (default: dist/packroom beside installer/), or
# a packroom-*.tar.gz from build.sh --archive. What it does:
#   - installs the bundle in PREFIX (/opt/packroom); an older one is kept as PREFIX.previous
#   - creates the system user and group "packroom" (home /var/lib/packroom), in the groups
#     that own serial ports, cameras and printers (dialout, video, lp, plugdev)
#   - /etc/packroom (configuration, written by the set-up wizard at the first start),
#     /var/lib/packroom (database, backups), /var/log/packroom (logs)
#   - udev rules: the static 60-packroom.rules and 61-packroom-devices.rules generated from the
#     configured devices (regenerated whenever /etc/packroom/packroom.toml changes)
#   - packroom-kiosk.service: Packroom full screen in a cage Wayland session on tty7 at boot,
#     restarted whenever it exits; logrotate for the session log; /usr/local/bin/packroom
#   - on an upgrade: stops the kiosk, backs the database up, installs the new version, applies
#     the migrations (which back up again and roll back on failure) and runs the self-test;
#     if either fails the previous version is put back and started again.
#
# Options:
#   --prefix DIR   where the bundle goes (default /opt/packroom)
#   --destdir DIR  lay the files down under DIR instead of / (packaging, tests): no user,
#                  package, service or udev change is made, only listed ("would run: ...")
#   --user NAME    the kiosk's user and group (default packroom)
#   --tty N        the virtual terminal of the kiosk session (default 7)
#   --no-deps      do not install Debian packages (cage, fonts, Qt's system libraries)
#   --no-kiosk     no kiosk session (a back-office PC: the command line and the data only)
#   --no-start     install and enable, but do not start the kiosk now
#   -h, --help     this text
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=/opt/packroom
DESTDIR=""
KIOSK_USER=packroom
TTY_NUMBER=7
DEPS=1
KIOSK=1
START=1
BUNDLE=""

usage() { sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }
log() { printf '[install] %s\n' "$*" >&2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) PREFIX=${2:?--prefix needs a folder}; shift 2 ;;
    --destdir) DESTDIR=${2:?--destdir needs a folder}; shift 2 ;;
    --user) KIOSK_USER=${2:?--user needs a name}; shift 2 ;;
    --tty) TTY_NUMBER=${2:?--tty needs a number}; shift 2 ;;
    --no-deps) DEPS=0; shift ;;
    --no-kiosk) KIOSK=0; shift ;;
    --no-start) START=0; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) [ -z "$BUNDLE" ] || die "one bundle at a time"; BUNDLE=$1; shift ;;
  esac
done

case "$PREFIX" in /*) ;; *) die "--prefix must be an absolute path" ;; esac
[[ "$KIOSK_USER" =~ ^[a-z_][a-z0-9_-]*$ ]] || die "--user: $KIOSK_USER is not a valid user name"
[[ "$TTY_NUMBER" =~ ^[0-9]+$ ]] || die "--tty: $TTY_NUMBER is not a number"
if [ -n "$DESTDIR" ]; then
  mkdir -p "$DESTDIR"
  DESTDIR=$(cd "$DESTDIR" && pwd)
elif [ "$(id -u)" -ne 0 ]; then
  die "run as root (sudo), or give --destdir to lay the files down elsewhere"
fi

# Runs a command that changes the system; with --destdir it is only listed.
system() {
  if [ -n "$DESTDIR" ]; then
    printf 'would run: %s\n' "$*"
  else
    "$@"
  fi
}

# ------------------------------------------------------------------------------ the bundle
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
[ -n "$BUNDLE" ] || BUNDLE="$HERE/../../dist/packroom"
if [ -f "$BUNDLE" ]; then
  log "unpacking $BUNDLE"
  tar -C "$WORK" -xzf "$BUNDLE"
  found=$(find "$WORK" -maxdepth 3 -type f -name packroom -perm -u+x | head -n1)
  [ -n "$found" ] || die "$BUNDLE holds no packroom executable"
  BUNDLE=$(dirname "$found")
fi
[ -x "$BUNDLE/packroom" ] || die "no bundle at $BUNDLE (build it with installer/build.sh, or give its folder)"
BUNDLE=$(cd "$BUNDLE" && pwd)
VERSION=$("$BUNDLE/packroom" --version | awk '{print $2}')
[ -n "$VERSION" ] || die "$BUNDLE/packroom --version printed nothing"

ROOT_PREFIX="$DESTDIR$PREFIX"
UPGRADE=0
OLD_VERSION=""
if [ -x "$ROOT_PREFIX/packroom" ]; then
  UPGRADE=1
  OLD_VERSION=$("$ROOT_PREFIX/packroom" --version 2>/dev/null | awk '{print $2}' || true)
fi
log "installing Packroom $VERSION in $ROOT_PREFIX$([ "$UPGRADE" = 1 ] && echo " (upgrading ${OLD_VERSION:-an unknown version})")"

# ------------------------------------------------------------------------------ packages
if [ "$DEPS" = 1 ]; then
  PKGS=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 libusb-1.0-0 fonts-dejavu-core
        dbus udev)
  [ "$KIOSK" = 1 ] && PKGS+=(cage)
  if [ -z "$DESTDIR" ]; then
    missing=()
    for p in "${PKGS[@]}"; do
      dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
      log "installing Debian packages: ${missing[*]}"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq || log "apt-get update failed; trying with the cached lists"
      apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
  else
    system apt-get install -y --no-install-recommends "${PKGS[@]}"
  fi
fi

# ------------------------------------------------------------------------------ user and folders
if [ -z "$DESTDIR" ]; then
  getent group "$KIOSK_USER" >/dev/null || groupadd --system "$KIOSK_USER"
  if ! getent passwd "$KIOSK_USER" >/dev/null; then
    useradd --system --gid "$KIOSK_USER" --home-dir /var/lib/packroom --no-create-home \
      --shell /usr/sbin/nologin --comment "Packroom kiosk" "$KIOSK_USER"
  fi
  for group in dialout video lp plugdev input render; do
    getent group "$group" >/dev/null && usermod -aG "$group" "$KIOSK_USER"
  done
else
  system groupadd --system "$KIOSK_USER"
  system useradd --system --gid "$KIOSK_USER" --home-dir /var/lib/packroom --shell /usr/sbin/nologin "$KIOSK_USER"
  system usermod -aG dialout,video,lp,plugdev,input,render "$KIOSK_USER"
fi

# owner:group mode folder -- chown only on the real system (the user does not exist in DESTDIR)
folder() {
  local owner=$1 mode=$2 dir="$DESTDIR$3"
  install -d -m "$mode" "$dir"
  chmod "$mode" "$dir"
  [ -n "$DESTDIR" ] || chown "$owner" "$dir"
}
folder "root:$KIOSK_USER" 2770 /etc/packroom      # the wizard (as the kiosk user) writes packroom.toml here
folder "$KIOSK_USER:$KIOSK_USER" 0750 /var/lib/packroom
folder "root:$KIOSK_USER" 2775 /var/log/packroom

# ------------------------------------------------------------------------------ upgrade: stop and back up
kiosk_cli() {  # the installed command, as the kiosk user, with the kiosk's environment
  if [ -n "$DESTDIR" ]; then
    printf 'would run: packroom %s\n' "$*"
  else
    runuser -u "$KIOSK_USER" -- env XDG_CONFIG_HOME=/etc PACKROOM_DATA_DIR=/var/lib/packroom \
      XDG_STATE_HOME=/var/log HOME=/var/lib/packroom "$PREFIX/packroom" "$@"
  fi
}
if [ "$UPGRADE" = 1 ]; then
  system systemctl stop packroom-kiosk.service || true
  log "backing up the database with the installed version before upgrading"
  kiosk_cli backup || log "warning: the backup failed (the migration makes its own copy first)"
  rm -rf "$ROOT_PREFIX.previous"
  mv "$ROOT_PREFIX" "$ROOT_PREFIX.previous"
fi

# ------------------------------------------------------------------------------ files
install -d -m 0755 "$ROOT_PREFIX"
cp -a "$BUNDLE/." "$ROOT_PREFIX/"
chmod -R go-w "$ROOT_PREFIX"
[ -n "$DESTDIR" ] || chown -R root:root "$ROOT_PREFIX"

# template SOURCE DEST MODE: install a file from installer/linux with @PREFIX@, @USER@, @TTY@ filled in
template() {
  local source="$HERE/$1" dest="$DESTDIR$2" mode=$3
  install -d -m 0755 "$(dirname "$dest")"
  sed -e "s|@PREFIX@|$PREFIX|g" -e "s|@USER@|$KIOSK_USER|g" -e "s|@TTY@|$TTY_NUMBER|g" "$source" > "$dest.tmp"
  chmod "$mode" "$dest.tmp"
  mv -f "$dest.tmp" "$dest"
}
if [ -e "$DESTDIR/etc/default/packroom" ]; then
  log "keeping /etc/default/packroom as it is"
else
  template packroom.default /etc/default/packroom 0644
fi
template packroom.sh /usr/local/bin/packroom 0755
template packroom.logrotate /etc/logrotate.d/packroom 0644
template packroom-udev.service /etc/systemd/system/packroom-udev.service 0644
template packroom-udev.path /etc/systemd/system/packroom-udev.path 0644
if [ "$KIOSK" = 1 ]; then
  template packroom-kiosk.service /etc/systemd/system/packroom-kiosk.service 0644
  template packroom-kiosk.pam /etc/pam.d/packroom-kiosk 0644
fi

# udev: the common devices (static), then the configured ones (generated from the configuration)
RULES="$DESTDIR/etc/udev/rules.d"
install -d -m 0755 "$RULES"
for static in "$HERE/../udev/60-packroom.rules" "$HERE/udev/60-packroom.rules"; do
  if [ -f "$static" ]; then
    install -m 0644 "$static" "$RULES/60-packroom.rules"
    break
  fi
done
XDG_CONFIG_HOME="$DESTDIR/etc" PACKROOM_DATA_DIR="$DESTDIR/var/lib/packroom" XDG_STATE_HOME="$DESTDIR/var/log" \
  "$ROOT_PREFIX/packroom" udev-rules --group "$KIOSK_USER" --output "$RULES/61-packroom-devices.rules" >/dev/null

# ------------------------------------------------------------------------------ activate
rollback() {
  log "$1: putting Packroom ${OLD_VERSION:-the previous version} back"
  rm -rf "$ROOT_PREFIX"
  mv "$ROOT_PREFIX.previous" "$ROOT_PREFIX"
  if [ "$KIOSK" = 1 ]; then system systemctl start packroom-kiosk.service || true; fi
  die "$1; the previous version is running again, the database is as it was (see /var/log/packroom)"
}

system systemctl daemon-reload
system udevadm control --reload-rules
system udevadm trigger --action=change --subsystem-match=usb --subsystem-match=hidraw --subsystem-match=tty \
  --subsystem-match=video4linux --subsystem-match=usbmisc
system systemctl enable --now packroom-udev.path

if [ "$UPGRADE" = 1 ]; then
  log "applying the database migrations (a backup is made first and restored if one fails)"
  kiosk_cli db upgrade || rollback "the database migration failed"
fi
log "self-test"
kiosk_cli self-test --database configured || {
  if [ "$UPGRADE" = 1 ]; then rollback "the self-test failed"; fi
  die "the self-test failed: see above; the kiosk was not enabled"
}

if [ "$KIOSK" = 1 ]; then
  system systemctl set-default graphical.target
  system systemctl disable "getty@tty$TTY_NUMBER.service"
  system systemctl enable packroom-kiosk.service
  if [ "$START" = 1 ]; then
    system systemctl restart packroom-kiosk.service
  fi
fi
if [ "$UPGRADE" = 0 ]; then
  log "installed. At the first start the kiosk opens the set-up wizard on tty$TTY_NUMBER."
else
  log "upgraded to $VERSION; the previous version stays in $PREFIX.previous until the next upgrade."
fi
log "command line: packroom --help (as root it runs as $KIOSK_USER); logs in /var/log/packroom"
