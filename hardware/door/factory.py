"""Build a door controller from its configuration URL; a site changes the URL, never code.

=============================================  =================================================
``usbrelay://16c0:05df?relay=1&serial=ABCDE``  dcttech USB HID relay board
``lcus:///dev/ttyUSB1?channel=1``              LCUS serial relay module
``shelly://192.168.1.40?id=0&gen=2``           Shelly network relay (Gen1 or Gen2+)
``uhppote://192.168.1.100?serial=423187757``   UHPPOTE UT0311 access controller
``sim:?sensor=1``                              simulated door, for tests and the demo
=============================================  =================================================
"""

from __future__ import annotations

from typing import Any

from hardware.door.base import DoorController
from hardware.door.lcus import LcusDoor
from hardware.door.shelly import ShellyDoor
from hardware.door.sim import SimDoor
from hardware.door.uhppote import UhppoteDoor
from hardware.door.usbrelay import UsbRelayDoor
from hardware.errors import DeviceUrlError
from hardware.url import parse_device_url

SCHEMES = ("usbrelay", "lcus", "shelly", "uhppote", "sim")


def open_door(url: str, **kw: Any) -> DoorController:
    """Return the controller ``url`` names. Opening is lazy: nothing is sent until the
    first command, so a missing device shows up as :class:`DeviceUnavailable` there.

    ``kw`` goes to the driver, e.g. ``backend=`` (a pyusb backend) for ``usbrelay``.
    """
    parsed = parse_device_url(url)
    scheme = parsed.scheme
    if scheme == "usbrelay":
        return UsbRelayDoor(parsed, **kw)
    if scheme == "lcus":
        return LcusDoor(parsed, **kw)
    if scheme == "shelly":
        return ShellyDoor(parsed, **kw)
    if scheme == "uhppote":
        return UhppoteDoor(parsed, **kw)
    if scheme == "sim":
        return SimDoor.from_url(url)
    raise DeviceUrlError(
        f"{url}: unknown door controller {scheme!r}; use one of {', '.join(SCHEMES)}"
    )
