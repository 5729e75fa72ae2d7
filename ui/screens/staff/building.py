"""Building administration: storage locations and their labels, room hours, staff accounts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kiosk.persistence.models import Role
from kiosk.services.building import EDITABLE_KINDS, MAP_MAX, MAX_CAPACITY, LocationInfo
from kiosk.services.staff import StaffInfo
from ui.models import ListTableModel
from ui.screens.staff.forms import button, message_label, set_message, title_label, touch
from ui.viewmodels.building import BuildingViewModel, StaffAccountsViewModel

KIND_LABELS = {"shelf": "Shelf", "bin": "Bin", "zone": "Zone", "fridge": "Fridge", "oversize": "Oversize",
               "locker": "Locker"}
ROLE_LABELS = {Role.STAFF: "Staff", Role.MANAGER: "Manager", Role.ADMIN: "Admin"}


def _table(parent: QWidget, model: QAbstractTableModel, name: str) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setDefaultSectionSize(52)
    table.verticalHeader().setVisible(False)
    return table


def _spin(parent: QWidget, name: str, value: int = 20) -> QSpinBox:
    spin = touch(QSpinBox(parent), name)
    spin.setRange(1, MAX_CAPACITY)
    spin.setValue(value)
    spin.setMinimumWidth(120)
    return spin


class BuildingScreen(QWidget):
    """Shelves, bins, zones, fridge and oversize areas; room hours. Managers view, admins change."""

    required_role = Role.MANAGER
    edit_role = Role.ADMIN

    def __init__(self, vm: BuildingViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vm = vm
        self.setAccessibleName("Building screen")
        title = title_label(self, self.tr("Building"), "Building title")
        self._message = message_label(self, "Building message")
        opens, closes = vm.room_hours
        hours = (self.tr("The room is open around the clock") if (opens, closes) == ("00:00", "24:00")
                 else self.tr("The room is open from {0} to {1}").format(opens, closes))
        self._hours = QLabel(hours + self.tr(" (set in the configuration file: room.hours_open, room.hours_close)."),
                             self)
        self._hours.setWordWrap(True)
        self._hours.setAccessibleName("Room hours")

        self.model: ListTableModel[LocationInfo] = ListTableModel([
            (self.tr("Code"), lambda r: r.code),
            (self.tr("Name"), lambda r: r.name),
            (self.tr("Kind"), lambda r: self.tr(KIND_LABELS.get(r.kind.value, r.kind.value))),
            (self.tr("Zone"), lambda r: r.zone),
            (self.tr("Capacity"), lambda r: r.capacity),
            (self.tr("Waiting"), lambda r: r.waiting),
            (self.tr("Map"), lambda r: f"{r.map_x}, {r.map_y}" if r.map_x is not None else "—"),
            (self.tr("Status"), lambda r: self.tr("in use") if r.active else self.tr("not used")),
        ], self)
        self.table = _table(self, self.model, "Location table")
        self.table.clicked.connect(lambda index: self._selected_changed(index.row()))

        # the selected location
        self.name = touch(QLineEdit(self), "Location name")
        self.rename_button = button(self, self.tr("Rename"), "Rename location", secondary=True)
        self.rename_button.clicked.connect(lambda: self._with_selected(lambda loc: vm.rename(loc.id, self.name.text())))
        self.capacity = _spin(self, "Location capacity")
        self.capacity_button = button(self, self.tr("Set capacity"), "Set capacity", secondary=True)
        self.capacity_button.clicked.connect(
            lambda: self._with_selected(lambda loc: vm.set_capacity(loc.id, self.capacity.value())))
        self.active_button = button(self, self.tr("Stop using"), "Deactivate location", secondary=True)
        self.active_button.clicked.connect(
            lambda: self._with_selected(lambda loc: vm.set_active(loc.id, not loc.active)))
        # Its place on the residents' room map: grid column from the left wall, row from the back wall.
        self.map_x = _spin(self, "Map column", 0)
        self.map_y = _spin(self, "Map row", 0)
        for spin in (self.map_x, self.map_y):
            spin.setRange(0, MAP_MAX)
            spin.setMinimumWidth(100)
        self.map_button = button(self, self.tr("Place on map"), "Place on map", secondary=True)
        self.map_button.clicked.connect(lambda: self._with_selected(
            lambda loc: vm.set_map_position(loc.id, self.map_x.value(), self.map_y.value())))
        self.unmap_button = button(self, self.tr("Off the map"), "Remove from map", secondary=True)
        self.unmap_button.clicked.connect(
            lambda: self._with_selected(lambda loc: vm.set_map_position(loc.id, None, None)))
        self.print_button = button(self, self.tr("Print shelf label"), "Print shelf label")
        self.print_button.clicked.connect(lambda: self._with_selected(lambda loc: vm.print_label(loc.id)))

        # a new location
        self.new_code = touch(QLineEdit(self), "New location code")
        self.new_code.setPlaceholderText(self.tr("e.g. D1"))
        self.new_name = touch(QLineEdit(self), "New location name")
        self.new_kind = touch(QComboBox(self), "New location kind")
        for kind in EDITABLE_KINDS:
            self.new_kind.addItem(self.tr(KIND_LABELS[kind.value]), kind)
        self.new_capacity = _spin(self, "New location capacity")
        self.new_zone = touch(QLineEdit(self), "New location zone")
        self.add_button = button(self, self.tr("Add"), "Add location")
        self.add_button.clicked.connect(self._add)

        selected = QFormLayout()
        name_row = QHBoxLayout()
        name_row.addWidget(self.name, 1)
        name_row.addWidget(self.rename_button)
        selected.addRow(self.tr("Name"), name_row)
        capacity_row = QHBoxLayout()
        capacity_row.addWidget(self.capacity)
        capacity_row.addWidget(self.capacity_button)
        capacity_row.addStretch(1)
        selected.addRow(self.tr("Capacity"), capacity_row)
        map_row = QHBoxLayout()
        map_row.addWidget(self.map_x)
        map_row.addWidget(self.map_y)
        map_row.addWidget(self.map_button)
        map_row.addWidget(self.unmap_button)
        map_row.addStretch(1)
        selected.addRow(self.tr("Map column, row"), map_row)
        actions = QHBoxLayout()
        actions.addWidget(self.print_button, 2)
        actions.addWidget(self.active_button, 1)
        selected.addRow(actions)

        new = QFormLayout()
        new.addRow(self.tr("Code"), self.new_code)
        new.addRow(self.tr("Name"), self.new_name)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.new_kind, 1)
        kind_row.addWidget(self.new_capacity)
        new.addRow(self.tr("Kind, capacity"), kind_row)
        new.addRow(self.tr("Zone"), self.new_zone)
        new.addRow(self.add_button)

        right = QVBoxLayout()
        heading = QLabel(self.tr("Selected location"), self)
        heading.setObjectName("Subtitle")
        right.addWidget(heading)
        right.addLayout(selected)
        heading = QLabel(self.tr("New location"), self)
        heading.setObjectName("Subtitle")
        right.addWidget(heading)
        right.addLayout(new)
        right.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(title)
        left.addWidget(self._hours)
        left.addWidget(self.table, 1)
        left.addWidget(self._message)
        layout = QGridLayout(self)
        layout.addLayout(left, 0, 0)
        layout.addLayout(right, 0, 1)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 2)

        vm.locations_changed.connect(self._show_locations)
        vm.message.connect(lambda text, severity: set_message(self._message, text, severity))
        self._current: LocationInfo | None = None
        self._apply_role()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._apply_role()
        self._vm.refresh()

    def _apply_role(self) -> None:
        edit = self._vm.can_edit
        for widget in (self.name, self.rename_button, self.capacity, self.capacity_button, self.active_button,
                       self.map_x, self.map_y, self.map_button, self.unmap_button,
                       self.new_code, self.new_name, self.new_kind, self.new_capacity, self.new_zone,
                       self.add_button):
            widget.setEnabled(edit)
        self.print_button.setEnabled(self._current is not None)

    def _show_locations(self, rows: list[LocationInfo]) -> None:
        current = self._current.id if self._current else None
        self.model.set_rows(rows)
        self._current = None
        for i, row in enumerate(rows):
            if row.id == current:
                self.table.selectRow(i)
                self._selected_changed(i)
        self._apply_role()

    def select_code(self, code: str) -> None:
        """Select the location with this code (as a tap on its row does)."""
        for i, row in enumerate(self.model.rows):
            if row.code == code:
                self.table.selectRow(i)
                self._selected_changed(i)
                return

    def _selected_changed(self, row: int) -> None:
        loc = self.model.row_at(row)
        self._current = loc
        self.name.setText(loc.name)
        self.capacity.setValue(loc.capacity)
        self.map_x.setValue(loc.map_x or 0)
        self.map_y.setValue(loc.map_y or 0)
        self.active_button.setText(self.tr("Stop using") if loc.active else self.tr("Use again"))
        self._apply_role()

    def _with_selected(self, action: Callable[[LocationInfo], None]) -> None:
        if self._current is None:
            set_message(self._message, self.tr("Tap a location in the list first."), "warning")
            return
        action(self._current)

    def _add(self) -> None:
        self._vm.add(self.new_code.text(), self.new_name.text(), self.new_kind.currentData(),
                     self.new_capacity.value(), self.new_zone.text())


class StaffAccountsScreen(QWidget):
    """Staff accounts (admins only): add, reset a PIN, change the role, deactivate, reactivate."""

    required_role = Role.ADMIN

    def __init__(self, vm: StaffAccountsViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vm = vm
        self.setAccessibleName("Staff accounts screen")
        title = title_label(self, self.tr("Staff accounts"), "Staff accounts title")
        self._message = message_label(self, "Staff accounts message")
        self.model: ListTableModel[StaffInfo] = ListTableModel([
            (self.tr("Name"), lambda s: s.name),
            (self.tr("Role"), lambda s: self.tr(ROLE_LABELS[s.role])),
            (self.tr("Status"), lambda s: self.tr("active") if s.active else self.tr("deactivated")),
            (self.tr("Badge"), lambda s: "✓" if s.has_badge else ""),
        ], self)
        self.table = _table(self, self.model, "Staff table")
        self.table.clicked.connect(lambda index: self._select(index.row()))

        self.new_name = touch(QLineEdit(self), "Staff name")
        self.new_role = self._role_box("Staff role")
        self.new_pin = touch(QLineEdit(self), "Staff PIN")
        self.new_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_badge = touch(QLineEdit(self), "Staff badge")
        self.add_button = button(self, self.tr("Add staff member"), "Add staff")
        self.add_button.clicked.connect(
            lambda: vm.add(self.new_name.text(), self.new_role.currentData(), self.new_pin.text(),
                           self.new_badge.text()))

        self.pin = touch(QLineEdit(self), "New PIN")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.reset_button = button(self, self.tr("Reset PIN"), "Reset PIN", secondary=True)
        self.reset_button.clicked.connect(lambda: self._with_selected(lambda s: vm.reset_pin(s.id, self.pin.text())))
        self.role = self._role_box("Change role")
        self.role_button = button(self, self.tr("Set role"), "Set role", secondary=True)
        self.role_button.clicked.connect(
            lambda: self._with_selected(lambda s: vm.set_role(s.id, self.role.currentData())))
        self.deactivate_button = button(self, self.tr("Deactivate"), "Deactivate staff", secondary=True)
        self.deactivate_button.clicked.connect(lambda: self._with_selected(lambda s: vm.deactivate(s.id)))
        self.reactivate_button = button(self, self.tr("Reactivate with the new PIN"), "Reactivate staff",
                                        secondary=True)
        self.reactivate_button.clicked.connect(
            lambda: self._with_selected(lambda s: vm.reactivate(s.id, self.pin.text())))

        new = QFormLayout()
        new.addRow(self.tr("Name"), self.new_name)
        new.addRow(self.tr("Role"), self.new_role)
        new.addRow(self.tr("PIN (4–12 digits)"), self.new_pin)
        new.addRow(self.tr("Badge (optional)"), self.new_badge)
        new.addRow(self.add_button)
        selected = QFormLayout()
        pin_row = QHBoxLayout()
        pin_row.addWidget(self.pin, 1)
        pin_row.addWidget(self.reset_button)
        selected.addRow(self.tr("New PIN"), pin_row)
        role_row = QHBoxLayout()
        role_row.addWidget(self.role, 1)
        role_row.addWidget(self.role_button)
        selected.addRow(self.tr("Role"), role_row)
        active_row = QHBoxLayout()
        active_row.addWidget(self.deactivate_button)
        active_row.addWidget(self.reactivate_button)
        selected.addRow(active_row)

        right = QVBoxLayout()
        for text, form in ((self.tr("Selected staff member"), selected), (self.tr("New staff member"), new)):
            heading = QLabel(text, self)
            heading.setObjectName("Subtitle")
            right.addWidget(heading)
            right.addLayout(form)
        right.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(title)
        left.addWidget(self.table, 1)
        left.addWidget(self._message)
        layout = QGridLayout(self)
        layout.addLayout(left, 0, 0)
        layout.addLayout(right, 0, 1)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 2)

        vm.staff_changed.connect(self._show_staff)
        vm.message.connect(lambda text, severity: set_message(self._message, text, severity))
        self._current: StaffInfo | None = None
        self._apply_role()

    def _role_box(self, name: str) -> QComboBox:
        box = touch(QComboBox(self), name)
        for role, label in ROLE_LABELS.items():
            box.addItem(self.tr(label), role)
        return box

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._apply_role()
        self._vm.refresh()

    def _apply_role(self) -> None:
        allowed = self._vm.can(self.required_role)
        for widget in (self.new_name, self.new_role, self.new_pin, self.new_badge, self.add_button, self.pin,
                       self.reset_button, self.role, self.role_button, self.deactivate_button,
                       self.reactivate_button):
            widget.setEnabled(allowed)
        if not allowed:
            set_message(self._message, self.tr("Only an admin may manage staff accounts."), "warning")

    def _show_staff(self, rows: list[StaffInfo]) -> None:
        self.model.set_rows(rows)
        self._current = None
        self.new_pin.clear()
        self.pin.clear()

    def _select(self, row: int) -> None:
        self._current = self.model.row_at(row)
        self.role.setCurrentIndex(max(0, self.role.findData(self._current.role)))

    def select_name(self, name: str) -> None:
        for i, row in enumerate(self.model.rows):
            if row.name == name:
                self.table.selectRow(i)
                self._select(i)
                return

    def _with_selected(self, action: Callable[[StaffInfo], None]) -> None:
        if self._current is None:
            set_message(self._message, self.tr("Tap a staff member in the list first."), "warning")
            return
        action(self._current)
