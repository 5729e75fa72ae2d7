"""Large-text and high-contrast modes for the resident screens, one tap each, reset on idle.

The modes swap the application style sheet: ``kiosk.qss``, then ``kiosk-high-contrast.qss`` over it
for high contrast, with every ``font-size`` scaled up for large text. Doing it application-wide
means every resident screen follows, including screens other modules add later, with no code of
their own. Staff screens stay in the normal look (their dense tables are laid out for it): the
staff shell is given the plain sheet as its own, which Qt prefers over the application's.

Nothing is remembered: the next person starts in the normal look (``reset`` on idle).
"""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

import resources

log = logging.getLogger(__name__)

LARGE_TEXT_SCALE = 1.3  # reading text (under 40 px) grows by this much
HEADLINE_PX = 40
HEADLINE_SCALE = 1.1  # headlines, shelf names and keypad digits are large already: they grow less, so
# the welcome screen's instructions still fit beside the keypad at 1280 x 800
_FONT_SIZE = re.compile(r"(font-size:\s*)(\d+)px")
_RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")


def scale_fonts(sheet: str, factor: float, headline_factor: float = HEADLINE_SCALE) -> str:
    """``sheet`` with the ``font-size`` of its text scaled up (by ``headline_factor`` from 40 px on).

    Buttons keep their size: their labels are large and bold already, and rows of them must still
    fit across the screen.
    """
    def scaled(match: re.Match[str]) -> str:
        px = int(match.group(2))
        return f"{match.group(1)}{round(px * (factor if px < HEADLINE_PX else headline_factor))}px"

    def rule(match: re.Match[str]) -> str:
        selector, body = match.group(1), match.group(2)
        if "QPushButton" in selector:
            return match.group(0)
        return f"{selector}{{{_FONT_SIZE.sub(scaled, body)}}}"

    return _RULE.sub(rule, sheet)


class DisplayModes(QObject):
    """The current display mode of the resident screens; ``changed`` after every switch."""

    changed = Signal()

    def __init__(self, base_sheet: str | None = None, high_contrast_sheet: str | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._base = resources.text("styles", "kiosk.qss") if base_sheet is None else base_sheet
        self._contrast = (resources.text("styles", "kiosk-high-contrast.qss") if high_contrast_sheet is None
                          else high_contrast_sheet)
        self._large_text = False
        self._high_contrast = False
        self._normal_roots: list[QWidget] = []

    @property
    def large_text(self) -> bool:
        return self._large_text

    @property
    def high_contrast(self) -> bool:
        return self._high_contrast

    @property
    def normal(self) -> bool:
        return not (self._large_text or self._high_contrast)

    def keep_normal(self, widget: QWidget) -> None:
        """``widget`` and everything in it keep the normal look whatever the mode (the staff screens)."""
        self._normal_roots.append(widget)
        if not self.normal:
            widget.setStyleSheet(self._base)

    def style_sheet(self) -> str:
        """The application style sheet for the current modes."""
        sheet = self._base + ("\n" + self._contrast if self._high_contrast else "")
        return scale_fonts(sheet, LARGE_TEXT_SCALE) if self._large_text else sheet

    def set_large_text(self, on: bool) -> None:
        self._set(bool(on), self._high_contrast)

    def set_high_contrast(self, on: bool) -> None:
        self._set(self._large_text, bool(on))

    def toggle_large_text(self) -> None:
        self.set_large_text(not self._large_text)

    def toggle_high_contrast(self) -> None:
        self.set_high_contrast(not self._high_contrast)

    def reset(self) -> None:
        """Back to the normal look (idle reset: nothing of the last person's choice stays)."""
        self._set(False, False)

    def _set(self, large_text: bool, high_contrast: bool) -> None:
        if (large_text, high_contrast) == (self._large_text, self._high_contrast):
            return
        self._large_text, self._high_contrast = large_text, high_contrast
        log.info("display mode: large text %s, high contrast %s", large_text, high_contrast)
        app = QApplication.instance()
        # The staff screens first, so the switch does not restyle them twice.
        for root in self._normal_roots:
            root.setStyleSheet("" if self.normal else self._base)
        if isinstance(app, QApplication):
            app.setStyleSheet(self.style_sheet())
        self.changed.emit()
