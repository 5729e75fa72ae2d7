"""Carrier codes and passes over a real SQLite file: hours, expiry, revocation, single use, lock-out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from sqlalchemy import select

from kiosk import eventlog
from kiosk.persistence.models import ActorKind, CarrierAccess, Event, ParcelStatus, Role, StaffUser
from kiosk.persistence.uow import Database
from kiosk.security import hash_pin
from kiosk.services.carrier_access import (
    CarrierAccessError,
    CarrierAccessPolicy,
    CarrierAccessService,
    CarrierCodeRejected,
    OutsideHours,
    UnitChoice,
    carrier_code_length,
    frame_png,
)
from kiosk.services.credentials import KeypadLocked, load_hasher
from kiosk.services.staff import PermissionDenied, StaffService, StaffSession
from tests.factories import Building, make_building, ups_number

TZ = ZoneInfo("America/New_York")
SCOPE = "carrier:test-kiosk"
ALL_DAY_HOURS = ("00:00", "24:00")


def local(hour: int, minute: int = 0, day: int = 14) -> datetime:
    """An instant at ``hour:minute`` in the building's time zone (winter: UTC-5)."""
    return datetime(2026, 1, day, hour, minute, tzinfo=TZ).astimezone(UTC)


@dataclass(frozen=True)
class Logged:
    seq: int
    kind: str
    actor_kind: ActorKind
    actor_id: int | None
    actor_label: str
    data: dict[str, Any]


def events(db: Database, kind: str) -> list[Logged]:
    with db.reader() as uow:
        return [Logged(e.seq, e.kind, ActorKind(e.actor_kind), e.actor_id, e.actor_label, dict(e.data or {}))
                for e in uow.session.scalars(select(Event).where(Event.kind == kind).order_by(Event.seq))]


def manager(db: Database) -> StaffSession:
    with db.uow() as uow:
        uow.session.add(StaffUser(name="Morgan Manager", role=Role.MANAGER, pin_hash=hash_pin("2468")))
        uow.commit()
    return StaffService(db).sign_in_pin("2468", "test:manager")


@pytest.fixture
def building(db: Database) -> Building:
    return make_building(db)


@pytest.fixture
def service(db: Database, building: Building, tmp_path: Path) -> CarrierAccessService:
    return CarrierAccessService(db, load_hasher(db), TZ, parcels=building.parcels, kiosk_id="test-kiosk",
                                policy=CarrierAccessPolicy(max_attempts=3, lockout_seconds=30),
                                snapshot_dir=tmp_path / "carrier-snapshots")


def test_standing_code_opens_only_within_its_hours_in_local_time(db: Database, service: CarrierAccessService) -> None:
    issued = service.issue_code(manager(db), "UPS", "Morning route", ("07:00", "12:00"), now=local(6))
    assert len(issued.code) == 8 and issued.code.isdigit()
    match = service.verify(issued.code, SCOPE, now=local(9, 30))
    assert (match.carrier, match.label, match.single_use) == ("UPS", "Morning route", False)
    # 06:59 and 12:00 local are outside, though 12:00 local is 17:00 UTC
    for at in (local(6, 59), local(12), local(22)):
        with pytest.raises(OutsideHours) as refused:
            service.verify(issued.code, SCOPE, now=at)
        assert "07:00 to 12:00" in str(refused.value)
        service.verify(issued.code, SCOPE, now=local(8))  # resets the failure count
    refusals = events(db, "carrier.rejected")
    assert [e.data["reason"] for e in refusals] == ["outside_hours"] * 3
    assert all(e.actor_kind == ActorKind.CARRIER and e.data["carrier"] == "UPS" for e in refusals)
    assert refusals[0].data["local_time"] == "06:59"
    assert len(events(db, "carrier.accepted")) == 4


def test_hours_may_wrap_midnight(db: Database, service: CarrierAccessService) -> None:
    issued = service.issue_code(manager(db), "Night Freight", "overnight", ("22:00", "06:00"), now=local(12))
    service.verify(issued.code, SCOPE, now=local(23))
    service.verify(issued.code, SCOPE, now=local(5, 59))
    with pytest.raises(OutsideHours):
        service.verify(issued.code, SCOPE, now=local(6))


def test_only_a_keyed_hash_is_stored_and_the_code_is_given_once(db: Database, service: CarrierAccessService) -> None:
    issued = service.issue_code(manager(db), "FedEx", "Driver 12", now=local(8))
    with db.reader() as uow:
        row = uow.session.get(CarrierAccess, issued.info.id)
        assert row is not None and issued.code not in row.code_hash and len(row.code_hash) == 64
    listed = service.codes(now=local(8))
    assert [(c.carrier, c.label, c.status) for c in listed] == [("FedEx", "Driver 12", "active")]
    assert not any(issued.code in str(value) for value in vars(listed[0]).values())
    [event] = events(db, "carrier.code_issued")
    assert issued.code not in str(event.data) and event.actor_kind == ActorKind.STAFF
    # the same digits are not a pickup code, and a pickup code is not a carrier code
    assert carrier_code_length(6) == 8 and carrier_code_length(8) == 9


def test_revoked_and_expired_codes_are_refused_with_the_neutral_message(db: Database,
                                                                      service: CarrierAccessService) -> None:
    boss = manager(db)
    revoked = service.issue_code(boss, "UPS", "old route", now=local(8))
    expiring = service.issue_code(boss, "UPS", "holiday helper", expires_at=local(10), now=local(8))
    service.verify(expiring.code, SCOPE, now=local(9))
    info = service.revoke(boss, revoked.info.id, now=local(8, 30))
    assert info.status == "revoked"
    with pytest.raises(CarrierCodeRejected) as first:
        service.verify(revoked.code, SCOPE, now=local(9))
    with pytest.raises(CarrierCodeRejected) as second:
        service.verify(expiring.code, SCOPE, now=local(11))
    assert not isinstance(first.value, OutsideHours) and str(first.value) == str(second.value)
    assert "not accepted" in str(first.value)
    assert [e.data["reason"] for e in events(db, "carrier.rejected")] == ["revoked", "expired"]
    assert [e.data["label"] for e in events(db, "carrier.code_revoked")] == ["old route"]
    statuses = {c.label: c.status for c in service.codes(now=local(11))}
    assert statuses == {"old route": "revoked", "holiday helper": "expired"}


def test_single_use_pass_opens_once_and_ends_with_the_local_day(db: Database, service: CarrierAccessService) -> None:
    boss = manager(db)
    issued = service.issue_pass(boss, "Amazon", now=local(9))
    assert issued.info.single_use and issued.info.expires_at == datetime(2026, 1, 15, tzinfo=TZ)
    match = service.verify(issued.code, SCOPE, now=local(23, 30))
    assert match.single_use
    with pytest.raises(CarrierCodeRejected):
        service.verify(issued.code, SCOPE, now=local(23, 31))
    assert events(db, "carrier.rejected")[-1].data["reason"] == "used"
    unused = service.issue_pass(boss, "Amazon", "second van", now=local(9))
    with pytest.raises(CarrierCodeRejected):
        service.verify(unused.code, SCOPE, now=local(0, 5, day=15))
    assert events(db, "carrier.rejected")[-1].data["reason"] == "expired"
    assert [e.kind for e in events(db, "carrier.pass_issued")] == ["carrier.pass_issued"] * 2


def test_wrong_codes_lock_this_kiosks_keypad_only(db: Database, service: CarrierAccessService) -> None:
    issued = service.issue_code(manager(db), "USPS", "Mail carrier", now=local(8))
    for attempt in range(2):
        with pytest.raises(CarrierCodeRejected) as refused:
            service.verify("00000000", SCOPE, now=local(9))
        assert refused.value.attempts_left == 2 - attempt
    with pytest.raises(KeypadLocked):
        service.verify("11111111", SCOPE, now=local(9))
    with pytest.raises(KeypadLocked):  # even the right code, while locked
        service.verify(issued.code, SCOPE, now=local(9, 0))
    assert service.lock_state(SCOPE, now=local(9)) is not None
    service.verify(issued.code, "carrier:other-kiosk", now=local(9))  # another kiosk is not locked
    service.verify(issued.code, SCOPE, now=local(9, 1))  # after the lock-out
    assert len(events(db, "carrier.keypad_locked")) == 1
    assert len(events(db, "carrier.attempt_while_locked")) == 1
    unknown = events(db, "carrier.rejected")
    assert all(e.actor_kind == ActorKind.SYSTEM and e.data["reason"] == "unknown" for e in unknown)
    with db.reader() as uow:
        assert eventlog.verify(uow.session).ok


def test_only_managers_issue_and_revoke(db: Database, building: Building, service: CarrierAccessService) -> None:
    staff = StaffService(db).sign_in_pin("1111", "t")
    with pytest.raises(PermissionDenied):
        service.issue_code(staff, "UPS", "route")
    boss = manager(db)
    issued = service.issue_code(boss, "UPS", "route")
    with pytest.raises(PermissionDenied):
        service.revoke(staff, issued.info.id)
    for carrier, label, hours in (("", "route", ALL_DAY_HOURS), ("UPS", " ", ALL_DAY_HOURS),
                                  ("UPS", "route", ("7am", "21:00")), ("UPS", "route", ("07:00", "25:00"))):
        with pytest.raises(CarrierAccessError):
            service.issue_code(boss, carrier, label, hours)
    with pytest.raises(CarrierAccessError):
        service.issue_pass(boss, "UPS", expires_at=datetime.now(UTC) - timedelta(minutes=1))
    assert len(service.codes()) == 1


def test_carrier_intake_names_the_carrier_and_finds_the_resident(db: Database, building: Building,
                                                                  service: CarrierAccessService) -> None:
    issued = service.issue_code(manager(db), "UPS", "route", ALL_DAY_HOURS)
    match = service.verify(issued.code, SCOPE)
    units = service.units()
    assert [u.number for u in units] == ["101", "202"]
    wei = service.intake(match, ups_number(), UnitChoice("202", ""))
    assert wei.result.parcel.resident_id == building.residents["202:Wei"] and not wei.result.parcel.needs_attention
    shared = service.intake(match, ups_number(), UnitChoice("101", ""))  # two residents live in 101
    assert shared.result.parcel.needs_attention and "unit 101" in shared.result.parcel.attention_reason
    received = events(db, "parcel.received")
    assert {(e.actor_kind, e.actor_id, e.actor_label) for e in received} == {(ActorKind.CARRIER,
                                                                                 match.carrier_id, "UPS")}
    assert building.parcels.get(wei.result.parcel.id).status == ParcelStatus.RECEIVED
    seq = service.finish_visit(match, 2, False)
    assert events(db, "carrier.visit_finished")[0].seq == seq


def test_snapshot_is_a_png_file_named_in_the_event_log(db: Database, service: CarrierAccessService,
                                                       tmp_path: Path) -> None:
    issued = service.issue_pass(manager(db), "DHL")
    match = service.verify(issued.code, SCOPE)
    frame = np.zeros((48, 64, 3), dtype=np.uint8)
    frame[:, :, 2] = 255  # red, in OpenCV's BGR order
    path = service.record_snapshot(match, frame_png(frame))
    assert path.parent == tmp_path / "carrier-snapshots" and path.read_bytes().startswith(b"\x89PNG")
    [event] = events(db, "carrier.snapshot")
    assert event.data["file"].endswith(path.name) and event.actor_kind == ActorKind.CARRIER
    from PIL import Image
    assert Image.open(path).getpixel((0, 0)) == (255, 0, 0)


def test_door_openings_are_logged_for_the_carrier(db: Database, service: CarrierAccessService) -> None:
    issued = service.issue_code(manager(db), "UPS", "route", ALL_DAY_HOURS)
    match = service.verify(issued.code, SCOPE, now=local(9) + timedelta(seconds=1))
    service.record_unlocked(match, scope=SCOPE, pulse_seconds=5)
    service.record_unlock_failed(match, scope=SCOPE, error="relay offline")
    [opened] = events(db, "door.unlocked")
    assert opened.actor_kind == ActorKind.CARRIER and opened.data["reason"] == "carrier drop-off"
    assert events(db, "door.unlock_failed")[0].data["error"] == "relay offline"


def test_printed_slip_shows_the_code_and_is_logged(db: Database, service: CarrierAccessService) -> None:
    boss = manager(db)
    issued = service.issue_code(boss, "UPS", "Morning route", ("07:00", "12:00"))
    image = service.code_slip(boss, issued, "Test Towers", width_dots=384)
    assert image.width == 384 and 150 < image.height < 600 and image.mode == "1"
    [printed] = events(db, "carrier.code_printed")
    assert printed.actor_kind == ActorKind.STAFF and issued.code not in str(printed.data)
    with pytest.raises(PermissionDenied):
        service.code_slip(StaffService(db).sign_in_pin("1111", "t"), issued, "Test Towers")
