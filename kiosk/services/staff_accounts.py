"""Staff accounts, for admins: add, reset a PIN, change a role, deactivate and reactivate.

PINs are stored only as Argon2id hashes (:func:`kiosk.security.hash_pin`) and must differ from
every other active account's PIN, because sign-in finds the staff member by PIN alone. The site
always keeps one active admin: the last one can be neither demoted nor deactivated, and nobody
deactivates their own account. Every change is logged with the admin who made it; the event never
holds a PIN or its hash.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk import eventlog
from kiosk.persistence.models import Role, StaffUser
from kiosk.persistence.uow import Database
from kiosk.security import hash_pin, verify_pin
from kiosk.services.access import require
from kiosk.services.staff import StaffInfo, StaffService, StaffSession

log = logging.getLogger(__name__)


class StaffAccountError(ValueError):
    """A change to a staff account was refused; the message is fit to show the admin."""


def check_pin(pin: str) -> str:
    pin = (pin or "").strip()
    if not (pin.isdigit() and 4 <= len(pin) <= 12):
        raise StaffAccountError("a PIN is 4 to 12 digits")
    return pin


class StaffAccountService:
    def __init__(self, db: Database, staff: StaffService, kiosk_id: str = "") -> None:
        self._db = db
        self._staff = staff
        self._kiosk = kiosk_id

    def list(self, by: StaffSession) -> list[StaffInfo]:
        require(by, Role.ADMIN, "manage staff accounts")
        return self._staff.list_staff()

    def create(self, by: StaffSession, name: str, role: Role, pin: str, badge: str | None = None) -> StaffInfo:
        require(by, Role.ADMIN, "add staff accounts")
        check_pin(pin)
        try:
            return self._staff.create(by, name, Role(role), pin.strip(), (badge or "").strip() or None)
        except ValueError as exc:
            raise StaffAccountError(str(exc)) from None

    def reset_pin(self, by: StaffSession, staff_id: int, pin: str, now: datetime | None = None) -> StaffInfo:
        """Give the staff member a new PIN (and lift any sign-in lock on their account)."""
        require(by, Role.ADMIN, "reset PINs")
        pin = check_pin(pin)
        now = now or datetime.now(UTC)
        with self._db.uow() as uow:
            session = uow.session
            staff = self._get(session, staff_id)
            self._pin_is_free(session, staff_id, pin)
            staff.pin_hash = hash_pin(pin)
            staff.failed_attempts = 0
            staff.locked_until = None
            self._event(session, "staff.pin_reset", by, staff, now, {})
            info = self._info(staff)
            uow.commit()
        return info

    def set_role(self, by: StaffSession, staff_id: int, role: Role, now: datetime | None = None) -> StaffInfo:
        require(by, Role.ADMIN, "change staff roles")
        role = Role(role)
        now = now or datetime.now(UTC)
        with self._db.uow() as uow:
            session = uow.session
            staff = self._get(session, staff_id)
            before = Role(staff.role)
            if before == role:
                return self._info(staff)
            if before == Role.ADMIN and staff.active:
                self._keep_an_admin(session, staff)
            staff.role = role
            self._event(session, "staff.role_changed", by, staff, now, {"from": before.value, "to": role.value})
            info = self._info(staff)
            uow.commit()
        return info

    def deactivate(self, by: StaffSession, staff_id: int, now: datetime | None = None) -> StaffInfo:
        """The account can no longer sign in (its history stays)."""
        require(by, Role.ADMIN, "deactivate staff accounts")
        now = now or datetime.now(UTC)
        with self._db.uow() as uow:
            session = uow.session
            staff = self._get(session, staff_id)
            if not staff.active:
                return self._info(staff)
            if staff.id == by.staff_id:
                raise StaffAccountError("you cannot deactivate your own account")
            if staff.role == Role.ADMIN:
                self._keep_an_admin(session, staff)
            staff.active = False
            self._event(session, "staff.deactivated", by, staff, now, {})
            info = self._info(staff)
            uow.commit()
        return info

    def reactivate(self, by: StaffSession, staff_id: int, pin: str, now: datetime | None = None) -> StaffInfo:
        """Let the account sign in again, with a new PIN (the old one may have gone to someone else)."""
        require(by, Role.ADMIN, "reactivate staff accounts")
        pin = check_pin(pin)
        now = now or datetime.now(UTC)
        with self._db.uow() as uow:
            session = uow.session
            staff = self._get(session, staff_id)
            if staff.active:
                return self._info(staff)
            self._pin_is_free(session, staff_id, pin)
            staff.pin_hash = hash_pin(pin)
            staff.failed_attempts = 0
            staff.locked_until = None
            staff.active = True
            self._event(session, "staff.reactivated", by, staff, now, {})
            info = self._info(staff)
            uow.commit()
        return info

    @staticmethod
    def _pin_is_free(session: Session, staff_id: int, pin: str) -> None:
        for other in session.scalars(select(StaffUser).where(StaffUser.active.is_(True), StaffUser.id != staff_id)):
            if verify_pin(other.pin_hash, pin):
                raise StaffAccountError("that PIN is already used by someone else; choose another")

    @staticmethod
    def _keep_an_admin(session: Session, staff: StaffUser) -> None:
        others = session.scalar(select(func.count()).select_from(StaffUser).where(
            StaffUser.role == Role.ADMIN, StaffUser.active.is_(True), StaffUser.id != staff.id)) or 0
        if not others:
            raise StaffAccountError(f"{staff.name} is the only active admin; make someone else admin first")

    @staticmethod
    def _get(session: Session, staff_id: int) -> StaffUser:
        staff = session.get(StaffUser, staff_id, with_for_update=True)
        if staff is None:
            raise StaffAccountError(f"no staff account with id {staff_id}")
        return staff

    @staticmethod
    def _info(staff: StaffUser) -> StaffInfo:
        return StaffInfo(staff.id, staff.name, Role(staff.role), staff.active, bool(staff.badge_id))

    def _event(self, session: Session, kind: str, by: StaffSession, staff: StaffUser, now: datetime,
               data: dict[str, Any]) -> None:
        eventlog.append(session, kind, by.actor, subject_kind="staff", subject_id=staff.id, kiosk=self._kiosk,
                        at=now, data={"name": staff.name, "role": Role(staff.role).value, **data})
