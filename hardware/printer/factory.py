"""Build a label printer from its configuration URL; a site changes the URL, never code.

=================================================  ============================================
``escpos-usb://0416:5011``                          ESC/POS over USB (pyusb)
``escpos-serial:///dev/ttyUSB0?baudrate=19200``     ESC/POS over a serial port
``escpos-tcp://192.168.1.50:9100``                  ESC/POS over the network (raw port 9100)
``escpos-file:///dev/usb/lp0``                      ESC/POS to a device file, write-only
``sim:?width=384&dir=/tmp/labels``                  simulated; keeps labels, writes PNGs
=================================================  ============================================

Every ESC/POS URL takes ``width=576|384`` or ``profile=NAME``; see
:mod:`hardware.printer.escpos_printer` for the rest.
"""

from __future__ import annotations

from typing import Any

from hardware.errors import DeviceUrlError
from hardware.printer.base import LabelPrinter
from hardware.printer.escpos_printer import TRANSPORTS, EscposPrinter
from hardware.printer.sim import SimPrinter
from hardware.url import parse_device_url

SCHEMES = (*(f"escpos-{t}" for t in TRANSPORTS), "sim")


def open_printer(url: str, **kw: Any) -> LabelPrinter:
    """Return the printer ``url`` names; it connects on first use, not here.

    ``kw`` goes to the driver: ``backend=`` (a pyusb backend) for ``escpos-usb``,
    ``timeout=`` / ``status_timeout=`` in seconds for the ESC/POS transports.
    """
    parsed = parse_device_url(url)
    if parsed.scheme == "sim":
        if kw:
            raise TypeError(f"sim: printer takes no options, got {', '.join(kw)}")
        return SimPrinter.from_url(url)
    if parsed.scheme.startswith("escpos-"):
        return EscposPrinter(url, **kw)
    raise DeviceUrlError(
        f"{url}: unknown printer type {parsed.scheme!r}; use one of {', '.join(SCHEMES)}"
    )
