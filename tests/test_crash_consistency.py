"""Kill the kiosk process (SIGKILL) at random moments during intakes and releases, then check
that every acknowledged parcel is there in the state acknowledged, nothing is half-written, the
event log verifies and SQLite's integrity check passes. A short form runs in the normal suite."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk import eventlog
from kiosk.persistence.database import create_db_engine
from kiosk.persistence.models import Event, OutboxMessage, Parcel, ParcelStatus, ParcelTransition
from kiosk.persistence.uow import Database
from tests.factories import make_building

REPO = Path(__file__).resolve().parents[1]
ROUNDS = int(os.environ.get("PACKROOM_CRASH_ROUNDS", "4"))


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_sigkill_during_intake_and_release_loses_nothing_acknowledged(sqlite_url: str, round_: int) -> None:
    db = Database(create_db_engine(sqlite_url))
    building = make_building(db)
    residents = ",".join(str(building.residents[k]) for k in ("101:Maria", "101:Pedro", "202:Wei"))
    db.dispose()
    rng = random.Random(round_)
    acknowledged: dict[str, str] = {}
    pythonpath = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    for run in range(3):
        worker = subprocess.Popen([sys.executable, str(REPO / "tests" / "crash_worker.py"), sqlite_url, residents,
                                   str(round_ * 10 + run)], stdout=subprocess.PIPE, text=True, cwd=REPO,
                                  env={**os.environ, "PYTHONPATH": pythonpath})
        deadline = time.monotonic() + rng.uniform(0.4, 1.5)
        assert worker.stdout is not None
        while time.monotonic() < deadline:
            line = worker.stdout.readline()
            if not line:
                break
            verb, code = line.split()
            acknowledged[code] = verb
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        # what was printed before the kill but not yet read is acknowledged too
        for line in worker.stdout.read().splitlines():
            verb, code = line.split()
            acknowledged[code] = verb
    assert acknowledged, "the worker acknowledged nothing"

    path = sqlite_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db = Database(create_db_engine(sqlite_url))
    with db.reader() as uow:
        s = uow.session
        rows = dict(s.execute(select(Parcel.code, Parcel.status)).all())
        for code, verb in acknowledged.items():
            assert code in rows, f"acknowledged parcel {code} was lost"
            if verb == "released":
                assert rows[code] == ParcelStatus.PICKED_UP
        # nothing half-written: every parcel has its received transition and its event
        parcels = s.scalar(select(func.count()).select_from(Parcel))
        received = s.scalar(select(func.count()).select_from(ParcelTransition)
                            .where(ParcelTransition.to_status == ParcelStatus.RECEIVED))
        events = s.scalar(select(func.count()).select_from(Event).where(Event.kind == "parcel.received"))
        picked = s.scalar(select(func.count()).select_from(Parcel).where(Parcel.status == ParcelStatus.PICKED_UP))
        picked_events = s.scalar(select(func.count()).select_from(Event).where(Event.kind == "parcel.picked_up"))
        noticed = {code for payload in s.scalars(select(OutboxMessage.payload)) for code in payload["parcel_codes"]}
        assert parcels == received == events
        assert picked == picked_events
        assert noticed <= set(rows)
        assert eventlog.verify(s).ok
    db.dispose()
