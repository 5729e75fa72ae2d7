"""Upgrades keep the data: a database made by the first schema (Alembic 0001), with residents,
staff and a hash-chained event log in it, is upgraded to the newest head and keeps all of it; a
migration that fails puts the backup back; a database from a newer Packroom is refused with a
message saying what to do, by the command line and by ``packroom run``.

The data at 0001 is written with plain SQL against the tables as 0001 made them (reflected),
because the ORM models describe the newest schema, not the first one.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Boolean, Connection, Date, DateTime, Integer, MetaData, String, Table, inspect, select
from sqlalchemy.types import JSON

from kiosk import eventlog
from kiosk.persistence import migrate
from kiosk.persistence.database import DatabaseError, create_db_engine
from kiosk.persistence.models import Resident, ResidentStatus
from kiosk.persistence.uow import Database
from kiosk.security import hash_pin
from kiosk.services.credentials import CredentialService, load_hasher
from kiosk.services.parcels import ParcelService
from kiosk.services.staff import StaffService
from tests.factories import make_building
from ui.app import main

FIRST = "0001"
T0 = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)


def _placeholder(column: Any) -> Any:
    kind = column.type
    if isinstance(kind, Boolean):
        return False
    if isinstance(kind, Integer):
        return 0
    if isinstance(kind, DateTime):
        return T0.replace(tzinfo=None)
    if isinstance(kind, Date):
        return date(2026, 1, 1)
    if isinstance(kind, JSON):
        return {}
    if isinstance(kind, String):
        return ""
    raise AssertionError(f"no placeholder for {column.table.name}.{column.name} ({kind!r})")


def _insert(connection: Connection, table_name: str, **values: Any) -> int:
    """Insert one row as the table is *now*, filling required columns not given with placeholders."""
    table = Table(table_name, MetaData(), autoload_with=connection)
    row = dict(values)
    for column in table.columns:
        if column.name in row or column.nullable or column.server_default is not None:
            continue
        if column.primary_key and isinstance(column.type, Integer) and column.name == "id":
            continue  # SQLite assigns it
        row[column.name] = _placeholder(column)
    result = connection.execute(table.insert().values(**row))
    return int(result.inserted_primary_key[0]) if result.inserted_primary_key else 0


def _append_event(connection: Connection, seq: int, prev: str, kind: str, data: dict[str, Any]) -> str:
    at = T0.replace(minute=30 + seq)
    digest = eventlog.event_hash(prev, seq, at, kind, ("system", None, "test"), ("", None), "k1", data)
    _insert(connection, "events", seq=seq, at=at.replace(tzinfo=None), kind=kind, actor_kind="system",
            actor_id=None, actor_label="test", subject_kind="", subject_id=None, kiosk="k1", data=data,
            prev_hash=prev, hash=digest)
    return digest


def _first_schema_database(path: Path) -> None:
    """A SQLite file at revision 0001 holding a property, two residents, an admin and two events."""
    engine = create_db_engine(f"sqlite:///{path}")
    migrate.upgrade(engine, revision=FIRST)
    assert migrate.current_revision(engine) == FIRST
    with engine.begin() as connection:
        prop = _insert(connection, "properties", name="Harbor View", address="1 Quay St", timezone="",
                       room_hours_open="00:00", room_hours_close="24:00", created_at=T0.replace(tzinfo=None))
        unit = _insert(connection, "units", property_id=prop, building="A", number="204", floor="2")
        for first, last in (("Maria", "Gomez"), ("James", "Okafor")):
            _insert(connection, "residents", unit_id=unit, first_name=first, last_name=last, language="en",
                    status="active", email=f"{first.lower()}@example.com")
        _insert(connection, "staff_users", name="Alex Rivera", role="admin", pin_hash=hash_pin("482613"),
                active=True)
        # A parcel as 0001 stored it: the tracking tail in reading order (0002 reverses it).
        _insert(connection, "parcels", code="K7Q2M9", tracking_number="1Z999AA10123456784",
                tracking_tail="23456784", status="notified", size="M", received_at=T0.replace(tzinfo=None))
        head = _append_event(connection, 1, eventlog.GENESIS, "resident.created", {"unit": "204"})
        head = _append_event(connection, 2, head, "staff.created", {"role": "admin"})
        _insert(connection, "event_chain_head", id=1, seq=2, hash=head)
    engine.dispose()


def test_a_first_schema_database_is_upgraded_to_the_head_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "packroom.sqlite3"
    _first_schema_database(path)
    engine = create_db_engine(f"sqlite:///{path}")
    backup = migrate.upgrade(engine, backup_dir=tmp_path / "backups")
    assert migrate.current_revision(engine) == migrate.head_revision()
    if migrate.head_revision() != FIRST:  # there were migrations to apply: the old file was kept first
        assert backup is not None and Path(backup).is_file()
        with sqlite3.connect(backup) as copy:
            assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == (FIRST,)
        copy.close()
    db = Database(engine)
    try:
        with db.reader() as uow:
            names = sorted(r.first_name for r in uow.session.scalars(select(Resident)))
            statuses = {r.status for r in uow.session.scalars(select(Resident))}
            chain = eventlog.verify(uow.session)
        assert names == ["James", "Maria"] and statuses == {ResidentStatus.ACTIVE}
        assert chain.ok and chain.checked == 2, chain.describe()
        assert StaffService(db).sign_in_pin("482613", scope="upgrade").name == "Alex Rivera"
        # The old parcel is found by the last digits of its tracking number, as staff search for it.
        parcels = ParcelService(db, CredentialService(db, load_hasher(db)))
        assert [p.code for p in parcels.search("6784", status="all")] == ["K7Q2M9"]
        with db.uow() as uow:  # the chain carries on where the old version left it
            eventlog.append(uow.session, "system.upgraded")
            uow.commit()
        with db.reader() as uow:
            assert eventlog.verify(uow.session).checked == 4  # + the sign-in + system.upgraded
    finally:
        db.dispose()


BROKEN = '''"""a migration that fails half-way"""
from alembic import op
import sqlalchemy as sa

revision = "9999_broken"
down_revision = {down!r}
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("half_done", sa.Column("id", sa.Integer(), primary_key=True))
    op.execute("UPDATE residents SET first_name = 'CHANGED'")
    raise RuntimeError("simulated failure half-way through a migration")


def downgrade() -> None:
    pass
'''


@pytest.fixture
def broken_migrations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This Packroom's migrations plus a newer one that fails half-way, used in their place."""
    head = migrate.head_revision()
    copy = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "versions" / "9999_broken.py").write_text(BROKEN.format(down=head), encoding="utf-8")
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", copy)
    return copy


def _residents(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        rows = [r[0] for r in connection.execute("SELECT first_name FROM residents ORDER BY id")]
    connection.close()
    return rows


def test_a_failing_migration_restores_the_backup(db: Database, sqlite_url: str, tmp_path: Path,
                                                 broken_migrations: Path) -> None:
    make_building(db)
    db.dispose()
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    before = _residents(path)
    engine = create_db_engine(sqlite_url)
    head = migrate.current_revision(engine)
    with pytest.raises(DatabaseError, match=r"simulated failure.*restored from"):
        migrate.upgrade(engine, backup_dir=tmp_path / "backups")
    engine.dispose()
    assert len(list((tmp_path / "backups").glob("*.sqlite3"))) == 1
    assert _residents(path) == before and "CHANGED" not in before
    fresh = create_db_engine(sqlite_url)
    assert migrate.current_revision(fresh) == head
    assert "half_done" not in inspect(fresh).get_table_names()
    restored = Database(fresh)
    with restored.reader() as uow:
        assert eventlog.verify(uow.session).ok
    restored.dispose()


def _config(tmp_path: Path, url: str) -> Path:
    config = tmp_path / "packroom.toml"
    config.write_text(f'[database]\nurl = "{url}"\n[paths]\ndata_dir = "{tmp_path / "data"}"\n'
                      f'log_dir = "{tmp_path / "logs"}"\n', encoding="utf-8")
    return config


def test_db_upgrade_reports_the_rollback(db: Database, sqlite_url: str, tmp_path: Path, broken_migrations: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    make_building(db)
    db.dispose()
    assert main(["--config", str(_config(tmp_path, sqlite_url)), "db", "upgrade"]) == 2
    err = capsys.readouterr().err
    assert "migration failed" in err and "the database was restored from" in err
    assert str(tmp_path / "data" / "backups") in err


def _make_newer(sqlite_url: str) -> None:
    path = sqlite_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.close()


def test_the_command_line_refuses_a_newer_database(db: Database, sqlite_url: str, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    db.dispose()
    _make_newer(sqlite_url)
    config = str(_config(tmp_path, sqlite_url))
    for command in (["db", "upgrade"], ["db", "status"], ["log", "verify"]):
        assert main(["--config", config, *command]) == 2, command
        err = capsys.readouterr().err
        assert "schema revision 9999_future, newer than this Packroom" in err, command
        assert "install the newer version" in err


def test_the_kiosk_refuses_to_start_on_a_newer_database(db: Database, sqlite_url: str, tmp_path: Path) -> None:
    db.dispose()
    _make_newer(sqlite_url)
    before = Path(sqlite_url.removeprefix("sqlite:///")).read_bytes()
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from ui.app import main; sys.exit(main())",
         "--config", str(_config(tmp_path, sqlite_url)), "run"],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "newer than this Packroom" in done.stderr and "install the newer version" in done.stderr
    assert Path(sqlite_url.removeprefix("sqlite:///")).read_bytes() == before
