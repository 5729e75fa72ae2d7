"""The Qt face of the device manager: its callbacks, which arrive on driver threads, become
signals delivered on the GUI thread.

:class:`DeviceBridge` offers thread-safe callback methods (``on_scan``, ``on_door_event``,
``on_label_printed``, ``on_status``, ``on_frame``) to hand to
:class:`hardware.manager.DeviceManager`. Each one posts its payload to the bridge's own
thread (the GUI thread, where the bridge is created) through a queued connection, and the
bridge emits the public signal there, so every slot connected to it runs on the GUI thread
whatever the connection type. Camera frames are coalesced: only the newest frame is
delivered, so a busy GUI never builds a backlog of previews.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from hardware.base import DeviceStatus
from hardware.door.supervisor import DoorEvent
from hardware.manager import DeviceManager
from hardware.scanner.base import ScanEvent

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

_FRAME = "frame"


class DeviceBridge(QObject):
    """Adapts :class:`DeviceManager` callbacks to GUI-thread signals.

    Signals: ``status_changed(DeviceStatus)``, ``scanned(ScanEvent)``,
    ``door_event(DoorEvent)``, ``label_printed(str)`` (the job id) and ``frame(ndarray)``
    (the newest camera preview frame, BGR; read it, never modify it).
    """

    status_changed = Signal(object)
    scanned = Signal(object)
    door_event = Signal(object)
    label_printed = Signal(str)
    frame = Signal(object)

    _post = Signal(str, object)  # (signal name, payload), from any thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._post.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._frame_lock = threading.Lock()
        self._latest_frame: np.ndarray | None = None
        self._frame_posted = False
        self._unsubscribe: list[Callable[[], None]] = []

    # -- wiring ------------------------------------------------------------------------------

    def attach(self, manager: DeviceManager) -> None:
        """Listen to ``manager``'s statuses and preview frames, and replay its current statuses.

        Scans, door events and printed labels are given to the manager's constructor
        (``on_scan=bridge.on_scan``, ...), because they have exactly one receiver.
        """
        self._unsubscribe.append(manager.add_listener(self.on_status))
        self._unsubscribe.append(manager.add_frame_listener(self.on_frame))
        for status in manager.statuses().values():
            self.on_status(status)

    def detach(self) -> None:
        """Stop listening to the manager (call before the bridge goes away)."""
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe.clear()

    # -- callbacks: safe to call from any thread -------------------------------------------

    def on_status(self, status: DeviceStatus) -> None:
        self._send("status_changed", status)

    def on_scan(self, event: ScanEvent) -> None:
        self._send("scanned", event)

    def on_door_event(self, event: DoorEvent) -> None:
        self._send("door_event", event)

    def on_label_printed(self, job_id: str) -> None:
        self._send("label_printed", job_id)

    def on_frame(self, frame: np.ndarray) -> None:
        with self._frame_lock:
            self._latest_frame = frame
            if self._frame_posted:
                return  # the pending delivery will carry this newer frame
            self._frame_posted = True
        self._send(_FRAME, None)

    # -- the GUI-thread side ----------------------------------------------------------------

    def _send(self, name: str, payload: Any) -> None:
        try:
            self._post.emit(name, payload)
        except RuntimeError:  # the bridge was deleted while a driver still reported
            log.debug("device bridge gone; dropped %s %r", name, payload)

    @Slot(str, object)
    def _deliver(self, name: str, payload: Any) -> None:
        if name == _FRAME:
            with self._frame_lock:
                payload, self._latest_frame = self._latest_frame, None
                self._frame_posted = False
            if payload is None:
                return
        getattr(self, name).emit(payload)
