"""Run slow work off the GUI thread and get the result back on it, as a signal.

Every database call, device command and network send from a view-model goes through a
:class:`TaskRunner`: ``runner.submit(fn, on_done, on_error)``. Writes go through one serial
worker (the order of intakes and releases is the order of the clicks); tests may swap in
:class:`InlineRunner`, which runs the task at once on the calling thread.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Relay(QObject):
    """Lives on the GUI thread; its signals carry a worker's result back there."""

    done = Signal(object, object)
    failed = Signal(object, object)
    closed = False  # after shutdown, results still in flight are dropped: their screens are gone

    @Slot(object, object)
    def _deliver(self, callback: Done | None, value: Any) -> None:
        if callback is not None and not self.closed:
            callback(value)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay, on_done: Done | None,
                 on_error: Failed | None) -> None:
        super().__init__()
        self._fn, self._relay, self._on_done, self._on_error = fn, relay, on_done, on_error

    def run(self) -> None:
        try:
            value = self._fn()
        except BaseException as exc:
            log.warning("task failed: %s\n%s", exc, traceback.format_exc())
            self._relay.failed.emit(self._on_error, exc)
        else:
            self._relay.done.emit(self._on_done, value)


class TaskRunner(QObject):
    """Two lanes: ``submit`` (parallel reads) and ``submit_write`` (one serial writer)."""

    def __init__(self, parent: QObject | None = None, readers: int = 2) -> None:
        super().__init__(parent)
        self._relay = _Relay(self)
        self._relay.done.connect(self._relay._deliver)
        self._relay.failed.connect(self._relay._deliver)
        self._readers = QThreadPool(self)
        self._readers.setMaxThreadCount(readers)
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)

    def submit(self, fn: Callable[[], Any], on_done: Done | None = None, on_error: Failed | None = None) -> None:
        self._readers.start(_Task(fn, self._relay, on_done, on_error))

    def submit_write(self, fn: Callable[[], Any], on_done: Done | None = None,
                     on_error: Failed | None = None) -> None:
        self._writer.start(_Task(fn, self._relay, on_done, on_error))

    def wait(self, msecs: int = 5000) -> bool:
        return self._readers.waitForDone(msecs) and self._writer.waitForDone(msecs)

    def shutdown(self) -> None:
        """Let running work finish (a write in progress is never cut off), then stop delivering results."""
        self.wait(5000)
        self._relay.closed = True


class InlineRunner(TaskRunner):
    """Runs tasks immediately on the caller's thread (tests that want determinism)."""

    def submit(self, fn: Callable[[], Any], on_done: Done | None = None, on_error: Failed | None = None) -> None:
        try:
            value = fn()
        except Exception as exc:
            if on_error is not None:
                on_error(exc)
            return
        if on_done is not None:
            on_done(value)

    submit_write = submit
