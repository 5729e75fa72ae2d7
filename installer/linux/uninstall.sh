#!/usr/bin/env bash
# Remove Packroom from a PC where installer/linux/install.sh put it.
#
#   sudo installer/linux/uninstall.sh [--purge [--yes]] [--prefix DIR] [--destdir DIR] [--user NAME]
#
# Removes the program (PREFIX and PREFIX.previous), the kiosk session, the udev rules, the
# logrotate entry and /usr/local/bin/packroom. KEEPS the configuration (/etc/packroom), the
# database and its backups (/var/lib/packroom), the logs (/var/log/packroom) and the user, so
# that installing again carries on where it stopped. Back up first in any case:
#   sudo packroom backup --out /media/usb
#
#   --purge        also delete the configuration, the database, the backups, the logs and the
#                  user: everything Packroom ever stored on this PC. Asks first, unless --yes
#   --yes          do not ask (for --purge)
#   --prefix DIR   where the bundle was installed (default /opt/packroom)
#   --destdir DIR  work under DIR instead of / (tests): system changes are only listed
#   --user NAME    the kiosk's user and group (default packroom)
set -euo pipefail

PREFIX=/opt/packroom
DESTDIR=""
KIOSK_USER=packroom
PURGE=0
YES=0

usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; }
die() { printf 'uninstall.sh: %s\n' "$*" >&2; exit 1; }
log() { printf '[uninstall] %s\n' "$*" >&2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --purge) PURGE=1; shift ;;
    --yes) YES=1; shift ;;
    --prefix) PREFIX=${2:?--prefix needs a folder}; shift 2 ;;
    --destdir) DESTDIR=${2:?--destdir needs a folder}; shift 2 ;;
    --user) KIOSK_USER=${2:?--user needs a name}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
case "$PREFIX" in /?*) ;; *) die "--prefix must be an absolute path" ;; esac
if [ -n "$DESTDIR" ]; then
  DESTDIR=$(cd "$DESTDIR" && pwd)
elif [ "$(id -u)" -ne 0 ]; then
  die "run as root (sudo), or give --destdir"
fi

system() {
  if [ -n "$DESTDIR" ]; then
    printf 'would run: %s\n' "$*"
  else
    "$@" || true
  fi
}

if [ "$PURGE" = 1 ] && [ "$YES" = 0 ]; then
  [ -t 0 ] || die "--purge deletes the database and every backup: add --yes to confirm"
  printf 'Delete the Packroom database, its backups, the configuration and the logs for good? [y/N] '
  read -r answer
  case "$answer" in y|Y|yes|YES) ;; *) log "nothing removed"; exit 1 ;; esac
fi

for unit in packroom-kiosk.service packroom-udev.path packroom-udev.service; do
  system systemctl disable --now "$unit"
done
rm -f "$DESTDIR/etc/systemd/system/packroom-kiosk.service" "$DESTDIR/etc/systemd/system/packroom-udev.service" \
  "$DESTDIR/etc/systemd/system/packroom-udev.path" "$DESTDIR/etc/pam.d/packroom-kiosk" \
  "$DESTDIR/etc/logrotate.d/packroom" "$DESTDIR/usr/local/bin/packroom" "$DESTDIR/etc/default/packroom" \
  "$DESTDIR/etc/udev/rules.d/60-packroom.rules" "$DESTDIR/etc/udev/rules.d/61-packroom-devices.rules"
for dir in "$DESTDIR$PREFIX" "$DESTDIR$PREFIX.previous"; do
  if [ -x "$dir/packroom" ]; then  # only ever a folder that holds a Packroom bundle
    rm -rf "$dir"
  elif [ -e "$dir" ]; then
    log "warning: $dir does not look like a Packroom bundle; left alone"
  fi
done
system systemctl daemon-reload
system udevadm control --reload-rules

if [ "$PURGE" = 1 ]; then
  rm -rf "$DESTDIR/etc/packroom" "$DESTDIR/var/lib/packroom" "$DESTDIR/var/log/packroom"
  if [ -n "$DESTDIR" ]; then
    system userdel "$KIOSK_USER"
  elif getent passwd "$KIOSK_USER" >/dev/null; then
    userdel "$KIOSK_USER" || log "warning: could not remove the user $KIOSK_USER"
  fi
  log "Packroom and all its data are removed."
else
  log "Packroom is removed. Kept: /etc/packroom (configuration), /var/lib/packroom (database and backups),"
  log "/var/log/packroom (logs) and the user $KIOSK_USER. Remove them with: uninstall.sh --purge"
fi
