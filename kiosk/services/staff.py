"""Staff sign-in by PIN or badge, roles, and the lock-out that stops PIN guessing.

PINs are Argon2id hashes; a PIN pad locks after ``max_attempts`` wrong PINs for a delay that
doubles with every further lock-out. Every sign-in, failure and sign-out goes to the event log.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from kiosk import eventlog
from kiosk.eventlog import Actor
from kiosk.persistence.models import ActorKind, CredentialLockout, Role, StaffUser
from kiosk.persistence.uow import Database
from kiosk.security import hash_pin, verify_pin

log = logging.getLogger(__name__)
RANK = {Role.STAFF: 1, Role.MANAGER: 2, Role.ADMIN: 3}


class SignInRejected(Exception):
    def __init__(self) -> None:
        super().__init__("That PIN or badge was not accepted.")


class SignInLocked(Exception):
    def __init__(self, until: datetime) -> None:
        super().__init__("Too many wrong PINs. Sign-in is locked for a while.")
        self.until = until


class PermissionDenied(Exception):
    """The signed-in role may not do this."""


@dataclass(frozen=True)
class StaffSession:
    staff_id: int
    name: str
    role: Role
    signed_in_at: datetime

    @property
    def actor(self) -> Actor:
        return Actor(ActorKind.STAFF, self.staff_id, self.name)

    def can(self, role: Role) -> bool:
        return RANK[self.role] >= RANK[role]


@dataclass(frozen=True)
class StaffInfo:
    id: int
    name: str
    role: Role
    active: bool
    has_badge: bool


class StaffService:
    def __init__(self, db: Database, max_attempts: int = 5, lockout_seconds: int = 60, kiosk_id: str = "") -> None:
        self._db = db
        self._max_attempts = max_attempts
        self._lockout_seconds = lockout_seconds
        self._kiosk = kiosk_id

    def sign_in_pin(self, pin: str, scope: str, now: datetime | None = None) -> StaffSession:
        """Find the active staff member whose PIN this is (PINs are unique per property)."""
        now = now or datetime.now(UTC)
        pin = pin.strip()
        with self._db.uow() as uow:
            session = uow.session
            lock = session.get(CredentialLockout, scope, with_for_update=True)
            if lock is None:
                lock = CredentialLockout(scope=scope, failures=0, lockouts=0)
                session.add(lock)
            if lock.locked_until is not None and lock.locked_until > now:
                raise SignInLocked(lock.locked_until)
            match = None
            if pin.isdigit() and 4 <= len(pin) <= 12:
                for staff in session.scalars(select(StaffUser).where(StaffUser.active.is_(True))):
                    if verify_pin(staff.pin_hash, pin):
                        match = staff
                        break
            if match is None:
                lock.failures += 1
                eventlog.append(session, "staff.sign_in_failed", Actor.system(scope), kiosk=self._kiosk, at=now,
                                data={"scope": scope, "failures": lock.failures, "method": "pin"})
                if lock.failures >= self._max_attempts:
                    delay = self._lockout_seconds * (2 ** min(lock.lockouts, 10))
                    lock.locked_until = now + timedelta(seconds=delay)
                    lock.lockouts += 1
                    lock.failures = 0
                    eventlog.append(session, "staff.sign_in_locked", Actor.system(scope), kiosk=self._kiosk,
                                    at=now, data={"scope": scope, "seconds": delay})
                    uow.commit()
                    raise SignInLocked(lock.locked_until)
                uow.commit()
                raise SignInRejected()
            lock.failures = 0
            lock.lockouts = 0
            lock.locked_until = None
            result = self._signed_in(session, match, "pin", now)
            uow.commit()
            return result

    def is_staff_badge(self, badge: str) -> bool:
        """Whether an active staff member carries this badge (read-only: nothing is logged)."""
        with self._db.reader() as uow:
            return uow.session.scalar(select(StaffUser.id).where(StaffUser.badge_id == badge.strip(),
                                                                 StaffUser.active.is_(True))) is not None

    def sign_in_badge(self, badge: str, now: datetime | None = None) -> StaffSession:
        now = now or datetime.now(UTC)
        with self._db.uow() as uow:
            staff = uow.session.scalar(select(StaffUser).where(StaffUser.badge_id == badge.strip(),
                                                               StaffUser.active.is_(True)))
            if staff is None:
                eventlog.append(uow.session, "staff.sign_in_failed", Actor.system("badge"), kiosk=self._kiosk,
                                at=now, data={"method": "badge"})
                uow.commit()
                raise SignInRejected()
            result = self._signed_in(uow.session, staff, "badge", now)
            uow.commit()
            return result

    def _signed_in(self, session, staff: StaffUser, method: str, now: datetime) -> StaffSession:
        result = StaffSession(staff.id, staff.name, Role(staff.role), now)
        eventlog.append(session, "staff.signed_in", result.actor, kiosk=self._kiosk, at=now,
                        data={"method": method, "role": result.role.value})
        return result

    def sign_out(self, staff: StaffSession, reason: str = "signed out", now: datetime | None = None) -> None:
        with self._db.uow() as uow:
            eventlog.append(uow.session, "staff.signed_out", staff.actor, kiosk=self._kiosk,
                            at=now or datetime.now(UTC), data={"reason": reason})
            uow.commit()

    @staticmethod
    def require(staff: StaffSession | None, role: Role) -> StaffSession:
        if staff is None:
            raise PermissionDenied("sign in first")
        if not staff.can(role):
            raise PermissionDenied(f"only a {role.value} may do this")
        return staff

    # ------------------------------------------------------------------ accounts (admin)

    def list_staff(self) -> list[StaffInfo]:
        with self._db.reader() as uow:
            return [StaffInfo(s.id, s.name, Role(s.role), s.active, bool(s.badge_id))
                    for s in uow.session.scalars(select(StaffUser).order_by(StaffUser.name))]

    def create(self, by: StaffSession, name: str, role: Role, pin: str, badge: str | None = None) -> StaffInfo:
        self.require(by, Role.ADMIN)
        if not (pin.isdigit() and 4 <= len(pin) <= 12):
            raise ValueError("a PIN is 4 to 12 digits")
        if not name.strip():
            raise ValueError("give the staff member's name")
        with self._db.uow() as uow:
            for other in uow.session.scalars(select(StaffUser).where(StaffUser.active.is_(True))):
                if verify_pin(other.pin_hash, pin):
                    raise ValueError("that PIN is already used by someone else; choose another")
            staff = StaffUser(name=name.strip(), role=role, pin_hash=hash_pin(pin), badge_id=badge or None)
            uow.session.add(staff)
            uow.session.flush()
            eventlog.append(uow.session, "staff.created", by.actor, subject_kind="staff", subject_id=staff.id,
                            kiosk=self._kiosk, data={"role": role.value})
            uow.commit()
            return StaffInfo(staff.id, staff.name, role, True, bool(badge))
