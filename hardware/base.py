"""What every device driver shares: a status record and a hook to hear when it changes.

Drivers run their own threads and report through plain callbacks; the UI layer adapts
:class:`StatusPublisher` listeners to Qt signals for the device-health bar.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

CONNECTED = "connected"
OFFLINE = "offline"
ERROR = "error"


@dataclass(frozen=True)
class DeviceStatus:
    """A snapshot of one device's health, plain data fit to cross threads.

    ``online`` says whether the device answers; ``detail`` is a short text fit for staff
    ("not plugged in", "paper out"); ``extra`` carries driver-specific facts (serial number,
    firmware). An offline status with ``extra["state"] == "error"`` means the device answers
    but is in trouble (wrong board, protocol error) rather than simply absent.
    """

    kind: str
    url: str
    online: bool
    detail: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def state(self) -> str:
        """One of ``"connected"``, ``"offline"`` or ``"error"``."""
        if self.online:
            return CONNECTED
        return ERROR if self.extra.get("state") == ERROR else OFFLINE

    @classmethod
    def connected(cls, kind: str, url: str, detail: str = "", **extra: str) -> DeviceStatus:
        return cls(kind, url, True, detail, dict(extra))

    @classmethod
    def offline(cls, kind: str, url: str, detail: str = "", **extra: str) -> DeviceStatus:
        return cls(kind, url, False, detail, dict(extra))

    @classmethod
    def error(cls, kind: str, url: str, detail: str = "", **extra: str) -> DeviceStatus:
        return cls(kind, url, False, detail, {**extra, "state": ERROR})


StatusListener = Callable[[DeviceStatus], None]


class StatusPublisher:
    """Holds a device's latest :class:`DeviceStatus` and tells listeners when it changes.

    Listeners are called on whichever thread publishes (usually the driver's own thread);
    an exception in one listener is logged and does not stop the driver or other listeners.
    """

    def __init__(self, initial: DeviceStatus) -> None:
        self._lock = threading.Lock()
        self._status = initial
        self._listeners: list[StatusListener] = []

    @property
    def status(self) -> DeviceStatus:
        with self._lock:
            return self._status

    def add_listener(self, listener: StatusListener) -> Callable[[], None]:
        """Register ``listener``; return a function that unregisters it."""
        with self._lock:
            self._listeners.append(listener)

        def remove() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return remove

    def publish(self, status: DeviceStatus) -> None:
        """Record ``status``; notify listeners only if it differs from the previous one."""
        with self._lock:
            if status == self._status:
                return
            self._status = status
            listeners = list(self._listeners)
        log.info("%s %s: %s %s", status.kind, status.url, status.state, status.detail)
        for listener in listeners:
            try:
                listener(status)
            except Exception:
                log.exception("status listener %r failed", listener)
