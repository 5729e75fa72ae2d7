"""The print queue: one worker thread per printer that never loses or doubles a label.

Jobs print in submission order. A job leaves the queue only after ``print_image`` returned,
so a printer that goes offline, runs out of paper or drops the connection mid-label makes
the queue *pause* (the status says why and how many labels wait) and retry with backoff;
when the printer is back every waiting label prints, once. A job id seen before is ignored,
so a double-tapped "print" button prints one label; reprint with a new id.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from PIL import Image

from hardware.errors import DeviceError, DeviceUnavailable, PaperOut
from hardware.printer.base import LabelPrinter

log = logging.getLogger(__name__)

QueueState = Literal["idle", "printing", "paused", "closed"]
Problem = Literal["", "offline", "paper_out", "error"]


@dataclass(frozen=True)
class QueueStatus:
    """A snapshot of the queue for the UI's printer banner.

    ``waiting`` counts labels not yet printed (including one being printed); while
    ``paused``, ``reason`` is a sentence for staff, ``problem`` its kind and ``retry_in``
    the seconds until the next automatic try (the UI may offer "retry now").
    """

    state: QueueState
    waiting: int
    reason: str = ""
    problem: Problem = ""
    retry_in: float | None = None
    printed: int = 0

    @property
    def paused(self) -> bool:
        return self.state == "paused"


@dataclass(frozen=True)
class _Job:
    job_id: str
    image: Image.Image


StatusCallback = Callable[[QueueStatus], None]
PrintedCallback = Callable[[str], None]
FailedCallback = Callable[[str, BaseException], None]


class PrintQueue:
    """Prints submitted labels on ``printer`` in order, on its own thread.

    ``on_status`` hears every change of :class:`QueueStatus`; ``on_printed(job_id)`` is
    called once per label after the printer took it (mark the parcel's label printed
    there); ``on_failed(job_id, error)`` only for a label the driver crashed on
    ``max_crashes`` times (a bug, not an offline printer: those labels wait). Callbacks
    run on the queue's thread, except ``on_status`` for a submit, which runs on the
    submitting thread; the UI adapts them to Qt signals.
    """

    def __init__(
        self,
        printer: LabelPrinter,
        on_status: StatusCallback,
        on_printed: PrintedCallback | None = None,
        *,
        on_failed: FailedCallback | None = None,
        retry_initial: float = 1.0,
        retry_max: float = 30.0,
        max_crashes: int = 3,
        remember: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.printer = printer
        self._on_status = on_status
        self._on_printed = on_printed
        self._on_failed = on_failed
        self.retry_initial = retry_initial
        self.retry_max = retry_max
        self.max_crashes = max_crashes
        self._remember = remember
        self._clock = clock
        self._cond = threading.Condition()
        self._publish_lock = threading.RLock()
        self._jobs: deque[_Job] = deque()
        self._pending: set[str] = set()
        self._done: OrderedDict[str, None] = OrderedDict()
        self._printed = 0
        self._crashes = 0
        self._backoff = retry_initial
        self._retry_at: float | None = None
        self._resume = False
        self._problem: Problem = ""
        self._reason = ""
        self._closing = False
        self._abandon = False
        self._closed = False
        self._last_status: QueueStatus | None = None
        self._thread = threading.Thread(target=self._run, name=f"print-queue {printer.url}",
                                        daemon=True)
        self._thread.start()

    # -- API -----------------------------------------------------------------------------------

    def submit(self, job_id: str, image: Image.Image) -> None:
        """Queue ``image`` under ``job_id``; ignored if that id is queued or was printed.

        Raises :class:`~hardware.errors.PrinterError` at once for a label the printer can
        never print (too wide), and ``RuntimeError`` after :meth:`close`.
        """
        label = self.printer.check_image(image)
        with self._cond:
            if self._closing:
                raise RuntimeError("the print queue is closed")
            if job_id in self._pending or job_id in self._done:
                log.info("label %s already queued or printed; not printing it twice", job_id)
                return
            self._jobs.append(_Job(job_id, label))
            self._pending.add(job_id)
            self._cond.notify_all()
        self._publish()

    def resume_now(self) -> None:
        """Retry a paused queue now (the banner's "retry" button) and restart the backoff."""
        with self._cond:
            self._resume = True
            self._backoff = self.retry_initial
            self._cond.notify_all()

    def pending(self) -> list[str]:
        """Ids of the labels not yet printed, in print order."""
        with self._cond:
            return [job.job_id for job in self._jobs]

    @property
    def status(self) -> QueueStatus:
        with self._cond:
            return self._snapshot()

    def close(self, timeout: float = 5.0, *, drain: bool = True) -> list[str]:
        """Stop the queue; return the ids of labels left unprinted.

        With ``drain`` the waiting labels get until ``timeout`` seconds to print (a paused
        queue tries once more at once); without, the queue stops after the label in hand.
        A label the printer is still taking when the time is up is counted as left; if it
        does complete, ``on_printed`` still reports it.
        """
        deadline = time.monotonic() + timeout
        with self._cond:
            self._closing = True
            self._abandon = not drain
            self._resume = True
            self._cond.notify_all()
        self._thread.join(max(0.0, deadline - time.monotonic()))
        if self._thread.is_alive():
            with self._cond:
                self._abandon = True
                self._cond.notify_all()
            self._thread.join(0.2)
        left = self.pending()
        if left:
            log.warning("print queue closed with %d label(s) unprinted: %s", len(left),
                        ", ".join(left))
        return left

    # -- worker --------------------------------------------------------------------------------

    def _run(self) -> None:
        try:
            while True:
                job = self._next_job()
                if job is None:
                    return
                self._publish()
                self._attempt(job)
                self._publish()
        finally:
            with self._cond:
                self._closed = True
            self._publish()

    def _next_job(self) -> _Job | None:
        with self._cond:
            while True:
                if self._closing and (self._abandon or not self._jobs):
                    return None
                timeout: float | None = None
                if self._jobs:
                    now = self._clock()
                    if self._retry_at is None or self._resume or now >= self._retry_at:
                        self._resume = False
                        return self._jobs[0]
                    timeout = self._retry_at - now
                self._cond.wait(timeout)

    def _attempt(self, job: _Job) -> None:
        try:
            self.printer.print_image(job.image)
        except PaperOut as exc:
            self._pause("paper_out", f"out of paper: {exc}")
        except DeviceUnavailable as exc:
            self._pause("offline", f"printer offline: {exc}")
        except DeviceError as exc:
            self._pause("error", f"printer error: {exc}")
        except Exception as exc:
            log.exception("printing label %s crashed the driver", job.job_id)
            self._crashed(job, exc)
        else:
            self._finished(job)

    def _pause(self, problem: Problem, reason: str) -> None:
        with self._cond:
            self._problem, self._reason = problem, reason
            self._retry_at = self._clock() + self._backoff
            log.warning("print queue paused (%d waiting), retry in %.0f s: %s",
                        len(self._jobs), self._backoff, reason)
            self._backoff = min(self._backoff * 2, self.retry_max)

    def _finished(self, job: _Job) -> None:
        with self._cond:
            self._jobs.popleft()
            self._pending.discard(job.job_id)
            self._remember_done(job.job_id)
            self._printed += 1
            self._crashes = 0
            self._retry_at = None
            self._backoff = self.retry_initial
            self._problem, self._reason = "", ""
        if self._on_printed is not None:
            self._call(self._on_printed, job.job_id)

    def _crashed(self, job: _Job, exc: BaseException) -> None:
        with self._cond:
            self._crashes += 1
            if self._crashes < self.max_crashes:
                self._problem, self._reason = "error", f"printer driver error: {exc}"
                self._retry_at = self._clock() + self._backoff
                return
            self._jobs.popleft()
            self._pending.discard(job.job_id)
            self._crashes = 0
            self._retry_at = None
            self._problem, self._reason = "", ""
        if self._on_failed is not None:
            self._call(self._on_failed, job.job_id, exc)

    def _remember_done(self, job_id: str) -> None:
        self._done[job_id] = None
        while len(self._done) > self._remember:
            self._done.popitem(last=False)

    # -- status --------------------------------------------------------------------------------

    def _snapshot(self) -> QueueStatus:
        waiting = len(self._jobs)
        if self._closed:
            return QueueStatus("closed", waiting, printed=self._printed)
        if self._retry_at is not None:
            retry_in = max(0.0, round(self._retry_at - self._clock(), 1))
            return QueueStatus("paused", waiting, self._reason, self._problem, retry_in,
                               self._printed)
        return QueueStatus("printing" if waiting else "idle", waiting, printed=self._printed)

    def _publish(self) -> None:
        # One publisher at a time keeps listeners seeing changes in order; re-entrant so a
        # listener may call submit().
        with self._publish_lock:
            with self._cond:
                status = self._snapshot()
                if status == self._last_status:
                    return
                self._last_status = status
            self._call(self._on_status, status)

    def _call(self, callback: Callable[..., None], *args: object) -> None:
        try:
            callback(*args)
        except Exception:
            log.exception("print queue callback %r failed", callback)
