"""The device-health bar on every staff screen: each device, and what waits in the outbox.

Green: working. Amber: working with a problem staff should know of (labels queued, notices
waiting long). Red: not working. Each chip's accessible name is the device kind, its text the
state a person can act on ("Printer: paper out — 3 labels queued").
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from hardware.base import DeviceStatus
from kiosk.notifications import Backlog

KINDS = ("scanner", "printer", "door", "camera")
TITLES = {"scanner": "Scanner", "printer": "Printer", "door": "Door", "camera": "Camera", "outbox": "Notices"}


def _duration(minutes: int) -> str:
    if minutes < 90:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // (24 * 60)} d"


class HealthBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Device health")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.setSpacing(8)
        self.chips: dict[str, QLabel] = {}
        for kind in (*KINDS, "outbox"):
            chip = QLabel(self)
            chip.setObjectName("HealthChip")
            chip.setAccessibleName(f"{TITLES[kind]} health")
            self.chips[kind] = chip
            layout.addWidget(chip)
            self._show(kind, self.tr("not installed") if kind != "outbox" else self.tr("nothing waiting"), "none")
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

    def _show(self, kind: str, text: str, health: str) -> None:
        chip = self.chips[kind]
        chip.setText(f"{self.tr(TITLES[kind])}: {text}")
        chip.setProperty("health", health)
        chip.style().unpolish(chip)
        chip.style().polish(chip)
