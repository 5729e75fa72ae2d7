#!/bin/sh
# /usr/local/bin/packroom: the Packroom command as the kiosk runs it, with its configuration,
# data and logs (/etc/default/packroom), and as its user, so that nothing in the data folder
# ends up owned by root. Installed by installer/linux/install.sh.
set -e
if [ "$(id -u)" = 0 ] && [ "${PACKROOM_AS_ROOT:-0}" != 1 ]; then
  exec runuser -u @USER@ -- "$0" "$@"
fi
set -a
# shellcheck source=/dev/null
. /etc/default/packroom
set +a
exec @PREFIX@/packroom "$@"
