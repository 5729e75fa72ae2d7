"""Two kiosk processes releasing the same parcel at the same instant: exactly one succeeds,
the other gets a clear message — on a shared SQLite file and on PostgreSQL."""

from __future__ import annotations

import multiprocessing as mp
import queue
from typing import Any

import pytest

from kiosk import eventlog
from kiosk.eventlog import Actor
from kiosk.persistence.database import create_db_engine
from kiosk.persistence.migrate import upgrade
from kiosk.persistence.models import ActorKind
from kiosk.persistence.uow import Database
from kiosk.services.credentials import CredentialService, load_hasher
from kiosk.services.parcels import IntakeRequest, ParcelNotWaiting, ParcelService
from tests.factories import make_building, ups_number


def _release_in_child(url: str, parcel_id: int, kiosk: str, barrier: Any, results: Any) -> None:
    db = Database(create_db_engine(url))
    service = ParcelService(db, CredentialService(db, load_hasher(db)), kiosk_id=kiosk)
    barrier.wait(timeout=30)
    try:
        service.release(parcel_id, Actor(ActorKind.STAFF, None, kiosk))
        results.put((kiosk, "released"))
    except ParcelNotWaiting as exc:
        results.put((kiosk, f"refused: {exc}"))
    except Exception as exc:
        results.put((kiosk, f"error: {type(exc).__name__}: {exc}"))
    finally:
        db.dispose()


def _race(url: str, kiosks: int = 2) -> list[tuple[str, str]]:
    db = Database(create_db_engine(url))
    building = make_building(db)
    parcel = building.parcels.intake(IntakeRequest(ups_number(), resident_id=building.residents["101:Maria"]),
                                     building.staff).parcel
    context = mp.get_context("spawn")
    barrier = context.Barrier(kiosks)
    results = context.Queue()
    processes = [context.Process(target=_release_in_child, args=(url, parcel.id, f"kiosk-{i}", barrier, results))
                 for i in range(kiosks)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=90)
    outcomes = []
    for _ in processes:
        try:
            outcomes.append(results.get(timeout=5))
        except queue.Empty:
            break
    assert len(outcomes) == kiosks, f"kiosk processes died: exit codes {[p.exitcode for p in processes]}"
    with db.reader() as uow:
        assert eventlog.verify(uow.session).ok
        released_events = [e for e in eventlog.iter_events(uow.session) if e.kind == "parcel.picked_up"]
    assert len(released_events) == 1
    db.dispose()
    return outcomes


def _check(outcomes: list[tuple[str, str]]) -> None:
    verdicts = sorted(v.split(":")[0] for _, v in outcomes)
    assert verdicts == ["refused", "released"], outcomes
    refused = next(v for _, v in outcomes if v.startswith("refused"))
    assert "already picked up" in refused or "another kiosk" in refused


def test_sqlite_two_processes_release_same_parcel(sqlite_url: str) -> None:
    _check(_race(sqlite_url))


@pytest.mark.postgres
def test_postgres_two_processes_release_same_parcel(pg_url: str) -> None:
    engine = create_db_engine(pg_url)
    upgrade(engine)
    engine.dispose()
    _check(_race(pg_url))
