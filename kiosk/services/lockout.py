"""The keypad lock-out shared by pickup codes and carrier codes (table ``credential_lockouts``).

Each keypad scope (``keypad:<kiosk>``, ``carrier:<kiosk>``) counts wrong tries; after
``max_attempts`` it locks for ``lockout_seconds``, doubling at each further lock-out (capped at
2¹⁰). Every try while locked, every refusal and every lock-out is written to the event log under
the caller's prefix (``credential.rejected``, ``carrier.keypad_locked``…).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from kiosk import eventlog
from kiosk.eventlog import Actor
from kiosk.persistence.models import CredentialLockout
from kiosk.persistence.uow import Database


class KeypadLocked(Exception):
    def __init__(self, until: datetime) -> None:
        super().__init__("Too many wrong codes. Please wait, or see the front desk.")
        self.until = until


class KeypadLockout:
    def __init__(self, prefix: str, max_attempts: int, lockout_seconds: int, kiosk_id: str = "") -> None:
        self._prefix = prefix
        self._max_attempts = max_attempts
        self._lockout_seconds = lockout_seconds
        self._kiosk = kiosk_id

    @staticmethod
    def locked(lock: CredentialLockout, now: datetime) -> bool:
        return lock.locked_until is not None and lock.locked_until > now

    def state(self, db: Database, scope: str, now: datetime | None = None) -> datetime | None:
        """Until when ``scope`` is locked, or None."""
        now = now or datetime.now(UTC)
        with db.reader() as uow:
            row = uow.session.get(CredentialLockout, scope)
            return row.locked_until if row is not None and self.locked(row, now) else None

    def acquire(self, session: Session, scope: str, now: datetime) -> CredentialLockout:
        """The scope's row, locked for this transaction; raises :class:`KeypadLocked` (after logging
        the try and committing) while the keypad is locked."""
        lock = session.get(CredentialLockout, scope, with_for_update=True)
        if lock is None:
            lock = CredentialLockout(scope=scope, failures=0, lockouts=0)
            session.add(lock)
        if self.locked(lock, now):
            eventlog.append(session, f"{self._prefix}.attempt_while_locked", Actor.system(scope),
                            kiosk=self._kiosk, at=now, data={"scope": scope})
            session.commit()
            assert lock.locked_until is not None
            raise KeypadLocked(lock.locked_until)
        return lock

    def fail(self, session: Session, lock: CredentialLockout, scope: str, now: datetime,
             data: dict[str, object], *, actor: Actor | None = None, subject_kind: str = "",
             subject_id: int | None = None) -> None:
        """Count a wrong try (logged); lock the keypad after ``max_attempts`` of them."""
        lock.failures = (lock.failures or 0) + 1
        eventlog.append(session, f"{self._prefix}.rejected", actor or Actor.system(scope),
                        subject_kind=subject_kind, subject_id=subject_id, kiosk=self._kiosk, at=now,
                        data={"scope": scope, "failures": lock.failures, **data})
        if lock.failures >= self._max_attempts:
            delay = self._lockout_seconds * (2 ** min(lock.lockouts or 0, 10))
            lock.locked_until = now + timedelta(seconds=delay)
            lock.lockouts = (lock.lockouts or 0) + 1
            lock.failures = 0
            eventlog.append(session, f"{self._prefix}.keypad_locked", Actor.system(scope),
                            kiosk=self._kiosk, at=now, data={"scope": scope, "seconds": delay})

    def attempts_left(self, lock: CredentialLockout) -> int:
        return self._max_attempts - lock.failures

    @staticmethod
    def accept(lock: CredentialLockout) -> None:
        lock.failures = 0
        lock.lockouts = 0
        lock.locked_until = None
