"""Small builders for test data in a real database (no mocks): a building, residents, shelves."""

from __future__ import annotations

import random
from dataclasses import dataclass

from kiosk.eventlog import Actor
from kiosk.persistence.models import (
    ActorKind,
    LocationKind,
    Property,
    Resident,
    ResidentStatus,
    Role,
    StaffUser,
    StorageLocation,
    Unit,
)
from kiosk.persistence.uow import Database
from kiosk.security import hash_pin
from kiosk.services.credentials import CredentialPolicy, CredentialService, load_hasher
from kiosk.services.parcels import ParcelService
from kiosk.tracking_samples import fedex, ups, usps

_rng = random.Random(1234)


def ups_number() -> str:
    return ups(_rng)


def usps_number() -> str:
    return usps(_rng)


def fedex_number() -> str:
    return fedex(_rng)


@dataclass
class Building:
    db: Database
    residents: dict[str, int]  # "unit:first" -> id
    staff: Actor
    staff_id: int
    credentials: CredentialService
    parcels: ParcelService


def make_building(db: Database, policy: CredentialPolicy | None = None, kiosk_id: str = "test") -> Building:
    """Two units, four residents (one moved out), shelves, a fridge and an oversize area, one staff."""
    with db.uow() as uow:
        s = uow.session
        prop = Property(name="Test Towers")
        s.add(prop)
        s.flush()
        u1, u2 = Unit(property_id=prop.id, number="101"), Unit(property_id=prop.id, number="202")
        s.add_all([u1, u2])
        s.flush()
        people = [
            Resident(unit_id=u1.id, first_name="Maria", last_name="Garcia", email="maria@example.com",
                     mobile="+15550100001", language="es"),
            Resident(unit_id=u1.id, first_name="Pedro", last_name="Garcia", email="pedro@example.com"),
            Resident(unit_id=u2.id, first_name="Wei", last_name="Chen", mobile="+15550100003",
                     notify_email=False),
            Resident(unit_id=u2.id, first_name="Old", last_name="Tenant", status=ResidentStatus.MOVED_OUT),
        ]
        s.add_all(people)
        for order, (code, kind) in enumerate([("A1", LocationKind.SHELF), ("A2", LocationKind.SHELF),
                                              ("FRIDGE", LocationKind.FRIDGE),
                                              ("OVERSIZE", LocationKind.OVERSIZE)]):
            s.add(StorageLocation(code=code, name=code.title() if len(code) > 2 else code,
                                  kind=kind, sort_order=order, capacity=10))
        staff = StaffUser(name="Sam Staff", role=Role.STAFF, pin_hash=hash_pin("1111"))
        s.add(staff)
        s.flush()
        ids = {f"{r.unit.number}:{r.first_name}": r.id for r in people}
        staff_id = staff.id
        uow.commit()
    credentials = CredentialService(db, load_hasher(db), policy or CredentialPolicy(), kiosk_id=kiosk_id)
    return Building(db, ids, Actor(ActorKind.STAFF, staff_id, "Sam Staff"), staff_id, credentials,
                    ParcelService(db, credentials, kiosk_id=kiosk_id))
