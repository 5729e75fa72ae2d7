""""Something's wrong": a resident reports one of their parcels missing from its shelf, or damaged.

Opened from the resident's parcel list or from the confirm step. The resident picks the parcel
(skipped when there is only one), then "Missing" or "Damaged"; the report is logged, the parcel
flagged for staff and, where staff have an e-mail address, a notice queued
(:meth:`kiosk.services.pickup_confirm.PickupConfirmService.report_problem`). Then a thank you,
and ``closed`` sends the resident back to where they came from.

States (``state_changed``): ``closed``, ``choose`` (which parcel), ``what`` (missing or damaged),
``saving``, ``thanks``, ``failed``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal

from kiosk.services.credentials import CredentialMatch
from kiosk.services.pickup_confirm import PickupConfirmService, ProblemReported
from ui.tasks import TaskRunner
from ui.viewmodels.pickup import ParcelRow

log = logging.getLogger(__name__)

PROBLEMS = ("missing", "damaged")


class ReportProblemViewModel(QObject):
    state_changed = Signal(str)
    parcels_changed = Signal(list)  # list[ParcelRow] to choose from
    reported = Signal(str, str)  # parcel code, problem
    closed = Signal()  # back to the screen the resident came from

    def __init__(self, service: PickupConfirmService, runner: TaskRunner, scope: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._scope = scope
        self._state = "closed"
        self._match: CredentialMatch | None = None
        self._rows: list[ParcelRow] = []
        self.chosen: ParcelRow | None = None
        self._session = 0

    @property
    def state(self) -> str:
        return self._state

    @property
    def rows(self) -> list[ParcelRow]:
        return list(self._rows)

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)

    def begin(self, match: CredentialMatch | None, rows: Sequence[ParcelRow]) -> bool:
        """Start a report about one of ``rows``; False (nothing happens) without a signed-in resident."""
        if match is None or not rows:
            return False
        self._session += 1
        self._match, self._rows = match, list(rows)
        self.parcels_changed.emit(list(self._rows))
        self.chosen = None
        self._state = ""  # always announce the first state, even the same as last time
        if len(self._rows) == 1:
            self.chosen = self._rows[0]
            self._set_state("what")
        else:
            self._set_state("choose")
        return True

    def choose(self, code: str) -> None:
        if self._state != "choose":
            return
        self.chosen = next((row for row in self._rows if row.code == code), None)
        if self.chosen is not None:
            self._set_state("what")

    def report(self, problem: str) -> None:
        match, chosen = self._match, self.chosen
        if self._state != "what" or problem not in PROBLEMS or match is None or chosen is None:
            return
        self._set_state("saving")
        session, scope, service = self._session, self._scope, self._service

        def saved(result: ProblemReported) -> None:
            self.reported.emit(result.code, result.problem)
            if session == self._session and self._state == "saving":
                self._set_state("thanks")

        def failed(exc: BaseException) -> None:
            log.error("could not record a resident's report about parcel %s: %s", chosen.code, exc)
            if session == self._session and self._state == "saving":
                self._set_state("failed")

        self._runner.submit_write(lambda: service.report_problem(match, chosen.code, problem, scope=scope),
                                  saved, failed)

    def back(self) -> None:
        """One step back: from the problem to the parcel (if there was a choice), else out."""
        if self._state == "what" and len(self._rows) > 1:
            self.chosen = None
            self._set_state("choose")
        elif self._state != "saving":
            self.close()

    def close(self) -> None:
        if self._state != "closed":
            self.reset()
            self.closed.emit()

    def reset(self) -> None:
        """Forget the resident (the pickup was reset); a report already sent is still recorded."""
        self._session += 1
        self._match, self._rows, self.chosen = None, [], None
        self.parcels_changed.emit([])
        self._set_state("closed")
