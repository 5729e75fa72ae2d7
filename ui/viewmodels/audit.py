"""The weekly audit at the desk: start, scan shelf then parcels, reconcile, resolve, sign off; returns.

Every service call goes through the :class:`~ui.tasks.TaskRunner` (writes on the serial lane) and
comes back as a signal; the screen only shows what the signals carry.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal

from hardware.lockers.coordinator import OpenOutcome
from kiosk.eventlog import Actor
from kiosk.services.audits import (
    AuditInfo,
    AuditProgress,
    AuditService,
    DiscrepancyInfo,
    ReconcileResult,
    ReturnResult,
    ScanOutcome,
    UnclaimedReport,
)
from kiosk.services.staff import StaffSession
from ui.tasks import TaskRunner

#: Opens a locker compartment for staff (the coordinator's ``open_for_service``): (compartment id, actor)
#: → whether it opened, and if not why. Blocks on the board: called off the GUI thread.
OpenCompartment = Callable[[int, Actor], OpenOutcome]

log = logging.getLogger(__name__)


class AuditViewModel(QObject):
    audit_changed = Signal(object)  # AuditInfo | None
    progress_changed = Signal(object)  # AuditProgress | None
    discrepancies_changed = Signal(list)  # list[DiscrepancyInfo]
    unclaimed_changed = Signal(object)  # UnclaimedReport
    message = Signal(str, str)  # text, severity: info | warning | error

    def __init__(self, audits: AuditService, runner: TaskRunner, staff: Callable[[], StaffSession | None],
                 return_after_days: int = 15, open_compartment: OpenCompartment | None = None) -> None:
        super().__init__()
        self._audits = audits
        self._open_compartment = open_compartment
        self._runner = runner
        self._staff = staff
        self._return_after_days = return_after_days
        self.audit: AuditInfo | None = None
        self.discrepancies: list[DiscrepancyInfo] = []
        self.return_ids: list[int] = []
        self._epoch = 0  # bumped by every write; a read that started before one is stale when it returns

    # ------------------------------------------------------------------ loading

    def refresh(self) -> None:
        epoch = self._epoch
        self._runner.submit(self._audits.current, lambda audit: self._refreshed(epoch, audit), self._failed)
        days = self._return_after_days
        self._runner.submit(lambda: self._audits.unclaimed(return_after_days=days), self._set_unclaimed,
                            self._failed)

    def _refreshed(self, epoch: int, audit: AuditInfo | None) -> None:
        if epoch == self._epoch:
            self._set_audit(audit)

    def _set_audit(self, audit: AuditInfo | None) -> None:
        self._epoch += 1
        self.audit = audit
        self.audit_changed.emit(audit)
        if audit is None:
            self.progress_changed.emit(None)
            self.discrepancies = []
            self.discrepancies_changed.emit([])
            return
        audit_id = audit.id
        self._runner.submit(lambda: self._audits.progress(audit_id), self.progress_changed.emit, self._failed)
        self._runner.submit(lambda: self._audits.discrepancies(audit_id), self._set_discrepancies, self._failed)

    def _set_discrepancies(self, rows: list[DiscrepancyInfo]) -> None:
        self.discrepancies = rows
        self.discrepancies_changed.emit(rows)

    def _set_unclaimed(self, report: UnclaimedReport) -> None:
        self.return_ids = [p.id for p in report.return_to_sender]
        self.unclaimed_changed.emit(report)

    # ------------------------------------------------------------------ the walk

    def _actor_or_complain(self) -> StaffSession | None:
        staff = self._staff()
        if staff is None:
            self.message.emit(self.tr("Sign in to run an audit."), "error")
        return staff

    def start(self) -> None:
        staff = self._actor_or_complain()
        if staff is None:
            return
        actor = staff.actor
        self._runner.submit_write(lambda: self._audits.start(actor), self._started, self._failed)

    def _started(self, audit: AuditInfo) -> None:
        self.message.emit(self.tr("Audit #{0} started. Scan the first shelf's barcode.").format(audit.id), "info")
        self._set_audit(audit)

    def on_scan(self, text: str) -> None:
        """A barcode from any scanner (or typed): a shelf, or a parcel on the current shelf."""
        text = text.strip()
        if not text:
            return
        if self.audit is None:
            self.message.emit(self.tr("Start an audit first."), "warning")
            return
        staff = self._actor_or_complain()
        if staff is None:
            return
        actor, audit_id = staff.actor, self.audit.id
        self._runner.submit_write(lambda: self._audits.scan(audit_id, text, actor), self._scanned, self._failed)

    def _scanned(self, outcome: ScanOutcome) -> None:
        severity = "info" if outcome.kind in ("shelf", "expected", "again") else "warning"
        self.message.emit(outcome.message, severity)
        if self.audit is not None:
            audit_id = self.audit.id
            self._runner.submit(lambda: self._audits.progress(audit_id), self._progress, self._failed)

    def _progress(self, progress: AuditProgress) -> None:
        self.progress_changed.emit(progress)

    # ------------------------------------------------------------------ locker compartments

    @property
    def can_open_compartments(self) -> bool:
        return self._open_compartment is not None

    def open_compartment(self, compartment_id: int, code: str) -> None:
        """Open a compartment to look inside; its parcel scans count there from now on."""
        if self.audit is None:
            self.message.emit(self.tr("Start an audit first."), "warning")
            return
        staff = self._actor_or_complain()
        if staff is None or self._open_compartment is None:
            return
        actor, audit_id, opener = staff.actor, self.audit.id, self._open_compartment

        def visited(_outcome: ScanOutcome) -> None:
            self._runner.submit(lambda: opener(compartment_id, actor), self._compartment_opened, self._failed)

        self._runner.submit_write(lambda: self._audits.scan(audit_id, code, actor), visited, self._failed)

    def _compartment_opened(self, outcome: OpenOutcome) -> None:
        if outcome.opened:
            self.message.emit(self.tr("Compartment {0} is open: scan the parcel's label, or tap Parcel present or "
                                      "Empty.").format(outcome.compartment.label), "info")
        else:
            self.message.emit(outcome.message, "error")
        if self.audit is not None:
            audit_id = self.audit.id
            self._runner.submit(lambda: self._audits.progress(audit_id), self._progress, self._failed)

    def confirm_compartment(self, compartment_id: int, present: bool) -> None:
        """Staff say the compartment holds its parcel (``present``) or is empty."""
        if self.audit is None:
            self.message.emit(self.tr("Start an audit first."), "warning")
            return
        staff = self._actor_or_complain()
        if staff is None:
            return
        actor, audit_id = staff.actor, self.audit.id
        self._runner.submit_write(lambda: self._audits.confirm_compartment(audit_id, compartment_id, present, actor),
                                  self._scanned, self._failed)

    def reconcile(self) -> None:
        staff = self._actor_or_complain()
        if staff is None or self.audit is None:
            return
        actor, audit_id = staff.actor, self.audit.id
        self._runner.submit_write(lambda: self._audits.reconcile(audit_id, actor), self._reconciled, self._failed)

    def _reconciled(self, result: ReconcileResult) -> None:
        audit, rows, unvisited = result.audit, list(result.discrepancies), result.unvisited_shelves
        self.audit = audit
        self.audit_changed.emit(audit)
        self._set_discrepancies(rows)
        text = self.tr("{0} discrepancies, {1} open.").format(len(rows), sum(1 for d in rows if d.open))
        if unvisited:
            text += " " + self.tr("Shelves not scanned: {0}.").format(", ".join(unvisited))
        self.message.emit(text, "warning" if rows else "info")

    # ------------------------------------------------------------------ resolving and signing off

    def resolve(self, discrepancy_id: int, code: str, note: str) -> None:
        staff = self._actor_or_complain()
        if staff is None:
            return
        actor = staff.actor
        self._runner.submit_write(lambda: self._audits.resolve(discrepancy_id, code, note, actor),
                                  self._resolved, self._failed)

    def move_to_found(self, discrepancy_id: int) -> None:
        staff = self._actor_or_complain()
        if staff is None:
            return
        actor = staff.actor
        self._runner.submit_write(lambda: self._audits.move_to_found(discrepancy_id, actor), self._resolved,
                                  self._failed)

    def _resolved(self, row: DiscrepancyInfo) -> None:
        self._set_discrepancies([row if d.id == row.id else d for d in self.discrepancies])
        self.message.emit(self.tr("Resolved: {0} {1}.").format(row.description, row.parcel_code or row.scanned_text),
                          "info")

    def sign_off(self, override_reason: str = "") -> None:
        staff = self._actor_or_complain()
        if staff is None or self.audit is None:
            return
        actor, audit_id = staff.actor, self.audit.id
        self._runner.submit_write(lambda: self._audits.sign_off(audit_id, actor, override_reason),
                                  self._signed_off, self._failed)

    def _signed_off(self, audit: AuditInfo) -> None:
        when = audit.signed_off_at.astimezone().strftime("%d %b %H:%M") if audit.signed_off_at else ""
        self.message.emit(self.tr("Audit #{0} signed off by {1} at {2}.").format(audit.id, audit.signed_off_by,
                                                                                 when), "info")
        self.audit = None
        self.audit_changed.emit(audit)
        self.refresh()

    # ------------------------------------------------------------------ returns

    def pull_for_return(self, parcel_ids: Sequence[int] | None = None) -> None:
        """Mark the return-to-sender list (or the given parcels) returned, in one session."""
        staff = self._actor_or_complain()
        ids = list(self.return_ids if parcel_ids is None else parcel_ids)
        if staff is None:
            return
        if not ids:
            self.message.emit(self.tr("Nothing to return."), "info")
            return
        actor = staff.actor
        self._runner.submit_write(lambda: self._audits.return_parcels(ids, actor), self._returned, self._failed)

    def _returned(self, result: ReturnResult) -> None:
        returned, refused = result.returned, result.refused
        text = self.tr("{0} parcel(s) marked returned to sender.").format(len(returned))
        if refused:
            text += " " + self.tr("{0} could not be: {1}").format(len(refused), refused[0][1])
        self.message.emit(text, "warning" if refused else "info")
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        log.info("audit step refused: %s", exc)
        self.message.emit(str(exc), "error")
