"""A large numeric keypad for touch: 0–9, delete and OK, each key at least 96 px square."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget


class Keypad(QWidget):
    digit = Signal(str)
    backspace = Signal()
    ok = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Keypad")
        grid = QGridLayout(self)
        grid.setSpacing(12)
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
        for index, key in enumerate(keys):
            button = QPushButton(key, self)
            button.setObjectName("KeypadKey")
            button.setMinimumSize(112, 96)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            if key == "⌫":
                button.setAccessibleName(self.tr("Delete last digit"))
                button.clicked.connect(self.backspace)
            elif key == "OK":
                button.setObjectName("KeypadOk")
                button.setAccessibleName(self.tr("OK"))
                button.clicked.connect(self.ok)
            else:
                button.setAccessibleName(self.tr("Digit {0}").format(key))
                button.clicked.connect(lambda _=False, k=key: self.digit.emit(k))
            grid.addWidget(button, index // 3, index % 3)
