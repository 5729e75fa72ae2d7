"""Small helpers the staff screens share: touch-sized controls, messages, field errors."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

TOUCH = 56  # px: the least height of anything staff tap
W = TypeVar("W", bound=QWidget)


def touch(widget: W, name: str, min_height: int = TOUCH) -> W:
    """Give ``widget`` its accessible name and a finger-sized height."""
    widget.setAccessibleName(name)
    widget.setMinimumHeight(min_height)
    return widget


def button(parent: QWidget, text: str, name: str, secondary: bool = False, checkable: bool = False) -> QPushButton:
    widget = QPushButton(text, parent)
    if secondary or checkable:
        widget.setObjectName("Toggle" if checkable else "Secondary")
    widget.setCheckable(checkable)
    return touch(widget, name)


def title_label(parent: QWidget, text: str, name: str) -> QLabel:
    """A staff screen's title (``text`` already translated by the screen)."""
    label = QLabel(text, parent)
    label.setObjectName("StaffTitle")
    label.setAccessibleName(name)
    return label


def message_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel("", parent)
    label.setObjectName("StaffMessage")
    label.setWordWrap(True)
    label.setAccessibleName(name)
    return label


def set_message(label: QLabel, text: str, severity: str) -> None:
    """Show a message with its severity (the style sheet colours warnings and errors)."""
    label.setText(text)
    label.setProperty("severity", severity)
    label.style().unpolish(label)
    label.style().polish(label)


def error_label(parent: QWidget, name: str) -> QLabel:
    """The line under a field that says what is wrong with it (empty when nothing is)."""
    label = message_label(parent, name)
    label.setProperty("severity", "error")
    label.setVisible(False)
    return label


def show_error(label: QLabel, text: str) -> None:
    set_message(label, text, "error")
    label.setVisible(bool(text))
