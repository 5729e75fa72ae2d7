"""The confirm step at the end of a pickup: the resident says which parcels they took.

Started by :class:`ui.viewmodels.pickup.PickupViewModel` once the door has unlocked (or, with no
door controller, once the resident taps "I collected my parcels"). Each parcel shown for the door
can be ticked by a tap or by scanning its label (the printed parcel code or the carrier's tracking
number). A label of somebody else's parcel is refused on the spot and logged. "Done" releases the
ticked parcels and flags the others for staff; so does the idle reset (:meth:`abandon`), so a
resident who walks away loses nothing and leaves a trace.

States (``state_changed``): ``idle``, ``confirming``, ``saving`` (Done was tapped), ``thanks``
(``finished`` follows after ``thanks_seconds``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.services.credentials import CredentialMatch
from kiosk.services.pickup_confirm import (
    CLOSED,
    MINE,
    NOT_YOURS,
    SEE_DESK,
    PickupClosed,
    PickupConfirmService,
    ScanCheck,
)
from ui.tasks import TaskRunner
from ui.viewmodels.pickup import ParcelRow

log = logging.getLogger(__name__)

IDLE = "idle"
CONFIRMING = "confirming"
SAVING = "saving"
THANKS = "thanks"


@dataclass(frozen=True)
class ConfirmRow:
    """One parcel the resident may have taken through the door."""

    row: ParcelRow
    parcel_id: int
    taken: bool = False
    reported: str = ""  # "missing" or "damaged" once reported through "Something's wrong"

    @property
    def code(self) -> str:
        return self.row.code


class ConfirmPickupViewModel(QObject):
    started = Signal()  # the confirm step began: show its screen
    state_changed = Signal(str)
    rows_changed = Signal(list)  # list[ConfirmRow]
    message = Signal(str, str)  # text, severity: info | success | error
    finished = Signal()  # the thanks are over: back to the start

    def __init__(self, service: PickupConfirmService, runner: TaskRunner, scope: str, thanks_seconds: float = 4.0,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._scope = scope
        self.thanks_seconds = thanks_seconds
        self._state = IDLE
        self._match: CredentialMatch | None = None
        self._rows: list[ConfirmRow] = []
        self._door_opened = True
        self._session = 0  # late scan results of an earlier resident are dropped
        self.outcome: PickupClosed | None = None  # what the last Done recorded (for the thanks text)
        self._thanks = QTimer(self)
        self._thanks.setSingleShot(True)
        self._thanks.timeout.connect(self._thanked)

    # ------------------------------------------------------------------ state

    @property
    def state(self) -> str:
        return self._state

    @property
    def active(self) -> bool:
        """Between :meth:`start` and Done (or idle): parcels are waiting for the resident's word."""
        return self._state == CONFIRMING

    @property
    def rows(self) -> list[ConfirmRow]:
        return list(self._rows)

    @property
    def door_opened(self) -> bool:
        return self._door_opened

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)

    def _set_rows(self, rows: list[ConfirmRow]) -> None:
        self._rows = rows
        self.rows_changed.emit(list(rows))

    def start(self, match: CredentialMatch, rows: Sequence[ParcelRow], parcel_ids: Sequence[int], *,
              door_opened: bool = True) -> None:
        """Ask ``match``'s resident about ``rows`` (the parcels shown for the door, ids in the same order)."""
        self._clear()
        self._match, self._door_opened = match, door_opened
        self.outcome = None
        self._set_rows([ConfirmRow(row, pid) for row, pid in zip(rows, parcel_ids, strict=True)])
        self._set_state(CONFIRMING)
        self.message.emit("", "info")
        self.started.emit()

    def _clear(self) -> None:
        self._session += 1
        self._thanks.stop()
        self._match = None
        self._set_rows([])
        self._set_state(IDLE)

    # ------------------------------------------------------------------ ticking

    def _update(self, code: str, **changes: object) -> ConfirmRow | None:
        for index, row in enumerate(self._rows):
            if row.code == code:
                rows = list(self._rows)
                rows[index] = replace(row, **changes)  # type: ignore[arg-type]
                self._set_rows(rows)
                return rows[index]
        return None

    def set_taken(self, code: str, taken: bool) -> None:
        if self.active:
            self._update(code, taken=taken)

    def toggle(self, code: str) -> None:
        """A tap on a parcel card."""
        row = next((r for r in self._rows if r.code == code), None)
        if self.active and row is not None:
            self._update(code, taken=not row.taken)
            self.message.emit("", "info")

    def mark_reported(self, code: str, problem: str) -> None:
        """Reported through "Something's wrong": already flagged for staff; a missing parcel was not taken."""
        if self._state in (CONFIRMING, SAVING):
            if problem == "missing":
                self._update(code, reported=problem, taken=False)
            else:
                self._update(code, reported=problem)

    def on_scan(self, text: str) -> None:
        """A label scanned at the confirm screen: tick it, or say why not."""
        text = text.strip()
        match = self._match
        if not self.active or not text or match is None:
            return
        mine = next((r for r in self._rows if r.code == text.upper()), None)
        if mine is not None:  # the printed parcel code of one on the list: no need to ask the database
            self._got(mine.code)
            return
        ids, session, scope = [r.parcel_id for r in self._rows], self._session, self._scope
        # A write: a parcel of somebody else's is logged.
        self._runner.submit_write(lambda: self._service.check_scan(match, text, ids, scope=scope),
                                  lambda check: self._scanned(session, check), self._scan_failed)

    def _got(self, code: str) -> None:
        self._update(code, taken=True)
        self.message.emit(self.tr("Got it: parcel {0}.").format(code), "success")

    def _scanned(self, session: int, check: ScanCheck) -> None:
        if session != self._session or not self.active:
            return
        shelf = check.shelf
        if check.kind == MINE:
            self._got(check.code)
        elif check.kind == NOT_YOURS:
            self.message.emit(self.tr("This parcel is not yours — please put it back on shelf {0}.").format(shelf)
                              if shelf else
                              self.tr("This parcel is not yours — please hand it to the front desk."), "error")
        elif check.kind == SEE_DESK:
            self.message.emit(self.tr("This parcel is handed over at the front desk — please put it back on "
                                      "shelf {0} and see the front desk.").format(shelf)
                              if shelf else self.tr("This parcel is handed over at the front desk."), "error")
        elif check.kind == CLOSED:
            self.message.emit(self.tr("Parcel {0} was already collected.").format(check.code), "info")
        else:
            self.message.emit(self.tr("That barcode is not a parcel label. Scan the Packroom label on the "
                                      "parcel, or tap the parcel below."), "error")

    def _scan_failed(self, exc: BaseException) -> None:
        log.error("could not check a label scanned at pickup: %s", exc)
        if self.active:
            self.message.emit(self.tr("That label could not be checked. Tap the parcel below instead."), "error")

    # ------------------------------------------------------------------ the end

    def done(self) -> None:
        """The resident tapped Done: release the ticked parcels, flag the rest."""
        if not self.active:
            return
        self._set_state(SAVING)
        self._submit("done", self._saved, self._save_failed)

    def abandon(self, how: str = "idle") -> None:
        """The resident walked away (idle reset) or the pickup was reset: record what we know, forget them."""
        if self.active:
            self._submit(how, None, self._save_failed)
        self._clear()

    def _submit(self, how: str, on_done: Callable[[PickupClosed], None] | None,
                on_error: Callable[[BaseException], None]) -> None:
        match = self._match
        assert match is not None
        confirmed = [r.parcel_id for r in self._rows if r.taken]
        unconfirmed = [r.parcel_id for r in self._rows if not r.taken and not r.reported]
        scope, door_opened, session = self._scope, self._door_opened, self._session
        service = self._service

        def done(result: PickupClosed) -> None:
            log.info("pickup closed (%s): released %s; flagged %s%s", how, ", ".join(result.released) or "none",
                     ", ".join(result.flagged) or "none",
                     f"; not released {result.not_released}" if result.not_released else "")
            if on_done is not None and session == self._session:
                on_done(result)

        self._runner.submit_write(
            lambda: service.finish(match, confirmed, unconfirmed, scope=scope, how=how, door_opened=door_opened),
            done, on_error)

    def _saved(self, result: PickupClosed) -> None:
        if self._state != SAVING:
            return
        self.outcome = result
        self.message.emit("", "info")  # what the last scan said is over
        self._set_state(THANKS)
        self._thanks.start(max(0, int(self.thanks_seconds * 1000)))

    def _save_failed(self, exc: BaseException) -> None:
        log.error("could not record the end of a pickup: %s", exc)
        if self._state == SAVING:
            self.message.emit(self.tr("Something went wrong. Please see the front desk."), "error")
            self._set_state(THANKS)
            self._thanks.start(max(0, int(self.thanks_seconds * 1000)))

    def _thanked(self) -> None:
        if self._state == THANKS:
            self.finished.emit()
