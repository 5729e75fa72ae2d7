"""An on-screen keyboard for search fields, so staff never need the physical keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

ROWS = ("1234567890", "QWERTYUIOP", "ASDFGHJKL-", "ZXCVBNM.'")


class TouchKeyboard(QWidget):
    """Types into ``target``; emits ``edited`` with the new text after every key."""

    edited = Signal(str)

    def __init__(self, target: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._target = target
        self.setAccessibleName("On-screen keyboard")
        grid = QGridLayout(self)
        grid.setSpacing(6)
        for row, keys in enumerate(ROWS):
            for col, key in enumerate(keys):
                grid.addWidget(self._key(key, key, lambda _=False, k=key: self._type(k)), row, col)
        grid.addWidget(self._key("Space", self.tr("Space"), lambda: self._type(" ")), 4, 0, 1, 6)
        grid.addWidget(self._key("Delete", "⌫", self._backspace), 4, 6, 1, 2)
        grid.addWidget(self._key("Clear", self.tr("Clear"), self._clear), 4, 8, 1, 2)

    def _key(self, name: str, label: str, slot: object) -> QPushButton:
        button = QPushButton(label, self)
        button.setObjectName("Key")
        button.setAccessibleName(f"Key {name}")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumSize(56, 56)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        button.clicked.connect(slot)
        return button

    def _type(self, text: str) -> None:
        self._target.insert(text)
        self.edited.emit(self._target.text())

    def _backspace(self) -> None:
        self._target.backspace()
        self.edited.emit(self._target.text())

    def _clear(self) -> None:
        self._target.clear()
        self.edited.emit("")
