"""Driving real widgets in tests by what a person sees: accessible names, never object paths."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def by_name(root: QWidget, name: str) -> QWidget:
    matches = [w for w in root.findChildren(QWidget) if w.accessibleName() == name and w.isVisible()]
    assert matches, f"no visible widget named {name!r}"
    return matches[0]
