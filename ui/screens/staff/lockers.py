"""Staff: the locker banks at a glance — a grid of compartments coloured by state — and, for the
compartment tapped, its details, an out-of-service toggle and "Open for service"."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.services.lockers import Bank, Compartment, CompartmentState
from ui.screens.staff.forms import set_message, title_label
from ui.viewmodels.lockers import LockersViewModel

COLUMNS = 3  # fits the 1280-pixel kiosk beside the details column; more rows scroll
COLOURS = {
    CompartmentState.FREE: ("#dcefe2", "#14532d"),
    CompartmentState.OCCUPIED: ("#d6e6f5", "#0b3d5c"),
    CompartmentState.DOOR_OPEN: ("#fff1c2", "#6b4a00"),
    CompartmentState.OUT_OF_SERVICE: ("#e3e8ec", "#3b4c5a"),
    CompartmentState.UNAVAILABLE: ("#fde2e1", "#a4161a"),
}


class LockersScreen(QWidget):
    def __init__(self, vm: LockersViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vm = vm
        self.setAccessibleName("Lockers screen")
        self._banks: list[Bank] = []
        self._selected: Compartment | None = None

        self._title = title_label(self, "", "Lockers title")
        self._summary = QLabel("", self)
        self._summary.setObjectName("Subtitle")
        self._summary.setAccessibleName("Locker summary")
        self._summary.setWordWrap(True)
        self.refresh_button = QPushButton(self)
        self.refresh_button.setObjectName("Secondary")
        self.refresh_button.setAccessibleName("Refresh lockers")
        self.refresh_button.clicked.connect(lambda: vm.refresh(poll=True))
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("Secondary")
        self.import_button.setAccessibleName("Import bank from CSV")
        self.import_button.clicked.connect(self._import)
        #: Asks for the CSV file (a path, or "" if cancelled); tests replace it.
        self.choose_file = self._choose_file

        self._grid_host = QWidget(self)
        self._grid = QVBoxLayout(self._grid_host)
        self._grid.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._grid_host)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setAccessibleName("Compartment grid")
        self.compartment_buttons: dict[int, QPushButton] = {}
        self._bank_widgets: list[QWidget] = []

        self._details = QLabel("", self)
        self._details.setObjectName("Subtitle")
        self._details.setAccessibleName("Compartment details")
        self._details.setWordWrap(True)
        self.service_button = QPushButton(self)
        self.service_button.setObjectName("Toggle")
        self.service_button.setCheckable(True)
        self.service_button.setAccessibleName("Out of service")
        self.service_button.clicked.connect(lambda checked: vm.set_out_of_service(checked))
        self.open_button = QPushButton(self)
        self.open_button.setAccessibleName("Open for service")
        self.open_button.clicked.connect(vm.open_for_service)
        self._message = QLabel("", self)
        self._message.setObjectName("StaffMessage")
        self._message.setAccessibleName("Lockers message")
        self._message.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self._title)
        top.addStretch(1)
        top.addWidget(self.import_button)
        top.addWidget(self.refresh_button)
        side = QVBoxLayout()
        side.addWidget(self._details)
        side.addWidget(self.service_button)
        side.addWidget(self.open_button)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(scroll, 3)
        body.addLayout(side, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._summary)
        layout.addLayout(body, 1)
        layout.addWidget(self._message)

        vm.banks_changed.connect(self._show_banks)
        vm.selected_changed.connect(self._show_selected)
        vm.message.connect(self._show_message)
        vm.busy_changed.connect(lambda busy: self.refresh_button.setEnabled(not busy))
        self._retranslate()

    # ------------------------------------------------------------------ Qt

    def showEvent(self, event: QShowEvent) -> None:
        self.import_button.setVisible(self._vm.can_import())
        self._vm.refresh(poll=True)
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._title.setText(self.tr("Lockers"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.import_button.setText(self.tr("Import CSV"))
        self.service_button.setText(self.tr("Out of service"))
        self.open_button.setText(self.tr("Open for service"))
        self._show_banks(self._banks)
        self._show_selected(self._selected)

    def state_text(self, state: CompartmentState) -> str:
        return {
            CompartmentState.FREE: self.tr("free"),
            CompartmentState.OCCUPIED: self.tr("occupied"),
            CompartmentState.DOOR_OPEN: self.tr("door open"),
            CompartmentState.OUT_OF_SERVICE: self.tr("out of service"),
            CompartmentState.UNAVAILABLE: self.tr("unavailable"),
        }[state]

    def _choose_file(self) -> str:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Locker bank CSV"), "",
                                              self.tr("CSV files (*.csv *.txt);;All files (*)"))
        return path

    def _import(self) -> None:
        path = self.choose_file()
        if path:
            self._vm.import_csv(path)

    # ------------------------------------------------------------------ rendering

    def _show_banks(self, banks: list[Bank]) -> None:
        self._banks = banks
        for widget in self._bank_widgets:
            self._grid.removeWidget(widget)
            widget.deleteLater()
        self._bank_widgets = []
        self.compartment_buttons = {}
        parts = []
        for position, bank in enumerate(banks):
            box = QWidget(self._grid_host)
            box.setAccessibleName(f"Bank {bank.name}")
            inner = QVBoxLayout(box)
            heading = QLabel(bank.name, box)
            heading.setObjectName("Subtitle")
            heading.setAccessibleName(f"Bank {bank.name} name")
            inner.addWidget(heading)
            cells = QGridLayout()
            for index, compartment in enumerate(bank.compartments):
                button = QPushButton(f"{compartment.label}\n{compartment.size.value} · "
                                     f"{self.state_text(compartment.state)}", box)
                button.setAccessibleName(f"{bank.name} compartment {compartment.label}")
                button.setAccessibleDescription(self.state_text(compartment.state))
                button.setProperty("state", compartment.state.value)
                back, fore = COLOURS[compartment.state]
                button.setStyleSheet(f"QPushButton {{ background: {back}; color: {fore}; font-size: 20px; "
                                     f"min-height: 72px; border: 2px solid {fore}; }}"
                                     f"QPushButton:checked {{ border: 5px solid #0b3d5c; }}")
                button.setCheckable(True)
                button.setChecked(self._selected is not None and self._selected.id == compartment.id)
                button.clicked.connect(lambda _=False, cid=compartment.id: self._vm.select(cid))
                cells.addWidget(button, index // COLUMNS, index % COLUMNS)
                self.compartment_buttons[compartment.id] = button
            inner.addLayout(cells)
            self._grid.insertWidget(position, box)
            box.show()  # now, not at the layout's next pass: what the screen says is what a reader finds
            self._bank_widgets.append(box)
            counts = ", ".join(f"{bank.count(state)} {self.state_text(state)}" for state in CompartmentState
                               if bank.count(state))
            parts.append(f"{bank.name}: {counts}" if counts else bank.name)
        self._summary.setText("   ·   ".join(parts) if banks else self.tr("No locker banks are set up."))

    def _show_selected(self, compartment: Compartment | None) -> None:
        self._selected = compartment
        for cid, button in self.compartment_buttons.items():
            button.setChecked(compartment is not None and cid == compartment.id)
        enabled = compartment is not None
        self.service_button.setEnabled(enabled)
        self.open_button.setEnabled(enabled)
        if compartment is None:
            self._details.setText(self.tr("Tap a compartment to see it."))
            self.service_button.setChecked(False)
            return
        self.service_button.setChecked(compartment.out_of_service)
        lines = [self.tr("Compartment {0} · {1}").format(compartment.label, compartment.bank_name),
                 self.tr("Size {0} · board {1}, channel {2}").format(compartment.size.value, compartment.board,
                                                                     compartment.channel),
                 self.state_text(compartment.state)]
        if compartment.parcel_code:
            lines.append(self.tr("Parcel {0} for unit {1}").format(compartment.parcel_code, compartment.unit))
        if compartment.detail:
            lines.append(compartment.detail)
        self._details.setText("\n".join(lines))

    def _show_message(self, text: str, severity: str) -> None:
        set_message(self._message, text, severity)
