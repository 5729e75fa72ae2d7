"""The scanner interface: every driver delivers :class:`ScanEvent` objects to one callback."""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass

from hardware.base import DeviceStatus, StatusListener, StatusPublisher

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScanEvent:
    """One decoded barcode.

    ``text`` is the payload with any AIM prefix removed and GS1 separators as ``"\\x1d"``;
    ``symbology`` a :class:`hardware.scanner.aim.Symbology` value when known; ``source`` the
    URL (or name) of the scanner that read it. ``error`` is set (and ``text`` empty) when the
    driver refused what the device sent, e.g. a burst far longer than any barcode.
    """

    text: str
    symbology: str | None
    source: str
    error: str = ""


ScanCallback = Callable[[ScanEvent], None]


class Scanner(ABC):
    """A barcode scanner. ``start`` opens it and delivers scans to ``on_scan`` until ``stop``.

    ``on_scan`` is called on the driver's own thread; the UI adapts it to a Qt signal.
    Drivers that lose their device keep trying to reconnect and report it through the
    status listeners instead of raising.
    """

    kind = "scanner"

    def __init__(self, url: str) -> None:
        self.url = url
        self._publisher = StatusPublisher(DeviceStatus.offline(self.kind, url, "not started"))
        self._on_scan: ScanCallback | None = None

    def start(self, on_scan: ScanCallback) -> None:
        """Begin delivering scans to ``on_scan``. Returns at once; I/O runs on a thread."""
        self._on_scan = on_scan
        self._open()

    @abstractmethod
    def _open(self) -> None:
        """Driver hook: open the device (or start the thread that does)."""

    @abstractmethod
    def stop(self) -> None:
        """Stop delivering scans and release the device. Safe to call twice."""

    @property
    def status(self) -> DeviceStatus:
        """The latest health snapshot (connected, offline or error, with a detail text)."""
        return self._publisher.status

    @property
    def state(self) -> DeviceStatus:
        """Alias of :attr:`status`."""
        return self._publisher.status

    def add_status_listener(self, listener: StatusListener) -> Callable[[], None]:
        """Call ``listener`` with each new :class:`DeviceStatus`; returns an unsubscribe."""
        return self._publisher.add_listener(listener)

    def _set_status(self, online: bool, detail: str = "", *, error: bool = False) -> None:
        if online:
            status = DeviceStatus.connected(self.kind, self.url, detail)
        elif error:
            status = DeviceStatus.error(self.kind, self.url, detail)
        else:
            status = DeviceStatus.offline(self.kind, self.url, detail)
        self._publisher.publish(status)

    def _deliver(self, event: ScanEvent) -> None:
        """Hand ``event`` to the callback; a failing callback must not kill the reader."""
        callback = self._on_scan
        if callback is None:
            log.debug("scan dropped, scanner %s not started: %r", self.url, event)
            return
        try:
            callback(event)
        except Exception:
            log.exception("scan callback failed for %r", event)
