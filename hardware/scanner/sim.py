"""The simulated scanner (``sim:``) for tests and the demo: scans are injected by code."""

from __future__ import annotations

from hardware.scanner.aim import decode_scan
from hardware.scanner.base import ScanEvent, Scanner


class SimScanner(Scanner):
    """Delivers whatever :meth:`inject` is given, on the caller's thread."""

    def __init__(self, url: str = "sim:", *, gs_replacement: str | None = None) -> None:
        super().__init__(url)
        self.gs_replacement = gs_replacement
        self.injected: list[ScanEvent] = []

    def _open(self) -> None:
        self._set_status(True, "simulated scanner")

    def stop(self) -> None:
        self._on_scan = None
        self._set_status(False, "stopped")

    def inject(self, text: str, symbology: str | None = None) -> ScanEvent:
        """Simulate a read of ``text``; an AIM prefix in it is parsed as a real scanner's is."""
        event = decode_scan(
            text, self.url, symbology=symbology, gs_replacement=self.gs_replacement
        )
        self.injected.append(event)
        self._deliver(event)
        return event

    def set_online(self, online: bool, detail: str = "") -> None:
        """Simulate the scanner being unplugged (False) and plugged back in (True)."""
        self._set_status(online, detail or ("simulated scanner" if online else "unplugged"))
