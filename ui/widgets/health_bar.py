"""The device-health bar on every staff screen: each device, and what waits in the outbox.

Green: working. Amber: working with a problem staff should know of (labels queued, notices
waiting long). Red: not working. Each chip's accessible name is the device kind, its text the
state a person can act on ("Printer: paper out — 3 labels queued").
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QEvent, QSize, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from hardware.base import DeviceStatus
from kiosk.notifications import Backlog
from kiosk.services.lockers import SIZE_RANK, Bank, CompartmentState

KINDS = ("scanner", "printer", "door", "camera")
TITLES = {"scanner": "Scanner", "printer": "Printer", "door": "Door", "camera": "Camera", "outbox": "Notices",
          "lockers": "Lockers"}


def _duration(minutes: int) -> str:
    if minutes < 90:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // (24 * 60)} d"


class HealthChip(QLabel):
    """One chip: on one line while the bar has room; wrapped onto two lines, rather than widening the
    window, when it has not (many devices, long states, large text)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("HealthChip")
        self.setWordWrap(True)
        self._line = QSize()

    def measure(self) -> None:
        """Remember the one-line size of the current text and style."""
        self.setWordWrap(False)
        self._line = super().sizeHint()
        self.setWordWrap(True)
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        return self._line if self._line.isValid() else super().sizeHint()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange) and self._line.isValid():
            self._line = QSize()  # measured again at the next text; meanwhile Qt's own hint
            QTimer.singleShot(0, self, self.measure)


class HealthBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Device health")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.setSpacing(8)
        self.chips: dict[str, HealthChip] = {}
        for kind in (*KINDS, "outbox"):
            chip = HealthChip(self)
            chip.setAccessibleName(f"{TITLES[kind]} health")
            self.chips[kind] = chip
            layout.addWidget(chip)
            self._show(kind, self.tr("not installed") if kind != "outbox" else self.tr("nothing waiting"), "none")
        # Lockers: shown only once a bank is described (set_lockers).
        chip = HealthChip(self)
        chip.setAccessibleName("Lockers health")
        chip.setVisible(False)
        self.chips["lockers"] = chip
        layout.addWidget(chip)
        layout.addStretch(1)

    def state_of(self, kind: str) -> str:
        return str(self.chips[kind].property("health"))

    def text_of(self, kind: str) -> str:
        return self.chips[kind].text()

    def set_device(self, status: DeviceStatus) -> None:
        if status.kind not in self.chips:
            return
        if status.online:
            trouble = status.extra.get("warning", "")
            health = "warn" if trouble else "ok"
            text = trouble or status.detail or self.tr("ready")
        else:
            health = "bad"
            text = status.detail or self.tr("offline")
        self._show(status.kind, text, health)

    def set_not_installed(self, kind: str) -> None:
        if kind in self.chips:
            self._show(kind, self.tr("not installed"), "none")

    def set_backlog(self, backlog: Backlog, now: datetime | None = None, configured: bool = True) -> None:
        if not configured:
            self._show("outbox", self.tr("not set up ({0} held)").format(backlog.pending), "warn")
            return
        if backlog.pending == 0 and backlog.failed == 0:
            self._show("outbox", self.tr("all sent"), "ok")
            return
        parts = []
        health = "ok"
        if backlog.pending:
            waited = ""
            if backlog.oldest_created_at is not None:
                minutes = int(((now or datetime.now(UTC)) - backlog.oldest_created_at).total_seconds() // 60)
                waited = self.tr(", oldest {0}").format(_duration(minutes))
                if minutes >= 15:
                    health = "warn"
            parts.append(self.tr("{0} waiting{1}").format(backlog.pending, waited))
        if backlog.failed:
            parts.append(self.tr("{0} failed").format(backlog.failed))
            health = "bad"
        self._show("outbox", "; ".join(parts), health)

    def set_lockers(self, banks: list[Bank]) -> None:
        """Free compartments per size, out of service, boards silent; hidden while no bank exists."""
        chip = self.chips["lockers"]
        compartments = [c for bank in banks for c in bank.compartments]
        if not compartments:
            chip.setVisible(False)
            return
        chip.setVisible(True)
        free: dict[str, int] = {}
        for c in sorted(compartments, key=lambda c: SIZE_RANK[c.size]):
            free[c.size.value] = free.get(c.size.value, 0) + (c.state == CompartmentState.FREE)
        parts = [self.tr("free {0}").format(" · ".join(f"{size} {n}" for size, n in free.items()))]
        silent = sorted({(c.bank_name, c.board) for c in compartments if c.state == CompartmentState.UNAVAILABLE})
        out = sum(1 for c in compartments if c.state == CompartmentState.OUT_OF_SERVICE)
        opened = sum(1 for c in compartments if c.state == CompartmentState.DOOR_OPEN)
        health = "ok"
        if out:
            parts.append(self.tr("{0} out of service").format(out))
            health = "warn"
        if opened:
            parts.append(self.tr("{0} door(s) open").format(opened))
            health = "warn"
        if not any(free.values()):
            health = "warn"
        if silent:
            parts.insert(0, self.tr("board offline ({0})").format(", ".join(f"{b} {n}" for b, n in silent)))
            health = "bad"
        self._show("lockers", "; ".join(parts), health)

    def _show(self, kind: str, text: str, health: str) -> None:
        chip = self.chips[kind]
        chip.setText(f"{self.tr(TITLES[kind])}: {text}")
        chip.setProperty("health", health)
        chip.style().unpolish(chip)
        chip.style().polish(chip)
        chip.measure()
