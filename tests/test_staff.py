"""Staff sign-in by PIN and badge, lock-out, roles, and the event log of it all."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kiosk import eventlog
from kiosk.persistence.models import Role
from kiosk.persistence.uow import Database
from kiosk.services.staff import PermissionDenied, SignInLocked, SignInRejected, StaffService
from tests.factories import make_building


@pytest.fixture
def staff(db: Database) -> StaffService:
    make_building(db)  # Sam Staff, PIN 1111
    return StaffService(db, max_attempts=3, lockout_seconds=60, kiosk_id="t")


def test_pin_signs_in_the_right_person(staff: StaffService) -> None:
    session = staff.sign_in_pin("1111", "pad")
    assert session.name == "Sam Staff" and session.role == Role.STAFF


def test_wrong_pins_lock_the_pad_and_are_logged(staff: StaffService, db: Database) -> None:
    now = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    for _ in range(2):
        with pytest.raises(SignInRejected):
            staff.sign_in_pin("9999", "pad", now=now)
    with pytest.raises(SignInLocked) as locked:
        staff.sign_in_pin("9999", "pad", now=now)
    assert locked.value.until == now + timedelta(seconds=60)
    with pytest.raises(SignInLocked):  # even the right PIN waits
        staff.sign_in_pin("1111", "pad", now=now + timedelta(seconds=30))
    assert staff.sign_in_pin("1111", "pad", now=now + timedelta(seconds=61)).name == "Sam Staff"
    with db.reader() as uow:
        kinds = [e.kind for e in eventlog.iter_events(uow.session)]
    assert kinds.count("staff.sign_in_failed") == 3
    assert "staff.sign_in_locked" in kinds and kinds[-1] == "staff.signed_in"


def test_roles_gate_actions(staff: StaffService) -> None:
    sam = staff.sign_in_pin("1111", "pad")
    with pytest.raises(PermissionDenied, match="admin"):
        staff.create(sam, "New Person", Role.STAFF, "4321")
    with pytest.raises(PermissionDenied, match="sign in"):
        StaffService.require(None, Role.STAFF)


def test_admin_creates_staff_with_unique_pin_and_badge_sign_in(staff: StaffService, db: Database) -> None:
    from kiosk.persistence.models import StaffUser
    from kiosk.security import hash_pin

    with db.uow() as uow:
        uow.session.add(StaffUser(name="Ada Admin", role=Role.ADMIN, pin_hash=hash_pin("8080")))
        uow.commit()
    ada = staff.sign_in_pin("8080", "pad")
    with pytest.raises(ValueError, match="already used"):
        staff.create(ada, "Copycat", Role.STAFF, "1111")
    created = staff.create(ada, "Bea Desk", Role.MANAGER, "5555", badge="BADGE-77")
    assert created.role == Role.MANAGER
    assert staff.sign_in_badge("BADGE-77").name == "Bea Desk"
    with pytest.raises(SignInRejected):
        staff.sign_in_badge("BADGE-00")
