"""Idle detection: any touch, click or key anywhere restarts the countdown."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

_ACTIVITY = {
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.KeyPress, QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate, QEvent.Type.Wheel,
}


class IdleWatcher(QObject):
    """Emits ``idle`` once after ``seconds`` without user activity (install on the QApplication)."""

    idle = Signal()

    def __init__(self, seconds: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(seconds * 1000)
        self._timer.timeout.connect(self.idle)
        self._timer.start()

    def poke(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        """For good (the kiosk is closing): no more ``idle``."""
        self._timer.stop()
        self.blockSignals(True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self._timer.start()
        return False
