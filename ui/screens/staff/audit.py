"""The audit screen: scan shelf then parcels with live progress; discrepancies to resolve; sign-off; returns."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.persistence.models import AuditStatus, DiscrepancyKind
from kiosk.services.audits import (
    RESOLUTION_CODES,
    AuditInfo,
    AuditProgress,
    CompartmentCheck,
    DiscrepancyInfo,
    ShelfProgress,
    UnclaimedParcel,
    UnclaimedReport,
)
from ui.models import ListTableModel
from ui.screens.staff.forms import set_message, title_label
from ui.viewmodels.audit import AuditViewModel


def _shelf_state(shelf: ShelfProgress) -> str:
    if not shelf.visited:
        return "—" if shelf.expected == 0 else "to scan"
    return "✓ done" if shelf.done else "check"


def _shelves(d: DiscrepancyInfo) -> str:
    """Recorded shelf → shelf where it was found (either may be unknown)."""
    if d.expected_shelf and d.found_shelf and d.expected_shelf != d.found_shelf:
        return f"{d.expected_shelf} → {d.found_shelf}"
    return d.found_shelf or d.expected_shelf or "—"


class AuditScreen(QWidget):
    def __init__(self, vm: AuditViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vm = vm
        self.setAccessibleName("Audit screen")

        self.status = title_label(self, "", "Audit status")
        self.progress_text = QLabel("", self)
        self.progress_text.setAccessibleName("Audit progress")
        self.message_label = QLabel("", self)
        self.message_label.setObjectName("StaffMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setAccessibleName("Audit message")

        self.start_button = self._button("Start audit", vm.start)
        self.reconcile_button = self._button("Reconcile", vm.reconcile)
        self.scan_input = QLineEdit(self)
        self.scan_input.setAccessibleName("Audit scan")
        self.scan_input.setPlaceholderText(self.tr("Scan a shelf barcode, then each parcel on it"))
        self.scan_input.returnPressed.connect(self._scan_typed)

        self.shelves: ListTableModel[ShelfProgress] = ListTableModel([
            (self.tr("Shelf"), lambda s: s.code), (self.tr("Expected"), lambda s: s.expected),
            (self.tr("Found"), lambda s: s.found), (self.tr("Extra"), lambda s: s.extra),
            (self.tr("State"), _shelf_state)], self)
        self.shelf_view = self._table(self.shelves, "Shelf progress")

        # Locker compartments recorded occupied: open each, then scan the label or confirm on screen.
        self.compartments: ListTableModel[CompartmentCheck] = ListTableModel([
            (self.tr("Compartment"), lambda c: f"{c.bank} {c.label}".strip()),
            (self.tr("Parcel"), lambda c: ", ".join(c.parcel_codes) or "—"),
            (self.tr("Unit"), lambda c: ", ".join(c.units)), (self.tr("State"), self.compartment_state)], self)
        self.compartment_view = self._table(self.compartments, "Locker compartments")
        self.compartment_view.verticalHeader().setDefaultSectionSize(40)  # two rows show with the buttons
        self.compartment_view.selectionModel().currentRowChanged.connect(lambda *_: self._update_compartment_actions())
        self.open_compartment_button = self._button("Open compartment", self._open_compartment)
        self.present_button = self._button("Parcel present", lambda: self._confirm(True))
        self.empty_button = self._button("Empty", lambda: self._confirm(False))
        self.open_compartment_button.setVisible(vm.can_open_compartments)
        self.open_compartment_button.setText(self.tr("Open it"))  # the tab says what: a compartment
        self._locker_box = QWidget(self)
        locker_layout = QVBoxLayout(self._locker_box)
        locker_layout.setContentsMargins(0, 0, 0, 0)
        locker_layout.addWidget(self.compartment_view, 1)
        locker_actions = QHBoxLayout()
        for button in (self.open_compartment_button, self.present_button, self.empty_button):
            locker_actions.addWidget(button)
        locker_layout.addLayout(locker_actions)
        # Shelves and locker compartments share one place on screen, a tab each.
        self.places = QTabWidget(self)
        self.places.setAccessibleName("Audit places")
        self.places.addTab(self.shelf_view, self.tr("Shelves"))
        self.places.tabBar().setVisible(False)  # until there are compartments to check
        # Its height is what is left over, never more than the screen: the tables scroll instead.
        self.places.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.places.setMinimumHeight(240)
        self._locker_box.setVisible(False)

        self.discrepancy_model: ListTableModel[DiscrepancyInfo] = ListTableModel([
            (self.tr("Kind"), lambda d: d.description), (self.tr("Parcel"), lambda d: d.parcel_code or d.scanned_text),
            (self.tr("Shelf"), _shelves), (self.tr("Resolution"), lambda d: d.resolution_code or self.tr("open"))],
            self)
        self.discrepancy_view = self._table(self.discrepancy_model, "Discrepancies")
        self.discrepancy_view.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        self.resolution = QComboBox(self)
        self.resolution.setAccessibleName("Resolution code")
        for code, text in RESOLUTION_CODES.items():
            self.resolution.addItem(text, code)
        self.note = QLineEdit(self)
        self.note.setAccessibleName("Resolution note")
        self.note.setPlaceholderText(self.tr("Note (what was done)"))
        self.resolve_button = self._button("Resolve", self._resolve)
        self.move_button = self._button("Move it here", self._move)
        self.move_button.setToolTip(self.tr("Record the parcel on the shelf where it was found"))
        self.override = QLineEdit(self)
        self.override.setAccessibleName("Override reason")
        self.override.setPlaceholderText(self.tr("Manager override reason (only with open discrepancies)"))
        self.sign_off_button = self._button("Sign off", lambda: vm.sign_off(self.override.text()))

        self.groups = QLabel("", self)
        self.groups.setAccessibleName("Unclaimed groups")
        self.returns: ListTableModel[UnclaimedParcel] = ListTableModel([
            (self.tr("Parcel"), lambda p: p.code), (self.tr("Shelf"), lambda p: p.shelf),
            (self.tr("Unit"), lambda p: p.unit), (self.tr("Carrier"), lambda p: (p.carrier or "").upper()),
            (self.tr("Days"), lambda p: p.days)], self)
        self.returns_view = self._table(self.returns, "Return to sender list")
        self.returns_view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.returns_view.setMinimumHeight(70)  # the header and a row; it scrolls
        self.pull_button = self._button("Pull for return", lambda: vm.pull_for_return())

        walk = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.start_button)
        top.addWidget(self.reconcile_button)
        walk.addLayout(top)
        walk.addWidget(self.scan_input)
        walk.addWidget(self.message_label)
        walk.addWidget(self.progress_text)
        walk.addWidget(self.places, 2)
        walk.addWidget(self.groups)
        walk.addWidget(self.returns_view, 1)
        walk.addWidget(self.pull_button)

        review = QVBoxLayout()
        review.addWidget(self.discrepancy_view, 1)
        review.addWidget(self.resolution)
        review.addWidget(self.note)
        actions = QHBoxLayout()
        actions.addWidget(self.resolve_button)
        actions.addWidget(self.move_button)
        review.addLayout(actions)
        sign = QHBoxLayout()
        sign.addWidget(self.override, 2)
        sign.addWidget(self.sign_off_button, 1)
        review.addLayout(sign)

        layout = QGridLayout(self)
        layout.addLayout(walk, 0, 0)
        layout.addLayout(review, 0, 1)
        layout.setColumnStretch(0, 2)
        layout.setColumnStretch(1, 3)

        vm.audit_changed.connect(self._update_audit)
        vm.progress_changed.connect(self._update_progress)
        vm.discrepancies_changed.connect(self._update_discrepancies)
        vm.unclaimed_changed.connect(self._update_unclaimed)
        vm.message.connect(self._update_message)
        self._update_audit(None)

    def _button(self, text: str, slot: object) -> QPushButton:
        button = QPushButton(self.tr(text), self)
        button.setAccessibleName(text)
        button.clicked.connect(slot)
        return button

    def _table(self, model: ListTableModel, name: str) -> QTableView:  # type: ignore[type-arg]
        view = QTableView(self)
        view.setModel(model)
        view.setAccessibleName(name)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        view.verticalHeader().setDefaultSectionSize(44)
        return view

    # ------------------------------------------------------------------ actions

    def _scan_typed(self) -> None:
        text = self.scan_input.text()
        self.scan_input.clear()
        self._vm.on_scan(text)

    @property
    def selected(self) -> DiscrepancyInfo | None:
        index = self.discrepancy_view.currentIndex()
        return self.discrepancy_model.row_at(index.row()) if index.isValid() else None

    def select_discrepancy(self, row: int) -> None:
        self.discrepancy_view.selectRow(row)
        self._update_actions()

    def _resolve(self) -> None:
        row = self.selected
        if row is not None:
            self._vm.resolve(row.id, str(self.resolution.currentData()), self.note.text())
            self.note.clear()

    def compartment_state(self, check: CompartmentCheck) -> str:
        return {"to_check": self.tr("to check"), "present": self.tr("✓ present"),
                "not_found": self.tr("not found"), "extra": self.tr("check")}.get(check.state, check.state)

    @property
    def selected_compartment(self) -> CompartmentCheck | None:
        index = self.compartment_view.currentIndex()
        return self.compartments.row_at(index.row()) if index.isValid() else None

    def select_compartment(self, row: int) -> None:
        self.compartment_view.selectRow(row)
        self._update_compartment_actions()

    def _show_locker_tab(self, show: bool) -> None:
        index = self.places.indexOf(self._locker_box)
        if show and index < 0:
            index = self.places.addTab(self._locker_box, "")
        elif not show and index >= 0:
            self.places.removeTab(index)
            self._locker_box.setVisible(False)
            index = -1
        self.places.tabBar().setVisible(show)
        if index >= 0:
            checked = sum(1 for c in self.compartments.rows if c.state == "present")
            self.places.setTabText(index, self.tr("Lockers {0}/{1}").format(checked, self.compartments.rowCount()))

    def show_lockers(self) -> None:
        """Bring the locker compartments' tab forward (if there are any to check)."""
        index = self.places.indexOf(self._locker_box)
        if index >= 0:
            self.places.setCurrentIndex(index)

    def _open_compartment(self) -> None:
        check = self.selected_compartment
        if check is not None:
            self._vm.open_compartment(check.id, check.code)

    def _confirm(self, present: bool) -> None:
        check = self.selected_compartment
        if check is not None:
            self._vm.confirm_compartment(check.id, present)

    def _update_compartment_actions(self) -> None:
        running = self._vm.audit is not None and self._vm.audit.status in (AuditStatus.IN_PROGRESS,
                                                                          AuditStatus.RECONCILED)
        chosen = running and self.selected_compartment is not None
        for button in (self.open_compartment_button, self.present_button, self.empty_button):
            button.setEnabled(chosen)

    def _move(self) -> None:
        row = self.selected
        if row is not None:
            self._vm.move_to_found(row.id)

    # ------------------------------------------------------------------ updates

    def _update_audit(self, audit: AuditInfo | None) -> None:
        running = audit is not None and audit.status in (AuditStatus.IN_PROGRESS, AuditStatus.RECONCILED)
        if audit is None:
            self.status.setText(self.tr("No audit in progress"))
        elif running:
            self.status.setText(self.tr("Audit #{0} · {1}").format(audit.id, audit.status.value.replace("_", " ")))
        else:
            self.status.setText(self.tr("Audit #{0} signed off by {1}").format(audit.id, audit.signed_off_by))
        self.start_button.setEnabled(not running)
        self.scan_input.setEnabled(running)
        self.reconcile_button.setEnabled(running)
        self.sign_off_button.setEnabled(audit is not None and audit.status == AuditStatus.RECONCILED)
        self._update_actions()
        self._update_compartment_actions()

    def _update_progress(self, progress: AuditProgress | None) -> None:
        if progress is None:
            self.shelves.set_rows([])
            self.compartments.set_rows([])
            self._show_locker_tab(False)
            self.progress_text.setText("")
            return
        self.shelves.set_rows(progress.shelves)
        chosen = self.selected_compartment
        self.compartments.set_rows(progress.compartments)
        self._show_locker_tab(bool(progress.compartments))
        for i, check in enumerate(progress.compartments):
            if chosen is not None and check.id == chosen.id:
                self.compartment_view.selectRow(i)
        self._update_compartment_actions()
        shelf = progress.current_shelf or self.tr("none yet")
        self.progress_text.setText(self.tr("{0} of {1} parcels found · {2} of {3} shelves scanned · shelf: {4}")
                                   .format(progress.found, progress.expected, progress.visited,
                                           len(progress.shelves), shelf))

    def _update_discrepancies(self, rows: list[DiscrepancyInfo]) -> None:
        selected = self.selected
        self.discrepancy_model.set_rows(rows)
        if selected is not None:
            for i, row in enumerate(rows):
                if row.id == selected.id:
                    self.discrepancy_view.selectRow(i)
        self._update_actions()

    def _update_actions(self) -> None:
        row = self.selected
        open_row = row is not None and row.open
        self.resolve_button.setEnabled(open_row)
        self.move_button.setEnabled(open_row and row is not None and row.kind == DiscrepancyKind.MISPLACED)

    def _update_unclaimed(self, report: UnclaimedReport) -> None:
        self.groups.setText("   ".join(f"{label}: {len(parcels)}" for label, parcels in report.groups)
                            + "   " + self.tr("Return to sender: {0}").format(len(report.return_to_sender)))
        self.returns.set_rows(report.return_to_sender)
        self.pull_button.setEnabled(bool(report.return_to_sender))

    def _update_message(self, text: str, severity: str) -> None:
        set_message(self.message_label, text, severity)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self._vm.refresh()
        super().showEvent(event)
