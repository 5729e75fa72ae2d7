"""Pickup credentials: issue codes tied to parcels, verify them, lock the keypad on guessing.

A code is stored only as a keyed hash (see :mod:`kiosk.security`). It opens only the parcels it
was issued for (newer parcels of the same resident join the open code), expires, and is used up
when its last parcel leaves. Wrong codes count per keypad (``scope``); after ``max_attempts`` the
keypad locks for a delay that doubles with every further lock-out. Rejections never say whether
a code was close, expired or used: the screen shows one message for all of them.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import NoReturn

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk import eventlog
from kiosk.eventlog import Actor
from kiosk.persistence.models import (
    WAITING_STATUSES,
    ActorKind,
    AppState,
    CredentialKind,
    CredentialLockout,
    CredentialParcel,
    Parcel,
    PickupCredential,
    Resident,
    ResidentStatus,
)
from kiosk.persistence.uow import Database
from kiosk.security import CodeHasher, new_numeric_code
from kiosk.services.lockout import KeypadLocked, KeypadLockout

log = logging.getLogger(__name__)
KEY_NAME = "code_hash_key"


@dataclass(frozen=True)
class CredentialPolicy:
    code_length: int = 6
    valid_days: int = 14
    max_attempts: int = 5
    lockout_seconds: int = 30


class CredentialRejected(Exception):
    """The code was not accepted. Deliberately says nothing about why."""

    def __init__(self, attempts_left: int) -> None:
        super().__init__("That code was not accepted. Check your message and try again.")
        self.attempts_left = attempts_left


@dataclass(frozen=True)
class CredentialMatch:
    credential_id: int
    resident_id: int
    resident_display: str
    language: str
    parcel_ids: tuple[int, ...]


def load_hasher(db: Database) -> CodeHasher:
    """The site's code-hashing key, created on first use and kept in the app state."""
    with db.uow() as uow:
        row = uow.session.get(AppState, KEY_NAME)
        if row is None:
            row = AppState(key=KEY_NAME, value=secrets.token_hex(32))
            uow.session.add(row)
            uow.commit()
        return CodeHasher(bytes.fromhex(row.value))


class CredentialService:
    def __init__(self, db: Database, hasher: CodeHasher, policy: CredentialPolicy | None = None,
                 kiosk_id: str = "") -> None:
        self._db = db
        self._hasher = hasher
        self.policy = policy or CredentialPolicy()
        self._kiosk = kiosk_id
        self._lockout = KeypadLockout("credential", self.policy.max_attempts, self.policy.lockout_seconds, kiosk_id)

    # ------------------------------------------------------------------ issuing

    def _active(self, session: Session, now: datetime):
        return (
            select(PickupCredential)
            .where(PickupCredential.used_at.is_(None), PickupCredential.revoked_at.is_(None),
                   PickupCredential.expires_at > now)
        )

    def attach_parcel(self, session: Session, resident: Resident, parcel: Parcel, now: datetime) -> str | None:
        """Join the parcel to the resident's open code, or issue a new one (returned in plaintext)."""
        open_code = session.scalars(
            self._active(session, now)
            .where(PickupCredential.resident_id == resident.id,
                   PickupCredential.kind == CredentialKind.PICKUP_CODE)
            .order_by(PickupCredential.issued_at.desc())
            .limit(1)
        ).first()
        expires = now + timedelta(days=self.policy.valid_days)
        if open_code is not None:
            open_code.parcels.append(CredentialParcel(parcel_id=parcel.id))
            open_code.expires_at = max(open_code.expires_at, expires)
            return None
        code, digest = self._new_code(session, now)
        credential = PickupCredential(
            kind=CredentialKind.PICKUP_CODE, resident_id=resident.id, secret_hash=digest,
            issued_at=now, expires_at=expires,
        )
        credential.parcels.append(CredentialParcel(parcel_id=parcel.id))
        session.add(credential)
        session.flush()
        eventlog.append(session, "credential.issued", Actor.system(), subject_kind="credential",
                        subject_id=credential.id, kiosk=self._kiosk, at=now,
                        data={"resident_id": resident.id, "kind": "pickup_code"})
        return code

    def _new_code(self, session: Session, now: datetime) -> tuple[str, str]:
        for _ in range(50):
            code = new_numeric_code(self.policy.code_length)
            digest = self._hasher.digest("pickup", code)
            clash = session.scalar(self._active(session, now).where(PickupCredential.secret_hash == digest))
            if clash is None:
                return code, digest
        raise RuntimeError("no free pickup code; increase pickup.code_length")

    def reissue(self, resident_id: int, actor: Actor, now: datetime | None = None,
                code: str | None = None) -> str:
        """Revoke the resident's open codes and issue one new code for all their waiting parcels.

        ``code`` chooses the code (the demo building's known codes); normally it is random.
        """
        now = now or datetime.now(UTC)
        with self._db.uow() as uow:
            session = uow.session
            for old in session.scalars(self._active(session, now).where(
                    PickupCredential.resident_id == resident_id)):
                old.revoked_at = now
            waiting = session.scalars(select(Parcel.id).where(
                Parcel.resident_id == resident_id, Parcel.status.in_(WAITING_STATUSES))).all()
            if code is None:
                code, digest = self._new_code(session, now)
            else:
                digest = self._hasher.digest("pickup", code)
            credential = PickupCredential(
                kind=CredentialKind.PICKUP_CODE, resident_id=resident_id, secret_hash=digest, issued_at=now,
                expires_at=now + timedelta(days=self.policy.valid_days),
            )
            credential.parcels.extend(CredentialParcel(parcel_id=pid) for pid in waiting)
            session.add(credential)
            session.flush()
            eventlog.append(session, "credential.reissued", actor, subject_kind="credential",
                            subject_id=credential.id, kiosk=self._kiosk, at=now,
                            data={"resident_id": resident_id, "parcels": len(waiting)})
            uow.commit()
        return code

    def parcel_closed(self, session: Session, parcel_id: int, now: datetime) -> None:
        """Use up credentials whose every parcel has now left the room."""
        credential_ids = session.scalars(
            select(CredentialParcel.credential_id).where(CredentialParcel.parcel_id == parcel_id)
        ).all()
        for credential in session.scalars(self._active(session, now).where(
                PickupCredential.id.in_(credential_ids))):
            still_waiting = session.scalar(
                select(Parcel.id)
                .join(CredentialParcel, CredentialParcel.parcel_id == Parcel.id)
                .where(CredentialParcel.credential_id == credential.id, Parcel.id != parcel_id,
                       Parcel.status.in_(WAITING_STATUSES))
                .limit(1)
            )
            if still_waiting is None:
                credential.used_at = now

    # ------------------------------------------------------------------ verifying

    def lock_state(self, scope: str, now: datetime | None = None) -> datetime | None:
        return self._lockout.state(self._db, scope, now)

    def verify(self, code: str, scope: str, now: datetime | None = None) -> CredentialMatch:
        """Check a pickup code typed or scanned at the keypad identified by ``scope``."""
        now = now or datetime.now(UTC)
        cleaned = "".join(ch for ch in code if not ch.isspace())[:64]
        digest = self._hasher.digest("pickup", cleaned)
        with self._db.uow() as uow:
            session = uow.session
            lock = self._lockout.acquire(session, scope, now)
            credential = session.scalars(
                self._active(session, now).where(PickupCredential.secret_hash == digest)
            ).first()
            if credential is None or not self._hasher.matches("pickup", cleaned, credential.secret_hash):
                self._lockout.fail(session, lock, scope, now, {"length": len(cleaned)})
                uow.commit()
                self._raise_rejected(lock, now)
            resident = session.get(Resident, credential.resident_id)
            parcel_ids = tuple(session.scalars(
                select(Parcel.id)
                .join(CredentialParcel, CredentialParcel.parcel_id == Parcel.id)
                .where(CredentialParcel.credential_id == credential.id, Parcel.status.in_(WAITING_STATUSES))
                .order_by(Parcel.received_at)
            ).all())
            self._lockout.accept(lock)
            # The event-log head first, then the credential row: the order every release takes them
            # (event, then the code's use), so two kiosks on PostgreSQL cannot deadlock on the pair.
            eventlog.append(session, "credential.accepted",
                            Actor(ActorKind.RESIDENT, credential.resident_id, ""),
                            subject_kind="credential", subject_id=credential.id, kiosk=self._kiosk, at=now,
                            data={"scope": scope, "parcels": len(parcel_ids)})
            credential.uses += 1
            uow.commit()
            if resident is None:  # resident removed since; treat like any unknown code
                raise CredentialRejected(self.policy.max_attempts)
            return CredentialMatch(credential.id, resident.id, resident.display_name, resident.language,
                                   parcel_ids)

    def verify_badge(self, badge: str, scope: str, now: datetime | None = None) -> CredentialMatch:
        """A resident's fob or badge read at the kiosk: their waiting parcels, under the same lock-out as codes.

        The match carries ``credential_id`` 0: a fob is not a pickup code and uses none up."""
        now = now or datetime.now(UTC)
        cleaned = badge.strip()[:64]
        with self._db.uow() as uow:
            session = uow.session
            lock = self._lockout.acquire(session, scope, now)
            resident = session.scalar(select(Resident).where(Resident.badge_id == cleaned,
                                                             Resident.status == ResidentStatus.ACTIVE)) \
                if cleaned else None
            if resident is None:
                self._lockout.fail(session, lock, scope, now, {"length": len(cleaned), "kind": "badge"})
                uow.commit()
                self._raise_rejected(lock, now)
            parcel_ids = tuple(session.scalars(
                select(Parcel.id).where(Parcel.resident_id == resident.id, Parcel.status.in_(WAITING_STATUSES))
                .order_by(Parcel.received_at)).all())
            self._lockout.accept(lock)
            eventlog.append(session, "credential.badge_accepted", Actor(ActorKind.RESIDENT, resident.id, ""),
                            subject_kind="resident", subject_id=resident.id, kiosk=self._kiosk, at=now,
                            data={"scope": scope, "parcels": len(parcel_ids)})
            uow.commit()
            return CredentialMatch(0, resident.id, resident.display_name, resident.language, parcel_ids)

    # ------------------------------------------------------------------ lock-outs

    def _raise_rejected(self, lock: CredentialLockout, now: datetime) -> NoReturn:
        if self._lockout.locked(lock, now):
            assert lock.locked_until is not None
            raise KeypadLocked(lock.locked_until)
        raise CredentialRejected(self._lockout.attempts_left(lock))
