""""Is my package here?" and pre-registration, over a real SQLite file."""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from kiosk import eventlog
from kiosk.persistence.models import Event, ParcelStatus
from kiosk.persistence.uow import Database
from kiosk.services.parcels import IntakeRequest
from kiosk.services.tracking_lookup import (
    ExpectedProblem,
    ExpectedRejected,
    LookupPolicy,
    Outcome,
    TrackingAnswer,
    TrackingLookupService,
)
from tests.factories import Building, make_building, ups_number, usps_number

SCOPE = "track:lobby"
T0 = datetime(2026, 3, 2, 14, 30, tzinfo=UTC)


@pytest.fixture
def building(db: Database) -> Building:
    return make_building(db)


@pytest.fixture
def lookups(db: Database) -> TrackingLookupService:
    return TrackingLookupService(db, kiosk_id="test", policy=LookupPolicy(max_misses=3, window_seconds=600))


def _tracking_events(db: Database) -> list[Event]:
    with db.reader() as uow:
        rows = list(uow.session.scalars(select(Event).where(Event.kind.like("tracking.%")).order_by(Event.seq)))
        uow.session.expunge_all()
        return rows


def test_waiting_parcel_says_when_it_arrived_and_nothing_personal(building: Building, db: Database,
                                                                  lookups: TrackingLookupService) -> None:
    number = ups_number()
    parcel = building.parcels.intake(IntakeRequest(number, resident_id=building.residents["101:Maria"]),
                                     building.staff, now=T0).parcel
    # Typed the way people type: lower case, spaces.
    answer = lookups.lookup(" ".join([number[:6].lower(), number[6:]]), SCOPE, now=T0 + timedelta(hours=2))
    assert answer.outcome == Outcome.WAITING
    assert answer.at == T0 and answer.number == number and answer.carrier == "ups"
    # The answer has no field that could hold a name, unit, shelf or parcel code ...
    assert {f.name for f in fields(TrackingAnswer)} == {"outcome", "number", "carrier", "at", "retry_at",
                                                       "check_digit"}
    # ... and no value anywhere carries one.
    shown = " ".join(str(value) for key, value in asdict(answer).items() if key != "number")
    for personal in ("Maria", "Garcia", "Maria G.", parcel.unit, parcel.location_code, parcel.location_name,
                     parcel.code):
        assert personal and personal not in shown
    # The event log says a lookup happened and what kind of answer it got: no number, no person, no parcel.
    (event,) = _tracking_events(db)
    assert event.kind == "tracking.lookup" and event.subject_id is None and event.actor_id is None
    logged = f"{event.data} {event.actor_label} {event.subject_kind}"
    assert number not in logged and number[-8:] not in logged
    for personal in ("Maria", "Garcia", parcel.unit, parcel.code, parcel.location_code, "resident"):
        assert personal not in logged
    assert event.data == {"scope": SCOPE, "outcome": "waiting", "carrier": "ups", "length": len(number)}
    with db.reader() as uow:
        assert eventlog.verify(uow.session).ok


def test_collected_returned_and_unknown(building: Building, lookups: TrackingLookupService) -> None:
    collected, returned, never = ups_number(), usps_number(), ups_number()
    maria = building.residents["101:Maria"]
    first = building.parcels.intake(IntakeRequest(collected, resident_id=maria), building.staff, now=T0).parcel
    building.parcels.release(first.id, building.staff, now=T0 + timedelta(days=1))
    second = building.parcels.intake(IntakeRequest(returned, resident_id=maria), building.staff, now=T0).parcel
    building.parcels.close(second.id, ParcelStatus.RETURNED, building.staff, "unclaimed", now=T0 + timedelta(days=20))

    answer = lookups.lookup(collected, SCOPE, now=T0 + timedelta(days=2))
    assert answer.outcome == Outcome.COLLECTED and answer.at == T0 + timedelta(days=1)
    answer = lookups.lookup(returned, SCOPE, now=T0 + timedelta(days=21))
    assert answer.outcome == Outcome.RETURNED and answer.at == T0 + timedelta(days=20)
    assert lookups.lookup(never, SCOPE, now=T0).outcome == Outcome.NOT_FOUND
    lost = building.parcels.intake(IntakeRequest(ups_number(), resident_id=maria), building.staff, now=T0).parcel
    building.parcels.close(lost.id, ParcelStatus.LOST, building.staff, "not found at audit", now=T0)
    answer = lookups.lookup(lost.tracking_number, SCOPE, now=T0)
    assert answer.outcome == Outcome.SEE_DESK


def test_a_voided_intake_is_not_found_and_a_new_arrival_wins_over_an_old_one(
        building: Building, lookups: TrackingLookupService) -> None:
    number = ups_number()
    maria = building.residents["101:Maria"]
    mistake = building.parcels.intake(IntakeRequest(number, resident_id=maria), building.staff, now=T0).parcel
    building.parcels.void(mistake.id, building.staff)
    assert lookups.lookup(number, SCOPE, now=T0).outcome == Outcome.NOT_FOUND
    old = building.parcels.intake(IntakeRequest(number, resident_id=maria), building.staff, now=T0).parcel
    building.parcels.release(old.id, building.staff, now=T0 + timedelta(hours=1))
    later = T0 + timedelta(days=3)
    building.parcels.intake(IntakeRequest(number, resident_id=maria), building.staff, now=later)
    answer = lookups.lookup(number, SCOPE, now=later + timedelta(hours=1))
    assert answer.outcome == Outcome.WAITING and answer.at == later


def test_only_a_whole_tracking_number_is_looked_up(building: Building, lookups: TrackingLookupService) -> None:
    number = ups_number()
    building.parcels.intake(IntakeRequest(number, resident_id=building.residents["101:Maria"]), building.staff,
                            now=T0)
    for index, partial in enumerate((number[-4:], number[-8:], number[:-1], "101", "Maria")):
        answer = lookups.lookup(partial, f"track:{index}", now=T0)  # one kiosk each: no limit in the way
        assert answer.outcome in (Outcome.INVALID, Outcome.NOT_FOUND), partial
        assert answer.at is None
    typo = number[:-1] + str((int(number[-1]) + 1) % 10)
    answer = lookups.lookup(typo, "track:other", now=T0)
    assert answer.outcome == Outcome.INVALID and answer.check_digit


def test_unsuccessful_lookups_are_limited_per_kiosk_then_allowed_again(
        building: Building, db: Database, lookups: TrackingLookupService) -> None:
    number = ups_number()
    building.parcels.intake(IntakeRequest(number, resident_id=building.residents["101:Maria"]), building.staff,
                            now=T0)
    for minute in range(3):
        assert lookups.lookup(ups_number(), SCOPE, now=T0 + timedelta(minutes=minute)).outcome == Outcome.NOT_FOUND
    # The limit is reached: even a right number gets no answer at this kiosk now.
    answer = lookups.lookup(number, SCOPE, now=T0 + timedelta(minutes=3))
    assert answer.outcome == Outcome.LIMITED and answer.at is None
    assert answer.retry_at == T0 + timedelta(minutes=10)
    # Another kiosk is not affected.
    assert lookups.lookup(number, "track:mailroom", now=T0 + timedelta(minutes=3)).outcome == Outcome.WAITING
    # Once the first miss is out of the window, one more lookup is allowed.
    assert lookups.lookup(number, SCOPE, now=T0 + timedelta(minutes=10, seconds=1)).outcome == Outcome.WAITING
    kinds = [event.kind for event in _tracking_events(db)]
    assert kinds.count("tracking.lookup_miss") == 3 and "tracking.lookup_limited" in kinds


def test_found_lookups_do_not_use_up_the_limit(building: Building, lookups: TrackingLookupService) -> None:
    number = ups_number()
    building.parcels.intake(IntakeRequest(number, resident_id=building.residents["101:Maria"]), building.staff,
                            now=T0)
    for _ in range(6):
        assert lookups.lookup(number, SCOPE, now=T0).outcome == Outcome.WAITING


# --------------------------------------------------------------------------- pre-registration


def test_pre_registered_number_is_assigned_at_intake_without_choosing_anyone(
        building: Building, lookups: TrackingLookupService) -> None:
    wei = building.residents["202:Wei"]
    number = ups_number()
    expected = lookups.register_expected(wei, number.lower(), "new headphones", now=T0)
    assert expected.tracking_number == number and expected.carrier == "ups" and expected.arrived_at is None
    result = building.parcels.intake(IntakeRequest(number), building.staff, now=T0 + timedelta(days=1))
    assert result.parcel.resident_id == wei and not result.parcel.needs_attention
    assert result.pickup_code is not None  # Wei is told, as for any parcel of theirs
    (listed,) = lookups.expected_for(wei, now=T0 + timedelta(days=1))
    assert listed.arrived_at == T0 + timedelta(days=1)


def test_a_number_two_residents_expect_is_left_for_staff(building: Building,
                                                         lookups: TrackingLookupService) -> None:
    number = ups_number()
    lookups.register_expected(building.residents["202:Wei"], number, now=T0)
    lookups.register_expected(building.residents["101:Maria"], number, now=T0)
    result = building.parcels.intake(IntakeRequest(number), building.staff, now=T0)
    assert result.parcel.resident_id is None and result.parcel.needs_attention


def test_registration_refusals_say_why(building: Building, lookups: TrackingLookupService) -> None:
    maria = building.residents["101:Maria"]
    number = ups_number()

    def problem(text: str, resident: int = maria) -> ExpectedProblem:
        with pytest.raises(ExpectedRejected) as caught:
            lookups.register_expected(resident, text, now=T0)
        return caught.value.problem

    assert problem("   ") == ExpectedProblem.EMPTY
    assert problem("1234") == ExpectedProblem.INVALID
    assert problem(number[:-1] + str((int(number[-1]) + 1) % 10)) == ExpectedProblem.CHECK_DIGIT
    lookups.register_expected(maria, number, now=T0)
    assert problem(number) == ExpectedProblem.ALREADY_REGISTERED
    assert problem(ups_number(), building.residents["202:Old"]) == ExpectedProblem.NOT_ALLOWED
    here = ups_number()
    building.parcels.intake(IntakeRequest(here, resident_id=building.residents["202:Wei"]), building.staff, now=T0)
    with pytest.raises(ExpectedRejected) as caught:
        lookups.register_expected(maria, here, now=T0 + timedelta(hours=1))
    assert caught.value.problem == ExpectedProblem.ALREADY_ARRIVED
    assert caught.value.at == T0 and caught.value.waiting
    assert "Wei" not in str(caught.value) and "202" not in str(caught.value)
    # Nothing half-saved: Maria's list holds the one good number.
    assert [e.tracking_number for e in lookups.expected_for(maria, now=T0)] == [number]


def test_each_resident_sees_and_removes_only_their_own(building: Building, db: Database,
                                                       lookups: TrackingLookupService) -> None:
    maria, wei = building.residents["101:Maria"], building.residents["202:Wei"]
    mine = lookups.register_expected(maria, ups_number(), now=T0)
    theirs = lookups.register_expected(wei, usps_number(), now=T0)
    assert [e.id for e in lookups.expected_for(maria, now=T0)] == [mine.id]
    with pytest.raises(ExpectedRejected) as caught:
        lookups.remove_expected(maria, theirs.id, now=T0)
    assert caught.value.problem == ExpectedProblem.NOT_ON_LIST
    assert [e.id for e in lookups.expected_for(wei, now=T0)] == [theirs.id]
    lookups.remove_expected(maria, mine.id, now=T0)
    assert lookups.expected_for(maria, now=T0) == []
    # A removed number is no longer assigned at intake.
    result = building.parcels.intake(IntakeRequest(mine.tracking_number), building.staff, now=T0)
    assert result.parcel.resident_id is None
    with db.reader() as uow:
        kinds = list(uow.session.scalars(select(Event.kind).where(Event.kind.like("expected.%"))))
    assert kinds == ["expected.registered", "expected.registered", "expected.removed"]
