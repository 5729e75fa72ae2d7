"""Staff view of the locker banks: every compartment's state, out of service, open for service.

:meth:`LockersViewModel.refresh` polls the boards (doors shut or found open, boards silent or
back) and reloads the banks; both run on the task runner's reader lane, as they wait on the
boards. Changing a compartment goes through the writer lane, opening one through the reader
lane (board I/O), and each is recorded with the signed-in staff member.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from hardware.lockers.coordinator import LockerCoordinator, OpenOutcome
from kiosk.persistence.models import Role
from kiosk.services.lockers import Bank, Compartment, LockerImportReport
from kiosk.services.staff import StaffSession
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class LockersViewModel(QObject):
    banks_changed = Signal(list)  # list[Bank]
    selected_changed = Signal(object)  # Compartment | None
    message = Signal(str, str)  # text, severity: info | warning | error
    busy_changed = Signal(bool)
    imported = Signal(object)  # LockerImportReport

    def __init__(self, coordinator: LockerCoordinator, runner: TaskRunner,
                 staff: Callable[[], StaffSession | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._coordinator = coordinator
        self._service = coordinator.service
        self._runner = runner
        self._staff = staff
        self.banks: list[Bank] = []
        self.selected: Compartment | None = None
        self._busy = 0

    def _set_busy(self, delta: int) -> None:
        before = self._busy > 0
        self._busy = max(0, self._busy + delta)
        if (self._busy > 0) != before:
            self.busy_changed.emit(self._busy > 0)

    def refresh(self, poll: bool = True) -> None:
        """Reload the banks; with ``poll`` read every board first."""
        coordinator, service = self._coordinator, self._service

        def load() -> tuple[list[str], list[Bank]]:
            changes = coordinator.poll() if poll else []
            return changes, service.banks()

        self._set_busy(1)
        self._runner.submit(load, self._loaded, self._failed)

    def _loaded(self, result: tuple[list[str], list[Bank]]) -> None:
        self._set_busy(-1)
        changes, self.banks = result
        self.banks_changed.emit(list(self.banks))
        if self.selected is not None:
            self.selected = next((c for b in self.banks for c in b.compartments if c.id == self.selected.id), None)
            self.selected_changed.emit(self.selected)
        if changes:
            self.message.emit("; ".join(changes), "info")

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(-1)
        log.error("locker action failed: %s", exc)
        self.message.emit(str(exc), "error")

    def select(self, compartment_id: int | None) -> None:
        self.selected = next((c for b in self.banks for c in b.compartments if c.id == compartment_id), None)
        self.selected_changed.emit(self.selected)

    def set_out_of_service(self, out: bool, reason: str = "") -> None:
        session, chosen = self._staff(), self.selected
        if chosen is None:
            return
        if session is None:
            self.message.emit(self.tr("Sign in to change lockers."), "error")
            return
        actor, service = session.actor, self._service
        self._set_busy(1)

        def changed(compartment: Compartment) -> None:
            self._set_busy(-1)
            text = (self.tr("Compartment {0} is out of service.") if out
                    else self.tr("Compartment {0} is back in service.")).format(compartment.label)
            self.message.emit(text, "info")
            self.refresh(poll=False)

        self._runner.submit_write(lambda: service.set_out_of_service(chosen.id, out, actor, reason), changed,
                                  self._failed)

    def can_import(self) -> bool:
        """Describing banks is an administrator's job."""
        session = self._staff()
        return session is not None and session.can(Role.ADMIN)

    def import_csv(self, path: str, dry_run: bool = False) -> None:
        """Describe banks from a CSV (all or nothing; each bad row reported with its row number)."""
        session = self._staff()
        if session is None or not session.can(Role.ADMIN):
            self.message.emit(self.tr("Only an administrator can import locker banks."), "error")
            return
        actor, service = session.actor, self._service
        self._set_busy(1)

        def done(report: LockerImportReport) -> None:
            self._set_busy(-1)
            self.imported.emit(report)
            if report.ok:
                text = (self.tr("{0}: {1} compartment(s) checked, nothing written (dry run).") if report.dry_run
                        else self.tr("{0}: imported. {1} compartment(s) described.")).format(report.source,
                                                                                           report.compartments)
                self.message.emit(text, "info")
                self.refresh(poll=False)
            else:
                lines = [self.tr("{0}: {1} error(s); nothing was changed.").format(report.source,
                                                                                   len(report.errors))]
                lines += [str(error) for error in report.errors[:8]]
                self.message.emit("\n".join(lines), "error")

        self._runner.submit_write(lambda: service.import_csv(path, actor, dry_run=dry_run), done, self._failed)

    def open_for_service(self) -> None:
        session, chosen = self._staff(), self.selected
        if chosen is None:
            return
        if session is None:
            self.message.emit(self.tr("Sign in to open a compartment."), "error")
            return
        actor, coordinator = session.actor, self._coordinator
        self._set_busy(1)

        def opened(outcome: OpenOutcome) -> None:
            self._set_busy(-1)
            if outcome.opened:
                self.message.emit(self.tr("Compartment {0} is open. Close it when you are done.")
                                  .format(outcome.compartment.label), "info")
            else:
                self.message.emit(outcome.message, "error")
            self.refresh(poll=False)

        self._runner.submit(lambda: coordinator.open_for_service(chosen.id, actor), opened, self._failed)
