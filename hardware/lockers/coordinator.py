"""The locker coordinator: drives the lock boards and tells :class:`LockerService` what happened.

The core service (``kiosk.services.lockers``) chooses compartments and keeps custody but never
touches a board; the drivers (:mod:`hardware.lockers`) open locks and read doors but know no
parcels. This class sits between them. Every method blocks on the board, so the UI calls it
off the GUI thread (through ``ui.tasks.TaskRunner``).

Staff side:

* :meth:`LockerCoordinator.intake_and_load` — log the parcel into a compartment
  (:meth:`LockerService.intake`), then :meth:`load` it;
* :meth:`LockerCoordinator.load` — open the parcel's compartment and wait until its door
  reports closed. A lock that does not open sends the parcel to the room (shelf rules, custody
  transition); a door not reported closed in ``close_timeout`` is flagged;
* :meth:`open_for_service`, :meth:`poll` (door-status polling of every board).

Resident side, one compartment after another (the screen shows each number large):
:meth:`pickup_items`, then per item :meth:`open_item` → :meth:`check` (until empty-and-closed,
the resident's "Done", or the timeout) → :meth:`finish_item`. :meth:`collect` runs that loop in
one blocking call. Whatever fails, no parcel is released unless the board said the compartment
is empty and shut or the resident confirmed; a compartment that did not open keeps its parcel
waiting and puts it on the needs-attention list.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from hardware.errors import DeviceError, DeviceUrlError
from hardware.lockers.base import BoardState, LockBoard
from hardware.lockers.factory import LockBoards
from kiosk.eventlog import Actor
from kiosk.services.credentials import CredentialMatch
from kiosk.services.lockers import (
    EMPTY_AND_CLOSED,
    INTAKE,
    PICKUP,
    RESIDENT_CONFIRMED,
    SERVICE,
    Compartment,
    DoorReading,
    LockerError,
    LockerIntake,
    LockerPickupItem,
    LockerService,
    resident_actor,
)
from kiosk.services.parcels import IntakeRequest, ParcelError, ParcelInfo

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OpenOutcome:
    """Whether a compartment opened; if not, why (``message`` is fit for the screen)."""

    compartment: Compartment
    opened: bool
    message: str = ""
    board_offline: bool = False
    jammed: bool = False


@dataclass(frozen=True)
class DoorCheck:
    """One reading of a compartment: did the board answer, is the door shut, is it empty."""

    answered: bool
    closed: bool | None = None
    occupied: bool | None = None  # None: no item sensor
    detail: str = ""

    @property
    def empty_and_closed(self) -> bool:
        return self.answered and self.closed is True and self.occupied is False


@dataclass(frozen=True)
class LoadResult:
    """The end of loading a parcel: where it is now and what staff should know."""

    parcel: ParcelInfo
    compartment: Compartment | None  # None: the lock did not open and the parcel went to the room
    opened: bool
    closed: bool
    message: str

    @property
    def moved_to_room(self) -> bool:
        return self.compartment is None


@dataclass(frozen=True)
class PickupOutcome:
    item: LockerPickupItem
    opened: bool
    released: bool
    how: str = ""  # EMPTY_AND_CLOSED or RESIDENT_CONFIRMED when released
    message: str = ""


@dataclass(frozen=True)
class PickupStep:
    """Progress of :meth:`LockerCoordinator.collect`, for a caller that shows it."""

    index: int
    total: int
    item: LockerPickupItem
    phase: str  # opening | open | no_answer | failed | taken | not_confirmed
    message: str = ""


class PickupControl:
    """The resident's side of a running :meth:`LockerCoordinator.collect`: "Done" and "stop"."""

    def __init__(self) -> None:
        self._confirmed = threading.Event()
        self._cancelled = threading.Event()

    def confirm(self) -> None:
        """The resident says they have the parcel of the compartment now open."""
        self._confirmed.set()

    def cancel(self) -> None:
        """Stop after the compartment now open (it is finished unconfirmed); open no more."""
        self._cancelled.set()

    @property
    def confirmed(self) -> bool:
        return self._confirmed.is_set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def next_item(self) -> None:
        self._confirmed.clear()


class LockerCoordinator:
    """See the module docstring. ``clock``/``sleep`` let tests run the waiting loops instantly.

    ``poll_interval``: seconds between door readings while waiting; ``close_timeout``: how long
    loading or a pickup waits for the door; ``open_confirm_timeout``: how long after the unlock
    command the door may still read as latched before the lock counts as jammed.
    """

    def __init__(self, service: LockerService, boards: LockBoards | None = None, *, poll_interval: float = 0.25,
                 close_timeout: float = 120.0, open_confirm_timeout: float = 1.5,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep) -> None:
        self.service = service
        self.boards = boards or LockBoards()
        self.poll_interval = poll_interval
        self.close_timeout = close_timeout
        self.open_confirm_timeout = open_confirm_timeout
        self._clock = clock
        self._sleep = sleep

    def board_for(self, compartment: Compartment) -> LockBoard:
        return self.boards.get(compartment.board_url, compartment.board)

    def close(self) -> None:
        self.boards.close()

    # ------------------------------------------------------------------ opening and reading

    def open(self, compartment: Compartment, actor: Actor, purpose: str, parcel_id: int | None = None) -> OpenOutcome:
        """Open one compartment and make sure its lock really released; record either outcome."""
        failure = self._open_lock(compartment)
        if failure is None:
            self.service.record_opened(compartment.id, actor, purpose, parcel_id)
            return OpenOutcome(compartment, True)
        error, offline = failure
        self.service.record_open_failed(compartment.id, actor, purpose, error, board_offline=offline,
                                        parcel_id=parcel_id)
        log.warning("compartment %s (%s board %d channel %d) did not open: %s", compartment.label,
                    compartment.bank_name, compartment.board, compartment.channel, error)
        if offline:
            message = f"The locker board of compartment {compartment.label} is not answering ({error})."
        else:
            message = f"The lock of compartment {compartment.label} did not open; it is now out of service."
        return OpenOutcome(compartment, False, message, board_offline=offline, jammed=not offline)

    def _open_lock(self, compartment: Compartment) -> tuple[str, bool] | None:
        """None when the lock released, else (error, whether the board itself failed)."""
        try:
            board = self.board_for(compartment)
        except DeviceError as exc:  # a bad URL in the bank's description: the whole board is unusable
            return str(exc), True
        try:
            state = board.open_channel(compartment.channel)
        except DeviceUrlError as exc:  # this compartment's channel does not exist on its board
            return str(exc), False
        except DeviceError as exc:
            # The command may have arrived and only the answer got lost: look before calling it a failure.
            try:
                state = board.read_doors()
            except DeviceError:
                return str(exc), True
            if state.is_closed(compartment.channel):
                return str(exc), True
            return None
        deadline = self._clock() + self.open_confirm_timeout
        while state.is_closed(compartment.channel):
            if self._clock() >= deadline:
                return "the door still reads as latched after the unlock command (jammed lock?)", False
            self._sleep(self.poll_interval)
            try:
                state = board.read_doors()
            except DeviceError as exc:
                return str(exc), True
        return None

    def check(self, compartment: Compartment) -> DoorCheck:
        """Read the compartment's door and item sensor once. A silent board is recorded offline."""
        try:
            state = self.board_for(compartment).read_doors()
        except DeviceError as exc:
            try:
                self.service.record_board(compartment.bank_id, compartment.board, None, str(exc))
            except Exception:  # never let bookkeeping hide the reading
                log.exception("could not record lock board %s/%d offline", compartment.bank_name, compartment.board)
            return DoorCheck(False, detail=str(exc))
        channel = state.channel(compartment.channel)
        return DoorCheck(True, channel.closed, channel.occupied)

    def _wait(self, compartment: Compartment, done: Callable[[DoorCheck], bool],
              stop: Callable[[], bool] = lambda: False) -> DoorCheck:
        deadline = self._clock() + self.close_timeout
        while True:
            check = self.check(compartment)
            if done(check) or stop() or self._clock() >= deadline:
                return check
            self._sleep(self.poll_interval)

    def poll(self) -> list[str]:
        """Read every board of every bank; record doors shut or found open and boards silent or back."""
        changes: list[str] = []
        for bank in self.service.banks():
            for number in bank.boards:
                try:
                    state = self.boards.get(bank.board_url, number).read_doors()
                except DeviceError as exc:
                    changes += self.service.record_board(bank.id, number, None, str(exc))
                    continue
                changes += self.service.record_board(bank.id, number, _readings(state))
        return changes

    # ------------------------------------------------------------------ staff

    def intake_and_load(self, request: IntakeRequest, actor: Actor,
                        stop: Callable[[], bool] = lambda: False) -> tuple[LockerIntake, LoadResult | None]:
        """Log the parcel (a locker if it fits, else the room) and, for a locker, load it."""
        intake = self.service.intake(request, actor)
        if intake.compartment is None:
            return intake, None
        return intake, self.load(intake.parcel.id, actor, stop)

    def load(self, parcel_id: int, actor: Actor, stop: Callable[[], bool] = lambda: False) -> LoadResult:
        """Open the parcel's compartment for staff (or a carrier) to put it in; wait for the door."""
        compartment = self.service.compartment_for_parcel(parcel_id)
        if compartment is None:
            raise LockerError("this parcel is not recorded in a locker compartment")
        outcome = self.open(compartment, actor, INTAKE, parcel_id)
        if not outcome.opened:
            reason = f"compartment {compartment.label} did not open at intake; moved to the room"
            info = self.service.move_to_room(parcel_id, actor, reason)
            where = info.location_name or "the front desk"
            return LoadResult(info, None, False, False,
                              f"{outcome.message} Put the parcel on {where} instead.")
        check = self._wait(compartment, lambda c: c.answered and c.closed is True, stop)
        if check.answered and check.closed:
            self.service.record_loaded(parcel_id, compartment.id, actor)
            closed, message = True, f"The parcel is in compartment {compartment.label}."
        elif not check.answered:
            self.service.record_door(compartment.id, False, actor, note=f"board stopped answering: {check.detail}")
            closed, message = False, (f"The locker board stopped answering while compartment {compartment.label} "
                                      "was open. The parcel is recorded in it; shut the door and check the board.")
        else:
            self.service.record_door(compartment.id, False, actor, note="not closed after loading")
            closed, message = False, (f"Compartment {compartment.label} did not report closed. Shut its door; "
                                      "it stays flagged until it does.")
        now_in = self.service.compartment_for_parcel(parcel_id) or compartment
        return LoadResult(self.service.parcel(parcel_id), now_in, True, closed, message)

    def open_for_service(self, compartment_id: int, actor: Actor) -> OpenOutcome:
        """Staff open a compartment (to check it, clear it, or take a parcel out for the desk)."""
        return self.open(self.service.compartment(compartment_id), actor, SERVICE)

    # ------------------------------------------------------------------ residents

    def pickup_items(self, match: CredentialMatch) -> list[LockerPickupItem]:
        """The resident's locker parcels, after a fresh look at their boards (one may be back)."""
        items = self.service.pickup_items(match)
        boards = {(i.compartment.bank_id, i.compartment.board_url, i.compartment.board) for i in items}
        changed = False
        for bank_id, url, number in sorted(boards):
            try:
                state = self.boards.get(url, number).read_doors()
            except DeviceError as exc:
                changed |= bool(self.service.record_board(bank_id, number, None, str(exc)))
            else:
                changed |= bool(self.service.record_board(bank_id, number, _readings(state)))
        return self.service.pickup_items(match) if changed else items

    def open_item(self, match: CredentialMatch, item: LockerPickupItem) -> OpenOutcome:
        """Open one of the resident's compartments (logged with who); a failure flags the parcel."""
        if not item.available:
            self.service.pickup_blocked(match, item, item.compartment.detail or item.compartment.state.value)
            return OpenOutcome(item.compartment, False, item.message, board_offline=not item.compartment.board_online)
        outcome = self.open(item.compartment, resident_actor(match), PICKUP, item.parcel_id)
        if outcome.opened:
            return outcome
        return OpenOutcome(item.compartment, False,
                           f"Compartment {item.compartment.label} could not be opened. Your parcel is safe inside; "
                           "please see the front desk.", outcome.board_offline, outcome.jammed)

    def finish_item(self, match: CredentialMatch, item: LockerPickupItem, check: DoorCheck | None,
                    confirmed: bool) -> PickupOutcome:
        """Close custody if the board says empty-and-closed or the resident confirmed; else flag it."""
        actor = resident_actor(match)
        if check is not None and check.answered and check.closed is not None:
            note = "after pickup" if check.closed else "left open after pickup"
            self.service.record_door(item.compartment.id, check.closed, actor, note=note)
        how = RESIDENT_CONFIRMED if confirmed else EMPTY_AND_CLOSED if check and check.empty_and_closed else ""
        if not how:
            if check is not None and check.answered and check.closed and check.occupied:
                # The board sees the parcel still inside, behind a shut door: safe where it was.
                detail = "the parcel is still inside; the door is shut"
                self.service.pickup_unconfirmed(match, item, detail, flag=False)
            else:
                detail = "the board stopped answering" if check is not None and not check.answered else \
                    "no confirmation before the time ran out"
                self.service.pickup_unconfirmed(match, item, detail)
            return PickupOutcome(item, True, False, "", detail)
        try:
            self.service.complete_pickup(match, item, how)
        except ParcelError as exc:  # released meanwhile at the desk, say
            return PickupOutcome(item, True, False, "", str(exc))
        return PickupOutcome(item, True, True, how)

    def collect(self, match: CredentialMatch, control: PickupControl | None = None,
                on_step: Callable[[PickupStep], None] | None = None) -> list[PickupOutcome]:
        """Open each of the resident's compartments in turn, wait for each, close custody; blocking."""
        control = control or PickupControl()
        items = self.pickup_items(match)
        outcomes: list[PickupOutcome] = []

        def tell(index: int, item: LockerPickupItem, phase: str, message: str = "") -> None:
            if on_step is not None:
                on_step(PickupStep(index, len(items), item, phase, message))

        for index, item in enumerate(items):
            if control.cancelled:
                break
            control.next_item()
            tell(index, item, "opening")
            opened = self.open_item(match, item)
            if not opened.opened:
                outcomes.append(PickupOutcome(item, False, False, "", opened.message))
                tell(index, item, "failed", opened.message)
                continue
            tell(index, item, "open")
            silent = False

            def done(check: DoorCheck, index: int = index, item: LockerPickupItem = item) -> bool:
                nonlocal silent
                if not check.answered and not silent:
                    silent = True
                    tell(index, item, "no_answer", check.detail)
                return control.confirmed or check.empty_and_closed

            check = self._wait(item.compartment, done, lambda: control.confirmed or control.cancelled)
            outcome = self.finish_item(match, item, check, control.confirmed)
            outcomes.append(outcome)
            tell(index, item, "taken" if outcome.released else "not_confirmed", outcome.message)
        return outcomes


def _readings(state: BoardState) -> list[DoorReading]:
    return [DoorReading(channel, s.closed, s.occupied) for channel, s in sorted(state.channels.items())]


