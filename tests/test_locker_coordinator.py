"""Intake and pickup through lockers, end to end: the core service in a real SQLite database, the
coordinator, and simulated boards (or a Kerong board answering on a pseudo-terminal).

Waiting loops run on a clock that moves when the coordinator sleeps, so a door "left open for
two minutes" takes no time; the people at the lockers are played by the boards' hooks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hardware.lockers import LockBoards
from hardware.lockers.coordinator import LockerCoordinator, PickupControl, PickupStep
from kiosk import eventlog
from kiosk.persistence.models import ActorKind, LocationKind, ParcelStatus, SizeClass
from kiosk.persistence.uow import Database
from kiosk.services.credentials import CredentialMatch
from kiosk.services.lockers import EMPTY_AND_CLOSED, RESIDENT_CONFIRMED, CompartmentState
from tests.hardware.conftest import PtyPort
from tests.hardware.kerongsim import KerongPtyBoard
from tests.lockers_support import Lockers, coordinator, events, make_lockers, parcel_row, request, sim


@pytest.fixture
def lockers(db: Database) -> Lockers:
    return make_lockers(db)


def state_of(lockers: Lockers, label: str) -> CompartmentState:
    return {c.label: c.state for b in lockers.service.banks() for c in b.compartments}[label]


def sign_in(lockers: Lockers, who: str = "101:Maria") -> CredentialMatch:
    building = lockers.building
    code = building.credentials.reissue(building.residents[who], building.staff)
    return building.credentials.verify(code, "kiosk-test")


def verified(db: Database) -> bool:
    with db.reader() as uow:
        return eventlog.verify(uow.session).ok


# -- intake ----------------------------------------------------------------------------------------


def test_intake_loads_the_smallest_compartment_and_waits_for_the_door(db: Database, lockers: Lockers) -> None:
    coord, fake = coordinator(lockers)
    board = sim(coord)

    def staff_loads(channel: int) -> None:
        board.put_item(channel)
        board.close_door(channel)

    board.on_open = staff_loads
    intake, load = coord.intake_and_load(request(lockers, size=SizeClass.MEDIUM), lockers.building.staff)
    assert intake.compartment is not None and intake.compartment.label == "3"
    assert load is not None and load.opened and load.closed and not load.moved_to_room
    assert load.compartment is not None and load.compartment.state == CompartmentState.OCCUPIED
    assert load.compartment.parcel_code == intake.parcel.code
    assert board.opened() == [3] and fake.slept == 0
    (opened,) = events(db, "locker.opened")
    assert (opened.actor_kind, opened.actor_label, opened.data["purpose"], opened.data["channel"]) == (
        ActorKind.STAFF, "Sam Staff", "intake", 3)
    assert [e.subject_id for e in events(db, "locker.loaded")] == [intake.parcel.id]
    assert verified(db)


def test_a_door_left_open_after_loading_is_flagged_until_a_poll_sees_it_shut(db: Database,
                                                                            lockers: Lockers) -> None:
    coord, fake = coordinator(lockers, close_timeout=120.0)
    board = sim(coord)
    _, load = coord.intake_and_load(request(lockers), lockers.building.staff)
    assert load is not None and load.opened and not load.closed
    assert "did not report closed" in load.message
    assert fake.slept >= 120.0
    assert state_of(lockers, "1") == CompartmentState.DOOR_OPEN
    assert [e.data["note"] for e in events(db, "locker.door_left_open")] == ["not closed after loading"]
    # the next parcel does not go into a compartment standing open
    assert lockers.service.intake(request(lockers), lockers.building.staff).compartment.label == "2"  # type: ignore[union-attr]
    board.close_door(1)
    assert coord.poll() == ["compartment 1 is closed"]
    assert state_of(lockers, "1") == CompartmentState.OCCUPIED
    assert coord.poll() == []


def test_a_lock_that_does_not_open_at_intake_sends_the_parcel_to_the_room(db: Database, lockers: Lockers) -> None:
    coord, _ = coordinator(lockers)
    board = sim(coord)
    board.jam(1)
    _, load = coord.intake_and_load(request(lockers), lockers.building.staff)
    assert load is not None and load.moved_to_room and not load.opened
    assert load.parcel.location_kind == LocationKind.SHELF
    assert f"Put the parcel on {load.parcel.location_name} instead" in load.message
    assert not parcel_row(db, load.parcel.id).needs_attention  # it never went in: nothing for staff to chase
    assert state_of(lockers, "1") == CompartmentState.OUT_OF_SERVICE
    detail = {c.label: c.detail for c in lockers.service.banks()[0].compartments}["1"]
    assert "the lock did not open" in detail and "jammed" in detail
    assert [e.data["error"][:40] for e in events(db, "locker.open_failed")] == [
        "the door still reads as latched after th"]
    assert [e.data["to"] for e in events(db, "parcel.moved")] == [load.parcel.location_code]
    _, second = coord.intake_and_load(request(lockers), lockers.building.staff)
    assert second is not None and second.compartment is not None and second.compartment.label == "2"
    assert verified(db)


def test_an_offline_board_makes_its_compartments_unavailable_until_it_answers(db: Database,
                                                                              lockers: Lockers) -> None:
    coord, _ = coordinator(lockers)
    board = sim(coord)
    board.offline = True
    _, load = coord.intake_and_load(request(lockers), lockers.building.staff)
    assert load is not None and load.moved_to_room and "not answering" in load.message
    states = {c.label: c.state for c in lockers.service.banks()[0].compartments}
    assert {states[label] for label in "12345"} == {CompartmentState.UNAVAILABLE}
    assert (states["6"], states["7"]) == (CompartmentState.FREE, CompartmentState.FREE)
    assert lockers.service.intake(request(lockers), lockers.building.staff).compartment.label == "6"  # type: ignore[union-attr]
    board.offline = False
    assert "Lobby board 0 answers again" in coord.poll()
    assert state_of(lockers, "1") == CompartmentState.FREE
    assert [e.kind for e in events(db, "locker.board_offline")] == ["locker.board_offline"]


def test_open_for_service_and_a_door_found_open(db: Database, lockers: Lockers) -> None:
    coord, _ = coordinator(lockers)
    board = sim(coord)
    first = lockers.bank.compartments[0]
    outcome = coord.open_for_service(first.id, lockers.building.staff)
    assert outcome.opened and state_of(lockers, "1") == CompartmentState.DOOR_OPEN
    assert events(db, "locker.opened")[0].data["purpose"] == "service"
    board.close_door(1)
    board.open_door(4)  # someone forced or never latched compartment 4
    assert sorted(coord.poll()) == ["compartment 1 is closed", "compartment 4 is open"]
    assert state_of(lockers, "4") == CompartmentState.DOOR_OPEN


# -- pickup --------------------------------------------------------------------------------------------


def test_pickup_opens_each_compartment_and_closes_custody_when_empty_and_closed(db: Database,
                                                                                lockers: Lockers) -> None:
    coord, _ = coordinator(lockers, LockBoards())
    in_lockers, in_fridge = load_with(coord, lockers, 2)
    board = sim(coord)

    def resident_takes(channel: int) -> None:
        board.take_item(channel)
        board.close_door(channel)

    board.on_open = resident_takes
    match = sign_in(lockers)
    steps: list[PickupStep] = []
    outcomes = coord.collect(match, on_step=steps.append)
    assert [(o.released, o.how) for o in outcomes] == [(True, EMPTY_AND_CLOSED)] * 2
    assert [(s.index, s.phase) for s in steps] == [(0, "opening"), (0, "open"), (0, "taken"),
                                                   (1, "opening"), (1, "open"), (1, "taken")]
    assert [s.item.compartment.label for s in steps if s.phase == "open"] == ["1", "2"]
    for parcel_id in in_lockers:
        assert parcel_row(db, parcel_id).status == ParcelStatus.PICKED_UP
    assert parcel_row(db, in_fridge[0]).status in (ParcelStatus.RECEIVED, ParcelStatus.NOTIFIED)
    pickups = [e for e in events(db, "locker.opened") if e.data["purpose"] == "pickup"]
    assert [(e.actor_kind, e.actor_id, e.data["parcel_id"]) for e in pickups] == [
        (ActorKind.RESIDENT, match.resident_id, pid) for pid in in_lockers]
    assert {state_of(lockers, "1"), state_of(lockers, "2")} == {CompartmentState.FREE}
    assert verified(db)


def load_with(coord: LockerCoordinator, lockers: Lockers, count: int) -> tuple[list[int], list[int]]:
    """Load ``count`` parcels for Maria through ``coord``'s own boards, plus one into the fridge."""
    board = sim(coord)

    def staff_loads(channel: int) -> None:
        board.put_item(channel)
        board.close_door(channel)

    board.on_open = staff_loads
    ids = []
    for _ in range(count):
        _, load = coord.intake_and_load(request(lockers), lockers.building.staff)
        assert load is not None and load.closed
        ids.append(load.parcel.id)
    board.on_open = None
    fridge = lockers.service.intake(request(lockers, perishable=True), lockers.building.staff)
    return ids, [fridge.parcel.id]


def test_without_item_sensors_the_resident_confirms(db: Database) -> None:
    lockers = make_lockers(db, url="sim:?channels=8")
    coord, _ = coordinator(lockers)
    board = sim(coord, url="sim:?channels=8")
    parcel_id = lockers.service.intake(request(lockers), lockers.building.staff).parcel.id
    control = PickupControl()

    def resident(channel: int) -> None:
        board.close_door(channel)
        control.confirm()  # taps "Done"

    board.on_open = resident
    (outcome,) = coord.collect(sign_in(lockers), control)
    assert (outcome.released, outcome.how) == (True, RESIDENT_CONFIRMED)
    assert parcel_row(db, parcel_id).status == ParcelStatus.PICKED_UP


def test_a_closed_door_without_sensor_or_confirmation_releases_nothing(db: Database) -> None:
    lockers = make_lockers(db, url="sim:?channels=8")
    coord, fake = coordinator(lockers, close_timeout=90.0)
    board = sim(coord, url="sim:?channels=8")
    board.on_open = board.close_door
    parcel_id = lockers.service.intake(request(lockers), lockers.building.staff).parcel.id
    (outcome,) = coord.collect(sign_in(lockers))
    assert not outcome.released and outcome.opened and fake.slept >= 90.0
    row = parcel_row(db, parcel_id)
    assert row.status.is_waiting and row.needs_attention
    assert "pickup was not confirmed" in row.attention_reason
    assert len(events(db, "locker.pickup_unconfirmed")) == 1


def test_a_parcel_left_inside_behind_a_shut_door_stays_waiting_unflagged(db: Database, lockers: Lockers) -> None:
    coord, _ = coordinator(lockers)
    (parcel_id,), _ = load_with(coord, lockers, 1)
    board = sim(coord)
    board.on_open = board.close_door  # opens it, changes their mind, shuts it with the parcel inside
    (outcome,) = coord.collect(sign_in(lockers))
    assert outcome.opened and not outcome.released and "still inside" in outcome.message
    row = parcel_row(db, parcel_id)
    assert row.status.is_waiting and not row.needs_attention
    assert state_of(lockers, "1") == CompartmentState.OCCUPIED
    assert [e.data["detail"] for e in events(db, "locker.pickup_unconfirmed")] == [outcome.message]


def test_a_compartment_that_fails_to_open_keeps_its_parcel_and_flags_staff(db: Database, lockers: Lockers) -> None:
    coord, _ = coordinator(lockers)
    in_lockers, _ = load_with(coord, lockers, 2)
    board = sim(coord)
    board.jam(1)

    def resident_takes(channel: int) -> None:
        board.take_item(channel)
        board.close_door(channel)

    board.on_open = resident_takes
    first, second = coord.collect(sign_in(lockers))
    assert not first.opened and not first.released
    assert "could not be opened" in first.message and "see the front desk" in first.message
    assert second.released
    stuck = parcel_row(db, in_lockers[0])
    assert stuck.status.is_waiting and stuck.needs_attention
    assert "did not open; take the parcel out for the resident" in stuck.attention_reason
    assert state_of(lockers, "1") == CompartmentState.OUT_OF_SERVICE
    # the parcel is still recorded inside compartment 1: nothing lost
    assert {c.label: c.parcel_code for c in lockers.service.banks()[0].compartments}["1"] == stuck.code
    assert verified(db)


def test_a_door_left_open_after_pickup_is_flagged(db: Database, lockers: Lockers) -> None:
    coord, _ = coordinator(lockers)
    load_with(coord, lockers, 1)
    board = sim(coord)
    control = PickupControl()

    def takes_and_walks_away(channel: int) -> None:
        board.take_item(channel)
        control.confirm()

    board.on_open = takes_and_walks_away
    (outcome,) = coord.collect(sign_in(lockers), control)
    assert outcome.released and outcome.how == RESIDENT_CONFIRMED
    assert state_of(lockers, "1") == CompartmentState.DOOR_OPEN
    assert [e.data["note"] for e in events(db, "locker.door_left_open")] == ["left open after pickup"]


def test_a_board_that_stops_answering_between_compartments(db: Database, lockers: Lockers) -> None:
    coord, _ = coordinator(lockers)
    in_lockers, _ = load_with(coord, lockers, 2)
    board = sim(coord)

    def resident_takes(channel: int) -> None:
        board.take_item(channel)
        board.close_door(channel)

    board.on_open = resident_takes
    # answers the fresh look before pickup, the first open and its check; then silence
    board.stop_answering_after(3)
    first, second = coord.collect(sign_in(lockers))
    assert first.released and not second.opened
    assert "could not be opened" in second.message
    row = parcel_row(db, in_lockers[1])
    assert row.status.is_waiting and row.needs_attention
    assert state_of(lockers, "2") == CompartmentState.UNAVAILABLE
    assert verified(db)


@pytest.mark.parametrize("confirms", [True, False])
def test_a_board_that_stops_answering_while_the_compartment_is_open(db: Database, lockers: Lockers,
                                                                     confirms: bool) -> None:
    coord, _ = coordinator(lockers)
    in_lockers, _ = load_with(coord, lockers, 1)
    board = sim(coord)
    board.stop_answering_after(2)  # the fresh look and the open; every door reading after fails
    control = PickupControl()

    def screen(step: PickupStep) -> None:
        if step.phase == "no_answer" and confirms:
            control.confirm()  # the screen says "tap Done if you have your parcel"; they do

    (outcome,) = coord.collect(sign_in(lockers), control, on_step=screen)
    assert outcome.opened and outcome.released is confirms
    row = parcel_row(db, in_lockers[0])
    if confirms:
        assert row.status == ParcelStatus.PICKED_UP
    else:
        assert row.status.is_waiting and "board stopped answering" in row.attention_reason
    assert state_of(lockers, "1") == CompartmentState.UNAVAILABLE


# -- the real driver, over a pseudo-terminal -------------------------------------------------------------


@pytest.fixture
def pty(tmp_path: Path) -> Iterator[PtyPort]:
    port = PtyPort(tmp_path / "ttyUSB2")
    yield port
    port.close()


def test_kerong_board_stops_answering_mid_pickup(db: Database, pty: PtyPort) -> None:
    url = f"kerong://{pty.path}?board=0&baudrate=9600&timeout=0.2"
    lockers = make_lockers(db, url=url, layout={"11": ("S", 0, 11), "12": ("S", 0, 12)})
    kerong = KerongPtyBoard(pty)
    try:
        ids = [lockers.service.intake(request(lockers), lockers.building.staff).parcel.id for _ in range(2)]
        coord, _ = coordinator(lockers)
        control = PickupControl()

        def screen(step: PickupStep) -> None:
            if step.phase == "open":  # the resident takes the parcel, shuts the door, taps Done
                kerong.close_door(step.item.compartment.channel)
                control.confirm()

        kerong.stop_answering_after(3)
        first, second = coord.collect(sign_in(lockers), control, on_step=screen)
        assert first.released and not second.opened
        assert kerong.frames()[:4] == [bytes.fromhex(h) for h in (
            "02 00 30 03 35", "02 0a 31 03 40", "02 00 30 03 35", "02 0b 31 03 41")]
        assert parcel_row(db, ids[0]).status == ParcelStatus.PICKED_UP
        row = parcel_row(db, ids[1])
        assert row.status.is_waiting and row.needs_attention
        assert "did not answer" in events(db, "locker.open_failed")[0].data["error"]
        assert state_of(lockers, "12") == CompartmentState.UNAVAILABLE
        coord.close()
    finally:
        kerong.stop()
