"""Resident pickup from lockers: one compartment after another, its number huge, "Done" for each.

After a resident's code is accepted, :meth:`LockerPickupViewModel.start` lists their parcels in
lockers and opens the first compartment. While it is open the view-model reads its door every
``poll_ms``: when the board says *empty and closed* custody closes by itself and the next
compartment opens; "Done" (:meth:`confirm`) closes it on the resident's word. A compartment that
does not open, or a board that stops answering, is shown plainly and never releases anything
unconfirmed. Every board call and database write runs on the task runner: board I/O on the
reader lane (a slow board never holds up the writer), custody on the writer lane.

Phases of :class:`LockerStep` (``step_changed``; None when idle):

``loading``    finding the resident's compartments;
``opening``    the unlock command is running;
``open``       the compartment is open: take the parcel, shut the door, tap Done;
``no_answer``  the board stopped answering while it was open: tap Done if you have it;
``failed``     it could not be opened (``problem``: ``not_opened`` | ``unavailable`` | ``error``);
``closing``    recording the pickup;
``done``       every compartment handled; ``finished`` has been emitted with the outcomes.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from hardware.lockers.coordinator import DoorCheck, LockerCoordinator, OpenOutcome, PickupOutcome
from kiosk.services.credentials import CredentialMatch
from kiosk.services.lockers import LockerPickupItem
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

LOADING = "loading"
OPENING = "opening"
OPEN = "open"
NO_ANSWER = "no_answer"
FAILED = "failed"
CLOSING = "closing"
DONE = "done"


@dataclass(frozen=True)
class LockerStep:
    """What the locker screen shows now."""

    phase: str
    index: int = 0  # 0-based position of the compartment in the resident's list
    total: int = 0
    label: str = ""  # the number on the compartment door
    bank: str = ""
    problem: str = ""  # with ``failed``: not_opened | unavailable | error
    released: int = 0  # parcels handed over so far
    not_released: int = 0  # parcels left for the front desk

    @property
    def has_next(self) -> bool:
        return self.index + 1 < self.total


class LockerPickupViewModel(QObject):
    step_changed = Signal(object)  # LockerStep | None
    finished = Signal(list)  # list[PickupOutcome], once per start(), when every compartment is handled
    dismissed = Signal()  # the resident tapped "Finish" on the last screen

    def __init__(self, coordinator: LockerCoordinator, runner: TaskRunner, *, poll_ms: int = 500,
                 timeout_seconds: float = 90.0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._coordinator = coordinator
        self._runner = runner
        self.poll_ms = poll_ms
        self.timeout_seconds = timeout_seconds
        self._session = 0
        self._match: CredentialMatch | None = None
        self._items: list[LockerPickupItem] = []
        self._index = 0
        self._check: DoorCheck | None = None
        self._deadline = 0.0
        self.outcomes: list[PickupOutcome] = []
        self.step: LockerStep | None = None
        self._poll = QTimer(self)
        self._poll.setSingleShot(True)
        self._poll.timeout.connect(self._read_door)

    @property
    def phase(self) -> str:
        return self.step.phase if self.step else ""

    @property
    def active(self) -> bool:
        return self.step is not None and self.step.phase != DONE

    def _current(self) -> LockerPickupItem:
        return self._items[self._index]

    def _emit(self, phase: str, problem: str = "") -> None:
        item = self._items[self._index] if self._index < len(self._items) else None
        released = sum(1 for o in self.outcomes if o.released)
        self.step = LockerStep(phase, self._index, len(self._items), item.compartment.label if item else "",
                               item.compartment.bank_name if item else "", problem, released,
                               len(self.outcomes) - released)
        self.step_changed.emit(self.step)

    def _guard(self, callback: Callable[[Any], None]) -> Callable[[Any], None]:
        """Drop results that arrive after the resident left (reset) or another resident started."""
        session = self._session

        def call(value: Any) -> None:
            if session == self._session:
                callback(value)

        return call

    # ------------------------------------------------------------------ flow

    def start(self, match: CredentialMatch) -> None:
        """A resident's code was accepted: find their locker parcels and open the first compartment."""
        self.reset()
        self._match = match
        self._emit(LOADING)
        self._runner.submit(lambda: self._coordinator.pickup_items(match), self._guard(self._planned),
                            self._guard(self._planning_failed))

    def _planned(self, items: list[LockerPickupItem]) -> None:
        self._items = items
        self._index = 0
        if not items:
            self._done()
            return
        self._open()

    def _planning_failed(self, exc: BaseException) -> None:
        log.error("could not list the resident's locker parcels: %s", exc)
        self._items = []
        self._done()

    def _open(self) -> None:
        match, item = self._match, self._current()
        assert match is not None
        self._check = None
        self._emit(OPENING)
        session = self._session

        def opened(outcome: OpenOutcome) -> None:
            if session != self._session:
                # The resident left while the lock was opening: if it did open, leave nothing unrecorded.
                if outcome.opened:
                    self._finish_in_background(match, item, None)
                return
            self._opened(outcome)

        self._runner.submit(lambda: self._coordinator.open_item(match, item), opened, self._guard(self._broken))

    def _opened(self, outcome: OpenOutcome) -> None:
        if not outcome.opened:
            self.outcomes.append(PickupOutcome(self._current(), False, False, "", outcome.message))
            problem = "unavailable" if not self._current().available or outcome.board_offline else "not_opened"
            self._emit(FAILED, problem)
            return
        self._deadline = time.monotonic() + self.timeout_seconds
        self._emit(OPEN)
        self._poll.start(self.poll_ms)

    def _read_door(self) -> None:
        if self.phase not in (OPEN, NO_ANSWER):
            return
        compartment = self._current().compartment
        self._runner.submit(lambda: self._coordinator.check(compartment), self._guard(self._checked),
                            self._guard(self._check_failed))

    def _checked(self, check: DoorCheck) -> None:
        if self.phase not in (OPEN, NO_ANSWER):
            return
        self._check = check
        if check.empty_and_closed:
            self._finish(confirmed=False)
            return
        if not check.answered and self.phase == OPEN:
            self._emit(NO_ANSWER)
        elif check.answered and self.phase == NO_ANSWER:
            self._emit(OPEN)
        if time.monotonic() >= self._deadline:
            self._finish(confirmed=False)
        else:
            self._poll.start(self.poll_ms)

    def _check_failed(self, exc: BaseException) -> None:
        self._checked(DoorCheck(False, detail=str(exc)))

    def confirm(self) -> None:
        """The resident tapped "Done" (or "Next" under a compartment that could not be opened)."""
        if self.phase in (OPEN, NO_ANSWER):
            self._finish(confirmed=True)
        elif self.phase == FAILED:
            self._next()

    def _finish(self, confirmed: bool) -> None:
        match, item, check = self._match, self._current(), self._check
        assert match is not None
        self._poll.stop()
        self._emit(CLOSING)
        self._runner.submit_write(lambda: self._coordinator.finish_item(match, item, check, confirmed),
                                  self._guard(self._finished_item), self._guard(self._broken))

    def _finished_item(self, outcome: PickupOutcome) -> None:
        self.outcomes.append(outcome)
        self._next()

    def _next(self) -> None:
        if self._index + 1 < len(self._items):
            self._index += 1
            self._open()
        else:
            self._done()

    def _broken(self, exc: BaseException) -> None:
        log.error("locker pickup step failed: %s", exc)
        if self._index < len(self._items):
            self.outcomes.append(PickupOutcome(self._current(), False, False, "", str(exc)))
        self._poll.stop()
        self._emit(FAILED, "error")

    def _done(self) -> None:
        self._index = max(0, len(self._items) - 1)
        self._emit(DONE)
        self.finished.emit(list(self.outcomes))

    def _finish_in_background(self, match: CredentialMatch, item: LockerPickupItem, check: DoorCheck | None) -> None:
        """Record a compartment left open unconfirmed (the resident walked away): flags it for staff."""
        self._runner.submit_write(lambda: self._coordinator.finish_item(match, item, check, False), None,
                                  lambda exc: log.error("could not record an unfinished locker pickup: %s", exc))

    def dismiss(self) -> None:
        """The resident is finished with the locker screen ("Finish")."""
        self.reset()
        self.dismissed.emit()

    def reset(self) -> None:
        """Forget the resident (idle, "I'm done"). A compartment standing open is finished unconfirmed."""
        if self.phase in (OPEN, NO_ANSWER) and self._match is not None:
            self._finish_in_background(self._match, self._current(), self._check)
        self._session += 1
        self._poll.stop()
        self._match = None
        self._items = []
        self._index = 0
        self._check = None
        self.outcomes = []
        if self.step is not None:
            self.step = None
            self.step_changed.emit(None)
