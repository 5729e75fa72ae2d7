"""The carrier's screens: a big keypad for the carrier code, then the door and a quick parcel log.

A "Delivery" button goes on the welcome screen; it opens :class:`CarrierScreen`.
Page one takes the carrier code. Page two greets the carrier, shows the door's countdown, the
parcel just scanned and a unit keypad whose matching units appear as big buttons; "Just drop
them off" and "Done" end the visit. Everything shown comes from
:class:`ui.viewmodels.carrier.CarrierVisitViewModel`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.services.carrier_access import UnitChoice
from ui.viewmodels.carrier import (
    DOOR_CLOSED,
    DOOR_FAILED,
    DOOR_OPEN,
    DOOR_OPENING,
    DOOR_UNAVAILABLE,
    ENTRY,
    MAX_MATCHES,
    CarrierVisitViewModel,
)
from ui.widgets.action_button import ActionButton
from ui.widgets.keypad import Keypad

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.scan_router import ScanRouter


def _label(parent: QWidget, name: str, object_name: str = "", wrap: bool = True) -> QLabel:
    label = QLabel("", parent)
    label.setAccessibleName(name)
    if object_name:
        label.setObjectName(object_name)
    label.setWordWrap(wrap)
    return label


def _big_button(parent: QWidget, name: str, object_name: str = "") -> QPushButton:
    button = QPushButton(parent)
    button.setAccessibleName(name)
    if object_name:
        button.setObjectName(object_name)
    button.setMinimumHeight(88)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return button


def _set_severity(label: QLabel, text: str, severity: str) -> None:
    label.setText(text)
    label.setProperty("severity", severity)
    label.style().unpolish(label)
    label.style().polish(label)


class CarrierScreen(QWidget):
    def __init__(self, vm: CarrierVisitViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vm = vm
        self.setAccessibleName("Carrier screen")
        self._pages = QStackedWidget(self)
        self._code_page = self._build_code_page()
        self._visit_page = self._build_visit_page()
        self._pages.addWidget(self._code_page)
        self._pages.addWidget(self._visit_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._pages)

        vm.state_changed.connect(self._update_state)
        vm.code_changed.connect(self._update_code)
        vm.message.connect(self._update_message)
        vm.door_changed.connect(self._update_door)
        vm.visit_changed.connect(self._update_visit)
        self._last_message: tuple[str, str] = ("", "info")
        self._retranslate()

    # ------------------------------------------------------------------ building

    def _build_code_page(self) -> QWidget:
        page = QWidget(self)
        self._code_title = _label(page, "Carrier title", "Title")
        self._code_steps = _label(page, "Carrier instructions", "Steps")
        self.back_button = _big_button(page, "Back to start", "Secondary")
        self.back_button.clicked.connect(self._vm.cancel)
        self._dots = _label(page, "Carrier code entered", "CodeDisplay", wrap=False)
        self._dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._dots.setMinimumHeight(88)
        self._code_message = _label(page, "Carrier message", "Message")
        self._code_message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.keypad = Keypad(page)
        self.keypad.digit.connect(self._vm.press_digit)
        self.keypad.backspace.connect(self._vm.backspace)
        self.keypad.ok.connect(self._vm.submit)

        left = QVBoxLayout()
        left.addWidget(self._code_title)
        left.addSpacing(24)
        left.addWidget(self._code_steps)
        left.addStretch(1)
        back_row = QHBoxLayout()
        back_row.addWidget(self.back_button)
        back_row.addStretch(1)
        left.addLayout(back_row)
        right = QVBoxLayout()
        right.addWidget(self._dots)
        right.addWidget(self._code_message)
        right.addWidget(self.keypad, 1)
        layout = QHBoxLayout(page)
        layout.setContentsMargins(48, 40, 48, 40)
        layout.setSpacing(48)
        layout.addLayout(left, 5)
        layout.addLayout(right, 4)
        return page

    def _build_visit_page(self) -> QWidget:
        page = QWidget(self)
        self._greeting = _label(page, "Carrier greeting", "Title")
        self._door = _label(page, "Carrier door status", "Subtitle")
        self._door.setStyleSheet("font-size: 30px; font-weight: bold; color: #1b7f3b;")
        self._scanned_caption = _label(page, "Scan instructions", "Steps")
        self._scanned = _label(page, "Scanned parcel", "Tracking")
        self._scanned.setStyleSheet("font-size: 30px; font-weight: bold;")
        self._visit_message = _label(page, "Visit message", "Message")
        self._logged = _label(page, "Logged parcels", "Detail")
        self._logged.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self._unit_caption = _label(page, "Unit caption", "Subtitle")
        self._unit = _label(page, "Unit entered", "CodeDisplay", wrap=False)
        self._unit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._unit.setMinimumHeight(72)
        self.unit_keypad = Keypad(page)
        self.unit_keypad.setAccessibleName("Unit keypad")
        self.unit_keypad.digit.connect(self._vm.unit_digit)
        self.unit_keypad.backspace.connect(self._vm.unit_backspace)
        self.unit_keypad.ok.connect(self._vm.unit_ok)
        self._unit_grid = QGridLayout()
        self._unit_grid.setSpacing(10)
        self._unit_buttons: list[QPushButton] = []
        for i in range(MAX_MATCHES):
            button = _big_button(page, f"Unit choice {i + 1}")
            button.setMinimumHeight(80)
            button.setStyleSheet("QPushButton { background: white; color: #0b3d5c; border: 3px solid #0b3d5c; "
                                 "border-radius: 12px; font-size: 32px; font-weight: bold; }")
            button.clicked.connect(lambda _=False, index=i: self._unit_chosen(index))
            button.setVisible(False)
            self._unit_grid.addWidget(button, i // 3, i % 3)
            self._unit_buttons.append(button)

        self.drop_button = _big_button(page, "Just drop them off", "Secondary")
        self.drop_button.clicked.connect(self._vm.just_drop)
        self.done_button = _big_button(page, "Done")
        self.done_button.setStyleSheet("QPushButton { min-height: 88px; font-size: 30px; background: #1b7f3b; }")
        self.done_button.clicked.connect(self._vm.done)

        left = QVBoxLayout()
        left.setSpacing(12)
        left.addWidget(self._greeting)
        left.addWidget(self._door)
        left.addSpacing(8)
        left.addWidget(self._scanned_caption)
        left.addWidget(self._scanned)
        left.addWidget(self._visit_message)
        left.addWidget(self._logged, 1)
        bottom = QHBoxLayout()
        bottom.setSpacing(24)
        bottom.addWidget(self.drop_button, 1)
        bottom.addWidget(self.done_button, 1)
        left.addLayout(bottom)
        unit_row = QHBoxLayout()
        unit_row.addWidget(self._unit_caption)
        unit_row.addWidget(self._unit, 1)
        right = QVBoxLayout()
        right.setSpacing(12)
        right.addLayout(unit_row)
        right.addLayout(self._unit_grid)
        right.addWidget(self.unit_keypad, 1)
        layout = QHBoxLayout(page)
        layout.setContentsMargins(40, 28, 40, 28)
        layout.setSpacing(40)
        layout.addLayout(left, 5)
        layout.addLayout(right, 4)
        return page

    # ------------------------------------------------------------------ behaviour

    def _unit_chosen(self, index: int) -> None:
        matches = self._vm.matching_units
        if index < len(matches):
            self._vm.choose_unit(matches[index])

    @property
    def unit_buttons(self) -> list[tuple[str, UnitChoice]]:
        """The unit buttons on show: (text, unit)."""
        return [(b.text(), u) for b, u in zip(self._unit_buttons, self._vm.matching_units, strict=False)]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._code_title.setText(self.tr("Carrier delivery"))
        self._code_steps.setText(self.tr(
            "<p>Type your carrier code, then press <b>OK</b>. The door unlocks for a few seconds.</p>"
            "<p>Carrier codes work only during your permitted hours. No code? See the front desk.</p>"))
        self.back_button.setText(self.tr("Back"))
        self._scanned_caption.setText(self.tr("<b>1.</b> Scan each parcel's barcode. <b>2.</b> Type its unit "
                                              "and tap it."))
        self._unit_caption.setText(self.tr("Unit"))
        self.drop_button.setText(self.tr("Just drop them off"))
        self.done_button.setText(self.tr("Done"))
        self._update_code(self._vm.code_length)
        self._update_door(self._vm.door_phase, self._vm.door_seconds)
        self._update_visit()

    def _update_state(self, state: str) -> None:
        self._pages.setCurrentWidget(self._code_page if state in (ENTRY, "checking") else self._visit_page)
        self.keypad.setEnabled(state == ENTRY)

    def _update_code(self, length: int) -> None:
        self._dots.setText("●  " * length if length else self.tr("Enter your carrier code"))
        self._dots.setProperty("empty", length == 0)
        self._dots.style().unpolish(self._dots)
        self._dots.style().polish(self._dots)

    def _update_message(self, text: str, severity: str) -> None:
        label = self._visit_message if self._vm.state not in (ENTRY, "checking") else self._code_message
        other = self._code_message if label is self._visit_message else self._visit_message
        _set_severity(label, text, severity)
        other.setText("")

    def _update_door(self, phase: str, seconds: int) -> None:
        texts = {
            DOOR_OPENING: self.tr("Unlocking the door…"),
            DOOR_OPEN: self.tr("Door unlocked — {0} s").format(seconds),
            DOOR_CLOSED: self.tr("Door locked again"),
            DOOR_FAILED: self.tr("The door did not unlock. Please see the front desk."),
            DOOR_UNAVAILABLE: self.tr("This kiosk does not control the door."),
        }
        self._door.setText(texts.get(phase, ""))

    def _update_visit(self) -> None:
        vm = self._vm
        match = vm.match
        self._greeting.setText(self.tr("Welcome, {0}").format(match.carrier) if match else "")
        if vm.pending:
            self._scanned.setText(self.tr("Parcel {0}: type its unit").format(vm.pending))
        else:
            self._scanned.setText(self.tr("Scan a parcel"))
        self._unit.setText(vm.unit_typed or "—")
        matches = vm.matching_units
        for i, button in enumerate(self._unit_buttons):
            if i < len(matches):
                button.setText(matches[i].text)
                button.setAccessibleName(f"Unit {matches[i].text}")
                button.setVisible(True)
            else:
                button.setVisible(False)
                button.setAccessibleName(f"Unit choice {i + 1}")
        if vm.logged:
            lines = [self.tr("Parcels logged: {0}").format(len(vm.logged))]
            for tracking, unit, where in vm.logged[:6]:
                lines.append(f"{tracking}  →  {unit or '?'}{'  ·  ' + where if where else ''}")
            self._logged.setText("\n".join(lines))
        else:
            self._logged.setText(self.tr("No parcels logged yet."))


def install_carrier(window: MainWindow, router: ScanRouter, vm: CarrierVisitViewModel) -> CarrierScreen:
    """Add the carrier screen, the welcome screen's "Delivery" button and the screen's scans."""
    screen = CarrierScreen(vm)
    window.add_resident_screen(screen)
    router.add_resident_target(screen, vm.on_scan)

    def open_delivery() -> None:
        vm.reset()  # nothing of the last carrier's visit
        window.show_screen(screen)

    def finished() -> None:
        window.show_welcome()
        vm.reset()

    button = ActionButton("Carrier delivery", lambda: QCoreApplication.translate("DeliveryButton", "Delivery"),
                          window.welcome, min_height=80)
    button.clicked.connect(open_delivery)
    window.welcome.add_action(button)
    vm.finished.connect(finished)
    return screen
