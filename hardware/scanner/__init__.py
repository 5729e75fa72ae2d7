"""Barcode scanners: keyboard wedge, direct USB HID, serial, simulated (and camera, elsewhere).

Every driver implements :class:`Scanner` and delivers :class:`ScanEvent` objects; build one
from its configuration URL with :func:`open_scanner`.
"""

from hardware.scanner.aim import GS, Symbology
from hardware.scanner.base import ScanCallback, ScanEvent, Scanner
from hardware.scanner.factory import open_scanner

__all__ = ["GS", "ScanCallback", "ScanEvent", "Scanner", "Symbology", "open_scanner"]
