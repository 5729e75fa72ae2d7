"""Test helpers for the lockers: a bank in a real database, simulated boards, a clock moved by sleeping."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from hardware.lockers import LockBoards, SimLockBoard
from hardware.lockers.coordinator import LockerCoordinator
from kiosk.persistence.models import Event, Parcel, SizeClass
from kiosk.persistence.uow import Database
from kiosk.services.lockers import Bank, BankSpec, CompartmentSpec, LockerService
from kiosk.services.parcels import IntakeRequest
from tests.factories import Building, make_building, ups_number

SIM_URL = "sim:?channels=8&items=1"
# compartment number -> (size, board, channel)
LAYOUT = {"1": ("S", 0, 1), "2": ("S", 0, 2), "3": ("M", 0, 3), "4": ("M", 0, 4), "5": ("L", 0, 5),
          "6": ("S", 1, 1), "7": ("M", 1, 2)}


def bank_spec(name: str = "Lobby", url: str = SIM_URL, layout: dict[str, tuple[str, int, int]] | None = None
              ) -> BankSpec:
    return BankSpec(name, url, tuple(CompartmentSpec(label, SizeClass(size), board, channel)
                                     for label, (size, board, channel) in (layout or LAYOUT).items()))


@dataclass
class Lockers:
    building: Building
    service: LockerService
    bank: Bank


def make_lockers(db: Database, url: str = SIM_URL, layout: dict[str, tuple[str, int, int]] | None = None) -> Lockers:
    building = make_building(db)
    service = LockerService(db, building.parcels, kiosk_id="test")
    bank = service.define_bank(bank_spec(url=url, layout=layout), building.staff)
    return Lockers(building, service, bank)


class FakeTime:
    """``clock`` and ``sleep`` for the coordinator: sleeping moves the clock, instantly."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept = 0.0

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds
        self.slept += seconds


def coordinator(lockers: Lockers, boards: LockBoards | None = None, **kw: Any) -> tuple[LockerCoordinator, FakeTime]:
    fake = FakeTime()
    options = {"poll_interval": 1.0, "close_timeout": 30.0, "open_confirm_timeout": 2.0, **kw}
    return LockerCoordinator(lockers.service, boards or LockBoards(), clock=fake.clock, sleep=fake.sleep,
                             **options), fake


def sim(coord: LockerCoordinator, board: int = 0, url: str = SIM_URL) -> SimLockBoard:
    found = coord.boards.get(url, board)
    assert isinstance(found, SimLockBoard)
    return found


def request(lockers: Lockers, who: str = "101:Maria", size: SizeClass = SizeClass.SMALL, **kw: Any) -> IntakeRequest:
    return IntakeRequest(ups_number(), resident_id=lockers.building.residents[who], size=size, **kw)


def events(db: Database, kind: str) -> list[Event]:
    with db.reader() as uow:
        rows = list(uow.session.scalars(select(Event).where(Event.kind == kind).order_by(Event.seq)))
        uow.session.expunge_all()  # keep the loaded values past the end of the transaction
        return rows


def parcel_row(db: Database, parcel_id: int) -> Parcel:
    with db.reader() as uow:
        row = uow.session.get(Parcel, parcel_id)
        assert row is not None
        uow.session.expunge_all()
        return row
