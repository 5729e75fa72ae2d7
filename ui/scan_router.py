"""Where a scan goes: every scanner (wedge, HID, serial, camera) ends here as one ScanEvent.

On the resident side a scan is a pickup QR, a resident's fob or a staff badge. In staff mode it
goes to the screen on show (intake, parcel list, desk pickup, audit…), each of which has an
``on_scan(text)``; a screen without one ignores scans, with a word in the log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from hardware.scanner.base import ScanEvent
from ui.main_window import MainWindow
from ui.viewmodels.pickup import PickupViewModel

log = logging.getLogger(__name__)

ScanHandler = Callable[[str], None]


class ScanRouter(QObject):
    def __init__(self, window: MainWindow, pickup: PickupViewModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window = window
        self._pickup = pickup
        self._staff_targets: dict[QWidget, ScanHandler] = {}
        self._resident_targets: dict[QWidget, ScanHandler] = {}
        self.last: tuple[str, str] | None = None  # (where, text) of the last scan routed, for staff and tests

    def add_staff_target(self, screen: QWidget, handler: ScanHandler) -> None:
        self._staff_targets[screen] = handler

    def add_resident_target(self, screen: QWidget, handler: ScanHandler) -> None:
        """Scans while ``screen`` (a resident-side screen other than the keypad) is on show go to ``handler``."""
        self._resident_targets[screen] = handler

    def route(self, event: ScanEvent) -> None:
        text = event.text.strip()
        if not text:
            return
        shell = self._window.staff_shell
        if shell is not None and self._window.current_screen is shell:
            screen = shell.current
            handler = self._staff_targets.get(screen)
            if handler is None:
                log.info("scan ignored on %s", screen.accessibleName())
                self.last = (screen.accessibleName(), text)
                return
            self.last = (screen.accessibleName(), text)
            handler(text)
            return
        resident_handler = self._resident_targets.get(self._window.current_screen)
        if resident_handler is not None:
            self.last = (self._window.current_screen.accessibleName(), text)
            resident_handler(text)
            return
        self.last = ("resident", text)
        self._pickup.submit_scan(text)
