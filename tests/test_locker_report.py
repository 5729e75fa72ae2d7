"""Locker utilisation, dwell and the "how many more lockers" estimate, on a day of known parcels."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from kiosk.persistence.models import SizeClass
from kiosk.persistence.uow import Database
from kiosk.services.locker_report import locker_report
from tests.lockers_support import make_lockers, request

DAY = date(2024, 3, 5)
T0 = datetime(2024, 3, 5, 8, 0, tzinfo=UTC)


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def test_a_day_of_lockers(db: Database) -> None:
    lockers = make_lockers(db, layout={"1": ("S", 0, 1), "2": ("M", 0, 2)})
    service, staff, parcels = lockers.service, lockers.building.staff, lockers.building.parcels

    def intake(hours: float, size: SizeClass = SizeClass.SMALL) -> tuple[int, str | None]:
        result = service.intake(request(lockers, size=size), staff, now=at(hours))
        return result.parcel.id, result.compartment.label if result.compartment else None

    a = intake(0)  # 08:00 S → compartment 1
    b = intake(1)  # 09:00 S → compartment 2 (M), the only S is taken
    c = intake(2)  # 10:00 S → room: overflow, needed S
    f = intake(2.5)  # 10:30 S → room: overflow, needed S (two waiting at once)
    d = intake(3, SizeClass.MEDIUM)  # 11:00 M → room: overflow, needed M
    assert [x[1] for x in (a, b, c, f, d)] == ["1", "2", None, None, None]
    parcels.release(f[0], staff, now=at(3))
    parcels.release(a[0], staff, now=at(4))  # 12:00, dwell 4 h
    e = intake(5)  # 13:00 S → compartment 1, still there at the end of the day
    assert e[1] == "1"
    parcels.release(c[0], staff, now=at(6))
    parcels.release(d[0], staff, now=at(10))
    parcels.release(b[0], staff, now=at(12))  # 20:00, dwell 11 h

    report = locker_report(db, DAY, DAY, now=datetime(2024, 3, 7, tzinfo=UTC))
    small, medium = report.size(SizeClass.SMALL), report.size(SizeClass.MEDIUM)
    assert (small.compartments, small.parcels, small.occupied_hours, small.peak_occupied) == (1, 2, 15.0, 1)
    assert small.utilisation == pytest.approx(15 / 24, abs=1e-4)
    assert (small.collected, small.dwell_mean_hours, small.dwell_median_hours) == (1, 4.0, 4.0)
    assert (small.overflow, small.more_needed) == (2, 2)
    assert (medium.parcels, medium.occupied_hours, medium.collected, medium.dwell_mean_hours) == (1, 11.0, 1, 11.0)
    assert (medium.overflow, medium.more_needed) == (1, 1)
    assert report.more_lockers() == {SizeClass.SMALL: 2, SizeClass.MEDIUM: 1}
    assert (report.parcels, report.overflow) == (3, 3)

    # The next day: parcel e is still in compartment 1 all day; nothing else happened.
    next_day = locker_report(db, DAY + timedelta(days=1), DAY + timedelta(days=1),
                             now=datetime(2024, 3, 7, tzinfo=UTC))
    assert next_day.size(SizeClass.SMALL).utilisation == 1.0
    assert next_day.size(SizeClass.MEDIUM).utilisation == 0.0
    assert next_day.overflow == 0 and next_day.parcels == 0


def test_the_range_must_run_forwards(db: Database) -> None:
    with pytest.raises(ValueError, match="before it starts"):
        locker_report(db, DAY, DAY - timedelta(days=1))
