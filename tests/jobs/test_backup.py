"""Backups: online SQLite copies with rotation, verified restore into a fresh directory, the
refusals (corrupt file, broken event log, newer schema), the CLI, and pg_dump for PostgreSQL."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk import eventlog
from kiosk.cli import build_parser, run_command
from kiosk.config import Settings
from kiosk.jobs.backup import BackupError, backup_database, list_backups, register, restore_database
from kiosk.persistence.database import create_db_engine
from kiosk.persistence.migrate import upgrade
from kiosk.persistence.uow import Database
from tests.factories import Building, make_building
from tests.notifications.conftest import T0, SenderFactory
from tests.notifications.servers import FakeClock, SmtpServer
from tests.notifications.test_delivery import intake


def row_counts(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(path)) as connection:
        tables = [
            n
            for (n,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def event_head(url: str) -> tuple[bool, int, str]:
    database = Database(create_db_engine(url))
    try:
        with database.reader() as uow:
            result = eventlog.verify(uow.session)
    finally:
        database.dispose()
    return result.ok, result.checked, result.head


@pytest.fixture
def busy_building(
    building: Building, smtp_server: SmtpServer, make_sender: SenderFactory, clock: FakeClock
) -> Building:
    """A building with parcels, a release and sent notices: rows in most tables, many events."""
    for who in ("101:Maria", "101:Pedro", "202:Wei", "101:Pedro"):
        intake(building, who, clock)
    clock.advance(minutes=10)
    make_sender(email=smtp_server.url).send_due()
    waiting = building.parcels.waiting_for_resident(building.residents["101:Maria"])
    building.parcels.release(waiting[0].id, building.staff, now=clock())
    return building


def test_backup_then_restore_into_a_fresh_directory_gives_the_same_data(
    busy_building: Building, db: Database, job_settings: Settings, sqlite_url: str, tmp_path: Path
) -> None:
    source = Path(sqlite_url.removeprefix("sqlite:///"))
    backup = backup_database(job_settings, db.engine, T0)
    assert backup.parent == job_settings.data_dir / "backups"
    assert backup.name == "packroom-backup-20260309T150000Z.sqlite3"

    fresh_url = f"sqlite:///{tmp_path / 'fresh' / 'packroom.sqlite3'}"
    report = restore_database(backup, fresh_url, now=T0)
    restored = tmp_path / "fresh" / "packroom.sqlite3"
    assert report.previous is None and report.target == restored
    assert row_counts(restored) == row_counts(source) == report.row_counts
    assert row_counts(restored)["parcels"] == 4 and row_counts(restored)["events"] >= 10
    assert event_head(fresh_url) == event_head(sqlite_url)
    assert event_head(fresh_url)[0] and report.events == event_head(sqlite_url)[1]


def test_restore_over_an_existing_database_keeps_the_old_one(
    busy_building: Building, db: Database, job_settings: Settings, sqlite_url: str, tmp_path: Path
) -> None:
    backup = backup_database(job_settings, db.engine, T0)
    target_url = f"sqlite:///{tmp_path / 'site' / 'packroom.sqlite3'}"
    engine = create_db_engine(target_url)
    upgrade(engine)
    engine.dispose()
    report = restore_database(backup, target_url, now=T0)
    assert report.previous is not None and report.previous.exists()
    assert row_counts(report.previous)["parcels"] == 0
    assert row_counts(report.target)["parcels"] == 4


def test_rotation_keeps_the_newest_backups_only(
    building: Building, db: Database, job_settings: Settings
) -> None:
    settings = job_settings.replace(jobs__backup_keep=2)
    other = settings.data_dir / "backups" / "packroom-pre-upgrade-20260101T000000Z.sqlite3"
    other.parent.mkdir(parents=True)
    other.write_bytes(b"kept: not ours to rotate")
    made = [backup_database(settings, db.engine, T0 + timedelta(days=d)) for d in range(3)]
    assert list_backups(settings.data_dir / "backups") == made[1:]
    assert other.exists()
    assert backup_database(settings, db.engine, T0 + timedelta(days=2)).name.endswith("-1.sqlite3")


def test_restore_refuses_a_corrupt_file(tmp_path: Path) -> None:
    junk = tmp_path / "packroom-backup-x.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(BackupError, match="not a usable backup"):
        restore_database(junk, f"sqlite:///{tmp_path / 'target.sqlite3'}")
    assert not (tmp_path / "target.sqlite3").exists()
    with pytest.raises(BackupError, match="does not exist"):
        restore_database(tmp_path / "missing.sqlite3", f"sqlite:///{tmp_path / 'target.sqlite3'}")


def test_restore_refuses_a_backup_whose_event_log_was_altered(
    busy_building: Building, db: Database, job_settings: Settings, tmp_path: Path
) -> None:
    backup = backup_database(job_settings, db.engine, T0)
    tampered = tmp_path / "tampered.sqlite3"
    shutil.copyfile(backup, tampered)
    with closing(sqlite3.connect(tampered)) as connection, connection:
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='trigger'"
        ).fetchall():
            connection.execute(f'DROP TRIGGER "{name}"')
        connection.execute('UPDATE events SET data = \'{"code": "FORGED"}\' WHERE seq = 2')
    target = tmp_path / "target.sqlite3"
    with pytest.raises(BackupError, match="event log BROKEN at event #2"):
        restore_database(tampered, f"sqlite:///{target}")
    assert not target.exists() and not list(tmp_path.glob("*.restoring*"))


def test_restore_refuses_to_overwrite_a_newer_schema(
    busy_building: Building, db: Database, job_settings: Settings, tmp_path: Path
) -> None:
    backup = backup_database(job_settings, db.engine, T0)
    target = tmp_path / "newer.sqlite3"
    shutil.copyfile(backup, target)
    with closing(sqlite3.connect(target)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    before = target.read_bytes()
    with pytest.raises(BackupError, match="newer than the backup"):
        restore_database(backup, f"sqlite:///{target}")
    assert target.read_bytes() == before
    with pytest.raises(BackupError, match="written by a newer Packroom"):
        restore_database(target, f"sqlite:///{tmp_path / 'other.sqlite3'}")


def test_restore_into_postgresql_is_refused_with_a_pointer(
    tmp_path: Path, db: Database, job_settings: Settings
) -> None:
    backup = backup_database(job_settings, db.engine, T0)
    with pytest.raises(BackupError, match="pg_restore"):
        restore_database(backup, "postgresql+psycopg://u@127.0.0.1/x")


def test_backup_and_restore_commands(
    busy_building: Building, sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "packroom.toml"
    config.write_text(
        f'[database]\nurl = "{sqlite_url}"\n[paths]\ndata_dir = "{tmp_path / "data"}"\n'
    )
    parser = build_parser([register])
    assert (
        run_command(parser, ["--config", str(config), "backup", "--out", str(tmp_path / "out")])
        == 0
    )
    (made,) = list((tmp_path / "out").glob("packroom-backup-*.sqlite3"))
    assert str(made) in capsys.readouterr().out

    restore_config = tmp_path / "restore.toml"
    fresh = tmp_path / "restored" / "packroom.sqlite3"
    restore_config.write_text(
        f'[database]\nurl = "sqlite:///{fresh}"\n[paths]\ndata_dir = "{tmp_path / "d2"}"\n'
    )
    assert (
        run_command(
            build_parser([register]), ["--config", str(restore_config), "restore", str(made)]
        )
        == 2
    )
    assert "add --yes" in capsys.readouterr().err and not fresh.exists()
    assert (
        run_command(
            build_parser([register]),
            ["--config", str(restore_config), "restore", str(made), "--yes"],
        )
        == 0
    )
    assert "event log intact" in capsys.readouterr().out
    assert row_counts(fresh)["parcels"] == 4


@pytest.mark.postgres
def test_postgresql_backup_uses_pg_dump(pg_url: str, job_settings: Settings) -> None:
    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    engine = create_db_engine(pg_url)
    upgrade(engine)
    database = Database(engine)
    try:
        make_building(database)
        path = backup_database(job_settings, engine, T0)
    finally:
        database.dispose()
    assert path.suffix == ".pgdump" and path.read_bytes()[:5] == b"PGDMP"
