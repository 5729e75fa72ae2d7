"""Engines: SQLite (WAL, durable commits, busy timeout) by default, PostgreSQL by URL.

SQLite write transactions start with ``BEGIN IMMEDIATE`` so two writers queue on the busy
timeout instead of failing half-way; ``synchronous=FULL`` makes a commit survive a power cut.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

log = logging.getLogger(__name__)


class DatabaseError(RuntimeError):
    """The database cannot be opened or used; the message says which and why."""


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for PostgreSQL / in-memory."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def create_db_engine(url: str, *, busy_timeout_ms: int = 5000, echo: bool = False) -> Engine:
    """Create the engine for ``url`` with the pragmas and transaction mode Packroom relies on."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(f"database URL {url!r} is not a valid SQLAlchemy URL") from None
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, echo=echo, connect_args={"timeout": busy_timeout_ms / 1000, "check_same_thread": False}
        )
        _configure_sqlite(engine, busy_timeout_ms)
        return engine
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(parsed, echo=echo, pool_pre_ping=True, pool_size=5, max_overflow=5)
    raise DatabaseError(f"database URL {url!r}: only sqlite and postgresql are supported")


def _configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's own BEGIN is deferred).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        connection.exec_driver_sql(f"BEGIN {mode}")


def readonly(engine: Engine) -> Engine:
    """The same engine, but SQLite transactions begin DEFERRED (readers never take the write lock)."""
    if engine.dialect.name == "sqlite":
        return engine.execution_options(sqlite_begin="DEFERRED")
    return engine


# The newest migration (kiosk/persistence/migrations/versions); a test holds it equal to Alembic's head.
# At start-up a database already at this revision needs no Alembic (0.3 s of imports) at all.
SCHEMA_HEAD = "0002"
CLEAN_SHUTDOWN_SUFFIX = ".clean-shutdown"


def stored_revision(engine: Engine) -> str | None:
    """The schema revision recorded in the database (plain SQL), or None (new or not Packroom's)."""
    try:
        with engine.connect() as connection:
            return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    except Exception:  # no such table yet: a new database
        return None


def mark_clean_shutdown(path: Path) -> None:
    """The kiosk closed the SQLite file cleanly: its next start may skip the full integrity check."""
    try:
        Path(str(path) + CLEAN_SHUTDOWN_SUFFIX).touch()
    except OSError as exc:
        log.warning("cannot mark the clean shutdown of %s: %s", path, exc.strerror)


def take_clean_shutdown(path: Path) -> bool:
    """Whether the last kiosk run closed ``path`` cleanly; consumes the mark (a crash from now on
    leaves none, so the start after it checks the whole file)."""
    marker = Path(str(path) + CLEAN_SHUTDOWN_SUFFIX)
    try:
        marker.unlink()
    except FileNotFoundError:
        return False
    except OSError as exc:
        log.warning("cannot read the clean-shutdown mark of %s: %s", path, exc.strerror)
        return False
    return True


def check_sqlite_file(path: Path, *, thorough: bool = True) -> None:
    """Refuse a file that is not a SQLite database, or is corrupt, with a clear message.

    ``thorough`` runs SQLite's ``quick_check``, which reads every page (seconds on a large file);
    without it only the header and the schema are read — enough after a clean shutdown, since
    the nightly backup runs the full check on its copy every night."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as exc:
        raise DatabaseError(f"{path}: cannot be read: {exc.strerror}") from None
    if header != b"SQLite format 3\x00":
        raise DatabaseError(f"{path} is not a SQLite database (corrupt or another kind of file)")
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2)
        try:
            if thorough:
                row = connection.execute("PRAGMA quick_check").fetchone()
            else:
                connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
                row = ("ok",)
        finally:
            connection.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc):
            raise DatabaseError(f"{path} is locked by another program; close it and retry") from None
        raise DatabaseError(f"{path} cannot be opened: {exc}") from None
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path} is corrupt: {exc}") from None
    if row is None or row[0] != "ok":
        raise DatabaseError(f"{path} is corrupt: integrity check says {row[0] if row else 'nothing'}")
