"""Resident pickup at the touchscreen: code entry, the resident's parcels, the door, reset on idle.

The view-model owns the state the resident screens show; views only render it and forward
taps. Verifying a code, loading parcels and unlocking the door run on the task runner, never
on the GUI thread. The door part lives in :class:`ui.viewmodels.door.DoorViewModel`; this
view-model forwards its phases as ``door_changed`` and returns to the start when it is done.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.services.credentials import CredentialMatch, CredentialRejected, CredentialService, KeypadLocked
from kiosk.services.doors import DoorService
from kiosk.services.parcels import ParcelInfo, ParcelService
from kiosk.services.staff import SignInLocked, SignInRejected
from ui.tasks import TaskRunner
from ui.viewmodels.door import Door, DoorViewModel
from ui.viewmodels.locker_pickup import LockerPickupViewModel
from ui.viewmodels.staff_session import StaffSessionViewModel

if TYPE_CHECKING:
    from ui.viewmodels.confirm_pickup import ConfirmPickupViewModel

log = logging.getLogger(__name__)
LOCKER = "locker"  # LocationKind.LOCKER: a compartment of a locker bank


@dataclass(frozen=True)
class ParcelRow:
    """One line of the resident's list: nothing but what the resident needs to find it."""

    code: str
    shelf: str | None  # the sign on the shelf, e.g. "A1"; None: kept at the front desk
    place_kind: str | None  # shelf, fridge, oversize, locker, bin, zone
    carrier: str
    received: datetime
    see_desk: bool  # handed over at the front desk (signature required, or on hold), not through the door
    perishable: bool
    on_hold: bool = False


def to_row(parcel: ParcelInfo, on_hold: bool = False) -> ParcelRow:
    return ParcelRow(
        code=parcel.code,
        shelf=parcel.location_name,
        place_kind=parcel.location_kind.value if parcel.location_kind else None,
        carrier=(parcel.carrier or "").replace("_", " ").upper(),
        received=parcel.received_at,
        see_desk=parcel.signature_required or on_hold,
        perishable=parcel.perishable,
        on_hold=on_hold,
    )


class PickupViewModel(QObject):
    """States: ``entry`` (keypad), ``checking``, ``parcels`` (signed in), ``locked``.

    The door's phases (see :mod:`ui.viewmodels.door`) run inside ``parcels``; a failed unlock
    goes back to ``entry`` with a "see the front desk" message, a finished one back to the start.
    ``door`` is None when the building has no door controller: the screen then says where to
    collect the parcels. ``doors`` records openings and looks up holds; it is required with a door.
    """

    state_changed = Signal(str)
    code_changed = Signal(int)  # number of digits typed (the screen shows dots, never digits)
    message = Signal(str, str)  # text, severity: info | error
    parcels_changed = Signal(str, list)  # greeting name, list[ParcelRow]
    door_changed = Signal(str, int)  # door phase (none|unavailable|ready|opening|open|thanks), seconds left

    def __init__(self, credentials: CredentialService, parcels: ParcelService, runner: TaskRunner,
                 scope: str, max_digits: int = 12, staff: StaffSessionViewModel | None = None, *,
                 door: Door | None = None, doors: DoorService | None = None, thanks_seconds: float = 4.0,
                 lockers: LockerPickupViewModel | None = None,
                 confirm: ConfirmPickupViewModel | None = None) -> None:
        super().__init__()
        # Parcels in a locker bank: the locker screen opens their compartments before the room.
        self._lockers = lockers
        self._room: tuple[list[ParcelRow], list[int]] = ([], [])
        if lockers is not None:
            lockers.finished.connect(self._lockers_finished)
            lockers.dismissed.connect(self._lockers_dismissed)
        # Staff sign in on the same keypad with their PIN (any length but the pickup-code length);
        # nothing on the resident screens says so.
        self._staff = staff
        if staff is not None:
            staff.signed_in.connect(lambda _session: self.reset())
            staff.rejected.connect(self._staff_rejected)
        self._credentials = credentials
        self._parcels = parcels
        self._runner = runner
        self._scope = scope
        self._max_digits = max_digits
        self._digits = ""
        self._state = "entry"
        self.match: CredentialMatch | None = None
        self._unlock_timer = QTimer(self)
        self._unlock_timer.setSingleShot(True)
        self._unlock_timer.timeout.connect(self._unlocked)
        self.door_vm = DoorViewModel(door, doors, runner, scope, thanks_seconds, parent=self)
        self.door_vm.phase_changed.connect(self.door_changed)
        self.door_vm.failed.connect(self._door_failed)
        self.door_vm.finished.connect(self._door_finished)
        # After the door opened, the resident confirms which parcels they took (ui.viewmodels.confirm_pickup).
        self.confirm_vm = confirm
        self.door_vm.opened.connect(self._door_opened)
        if confirm is not None:
            confirm.finished.connect(self.reset)

    @property
    def state(self) -> str:
        return self._state

    @property
    def door(self) -> Door | None:
        """The door controller (a ``DoorSupervisor``), or None: no "Open the door" button."""
        return self.door_vm.door

    def set_door(self, door: Door | None, doors: DoorService | None = None) -> None:
        """Attach (or remove) the door after construction; takes effect at the next sign-in."""
        self.door_vm.configure(door, doors or self.door_vm.doors)

    @property
    def door_phase(self) -> str:
        return self.door_vm.phase

    @property
    def room_rows(self) -> list[ParcelRow]:
        """The parcels the signed-in resident sees on their list (room and desk), for "Something's wrong"."""
        return list(self._room[0])

    @property
    def code_length(self) -> int:
        return len(self._digits)

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)

    # ------------------------------------------------------------------ keypad

    def press_digit(self, digit: str) -> None:
        if self._state != "entry" or not digit.isdigit() or len(self._digits) >= self._max_digits:
            return
        self._digits += digit
        self.code_changed.emit(len(self._digits))

    def backspace(self) -> None:
        if self._state == "entry" and self._digits:
            self._digits = self._digits[:-1]
            self.code_changed.emit(len(self._digits))

    def clear(self) -> None:
        self._digits = ""
        self.code_changed.emit(0)

    def submit(self) -> None:
        if self._state != "entry":
            return
        if len(self._digits) < 4:
            self.message.emit(self.tr("Enter the code from your message, then press OK."), "info")
            return
        code, self._digits = self._digits, ""
        self.code_changed.emit(0)
        if self._staff is not None and len(code) != self._credentials.policy.code_length:
            self._set_state("checking")
            self._staff.sign_in_pin(code)
            return
        self.submit_credential(code)

    def submit_credential(self, code: str) -> None:
        """A code typed on the keypad or read from the resident's QR by the scanner."""
        if self._state not in ("entry",):
            return
        self._set_state("checking")
        self._runner.submit_write(lambda: self._verify(code), self._verified, self._failed)

    def submit_scan(self, text: str) -> None:
        """Something scanned at the resident screen: the QR from a notice (the pickup code), a resident's
        fob, or a staff badge (which opens staff mode, and nothing on screen says so beforehand)."""
        text = text.strip()
        if self._state != "entry" or not text:
            return
        if text.isdigit() and len(text) == self._credentials.policy.code_length:
            self.submit_credential(text)
            return
        self._set_state("checking")
        self._runner.submit_write(lambda: self._verify_badge(text), self._badge_checked, self._failed)

    def _verify_badge(self, badge: str) -> tuple[CredentialMatch, list[ParcelRow], list[int]] | str:
        if self._staff is not None and self._staff.knows_badge(badge):
            return badge
        return self._rows_for(self._credentials.verify_badge(badge, self._scope))

    def _badge_checked(self, result: tuple[CredentialMatch, list[ParcelRow], list[int]] | str) -> None:
        if isinstance(result, str):
            if self._staff is not None and self._state == "checking":
                self._staff.sign_in_badge(result)
            return
        self._verified(result)

    def _verify(self, code: str) -> tuple[CredentialMatch, list[ParcelRow], list[int]]:
        return self._rows_for(self._credentials.verify(code, self._scope))

    def _rows_for(self, match: CredentialMatch) -> tuple[CredentialMatch, list[ParcelRow], list[int]]:
        infos = [self._parcels.get(pid) for pid in match.parcel_ids]
        doors = self.door_vm.doors
        held = doors.held(match.parcel_ids) if doors is not None else frozenset()
        rows = [to_row(info, info.id in held) for info in infos]
        # Through the room door: what is on the room's shelves. Locker parcels leave through their compartments.
        collectable = [info.id for info, row in zip(infos, rows, strict=True)
                       if not row.see_desk and row.place_kind != LOCKER]
        return match, rows, collectable

    def _verified(self, result: tuple[CredentialMatch, list[ParcelRow], list[int]]) -> None:
        if self._state != "checking":  # reset while we were checking
            return
        self.match, rows, collectable = result
        in_lockers = [row for row in rows if row.place_kind == LOCKER and not row.see_desk]
        self._room = ([row for row in rows if row.place_kind != LOCKER or row.see_desk], collectable)
        if in_lockers and self._lockers is not None:
            # Compartments first, one after another; then the room, if anything waits there too.
            self._set_state("lockers")
            self._lockers.start(self.match)
            return
        self._show_room()

    def _show_room(self) -> None:
        if self.match is None:
            return
        rows, collectable = self._room
        self._set_state("parcels")
        self.parcels_changed.emit(self.match.resident_display, rows)
        self.door_vm.arm(self.match, collectable)
        if not rows:
            self.message.emit(self.tr("Nothing is waiting for you right now."), "info")

    def _lockers_finished(self, _outcomes: list[object]) -> None:
        if self._state == "lockers" and self._room[0]:
            self._show_room()

    def _lockers_dismissed(self) -> None:
        if self._state == "lockers":
            self.reset()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, KeypadLocked):
            seconds = max(1, int((exc.until - datetime.now(UTC)).total_seconds()))
            self._set_state("locked")
            self.message.emit(self.tr("Too many wrong codes. Please wait {0} seconds or see the front desk.")
                              .format(seconds), "error")
            self._unlock_timer.start(seconds * 1000)
            return
        self._set_state("entry")
        if isinstance(exc, CredentialRejected):
            self.message.emit(self.tr("That code was not accepted. Check your message and try again."), "error")
        else:
            log.error("pickup check failed: %s", exc)
            self.message.emit(self.tr("Something went wrong. Please see the front desk."), "error")

    def _staff_rejected(self, exc: BaseException) -> None:
        if self._state != "checking":
            return
        if isinstance(exc, SignInLocked):
            self._failed(KeypadLocked(exc.until))
        else:  # the same neutral message as a wrong pickup code: nothing hints at staff PINs
            self._failed(CredentialRejected(0) if isinstance(exc, SignInRejected) else exc)

    def _unlocked(self) -> None:
        if self._state == "locked":
            self._set_state("entry")
            self.message.emit(self.tr("You can try again now."), "info")

    # ------------------------------------------------------------------ door

    def open_door(self) -> None:
        """The resident tapped "Open the door": one unlock per sign-in, however many taps."""
        if self._state == "parcels":
            self.door_vm.open()

    def _door_rows(self) -> tuple[list[ParcelRow], list[int]]:
        """The rows of the parcels that leave through the door, and their ids (same order)."""
        rows, collectable = self._room
        return [row for row in rows if not row.see_desk and row.place_kind != LOCKER], list(collectable)

    def _door_opened(self) -> None:
        if self._state == "parcels" and self.match is not None and self.confirm_vm is not None:
            rows, ids = self._door_rows()
            self.confirm_vm.start(self.match, rows, ids, door_opened=True)

    def confirm_collected(self) -> None:
        """No door controller: the resident tapped "I collected my parcels" — ask which ones."""
        if (self._state == "parcels" and self.match is not None and self.confirm_vm is not None
                and self.door_vm.phase == "unavailable" and not self.confirm_vm.active):
            rows, ids = self._door_rows()
            self.confirm_vm.start(self.match, rows, ids, door_opened=False)

    def _door_finished(self) -> None:
        # While the resident is confirming, the confirm step decides when to go back to the start.
        if self.confirm_vm is None or self.confirm_vm.state == "idle":
            self.reset()

    def _door_failed(self) -> None:
        # Back to the keypad: nothing stays on screen that could unlock without a new code.
        self.reset()
        self.message.emit(self.tr("Sorry, the door could not be opened. Please see the front desk."), "error")

    # ------------------------------------------------------------------ session

    def reset(self) -> None:
        """Back to the start, forgetting everything the last person entered or saw.

        A confirm step still open (idle reset) records what it knows first: ticked parcels are released,
        the others flagged for staff."""
        if self.confirm_vm is not None:
            self.confirm_vm.abandon("idle")
        self.door_vm.disarm()
        if self._lockers is not None:
            self._lockers.reset()
        self._room = ([], [])
        self._digits = ""
        self.match = None
        self.code_changed.emit(0)
        self.parcels_changed.emit("", [])
        self.message.emit("", "info")
        if self._state != "locked":
            self._set_state("entry")
