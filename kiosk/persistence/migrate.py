"""Schema migrations with Alembic: upgrade, current revision, backup-before-upgrade."""

from __future__ import annotations

import logging
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from kiosk.persistence.database import DatabaseError, sqlite_path

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise DatabaseError("no migrations found")
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def needs_upgrade(engine: Engine) -> bool:
    return current_revision(engine) != head_revision()


def check_not_newer(engine: Engine) -> None:
    """Refuse a database written by a newer Packroom (its revision is unknown to us)."""
    current = current_revision(engine)
    if current is None:
        return
    script = ScriptDirectory.from_config(alembic_config())
    if current not in {rev.revision for rev in script.walk_revisions()}:
        raise DatabaseError(
            f"the database is at schema revision {current}, newer than this Packroom "
            f"(which knows up to {head_revision()}): install the newer version"
        )


def backup_sqlite(engine: Engine, backup_dir: Path, reason: str = "pre-upgrade") -> Path | None:
    """Online backup of a SQLite database file (consistent even while in use)."""
    path = sqlite_path(str(engine.url))
    if path is None or not path.exists():
        return None
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = backup_dir / f"{path.stem}-{reason}-{stamp}.sqlite3"
    source = sqlite3.connect(str(path))
    try:
        destination = sqlite3.connect(str(target))
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    log.info("backed up %s to %s", path, target)
    return target


def upgrade(engine: Engine, *, backup_dir: Path | None = None, revision: str = "head") -> str | None:
    """Apply migrations up to ``revision``; back up first and roll back to the backup on failure.

    Returns the backup path (SQLite) or None.
    """
    check_not_newer(engine)
    if not needs_upgrade(engine) and revision == "head":
        return None
    backup = None
    if backup_dir is not None and current_revision(engine) is not None:
        backup = backup_sqlite(engine, backup_dir)
    config = alembic_config(engine)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    except Exception as exc:
        if backup is not None:
            path = sqlite_path(str(engine.url))
            engine.dispose()
            if path is not None:
                shutil.copyfile(backup, path)
                for suffix in ("-wal", "-shm"):
                    Path(str(path) + suffix).unlink(missing_ok=True)
            raise DatabaseError(f"migration failed ({exc}); the database was restored from {backup}") from exc
        raise DatabaseError(f"migration failed: {exc}") from exc
    return str(backup) if backup else None
