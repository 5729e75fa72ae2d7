"""Migrations produce exactly the models' schema, on SQLite and PostgreSQL; the database
refuses to be opened by an older Packroom; the event log is append-only at the database level."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError as SADatabaseError

from kiosk import eventlog
from kiosk.persistence.database import DatabaseError, create_db_engine
from kiosk.persistence.migrate import check_not_newer, current_revision, head_revision, upgrade
from kiosk.persistence.models import Base
from kiosk.persistence.uow import Database


def _schema_diff(url: str) -> list[object]:
    engine = create_db_engine(url)
    upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    engine.dispose()
    return list(diff)


def test_sqlite_migrations_match_the_models(tmp_path) -> None:
    assert _schema_diff(f"sqlite:///{tmp_path / 'x.sqlite3'}") == []


@pytest.mark.postgres
def test_postgres_migrations_match_the_models(pg_url: str) -> None:
    assert _schema_diff(pg_url) == []


def test_upgrade_is_idempotent_and_reports_head(tmp_path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    upgrade(engine)
    assert upgrade(engine) is None
    assert current_revision(engine) == head_revision()


def test_database_from_a_newer_packroom_is_refused(db: Database) -> None:
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(DatabaseError, match="newer than this Packroom"):
        check_not_newer(db.engine)


@pytest.mark.parametrize("statement", ["UPDATE events SET kind = 'x'", "DELETE FROM events"])
def test_event_log_refuses_update_and_delete(db: Database, statement: str) -> None:
    with db.uow() as uow:
        eventlog.append(uow.session, "test.event")
        uow.commit()
    with pytest.raises(SADatabaseError, match="append-only"), db.engine.begin() as connection:
        connection.execute(text(statement))


@pytest.mark.postgres
def test_event_log_is_append_only_on_postgres(pg_url: str) -> None:
    engine = create_db_engine(pg_url)
    upgrade(engine)
    database = Database(engine)
    with database.uow() as uow:
        eventlog.append(uow.session, "test.event")
        uow.commit()
    with pytest.raises(SADatabaseError, match="append-only"), engine.begin() as connection:
        connection.execute(text("DELETE FROM events"))
    engine.dispose()
