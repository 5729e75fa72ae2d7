"""Several kiosk processes on one PostgreSQL database, as on a property with more than one desk:
concurrent intakes, the same parcel picked up at two kiosks at once, and the database server
restarted while they work. Real processes (:mod:`tests.kiosk_worker`), a real server."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk import eventlog
from kiosk.persistence.database import create_db_engine
from kiosk.persistence.migrate import upgrade
from kiosk.persistence.models import (
    CredentialParcel,
    Event,
    OutboxMessage,
    Parcel,
    ParcelStatus,
    ParcelTransition,
    PickupCredential,
)
from kiosk.persistence.uow import Database
from kiosk.services.parcels import IntakeRequest
from tests.factories import Building, make_building, ups_number
from tests.pgserver import PostgresServer

pytestmark = pytest.mark.postgres

REPO = Path(__file__).resolve().parents[1]
WAITING = {ParcelStatus.RECEIVED, ParcelStatus.NOTIFIED}


class Kiosk:
    """A kiosk process and everything it has printed so far (read on a thread)."""

    def __init__(self, *args: str) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
        self.process = subprocess.Popen([sys.executable, str(REPO / "tests" / "kiosk_worker.py"), *args],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO, env=env)
        self.lines: list[str] = []
        self._changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._changed:
                self.lines.append(line.strip())
                self._changed.notify_all()
        with self._changed:
            self.lines.append("<exit>")
            self._changed.notify_all()

    def wait_for(self, predicate: Callable[[list[str]], bool], timeout: float = 120) -> None:
        with self._changed:
            if not self._changed.wait_for(lambda: predicate(self.lines) or "<exit>" in self.lines, timeout):
                raise AssertionError(f"kiosk timed out; it printed {self.lines[-5:]}")
            if not predicate(self.lines):
                raise AssertionError(f"kiosk exited ({self.process.poll()}); it printed {self.lines[-5:]}")

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def count(self, verb: str) -> int:
        return sum(1 for line in list(self.lines) if line.startswith(verb + " "))

    def codes(self, verb: str) -> list[str]:
        return [line.split()[1] for line in list(self.lines) if line.startswith(verb + " ")]

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(30)


@pytest.fixture
def pg_building(pg_url: str) -> Iterator[tuple[str, Building]]:
    engine = create_db_engine(pg_url)
    upgrade(engine)
    engine.dispose()
    db = Database(create_db_engine(pg_url))
    yield pg_url, make_building(db)
    db.dispose()


def _start_all(kiosks: list[Kiosk]) -> None:
    for kiosk in kiosks:
        kiosk.wait_for(lambda lines: "ready" in lines)
    for kiosk in kiosks:  # as close to the same instant as processes get
        kiosk.send("go")


def _residents(building: Building) -> str:
    return ",".join(str(building.residents[k]) for k in ("101:Maria", "101:Pedro", "202:Wei"))


def _check_history(db: Database, acknowledged: dict[str, str]) -> None:
    """Acknowledged parcels present in the state acknowledged; nothing half-written; the chain verifies."""
    with db.reader() as uow:
        s = uow.session
        status = dict(s.execute(select(Parcel.code, Parcel.status)).all())
        for code, verb in acknowledged.items():
            assert code in status, f"acknowledged parcel {code} was lost"
            assert status[code] == ParcelStatus.PICKED_UP if verb == "released" else status[code] in WAITING | {
                ParcelStatus.PICKED_UP}
        parcels = s.scalar(select(func.count()).select_from(Parcel))
        received = s.scalar(select(func.count()).select_from(ParcelTransition)
                            .where(ParcelTransition.to_status == ParcelStatus.RECEIVED))
        events = s.scalar(select(func.count()).select_from(Event).where(Event.kind == "parcel.received"))
        picked = s.scalar(select(func.count()).select_from(Parcel).where(Parcel.status == ParcelStatus.PICKED_UP))
        picked_events = s.scalar(select(func.count()).select_from(Event).where(Event.kind == "parcel.picked_up"))
        picked_transitions = s.scalar(select(func.count()).select_from(ParcelTransition)
                                      .where(ParcelTransition.to_status == ParcelStatus.PICKED_UP))
        assert parcels == received == events
        assert picked == picked_events == picked_transitions
        # every parcel for a resident got its notices and is behind exactly one pickup code
        noticed = Counter(code for payload in s.scalars(select(OutboxMessage.payload))
                          for code in payload["parcel_codes"])
        linked = Counter(s.scalars(select(CredentialParcel.parcel_id)))
        for parcel_id, code, resident in s.execute(select(Parcel.id, Parcel.code, Parcel.resident_id)):
            if resident is not None:
                assert noticed[code] >= 1, f"parcel {code} has no notice"
                assert linked[parcel_id] == 1, f"parcel {code} is behind {linked[parcel_id]} pickup codes"
        result = eventlog.verify(s)
        assert result.ok, result.describe()
        seqs = list(s.scalars(select(Event.seq).order_by(Event.seq)))
        assert seqs == list(range(1, len(seqs) + 1))


def test_three_kiosks_intake_at_once_on_postgres(pg_building: tuple[str, Building]) -> None:
    url, building = pg_building
    kiosks = [Kiosk(url, f"desk-{i}", "intake", _residents(building), "25") for i in range(3)]
    try:
        _start_all(kiosks)
        for kiosk in kiosks:
            kiosk.wait_for(lambda lines: "done" in lines)
    finally:
        for kiosk in kiosks:
            kiosk.close()
    errors = [line for kiosk in kiosks for line in kiosk.lines if line.startswith("error")]
    assert not errors, f"an intake failed while three kiosks worked at once: {errors[:3]}"
    acknowledged = {code: "received" for kiosk in kiosks for code in kiosk.codes("received")}
    assert len(acknowledged) == 75
    _check_history(building.db, acknowledged)
    with building.db.reader() as uow:
        open_codes = Counter(uow.session.scalars(
            select(PickupCredential.resident_id).where(PickupCredential.used_at.is_(None),
                                                       PickupCredential.revoked_at.is_(None))))
    # Intakes append to the event log before they look for the resident's open code, and the
    # chain head is locked until commit: the kiosks take turns there, so one code per resident.
    assert open_codes == Counter(dict.fromkeys(open_codes, 1)) and len(open_codes) == 3


def test_one_code_at_three_kiosks_at_once_releases_each_parcel_once(pg_building: tuple[str, Building]) -> None:
    url, building = pg_building
    maria = building.residents["101:Maria"]
    results = [building.parcels.intake(IntakeRequest(ups_number(), resident_id=maria), building.staff)
               for _ in range(3)]
    code = results[0].pickup_code
    assert code is not None
    kiosks = [Kiosk(url, f"lobby-{i}", "pickup", code) for i in range(3)]
    try:
        _start_all(kiosks)
        for kiosk in kiosks:
            kiosk.wait_for(lambda lines: "done" in lines)
    finally:
        for kiosk in kiosks:
            kiosk.close()
    released = Counter(c for kiosk in kiosks for c in kiosk.codes("released"))
    assert released == Counter({r.parcel.code: 1 for r in results}), [k.lines for k in kiosks]
    refusals = [line for kiosk in kiosks for line in kiosk.lines if line.startswith("not-released")]
    assert not [line for kiosk in kiosks for line in kiosk.lines if line.startswith(("error", "refused"))]
    for line in refusals:  # the kiosks that lost say why, in words for a person
        assert "already picked up" in line or "another kiosk" in line, line
    _check_history(building.db, dict.fromkeys(released, "released"))


def test_kiosks_carry_on_across_a_database_restart(pg_server: PostgresServer,
                                                    pg_building: tuple[str, Building]) -> None:
    url, building = pg_building
    kiosks = [Kiosk(url, f"desk-{i}", "loop", _residents(building)) for i in range(2)]
    try:
        _start_all(kiosks)
        for kiosk in kiosks:
            kiosk.wait_for(lambda lines: sum(line.startswith("received") for line in lines) >= 5)
        before = [kiosk.count("received") for kiosk in kiosks]
        pg_server.restart()  # connections drop mid-transaction; the server is away for a moment
        for kiosk, n in zip(kiosks, before, strict=True):
            kiosk.wait_for(lambda lines, n=n: sum(line.startswith("received") for line in lines) >= n + 10)
        for kiosk in kiosks:
            kiosk.send("stop")
            kiosk.wait_for(lambda lines: "done" in lines)
    finally:
        for kiosk in kiosks:
            kiosk.close()
    acknowledged: dict[str, str] = {}
    for kiosk in kiosks:
        for line in kiosk.lines:
            verb, _, rest = line.partition(" ")
            if verb in ("received", "released"):
                acknowledged[rest] = verb
    # Each kiosk kept working after the restart: it reconnected by itself.
    assert all(kiosk.count("received") >= n + 10 for kiosk, n in zip(kiosks, before, strict=True))
    assert any(kiosk.count("error") for kiosk in kiosks), "the restart interrupted nothing: no reconnect tested"
    for kiosk in kiosks:
        # Operations cut off by the restart fail (not acknowledged; staff try again). Once the
        # kiosk has reconnected nothing fails any more: no stale connection is handed out later.
        errors = [i for i, line in enumerate(kiosk.lines) if line.startswith("error")]
        if errors:
            back = next(i for i, line in enumerate(kiosk.lines) if i > errors[0] and line.startswith("received"))
            assert errors[-1] < back, f"failures after reconnecting: {kiosk.lines[back:errors[-1] + 1][-5:]}"
    _check_history(building.db, acknowledged)
