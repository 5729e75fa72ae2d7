"""Locker figures over a date range: utilisation and dwell time per size class, and how many more
lockers of each size would have been used.

A plain function over the database, returning frozen data; the reports module (PDF/CSV/XLSX)
and the staff screen can turn it into tables and charts.

* **Utilisation** of a size class: compartment-hours occupied in the range (a parcel occupies
  its compartment from intake until it is closed — picked up, returned, lost — or until the
  end of the range) divided by (compartments of that size × hours in the range).
* **Peak**: the most compartments of that size occupied at one moment.
* **Dwell**: hours from intake to pickup for parcels collected from those compartments in
  the range (mean and median).
* **Overflow**: parcels that could have gone into a locker but found none free
  (``locker.overflow`` events) and went to the room, by the size they needed. **More needed**
  is the most of those parcels waiting in the room at one moment: that many more compartments of
  that size would all have been used.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.persistence.models import (
    Event,
    LocationKind,
    LockerBank,
    Parcel,
    ParcelStatus,
    SizeClass,
    StorageLocation,
)
from kiosk.persistence.uow import Database
from kiosk.services.lockers import OVERFLOW, SIZE_RANK

_HOUR = 3600.0


@dataclass(frozen=True)
class SizeUsage:
    size: SizeClass
    compartments: int
    parcels: int  # parcels put into compartments of this size during the range
    occupied_hours: float
    utilisation: float  # 0..1
    peak_occupied: int
    collected: int
    dwell_mean_hours: float | None
    dwell_median_hours: float | None
    overflow: int  # parcels that needed this size and went to the room
    more_needed: int  # how many more compartments of this size would have been used


@dataclass(frozen=True)
class LockerReport:
    start: date
    end: date
    since: datetime
    until: datetime
    sizes: tuple[SizeUsage, ...]

    @property
    def parcels(self) -> int:
        return sum(s.parcels for s in self.sizes)

    @property
    def overflow(self) -> int:
        return sum(s.overflow for s in self.sizes)

    def size(self, size: SizeClass) -> SizeUsage:
        return next(s for s in self.sizes if s.size == size)

    def more_lockers(self) -> dict[SizeClass, int]:
        """The estimate in one line: size → how many more compartments would have been used."""
        return {s.size: s.more_needed for s in self.sizes if s.more_needed}


def _peak(intervals: Iterable[tuple[datetime, datetime]]) -> int:
    points: list[tuple[datetime, int]] = []
    for start, end in intervals:
        if end > start:
            points += [(start, 1), (end, -1)]
    points.sort(key=lambda p: (p[0], p[1]))  # an end and a start at the same instant do not overlap
    peak = current = 0
    for _, step in points:
        current += step
        peak = max(peak, current)
    return peak


def locker_report(db: Database, start: date, end: date, *, tz: tzinfo = UTC,
                  now: datetime | None = None) -> LockerReport:
    """Locker utilisation, dwell and overflow for the local days ``start`` … ``end`` (inclusive)."""
    if end < start:
        raise ValueError(f"the range ends ({end}) before it starts ({start})")
    since = datetime.combine(start, time(0, 0), tzinfo=tz).astimezone(UTC)
    until = datetime.combine(end + timedelta(days=1), time(0, 0), tzinfo=tz).astimezone(UTC)
    with db.reader() as uow:
        sizes = size_usage(uow.session, since, until, now or datetime.now(UTC))
    return LockerReport(start, end, since, until, sizes)


def size_usage(s: Session, since: datetime, until: datetime, now: datetime) -> tuple[SizeUsage, ...]:
    """The figures per size class between the UTC instants ``since`` and ``until`` (exclusive)."""
    horizon = min(now, until)
    hours = max((horizon - since).total_seconds() / _HOUR, 0.0)
    closed_states = (ParcelStatus.PICKED_UP, ParcelStatus.RETURNED, ParcelStatus.LOST)

    compartments: dict[SizeClass, int] = defaultdict(int)
    for size in s.scalars(
            select(StorageLocation.size_class)
            .join(LockerBank, StorageLocation.locker_bank_id == LockerBank.id)
            .where(StorageLocation.kind == LocationKind.LOCKER, StorageLocation.active.is_(True),
                   LockerBank.active.is_(True))):
        compartments[SizeClass(size or SizeClass.MEDIUM)] += 1
    stays = s.execute(
        select(StorageLocation.size_class, Parcel.received_at, Parcel.closed_at, Parcel.status)
        .join(StorageLocation, Parcel.location_id == StorageLocation.id)
        .where(StorageLocation.kind == LocationKind.LOCKER, Parcel.status != ParcelStatus.VOIDED,
               Parcel.received_at < until)).all()
    overflow_rows = s.execute(
        select(Event.data, Parcel.received_at, Parcel.closed_at)
        .join(Parcel, Parcel.id == Event.subject_id)
        .where(Event.kind == OVERFLOW, Event.at >= since, Event.at < until,
               Parcel.status != ParcelStatus.VOIDED)).all()

    occupied: dict[SizeClass, list[tuple[datetime, datetime]]] = defaultdict(list)
    stored: dict[SizeClass, int] = defaultdict(int)
    dwell: dict[SizeClass, list[float]] = defaultdict(list)
    for size_class, received, closed, status in stays:
        size = SizeClass(size_class or SizeClass.MEDIUM)
        left = closed or horizon
        if left > since and received < horizon:
            occupied[size].append((max(received, since), min(left, horizon)))
        if since <= received < until:
            stored[size] += 1
        if closed is not None and since <= closed < until and status in closed_states:
            dwell[size].append((closed - received).total_seconds() / _HOUR)

    overflow: dict[SizeClass, list[tuple[datetime, datetime]]] = defaultdict(list)
    for data, received, closed in overflow_rows:
        needed = SizeClass((data or {}).get("needed") or (data or {}).get("size") or SizeClass.MEDIUM)
        overflow[needed].append((received, closed or horizon))

    sizes = []
    for size in sorted(SizeClass, key=SIZE_RANK.__getitem__):
        if not (compartments[size] or stored[size] or overflow[size]):
            continue
        busy = sum((b - a).total_seconds() for a, b in occupied[size]) / _HOUR
        capacity = compartments[size] * hours
        sizes.append(SizeUsage(
            size=size, compartments=compartments[size], parcels=stored[size], occupied_hours=round(busy, 2),
            utilisation=round(min(busy / capacity, 1.0), 4) if capacity else 0.0,
            peak_occupied=_peak(occupied[size]), collected=len(dwell[size]),
            dwell_mean_hours=round(statistics.fmean(dwell[size]), 2) if dwell[size] else None,
            dwell_median_hours=round(statistics.median(dwell[size]), 2) if dwell[size] else None,
            overflow=len(overflow[size]), more_needed=_peak(overflow[size]),
        ))
    return tuple(sizes)
