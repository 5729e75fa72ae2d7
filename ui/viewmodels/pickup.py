"""Resident pickup at the touchscreen: code entry, the resident's parcels, reset on idle.

The view-model owns the state the resident screens show; views only render it and forward
taps. Verifying a code and loading parcels run on the task runner, never on the GUI thread.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.services.credentials import CredentialMatch, CredentialRejected, CredentialService, KeypadLocked
from kiosk.services.parcels import ParcelInfo, ParcelService
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ParcelRow:
    """One line of the resident's list: nothing but what the resident needs to find it."""

    code: str
    shelf: str | None  # the sign on the shelf, e.g. "A1"; None: kept at the front desk
    place_kind: str | None  # shelf, fridge, oversize, locker, bin, zone
    carrier: str
    received: datetime
    see_desk: bool
    perishable: bool


def to_row(parcel: ParcelInfo) -> ParcelRow:
    return ParcelRow(
        code=parcel.code,
        shelf=parcel.location_name,
        place_kind=parcel.location_kind.value if parcel.location_kind else None,
        carrier=(parcel.carrier or "").replace("_", " ").upper(),
        received=parcel.received_at,
        see_desk=parcel.signature_required,
        perishable=parcel.perishable,
    )


class PickupViewModel(QObject):
    """States: ``entry`` (keypad), ``checking``, ``parcels`` (signed in), ``locked``."""

    state_changed = Signal(str)
    code_changed = Signal(int)  # number of digits typed (the screen shows dots, never digits)
    message = Signal(str, str)  # text, severity: info | error
    parcels_changed = Signal(str, list)  # greeting name, list[ParcelRow]

    def __init__(self, credentials: CredentialService, parcels: ParcelService, runner: TaskRunner,
                 scope: str, max_digits: int = 12) -> None:
        super().__init__()
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

    @property
    def state(self) -> str:
        return self._state

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
        self.submit_credential(code)

    def submit_credential(self, code: str) -> None:
        """A code typed on the keypad or read from the resident's QR by the scanner."""
        if self._state not in ("entry",):
            return
        self._set_state("checking")
        self._runner.submit_write(lambda: self._verify(code), self._verified, self._failed)

    def _verify(self, code: str) -> tuple[CredentialMatch, list[ParcelRow]]:
        match = self._credentials.verify(code, self._scope)
        infos = [self._parcels.get(pid) for pid in match.parcel_ids]
        return match, [to_row(info) for info in infos]

    def _verified(self, result: tuple[CredentialMatch, list[ParcelRow]]) -> None:
        if self._state != "checking":  # reset while we were checking
            return
        self.match, rows = result
        self._set_state("parcels")
        self.parcels_changed.emit(self.match.resident_display, rows)
        if not rows:
            self.message.emit(self.tr("Nothing is waiting for you right now."), "info")

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

    def _unlocked(self) -> None:
        if self._state == "locked":
            self._set_state("entry")
            self.message.emit(self.tr("You can try again now."), "info")

    # ------------------------------------------------------------------ session

    def reset(self) -> None:
        """Back to the start, forgetting everything the last person entered or saw."""
        self._digits = ""
        self.match = None
        self.code_changed.emit(0)
        self.parcels_changed.emit("", [])
        self.message.emit("", "info")
        if self._state != "locked":
            self._set_state("entry")
