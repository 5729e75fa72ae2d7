"""Fast local-time bucketing for reports over many rows.

Reports read timestamps as epoch seconds computed by the database (no Python ``datetime`` per
row) and map them to the building's local day and hour through a cache keyed by quarter hour:
every time zone's offset is a multiple of 15 minutes, so all instants of a quarter hour share
their local day and hour.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from typing import Any

from sqlalchemy import Float, and_, cast, func
from sqlalchemy.sql.elements import ColumnElement

QUARTER = 900


UNIX_EPOCH_JULIAN = 2440587.5


def epoch(column: Any, dialect: str) -> ColumnElement[Any]:
    """``column`` (a naive-UTC timestamp) as seconds since 1970, computed by the database.

    SQLite: from ``julianday()`` (several times faster than ``strftime('%s')``), rounded to the
    millisecond so an instant on the hour never falls into the quarter hour before it.
    """
    if dialect == "sqlite":
        return func.round((func.julianday(column) - UNIX_EPOCH_JULIAN) * 86400.0, 3)
    return cast(func.extract("epoch", column), Float)


def between(column: Any, since: datetime, until: datetime, dialect: str) -> ColumnElement[bool]:
    """``since <= column < until``. On SQLite compared through ``julianday()``, which keeps SQLite off
    the column's index: for a report's long ranges a plain scan is several times faster than an
    index walk that has to fetch every row from the table anyway."""
    if dialect == "sqlite":
        day = func.julianday(column)
        return and_(day >= _julian(since), day < _julian(until))
    return and_(column >= since, column < until)


def _julian(at: datetime) -> float:
    return at.timestamp() / 86400.0 + UNIX_EPOCH_JULIAN


class LocalClock:
    def __init__(self, tz: tzinfo) -> None:
        self._tz = tz
        self._cache: dict[int, tuple[date, int]] = {}

    def day_hour(self, seconds: float) -> tuple[date, int]:
        key = int(seconds // QUARTER)
        found = self._cache.get(key)
        if found is None:
            local = datetime.fromtimestamp(key * QUARTER, UTC).astimezone(self._tz)
            found = self._cache[key] = (local.date(), local.hour)
        return found
