"""Build a scanner from its configuration URL; a site changes the URL, never code.

===============================  ===========================================================
``keyboard:?gap_ms=40``          keyboard wedge; the UI's event filter feeds it
``hid://0c2e:0b61?mode=pos``     USB HID read directly with pyusb (boot keyboard or HID POS)
``serial:///dev/ttyACM0``        serial / USB CDC-ACM (``serial://COM3`` on Windows)
``camera:/dev/video0``           a camera decoder, built by the ``camera_factory`` given
``sim:``                         simulated, fed by :meth:`SimScanner.inject`
===============================  ===========================================================
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hardware.errors import DeviceUrlError
from hardware.scanner.base import Scanner
from hardware.scanner.hid import HidScanner
from hardware.scanner.serial import SerialScanner
from hardware.scanner.sim import SimScanner
from hardware.scanner.wedge import KeyboardWedgeScanner
from hardware.url import parse_device_url

SCHEMES = ("keyboard", "hid", "serial", "camera", "sim")


def open_scanner(
    url: str,
    *,
    camera_factory: Callable[..., Scanner] | None = None,
    **kw: Any,
) -> Scanner:
    """Return the (not yet started) scanner ``url`` names; call ``start(on_scan)`` on it.

    ``kw`` goes to the driver: ``backend=`` (a pyusb backend) for ``hid``, retry timings
    for ``hid`` and ``serial``. ``camera:`` URLs are handed to ``camera_factory(url, **kw)``
    because camera decoding lives with the camera drivers.
    """
    parsed = parse_device_url(url)
    scheme = parsed.scheme
    if scheme == "keyboard":
        return KeyboardWedgeScanner.from_url(parsed)
    if scheme == "hid":
        return HidScanner(parsed, **kw)
    if scheme == "serial":
        return SerialScanner(parsed, **kw)
    if scheme == "sim":
        return SimScanner(parsed.raw, gs_replacement=parsed.params.get("gs") or None)
    if scheme == "camera":
        if camera_factory is None:
            raise DeviceUrlError(
                f"{url}: camera scanners need the camera support; pass camera_factory= "
                "to open_scanner (the device manager does)"
            )
        return camera_factory(url, **kw)
    raise DeviceUrlError(
        f"{url}: unknown scanner type {scheme!r}; use one of {', '.join(SCHEMES)}"
    )
