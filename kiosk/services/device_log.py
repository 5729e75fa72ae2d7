"""Device facts in the chain of custody: door alarms and openings the controller reports, and devices
going offline or coming back. The hardware layer reports them as plain data; this writes them down."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from kiosk import eventlog
from kiosk.eventlog import Actor
from kiosk.persistence.uow import Database

#: Door event kinds that are alarms (someone should look): they are logged as ``door.alarm.<kind>``.
DOOR_ALARMS = frozenset({"held_open", "forced_open", "door_offline", "relock_failed", "watchdog_relock"})


class DeviceLog:
    def __init__(self, db: Database, kiosk_id: str = "") -> None:
        self._db = db
        self._kiosk = kiosk_id

    def door_event(self, kind: str, actor: str | None = None, detail: str = "",
                   now: datetime | None = None) -> str:
        """Record what the door controller reported; returns the event kind written."""
        name = f"door.alarm.{kind}" if kind in DOOR_ALARMS else f"door.{kind}"
        data: dict[str, Any] = {"detail": detail} if detail else {}
        if actor:
            data["by"] = actor
        self._append(name, data, now)
        return name

    def device_status(self, kind: str, url: str, state: str, detail: str = "", now: datetime | None = None) -> None:
        """A device went offline, came back, or reports trouble (paper out)."""
        self._append(f"device.{state}", {"device": kind, "url": url, "detail": detail}, now)

    def _append(self, kind: str, data: dict[str, Any], now: datetime | None) -> None:
        with self._db.uow() as uow:
            eventlog.append(uow.session, kind, Actor.system("devices"), kiosk=self._kiosk,
                            at=now or datetime.now(UTC), data=data)
            uow.commit()
