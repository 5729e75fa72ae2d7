"""The weekly audit on a real SQLite room: the walk, every discrepancy kind, resolutions, sign-off, returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from kiosk.eventlog import Actor, verify
from kiosk.persistence.models import (
    ActorKind,
    AuditStatus,
    DiscrepancyKind,
    Event,
    Hold,
    HoldKind,
    ParcelStatus,
    Role,
    StaffUser,
)
from kiosk.persistence.uow import Database
from kiosk.security import hash_pin
from kiosk.services.audits import AuditError, AuditService
from kiosk.services.parcels import IntakeRequest
from kiosk.services.staff import PermissionDenied
from tests.factories import Building, make_building, ups_number, usps_number

T0 = datetime.now(UTC) - timedelta(hours=2)


@dataclass
class Room:
    building: Building
    audits: AuditService
    codes: dict[str, str]  # role in the scenario -> parcel code
    ids: dict[str, int]
    manager: Actor


def _intake(b: Building, who: str | None, shelf: str, at: datetime = T0) -> tuple[str, int]:
    resident = b.residents[who] if who else None
    result = b.parcels.intake(IntakeRequest(ups_number(), resident_id=resident, location_code=shelf), b.staff, now=at)
    return result.parcel.code, result.parcel.id


def add_manager(db: Database) -> Actor:
    with db.uow() as uow:
        manager = StaffUser(name="Mia Manager", role=Role.MANAGER, pin_hash=hash_pin("1357"))
        uow.session.add(manager)
        uow.session.flush()
        actor = Actor(ActorKind.STAFF, manager.id, manager.name)
        uow.commit()
    return actor


@pytest.fixture
def room(db: Database) -> Room:
    """A1 and A2 with one parcel of each discrepancy kind, and one that is just where it should be."""
    b = make_building(db)
    codes: dict[str, str] = {}
    ids: dict[str, int] = {}
    for role, who, shelf in [("ok", "101:Maria", "A1"), ("missing", "101:Pedro", "A1"),
                             ("misplaced", "202:Wei", "A2"), ("picked_up", "101:Maria", "A2"),
                             ("moved_out", "202:Old", "A2"), ("held", "202:Wei", "A2")]:
        codes[role], ids[role] = _intake(b, who, shelf)
    b.parcels.release(ids["picked_up"], b.staff, now=T0 + timedelta(minutes=5))
    with db.uow() as uow:
        uow.session.add(Hold(kind=HoldKind.PARCEL, parcel_id=ids["held"], starts_on=date.today() - timedelta(days=9),
                             ends_on=date.today() - timedelta(days=1), reason="away"))
        uow.commit()
    return Room(b, AuditService(db, b.parcels, kiosk_id="test"), codes, ids, add_manager(db))


def walk(room: Room) -> int:
    """The staff member's walk: A1 then A2, every parcel physically there scanned once."""
    audits, staff, codes = room.audits, room.building.staff, room.codes
    audit = audits.start(staff, now=T0 + timedelta(hours=1))
    for text in ["A1", codes["ok"], codes["misplaced"],
                 "A2", codes["picked_up"], codes["moved_out"], codes["held"], "9400TOTALLYUNKNOWN42"]:
        audits.scan(audit.id, text, staff)
    return audit.id


def test_the_audit_finds_every_kind_of_discrepancy_and_nothing_else(room: Room) -> None:
    audit_id = walk(room)
    result = room.audits.reconcile(audit_id, room.building.staff)
    found = {(d.kind, d.parcel_code or d.scanned_text) for d in result.discrepancies}
    c = room.codes
    assert found == {
        (DiscrepancyKind.MISSING, c["missing"]),
        (DiscrepancyKind.MISPLACED, c["misplaced"]),
        (DiscrepancyKind.NEVER_LOGGED, "9400TOTALLYUNKNOWN42"),
        (DiscrepancyKind.PICKED_UP_STILL_HERE, c["picked_up"]),
        (DiscrepancyKind.RECIPIENT_MOVED_OUT, c["moved_out"]),
        (DiscrepancyKind.HOLD_EXPIRED, c["held"]),
    }
    misplaced = next(d for d in result.discrepancies if d.kind == DiscrepancyKind.MISPLACED)
    assert (misplaced.expected_shelf, misplaced.found_shelf) == ("A2", "A1")
    assert result.audit.status is AuditStatus.RECONCILED
    assert result.unvisited_shelves == ()
    assert result.open == 6


def test_live_progress_per_shelf(room: Room) -> None:
    audits, staff, c = room.audits, room.building.staff, room.codes
    audit = audits.start(staff)
    first = audits.scan(audit.id, "a1", staff)
    assert first.kind == "shelf" and "2 parcel(s) expected" in first.message
    assert audits.scan(audit.id, c["ok"], staff).kind == "expected"
    assert audits.scan(audit.id, c["ok"], staff).kind == "again"
    assert audits.scan(audit.id, c["misplaced"], staff).kind == "misplaced"
    progress = audits.progress(audit.id)
    a1 = next(s for s in progress.shelves if s.code == "A1")
    a2 = next(s for s in progress.shelves if s.code == "A2")
    assert (a1.expected, a1.found, a1.extra, a1.visited) == (2, 1, 1, True)
    assert (a2.expected, a2.found, a2.visited) == (3, 0, False)  # misplaced, moved-out and held parcels
    assert progress.current_shelf == "A1"
    assert audits.get(audit.id).current_shelf == "A1"


def test_a_parcel_scan_before_any_shelf_is_refused(room: Room) -> None:
    audit = room.audits.start(room.building.staff)
    with pytest.raises(AuditError, match="shelf"):
        room.audits.scan(audit.id, room.codes["ok"], room.building.staff)


def test_only_one_audit_at_a_time(room: Room) -> None:
    room.audits.start(room.building.staff)
    with pytest.raises(AuditError, match="not finished"):
        room.audits.start(room.building.staff)


def test_move_it_updates_the_parcel_with_a_custody_transition_and_an_event(room: Room, db: Database) -> None:
    audit_id = walk(room)
    result = room.audits.reconcile(audit_id, room.building.staff)
    misplaced = next(d for d in result.discrepancies if d.kind == DiscrepancyKind.MISPLACED)
    done = room.audits.move_to_found(misplaced.id, room.building.staff)
    assert done.resolution_code == "moved" and not done.open
    parcel = room.building.parcels.get(room.ids["misplaced"])
    assert parcel.location_code == "A1"
    history = room.building.parcels.history(parcel.id)
    assert history[-1]["location"] == "A1" and "found on A1" in str(history[-1]["reason"])
    with db.reader() as uow:
        moved = uow.session.scalars(select(Event).where(Event.kind == "parcel.moved")).all()
        assert [(e.subject_id, e.data["from"], e.data["to"]) for e in moved] == [(parcel.id, "A2", "A1")]
        assert verify(uow.session).ok
    # reconciling again does not bring the resolved discrepancy back
    again = room.audits.reconcile(audit_id, room.building.staff)
    assert not any(d.kind == DiscrepancyKind.MISPLACED and d.open for d in again.discrepancies)


def test_sign_off_is_refused_while_a_discrepancy_is_open(room: Room) -> None:
    staff = room.building.staff
    audit_id = walk(room)
    with pytest.raises(AuditError, match="reconcile"):
        room.audits.sign_off(audit_id, staff)
    result = room.audits.reconcile(audit_id, staff)
    with pytest.raises(AuditError, match="6 discrepancy"):
        room.audits.sign_off(audit_id, staff)
    with pytest.raises(PermissionDenied, match="manager"):
        room.audits.sign_off(audit_id, staff, override_reason="in a hurry")
    for d in result.discrepancies[:-1]:
        room.audits.resolve(d.id, "record_corrected", "checked with the resident", staff)
    with pytest.raises(AuditError, match="1 discrepancy"):
        room.audits.sign_off(audit_id, staff)
    last = result.discrepancies[-1]
    with pytest.raises(AuditError, match="note"):
        room.audits.resolve(last.id, "other", " ", staff)
    with pytest.raises(AuditError, match="unknown resolution"):
        room.audits.resolve(last.id, "shrug", "", staff)
    room.audits.resolve(last.id, "other", "label was torn; relabelled", staff)
    signed = room.audits.sign_off(audit_id, staff, now=T0 + timedelta(hours=3))
    assert signed.status is AuditStatus.SIGNED_OFF
    assert signed.signed_off_by == "Sam Staff" and signed.signed_off_at == T0 + timedelta(hours=3)
    assert signed.override_reason == ""
    resolved = room.audits.discrepancies(audit_id)
    assert all(d.resolved_by == "Sam Staff" and d.resolved_at is not None for d in resolved)
    with pytest.raises(AuditError, match="already signed off"):
        room.audits.sign_off(audit_id, staff)
    with pytest.raises(AuditError, match="closed"):
        room.audits.resolve(last.id, "found", "", staff)


def test_a_manager_overrides_open_discrepancies_with_a_reason(room: Room, db: Database) -> None:
    audit_id = walk(room)
    room.audits.reconcile(audit_id, room.building.staff)
    with pytest.raises(AuditError, match="open"):
        room.audits.sign_off(audit_id, room.manager, override_reason="  ")
    signed = room.audits.sign_off(audit_id, room.manager, override_reason="carrier investigating the missing one")
    assert signed.signed_off_by == "Mia Manager"
    assert signed.override_reason == "carrier investigating the missing one"
    with db.reader() as uow:
        kinds = [e.kind for e in uow.session.scalars(select(Event).where(Event.subject_kind == "audit")
                                                     .order_by(Event.seq))]
        signed_event = uow.session.scalars(select(Event).where(Event.kind == "audit.signed_off")).one()
        assert signed_event.data["open_discrepancies"] == 6 and signed_event.actor_label == "Mia Manager"
    assert kinds[0] == "audit.started" and kinds[-2:] == ["audit.reconciled", "audit.signed_off"]
    assert kinds.count("audit.shelf_scanned") == 2 and kinds.count("audit.parcel_scanned") == 6


def test_wrong_recipient_is_flagged_by_staff(room: Room) -> None:
    audit_id = walk(room)
    flagged = room.audits.flag(audit_id, room.codes["ok"], DiscrepancyKind.WRONG_RECIPIENT,
                               "label says unit 303", room.building.staff)
    assert flagged.kind is DiscrepancyKind.WRONG_RECIPIENT and flagged.open
    result = room.audits.reconcile(audit_id, room.building.staff)
    assert sum(d.kind == DiscrepancyKind.WRONG_RECIPIENT for d in result.discrepancies) == 1


def test_a_parcel_received_during_the_walk_is_not_missing(room: Room) -> None:
    staff = room.building.staff
    audit = room.audits.start(staff)
    late_code, _ = _intake(room.building, "101:Maria", "A1", at=datetime.now(UTC) + timedelta(seconds=1))
    result = room.audits.reconcile(audit.id, staff)
    missing = {d.parcel_code for d in result.discrepancies if d.kind == DiscrepancyKind.MISSING}
    assert late_code not in missing
    assert room.codes["ok"] in missing  # nothing was scanned: the others are missing
    assert set(result.unvisited_shelves) == {"A1", "A2"}


def test_unclaimed_groups_and_the_pull_for_return_session(db: Database) -> None:
    b = make_building(db)
    now = datetime.now(UTC)
    ages = {"fresh": 1, "d4": 4, "d7": 7, "d10": 10, "d15": 15, "d30": 30, "held40": 40}
    ids: dict[str, int] = {}
    for name, days in ages.items():
        result = b.parcels.intake(IntakeRequest(usps_number(), resident_id=b.residents["101:Maria" if name != "held40"
                                                                                       else "202:Wei"]),
                                  b.staff, now=now - timedelta(days=days, minutes=5))
        ids[name] = result.parcel.id
    with db.uow() as uow:
        uow.session.add(Hold(kind=HoldKind.VACATION, resident_id=b.residents["202:Wei"],
                             starts_on=date.today() - timedelta(days=3), ends_on=date.today() + timedelta(days=3)))
        uow.commit()
    audits = AuditService(db, b.parcels)
    report = audits.unclaimed(now=now, return_after_days=15)
    by_group = {label: sorted(p.days for p in parcels) for label, parcels in report.groups}
    assert by_group == {"3–7 days": [4], "7–15 days": [7, 10], "15+ days": [15, 30, 40]}
    assert sorted(p.days for p in report.return_to_sender) == [15, 30]  # the held one stays
    held = next(p for p in report.groups[2][1] if p.days == 40)
    assert held.on_hold

    result = audits.return_parcels([p.id for p in report.return_to_sender] + [ids["d15"]], b.staff, now=now)
    assert len(result.returned) == 2
    assert [pid for pid, _ in result.refused] == [ids["d15"]]  # already returned a moment ago
    assert b.parcels.get(ids["d30"]).status is ParcelStatus.RETURNED
    assert audits.unclaimed(now=now).return_to_sender == ()
