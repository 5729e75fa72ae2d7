"""The two one-tap switches on the welcome screen: "Large text" and "High contrast"."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QPushButton, QWidget

from ui.display_modes import DisplayModes
from ui.main_window import MainWindow


class DisplayToggle(QPushButton):
    """A big checkable button that mirrors one of the display modes."""

    def __init__(self, modes: DisplayModes, which: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._modes = modes
        self._which = which  # "large_text" or "high_contrast"
        self.setObjectName("DisplayToggle")
        self.setAccessibleName("Large text" if which == "large_text" else "High contrast")
        self.setCheckable(True)
        self.setMinimumHeight(80)
        self.clicked.connect(self._tapped)
        modes.changed.connect(self._sync)
        self._retranslate()
        self._sync()

    def _tapped(self) -> None:
        if self._which == "large_text":
            self._modes.toggle_large_text()
        else:
            self._modes.toggle_high_contrast()
        self._sync()

    def _sync(self) -> None:
        self.setChecked(getattr(self._modes, self._which))
        self._retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        # The glyphs say what the button does to a reader of neither language; a tick, that it is on.
        label = self.tr("Large text") if self._which == "large_text" else self.tr("High contrast")
        glyph = "✓" if self.isChecked() else ("A+" if self._which == "large_text" else "◐")
        self.setText(f"{glyph}  {label}")


def display_toggles(modes: DisplayModes, parent: QWidget | None = None) -> list[DisplayToggle]:
    return [DisplayToggle(modes, "large_text", parent), DisplayToggle(modes, "high_contrast", parent)]


def install_display_modes(window: MainWindow, staff_shell: QWidget | None) -> DisplayModes:
    """The display modes for the kiosk: their switches on the welcome screen, the staff screens kept normal."""
    modes = DisplayModes(parent=window)
    for toggle in display_toggles(modes, window.welcome):
        window.welcome.add_display_toggle(toggle)
    if staff_shell is not None:
        modes.keep_normal(staff_shell)
    return modes
