"""A synthetic building with a long, complete history, written with bulk inserts.

``build_building(url, residents=5000, parcels=200_000)`` migrates an empty database (SQLite
file or PostgreSQL) and fills it as years of use would: units and residents with realistic
names, shelves, and for every parcel of history what the kiosk itself writes — the parcel,
its two custody transitions, a used pickup code and its link, the e-mail and SMS notices
(sent, with their attempts) and three hash-chained events (received, notice sent, picked
up), so that ``packroom log verify`` passes on the result. A few hundred parcels are still
waiting, as in a real room. About 12 rows per parcel: 2.4 M rows at 200,000 parcels.

Rows go in through SQLAlchemy Core ``executemany`` (SQLite) or ``COPY`` (PostgreSQL), in
batches of ``BATCH`` parcels, one transaction per batch.
"""

from __future__ import annotations

import json
import queue
import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import func, insert, select, text

from kiosk.eventlog import GENESIS, event_hash
from kiosk.persistence.database import create_db_engine
from kiosk.persistence.migrate import upgrade
from kiosk.persistence.models import (
    ActorKind,
    Carrier,
    Channel,
    CredentialKind,
    CredentialParcel,
    Event,
    EventChainHead,
    LocationKind,
    OutboxAttempt,
    OutboxMessage,
    OutboxStatus,
    Parcel,
    ParcelStatus,
    ParcelTransition,
    PickupCredential,
    Property,
    Resident,
    Role,
    SizeClass,
    StaffUser,
    StorageLocation,
    Unit,
)
from kiosk.persistence.uow import Database
from kiosk.security import hash_pin
from kiosk.tracking_samples import amazon, fedex, ups, usps

BATCH = 10_000
_T = TypeVar("_T")
WAITING = 400  # parcels of the history still in the room
FIRST = (
    "Maria", "James", "Lucia", "Wei", "Aisha", "Carlos", "Emily", "Noah", "Sofia", "Liam", "Olivia", "Mateo",
    "Ava", "Diego", "Priya", "Ethan", "Valentina", "Kenji", "Fatima", "Lucas", "Grace", "Jose", "Hannah",
    "Omar", "Isabella", "Daniel", "Camila", "Samuel", "Chloe", "Andres", "Mohammed", "Yuki", "Chen", "Anna",
    "Peter", "Sarah", "David", "Laura", "Michael", "Elena", "Ahmed", "Nadia", "Ivan", "Olga", "Tomas", "Eva",
    "Jorge", "Carmen", "Luis", "Ana", "Miguel", "Rosa", "Pedro", "Julia", "Marco", "Giulia", "Hiroshi",
    "Mei", "Raj", "Anjali", "Kwame", "Amara", "Thomas", "Charlotte", "William", "Amelia", "Benjamin",
    "Mia", "Henry", "Harper", "Alexander", "Evelyn", "Sebastian", "Abigail", "Jack", "Ella", "Owen",
    "Scarlett", "Jacob", "Zoe", "Leo", "Nora", "Isaac", "Lily", "Gabriel", "Hazel", "Julian", "Aurora",
    "Elijah", "Stella", "Aaron", "Violet", "Adrian", "Ruby", "Nathan", "Alice", "Hugo", "Clara", "Felix",
    "Ines", "Jonas", "Lea", "Mathieu", "Chloé", "José", "Zoë", "Søren", "Björn", "Ngozi", "Oluwaseun",
)
LAST = (
    "Garcia", "Okafor", "Fernandez", "Chen", "Khan", "Lopez", "Johnson", "Smith", "Martinez", "Brown",
    "Nguyen", "Rodriguez", "Kim", "Hernandez", "Patel", "Williams", "Torres", "Tanaka", "Ali", "Silva",
    "Davis", "Ramirez", "Miller", "Haddad", "Gomez", "Wilson", "Diaz", "Moore", "Cohen", "Rossi", "Taylor",
    "Anderson", "Thomas", "Jackson", "White", "Harris", "Martin", "Thompson", "Young", "Allen", "King",
    "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts",
    "Carter", "Phillips", "Evans", "Turner", "Parker", "Collins", "Edwards", "Stewart", "Morris", "Murphy",
    "Cook", "Rogers", "Morgan", "Peterson", "Cooper", "Reed", "Bailey", "Bell", "Gonzalez", "Kelly",
    "Howard", "Ward", "Cox", "Richardson", "Wood", "Watson", "Brooks", "Bennett", "Gray", "James", "Reyes",
    "Cruz", "Hughes", "Price", "Myers", "Long", "Foster", "Sanders", "Ross", "Morales", "Powell",
    "Sullivan", "Russell", "Ortiz", "Jenkins", "Gutierrez", "Perry", "Butler", "Barnes", "Fisher",
    "Henderson", "Coleman", "Simmons", "Patterson", "Jordan", "Reynolds", "Hamilton", "Graham", "Wallace",
    "O'Brien", "McDonald", "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Dubois", "Lefèvre",
    "García-López", "Núñez", "Peña", "Ibáñez", "Kowalski", "Nowak", "Ivanova", "Petrov", "Yamamoto",
    "Suzuki", "Watanabe", "Wang", "Li", "Zhang", "Liu", "Huang", "Singh", "Kumar", "Sharma", "Das",
    "Mensah", "Boateng", "Adeyemi", "Abubakar", "Haddad", "Nasser", "Farouk", "Cohen-Levi", "Van der Berg",
)
_CARRIERS = (("ups", "UPS", ups), ("ups", "UPS", ups), ("usps", "USPS", usps), ("usps", "USPS", usps),
             ("fedex", "FedEx", fedex), ("amazon", "Amazon Logistics", amazon),
             ("amazon", "Amazon Logistics", amazon))
_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


@dataclass
class BuildReport:
    seconds: float
    residents: int
    parcels: int
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


@dataclass(frozen=True)
class Person:
    id: int
    unit_id: int
    unit: str
    first_name: str
    last_name: str
    mobile: str
    email: str


def _ts(at: datetime) -> str:
    """A UTC datetime as both backends store it (what ``UTCDateTime`` binds): naive, microseconds."""
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


class _Chain:
    """Builds hash-chained event rows exactly as :func:`kiosk.eventlog.append` would."""

    def __init__(self) -> None:
        self.seq = 0
        self.head = GENESIS

    def event(self, kind: str, at: datetime, actor: tuple[str, int | None, str], subject: tuple[str, int],
              data: dict[str, Any], kiosk: str = "desk-1") -> tuple[Any, ...]:
        self.seq += 1
        digest = event_hash(self.head, self.seq, at, kind, actor, subject, kiosk, data)
        row = (self.seq, _ts(at), kind, actor[0], actor[1], actor[2], subject[0], subject[1], kiosk,
               json.dumps(data), self.head, digest)
        self.head = digest
        return row


_COLUMNS: dict[str, tuple[str, ...]] = {
    "parcels": ("id", "code", "tracking_number", "tracking_tail", "tracking_valid", "carrier_id", "resident_id",
                "unit_id", "location_id", "size", "perishable", "oversized", "signature_required", "fragile",
                "status", "needs_attention", "attention_reason", "recipient_text", "received_at",
                "received_by_id", "notified_at", "closed_at", "picked_up_by_resident_id", "label_printed_at",
                "version", "notes"),
    "parcel_transitions": ("parcel_id", "from_status", "to_status", "at", "actor_kind", "actor_id",
                           "actor_label", "location_id", "reason"),
    "pickup_credentials": ("id", "kind", "resident_id", "secret_hash", "issued_at", "expires_at", "used_at",
                           "uses"),
    "credential_parcels": ("credential_id", "parcel_id"),
    "outbox": ("id", "idempotency_key", "kind", "resident_id", "channel", "recipient", "language", "payload",
               "status", "attempts", "not_before", "next_attempt_at", "last_error", "created_at", "sent_at"),
    "outbox_attempts": ("message_id", "at", "ok", "error"),
    "events": ("seq", "at", "kind", "actor_kind", "actor_id", "actor_label", "subject_kind", "subject_id",
               "kiosk", "data", "prev_hash", "hash"),
}
# Enum columns hold their values (``native_enum=False``): check the literals used below against the models.
assert (SizeClass.MEDIUM.value, ParcelStatus.RECEIVED.value, ParcelStatus.PICKED_UP.value) == ("M", "received",
                                                                                                 "picked_up")
assert (ActorKind.STAFF.value, ActorKind.RESIDENT.value, ActorKind.SYSTEM.value) == ("staff", "resident", "system")
assert (CredentialKind.PICKUP_CODE.value, OutboxStatus.SENT.value) == ("pickup_code", "sent")
assert (Channel.EMAIL.value, Channel.SMS.value) == ("email", "sms")
assert {c.name for t in (Parcel, ParcelTransition, PickupCredential, CredentialParcel, OutboxMessage, OutboxAttempt,
                         Event) for c in t.__table__.columns} >= {c for cols in _COLUMNS.values() for c in cols}


def _parcel_code(rng: random.Random, used: set[str]) -> str:
    while True:
        code = "".join(rng.choices(_CODE_ALPHABET, k=8))
        if code not in used:
            used.add(code)
            return code


def populate(db: Database, rng: random.Random, residents: int) -> tuple[list[Person], list[int], dict[str, int], int]:
    """Units (two residents each), residents, shelves, a fridge, carriers and one staff member:
    (people, shelf ids, carrier ids by code, staff id)."""
    with db.uow() as uow:
        s = uow.session
        prop = Property(name="Bench Towers")
        s.add(prop)
        s.flush()
        units = residents // 2 + 1
        numbers = [f"{1 + i // 50}{i % 50 + 1:02d}" for i in range(units)]
        s.execute(insert(Unit), [{"property_id": prop.id, "number": n, "building": "", "floor": n[:-2]}
                                 for n in numbers])
        unit_ids = {number: uid for number, uid in s.execute(select(Unit.number, Unit.id))}
        rows = []
        for i in range(residents):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            unit = numbers[i // 2]
            rows.append({"unit_id": unit_ids[unit], "first_name": first, "last_name": last,
                         "email": f"r{i}@example.com", "mobile": f"+1555{i:07d}",
                         "language": "es" if rng.random() < 0.2 else "en"})
        s.execute(insert(Resident), rows)
        number_of = {uid: n for n, uid in unit_ids.items()}
        people = [Person(rid, uid, number_of[uid], first, last, mobile, email) for rid, uid, first, last, mobile, email
                  in s.execute(select(Resident.id, Resident.unit_id, Resident.first_name, Resident.last_name,
                                      Resident.mobile, Resident.email).order_by(Resident.id))]
        for i in range(18):
            s.add(StorageLocation(code=f"S{i:02d}", name=f"Shelf {chr(65 + i // 6)}{i % 6 + 1}",
                                  kind=LocationKind.SHELF, sort_order=i, capacity=40))
        s.add(StorageLocation(code="FRIDGE", name="Fridge", kind=LocationKind.FRIDGE, sort_order=30, capacity=20))
        s.add(StorageLocation(code="OVERSIZE", name="Oversize area", kind=LocationKind.OVERSIZE, sort_order=31,
                              capacity=30))
        for code, name in sorted({(c, n) for c, n, _g in _CARRIERS}):
            s.add(Carrier(code=code, name=name))
        staff = StaffUser(name="Bench Staff", role=Role.STAFF, pin_hash=hash_pin("1111"))
        s.add(staff)
        s.flush()
        locations = list(s.scalars(select(StorageLocation.id).where(StorageLocation.kind == LocationKind.SHELF)))
        carriers = {code: cid for code, cid in s.execute(select(Carrier.code, Carrier.id))}
        staff_id = staff.id
        uow.commit()
    return people, locations, carriers, staff_id


def _history(rng: random.Random, people: list[Person], locations: list[int], carriers: dict[str, int],
             staff_id: int, parcels: int, now: datetime, chain: _Chain
             ) -> Iterator[tuple[int, dict[str, list[tuple[Any, ...]]]]]:
    """Batches of rows (tuples in :data:`_COLUMNS` order), tables in foreign-key order; parcels by arrival."""
    used: set[str] = set()
    span = timedelta(days=365 * max(1, parcels // 200_000))  # 200,000 parcels a year, a busy building
    start = now - span
    staff_actor = ("staff", staff_id, "Bench Staff")
    outbox_id = 0
    for first in range(0, parcels, BATCH):
        tables: dict[str, list[tuple[Any, ...]]] = {name: [] for name in _COLUMNS}
        parcel_rows, transitions, credentials, links, outbox, attempts, events = tables.values()
        for i in range(first, min(first + BATCH, parcels)):
            pid = i + 1
            person = people[rng.randrange(len(people))]
            carrier, _name, generate = rng.choice(_CARRIERS)
            number = generate(rng)
            code = _parcel_code(rng, used)
            received = start + span * (i / parcels) + timedelta(seconds=rng.randint(0, 600))
            waiting = i >= parcels - WAITING
            picked = None if waiting else received + timedelta(minutes=rng.randint(30, 60 * 24 * 6))
            sent = received + timedelta(minutes=2)
            at, at_sent, at_picked = _ts(received), _ts(sent), _ts(picked) if picked else None
            location = rng.choice(locations)
            parcel_rows.append((
                pid, code, number, number[-8:], True, carriers[carrier], person.id, person.unit_id, location, "M",
                False, False, False, False, "received" if waiting else "picked_up", False, "", "", at, staff_id,
                at_sent, at_picked, None if waiting else person.id, at, 1 if waiting else 2, ""))
            transitions.append((pid, None, "received", at, "staff", staff_id, "Bench Staff", location, ""))
            events.append(chain.event("parcel.received", received, staff_actor, ("parcel", pid), {
                "code": code, "tracking": number, "carrier": carrier, "location": f"L{location}",
                "resident_id": person.id, "flags": [], "attention": ""}))
            credentials.append((pid, "pickup_code", person.id, f"{rng.getrandbits(256):064x}", at,
                                _ts(received + timedelta(days=14)), at_picked, 0 if waiting else 1))
            links.append((pid, pid))
            for channel, recipient in (("email", person.email), ("sms", person.mobile)):
                outbox_id += 1
                payload = json.dumps({"parcel_codes": [code], "shelf": "Shelf", "perishable": False,
                                      "signature_required": False})
                outbox.append((outbox_id, f"arrival:{code}:{channel}", "arrival", person.id, channel, recipient,
                               "en", payload, "sent", 1, at_sent, at_sent, "", at, at_sent))
                attempts.append((outbox_id, at_sent, True, ""))
            events.append(chain.event("notice.sent", sent, ("system", None, "packroom"), ("outbox", outbox_id - 1), {
                "kind": "arrival", "channel": "email", "parcels": [code], "merged": [], "attempt": 1}))
            if picked is not None:
                transitions.append((pid, "received", "picked_up", at_picked, "resident", person.id,
                                    f"{person.first_name} {person.last_name[:1]}.", location,
                                    "collected through the package-room door"))
                events.append(chain.event("parcel.picked_up", picked, ("resident", person.id, ""),
                                          ("parcel", pid), {"code": code, "reason": ""}))
        yield min(first + BATCH, parcels), tables


def _write(raw: Any, postgres: bool, table: str, rows: list[tuple[Any, ...]]) -> None:
    """Rows straight to the driver: COPY on PostgreSQL, executemany on SQLite."""
    columns = _COLUMNS[table]
    if postgres:
        with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        marks = ", ".join("?" * len(columns))
        raw.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def _prefetched(batches: Iterator[_T]) -> Iterator[_T]:
    """Generate the next batch on a thread while this one is written (the driver releases the GIL)."""
    ahead: queue.Queue[tuple[bool, Any]] = queue.Queue(maxsize=1)

    def produce() -> None:
        try:
            for batch in batches:
                ahead.put((True, batch))
        except BaseException as exc:
            ahead.put((False, exc))
        else:
            ahead.put((False, None))

    threading.Thread(target=produce, name="bench-history", daemon=True).start()
    while True:
        more, item = ahead.get()
        if not more:
            if item is not None:
                raise item
            return
        yield item


def build_building(url: str, residents: int = 5000, parcels: int = 200_000, seed: int = 1,
                   progress: Callable[[str], None] | None = None) -> tuple[Database, BuildReport]:
    """Migrate the empty database at ``url`` and fill it; returns it open, with what it took."""
    started = time.perf_counter()
    engine = create_db_engine(url)
    upgrade(engine)
    db = Database(engine)
    rng = random.Random(seed)
    now = datetime.now(UTC)
    people, locations, carriers, staff_id = populate(db, rng, residents)
    chain = _Chain()
    report = BuildReport(0.0, residents, parcels)
    postgres = engine.dialect.name == "postgresql"
    for done, tables in _prefetched(_history(rng, people, locations, carriers, staff_id, parcels, now, chain)):
        with engine.begin() as connection:  # SQLite: BEGIN IMMEDIATE, as every writer
            raw = connection.connection.driver_connection
            if not postgres:  # loading only: a big page cache; the benchmark gets a fresh engine
                raw.execute("PRAGMA cache_size = -262144")
            for table, rows in tables.items():
                if rows:
                    _write(raw, postgres, table, rows)
                    report.rows[table] = report.rows.get(table, 0) + len(rows)
        if progress and (done % (BATCH * 10) == 0 or done == parcels):
            progress(f"{done:,} parcels written ({time.perf_counter() - started:.0f} s)")
    with engine.begin() as connection:
        connection.execute(insert(EventChainHead), [{"id": 1, "seq": chain.seq, "hash": chain.head}])
        if postgres:
            for table in ("parcels", "pickup_credentials", "outbox", "outbox_attempts", "parcel_transitions"):
                connection.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
    if postgres:
        # A database that has run for years has been vacuumed and analysed by autovacuum long ago. Do both
        # now: left to autovacuum, the vacuum of millions of fresh rows runs during the measurements.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM (ANALYZE)"))
    with db.reader() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Parcel)) == parcels
    report.seconds = time.perf_counter() - started
    return db, report
