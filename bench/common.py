"""Shared helpers for the benchmarks: a synthetic building and percentile tables."""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from bench.sysinfo import machine, rss_mb
from kiosk.persistence.database import create_db_engine
from kiosk.persistence.migrate import upgrade
from kiosk.persistence.models import (
    Carrier,
    LocationKind,
    Parcel,
    ParcelStatus,
    Property,
    Resident,
    SizeClass,
    StorageLocation,
    Unit,
    tail_key,
)
from kiosk.persistence.uow import Database
from kiosk.tracking_samples import sample_tracking_number

__all__ = ["HEADER", "machine", "percentiles", "row", "rss_mb", "synthetic_building", "timed"]


def percentiles(samples_ms: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples_ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95, ordered[-1]


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def row(name: str, samples_ms: list[float], target: str = "") -> str:
    p50, p95, worst = percentiles(samples_ms)
    return f"| {name} | {len(samples_ms)} | {p50:.2f} | {p95:.2f} | {worst:.2f} | {target} |"


HEADER = "| measure | n | p50 ms | p95 ms | max ms | target |\n|---|---|---|---|---|---|"


def synthetic_building(path: Path, residents: int, parcels: int, seed: int = 1) -> Database:
    """A migrated SQLite file with ``residents`` residents and ``parcels`` closed parcels of history."""
    if path.exists():
        path.unlink()
    engine = create_db_engine(f"sqlite:///{path}")
    upgrade(engine)
    db = Database(engine)
    rng = random.Random(seed)
    now = datetime.now(UTC)
    with db.uow() as uow:
        s = uow.session
        prop = Property(name="Bench Towers")
        s.add(prop)
        s.flush()
        units = residents // 2 + 1
        s.execute(insert(Unit), [{"property_id": prop.id, "number": f"{1 + i // 20}{i % 20:02d}", "building": "",
                                  "floor": ""} for i in range(units)])
        unit_ids = s.scalars(select(Unit.id)).all()
        s.execute(insert(Resident), [
            {"unit_id": unit_ids[i // 2], "first_name": f"First{i}", "last_name": f"Last{i % 997}",
             "email": f"r{i}@example.com", "mobile": f"+1555{i:07d}", "language": "en"}
            for i in range(residents)])
        for i in range(18):
            s.add(StorageLocation(code=f"S{i:02d}", name=f"Shelf {i}", kind=LocationKind.SHELF, sort_order=i,
                                  capacity=40))
        s.add(StorageLocation(code="FRIDGE", name="Fridge", kind=LocationKind.FRIDGE, capacity=20))
        s.add(Carrier(code="ups", name="UPS"))
        s.flush()
        resident_rows = s.execute(select(Resident.id, Resident.unit_id)).all()
        location_ids = s.scalars(select(StorageLocation.id)).all()
        uow.commit()
    batch = 20000
    for start in range(0, parcels, batch):
        rows = []
        for i in range(start, min(start + batch, parcels)):
            rid, uid = resident_rows[rng.randrange(len(resident_rows))]
            received = now - timedelta(minutes=rng.randint(60, 60 * 24 * 365))
            number = sample_tracking_number(rng)
            rows.append({"code": f"H{i:07d}", "tracking_number": number, "tracking_tail": tail_key(number),
                         "tracking_valid": True, "resident_id": rid, "unit_id": uid,
                         "location_id": rng.choice(location_ids), "size": SizeClass.MEDIUM.value,
                         "status": ParcelStatus.PICKED_UP.value, "received_at": received,
                         "closed_at": received + timedelta(hours=rng.randint(1, 200)), "version": 1})
        with db.uow() as uow:
            uow.session.execute(insert(Parcel), rows)
            uow.commit()
    return db
