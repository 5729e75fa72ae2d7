"""The door's custody record: holds keep parcels at the desk, an opening is logged before the
releases, a parcel released elsewhere meanwhile is skipped, and failures are logged for staff."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from kiosk import eventlog
from kiosk.persistence.models import ActorKind, Event, Hold, HoldKind, ParcelStatus
from kiosk.persistence.uow import Database
from kiosk.services.doors import DoorService
from kiosk.services.parcels import IntakeRequest
from tests.factories import Building, make_building, ups_number


def _intake(building: Building, who: str) -> int:
    request = IntakeRequest(ups_number(), resident_id=building.residents[who])
    return building.parcels.intake(request, building.staff).parcel.id


def _events(db: Database, kind: str) -> list[tuple[int, ActorKind, int | None, dict[str, object]]]:
    with db.reader() as uow:
        return [(e.seq, ActorKind(e.actor_kind), e.actor_id, dict(e.data)) for e in
                uow.session.scalars(select(Event).where(Event.kind == kind).order_by(Event.seq))]


def test_held_finds_parcel_and_vacation_holds_that_are_in_force(db: Database) -> None:
    building = make_building(db)
    maria = [_intake(building, "101:Maria") for _ in range(4)]
    pedro = [_intake(building, "101:Pedro") for _ in range(2)]
    today = date(2025, 3, 10)
    with db.uow() as uow:
        uow.session.add_all([
            Hold(kind=HoldKind.PARCEL, parcel_id=maria[0], starts_on=today),  # in force
            Hold(kind=HoldKind.PARCEL, parcel_id=maria[1], starts_on=today + timedelta(days=1)),  # not yet
            Hold(kind=HoldKind.PARCEL, parcel_id=maria[2], starts_on=today - timedelta(days=9),
                 ends_on=today - timedelta(days=1)),  # over
            Hold(kind=HoldKind.PARCEL, parcel_id=maria[3], starts_on=today - timedelta(days=1),
                 released_at=datetime.now(UTC)),  # released
            Hold(kind=HoldKind.VACATION, resident_id=building.residents["101:Pedro"],
                 starts_on=today - timedelta(days=2), ends_on=today),  # last day
        ])
        uow.commit()
    doors = DoorService(db, building.parcels)
    assert doors.held([*maria, *pedro], today=today) == frozenset({maria[0], *pedro})
    assert doors.held([maria[1], maria[2], maria[3]], today=today) == frozenset()
    assert doors.held([], today=today) == frozenset()


def test_opening_is_logged_then_parcels_released_skipping_one_gone_elsewhere(db: Database) -> None:
    building = make_building(db, kiosk_id="k1")
    ids = [_intake(building, "101:Maria") for _ in range(3)]
    code = building.credentials.reissue(building.residents["101:Maria"], building.staff, code="135790")
    match = building.credentials.verify(code, "keypad:k1")
    building.parcels.release(ids[1], building.staff)  # handed over at the desk a moment ago
    doors = DoorService(db, building.parcels, kiosk_id="k1")

    opening = doors.record_unlocked(match, ids, scope="keypad:k1", pulse_seconds=5.0)

    assert sorted(opening.released) == sorted(building.parcels.get(i).code for i in (ids[0], ids[2]))
    assert [ref for ref, _reason in opening.not_released] == [f"#{ids[1]}"]
    [(seq, kind, actor_id, data)] = _events(db, "door.unlocked")
    assert (seq, kind, actor_id) == (opening.event_seq, ActorKind.RESIDENT, match.resident_id)
    assert data["parcel_ids"] == ids and data["scope"] == "keypad:k1"
    picked = [e for e in _events(db, "parcel.picked_up") if e[1] == ActorKind.RESIDENT]
    assert len(picked) == 2 and all(e[0] > seq for e in picked)
    assert all(building.parcels.get(i).status == ParcelStatus.PICKED_UP for i in ids)
    with db.reader() as uow:
        assert eventlog.verify(uow.session).ok


def test_unlock_failure_is_logged_and_releases_nothing(db: Database) -> None:
    building = make_building(db)
    ids = [_intake(building, "202:Wei")]
    code = building.credentials.reissue(building.residents["202:Wei"], building.staff, code="975310")
    match = building.credentials.verify(code, "keypad:test")
    seq = DoorService(db, building.parcels).record_unlock_failed(
        match, ids, scope="keypad:test", error="The door cannot be opened: its controller is offline (x)")
    [(logged_seq, kind, actor_id, data)] = _events(db, "door.unlock_failed")
    assert (logged_seq, kind, actor_id) == (seq, ActorKind.RESIDENT, match.resident_id)
    assert "offline" in str(data["error"])
    assert building.parcels.get(ids[0]).status.is_waiting


def test_log_unlocked_records_the_opening_and_releases_nothing(db: Database) -> None:
    """The kiosk logs the opening alone; the resident then confirms what they took (test_pickup_confirm)."""
    building = make_building(db, kiosk_id="k1")
    ids = [_intake(building, "101:Maria") for _ in range(2)]
    code = building.credentials.reissue(building.residents["101:Maria"], building.staff, code="135790")
    match = building.credentials.verify(code, "keypad:k1")

    seq = DoorService(db, building.parcels, kiosk_id="k1").log_unlocked(match, ids, scope="keypad:k1",
                                                                        pulse_seconds=5.0)

    [(logged_seq, kind, actor_id, data)] = _events(db, "door.unlocked")
    assert (logged_seq, kind, actor_id) == (seq, ActorKind.RESIDENT, match.resident_id)
    assert data["parcel_ids"] == ids
    assert _events(db, "parcel.picked_up") == []
    assert all(building.parcels.get(i).status.is_waiting for i in ids)
