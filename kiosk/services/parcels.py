"""Parcels: intake, custody queries and release — each one transaction, plain data out.

Every change of status writes a :class:`ParcelTransition` and an event-log entry in the same
transaction, and intake queues the resident's notices in that transaction too (the durable
outbox), so a parcel acknowledged on screen has its custody record and its notice, or nothing.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, func, literal, or_, select, union_all
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.exc import StaleDataError

from kiosk import eventlog
from kiosk.eventlog import Actor
from kiosk.persistence.models import (
    TAIL_LENGTH,
    WAITING_STATUSES,
    ActorKind,
    Carrier,
    Channel,
    ExpectedParcel,
    LocationKind,
    OutboxMessage,
    OutboxStatus,
    Parcel,
    ParcelStatus,
    ParcelTransition,
    Resident,
    ResidentStatus,
    SizeClass,
    StorageLocation,
    Unit,
    short_name,
    tail_key,
)
from kiosk.persistence.uow import Database
from kiosk.security import PARCEL_CODE_LENGTH, new_parcel_code
from kiosk.services.credentials import CredentialService
from kiosk.tracking import parse as parse_tracking

log = logging.getLogger(__name__)


class ParcelError(Exception):
    """A parcel operation was refused; the message is fit to show staff or residents."""


class DuplicateParcel(ParcelError):
    def __init__(self, existing: ParcelInfo) -> None:
        where = f" on {existing.location_name}" if existing.location_name else ""
        super().__init__(
            f"{existing.tracking_number} is already in the room{where} "
            f"(parcel {existing.code}, received {existing.received_at:%d %b %H:%M})"
        )
        self.existing = existing


class ParcelNotWaiting(ParcelError):
    """The parcel was already picked up, returned or lost (perhaps at another kiosk just now)."""


class NotYourParcel(ParcelError):
    """A parcel presented at pickup belongs to someone else."""


@dataclass(frozen=True)
class ParcelInfo:
    """What screens need about one parcel. ``recipient`` is first name + last initial only."""

    id: int
    code: str
    tracking_number: str
    carrier: str | None
    status: ParcelStatus
    resident_id: int | None
    recipient: str
    unit: str
    location_code: str | None
    location_name: str | None
    location_kind: LocationKind | None
    size: SizeClass
    perishable: bool
    oversized: bool
    signature_required: bool
    fragile: bool
    needs_attention: bool
    attention_reason: str
    received_at: datetime
    closed_at: datetime | None


@dataclass(frozen=True)
class IntakeRequest:
    tracking_text: str
    resident_id: int | None = None
    size: SizeClass = SizeClass.MEDIUM
    perishable: bool = False
    oversized: bool = False
    signature_required: bool = False
    fragile: bool = False
    location_code: str | None = None
    recipient_text: str = ""
    allow_duplicate: bool = False
    attention_reason: str = ""


@dataclass(frozen=True)
class IntakeResult:
    parcel: ParcelInfo
    tracking_valid: bool
    picked_up_before: bool
    pickup_code: str | None  # plaintext, only when a new code was issued
    notices_queued: int
    warnings: tuple[str, ...] = field(default_factory=tuple)


def _info(parcel: Parcel, resident: Resident | None, unit: Unit | None, location: StorageLocation | None,
          carrier: str | None) -> ParcelInfo:
    return ParcelInfo(
        id=parcel.id,
        code=parcel.code,
        tracking_number=parcel.tracking_number,
        carrier=carrier,
        status=ParcelStatus(parcel.status),
        resident_id=parcel.resident_id,
        recipient=resident.display_name if resident else "",
        unit=unit.number if unit else "",
        location_code=location.code if location else None,
        location_name=location.name if location else None,
        location_kind=LocationKind(location.kind) if location else None,
        size=SizeClass(parcel.size),
        perishable=parcel.perishable,
        oversized=parcel.oversized,
        signature_required=parcel.signature_required,
        fragile=parcel.fragile,
        needs_attention=parcel.needs_attention,
        attention_reason=parcel.attention_reason,
        received_at=parcel.received_at,
        closed_at=parcel.closed_at,
    )


# The columns a ParcelInfo is made of, read as plain rows: a list of 300 parcels is built without
# creating (and tracking) five ORM objects per parcel.
_INFO_COLUMNS = (
    Parcel.id, Parcel.code, Parcel.tracking_number, Carrier.code, Parcel.status, Parcel.resident_id,
    Resident.first_name, Resident.last_name, Unit.number, StorageLocation.code, StorageLocation.name,
    StorageLocation.kind, Parcel.size, Parcel.perishable, Parcel.oversized, Parcel.signature_required,
    Parcel.fragile, Parcel.needs_attention, Parcel.attention_reason, Parcel.received_at, Parcel.closed_at,
)


_RECEIVED_AT = next(i for i, column in enumerate(_INFO_COLUMNS) if column is Parcel.received_at)


def _parcel_query():
    return (
        select(*_INFO_COLUMNS)
        .outerjoin(Resident, Parcel.resident_id == Resident.id)
        .outerjoin(Unit, Parcel.unit_id == Unit.id)
        .outerjoin(StorageLocation, Parcel.location_id == StorageLocation.id)
        .outerjoin(Carrier, Parcel.carrier_id == Carrier.id)
    )


# Value → member, without the enum call per row (a list is built from hundreds of rows).
_STATUS = {m.value: m for m in ParcelStatus} | {m: m for m in ParcelStatus}
_KIND = {m.value: m for m in LocationKind} | {m: m for m in LocationKind}
_SIZE = {m.value: m for m in SizeClass} | {m: m for m in SizeClass}


def _info_from_row(row: Any) -> ParcelInfo:
    (pid, code, tracking, carrier, status, resident_id, first, last, unit, loc_code, loc_name, loc_kind,
     size, perishable, oversized, signature, fragile, attention, reason, received, closed) = row
    return ParcelInfo(
        id=pid, code=code, tracking_number=tracking, carrier=carrier, status=_STATUS[status],
        resident_id=resident_id, recipient=short_name(first, last) if first is not None else "",
        unit=unit or "", location_code=loc_code, location_name=loc_name,
        location_kind=_KIND[loc_kind] if loc_code is not None else None, size=_SIZE[size],
        perishable=perishable, oversized=oversized, signature_required=signature, fragile=fragile,
        needs_attention=attention, attention_reason=reason, received_at=received, closed_at=closed,
    )


def load_infos(session: Session, where: Sequence[object], limit: int | None = None,
               order_newest: bool = True) -> list[ParcelInfo]:
    query = _parcel_query().where(*where)
    query = query.order_by(Parcel.received_at.desc() if order_newest else Parcel.received_at)
    if limit:
        query = query.limit(limit)
    return [_info_from_row(row) for row in session.execute(query)]


LIST_LIMIT = 300  # parcels in a staff list without a search (a busy room holds a few hundred)
SEARCH_LIMIT = 100  # parcels a search shows, newest first (a unit's whole history can be hundreds)


def list_limit(query: str) -> int:
    """How many parcels the staff list shows for ``query``: more than that, and it says so."""
    return SEARCH_LIMIT if query.strip() else LIST_LIMIT


SHELF_COUNT_MAX_AGE = 60.0  # seconds a kiosk keeps its count of waiting parcels per shelf

# The staff lists: their filter in SQL, and the same test on a row already read.
_LISTS: dict[str, Any] = {
    "waiting": lambda: [Parcel.status.in_(WAITING_STATUSES)],
    "attention": lambda: [Parcel.status.in_(WAITING_STATUSES), Parcel.needs_attention.is_(True)],
    "perishable": lambda: [Parcel.status.in_(WAITING_STATUSES), Parcel.perishable.is_(True)],
    "closed": lambda: [Parcel.status.not_in(WAITING_STATUSES)],
    "all": lambda: [],
}


def _in_list(name: str, status: str, needs_attention: bool, perishable: bool) -> bool:
    waiting = ParcelStatus(status) in WAITING_STATUSES
    return {"waiting": waiting, "attention": waiting and needs_attention, "perishable": waiting and perishable,
            "closed": not waiting, "all": True}[name]


@dataclass(frozen=True)
class _SearchStatements:
    """The staff search's statements, built once: building and keying a statement costs more than
    running it on an index."""

    whole: Any
    tail: Any
    small: Any
    by_ids: Any


@functools.cache
def _search_statements() -> _SearchStatements:
    def with_filters(*where: Any) -> Any:
        return (select(Parcel.id, Parcel.status, Parcel.needs_attention, Parcel.perishable).where(*where)
                .order_by(Parcel.id.desc()).limit(bindparam("limit")))

    return _SearchStatements(
        whole=with_filters(or_(Parcel.code == bindparam("text"), Parcel.tracking_number == bindparam("text"))),
        tail=with_filters(Parcel.tracking_tail >= bindparam("start"), Parcel.tracking_tail < bindparam("end"),
                          Parcel.tracking_tail.like(bindparam("pattern"))),
        small=union_all(
            select(literal(0), Unit.id).where(Unit.number == bindparam("text")),
            select(literal(1), StorageLocation.id).where(func.upper(StorageLocation.code) == bindparam("upper")),
            select(literal(2), Carrier.id).where(func.lower(Carrier.code) == bindparam("lower")),
        ),
        # No ORDER BY ... LIMIT: the few rows are sorted here, whatever index the planner fancies.
        by_ids=_parcel_query().where(Parcel.id.in_(bindparam("ids", expanding=True))),
    )


@functools.cache
def _by_column(status: str, which: int) -> Any:
    """Parcels of the list ``status`` by unit (0), shelf (1) or carrier (2) ids."""
    column = (Parcel.unit_id, Parcel.location_id, Parcel.carrier_id)[which]
    return (select(Parcel.id).where(column.in_(bindparam("ids", expanding=True)), *_LISTS[status]())
            .order_by(Parcel.id.desc()).limit(bindparam("limit")))


class ParcelService:
    """Intake, queries and release of parcels."""

    def __init__(self, db: Database, credentials: CredentialService, kiosk_id: str = "") -> None:
        self._db = db
        self._credentials = credentials
        self._kiosk = kiosk_id
        self._carrier_ids: dict[str, int] = {}
        self._load: dict[int | None, int] | None = None  # see _waiting_per_location
        self._load_at = 0.0
        self._load_lock = threading.Lock()

    # ------------------------------------------------------------------ intake

    def intake(self, request: IntakeRequest, actor: Actor, now: datetime | None = None) -> IntakeResult:
        """Save one parcel with its custody record, pickup code and queued notices."""
        now = now or datetime.now(UTC)
        parsed = parse_tracking(request.tracking_text)
        number = parsed.number or request.tracking_text.strip().upper()
        if not number:
            raise ParcelError("the scan was empty; scan the parcel's tracking barcode again")
        if len(number) > 64:
            raise ParcelError("that barcode is too long to be a tracking number")
        warnings: list[str] = []
        if not parsed.valid:
            warnings.append(f"{number} is not a known tracking-number format; check it was the right barcode")
        with self._db.uow() as uow:
            session = uow.session
            # Mostly nothing: only the statuses first, the whole parcels only for a number seen before.
            seen = session.execute(_search_statements().whole, {"text": number, "limit": 5}).all()
            existing = load_infos(session, [Parcel.tracking_number == number], limit=5) if seen else []
            waiting = [p for p in existing if p.status in WAITING_STATUSES]
            if waiting and not request.allow_duplicate:
                raise DuplicateParcel(waiting[0])
            picked_up_before = any(p.status == ParcelStatus.PICKED_UP for p in existing)
            if picked_up_before:
                warnings.append("a parcel with this tracking number was picked up before")

            # No recipient chosen: the resident who pre-registered this number, if exactly one did.
            resident_id = request.resident_id or _pre_registered(session, number)
            # With its unit: the label and the notices need the unit number (one statement, not two).
            resident = (session.get(Resident, resident_id, options=[joinedload(Resident.unit)])
                        if resident_id else None)
            attention = request.attention_reason
            if request.resident_id and resident is None:
                raise ParcelError("that resident no longer exists; pick the recipient again")
            if resident is None and not attention:
                attention = "recipient unknown"
            if resident is not None and resident.status == ResidentStatus.MOVED_OUT:
                attention = "recipient moved out"
                warnings.append(f"{resident.display_name} has moved out; the parcel needs attention")

            location = self._choose_location(session, request)
            parcel = Parcel(
                code=self._unique_code(session),
                tracking_number=number,
                tracking_tail=tail_key(number),
                tracking_valid=parsed.valid,
                carrier_id=self._carrier_id(session, parsed.carrier),
                resident_id=resident.id if resident else None,
                unit_id=resident.unit_id if resident else None,
                location_id=location.id if location else None,
                size=request.size,
                perishable=request.perishable,
                oversized=request.oversized or request.size == SizeClass.EXTRA_LARGE,
                signature_required=request.signature_required,
                fragile=request.fragile,
                status=ParcelStatus.RECEIVED,
                needs_attention=bool(attention),
                attention_reason=attention,
                recipient_text=request.recipient_text[:400],
                received_at=now,
                received_by_id=actor.id if actor.kind == ActorKind.STAFF else None,
            )
            session.add(parcel)
            session.flush()
            self._transition(session, parcel, None, ParcelStatus.RECEIVED, actor, now, location)
            eventlog.append(
                session, "parcel.received", actor, subject_kind="parcel", subject_id=parcel.id,
                kiosk=self._kiosk, at=now,
                data={"code": parcel.code, "tracking": number, "carrier": parsed.carrier,
                      "location": location.code if location else None, "resident_id": parcel.resident_id,
                      "flags": _flags(parcel), "attention": attention},
            )
            for expected in session.scalars(select(ExpectedParcel).where(
                    ExpectedParcel.tracking_number == number, ExpectedParcel.matched_parcel_id.is_(None))):
                if expected.resident_id == parcel.resident_id:
                    expected.matched_parcel_id = parcel.id
            code = None
            notices = 0
            if resident is not None and not attention:
                code = self._credentials.attach_parcel(session, resident, parcel, now)
                notices = self._queue_arrival(session, resident, parcel, location, code, now)
            # Read before the commit: afterwards each lazy load would open a transaction of its own.
            info = _info(parcel, resident, resident.unit if resident else None, location,
                         parsed.carrier if parcel.carrier_id else None)
            uow.commit()
            self._shelf_changed(parcel.location_id, added=1)
        return IntakeResult(info, parsed.valid, picked_up_before, code, notices, tuple(warnings))

    def _unique_code(self, session: Session) -> str:
        for _ in range(20):
            code = new_parcel_code()
            if session.scalar(select(Parcel.id).where(Parcel.code == code)) is None:
                return code
        raise ParcelError("could not allocate a parcel code")  # 32^8 codes: practically unreachable

    def _carrier_id(self, session: Session, carrier: str | None) -> int | None:
        if carrier is None:
            return None
        if carrier not in self._carrier_ids:
            row = session.scalar(select(Carrier).where(Carrier.code == carrier))
            if row is None:
                row = Carrier(code=carrier, name=carrier.replace("_", " ").title())
                try:
                    with session.begin_nested():  # added inside the savepoint: its failure stays there
                        session.add(row)
                        session.flush()
                except IntegrityError:  # another kiosk added it just now
                    row = session.scalars(select(Carrier).where(Carrier.code == carrier)).one()
                else:
                    # Not cached: the row is only ours until this intake commits. Were it rolled
                    # back, a cached id would make every later intake of the carrier fail.
                    return row.id
            self._carrier_ids[carrier] = row.id
        return self._carrier_ids[carrier]

    def _choose_location(self, session: Session, request: IntakeRequest) -> StorageLocation | None:
        if request.location_code:
            location = session.scalar(
                select(StorageLocation).where(StorageLocation.code == request.location_code.strip().upper())
            )
            if location is None or not location.active:
                raise ParcelError(f"shelf {request.location_code!r} is not a known storage location")
            return location
        if request.perishable:
            kinds = [LocationKind.FRIDGE, LocationKind.SHELF]
        elif request.oversized or request.size == SizeClass.EXTRA_LARGE:
            kinds = [LocationKind.OVERSIZE, LocationKind.ZONE, LocationKind.SHELF]
        else:
            kinds = [LocationKind.SHELF, LocationKind.BIN, LocationKind.ZONE]
        load = self._waiting_per_location(session)
        rows = session.scalars(
            select(StorageLocation)
            .where(StorageLocation.kind.in_(kinds), StorageLocation.active.is_(True),
                   StorageLocation.out_of_service.is_(False))
            .order_by(StorageLocation.sort_order, StorageLocation.code)
        ).all()
        for kind in kinds:
            places = [place for place in rows if place.kind == kind]
            if places:
                # least full relative to capacity; ties keep the walking order
                return min(places, key=lambda place: load.get(place.id, 0) / max(place.capacity, 1))
        return None

    def _waiting_per_location(self, session: Session) -> dict[int | None, int]:
        """Waiting parcels per storage location, as this kiosk last counted them.

        Counting walks every waiting parcel's index entry (3 ms at 10,000 waiting), so the count is
        kept: this kiosk's own intakes add to it, its moves and releases drop it, and it is counted
        afresh once it is SHELF_COUNT_MAX_AGE old (other kiosks' intakes and pickups). It only picks
        the least full shelf; a count a minute old picks as well.
        """
        with self._load_lock:
            if self._load is not None and time.monotonic() - self._load_at < SHELF_COUNT_MAX_AGE:
                return dict(self._load)
        counted = dict(session.execute(
            select(Parcel.location_id, func.count()).where(Parcel.status.in_(WAITING_STATUSES))
            .group_by(Parcel.location_id)).all())
        with self._load_lock:
            self._load, self._load_at = counted, time.monotonic()
        return dict(counted)

    def _shelf_changed(self, location_id: int | None = None, added: int = 0) -> None:
        """After a commit: one more parcel on ``location_id``, or (no arguments) count again next time."""
        with self._load_lock:
            if self._load is not None and location_id is not None and added:
                self._load[location_id] = self._load.get(location_id, 0) + added
            elif not added:
                self._load = None

    def _queue_arrival(self, session: Session, resident: Resident, parcel: Parcel,
                       location: StorageLocation | None, code: str | None, now: datetime) -> int:
        payload = {
            "parcel_codes": [parcel.code],
            "shelf": location.name if location else "",
            "pickup_code": code,
            "perishable": parcel.perishable,
            "signature_required": parcel.signature_required,
        }
        kind = "perishable" if parcel.perishable else "arrival"
        queued = 0
        targets = []
        if resident.email and resident.notify_email and not resident.email_bounced:
            targets.append((Channel.EMAIL, resident.email))
        if resident.mobile and resident.notify_sms:
            targets.append((Channel.SMS, resident.mobile))
        for channel, recipient in targets:
            session.add(OutboxMessage(
                idempotency_key=f"{kind}:{parcel.code}:{channel.value}",
                kind=kind, resident_id=resident.id, channel=channel, recipient=recipient,
                language=resident.language, payload=payload, next_attempt_at=now, created_at=now,
            ))
            queued += 1
        return queued

    # ------------------------------------------------------------------ queries

    def get(self, parcel_id: int) -> ParcelInfo:
        with self._db.reader() as uow:
            rows = load_infos(uow.session, [Parcel.id == parcel_id])
        if not rows:
            raise ParcelError(f"parcel #{parcel_id} does not exist")
        return rows[0]

    def by_code(self, code: str) -> ParcelInfo | None:
        with self._db.reader() as uow:
            rows = load_infos(uow.session, [Parcel.code == code.strip().upper()])
        return rows[0] if rows else None

    def by_tracking(self, tracking_number: str, limit: int = 5) -> list[ParcelInfo]:
        """Parcels with exactly this tracking number (the duplicate check at each intake scan; indexed)."""
        with self._db.reader() as uow:
            return load_infos(uow.session, [Parcel.tracking_number == tracking_number.strip().upper()], limit=limit)

    def waiting_for_resident(self, resident_id: int) -> list[ParcelInfo]:
        with self._db.reader() as uow:
            return load_infos(
                uow.session,
                [Parcel.resident_id == resident_id, Parcel.status.in_(WAITING_STATUSES)],
                order_newest=False,
            )

    def waiting(self, limit: int = 500) -> list[ParcelInfo]:
        with self._db.reader() as uow:
            return load_infos(uow.session, [Parcel.status.in_(WAITING_STATUSES)], limit=limit)

    def needing_attention(self, limit: int = 500) -> list[ParcelInfo]:
        with self._db.reader() as uow:
            return load_infos(
                uow.session, [Parcel.needs_attention.is_(True), Parcel.status.in_(WAITING_STATUSES)], limit=limit
            )

    def search(self, query: str = "", *, status: str = "waiting", limit: int | None = None) -> list[ParcelInfo]:
        """Parcels for the staff list, newest first. ``status``: ``waiting``, ``attention``, ``perishable``,
        ``closed`` or ``all``. ``query`` matches the parcel code, the tracking number (in full or its last
        digits), the unit, the carrier, the shelf or the resident's name. At most ``limit`` parcels, by
        default :func:`list_limit` (a search shows fewer than a whole list)."""
        limit = limit or list_limit(query)
        if status not in _LISTS:
            raise ParcelError(f"unknown parcel list {status!r}")
        where = _LISTS[status]()
        text = query.strip()
        with self._db.reader() as uow:
            if not text:
                return load_infos(uow.session, where, limit=limit)
            ids = self._matching_ids(uow.session, text, status, where, limit)
            # Every id found is in the list already: fetched by primary key, nothing else to filter on
            # (with the list's filters too, the planner may prefer walking the status index).
            if not ids:
                return []
            rows = list(uow.session.execute(_search_statements().by_ids, {"ids": sorted(set(ids))}))
        rows.sort(key=lambda row: (row[_RECEIVED_AT], row[0]), reverse=True)  # newest first
        return [_info_from_row(row) for row in rows[:limit]]

    @staticmethod
    def _matching_ids(session: Session, text: str, status: str, where: list[Any], limit: int) -> list[int]:
        """Each way a query can match, as its own indexed (or parcels-only) look-up, newest first."""
        upper = text.upper().replace(" ", "")
        statements = _search_statements()

        def in_list(statement: Any, **params: Any) -> tuple[list[int], bool]:
            # A look-up by a column of its own (code, tracking number, tail) reads that index alone;
            # the list's filters are applied to the few rows it finds, here.
            rows = session.execute(statement, {**params, "limit": limit}).all()
            return [row[0] for row in rows if _in_list(status, *row[1:])], bool(rows)

        tail = 4 <= len(upper) <= TAIL_LENGTH and upper.isalnum()  # could be the last digits of a number
        # Shorter than a parcel code, a whole tracking number would be found by its tail as well.
        if not tail or len(upper) >= PARCEL_CODE_LENGTH:
            ids, any_parcel = in_list(statements.whole, text=upper)
            if any_parcel:  # a parcel code or a whole tracking number: nothing else is meant
                return ids
        found: list[int] = []
        if tail:
            # A prefix of the reversed tail: an index range (the LIKE keeps it exact under any collation).
            start = upper[::-1]
            found += in_list(statements.tail, start=start, end=start[:-1] + chr(ord(start[-1]) + 1),
                             pattern=f"{start}%")[0]
        # The unit, shelf and carrier tables are small: their ids first, then the parcels by the
        # indexed column (a join would walk every parcel of the history, newest first).
        # One statement for the three: each round trip costs more than these look-ups themselves.
        by_column: dict[int, list[int]] = {}
        for which, row_id in session.execute(statements.small, {"text": text, "upper": upper,
                                                                 "lower": text.lower()}):
            by_column.setdefault(which, []).append(row_id)
        for which, ids in sorted(by_column.items()):
            found += session.scalars(_by_column(status, which), {"ids": ids, "limit": limit}).all()
        if len(text) >= 2 and not text.isdigit():
            people = select(Resident.id).where(
                func.lower(Resident.first_name + " " + Resident.last_name).like(f"%{text.lower()}%"))
            found += session.scalars(select(Parcel.id).where(Parcel.resident_id.in_(people), *where)
                                     .order_by(Parcel.id.desc()).limit(limit)).all()
        return found

    def locations(self) -> list[tuple[str, str, str]]:
        """Active storage locations as (code, name, kind), in the room's order."""
        with self._db.reader() as uow:
            rows = uow.session.execute(
                select(StorageLocation.code, StorageLocation.name, StorageLocation.kind)
                .where(StorageLocation.active.is_(True), StorageLocation.out_of_service.is_(False))
                .order_by(StorageLocation.sort_order, StorageLocation.code)).all()
        return [(code, name, LocationKind(kind).value) for code, name, kind in rows]

    def move(self, parcel_id: int, location_code: str, actor: Actor, reason: str = "moved",
             now: datetime | None = None) -> ParcelInfo:
        """Put a waiting parcel on another shelf; the move is part of its custody record."""
        now = now or datetime.now(UTC)
        code = location_code.strip().upper()
        try:
            with self._db.uow() as uow:
                session = uow.session
                parcel = session.get(Parcel, parcel_id, with_for_update=True)
                if parcel is None:
                    raise ParcelError(f"parcel #{parcel_id} does not exist")
                if parcel.status not in WAITING_STATUSES:
                    raise ParcelNotWaiting(_closed_message(parcel))
                place = session.scalar(select(StorageLocation).where(func.upper(StorageLocation.code) == code,
                                                                     StorageLocation.active.is_(True)))
                if place is None:
                    raise ParcelError(f"there is no shelf {code}; scan the shelf's own barcode")
                if place.id == parcel.location_id:
                    raise ParcelError(f"parcel {parcel.code} is already on {place.name}")
                before = ParcelStatus(parcel.status)
                old = parcel.location_id
                parcel.location_id = place.id
                self._transition(session, parcel, before, before, actor, now, place, reason)
                eventlog.append(session, "parcel.moved", actor, subject_kind="parcel", subject_id=parcel.id,
                                kiosk=self._kiosk, at=now,
                                data={"code": parcel.code, "from_location_id": old, "to": place.code})
                uow.commit()
                self._shelf_changed()
        except StaleDataError:
            raise ParcelNotWaiting("this parcel was just changed at another kiosk") from None
        return self.get(parcel_id)

    def history(self, parcel_id: int) -> list[dict[str, object]]:
        """The parcel's custody: every transition with time, actor and place."""
        with self._db.reader() as uow:
            rows = uow.session.execute(
                select(ParcelTransition, StorageLocation.name)
                .outerjoin(StorageLocation, ParcelTransition.location_id == StorageLocation.id)
                .where(ParcelTransition.parcel_id == parcel_id)
                .order_by(ParcelTransition.id)
            ).all()
            return [
                {"at": t.at, "from": t.from_status, "to": t.to_status, "actor": t.actor_label or t.actor_kind,
                 "location": name, "reason": t.reason}
                for t, name in rows
            ]

    # ------------------------------------------------------------------ release

    def release(
        self,
        parcel_id: int,
        actor: Actor,
        *,
        for_resident_id: int | None = None,
        proxy_id: int | None = None,
        reason: str = "",
        now: datetime | None = None,
    ) -> ParcelInfo:
        """Hand a waiting parcel over. Exactly one of two simultaneous releases succeeds."""
        now = now or datetime.now(UTC)
        try:
            with self._db.uow() as uow:
                session = uow.session
                parcel = session.get(Parcel, parcel_id, with_for_update=True)
                if parcel is None:
                    raise ParcelError(f"parcel #{parcel_id} does not exist")
                if for_resident_id is not None and parcel.resident_id != for_resident_id:
                    raise NotYourParcel("this parcel is not for this resident; put it back on its shelf")
                if parcel.status not in WAITING_STATUSES:
                    raise ParcelNotWaiting(_closed_message(parcel))
                before = ParcelStatus(parcel.status)
                parcel.status = ParcelStatus.PICKED_UP
                parcel.closed_at = now
                parcel.picked_up_by_resident_id = parcel.resident_id
                parcel.picked_up_by_proxy_id = proxy_id
                if actor.kind == ActorKind.STAFF:
                    parcel.released_by_id = actor.id
                self._transition(session, parcel, before, ParcelStatus.PICKED_UP, actor, now, None, reason)
                eventlog.append(
                    session, "parcel.picked_up", actor, subject_kind="parcel", subject_id=parcel.id,
                    kiosk=self._kiosk, at=now,
                    data={"code": parcel.code, "resident_id": parcel.resident_id, "proxy_id": proxy_id},
                )
                self._credentials.parcel_closed(session, parcel.id, now)
                uow.commit()
                self._shelf_changed()
        except StaleDataError:
            raise ParcelNotWaiting("this parcel was just released at another kiosk") from None
        return self.get(parcel_id)

    def close(self, parcel_id: int, status: ParcelStatus, actor: Actor, reason: str,
              now: datetime | None = None) -> ParcelInfo:
        """Mark a waiting parcel returned to sender, lost, or voided (undone at intake), with a reason."""
        if status not in (ParcelStatus.RETURNED, ParcelStatus.LOST, ParcelStatus.VOIDED):
            raise ParcelError("a parcel can only be closed as returned, lost or voided")
        if not reason.strip():
            raise ParcelError("give a reason")
        now = now or datetime.now(UTC)
        try:
            with self._db.uow() as uow:
                parcel = uow.session.get(Parcel, parcel_id, with_for_update=True)
                if parcel is None:
                    raise ParcelError(f"parcel #{parcel_id} does not exist")
                if parcel.status not in WAITING_STATUSES:
                    raise ParcelNotWaiting(_closed_message(parcel))
                before = ParcelStatus(parcel.status)
                parcel.status = status
                parcel.closed_at = now
                self._transition(uow.session, parcel, before, status, actor, now, None, reason)
                eventlog.append(uow.session, f"parcel.{status.value}", actor, subject_kind="parcel",
                                subject_id=parcel.id, kiosk=self._kiosk, at=now,
                                data={"code": parcel.code, "reason": reason})
                self._credentials.parcel_closed(uow.session, parcel.id, now)
                if status == ParcelStatus.VOIDED:
                    self._cancel_notices(uow.session, parcel.code)
                uow.commit()
                self._shelf_changed()
        except StaleDataError:
            raise ParcelNotWaiting("this parcel was just changed at another kiosk") from None
        return self.get(parcel_id)

    def void(self, parcel_id: int, actor: Actor, reason: str = "undone at intake") -> ParcelInfo:
        """Undo an intake made in error: the parcel is kept as voided and unsent notices are cancelled."""
        return self.close(parcel_id, ParcelStatus.VOIDED, actor, reason)

    @staticmethod
    def _cancel_notices(session: Session, code: str) -> None:
        for message in session.scalars(select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.PENDING)
                                       .where(OutboxMessage.idempotency_key.like(f"%:{code}:%"))):
            message.status = OutboxStatus.CANCELLED
            message.last_error = "parcel voided"

    def location_codes(self) -> set[str]:
        """Barcodes of every active storage location (a scan of one means "put it here")."""
        with self._db.reader() as uow:
            return set(uow.session.scalars(select(StorageLocation.code).where(StorageLocation.active.is_(True))))

    def expected_resident(self, tracking_number: str) -> int | None:
        """The resident who pre-registered this tracking number, if any is waiting for it."""
        with self._db.reader() as uow:
            return uow.session.scalar(
                select(ExpectedParcel.resident_id)
                .where(ExpectedParcel.tracking_number == tracking_number,
                       ExpectedParcel.matched_parcel_id.is_(None))
                .order_by(ExpectedParcel.created_at.desc()).limit(1))

    def _transition(self, session: Session, parcel: Parcel, before: ParcelStatus | None,
                    after: ParcelStatus, actor: Actor, now: datetime,
                    location: StorageLocation | None, reason: str = "") -> None:
        session.add(ParcelTransition(
            parcel_id=parcel.id, from_status=before, to_status=after, at=now,
            actor_kind=actor.kind, actor_id=actor.id, actor_label=actor.label,
            location_id=location.id if location else parcel.location_id, reason=reason,
        ))


def _pre_registered(session: Session, number: str) -> int | None:
    """The one active resident expecting this tracking number (None when nobody, or several, are)."""
    ids = session.scalars(
        select(ExpectedParcel.resident_id).distinct()
        .join(Resident, Resident.id == ExpectedParcel.resident_id)
        .where(ExpectedParcel.tracking_number == number, ExpectedParcel.matched_parcel_id.is_(None),
               Resident.status == ResidentStatus.ACTIVE).limit(2)).all()
    return ids[0] if len(ids) == 1 else None


def _flags(parcel: Parcel) -> list[str]:
    names = ("perishable", "oversized", "signature_required", "fragile")
    return [name for name in names if getattr(parcel, name)]


def _closed_message(parcel: Parcel) -> str:
    when = f" on {parcel.closed_at:%d %b at %H:%M}" if parcel.closed_at else ""
    status = ParcelStatus(parcel.status).value.replace("_", " ")
    return f"parcel {parcel.code} was already {status}{when}"


def age(parcel: ParcelInfo, now: datetime | None = None) -> timedelta:
    return (now or datetime.now(UTC)) - parcel.received_at
