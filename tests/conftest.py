"""Shared fixtures: isolated user directories, real SQLite files, a real PostgreSQL server.

Nothing here mocks the database: SQLite tests get a migrated file of their own (copied from
one template per session), PostgreSQL tests a fresh database on a private server that this
suite starts (see :mod:`tests.pgserver`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Keep every test (and every subprocess it starts) away from the real user's files.
_HOME = Path(tempfile.mkdtemp(prefix="packroom-tests-home-"))
for _var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[_var] = str(_HOME / _var.lower())
os.environ.pop("PACKROOM_CONFIG", None)
os.environ.pop("PACKROOM_DATABASE_URL", None)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kiosk.config import Settings  # noqa: E402
from kiosk.persistence.database import create_db_engine  # noqa: E402
from kiosk.persistence.migrate import upgrade  # noqa: E402
from kiosk.persistence.uow import Database  # noqa: E402
from tests.pgserver import PostgresServer  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PACKROOM_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the repository; tests that need it skip with the reason in a user's clone."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is not present (a user's clone has no ../shared test data)")
    return SHARED


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    engine = create_db_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture
def sqlite_url(tmp_path: Path, _sqlite_template: Path) -> str:
    """URL of a freshly migrated SQLite file of this test's own."""
    path = tmp_path / "packroom.sqlite3"
    shutil.copyfile(_sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def db(sqlite_url: str) -> Iterator[Database]:
    database = Database(create_db_engine(sqlite_url))
    yield database
    database.dispose()


@pytest.fixture
def settings(tmp_path: Path, sqlite_url: str) -> Settings:
    return Settings({"paths.data_dir": str(tmp_path / "data"), "paths.log_dir": str(tmp_path / "logs"),
                     "database.url": sqlite_url})


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    server = PostgresServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server: PostgresServer) -> str:
    """URL of a new, empty database on the suite's PostgreSQL server."""
    return pg_server.create_database()
