"""Intake, custody and release of parcels over a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from kiosk import eventlog
from kiosk.persistence.models import OutboxMessage, ParcelStatus, SizeClass
from kiosk.persistence.uow import Database
from kiosk.services import parcels as parcels_module
from kiosk.services.credentials import CredentialRejected
from kiosk.services.parcels import (
    DuplicateParcel,
    IntakeRequest,
    NotYourParcel,
    ParcelError,
    ParcelNotWaiting,
    ParcelService,
)
from tests.factories import Building, make_building, ups_number, usps_number


@pytest.fixture
def building(db: Database) -> Building:
    return make_building(db)


def test_intake_saves_parcel_with_carrier_shelf_code_and_notices(building: Building) -> None:
    maria = building.residents["101:Maria"]
    number = ups_number()
    result = building.parcels.intake(IntakeRequest(number.lower(), resident_id=maria), building.staff)
    parcel = result.parcel
    assert parcel.tracking_number == number
    assert parcel.carrier == "ups" and result.tracking_valid
    assert parcel.status == ParcelStatus.RECEIVED
    assert parcel.recipient == "Maria G." and parcel.unit == "101"
    assert parcel.location_code in {"A1", "A2"}
    assert result.pickup_code is not None and len(result.pickup_code) == 6
    assert result.notices_queued == 2  # e-mail and SMS, as Maria chose
    history = building.parcels.history(parcel.id)
    assert [h["to"] for h in history] == [ParcelStatus.RECEIVED]
    assert history[0]["actor"] == "Sam Staff"


def test_notices_follow_the_residents_channels(building: Building, db: Database) -> None:
    result = building.parcels.intake(IntakeRequest(ups_number(), resident_id=building.residents["202:Wei"]),
                                     building.staff)
    with db.reader() as uow:
        channels = uow.session.scalars(select(OutboxMessage.channel)).all()
    assert result.notices_queued == 1 and [c.value for c in channels] == ["sms"]


def test_second_parcel_joins_the_open_code(building: Building) -> None:
    maria = building.residents["101:Maria"]
    first = building.parcels.intake(IntakeRequest(ups_number(), resident_id=maria), building.staff)
    second = building.parcels.intake(IntakeRequest(usps_number(), resident_id=maria), building.staff)
    assert second.pickup_code is None
    match = building.credentials.verify(first.pickup_code or "", "keypad:test")
    assert set(match.parcel_ids) == {first.parcel.id, second.parcel.id}


def test_duplicate_tracking_number_is_refused_while_waiting(building: Building) -> None:
    number = ups_number()
    building.parcels.intake(IntakeRequest(number, resident_id=building.residents["101:Maria"]), building.staff)
    with pytest.raises(DuplicateParcel, match="already in the room"):
        building.parcels.intake(IntakeRequest(number, resident_id=building.residents["101:Maria"]),
                                building.staff)


def test_reused_tracking_number_after_pickup_is_accepted_with_a_warning(building: Building) -> None:
    number = ups_number()
    maria = building.residents["101:Maria"]
    first = building.parcels.intake(IntakeRequest(number, resident_id=maria), building.staff)
    building.parcels.release(first.parcel.id, building.staff, for_resident_id=maria)
    again = building.parcels.intake(IntakeRequest(number, resident_id=maria), building.staff)
    assert again.picked_up_before
    assert any("picked up before" in w for w in again.warnings)


def test_unknown_recipient_and_moved_out_go_to_needs_attention(building: Building) -> None:
    unknown = building.parcels.intake(IntakeRequest(ups_number()), building.staff)
    moved = building.parcels.intake(IntakeRequest(ups_number(), resident_id=building.residents["202:Old"]),
                                    building.staff)
    attention = {p.id: p.attention_reason for p in building.parcels.needing_attention()}
    assert attention == {unknown.parcel.id: "recipient unknown", moved.parcel.id: "recipient moved out"}
    assert unknown.pickup_code is None and unknown.notices_queued == 0


def test_shelf_rules_perishable_to_fridge_oversized_to_oversize_and_scanned_shelf(building: Building) -> None:
    maria = building.residents["101:Maria"]
    cold = building.parcels.intake(IntakeRequest(ups_number(), resident_id=maria, perishable=True),
                                   building.staff)
    big = building.parcels.intake(IntakeRequest(ups_number(), resident_id=maria, size=SizeClass.EXTRA_LARGE),
                                  building.staff)
    chosen = building.parcels.intake(IntakeRequest(ups_number(), resident_id=maria, location_code="a2"),
                                     building.staff)
    assert cold.parcel.location_code == "FRIDGE"
    assert big.parcel.location_code == "OVERSIZE" and big.parcel.oversized
    assert chosen.parcel.location_code == "A2"
    with pytest.raises(ParcelError, match="not a known storage location"):
        building.parcels.intake(IntakeRequest(ups_number(), resident_id=maria, location_code="Z9"),
                                building.staff)


def test_least_full_shelf_is_proposed(building: Building) -> None:
    maria = building.residents["101:Maria"]
    shelves = [building.parcels.intake(IntakeRequest(ups_number(), resident_id=maria), building.staff)
               .parcel.location_code for _ in range(4)]
    assert sorted(shelves) == ["A1", "A1", "A2", "A2"]


def test_parcels_another_kiosk_puts_on_a_shelf_count_once_the_shelf_count_is_renewed(
        building: Building, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each kiosk keeps its count of parcels per shelf (counting them at every intake would walk every
    waiting parcel); the count is renewed after SHELF_COUNT_MAX_AGE, so another kiosk's intakes and
    pickups steer this kiosk's proposals from then on."""
    maria = building.residents["101:Maria"]
    here = building.parcels
    assert here.intake(IntakeRequest(ups_number(), resident_id=maria), building.staff).parcel.location_code == "A1"
    other = ParcelService(building.db, building.credentials, kiosk_id="other-kiosk")
    for _ in range(3):
        other.intake(IntakeRequest(ups_number(), resident_id=maria, location_code="A2"), building.staff)
    # Within the count's age: this kiosk knows only its own parcel on A1.
    assert here.intake(IntakeRequest(ups_number(), resident_id=maria), building.staff).parcel.location_code == "A2"
    monkeypatch.setattr(parcels_module, "SHELF_COUNT_MAX_AGE", 0.0)
    # Renewed: A2 holds four now, A1 one, so A1 it is.
    assert here.intake(IntakeRequest(ups_number(), resident_id=maria), building.staff).parcel.location_code == "A1"


def test_searching_by_code_or_last_digits_keeps_to_the_list_shown(building: Building) -> None:
    maria, wei = building.residents["101:Maria"], building.residents["202:Wei"]
    cold = building.parcels.intake(IntakeRequest(ups_number(), resident_id=maria, perishable=True),
                                   building.staff).parcel
    unknown = building.parcels.intake(IntakeRequest(usps_number()), building.staff).parcel  # needs attention
    gone = building.parcels.intake(IntakeRequest(ups_number(), resident_id=wei), building.staff).parcel
    building.parcels.release(gone.id, building.staff)
    search = building.parcels.search
    for parcel, lists in ((cold, {"waiting", "perishable", "all"}), (unknown, {"waiting", "attention", "all"}),
                          (gone, {"closed", "all"})):
        for name in ("waiting", "attention", "perishable", "closed", "all"):
            for text in (parcel.code, parcel.tracking_number, parcel.tracking_number[-5:]):
                found = [p.id for p in search(text, status=name)]
                assert (parcel.id in found) == (name in lists), (text, name)


def test_non_tracking_scan_is_kept_with_a_warning(building: Building) -> None:
    result = building.parcels.intake(IntakeRequest("ROUTING-42", resident_id=building.residents["101:Maria"]),
                                     building.staff)
    assert not result.tracking_valid
    assert any("not a known tracking-number format" in w for w in result.warnings)


def test_release_closes_custody_and_uses_up_the_code(building: Building) -> None:
    maria = building.residents["101:Maria"]
    result = building.parcels.intake(IntakeRequest(ups_number(), resident_id=maria), building.staff)
    released = building.parcels.release(result.parcel.id, building.staff, for_resident_id=maria)
    assert released.status == ParcelStatus.PICKED_UP and released.closed_at is not None
    with pytest.raises(ParcelNotWaiting, match="already picked up"):
        building.parcels.release(result.parcel.id, building.staff, for_resident_id=maria)
    with pytest.raises(CredentialRejected):
        building.credentials.verify(result.pickup_code or "", "keypad:test")


def test_wrong_parcel_is_refused_at_release(building: Building) -> None:
    result = building.parcels.intake(IntakeRequest(ups_number(), resident_id=building.residents["101:Maria"]),
                                     building.staff)
    with pytest.raises(NotYourParcel):
        building.parcels.release(result.parcel.id, building.staff, for_resident_id=building.residents["202:Wei"])
    assert building.parcels.get(result.parcel.id).status == ParcelStatus.RECEIVED


def test_returned_and_lost_need_a_reason(building: Building) -> None:
    result = building.parcels.intake(IntakeRequest(ups_number(), resident_id=building.residents["101:Maria"]),
                                     building.staff)
    with pytest.raises(ParcelError, match="reason"):
        building.parcels.close(result.parcel.id, ParcelStatus.RETURNED, building.staff, " ")
    closed = building.parcels.close(result.parcel.id, ParcelStatus.RETURNED, building.staff, "unclaimed 15 days")
    assert closed.status == ParcelStatus.RETURNED


def test_every_custody_step_is_in_a_verifiable_event_log(building: Building, db: Database) -> None:
    maria = building.residents["101:Maria"]
    result = building.parcels.intake(IntakeRequest(ups_number(), resident_id=maria), building.staff)
    building.parcels.release(result.parcel.id, building.staff, for_resident_id=maria)
    with db.reader() as uow:
        check = eventlog.verify(uow.session)
        kinds = [e.kind for e in eventlog.iter_events(uow.session)]
    assert check.ok
    assert kinds == ["parcel.received", "credential.issued", "parcel.picked_up"]


def test_keypad_locks_after_repeated_wrong_codes_with_growing_delay(building: Building) -> None:
    from kiosk.services.credentials import KeypadLocked

    now = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
    policy = building.credentials.policy
    for _ in range(policy.max_attempts - 1):
        with pytest.raises(CredentialRejected):
            building.credentials.verify("000000", "keypad:a", now=now)
    with pytest.raises(KeypadLocked) as first:
        building.credentials.verify("000000", "keypad:a", now=now)
    assert first.value.until == now + timedelta(seconds=policy.lockout_seconds)
    # another keypad is not affected
    with pytest.raises(CredentialRejected):
        building.credentials.verify("000000", "keypad:b", now=now)
    later = first.value.until + timedelta(seconds=1)
    for _ in range(policy.max_attempts - 1):
        with pytest.raises(CredentialRejected):
            building.credentials.verify("000000", "keypad:a", now=later)
    with pytest.raises(KeypadLocked) as second:
        building.credentials.verify("000000", "keypad:a", now=later)
    assert second.value.until == later + timedelta(seconds=2 * policy.lockout_seconds)


def test_expired_code_is_rejected(building: Building) -> None:
    maria = building.residents["101:Maria"]
    then = datetime(2026, 1, 1, tzinfo=UTC)
    result = building.parcels.intake(IntakeRequest(ups_number(), resident_id=maria), building.staff, now=then)
    late = then + timedelta(days=building.credentials.policy.valid_days, seconds=1)
    with pytest.raises(CredentialRejected):
        building.credentials.verify(result.pickup_code or "", "keypad:test", now=late)


def test_intake_is_all_or_nothing(building: Building, db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure after the parcel row was written leaves no parcel, no notice and no event."""

    def boom(*_args: object, **_kwargs: object) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(building.parcels, "_queue_arrival", boom)
    with pytest.raises(RuntimeError):
        building.parcels.intake(IntakeRequest(ups_number(), resident_id=building.residents["101:Maria"]),
                                building.staff)
    from kiosk.persistence.models import Event, Parcel

    with db.reader() as uow:
        counts = [uow.session.scalar(select(func.count()).select_from(t)) for t in (Parcel, OutboxMessage, Event)]
    assert counts == [0, 0, 0]


def test_undo_voids_the_parcel_and_cancels_its_notices(building: Building, db: Database) -> None:
    from kiosk.persistence.models import OutboxStatus

    result = building.parcels.intake(IntakeRequest(ups_number(), resident_id=building.residents["101:Maria"]),
                                     building.staff)
    voided = building.parcels.void(result.parcel.id, building.staff)
    assert voided.status == ParcelStatus.VOIDED
    assert building.parcels.waiting() == []
    with db.reader() as uow:
        statuses = set(uow.session.scalars(select(OutboxMessage.status)))
    assert statuses == {OutboxStatus.CANCELLED}


def test_pre_registered_tracking_number_names_the_resident(building: Building, db: Database) -> None:
    from kiosk.persistence.models import ExpectedParcel

    number = ups_number()
    with db.uow() as uow:
        uow.session.add(ExpectedParcel(resident_id=building.residents["202:Wei"], tracking_number=number))
        uow.commit()
    assert building.parcels.expected_resident(number) == building.residents["202:Wei"]
    building.parcels.intake(IntakeRequest(number, resident_id=building.residents["202:Wei"]), building.staff)
    assert building.parcels.expected_resident(number) is None


def test_search_by_last_digits_unit_name_and_list(building: Building) -> None:
    maria, wei = building.residents["101:Maria"], building.residents["202:Wei"]
    first = building.parcels.intake(IntakeRequest(ups_number(), resident_id=maria), building.staff).parcel
    second = building.parcels.intake(IntakeRequest(usps_number(), resident_id=wei, perishable=True),
                                     building.staff).parcel
    search = building.parcels.search
    assert [p.id for p in search(first.tracking_number[-6:])] == [first.id]
    assert [p.id for p in search(first.tracking_number.lower())] == [first.id]
    assert [p.id for p in search("202")] == [second.id]
    assert [p.id for p in search("maria garc")] == [first.id]
    assert [p.id for p in search("", status="perishable")] == [second.id]
    assert search("123") == [] or all(p.tracking_number.endswith("123") for p in search("123"))
    building.parcels.release(first.id, building.staff)
    assert [p.id for p in search(first.tracking_number[-6:])] == []
    assert [p.id for p in search(first.tracking_number[-6:], status="closed")] == [first.id]
    with pytest.raises(ParcelError):
        search("", status="everything")


def test_move_to_another_shelf_is_recorded_in_custody(building: Building, db: Database) -> None:
    maria = building.residents["101:Maria"]
    parcel = building.parcels.intake(IntakeRequest(ups_number(), resident_id=maria, location_code="A1"),
                                     building.staff).parcel
    moved = building.parcels.move(parcel.id, "a2", building.staff, reason="shelf A1 full")
    assert moved.location_code == "A2"
    last = building.parcels.history(parcel.id)[-1]
    assert last["location"] == "A2" and last["reason"] == "shelf A1 full"
    with pytest.raises(ParcelError, match="already on"):
        building.parcels.move(parcel.id, "A2", building.staff)
    with pytest.raises(ParcelError, match="no shelf"):
        building.parcels.move(parcel.id, "Z9", building.staff)
    assert [code for code, _, _ in building.parcels.locations()][:2] == ["A1", "A2"]
    with db.reader() as uow:
        assert eventlog.verify(uow.session).ok
