"""Static resources (styles, icons, translations, sounds), found the same way in a checkout,
an installed wheel and a PyInstaller bundle."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent


def path(*parts: str) -> Path:
    """Absolute path of a resource, e.g. ``path("styles", "kiosk.qss")``."""
    return ROOT.joinpath(*parts)


def text(*parts: str) -> str:
    return path(*parts).read_text(encoding="utf-8")
