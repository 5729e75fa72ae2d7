"""The demo building: a realistic property to try Packroom on with no set-up.

144 units on 12 floors, about 160 residents (English and Spanish speakers, a few moved out),
shelves A1–C6, a fridge and an oversize area, a small simulated locker bank with three parcels in it
(one for unit 512), three staff accounts with known PINs, and waiting
parcels from every major carrier with valid tracking numbers. Three residents get known pickup
codes so anyone can try the resident screen: see :data:`DEMO_CODES`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from kiosk import eventlog
from kiosk.eventlog import Actor
from kiosk.persistence.models import (
    ActorKind,
    AppState,
    Carrier,
    LocationKind,
    Property,
    Resident,
    ResidentStatus,
    Role,
    SizeClass,
    StaffUser,
    StorageLocation,
    Unit,
)
from kiosk.persistence.uow import Database
from kiosk.security import hash_pin
from kiosk.services.credentials import CredentialPolicy, CredentialService, load_hasher
from kiosk.services.parcels import IntakeRequest, ParcelService
from kiosk.tracking_samples import sample_tracking_number

DEMO_STAFF = (("Alex Rivera", Role.ADMIN, "2468"), ("Jordan Lee", Role.MANAGER, "1357"),
              ("Sam Patel", Role.STAFF, "1111"))
# unit -> (first, last, language, pickup code)
DEMO_CODES = {"204": ("Maria", "Garcia", "es", "246810"), "512": ("James", "Okafor", "en", "135790"),
              "1007": ("Lucia", "Fernandez", "es", "975310")}
CARRIERS = (("ups", "UPS"), ("fedex", "FedEx"), ("usps", "USPS"), ("amazon", "Amazon Logistics"),
            ("dhl", "DHL"), ("ontrac", "OnTrac"), ("lasership", "LaserShip"))
FIRST = ("Maria", "James", "Lucia", "Wei", "Aisha", "Carlos", "Emily", "Noah", "Sofia", "Liam", "Olivia",
         "Mateo", "Ava", "Diego", "Priya", "Ethan", "Valentina", "Kenji", "Fatima", "Lucas", "Grace",
         "Jose", "Hannah", "Omar", "Isabella", "Daniel", "Camila", "Samuel", "Chloe", "Andres")
LAST = ("Garcia", "Okafor", "Fernandez", "Chen", "Khan", "Lopez", "Johnson", "Smith", "Martinez", "Brown",
        "Nguyen", "Rodriguez", "Kim", "Hernandez", "Patel", "Williams", "Torres", "Tanaka", "Ali", "Silva",
        "Davis", "Ramirez", "Miller", "Haddad", "Gomez", "Wilson", "Diaz", "Moore", "Cohen", "Rossi")
# name, board URL (a simulated lock board), compartment sizes by channel
DEMO_LOCKERS = ("Lobby lockers", "sim:?channels=12", (SizeClass.SMALL,) * 4 + (SizeClass.MEDIUM,) * 3
                + (SizeClass.LARGE,) * 2)
SPANISH_LAST = {"Garcia", "Fernandez", "Lopez", "Martinez", "Rodriguez", "Hernandez", "Torres", "Ramirez",
                "Gomez", "Diaz", "Silva"}


@dataclass(frozen=True)
class DemoSummary:
    units: int
    residents: int
    parcels: int
    skipped: bool = False
    in_lockers: int = 0

    def __str__(self) -> str:
        if self.skipped:
            return "the database already has residents; nothing seeded (use --force to add the demo anyway)"
        staff = ", ".join(f"{name} ({role.value}) PIN {pin}" for name, role, pin in DEMO_STAFF)
        codes = ", ".join(f"unit {unit}: {code}" for unit, (_, _, _, code) in DEMO_CODES.items())
        return (f"demo building seeded: {self.units} units, {self.residents} residents, "
                f"{self.parcels} waiting parcels" + (f" (and {self.in_lockers} in lockers)" if self.in_lockers else "")
                + f"\nstaff: {staff}\npickup codes: {codes}")


def is_empty(db: Database) -> bool:
    with db.reader() as uow:
        return not uow.session.scalar(select(func.count()).select_from(Resident))


def seed_demo(db: Database, parcels: int = 24, force: bool = False, seed: int = 7,
              now: datetime | None = None) -> DemoSummary:
    """Fill an empty database with the demo building (idempotent unless ``force``)."""
    if not force and not is_empty(db):
        return DemoSummary(0, 0, 0, skipped=True)
    now = now or datetime.now(UTC)
    rng = random.Random(seed)
    resident_ids: list[int] = []
    named: dict[str, int] = {}
    with db.uow() as uow:
        session = uow.session
        prop = session.scalar(select(Property).limit(1))
        if prop is None:
            prop = Property(name="Packroom Demo Residences", address="400 Harbor Street, Springfield")
            session.add(prop)
        for code, name in CARRIERS:
            if session.scalar(select(Carrier).where(Carrier.code == code)) is None:
                session.add(Carrier(code=code, name=name))
        for name, role, pin in DEMO_STAFF:
            if session.scalar(select(StaffUser).where(StaffUser.name == name)) is None:
                session.add(StaffUser(name=name, role=role, pin_hash=hash_pin(pin),
                                      badge_id=f"STAFF-{pin}"))
        order = 0
        for row in "ABC":
            for col in range(1, 7):
                order += 1
                # On the room map: rows A, B, C from the back wall, with an aisle between each.
                _location(session, f"{row}{col}", f"{row}{col}", LocationKind.SHELF, order, 25,
                          (col - 1, "ABC".index(row) * 2))
        _location(session, "FRIDGE", "Fridge", LocationKind.FRIDGE, 50, 12, (7, 0))
        _location(session, "OVERSIZE", "Oversize", LocationKind.OVERSIZE, 60, 15, (7, 3))
        session.flush()
        units = badge = 0
        for floor in range(1, 13):
            for door in range(1, 13):
                number = f"{floor}{door:02d}"
                unit = session.scalar(select(Unit).where(Unit.property_id == prop.id, Unit.number == number))
                if unit is None:
                    unit = Unit(property_id=prop.id, number=number, floor=str(floor))
                    session.add(unit)
                    session.flush()
                units += 1
                if number in DEMO_CODES:
                    first, last, lang, _ = DEMO_CODES[number]
                    people = [(first, last, lang)]
                else:
                    people = []
                    for _ in range(rng.choice((0, 1, 1, 1, 2, 2))):
                        last = rng.choice(LAST)
                        lang = "es" if last in SPANISH_LAST and rng.random() < 0.6 else "en"
                        people.append((rng.choice(FIRST), last, lang))
                for first, last, lang in people:
                    badge += 1
                    moved_out = number not in DEMO_CODES and rng.random() < 0.04
                    resident = Resident(
                        unit_id=unit.id, first_name=first, last_name=last, language=lang,
                        email=f"{first}.{last}.{number}@example.com".lower(),
                        mobile=f"+1555{rng.randint(1000000, 9999999)}",
                        status=ResidentStatus.MOVED_OUT if moved_out else ResidentStatus.ACTIVE,
                        move_in=date(2024, rng.randint(1, 12), rng.randint(1, 28)),
                        move_out=(now.date() - timedelta(days=20)) if moved_out else None,
                        badge_id=f"FOB{10000 + badge:05d}",
                    )
                    session.add(resident)
                    session.flush()
                    if not moved_out:
                        resident_ids.append(resident.id)
                    if number in DEMO_CODES:
                        named[number] = resident.id
        session.add(AppState(key="demo", value=now.isoformat()))
        eventlog.append(session, "demo.seeded", Actor.system(), data={"units": units,
                                                                      "residents": len(resident_ids)})
        uow.commit()

    credentials = CredentialService(db, load_hasher(db), CredentialPolicy(valid_days=30))
    service = ParcelService(db, credentials)
    staff = Actor(ActorKind.STAFF, None, "demo")
    made = 0
    targets = list(named.values()) * 2 + [rng.choice(resident_ids) for _ in range(max(parcels - 6, 0))]
    for index, resident_id in enumerate(targets[:parcels]):
        perishable = index % 11 == 5
        size = rng.choice((SizeClass.SMALL, SizeClass.MEDIUM, SizeClass.MEDIUM, SizeClass.LARGE))
        received = now - timedelta(hours=rng.randint(1, 24 * 12))
        service.intake(IntakeRequest(sample_tracking_number(rng), resident_id=resident_id, size=size,
                                     perishable=perishable, signature_required=index % 9 == 4),
                       staff, now=received)
        made += 1
    in_lockers = _demo_lockers(db, service, staff, named, resident_ids, rng, now)
    # Known codes for the demo residents, so the resident screen can be tried at once.
    for number, resident_id in named.items():
        credentials.reissue(resident_id, staff, now, code=DEMO_CODES[number][3])
    return DemoSummary(units, len(resident_ids), made, in_lockers=in_lockers)


def _demo_lockers(db: Database, parcels: ParcelService, staff: Actor, named: dict[str, int],
                  resident_ids: list[int], rng: random.Random, now: datetime) -> int:
    """A small simulated locker bank (:data:`DEMO_LOCKERS`) with three parcels in it, one for unit 512."""
    from kiosk.services.lockers import BankSpec, CompartmentSpec, LockerService

    lockers = LockerService(db, parcels, kiosk_id="demo")
    lockers.define_bank(BankSpec(DEMO_LOCKERS[0], DEMO_LOCKERS[1], tuple(
        CompartmentSpec(str(channel), size, 0, channel) for channel, size in enumerate(DEMO_LOCKERS[2], start=1))),
        staff, now=now - timedelta(days=13))
    made = 0
    for resident_id, size in ((named.get("512"), SizeClass.SMALL), (rng.choice(resident_ids), SizeClass.MEDIUM),
                              (rng.choice(resident_ids), SizeClass.SMALL)):
        if resident_id is not None:
            lockers.intake(IntakeRequest(sample_tracking_number(rng), resident_id=resident_id, size=size), staff,
                           now=now - timedelta(hours=rng.randint(2, 48)))
            made += 1
    return made


def _location(session, code: str, name: str, kind: LocationKind, order: int,
              capacity: int, map_xy: tuple[int, int] | None = None) -> None:
    if session.scalar(select(StorageLocation).where(StorageLocation.code == code)) is None:
        session.add(StorageLocation(code=code, name=name, kind=kind, sort_order=order, capacity=capacity,
                                    map_x=map_xy[0] if map_xy else None, map_y=map_xy[1] if map_xy else None))
