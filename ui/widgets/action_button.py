"""A large secondary button for the resident screens whose text follows the kiosk's language.

``text`` is called again at every language change; give it a ``QCoreApplication.translate``
call with a literal context and source, so the translation tools find the string.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QPushButton, QWidget


class ActionButton(QPushButton):
    def __init__(self, accessible_name: str, text: Callable[[], str], parent: QWidget | None = None, *,
                 min_height: int = 88, object_name: str = "Secondary", style: str = "") -> None:
        super().__init__(parent)
        self._text = text
        if object_name:
            self.setObjectName(object_name)
        if style:
            self.setStyleSheet(style)
        self.setAccessibleName(accessible_name)
        self.setMinimumHeight(min_height)
        self.setText(text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.setText(self._text())
        super().changeEvent(event)
