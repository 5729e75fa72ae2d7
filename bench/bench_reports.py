"""Report figures: a year of a 1,000-unit building (about 100,000 parcels) in a temporary SQLite file.

    python bench/bench_reports.py [--residents 1500] [--parcels 100000] [--events 30000]

Prints, per report, the time to compute it (what the staff screen waits for) and to write its
PDF, then the time and size of the whole review bundle. Target: each under 3 s. Each figure is
given as wall-clock seconds and as CPU seconds of this process: on a shared, busy machine the
CPU time is the fairer of the two (it leaves out the time spent waiting for a core).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select, update

from bench.common import synthetic_building
from kiosk.config import Settings
from kiosk.eventlog import GENESIS, event_hash
from kiosk.persistence.models import ActorKind, Carrier, Event, EventChainHead, Parcel, ParcelStatus, Role, StaffUser
from kiosk.persistence.uow import Database
from kiosk.reports import CATALOGUE, ReportService
from kiosk.reports.bundle import export_bundle

CARRIERS = ("usps", "fedex", "amazon", "dhl", "ontrac")
T = TypeVar("T")
EVENT_KINDS = ("door.unlocked",) * 6 + ("credential.accepted",) * 6 + ("credential.rejected", "staff.signed_in")


def enrich(db: Database, events: int, rng: random.Random) -> None:
    """Carriers, staff, some parcels still waiting, and a hash-chained event log over the year."""
    now = datetime.now(UTC)
    with db.uow() as uow:
        s = uow.session
        for code in CARRIERS:
            s.add(Carrier(code=code, name=code.upper()))
        staff = [StaffUser(name=f"Staff {i}", role=Role.STAFF, pin_hash="-") for i in range(6)]
        s.add_all(staff)
        s.flush()
        carrier_ids = s.scalars(select(Carrier.id)).all()
        staff_ids = [m.id for m in staff]
        for k, carrier_id in enumerate(carrier_ids):
            s.execute(update(Parcel).where(Parcel.id % len(carrier_ids) == k)
                      .values(carrier_id=carrier_id, received_by_id=staff_ids[k % len(staff_ids)]))
        # the newest 1 % are still waiting
        s.execute(update(Parcel).where(Parcel.id % 100 == 0, Parcel.received_at > now - timedelta(days=30))
                  .values(status=ParcelStatus.NOTIFIED.value, closed_at=None))
        rows, prev = [], GENESIS
        times = sorted(now - timedelta(minutes=rng.randint(1, 60 * 24 * 365)) for _ in range(events))
        for seq, at in enumerate(times, start=1):
            kind = rng.choice(EVENT_KINDS)
            data = {"scope": "keypad:bench"}
            digest = event_hash(prev, seq, at, kind, (ActorKind.SYSTEM.value, None, "bench"), ("", None), "", data)
            rows.append({"seq": seq, "at": at, "kind": kind, "actor_kind": ActorKind.SYSTEM, "actor_id": None,
                         "actor_label": "bench", "subject_kind": "", "subject_id": None, "kiosk": "", "data": data,
                         "prev_hash": prev, "hash": digest})
            prev = digest
        for start in range(0, len(rows), 5000):
            s.execute(insert(Event), rows[start:start + 5000])
        s.add(EventChainHead(id=1, seq=len(rows), hash=prev))
        uow.commit()


def _timed(fn: Callable[[], T]) -> tuple[T, str]:
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return value, f"{time.perf_counter() - wall:.2f} ({time.process_time() - cpu:.2f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--residents", type=int, default=1500)
    parser.add_argument("--parcels", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=30_000)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        db = synthetic_building(folder / "bench.sqlite3", args.residents, args.parcels)
        enrich(db, args.events, rng)
        build_s = time.perf_counter() - started
        settings = Settings({"property.timezone": "UTC", "paths.data_dir": str(folder / "data")})
        service = ReportService(db, settings)
        end = date.today()
        start = end - timedelta(days=364)
        import matplotlib  # noqa: F401 - imported once up front, not charged to the first PDF

        print(f"SQLite, {args.residents} residents, {args.parcels} parcels and {args.events} events over a year "
              f"(built in {build_s:.1f} s); {platform.processor() or platform.machine()}, "
              f"Python {platform.python_version()}")
        from kiosk.reports.pdf import fonts

        fonts()  # registered once per process
        print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print("| report | compute s (CPU s) | PDF s (CPU s) | PDF KB | target |\n|---|---|---|---|---|")
        for key in CATALOGUE:
            (report, compute) = _timed(lambda key=key: service.build(key, start, end))
            (pdf, render) = _timed(lambda report=report, key=key: service.export_pdf([report], folder / f"{key}.pdf"))
            print(f"| {report.title} | {compute} | {render} | {pdf.stat().st_size / 1000:.0f} | < 3 s each |")
        (info, bundle_s) = _timed(lambda: export_bundle(db, settings, start, end, folder / "review.zip"))
        print(f"| review bundle (all reports, data, snapshot): {info.size / 1_000_000:.1f} MB | — | {bundle_s} | "
              f"{info.size / 1000:.0f} | < 3 s |")
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
