""""Is my package here?" at the kiosk, and the signed-in resident's expected parcels.

:class:`TrackViewModel` looks a tracking number up for anyone (typed on the on-screen keyboard or
scanned off a shipping confirmation) and words the answer: arrived on a date and waiting, picked up,
returned, or not here — never who it is for or where it is. :class:`ExpectedViewModel` keeps the
signed-in resident's list of pre-registered tracking numbers. Every service call runs on the task
runner; a result that arrives after a reset (idle, Back) is dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, QLocale, QObject, Signal

from kiosk.services.tracking_lookup import (
    ExpectedInfo,
    ExpectedProblem,
    ExpectedRejected,
    Outcome,
    TrackingAnswer,
    TrackingLookupService,
)
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)


def when(at: datetime) -> str:
    """A date and time as the resident reads it, in the kiosk's language and local time."""
    return QLocale().toString(QDateTime(at.astimezone()).toLocalTime(), "dddd d MMMM, HH:mm")


def day(at: datetime) -> str:
    return QLocale().toString(QDateTime(at.astimezone()).toLocalTime(), "d MMM")


class TrackViewModel(QObject):
    """The lookup: ``answer_changed(headline, detail, severity)`` with severity ok | info | error | ""."""

    answer_changed = Signal(str, str, str)
    busy_changed = Signal(bool)
    text_changed = Signal(str)  # a scan filled the field (or a reset emptied it)

    def __init__(self, service: TrackingLookupService, runner: TaskRunner, scope: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._scope = scope
        self._generation = 0
        self.busy = False
        self.answer: tuple[str, str, str] = ("", "", "")

    def look_up(self, text: str) -> None:
        """Check the number typed or scanned (one lookup at a time)."""
        if self.busy:
            return
        if not text.strip():
            self._show(self.tr("Type or scan the tracking number first."), "", "info")
            return
        self._set_busy(True)
        self._show(self.tr("Checking…"), "", "")
        generation = self._generation
        self._runner.submit_write(lambda: self._service.lookup(text, self._scope),
                                  lambda answer: self._answered(generation, answer),
                                  lambda exc: self._failed(generation, exc))

    def on_scan(self, text: str) -> None:
        """A barcode read while the screen is on show: the shipping confirmation's tracking number."""
        text = text.strip()
        if not text or self.busy:
            return
        self.text_changed.emit(text)
        self.look_up(text)

    def reset(self) -> None:
        """Forget the last number and answer (idle, or the screen opened afresh)."""
        self._generation += 1
        self._set_busy(False)
        self.text_changed.emit("")
        self._show("", "", "")

    def _answered(self, generation: int, answer: TrackingAnswer) -> None:
        if generation != self._generation:
            return
        self._set_busy(False)
        self._show(*self.describe(answer))

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        log.error("tracking lookup failed: %s", exc)
        self._set_busy(False)
        self._show(self.tr("Sorry, the kiosk could not check that just now."),
                   self.tr("Please try again, or ask at the front desk."), "error")

    def describe(self, answer: TrackingAnswer) -> tuple[str, str, str]:
        """Headline, detail and severity for one answer: only what the service told, nothing more."""
        number = answer.number
        if answer.outcome == Outcome.WAITING and answer.at is not None:
            return (self.tr("Yes, it is here."),
                    self.tr("Parcel {0} arrived on {1} and is waiting to be picked up. Use the pickup code "
                            "from your message to collect it.").format(number, when(answer.at)), "ok")
        if answer.outcome == Outcome.COLLECTED and answer.at is not None:
            return (self.tr("It has already been picked up."),
                    self.tr("Parcel {0} was picked up on {1}. If that was not you, please see the front desk.")
                    .format(number, when(answer.at)), "info")
        if answer.outcome == Outcome.RETURNED and answer.at is not None:
            return (self.tr("It was returned to the sender."),
                    self.tr("Parcel {0} was sent back on {1}. Please contact the sender or the front desk.")
                    .format(number, when(answer.at)), "info")
        if answer.outcome == Outcome.SEE_DESK:
            return (self.tr("Please ask at the front desk."),
                    self.tr("The front desk can tell you more about parcel {0}.").format(number), "info")
        if answer.outcome == Outcome.NOT_FOUND:
            return (self.tr("Not here yet."),
                    self.tr("No parcel with tracking number {0} has arrived. Check the number, or try again "
                            "later.").format(number), "info")
        if answer.outcome == Outcome.LIMITED:
            minutes = 1
            if answer.retry_at is not None:
                minutes = max(1, -(-int((answer.retry_at - datetime.now(UTC)).total_seconds()) // 60))
            return (self.tr("Too many numbers were tried here."),
                    self.tr("Please try again in {0} minutes, or ask at the front desk.").format(minutes), "error")
        if answer.check_digit:
            return (self.tr("That number has a mistake in it."),
                    self.tr("Check each character against your shipping confirmation and try again."), "error")
        return (self.tr("That is not a whole tracking number."),
                self.tr("Type the whole tracking number from your shipping confirmation, or scan its barcode."),
                "error")

    def _show(self, headline: str, detail: str, severity: str) -> None:
        self.answer = (headline, detail, severity)
        self.answer_changed.emit(headline, detail, severity)

    def _set_busy(self, busy: bool) -> None:
        if busy != self.busy:
            self.busy = busy
            self.busy_changed.emit(busy)


class ExpectedViewModel(QObject):
    """The signed-in resident's pre-registered tracking numbers: list, add, remove.

    ``resident`` gives the signed-in resident's id (None once they are gone): every call is for
    that resident only, so nobody can see or change another resident's list.
    """

    rows_changed = Signal(list)  # list[ExpectedInfo]
    message = Signal(str, str)  # text, severity: ok | info | error
    added = Signal(str)  # the number just added (the screen clears its field)
    text_changed = Signal(str)  # a scan filled the field (or a reset emptied it)

    def __init__(self, service: TrackingLookupService, runner: TaskRunner, resident: Callable[[], int | None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._resident = resident
        self._generation = 0
        self.rows: list[ExpectedInfo] = []
        self.busy = False

    def open(self) -> None:
        """Load the list of the resident signed in now."""
        self.reset()
        self._reload()

    def reset(self) -> None:
        self._generation += 1
        self.busy = False
        self.rows = []
        self.rows_changed.emit([])
        self.text_changed.emit("")
        self.message.emit("", "")

    def _reload(self) -> None:
        resident = self._resident()
        if resident is None:
            return
        generation = self._generation
        self._runner.submit(lambda: self._service.expected_for(resident),
                            lambda rows: self._loaded(generation, rows),
                            lambda exc: self._failed(generation, exc))

    def _loaded(self, generation: int, rows: list[ExpectedInfo]) -> None:
        if generation == self._generation:
            self.rows = rows
            self.rows_changed.emit(rows)

    def add(self, text: str) -> None:
        resident = self._resident()
        if resident is None or self.busy:
            return
        if not text.strip():
            self.message.emit(self.tr("Type or scan the tracking number first."), "info")
            return
        self.busy = True
        generation = self._generation
        self._runner.submit_write(lambda: self._service.register_expected(resident, text),
                                  lambda info: self._added(generation, info),
                                  lambda exc: self._failed(generation, exc))

    def on_scan(self, text: str) -> None:
        text = text.strip()
        if text and not self.busy:
            self.text_changed.emit(text)
            self.add(text)

    def remove(self, expected_id: int) -> None:
        resident = self._resident()
        if resident is None or self.busy:
            return
        self.busy = True
        generation = self._generation
        self._runner.submit_write(lambda: self._service.remove_expected(resident, expected_id),
                                  lambda _none: self._removed(generation),
                                  lambda exc: self._failed(generation, exc))

    def _added(self, generation: int, info: ExpectedInfo) -> None:
        if generation != self._generation:
            return
        self.busy = False
        self.added.emit(info.tracking_number)
        self.text_changed.emit("")
        self.message.emit(self.tr("Added {0}. When it arrives, it will be logged for you.")
                          .format(info.tracking_number), "ok")
        self._reload()

    def _removed(self, generation: int) -> None:
        if generation != self._generation:
            return
        self.busy = False
        self.message.emit(self.tr("Removed."), "info")
        self._reload()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.busy = False
        if isinstance(exc, ExpectedRejected):
            self.message.emit(self.explain(exc), "error")
            return
        log.error("expected parcels: %s", exc)
        self.message.emit(self.tr("Sorry, that did not work. Please try again, or ask at the front desk."), "error")

    def explain(self, exc: ExpectedRejected) -> str:
        problem = exc.problem
        if problem == ExpectedProblem.ALREADY_ARRIVED and exc.at is not None:
            if exc.waiting:
                return self.tr("That parcel already arrived on {0}. If it is not in your list, please see the "
                               "front desk.").format(when(exc.at))
            return self.tr("That parcel arrived on {0} and has already left the package room.").format(when(exc.at))
        texts = {
            ExpectedProblem.EMPTY: self.tr("Type or scan the tracking number first."),
            ExpectedProblem.INVALID: self.tr("That is not a whole tracking number. Check it and try again."),
            ExpectedProblem.CHECK_DIGIT: self.tr("That tracking number has a mistake in it. Check each character."),
            ExpectedProblem.ALREADY_REGISTERED: self.tr("That tracking number is already on your list."),
            ExpectedProblem.TOO_MANY: self.tr("Your list is full. Remove a number you no longer need."),
            ExpectedProblem.NOT_ON_LIST: self.tr("That number is not on your list."),
            ExpectedProblem.NOT_ALLOWED: self.tr("Pre-registration is not available for you here. "
                                                 "Please see the front desk."),
        }
        return texts.get(problem, self.tr("That parcel has already arrived."))
