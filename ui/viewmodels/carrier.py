"""A carrier at the kiosk: their code opens the room, then a quick log of what they drop.

:class:`CarrierVisitViewModel` drives :class:`ui.screens.carrier.CarrierScreen`. States
(``state_changed``): ``entry`` (typing the carrier code), ``checking`` (the service is verifying
it) and ``visit`` (accepted). On acceptance the door is unlocked off the GUI thread (the
supervisor call blocks on the device) with a countdown (``door_changed``), the camera's latest
frame is kept when a camera is configured, and the carrier may scan parcels and pick each one's
unit, or leave them for staff. A parcel scanned but given no unit is never dropped: it is
saved to Needs attention when the next parcel is scanned or the visit ends.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from hardware.lockers.coordinator import LoadResult
from kiosk.eventlog import Actor
from kiosk.services.carrier_access import (
    CarrierAccessService,
    CarrierCodeRejected,
    CarrierMatch,
    DropOffIntake,
    OutsideHours,
    UnitChoice,
    frame_png,
)
from kiosk.services.credentials import KeypadLocked
from kiosk.services.parcels import DuplicateParcel, ParcelError
from kiosk.tracking import parse
from ui.tasks import TaskRunner
from ui.viewmodels.door import Door
from ui.viewmodels.intake import _is_product_code

log = logging.getLogger(__name__)

ENTRY, CHECKING, VISIT = "entry", "checking", "visit"
# door phases
DOOR_NONE, DOOR_UNAVAILABLE, DOOR_OPENING, DOOR_OPEN, DOOR_CLOSED, DOOR_FAILED = (
    "none", "unavailable", "opening", "open", "closed", "failed")
MAX_CODE = 12
MAX_UNIT = 8
MAX_MATCHES = 6
LoadLocker = Callable[[int, Actor], LoadResult]


class CarrierVisitViewModel(QObject):
    state_changed = Signal(str)
    code_changed = Signal(int)  # digits typed
    message = Signal(str, str)  # text, severity: info | warning | error
    door_changed = Signal(str, int)  # door phase, seconds left while open
    visit_changed = Signal()  # carrier, scanned parcel, unit typed, matching units or parcels logged changed
    finished = Signal()  # the visit is over: back to the start

    def __init__(self, service: CarrierAccessService, runner: TaskRunner, scope: str,
                 door: Callable[[], Door | None], latest_frame: Callable[[], Any] | None = None,
                 load_locker: LoadLocker | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._scope = scope
        self._door = door
        self._latest_frame = latest_frame  # None: no camera configured, no snapshot
        self._load_locker = load_locker
        self.state = ENTRY
        self._code = ""
        self.match: CarrierMatch | None = None
        self.units: list[UnitChoice] = []
        self.pending: str | None = None  # the tracking number scanned, waiting for its unit
        self.unit_typed = ""
        self.logged: list[tuple[str, str, str]] = []  # (tracking number, unit, where), newest first
        self.door_phase = DOOR_NONE
        self.door_seconds = 0
        self._saving = 0  # parcels sent to be saved whose outcome has not come back yet
        self._visit = 0  # changes with every visit: late results of an old one only get logged
        self._deadline = 0.0
        self._tick = QTimer(self)
        self._tick.setSingleShot(True)
        self._tick.timeout.connect(self._count_down)

    # ------------------------------------------------------------------ the code

    @property
    def code_length(self) -> int:
        return len(self._code)

    def press_digit(self, digit: str) -> None:
        if self.state == ENTRY and digit.isdigit() and len(self._code) < MAX_CODE:
            self._code += digit
            self.code_changed.emit(len(self._code))

    def backspace(self) -> None:
        if self.state == ENTRY and self._code:
            self._code = self._code[:-1]
            self.code_changed.emit(len(self._code))

    def submit(self) -> None:
        if self.state != ENTRY:
            return
        code, self._code = self._code, ""
        self.code_changed.emit(0)
        if not code:
            self.message.emit(self.tr("Type your carrier code first."), "info")
            return
        self._set_state(CHECKING)
        self.message.emit(self.tr("Checking…"), "info")
        service, scope = self._service, self._scope
        self._runner.submit_write(lambda: service.verify(code, scope), self._accepted, self._refused)

    def _refused(self, exc: BaseException) -> None:
        self._set_state(ENTRY)
        if isinstance(exc, OutsideHours):
            text = self.tr("This code opens the room only from {0} to {1}. Please come back then, "
                           "or see the front desk.").format(exc.hours_start, exc.hours_end)
        elif isinstance(exc, CarrierCodeRejected):
            text = self.tr("That code was not accepted. Check it and try again, or see the front desk.")
        elif isinstance(exc, KeypadLocked):
            text = self.tr("Too many wrong codes. Please wait a few minutes, or see the front desk.")
        else:
            log.error("carrier code check failed: %s", exc)
            text = self.tr("The code could not be checked just now. Please try again, or see the front desk.")
        self.message.emit(text, "error")

    def _accepted(self, match: CarrierMatch) -> None:
        if self.state != CHECKING:  # reset meanwhile (idle): the code was used, nothing opens
            self._runner.submit_write(lambda: self._service.finish_visit(match, 0, True))
            return
        self._visit += 1
        self.match = match
        self.pending, self.unit_typed, self.logged = None, "", []
        self._set_state(VISIT)
        self.message.emit(self.tr("Scan a parcel's barcode, then type its unit and tap it. "
                                  "Or just drop the parcels off for the staff."), "info")
        self.visit_changed.emit()
        self._runner.submit(self._service.units, self._set_units,
                            lambda exc: log.error("units could not be loaded: %s", exc))
        self._snapshot(match)
        self._open_door(match)

    def _set_units(self, units: list[UnitChoice]) -> None:
        self.units = units
        self.visit_changed.emit()

    def _snapshot(self, match: CarrierMatch) -> None:
        frame = self._latest_frame() if self._latest_frame is not None else None
        if frame is None:
            return
        service = self._service
        self._runner.submit_write(lambda: service.record_snapshot(match, frame_png(frame)), None,
                                  lambda exc: log.error("carrier snapshot not kept: %s", exc))

    # ------------------------------------------------------------------ the door

    def _open_door(self, match: CarrierMatch) -> None:
        door = self._door()
        if door is None:
            self._set_door(DOOR_UNAVAILABLE)
            return
        self._set_door(DOOR_OPENING)
        visit, service, scope = self._visit, self._service, self._scope

        def unlocked(_result: object) -> None:
            self._runner.submit_write(
                lambda: service.record_unlocked(match, scope=scope, pulse_seconds=door.pulse_seconds), None,
                lambda exc: log.error("door opening for a carrier not logged: %s", exc))
            if visit == self._visit and self.state == VISIT:
                self._deadline = time.monotonic() + door.pulse_seconds
                self._count_down()

        def refused(exc: BaseException) -> None:
            log.warning("door did not unlock for carrier %s: %s", match.carrier, exc)
            error = str(exc) or type(exc).__name__
            self._runner.submit_write(lambda: service.record_unlock_failed(match, scope=scope, error=error), None,
                                      lambda e: log.error("door failure for a carrier not logged: %s", e))
            if visit == self._visit and self.state == VISIT:
                self._set_door(DOOR_FAILED)

        self._runner.submit(lambda: door.unlock_pulse(f"carrier:{match.carrier_id}"), unlocked, refused)

    def _count_down(self) -> None:
        left = self._deadline - time.monotonic()
        if left <= 0.001:
            self._set_door(DOOR_CLOSED)
            return
        whole = math.ceil(left)
        self._set_door(DOOR_OPEN, whole)
        self._tick.start(max(1, math.ceil((left - (whole - 1)) * 1000)))

    def _set_door(self, phase: str, seconds: int = 0) -> None:
        if (phase, seconds) != (self.door_phase, self.door_seconds):
            self.door_phase, self.door_seconds = phase, seconds
            self.door_changed.emit(phase, seconds)

    # ------------------------------------------------------------------ parcels

    def on_scan(self, text: str) -> None:
        """A barcode read while the Delivery screen is on show."""
        text = text.strip()
        if not text:
            return
        if self.state == ENTRY:
            if text.isdigit() and len(text) <= MAX_CODE:  # a code on a card, scanned
                self._code = text
                self.submit()
            else:
                self.message.emit(self.tr("Type your carrier code first."), "info")
            return
        if self.state != VISIT:
            return
        tracking = parse(text)
        if not tracking.valid and (len(tracking.number) < 8 or _is_product_code(text)):
            self.message.emit(self.tr("That barcode is not a tracking number. Scan the barcode marked "
                                      "TRACKING on the label."), "warning")
            return
        if self.pending is not None:
            self._save(self.pending, None)  # the one before had no unit: staff will choose
        self.pending = tracking.number or text.upper()
        self.unit_typed = ""
        self.message.emit(self.tr("Now type the unit number from the label, and tap the unit."), "info")
        self.visit_changed.emit()

    @property
    def matching_units(self) -> list[UnitChoice]:
        typed = self.unit_typed.casefold()
        if not typed:
            return []
        exact = [u for u in self.units if u.number.casefold() == typed]
        starting = [u for u in self.units if u.number.casefold().startswith(typed) and u not in exact]
        return (exact + starting)[:MAX_MATCHES]

    def unit_digit(self, digit: str) -> None:
        if self.state == VISIT and len(self.unit_typed) < MAX_UNIT:
            self.unit_typed += digit
            self.visit_changed.emit()

    def unit_backspace(self) -> None:
        if self.state == VISIT and self.unit_typed:
            self.unit_typed = self.unit_typed[:-1]
            self.visit_changed.emit()

    def unit_ok(self) -> None:
        """OK on the unit keypad: the unit typed, if it is exactly one unit."""
        exact = [u for u in self.units if u.number.casefold() == self.unit_typed.casefold()]
        if len(exact) == 1:
            self.choose_unit(exact[0])
        elif exact:
            self.message.emit(self.tr("Tap the right building below."), "info")
        elif self.unit_typed:
            self.message.emit(self.tr("There is no unit {0}. Check the number on the label.")
                              .format(self.unit_typed), "warning")

    def choose_unit(self, unit: UnitChoice) -> None:
        if self.state != VISIT:
            return
        if self.pending is None:
            self.message.emit(self.tr("Scan the parcel's barcode first, then choose its unit."), "info")
            return
        tracking, self.pending, self.unit_typed = self.pending, None, ""
        self.visit_changed.emit()
        self._save(tracking, unit)

    def _save(self, tracking: str, unit: UnitChoice | None) -> None:
        match = self.match
        if match is None:
            return
        service, visit = self._service, self._visit
        self._saving += 1
        self._runner.submit_write(lambda: service.intake(match, tracking, unit),
                                  lambda saved: self._saved(saved, unit, visit),
                                  lambda exc: self._save_failed(tracking, exc, visit))

    def _saved(self, saved: DropOffIntake, unit: UnitChoice | None, visit: int) -> None:
        self._saving = max(0, self._saving - 1)
        parcel = saved.result.parcel
        where = parcel.location_name or ""
        match = self.match
        if saved.in_locker and self._load_locker is not None and match is not None:
            load, actor = self._load_locker, match.actor
            # Waits for the compartment door to close: on the read lane, so the next parcel is not held up.
            self._runner.submit(lambda: load(parcel.id, actor), self._loaded,
                                lambda exc: self.message.emit(str(exc), "error"))
        if visit != self._visit:
            return
        self.logged.insert(0, (parcel.tracking_number, unit.text if unit else "", where))
        self.visit_changed.emit()
        if saved.in_locker:
            text = self.tr("Logged for unit {0}. Locker {1} is opening: put the parcel in and close the door.") \
                .format(parcel.unit, where)
        elif unit is None:
            text = self.tr("Parcel {0} is logged for the staff to sort out. Leave it in the room.") \
                .format(parcel.tracking_number)
        elif where:
            text = self.tr("Logged for unit {0}. Put it on {1}.").format(unit.text, where)
        else:
            text = self.tr("Logged for unit {0}. Leave it in the room.").format(unit.text)
        self.message.emit(text, "info")

    def _loaded(self, result: LoadResult) -> None:
        if self.state == VISIT:
            self.message.emit(result.message, "info" if result.closed and not result.moved_to_room else "warning")

    def _save_failed(self, tracking: str, exc: BaseException, visit: int) -> None:
        self._saving = max(0, self._saving - 1)
        if visit != self._visit:
            log.error("a carrier's parcel %s was not saved after the visit ended: %s", tracking, exc)
            return
        if isinstance(exc, DuplicateParcel):
            self.message.emit(self.tr("Parcel {0} is already logged. Leave it in the room.").format(tracking),
                              "warning")
            return
        if not isinstance(exc, ParcelError):
            log.error("carrier intake failed: %s", exc)
        if self.pending is None:  # keep it: the carrier may pick the unit again
            self.pending = tracking
            self.visit_changed.emit()
        self.message.emit(self.tr("Not saved: {0}. Try again.").format(str(exc)), "error")

    # ------------------------------------------------------------------ the end

    def cancel(self) -> None:
        """Back from the code keypad: nothing happened."""
        self.reset()
        self.finished.emit()

    def done(self) -> None:
        """Done: the parcels scanned are logged (one still without a unit goes to the staff)."""
        self._finish(left_for_staff=self.pending is not None)

    def just_drop(self) -> None:
        """The carrier leaves the parcels for the staff to log."""
        self._finish(left_for_staff=True)

    def _finish(self, left_for_staff: bool) -> None:
        self._end_visit(left_for_staff)
        self.finished.emit()

    def _end_visit(self, left_for_staff: bool) -> None:
        match = self.match
        if match is None:
            return
        if self.pending is not None:
            self._save(self.pending, None)
        count = len(self.logged) + self._saving  # saved, and on their way (a failure is logged on its own)
        service = self._service
        self._runner.submit_write(lambda: service.finish_visit(match, count, left_for_staff), None,
                                  lambda exc: log.error("end of a carrier visit not logged: %s", exc))
        self.match = None
        self.pending = None

    def reset(self) -> None:
        """Back to an empty keypad (idle, or the screen left): a visit still open is ended and logged."""
        self._end_visit(left_for_staff=True)
        self._visit += 1
        self._saving = 0
        self._tick.stop()
        self._code = ""
        self.unit_typed, self.logged, self.units = "", [], []
        self.code_changed.emit(0)
        self._set_door(DOOR_NONE)
        self._set_state(ENTRY)
        self.message.emit("", "info")
        self.visit_changed.emit()

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)
