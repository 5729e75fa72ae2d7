"""Clocks, the property's time zone and the notice policy read from settings.

Every function that depends on time takes a :data:`Clock` (a callable returning an aware UTC
datetime) or a ``now`` argument, so tests control time without sleeping. Settings this package
proposes but ``kiosk/config.py`` does not declare yet are read with ``settings.get(key, default)``
and can be overridden explicitly, so the code works before and after they are declared.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]

# Settings proposed by this package (key -> default); see the report / NEWS for descriptions.
PROPOSED_DEFAULTS: dict[str, Any] = {
    "notifications.batch_minutes": 2,
    "notifications.perishable_overrides_quiet_hours": True,
    "notifications.staff_email": "",
    "notifications.manager_email": "",
    "notifications.digest_language": "en",
    "notifications.smtp_timeout_seconds": 20.0,
}


def system_clock() -> datetime:
    """The real time, aware UTC."""
    return datetime.now(UTC)


def setting(settings: Mapping[str, Any], key: str) -> Any:
    """A setting's value, falling back to this package's proposed default while undeclared."""
    if key in settings:
        return settings[key]
    return settings.get(key, PROPOSED_DEFAULTS.get(key))


def property_tz(settings: Mapping[str, Any]) -> tzinfo:
    """The building's time zone: ``property.timezone``, or the PC's own when empty or unknown."""
    name = str(settings.get("property.timezone", "") or "")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            log.warning("property.timezone %r is not a known time zone; using the PC's", name)
    local = datetime.now().astimezone().tzinfo
    return local if local is not None else UTC


def parse_hhmm(text: str) -> time:
    """``"21:30"`` → ``time(21, 30)``; ``"24:00"`` is read as the end of the day (23:59:59)."""
    hours, minutes = (int(part) for part in text.split(":"))
    if hours == 24:
        return time(23, 59, 59)
    return time(hours, minutes)


def local_date(at: datetime, tz: tzinfo) -> date:
    return at.astimezone(tz).date()


def local_midnight(day: date, tz: tzinfo) -> datetime:
    """The UTC instant at which ``day`` begins in ``tz``."""
    return datetime.combine(day, time(0, 0), tzinfo=tz).astimezone(UTC)


@dataclass(frozen=True)
class QuietHours:
    """SMS quiet hours in local time; ``start > end`` wraps midnight (21:00–08:00)."""

    start: time
    end: time
    tz: tzinfo

    def contains(self, at: datetime) -> bool:
        local = at.astimezone(self.tz).time()
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end

    def ends_after(self, at: datetime) -> datetime:
        """The first instant at or after ``at`` (inside quiet hours) when quiet hours are over."""
        local = at.astimezone(self.tz)
        candidate = datetime.combine(local.date(), self.end, tzinfo=self.tz)
        if candidate <= local:
            candidate = datetime.combine(local.date() + timedelta(days=1), self.end, tzinfo=self.tz)
        return candidate.astimezone(UTC)


@dataclass(frozen=True)
class NoticePolicy:
    """How and when notices go out; built once from settings by the composition root."""

    property_name: str = "Packroom"
    room_hours_open: str = "00:00"
    room_hours_close: str = "24:00"
    tz: tzinfo = UTC
    batch_window: timedelta = timedelta(minutes=10)
    quiet_hours: QuietHours | None = None
    perishable_overrides_quiet_hours: bool = True

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any], **overrides: Any) -> NoticePolicy:
        tz = property_tz(settings)
        start = str(settings.get("notifications.quiet_hours_start", "21:00"))
        end = str(settings.get("notifications.quiet_hours_end", "08:00"))
        values: dict[str, Any] = {
            "property_name": str(settings.get("property.name", "Packroom")),
            "room_hours_open": str(settings.get("room.hours_open", "00:00")),
            "room_hours_close": str(settings.get("room.hours_close", "24:00")),
            "tz": tz,
            "batch_window": timedelta(
                minutes=int(setting(settings, "notifications.batch_minutes"))
            ),
            "quiet_hours": QuietHours(parse_hhmm(start), parse_hhmm(end), tz)
            if start != end
            else None,
            "perishable_overrides_quiet_hours": bool(
                setting(settings, "notifications.perishable_overrides_quiet_hours")
            ),
        }
        values.update(overrides)
        return cls(**values)
