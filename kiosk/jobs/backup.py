"""Backups and restore, plus the ``packroom backup`` / ``packroom restore`` commands.

SQLite: an online copy through SQLite's backup API (consistent while the kiosk writes, WAL
included), written under a temporary name, checked, then renamed, so a half-written file never
looks like a backup. Files are ``packroom-backup-YYYYmmddTHHMMSSZ.sqlite3`` in
``<data_dir>/backups``; only the newest ``jobs.backup_keep`` are kept (0 keeps all; the
pre-upgrade copies that migrations make are left alone). PostgreSQL: ``pg_dump --format=custom``
when the client is installed, else a clear error.

Restore (SQLite only) checks the backup before touching anything: SQLite's integrity check, a
schema revision this Packroom knows and that is not older than the target's (it refuses to
overwrite a newer schema), and the event log's hash chain. The replaced database is kept beside
it as ``<name>.pre-restore-<stamp>.sqlite3``. Stop the kiosk before restoring.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from kiosk.config import Settings
from kiosk.notifications.policy import system_clock
from kiosk.persistence.database import DatabaseError, check_sqlite_file, sqlite_path

log = logging.getLogger(__name__)

BACKUP_PREFIX = "packroom-backup-"
BACKUP_SUFFIXES = (".sqlite3", ".pgdump")


class BackupError(RuntimeError):
    """A backup or restore cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class RestoreReport:
    target: Path
    previous: Path | None  # where the database that was replaced is kept
    revision: str | None
    row_counts: dict[str, int]
    events: int

    def summary(self) -> str:
        rows = sum(self.row_counts.values())
        kept = f"; the previous database is kept as {self.previous}" if self.previous else ""
        return (
            f"restored {self.target} (schema {self.revision or 'unknown'}, {rows} rows, "
            f"event log intact with {self.events} events){kept}"
        )


def backups_dir(settings: Settings) -> Path:
    return settings.data_dir / "backups"


def _stamp(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _free_name(directory: Path, stem: str, suffix: str) -> Path:
    candidate = directory / f"{stem}{suffix}"
    counter = 1
    while candidate.exists():
        candidate = directory / f"{stem}-{counter}{suffix}"
        counter += 1
    return candidate


def list_backups(directory: Path) -> list[Path]:
    """This job's backups in ``directory``, oldest first (names sort by time)."""
    if not directory.is_dir():
        return []
    return sorted(
        p
        for p in directory.iterdir()
        if p.name.startswith(BACKUP_PREFIX) and p.suffix in BACKUP_SUFFIXES
    )


def rotate(directory: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups (0 keeps all); returns what was deleted."""
    if keep <= 0:
        return []
    existing = list_backups(directory)
    doomed = existing[:-keep] if len(existing) > keep else []
    for path in doomed:
        path.unlink(missing_ok=True)
        log.info("removed old backup %s", path)
    return doomed


def backup_database(
    settings: Settings, engine: Engine, now: datetime, *, out_dir: Path | None = None
) -> Path:
    """Back the database up now; returns the new file. Rotation keeps ``jobs.backup_keep``."""
    directory = out_dir or backups_dir(settings)
    directory.mkdir(parents=True, exist_ok=True)
    stem = f"{BACKUP_PREFIX}{_stamp(now)}"
    if engine.dialect.name == "sqlite":
        target = _backup_sqlite(engine, directory, stem)
    elif engine.dialect.name == "postgresql":
        target = _backup_postgres(engine, directory, stem)
    else:
        raise BackupError(f"cannot back up a {engine.dialect.name} database")
    rotate(directory, int(settings.get("jobs.backup_keep", 14)))
    log.info("database backed up to %s", target)
    return target


def _backup_sqlite(engine: Engine, directory: Path, stem: str) -> Path:
    source_path = sqlite_path(str(engine.url))
    if source_path is None or not source_path.exists():
        raise BackupError(
            "the database is not a SQLite file (in-memory databases cannot be backed up)"
        )
    target = _free_name(directory, stem, ".sqlite3")
    partial = target.with_name(target.name + ".partial")
    source = sqlite3.connect(str(source_path), timeout=30)
    try:
        destination = sqlite3.connect(str(partial))
        try:
            source.backup(destination)
            # one self-contained file (no -wal beside it), readable from read-only media too
            destination.execute("PRAGMA journal_mode = DELETE")
            row = destination.execute("PRAGMA quick_check").fetchone()
        finally:
            destination.close()
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"backing up {source_path} failed: {exc}") from None
    finally:
        source.close()
    if row is None or row[0] != "ok":
        partial.unlink(missing_ok=True)
        raise BackupError(f"the backup copy of {source_path} failed its integrity check")
    os.replace(partial, target)
    return target


def _backup_postgres(engine: Engine, directory: Path, stem: str) -> Path:
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise BackupError(
            "pg_dump is not installed: install the PostgreSQL client tools (Debian: "
            "postgresql-client), or back the server up with its own tools"
        )
    url = engine.url
    target = _free_name(directory, stem, ".pgdump")
    partial = target.with_name(target.name + ".partial")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    command = [
        pg_dump,
        "--format=custom",
        "--no-owner",
        f"--file={partial}",
        f"--host={url.host or 'localhost'}",
        f"--port={url.port or 5432}",
        f"--username={url.username or ''}",
        str(url.database or ""),
    ]
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=3600, check=False
    )
    if done.returncode != 0:
        partial.unlink(missing_ok=True)
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise BackupError(f"pg_dump failed: {detail[-1] if detail else done.returncode}")
    os.replace(partial, target)
    return target


# --------------------------------------------------------------------------- restore


def _revision_of(path: Path) -> str | None:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None
    finally:
        connection.close()
    return str(row[0]) if row else None


def _revision_order() -> list[str]:
    """Known revisions, oldest first."""
    from alembic.script import ScriptDirectory

    from kiosk.persistence.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in script.walk_revisions()][::-1]


def _row_counts(path: Path) -> dict[str, int]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "ORDER BY name"
            )
        ]
        return {
            table: int(connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
            for table in tables
        }
    finally:
        connection.close()


def verify_backup(path: Path) -> tuple[str | None, int]:
    """Check a SQLite backup: integrity, known schema, event-log chain → (revision, events)."""
    from kiosk import eventlog
    from kiosk.persistence.database import create_db_engine
    from kiosk.persistence.uow import Database

    try:
        check_sqlite_file(path)
    except DatabaseError as exc:
        raise BackupError(f"{path} is not a usable backup: {exc}") from None
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = connection.execute("PRAGMA integrity_check").fetchone()
    finally:
        connection.close()
    if result is None or result[0] != "ok":
        raise BackupError(f"{path} failed SQLite's integrity check: {result[0] if result else '?'}")
    revision = _revision_of(path)
    known = _revision_order()
    if revision is None:
        raise BackupError(f"{path} is not a Packroom database (it has no schema revision)")
    if revision not in known:
        raise BackupError(
            f"{path} was written by a newer Packroom (schema {revision}); "
            "install that version to restore it"
        )
    database = Database(create_db_engine(f"sqlite:///{path}"))
    try:
        with database.reader() as uow:
            chain = eventlog.verify(uow.session)
    finally:
        database.dispose()
    if not chain.ok:
        raise BackupError(f"{path}: {chain.describe()}; refusing to restore it")
    return revision, chain.checked


def restore_database(
    backup_path: Path, target_url: str, *, now: datetime | None = None
) -> RestoreReport:
    """Replace the SQLite database at ``target_url`` with a verified copy of ``backup_path``."""
    backup_path = Path(backup_path)
    if not backup_path.is_file():
        raise BackupError(f"{backup_path} does not exist")
    if make_url(target_url).get_backend_name() != "sqlite":
        raise BackupError(
            "restoring into PostgreSQL is done with pg_restore from a .pgdump file "
            "(pg_restore --clean --dbname=...), not by Packroom"
        )
    target = sqlite_path(target_url)
    if target is None:
        raise BackupError("the target database is not a SQLite file")
    stamp = _stamp(now or system_clock())
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(target.name + ".restoring")
    _remove_database_files(staging)
    shutil.copyfile(backup_path, staging)
    try:
        revision, events = verify_backup(staging)
        if target.exists() and target.stat().st_size > 0:
            current = _revision_of(target)
            known = _revision_order()
            if current is not None and (
                current not in known or known.index(current) > known.index(revision or "")
            ):
                raise BackupError(
                    f"the database {target} is at schema {current}, newer than the backup's "
                    f"{revision}; restoring would put an older schema under a newer one. "
                    "Move the database away first if you really mean it"
                )
        counts = _row_counts(staging)
    except BaseException:
        _remove_database_files(staging)
        raise
    previous = None
    if target.exists():
        previous = _free_name(target.parent, f"{target.stem}.pre-restore-{stamp}", ".sqlite3")
        source = sqlite3.connect(str(target), timeout=30)
        try:  # a consistent copy, including what is still in the WAL file
            destination = sqlite3.connect(str(previous))
            try:
                source.backup(destination)
            finally:
                destination.close()
        finally:
            source.close()
        _remove_database_files(target)
    os.replace(staging, target)
    _remove_database_files(staging)
    report = RestoreReport(target, previous, revision, counts, events)
    log.warning("database restored: %s", report.summary())
    return report


def _remove_database_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)


# --------------------------------------------------------------------------- CLI


def _cmd_backup(args: argparse.Namespace) -> int:
    from kiosk.cli import CliError, open_database, resolve, settings_from

    settings = settings_from(args)
    db = open_database(settings)
    try:
        path = backup_database(
            settings, db.engine, system_clock(), out_dir=resolve(args.out) if args.out else None
        )
    except BackupError as exc:
        raise CliError(str(exc)) from None
    finally:
        db.dispose()
    print(f"backup written: {path}")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from kiosk.cli import CliError, open_database, resolve, settings_from

    settings = settings_from(args)
    source = resolve(args.file)
    target = sqlite_path(settings.database_url)
    if not args.yes:
        if not sys.stdin.isatty():
            raise CliError(
                f"restoring replaces the database {target or settings.database_url}; "
                "add --yes to confirm"
            )
        answer = input(f"Replace the database {target} with {source}? Stop the kiosk first. [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("nothing changed")
            return 1
    try:
        report = restore_database(source, settings.database_url)
    except BackupError as exc:
        raise CliError(str(exc)) from None
    print(report.summary())
    open_database(settings).dispose()  # applies any migrations the restored copy needs
    return 0


def register(subparsers: Any) -> None:
    """Add ``packroom backup [--out DIR]`` and ``packroom restore FILE [--yes]``."""
    backup = subparsers.add_parser(
        "backup", help="back the database up now (SQLite online copy, or pg_dump for PostgreSQL)"
    )
    backup.add_argument(
        "--out", metavar="DIR", help="write the backup here (default: <data dir>/backups, rotated)"
    )
    backup.set_defaults(func=_cmd_backup)
    restore = subparsers.add_parser(
        "restore", help="replace the database with a verified backup (stop the kiosk first)"
    )
    restore.add_argument("file", metavar="FILE", help="a packroom-backup-*.sqlite3 file")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    restore.set_defaults(func=_cmd_restore)
