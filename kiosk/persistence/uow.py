"""Unit of work: ``with uow: ...; uow.commit()`` — anything not committed is rolled back."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from kiosk.persistence.database import readonly


class UnitOfWork:
    """One transaction. Services open one per operation; nothing leaves it but plain data."""

    session: Session

    def __init__(self, session_factory: Callable[[], Session]) -> None:
        self._session_factory = session_factory

    def __enter__(self) -> UnitOfWork:
        self.session = self._session_factory()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()

    def commit(self) -> None:
        self.session.commit()

    def flush(self) -> None:
        self.session.flush()


class Database:
    """Owns the engine and hands out units of work; built once by the composition root."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writer = sessionmaker(engine, expire_on_commit=False)
        self._reader = sessionmaker(readonly(engine), expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def uow(self) -> UnitOfWork:
        """A unit of work that may write (SQLite: BEGIN IMMEDIATE)."""
        return UnitOfWork(self._writer)

    def reader(self) -> UnitOfWork:
        """A unit of work for queries only (SQLite: BEGIN DEFERRED, never blocks writers)."""
        return UnitOfWork(self._reader)

    def dispose(self) -> None:
        self.engine.dispose()
