"""Locker banks as storage, in a real SQLite database: describing banks, CSV import, choosing
compartments at intake, compartment states, and what a resident's pickup lists."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from kiosk import eventlog
from kiosk.persistence.models import (
    AppState,
    Hold,
    HoldKind,
    LocationKind,
    OutboxMessage,
    ParcelTransition,
    SizeClass,
    StorageLocation,
)
from kiosk.persistence.uow import Database
from kiosk.services.lockers import (
    OVERFLOW,
    BankSpec,
    CompartmentSpec,
    CompartmentState,
    LockerError,
    LockerService,
)
from kiosk.services.parcels import IntakeRequest
from tests.factories import make_building, ups_number
from tests.lockers_support import Lockers, bank_spec, events, make_lockers, parcel_row, request


@pytest.fixture
def lockers(db: Database) -> Lockers:
    return make_lockers(db)


def states(service: LockerService) -> dict[str, CompartmentState]:
    return {c.label: c.state for bank in service.banks() for c in bank.compartments}


# -- describing banks ----------------------------------------------------------------------------


def test_a_bank_becomes_locker_storage_locations(db: Database, lockers: Lockers) -> None:
    bank = lockers.bank
    assert [c.label for c in bank.compartments] == ["1", "2", "3", "4", "5", "6", "7"]
    assert bank.boards == (0, 1)
    assert bank.count(CompartmentState.FREE) == 7
    with db.reader() as uow:
        rows = uow.session.scalars(select(StorageLocation).where(StorageLocation.kind == LocationKind.LOCKER)
                                   .order_by(StorageLocation.sort_order)).all()
        assert [(r.code, r.name, r.size_class, r.lock_board, r.lock_channel, r.capacity) for r in rows][:2] == [
            (f"LK{bank.id}-1", "1", SizeClass.SMALL, 0, 1, 1), (f"LK{bank.id}-2", "2", SizeClass.SMALL, 0, 2, 1)]
    assert [e.data["added"] for e in events(db, "locker.bank_defined")] == [7]


def test_redefining_swaps_channels_resizes_and_removes(db: Database, lockers: Lockers) -> None:
    layout = {"1": ("S", 0, 2), "2": ("S", 0, 1), "3": ("L", 0, 3), "4": ("M", 0, 4), "5": ("L", 0, 5),
              "6": ("S", 1, 1)}  # 1 and 2 swap channels, 3 grows, 7 goes
    bank = lockers.service.define_bank(bank_spec(layout=layout), lockers.building.staff)
    by_label = {c.label: c for c in bank.compartments}
    assert (by_label["1"].channel, by_label["2"].channel, by_label["3"].size) == (2, 1, SizeClass.LARGE)
    assert "7" not in by_label
    data = events(db, "locker.bank_defined")[-1].data
    assert (data["added"], data["updated"], data["removed"]) == (0, 3, 1)


def test_an_occupied_compartment_cannot_be_removed(lockers: Lockers) -> None:
    intake = lockers.service.intake(request(lockers), lockers.building.staff)
    assert intake.compartment is not None and intake.compartment.label == "1"
    smaller = {"2": ("S", 0, 2)}
    with pytest.raises(LockerError, match="holds parcel"):
        lockers.service.define_bank(bank_spec(layout=smaller), lockers.building.staff)
    assert states(lockers.service)["1"] == CompartmentState.OCCUPIED


def test_a_bad_description_is_refused_with_every_reason(db: Database) -> None:
    building = make_building(db)
    service = LockerService(db, building.parcels)
    spec = BankSpec("Lobby", "ttyUSB2", (CompartmentSpec("1", SizeClass.SMALL, 0, 1),
                                         CompartmentSpec("1", SizeClass.SMALL, 0, 1),
                                         CompartmentSpec("no good!", SizeClass.SMALL, 0, 0)))
    with pytest.raises(LockerError) as caught:
        service.define_bank(spec, building.staff)
    text = str(caught.value)
    for part in ("not a lock-board URL", "listed twice", "channel 1 is given to two", "must be 1 to 8",
                 "channel 0 is out of range"):
        assert part in text
    assert service.banks() == []


# -- CSV import ----------------------------------------------------------------------------------------


GOOD_CSV = """Bank,Board URL,Compartment,Size,Board,Channel
Lobby,kerong:///dev/ttyUSB2?board=0,1,S,0,1
Lobby,,2,small,0,2
Lobby,,3,Medium,,3
Garage,sim:?channels=4,A1,XL,0,1
"""


def test_csv_import_dry_run_then_for_real(db: Database) -> None:
    building = make_building(db)
    service = LockerService(db, building.parcels)
    preview = service.import_csv(io.StringIO(GOOD_CSV), building.staff, dry_run=True)
    assert preview.ok and preview.dry_run and not preview.committed
    assert (preview.added, preview.compartments, [b.name for b in preview.banks]) == (4, 4, ["Lobby", "Garage"])
    assert service.banks() == []
    report = service.import_csv(io.StringIO(GOOD_CSV), building.staff)
    assert report.committed and "added 4" in report.summary()
    banks = {b.name: b for b in service.banks()}
    assert banks["Lobby"].board_url == "kerong:///dev/ttyUSB2?board=0"
    assert [(c.label, c.size) for c in banks["Lobby"].compartments] == [
        ("1", SizeClass.SMALL), ("2", SizeClass.SMALL), ("3", SizeClass.MEDIUM)]
    assert banks["Garage"].compartments[0].size == SizeClass.EXTRA_LARGE
    again = service.import_csv(io.StringIO(GOOD_CSV), building.staff)
    assert (again.added, again.updated, again.removed) == (0, 0, 0)
    assert len(events(db, "locker.imported")) == 2


def test_csv_errors_name_row_and_column_and_nothing_is_written(db: Database) -> None:
    building = make_building(db)
    service = LockerService(db, building.parcels)
    bad = """bank;board_url;compartment;size;board;channel
Lobby;kerong:///dev/ttyUSB2;1;S;0;1
Lobby;kerong:///dev/ttyUSB3;2;S;0;2
Lobby;;3;huge;0;3
Lobby;;4;M;x;4
Lobby;;1;M;0;5
Lobby;;6;M;0;1
;;7;M;0;7
Lobby;;8;M;0;99999
"""
    report = service.import_csv(io.StringIO(bad), building.staff)
    assert not report.ok and not report.committed
    found = {(e.row, e.column) for e in report.errors}
    assert found == {(3, "board_url"), (4, "size"), (5, "board"), (6, "compartment"), (7, "channel"),
                     (8, "bank"), (9, "channel")}
    assert "row 4, size: 'huge' is not a size; use S, M, L or XL" in [str(e) for e in report.errors]
    assert "nothing was changed" in report.summary()
    assert service.banks() == []


def test_csv_missing_columns_and_urls(db: Database) -> None:
    building = make_building(db)
    service = LockerService(db, building.parcels)
    report = service.import_csv(io.StringIO("bank,compartment\nLobby,1\n"), building.staff)
    assert {(e.row, e.column) for e in report.errors} == {(1, "size"), (1, "channel")}
    report = service.import_csv(io.StringIO("bank,compartment,size,channel\nLobby,1,S,1\n"), building.staff)
    assert [str(e) for e in report.errors] == ["file, board_url: bank Lobby: no row gives its board URL"]


# -- intake ----------------------------------------------------------------------------------------------


def test_smallest_free_compartment_that_fits_then_the_room(db: Database, lockers: Lockers) -> None:
    service, staff = lockers.service, lockers.building.staff
    labels = []
    for size in [SizeClass.SMALL, SizeClass.SMALL, SizeClass.SMALL, SizeClass.SMALL, SizeClass.LARGE]:
        intake = service.intake(request(lockers, size=size), staff)
        assert intake.compartment is not None
        assert intake.parcel.location_kind == LocationKind.LOCKER
        assert intake.parcel.location_name == intake.compartment.label
        labels.append(intake.compartment.label)
    assert labels == ["1", "2", "6", "3", "5"]  # S, S, S, then S into M; L into L
    # one M left (4), one M (7): two more M fit, the third goes to the room as overflow
    assert [service.intake(request(lockers, size=SizeClass.MEDIUM), staff).compartment.label  # type: ignore[union-attr]
            for _ in range(2)] == ["4", "7"]
    overflow = service.intake(request(lockers, size=SizeClass.SMALL), staff)
    assert overflow.compartment is None and overflow.overflow
    assert overflow.parcel.location_kind == LocationKind.SHELF
    assert "no free locker" in overflow.room_reason
    assert [e.data["needed"] for e in events(db, OVERFLOW)] == ["S"]
    assert states(service) == dict.fromkeys("1234567", CompartmentState.OCCUPIED)


def test_parcels_that_do_not_belong_in_lockers_go_to_the_room(db: Database, lockers: Lockers) -> None:
    service, staff = lockers.service, lockers.building.staff
    cases = [
        (request(lockers, perishable=True), "fridge", LocationKind.FRIDGE),
        (request(lockers, signature_required=True), "signature", LocationKind.SHELF),
        (request(lockers, oversized=True), "oversized", LocationKind.OVERSIZE),
        (request(lockers, size=SizeClass.EXTRA_LARGE), "big enough", LocationKind.OVERSIZE),
        (IntakeRequest(ups_number()), "recipient not known", LocationKind.SHELF),
        (request(lockers, who="202:Old"), "not active", LocationKind.SHELF),
    ]
    for req, reason, kind in cases:
        intake = service.intake(req, staff)
        assert intake.compartment is None and not intake.overflow and reason in intake.room_reason
        assert intake.parcel.location_kind == kind
    assert events(db, OVERFLOW) == []
    assert states(service) == dict.fromkeys("1234567", CompartmentState.FREE)


def test_staff_pick_and_shelf_scan(lockers: Lockers) -> None:
    service, staff = lockers.service, lockers.building.staff
    code = {c.label: c.code for c in lockers.bank.compartments}
    picked = service.intake(request(lockers, location_code=code["5"].lower()), staff)
    assert picked.compartment is not None and picked.compartment.label == "5"
    with pytest.raises(LockerError, match="cannot take a parcel now"):
        service.intake(request(lockers, location_code=code["5"]), staff)
    with pytest.raises(LockerError, match="does not fit compartment 1"):
        service.intake(request(lockers, size=SizeClass.LARGE, location_code=code["1"]), staff)
    shelf = service.intake(request(lockers, location_code="A2"), staff)
    assert shelf.compartment is None and shelf.parcel.location_code == "A2"


def test_out_of_service_door_open_and_silent_boards_are_skipped(db: Database, lockers: Lockers) -> None:
    service, staff = lockers.service, lockers.building.staff
    ids = {c.label: c.id for c in lockers.bank.compartments}
    service.set_out_of_service(ids["1"], True, staff, "hinge broken")
    service.record_door(ids["2"], False, staff, note="found open")
    service.record_board(lockers.bank.id, 1, None, "no answer")
    now = states(service)
    assert (now["1"], now["2"], now["6"], now["7"]) == (
        CompartmentState.OUT_OF_SERVICE, CompartmentState.DOOR_OPEN, CompartmentState.UNAVAILABLE,
        CompartmentState.UNAVAILABLE)
    details = {c.label: c.detail for c in service.banks()[0].compartments}
    assert details["1"] == "hinge broken" and "board 1 is not answering" in details["6"]
    assert service.intake(request(lockers), staff).compartment.label == "3"  # type: ignore[union-attr]
    service.set_out_of_service(ids["1"], False, staff)
    assert states(service)["1"] == CompartmentState.FREE
    assert [e.kind for e in events(db, "locker.in_service")] == ["locker.in_service"]


def test_a_reserved_compartment_is_not_chosen_until_the_reservation_goes_stale(db: Database,
                                                                               lockers: Lockers) -> None:
    first = lockers.bank.compartments[0]
    now = datetime.now(UTC)
    with db.uow() as uow:  # another kiosk is in the middle of an intake into compartment 1
        uow.session.add(AppState(key=f"locker.reserved:{first.id}", value=now.isoformat(), updated_at=now))
        uow.commit()
    assert lockers.service.intake(request(lockers), lockers.building.staff).compartment.label == "2"  # type: ignore[union-attr]
    later = now + timedelta(minutes=20)  # that kiosk crashed: the reservation lapses
    intake = lockers.service.intake(request(lockers), lockers.building.staff, now=later)
    assert intake.compartment is not None and intake.compartment.label == "1"
    with db.reader() as uow:
        assert uow.session.scalar(select(func.count()).select_from(AppState)
                                  .where(AppState.key.like("locker.reserved:%"))) == 0


def test_move_to_room_keeps_custody_and_fixes_unsent_notices(db: Database, lockers: Lockers) -> None:
    intake = lockers.service.intake(request(lockers), lockers.building.staff)
    moved = lockers.service.move_to_room(intake.parcel.id, lockers.building.staff, "lock did not open")
    assert moved.location_kind == LocationKind.SHELF and moved.status == intake.parcel.status
    with db.reader() as uow:
        transitions = uow.session.scalars(select(ParcelTransition).where(
            ParcelTransition.parcel_id == moved.id).order_by(ParcelTransition.id)).all()
        assert [t.reason for t in transitions] == ["", "lock did not open"]
        shelves = {m.payload["shelf"] for m in uow.session.scalars(select(OutboxMessage))}
    assert shelves == {moved.location_name}
    assert states(lockers.service)["1"] == CompartmentState.FREE
    with db.reader() as uow:
        assert eventlog.verify(uow.session).ok


# -- pickup listing ------------------------------------------------------------------------------------------


def test_pickup_lists_only_locker_parcels_not_held(db: Database, lockers: Lockers) -> None:
    service, staff, building = lockers.service, lockers.building.staff, lockers.building
    in_locker = service.intake(request(lockers), staff).parcel
    held = service.intake(request(lockers), staff).parcel
    on_shelf = service.intake(request(lockers, perishable=True), staff).parcel
    with db.uow() as uow:
        uow.session.add(Hold(kind=HoldKind.PARCEL, parcel_id=held.id, starts_on=date.today()))
        uow.commit()
    code = building.credentials.reissue(building.residents["101:Maria"], staff, code="555111")
    match = building.credentials.verify(code, "test")
    assert set(match.parcel_ids) == {in_locker.id, held.id, on_shelf.id}
    items = service.pickup_items(match)
    assert [(i.parcel_code, i.compartment.label, i.available) for i in items] == [(in_locker.code, "1", True)]
    service.record_board(lockers.bank.id, 0, None, "no answer")
    (blocked,) = service.pickup_items(match)
    assert not blocked.available and "cannot be opened right now" in blocked.message
    service.pickup_blocked(match, blocked, "board offline")
    row = parcel_row(db, in_locker.id)
    assert row.needs_attention and "could not be opened" in row.attention_reason
