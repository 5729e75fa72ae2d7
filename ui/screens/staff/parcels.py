"""Every parcel by list and search; the chosen parcel's custody, reprint, move, lost or returned."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QItemSelection
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk.persistence.models import ParcelStatus, Role
from kiosk.services.parcels import ParcelInfo
from ui.models import ListTableModel
from ui.screens.staff.forms import set_message
from ui.viewmodels.parcel_list import LOST_REASONS, RETURN_REASONS, ParcelListViewModel
from ui.widgets.touch_keyboard import TouchKeyboard

LIST_TITLES = {"waiting": "Waiting", "attention": "Needs attention", "perishable": "Perishables",
               "closed": "Closed", "all": "All"}


def _age(parcel: ParcelInfo) -> str:
    end = parcel.closed_at or datetime.now(UTC)
    hours = int((end - parcel.received_at).total_seconds() // 3600)
    return f"{hours // 24} d {hours % 24} h" if hours >= 24 else f"{hours} h"


def _flags(parcel: ParcelInfo) -> str:
    marks = (("❄", parcel.perishable), ("✍", parcel.signature_required), ("⬛", parcel.oversized),
             ("⚠", parcel.fragile))
    return " ".join(mark for mark, on in marks if on)


def _status(parcel: ParcelInfo) -> str:
    return parcel.status.value.replace("_", " ")


class ParcelListScreen(QWidget):
    required_role = Role.STAFF

    def __init__(self, vm: ParcelListViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vm = vm
        self.setAccessibleName("Parcels screen")
        self.model: ListTableModel[ParcelInfo] = ListTableModel([
            (self.tr("Shelf"), lambda p: p.location_name),
            (self.tr("Unit"), lambda p: p.unit),
            (self.tr("Recipient"), lambda p: p.recipient or p.attention_reason),
            (self.tr("Carrier"), lambda p: (p.carrier or "").replace("_", " ").upper()),
            (self.tr("Tracking"), lambda p: p.tracking_number),
            (self.tr("Status"), _status),
            (self.tr("Waited"), _age),
            (self.tr("Flags"), _flags),
        ], self, alert=vm.is_overdue)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Parcel table")
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(48)
        self.table.verticalHeader().setVisible(False)
        self.table.selectionModel().selectionChanged.connect(self._selection)

        self.search = QLineEdit(self)
        self.search.setAccessibleName("Parcel search")
        self.search.setPlaceholderText(self.tr("Last digits of tracking, unit, name or shelf"))
        self.search.textChanged.connect(vm.filter)
        self.keyboard = TouchKeyboard(self.search, self)
        self.keyboard.setVisible(False)
        keyboard_button = QPushButton("⌨", self)
        keyboard_button.setObjectName("Toggle")
        keyboard_button.setCheckable(True)
        keyboard_button.setAccessibleName("Show keyboard")
        keyboard_button.setMinimumWidth(88)
        keyboard_button.toggled.connect(self.keyboard.setVisible)

        lists = QHBoxLayout()
        self._lists = QButtonGroup(self)
        self._lists.setExclusive(True)
        for name, title in LIST_TITLES.items():
            button = QPushButton(self.tr(title), self)
            button.setObjectName("ListChip")
            button.setCheckable(True)
            button.setAccessibleName(f"List {title}")
            button.setChecked(name == vm.list_name)
            button.clicked.connect(lambda _=False, n=name: vm.set_list(n))
            self._lists.addButton(button)
            lists.addWidget(button)

        self._message = QLabel("", self)
        self._message.setObjectName("StaffMessage")
        self._message.setWordWrap(True)
        self._message.setAccessibleName("Parcels message")
        self._count = QLabel("", self)
        self._count.setAccessibleName("Parcel count")

        # The chosen parcel.
        self._title = QLabel(self.tr("Choose a parcel"), self)
        self._title.setObjectName("Subtitle")
        self._title.setWordWrap(True)
        self._title.setAccessibleName("Parcel details")
        self.history = QListWidget(self)
        self.history.setAccessibleName("Custody history")
        self.reprint_button = self._button(self.tr("Reprint label"), "Reprint label", vm.reprint)
        self.move_button = self._button(self.tr("Move to shelf"), "Move to shelf", self._show_shelves)
        self.lost_button = self._button(self.tr("Mark lost"), "Mark lost",
                                        lambda: self._show_reasons(ParcelStatus.LOST))
        self.returned_button = self._button(self.tr("Mark returned"), "Mark returned",
                                            lambda: self._show_reasons(ParcelStatus.RETURNED))
        actions = QGridLayout()
        actions.addWidget(self.reprint_button, 0, 0)
        actions.addWidget(self.move_button, 0, 1)
        actions.addWidget(self.lost_button, 1, 0)
        actions.addWidget(self.returned_button, 1, 1)

        # The panel below the actions: shelves to move to, or reasons to close with.
        self._panel = QStackedWidget(self)
        self._shelves = QWidget(self._panel)
        self._shelf_grid = QGridLayout(self._shelves)
        self._reasons = QWidget(self._panel)
        reasons = QVBoxLayout(self._reasons)
        self._reason_buttons: list[QPushButton] = []
        for index in range(max(len(LOST_REASONS), len(RETURN_REASONS))):
            button = QPushButton("", self._reasons)
            button.setObjectName("Action")
            button.setAccessibleName(f"Reason {index + 1}")
            button.clicked.connect(lambda _=False, b=button: self._close_with(b.text()))
            self._reason_buttons.append(button)
            reasons.addWidget(button)
        self._closing = ParcelStatus.LOST
        self._panel.addWidget(QWidget(self._panel))
        self._panel.addWidget(self._shelves)
        self._panel.addWidget(self._reasons)

        detail = QVBoxLayout()
        detail.addWidget(self._title)
        detail.addWidget(self.history, 2)
        detail.addLayout(actions)
        detail.addWidget(self._panel, 1)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(keyboard_button)
        left = QVBoxLayout()
        left.addLayout(top)
        left.addLayout(lists)
        left.addWidget(self._count)
        left.addWidget(self.table, 1)
        left.addWidget(self.keyboard)
        left.addWidget(self._message)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(detail, 2)

        vm.rows_changed.connect(self._rows)
        vm.selected_changed.connect(self._selected)
        vm.locations_changed.connect(self._locations)
        vm.message.connect(self._update_message)
        self._selected(None, [])

    def _button(self, text: str, name: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName("Action")
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        return button

    def showEvent(self, event: QShowEvent) -> None:
        self._vm.refresh()
        self._vm.load_locations()
        super().showEvent(event)

    def _rows(self, rows: list[ParcelInfo]) -> None:
        selected = self._vm.selected
        self.model.set_rows(rows)
        if self._vm.capped:
            self._count.setText(self.tr("The newest {0} parcels; type more to narrow the search")
                                .format(len(rows)))
        else:
            self._count.setText(self.tr("{0} parcels").format(len(rows)))
        if selected is not None:
            for row, parcel in enumerate(rows):
                if parcel.id == selected.id:
                    self.table.selectRow(row)

    def _selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        self._vm.select(self.model.row_at(indexes[0].row()) if indexes else None)

    def _selected(self, parcel: ParcelInfo | None, history: list[dict[str, object]]) -> None:
        waiting = parcel is not None and parcel.status.is_waiting
        for button in (self.move_button, self.lost_button, self.returned_button):
            button.setEnabled(waiting)
        self.reprint_button.setEnabled(waiting)
        self._panel.setCurrentIndex(0)
        self.history.clear()
        if parcel is None:
            self._title.setText(self.tr("Choose a parcel"))
            return
        who = f"{parcel.recipient} · {self.tr('unit')} {parcel.unit}" if parcel.recipient else parcel.attention_reason
        attention = (f"\n⚠ {parcel.attention_reason}" if parcel.needs_attention and parcel.attention_reason
                     and parcel.recipient else "")  # why it is on Needs attention (a door left unconfirmed…)
        self._title.setText(f"{parcel.code} · {who}\n{parcel.location_name or '—'} · {_status(parcel)}{attention}")
        for step in history:
            at = step["at"]
            when = at.astimezone().strftime("%d %b %H:%M") if isinstance(at, datetime) else str(at)
            moved = f" @ {step['location']}" if step.get("location") else ""
            reason = f" — {step['reason']}" if step.get("reason") else ""
            to = str(step["to"]).replace("_", " ")
            self.history.addItem(f"{when}  {to}{moved}  ({step['actor']}){reason}")

    def _locations(self, locations: list[tuple[str, str, str]]) -> None:
        while self._shelf_grid.count():
            item = self._shelf_grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        for index, (code, name, _kind) in enumerate(locations):
            button = QPushButton(name, self._shelves)
            button.setObjectName("Key")
            button.setAccessibleName(f"Shelf {code}")
            button.clicked.connect(lambda _=False, c=code: self._vm.move_to(c))
            self._shelf_grid.addWidget(button, index // 5, index % 5)

    def _show_shelves(self) -> None:
        self._panel.setCurrentWidget(self._shelves)
        self._update_message(self.tr("Tap the new shelf, or scan its barcode."), "info")

    def _show_reasons(self, status: ParcelStatus) -> None:
        self._closing = status
        texts = LOST_REASONS if status == ParcelStatus.LOST else RETURN_REASONS
        for index, button in enumerate(self._reason_buttons):
            button.setVisible(index < len(texts))
            button.setText(self.tr(texts[index]) if index < len(texts) else "")
        self._panel.setCurrentWidget(self._reasons)

    def _close_with(self, reason: str) -> None:
        self._vm.close_as(self._closing, reason)

    def _update_message(self, text: str, severity: str) -> None:
        set_message(self._message, text, severity)
