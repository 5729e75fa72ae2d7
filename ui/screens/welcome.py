"""The resident's first screen: what to do in one glance, and the keypad for the pickup code."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.viewmodels.pickup import PickupViewModel
from ui.widgets.keypad import Keypad


class WelcomeScreen(QWidget):
    def __init__(self, vm: PickupViewModel, property_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vm = vm
        self.setAccessibleName("Welcome screen")

        title = QLabel(self.tr("Pick up your packages"), self)
        title.setObjectName("Title")
        title.setAccessibleName("Title")
        place = QLabel(property_name, self)
        place.setObjectName("Subtitle")

        steps = QLabel(self)
        steps.setObjectName("Steps")
        steps.setWordWrap(True)
        steps.setText(self.tr(
            "<p><b>1.</b> Type the pickup code from your text or e-mail, then press <b>OK</b>.</p>"
            "<p><b>2.</b> Or hold the QR code from your message under the scanner.</p>"
            "<p><b>3.</b> Or tap your fob on the reader.</p>"))
        steps.setAccessibleName("Instructions")

        self._dots = QLabel("", self)
        self._dots.setObjectName("CodeDisplay")
        self._dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._dots.setAccessibleName("Code entered")
        self._dots.setMinimumHeight(88)

        self._message = QLabel("", self)
        self._message.setObjectName("Message")
        self._message.setWordWrap(True)
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._message.setAccessibleName("Message")

        self.keypad = Keypad(self)
        self.keypad.digit.connect(vm.press_digit)
        self.keypad.backspace.connect(vm.backspace)
        self.keypad.ok.connect(vm.submit)

        left = QVBoxLayout()
        left.addWidget(title)
        left.addWidget(place)
        left.addSpacing(24)
        left.addWidget(steps)
        left.addStretch(1)

        right = QVBoxLayout()
        right.addWidget(self._dots)
        right.addWidget(self._message)
        right.addWidget(self.keypad, 1)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(48, 40, 48, 40)
        layout.setSpacing(48)
        layout.addLayout(left, 5)
        layout.addLayout(right, 4)

        vm.code_changed.connect(self._update_code)
        vm.message.connect(self._update_message)
        vm.state_changed.connect(self._update_state)
        self._update_code(0)

    def _update_code(self, length: int) -> None:
        self._dots.setText("●  " * length if length else self.tr("Enter your code"))
        self._dots.setProperty("empty", length == 0)
        self._dots.style().unpolish(self._dots)
        self._dots.style().polish(self._dots)

    def _update_message(self, text: str, severity: str) -> None:
        self._message.setText(text)
        self._message.setProperty("severity", severity)
        self._message.style().unpolish(self._message)
        self._message.style().polish(self._message)

    def _update_state(self, state: str) -> None:
        self.keypad.setEnabled(state == "entry")
        if state == "checking":
            self._update_message(self.tr("Checking…"), "info")
