"""Carrier codes for managers: who may open the room, when; issue a code or a one-time pass, revoke."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk.persistence.models import Role
from kiosk.services.carrier_access import CarrierCodeInfo, IssuedCode
from ui.models import ListTableModel
from ui.screens.staff.forms import button, message_label, set_message, title_label, touch
from ui.viewmodels.carrier_codes import CarrierCodesViewModel
from ui.widgets.touch_keyboard import TouchKeyboard

TIMES = [f"{h:02d}:{m:02d}" for h in range(24) for m in (0, 30)] + ["24:00"]


def _when(at: object) -> str:
    return at.astimezone().strftime("%d %b %H:%M") if hasattr(at, "astimezone") else "—"


class CarrierCodesScreen(QWidget):
    required_role = Role.MANAGER

    def __init__(self, vm: CarrierCodesViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vm = vm
        self.setAccessibleName("Carriers screen")
        title = title_label(self, self.tr("Carrier codes"), "Carriers title")
        intro = QLabel(self.tr("Carriers type their code on the kiosk's Delivery screen to open the room, "
                               "within the hours set here. Every use is logged."), self)
        intro.setWordWrap(True)
        self._message = message_label(self, "Carriers message")

        self.model: ListTableModel[CarrierCodeInfo] = ListTableModel([
            (self.tr("Carrier"), lambda r: r.carrier),
            (self.tr("Label"), lambda r: r.label),
            (self.tr("Kind"), lambda r: self.tr("Pass") if r.single_use else self.tr("Code")),
            (self.tr("Hours"), lambda r: f"{r.hours_start}–{r.hours_end}"),
            (self.tr("Expires"), lambda r: _when(r.expires_at) if r.expires_at else "—"),
            (self.tr("Status"), lambda r: self._status_text(r.status)),
        ], self, alert=lambda r: r.status != "active")
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Carrier code table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the label takes what is left
        self.table.verticalHeader().setDefaultSectionSize(52)
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(200)
        self.revoke_button = button(self, self.tr("Revoke selected"), "Revoke carrier code", secondary=True)
        self.revoke_button.setMinimumWidth(260)
        self.revoke_button.clicked.connect(self._revoke)

        # the code just issued, in large type, until the screen is left
        self.issued_code = QLabel("", self)
        self.issued_code.setAccessibleName("Issued code")
        self.issued_code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.issued_code.setStyleSheet("font-size: 48px; font-weight: bold; letter-spacing: 6px; color: #0b3d5c;")
        self.issued_note = QLabel("", self)
        self.issued_note.setAccessibleName("Issued code note")
        self.issued_note.setWordWrap(True)
        self.issued_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._issued: IssuedCode | None = None
        self.print_button = button(self, self.tr("Print code"), "Print carrier code", secondary=True)
        self.print_button.clicked.connect(self._print)
        self.print_button.setVisible(False)

        # a new code
        self.carrier = touch(QComboBox(self), "Carrier name")
        self.carrier.setEditable(True)
        self.label = touch(QLineEdit(self), "Code label")
        self.label.setPlaceholderText(self.tr("e.g. morning route, driver's name"))
        self.hours_from = touch(QComboBox(self), "Hours from")
        self.hours_to = touch(QComboBox(self), "Hours to")
        for combo in (self.hours_from, self.hours_to):
            combo.addItems(TIMES)
            combo.setMaxVisibleItems(12)
        self.hours_from.setCurrentText("07:00")
        self.hours_to.setCurrentText("21:00")
        self.validity = touch(QComboBox(self), "Code validity")
        for text, days in ((self.tr("No end date"), None), (self.tr("30 days"), 30), (self.tr("90 days"), 90),
                           (self.tr("1 year"), 365)):
            self.validity.addItem(text, days)
        self.issue_button = button(self, self.tr("Issue code"), "Issue carrier code")
        self.issue_button.clicked.connect(self._issue_code)
        self.pass_button = button(self, self.tr("Single-use pass"), "Issue single-use pass", secondary=True)
        self.pass_button.clicked.connect(lambda: vm.issue_pass(self.carrier.currentText(), self.label.text()))
        self.keyboard = TouchKeyboard(self.label, self)

        form = QFormLayout()
        form.addRow(self.tr("Carrier"), self.carrier)
        form.addRow(self.tr("Label"), self.label)
        hours = QHBoxLayout()
        hours.addWidget(self.hours_from)
        hours.addWidget(QLabel("–", self))
        hours.addWidget(self.hours_to)
        form.addRow(self.tr("Hours"), hours)
        form.addRow(self.tr("Valid for"), self.validity)
        buttons = QHBoxLayout()
        buttons.addWidget(self.issue_button, 1)
        buttons.addWidget(self.pass_button, 1)
        pass_note = QLabel(self.tr("A single-use pass opens the room once, any time today."), self)
        pass_note.setWordWrap(True)

        # The list across the top; below it the new-code form, and the keyboard with the code just issued.
        list_row = QHBoxLayout()
        list_row.addWidget(self._message, 1)
        list_row.addWidget(self.revoke_button)
        left = QVBoxLayout()
        heading = QLabel(self.tr("New carrier code"), self)
        heading.setObjectName("Subtitle")
        left.addWidget(heading)
        left.addLayout(form)
        left.addLayout(buttons)
        left.addWidget(pass_note)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.keyboard)
        right.addWidget(self.issued_code)
        right.addWidget(self.issued_note)
        right.addWidget(self.print_button)
        right.addStretch(1)
        layout = QGridLayout(self)
        layout.addWidget(title, 0, 0, 1, 2)
        layout.addWidget(intro, 1, 0, 1, 2)
        layout.addWidget(self.table, 2, 0, 1, 2)
        layout.addLayout(list_row, 3, 0, 1, 2)
        layout.addLayout(left, 4, 0)
        layout.addLayout(right, 4, 1)
        layout.setColumnStretch(0, 1)
        layout.setColumnStretch(1, 1)

        vm.codes_changed.connect(self.model.set_rows)
        vm.carriers_changed.connect(self._set_carriers)
        vm.issued.connect(self._show_issued)
        vm.message.connect(lambda text, severity: set_message(self._message, text, severity))

    def _status_text(self, status: str) -> str:
        texts = {"active": self.tr("Active"), "revoked": self.tr("Revoked"), "expired": self.tr("Expired"),
                 "used": self.tr("Used")}
        return texts.get(status, status)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._vm.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        # A code is shown once: leaving the screen (or signing out) forgets it.
        self.issued_code.setText("")
        self.issued_note.setText("")
        self._issued = None
        self.print_button.setVisible(False)
        super().hideEvent(event)

    def _set_carriers(self, names: list[str]) -> None:
        current = self.carrier.currentText()
        self.carrier.clear()
        self.carrier.addItems(names)
        self.carrier.setCurrentText(current or (names[0] if names else ""))

    def _issue_code(self) -> None:
        self._vm.issue_code(self.carrier.currentText(), self.label.text(),
                            (self.hours_from.currentText(), self.hours_to.currentText()), self.validity.currentData())

    def _show_issued(self, issued: IssuedCode) -> None:
        code = issued.code
        self.issued_code.setText(" ".join(code[i:i + 4] for i in range(0, len(code), 4)))
        info = issued.info
        if info.single_use:
            note = self.tr("Single-use pass for {0} ({1}): opens the room once, until {2}.").format(
                info.carrier, info.label, _when(info.expires_at))
        else:
            note = self.tr("Code for {0} ({1}): opens the room {2}–{3}. It is not shown again.").format(
                info.carrier, info.label, info.hours_start, info.hours_end)
        self.issued_note.setText(note)
        self.label.clear()
        self._issued = issued
        self.print_button.setVisible(self._vm.can_print)

    def _print(self) -> None:
        if self._issued is not None:
            self._vm.print_code(self._issued)

    def _revoke(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            set_message(self._message, self.tr("Tap a code in the list first."), "info")
            return
        self._vm.revoke(self.model.row_at(rows[0].row()).id)

    def select_label(self, label: str) -> None:
        """Select the code with this label (as a tap on its row does)."""
        for i, row in enumerate(self.model.rows):
            if row.label == label:
                self.table.selectRow(i)
                return
