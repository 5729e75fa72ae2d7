"""Locker banks as storage: compartments, their state, intake into them, pickup from them.

A *bank* (:class:`LockerBank`) is a cabinet driven by lock-control boards on one bus, named by
``board_url``; each *compartment* is a :class:`StorageLocation` of kind ``locker`` with its size
class, board number and lock channel. Its ``name`` is the number on the door ("12"), its
``code`` ``LK<bank id>-<number>`` (what an audit scans).

This service never talks to a board: it chooses compartments, writes what the hardware did
into the chain of custody and derives each compartment's state from the database. The
orchestrator that drives the boards (:class:`hardware.lockers.coordinator.LockerCoordinator`)
calls it with the results. State a compartment can be in:

``free``            in service, empty, door believed shut;
``occupied``        a waiting parcel is inside;
``door_open``       opened and not (yet) reported shut again, or found open by a poll;
``out_of_service``  taken out by staff, or automatically when its lock did not open;
``unavailable``     its board does not answer (every compartment on that board).

The data model has no columns for the runtime facts "door open", "board offline", "why out of
service" and "reserved during intake"; they are kept as small rows in ``app_state`` under keys
``locker.door_open:<location id>``, ``locker.board:<bank id>:<board>``,
``locker.fault:<location id>`` and ``locker.reserved:<location id>``.

Intake: a parcel that may go into a locker (a known, active resident; not perishable, not
signature-required, not flagged oversized) goes to the smallest free compartment of its size or
larger, or to the compartment staff picked (its code as ``location_code``). A parcel that could
have gone into a locker but found none free goes to the room by the normal shelf rules and a
``locker.overflow`` event records the size it needed, for the reports.

Pickup: :meth:`LockerService.pickup_items` lists a resident's parcels in lockers; custody closes
through :meth:`ParcelService.release` when the compartment reports empty and closed or the
resident confirms. A compartment that cannot be opened never releases anything: its parcel stays
waiting and goes on the needs-attention list.
"""

from __future__ import annotations

import csv
import json
import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk import eventlog
from kiosk.eventlog import Actor
from kiosk.persistence.models import (
    WAITING_STATUSES,
    ActorKind,
    AppState,
    Hold,
    HoldKind,
    LocationKind,
    LockerBank,
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
)
from kiosk.persistence.uow import Database
from kiosk.residents.csvfile import Source, read_source, records, sniff_delimiter
from kiosk.residents.presets import RentRollError
from kiosk.residents.report import RowError
from kiosk.services.credentials import CredentialMatch
from kiosk.services.parcels import IntakeRequest, IntakeResult, ParcelInfo, ParcelService

log = logging.getLogger(__name__)

SIZE_RANK = {SizeClass.SMALL: 0, SizeClass.MEDIUM: 1, SizeClass.LARGE: 2, SizeClass.EXTRA_LARGE: 3}
SIZE_WORDS = {"s": SizeClass.SMALL, "small": SizeClass.SMALL, "m": SizeClass.MEDIUM, "medium": SizeClass.MEDIUM,
              "l": SizeClass.LARGE, "large": SizeClass.LARGE, "xl": SizeClass.EXTRA_LARGE,
              "extra large": SizeClass.EXTRA_LARGE, "extra-large": SizeClass.EXTRA_LARGE,
              "x-large": SizeClass.EXTRA_LARGE}
LABEL_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,7}$")
MAX_BOARD = 255
MAX_CHANNEL = 255
RESERVATION_MINUTES = 15

# app_state keys
_DOOR = "locker.door_open:"
_BOARD = "locker.board:"
_FAULT = "locker.fault:"
_RESERVED = "locker.reserved:"

# event kinds
BANK_DEFINED = "locker.bank_defined"
IMPORTED = "locker.imported"
OPENED = "locker.opened"
OPEN_FAILED = "locker.open_failed"
LOADED = "locker.loaded"
DOOR_CLOSED = "locker.door_closed"
DOOR_LEFT_OPEN = "locker.door_left_open"
DOOR_FOUND_OPEN = "locker.door_found_open"
BOARD_OFFLINE = "locker.board_offline"
BOARD_ONLINE = "locker.board_online"
OUT_OF_SERVICE = "locker.out_of_service"
IN_SERVICE = "locker.in_service"
OVERFLOW = "locker.overflow"
PICKUP_UNCONFIRMED = "locker.pickup_unconfirmed"
PICKUP_BLOCKED = "locker.pickup_blocked"
PARCEL_MOVED = "parcel.moved"

# purposes of an opening
INTAKE = "intake"
PICKUP = "pickup"
SERVICE = "service"

EMPTY_AND_CLOSED = "compartment reported empty and closed"
RESIDENT_CONFIRMED = "resident confirmed"


class LockerError(Exception):
    """A locker operation was refused; the message is fit to show staff."""


class CompartmentState(StrEnum):
    FREE = "free"
    OCCUPIED = "occupied"
    DOOR_OPEN = "door_open"
    OUT_OF_SERVICE = "out_of_service"
    UNAVAILABLE = "unavailable"


# --------------------------------------------------------------------------- plain data


@dataclass(frozen=True)
class CompartmentSpec:
    """One compartment as an admin describes it: the number on its door, size, board and lock channel."""

    label: str
    size: SizeClass
    board: int
    channel: int


@dataclass(frozen=True)
class BankSpec:
    """A whole bank: its name, the URL of its lock-board bus, and every compartment."""

    name: str
    board_url: str
    compartments: tuple[CompartmentSpec, ...]


@dataclass(frozen=True)
class Compartment:
    id: int
    code: str
    label: str
    bank_id: int
    bank_name: str
    board_url: str
    board: int
    channel: int
    size: SizeClass
    state: CompartmentState
    out_of_service: bool
    door_open: bool
    board_online: bool
    parcel_id: int | None = None
    parcel_code: str | None = None
    unit: str = ""
    detail: str = ""  # why out of service / unavailable, or since when the door is open

    @property
    def openable(self) -> bool:
        """Whether the kiosk should try to open it (its board answers and it is in service)."""
        return self.state not in (CompartmentState.OUT_OF_SERVICE, CompartmentState.UNAVAILABLE)


@dataclass(frozen=True)
class Bank:
    id: int
    name: str
    board_url: str
    active: bool
    compartments: tuple[Compartment, ...]

    def count(self, state: CompartmentState) -> int:
        return sum(1 for c in self.compartments if c.state == state)

    @property
    def boards(self) -> tuple[int, ...]:
        return tuple(sorted({c.board for c in self.compartments}))


@dataclass(frozen=True)
class LockerIntake:
    """An intake through the lockers: the parcel, its compartment (None: the room) and why not a locker."""

    result: IntakeResult
    compartment: Compartment | None
    room_reason: str = ""
    overflow: bool = False  # could have gone into a locker, but none of its size was free

    @property
    def parcel(self) -> ParcelInfo:
        return self.result.parcel


@dataclass(frozen=True)
class LockerPickupItem:
    """One of a resident's parcels in a locker, and whether its compartment can be opened now."""

    parcel_id: int
    parcel_code: str
    compartment: Compartment
    available: bool
    message: str = ""


@dataclass(frozen=True)
class DoorReading:
    """What a board said about one channel."""

    channel: int
    closed: bool
    occupied: bool | None = None


@dataclass(frozen=True)
class LockerImportReport:
    """What a bank CSV import did (or would do, for a dry run)."""

    source: str
    banks: tuple[BankSpec, ...]
    errors: tuple[RowError, ...]
    added: int = 0
    updated: int = 0
    removed: int = 0
    dry_run: bool = False
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def compartments(self) -> int:
        return sum(len(bank.compartments) for bank in self.banks)

    def summary(self) -> str:
        lines = [f"{self.source}: {len(self.banks)} bank(s), {self.compartments} compartment(s)"]
        if self.errors:
            lines.append(f"{len(self.errors)} error(s); nothing was changed:")
            lines.extend(f"  {error}" for error in self.errors[:50])
        elif self.dry_run:
            lines.append(f"would add {self.added}, update {self.updated}, remove {self.removed} (dry run)")
        else:
            lines.append(f"added {self.added}, updated {self.updated}, removed {self.removed}")
        return "\n".join(lines)


def fits(parcel: SizeClass, compartment: SizeClass) -> bool:
    return SIZE_RANK[SizeClass(compartment)] >= SIZE_RANK[SizeClass(parcel)]


def parse_size(text: str) -> SizeClass | None:
    return SIZE_WORDS.get(" ".join(text.strip().lower().split()))


def resident_actor(match: CredentialMatch) -> Actor:
    return Actor(ActorKind.RESIDENT, match.resident_id, match.resident_display)


def _iso(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="seconds")


def _loads(value: str) -> dict[str, Any]:
    try:
        data = json.loads(value)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


# --------------------------------------------------------------------------- validation


def spec_errors(spec: BankSpec) -> list[str]:
    """What is wrong with a bank description, as sentences (empty: nothing)."""
    errors: list[str] = []
    if not spec.name.strip() or len(spec.name) > 80:
        errors.append("a bank needs a name of 1 to 80 characters")
    if ":" not in spec.board_url or len(spec.board_url) > 200:
        errors.append(f"{spec.board_url!r} is not a lock-board URL (e.g. kerong:///dev/ttyUSB2 or sim:)")
    labels: set[str] = set()
    slots: set[tuple[int, int]] = set()
    for c in spec.compartments:
        errors.extend(_compartment_errors(c))
        if c.label.upper() in labels:
            errors.append(f"compartment {c.label} is listed twice")
        if (c.board, c.channel) in slots:
            errors.append(f"board {c.board} channel {c.channel} is given to two compartments")
        labels.add(c.label.upper())
        slots.add((c.board, c.channel))
    return errors


def _compartment_errors(c: CompartmentSpec) -> list[str]:
    errors = []
    if not LABEL_PATTERN.match(c.label):
        errors.append(f"compartment number {c.label!r} must be 1 to 8 letters, digits or dashes")
    if not 0 <= c.board <= MAX_BOARD:
        errors.append(f"board {c.board} is out of range (0 to {MAX_BOARD})")
    if not 1 <= c.channel <= MAX_CHANNEL:
        errors.append(f"channel {c.channel} is out of range (1 to {MAX_CHANNEL})")
    return errors


# --------------------------------------------------------------------------- the service


class LockerService:
    def __init__(self, db: Database, parcels: ParcelService, kiosk_id: str = "",
                 reservation_minutes: int = RESERVATION_MINUTES) -> None:
        self._db = db
        self._parcels = parcels
        self._kiosk = kiosk_id
        self._reservation = timedelta(minutes=reservation_minutes)

    # ------------------------------------------------------------------ describing banks

    def define_bank(self, spec: BankSpec, actor: Actor, now: datetime | None = None) -> Bank:
        """Create or update a bank from its full description (compartments not listed are removed)."""
        errors = spec_errors(spec)
        if errors:
            raise LockerError("; ".join(errors))
        now = now or datetime.now(UTC)
        with self._db.uow() as uow:
            bank_id, counts = self._apply(uow.session, spec)
            eventlog.append(uow.session, BANK_DEFINED, actor, subject_kind="locker_bank", subject_id=bank_id,
                            kiosk=self._kiosk, at=now,
                            data={"name": spec.name, "board_url": spec.board_url,
                                  "compartments": len(spec.compartments), **counts})
            uow.commit()
        return self.bank(bank_id)

    def import_csv(self, source: Source, actor: Actor, *, dry_run: bool = False,
                   now: datetime | None = None) -> LockerImportReport:
        """Describe banks from a CSV (``bank, board_url, compartment, size, board, channel``).

        All or nothing: one bad row and nothing is written; every bad row is reported with its
        spreadsheet row number (header = 1), column and reason. Each bank the file names is
        described completely by it: its compartments missing from the file are removed.
        """
        try:
            text = read_source(source)
        except RentRollError as exc:
            raise LockerError(str(exc)) from None
        banks, errors = _parse_bank_csv(text.text)
        name = text.name
        if not errors:
            for spec in banks:
                errors.extend(RowError(0, "", f"bank {spec.name}: {e}") for e in spec_errors(spec))
        if errors:
            return LockerImportReport(name, tuple(banks), tuple(errors), dry_run=dry_run)
        now = now or datetime.now(UTC)
        added = updated = removed = 0
        with self._db.uow() as uow:
            try:
                for spec in banks:
                    _, counts = self._apply(uow.session, spec)
                    added += counts["added"]
                    updated += counts["updated"]
                    removed += counts["removed"]
            except LockerError as exc:
                return LockerImportReport(name, tuple(banks), (RowError(0, "", str(exc)),), dry_run=dry_run)
            if dry_run:
                return LockerImportReport(name, tuple(banks), (), added, updated, removed, dry_run=True)
            eventlog.append(uow.session, IMPORTED, actor, kiosk=self._kiosk, at=now,
                            data={"source": name, "banks": [b.name for b in banks], "added": added,
                                  "updated": updated, "removed": removed})
            uow.commit()
        return LockerImportReport(name, tuple(banks), (), added, updated, removed, committed=True)

    def _apply(self, session: Session, spec: BankSpec) -> tuple[int, dict[str, int]]:
        bank = session.scalar(select(LockerBank).where(LockerBank.name == spec.name.strip()))
        if bank is None:
            bank = LockerBank(name=spec.name.strip(), board_url=spec.board_url.strip(), active=True)
            session.add(bank)
            session.flush()
        bank.board_url = spec.board_url.strip()
        bank.active = True
        existing = {loc.name.upper(): loc for loc in session.scalars(
            select(StorageLocation).where(StorageLocation.locker_bank_id == bank.id))}
        wanted = {c.label.upper(): c for c in spec.compartments}
        counts = {"added": 0, "updated": 0, "removed": 0}
        # Free every slot that changes first: two compartments may swap channels.
        for key, loc in existing.items():
            c = wanted.get(key)
            if c is None or (loc.lock_board, loc.lock_channel) != (c.board, c.channel):
                if c is None and loc.active:
                    occupied = session.scalar(select(Parcel.code).where(
                        Parcel.location_id == loc.id, Parcel.status.in_(WAITING_STATUSES)).limit(1))
                    if occupied is not None:
                        raise LockerError(f"compartment {loc.name} of {bank.name} holds parcel {occupied}; "
                                          "take it out before removing the compartment")
                    counts["removed"] += 1
                    loc.active = False
                loc.lock_board = None
                loc.lock_channel = None
        session.flush()
        for order, c in enumerate(spec.compartments):
            found = existing.get(c.label.upper())
            if found is None:
                loc = StorageLocation(code=f"LK{bank.id}-{c.label.upper()}", name=c.label, kind=LocationKind.LOCKER,
                                      capacity=1, locker_bank_id=bank.id, out_of_service=False)
                session.add(loc)
                counts["added"] += 1
            else:
                loc = found
                if (not loc.active or loc.size_class != c.size or loc.lock_board != c.board
                        or loc.lock_channel != c.channel):
                    counts["updated"] += 1
            loc.name = c.label
            loc.zone = bank.name
            loc.size_class = c.size
            loc.lock_board = c.board
            loc.lock_channel = c.channel
            loc.sort_order = order
            loc.active = True
        try:
            session.flush()
        except IntegrityError as exc:
            raise LockerError(f"bank {bank.name}: a compartment code clashes with another storage location "
                              f"({exc.orig})") from None
        return bank.id, counts

    # ------------------------------------------------------------------ reading state

    def banks(self) -> list[Bank]:
        """Every active bank with every compartment and its state, for the staff overview."""
        with self._db.reader() as uow:
            compartments = self._compartments(uow.session)
            rows = uow.session.scalars(select(LockerBank).where(LockerBank.active.is_(True))
                                       .order_by(LockerBank.name)).all()
            return [Bank(b.id, b.name, b.board_url, b.active,
                         tuple(c for c in compartments if c.bank_id == b.id)) for b in rows]

    def bank(self, bank_id: int) -> Bank:
        for bank in self.banks():
            if bank.id == bank_id:
                return bank
        raise LockerError(f"locker bank #{bank_id} does not exist")

    def compartment(self, compartment_id: int) -> Compartment:
        with self._db.reader() as uow:
            found = self._compartments(uow.session, [StorageLocation.id == compartment_id])
        if not found:
            raise LockerError(f"compartment #{compartment_id} is not an active locker compartment")
        return found[0]

    def compartment_for_parcel(self, parcel_id: int) -> Compartment | None:
        with self._db.reader() as uow:
            location_id = uow.session.scalar(select(Parcel.location_id).where(Parcel.id == parcel_id))
            if location_id is None:
                return None
            found = self._compartments(uow.session, [StorageLocation.id == location_id])
        return found[0] if found else None

    def parcel(self, parcel_id: int) -> ParcelInfo:
        return self._parcels.get(parcel_id)

    def _compartments(self, session: Session, where: Sequence[Any] = ()) -> list[Compartment]:
        rows = session.execute(
            select(StorageLocation, LockerBank)
            .join(LockerBank, StorageLocation.locker_bank_id == LockerBank.id)
            .where(StorageLocation.kind == LocationKind.LOCKER, StorageLocation.active.is_(True),
                   LockerBank.active.is_(True), *where)
            .order_by(LockerBank.name, StorageLocation.sort_order, StorageLocation.id)
        ).all()
        if not rows:
            return []
        ids = [loc.id for loc, _ in rows]
        contents: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
        for parcel_id, code, location_id, unit in session.execute(
                select(Parcel.id, Parcel.code, Parcel.location_id, Unit.number)
                .outerjoin(Unit, Parcel.unit_id == Unit.id)
                .where(Parcel.location_id.in_(ids), Parcel.status.in_(WAITING_STATUSES))
                .order_by(Parcel.received_at)):
            if location_id is not None:
                contents[location_id].append((parcel_id, code, unit or ""))
        state = {row.key: row.value for row in session.scalars(select(AppState).where(AppState.key.like("locker.%")))}
        result = []
        for loc, bank in rows:
            door = state.get(f"{_DOOR}{loc.id}")
            board = state.get(f"{_BOARD}{bank.id}:{loc.lock_board}")
            fault = state.get(f"{_FAULT}{loc.id}", "")
            inside = contents.get(loc.id, [])
            board_detail = _loads(board).get("detail", "the lock board does not answer") if board else ""
            if loc.out_of_service:
                status, detail = CompartmentState.OUT_OF_SERVICE, fault or "taken out of service by staff"
            elif board is not None:
                status, detail = CompartmentState.UNAVAILABLE, board_detail
            elif door is not None:
                since = _loads(door).get("since", "")
                status, detail = CompartmentState.DOOR_OPEN, f"door open since {since}" if since else "door open"
            elif inside:
                status, detail = CompartmentState.OCCUPIED, ""
            else:
                status, detail = CompartmentState.FREE, ""
            if len(inside) > 1:
                detail = (detail + "; " if detail else "") + f"{len(inside)} parcels recorded inside"
            first = inside[0] if inside else None
            result.append(Compartment(
                id=loc.id, code=loc.code, label=loc.name, bank_id=bank.id, bank_name=bank.name,
                board_url=bank.board_url, board=loc.lock_board or 0, channel=loc.lock_channel or 0,
                size=SizeClass(loc.size_class or SizeClass.MEDIUM), state=status,
                out_of_service=loc.out_of_service, door_open=door is not None, board_online=board is None,
                parcel_id=first[0] if first else None, parcel_code=first[1] if first else None,
                unit=first[2] if first else "", detail=detail,
            ))
        return result

    # ------------------------------------------------------------------ intake

    def intake(self, request: IntakeRequest, actor: Actor, now: datetime | None = None) -> LockerIntake:
        """Log a parcel into the smallest free compartment that fits it, or the room.

        ``request.location_code`` set to a compartment's code is a staff pick (it must be free and
        big enough); set to a shelf's code it sends the parcel to that shelf, as today.
        """
        now = now or datetime.now(UTC)
        picked: Compartment | None = None
        if request.location_code:
            picked = self._by_code(request.location_code)
            if picked is None:  # a shelf: the room, as staff asked
                return LockerIntake(self._parcels.intake(request, actor, now), None, "staff chose a shelf")
        reason, needed = ("", request.size) if picked else self._eligibility(request)
        compartment = None
        if picked is not None or not reason:
            compartment = self._reserve(request.size, picked, now)
        if compartment is None:
            overflow = not reason
            result = self._parcels.intake(replace(request, location_code=None), actor, now)
            if overflow:
                self._record_overflow(result.parcel, needed, actor, now)
                reason = f"no free locker for size {request.size.value}"
            return LockerIntake(result, None, reason, overflow)
        try:
            result = self._parcels.intake(replace(request, location_code=compartment.code), actor, now)
        finally:
            self._unreserve(compartment.id)
        return LockerIntake(result, self.compartment(compartment.id))

    def _by_code(self, code: str) -> Compartment | None:
        with self._db.reader() as uow:
            found = self._compartments(uow.session, [StorageLocation.code == code.strip().upper()])
        return found[0] if found else None

    def _eligibility(self, request: IntakeRequest) -> tuple[str, SizeClass]:
        """("", size needed) when the parcel may go into a locker, else (why not, its size)."""
        size = SizeClass(request.size)
        if request.perishable:
            return "perishable parcels go to the fridge", size
        if request.signature_required:
            return "signature parcels are handed over at the desk", size
        if request.oversized:
            return "oversized parcels go to the room", size
        if request.resident_id is None or request.attention_reason:
            return "recipient not known: kept in the room for staff", size
        with self._db.reader() as uow:
            status = uow.session.scalar(select(Resident.status).where(Resident.id == request.resident_id))
            sizes = set(uow.session.scalars(
                select(StorageLocation.size_class)
                .join(LockerBank, StorageLocation.locker_bank_id == LockerBank.id)
                .where(StorageLocation.kind == LocationKind.LOCKER, StorageLocation.active.is_(True),
                       LockerBank.active.is_(True))))
        if status != ResidentStatus.ACTIVE:
            return "recipient not active: kept in the room for staff", size
        fitting = sorted((SizeClass(s) for s in sizes if s is not None and fits(size, s)), key=SIZE_RANK.__getitem__)
        if not fitting:
            return ("no lockers are set up" if not sizes else f"no locker is big enough for size {size.value}"), size
        return "", fitting[0]

    def _reserve(self, size: SizeClass, picked: Compartment | None, now: datetime) -> Compartment | None:
        """Hold a compartment for one intake (several kiosks may choose at once)."""
        for _ in range(5):
            with self._db.uow() as uow:
                session = uow.session
                reserved = self._reservations(session, now)
                if picked is not None:
                    current = self._compartments(session, [StorageLocation.id == picked.id])
                    if not current:
                        raise LockerError(f"compartment {picked.label} is not in service")
                    chosen = current[0]
                    if chosen.state != CompartmentState.FREE or chosen.id in reserved:
                        why = chosen.detail or chosen.state.value.replace("_", " ")
                        raise LockerError(f"compartment {chosen.label} cannot take a parcel now ({why})")
                    if not fits(size, chosen.size):
                        raise LockerError(f"a size {size.value} parcel does not fit compartment {chosen.label} "
                                          f"(size {chosen.size.value})")
                else:
                    free = [c for c in self._compartments(session)
                            if c.state == CompartmentState.FREE and c.id not in reserved and fits(size, c.size)]
                    if not free:
                        return None
                    chosen = min(free, key=lambda c: SIZE_RANK[c.size])  # stable: keeps the bank order
                try:
                    with session.begin_nested():
                        session.add(AppState(key=f"{_RESERVED}{chosen.id}", value=_iso(now), updated_at=now))
                        session.flush()
                except IntegrityError:  # another kiosk took it a moment ago
                    if picked is not None:
                        raise LockerError(f"compartment {picked.label} was just taken at another kiosk") from None
                    continue
                uow.commit()
                return chosen
        return None

    def _reservations(self, session: Session, now: datetime) -> set[int]:
        held: set[int] = set()
        for row in session.scalars(select(AppState).where(AppState.key.like(f"{_RESERVED}%"))):
            try:
                at = datetime.fromisoformat(row.value)
            except ValueError:
                at = now - self._reservation
            if now - at >= self._reservation:  # left by a crash: forget it
                session.delete(row)
            else:
                held.add(int(row.key.removeprefix(_RESERVED)))
        return held

    def _unreserve(self, compartment_id: int) -> None:
        with self._db.uow() as uow:
            row = uow.session.get(AppState, f"{_RESERVED}{compartment_id}")
            if row is not None:
                uow.session.delete(row)
                uow.commit()

    def _record_overflow(self, parcel: ParcelInfo, needed: SizeClass, actor: Actor, now: datetime) -> None:
        with self._db.uow() as uow:
            eventlog.append(uow.session, OVERFLOW, actor, subject_kind="parcel", subject_id=parcel.id,
                            kiosk=self._kiosk, at=now,
                            data={"code": parcel.code, "size": parcel.size.value, "needed": needed.value,
                                  "location": parcel.location_code})
            uow.commit()

    # ------------------------------------------------------------------ what the hardware did

    def record_opened(self, compartment_id: int, actor: Actor, purpose: str, parcel_id: int | None = None,
                      now: datetime | None = None) -> int:
        """The compartment's lock opened (for ``purpose``: intake, pickup or service); returns the event seq."""
        now = now or datetime.now(UTC)
        with self._db.uow() as uow:
            session = uow.session
            loc, bank = self._location(session, compartment_id)
            self._clear_board(session, bank, loc.lock_board, actor, now)
            self._put(session, f"{_DOOR}{loc.id}", {"since": _iso(now), "by": actor.label, "purpose": purpose}, now)
            event = eventlog.append(session, OPENED, actor, subject_kind="locker", subject_id=loc.id,
                                    kiosk=self._kiosk, at=now, data={**_where(loc, bank), "purpose": purpose,
                                                                     "parcel_id": parcel_id})
            uow.commit()
            return event.seq

    def record_open_failed(self, compartment_id: int, actor: Actor, purpose: str, error: str, *,
                           board_offline: bool, parcel_id: int | None = None, now: datetime | None = None) -> None:
        """The lock did not open: the board is silent (all its compartments become unavailable) or the
        lock is stuck (the compartment goes out of service). A parcel inside goes on the
        needs-attention list; nothing is released."""
        now = now or datetime.now(UTC)
        with self._db.uow() as uow:
            session = uow.session
            loc, bank = self._location(session, compartment_id)
            if board_offline:
                self._set_board_offline(session, bank, loc.lock_board, error, actor, now)
            else:
                loc.out_of_service = True
                self._put_text(session, f"{_FAULT}{loc.id}", f"the lock did not open ({now:%d %b %H:%M}): {error}", now)
            eventlog.append(session, OPEN_FAILED, actor, subject_kind="locker", subject_id=loc.id,
                            kiosk=self._kiosk, at=now,
                            data={**_where(loc, bank), "purpose": purpose, "parcel_id": parcel_id,
                                  "error": error[:300], "board_offline": board_offline})
            # At intake the parcel is still in staff's hands (the coordinator sends it to the room).
            for parcel in self._waiting_inside(session, loc.id) if purpose != INTAKE else ():
                _flag(parcel, f"compartment {loc.name} of {bank.name} did not open; take the parcel out for "
                              "the resident" if purpose == PICKUP else
                              f"compartment {loc.name} of {bank.name} did not open; it is still inside")
            uow.commit()

    def record_loaded(self, parcel_id: int, compartment_id: int, actor: Actor, now: datetime | None = None) -> None:
        """Intake: the parcel went in and the door reported closed."""
        now = now or datetime.now(UTC)
        with self._db.uow() as uow:
            loc, bank = self._location(uow.session, compartment_id)
            self._drop(uow.session, f"{_DOOR}{loc.id}")
            eventlog.append(uow.session, LOADED, actor, subject_kind="parcel", subject_id=parcel_id,
                            kiosk=self._kiosk, at=now, data={**_where(loc, bank)})
            uow.commit()

    def record_door(self, compartment_id: int, closed: bool, actor: Actor, note: str = "",
                    now: datetime | None = None) -> None:
        """The door reported closed (clears the flag), or was left open when the kiosk stopped waiting."""
        now = now or datetime.now(UTC)
        with self._db.uow() as uow:
            session = uow.session
            loc, bank = self._location(session, compartment_id)
            key = f"{_DOOR}{loc.id}"
            if closed:
                if self._drop(session, key):
                    eventlog.append(session, DOOR_CLOSED, actor, subject_kind="locker", subject_id=loc.id,
                                    kiosk=self._kiosk, at=now, data={**_where(loc, bank), "note": note})
            else:
                if session.get(AppState, key) is None:
                    self._put(session, key, {"since": _iso(now), "by": actor.label, "purpose": "found"}, now)
                eventlog.append(session, DOOR_LEFT_OPEN, actor, subject_kind="locker", subject_id=loc.id,
                                kiosk=self._kiosk, at=now, data={**_where(loc, bank), "note": note})
            uow.commit()

    def record_board(self, bank_id: int, board: int, readings: Sequence[DoorReading] | None, detail: str = "",
                     actor: Actor | None = None, now: datetime | None = None) -> list[str]:
        """A poll of one board: its door readings, or None with ``detail`` when it did not answer.

        Marks the board offline or back online, clears the door-open flag of doors now shut and
        flags doors found open. Returns what changed, as short sentences (nothing: empty).
        """
        now = now or datetime.now(UTC)
        actor = actor or Actor.system("lockers")
        changes: list[str] = []
        with self._db.uow() as uow:
            session = uow.session
            bank = session.get(LockerBank, bank_id)
            if bank is None:
                raise LockerError(f"locker bank #{bank_id} does not exist")
            if readings is None:
                if self._set_board_offline(session, bank, board, detail or "the lock board does not answer",
                                           actor, now):
                    changes.append(f"{bank.name} board {board} is not answering")
                uow.commit()
                return changes
            if self._clear_board(session, bank, board, actor, now):
                changes.append(f"{bank.name} board {board} answers again")
            by_channel = {r.channel: r for r in readings}
            for loc in session.scalars(select(StorageLocation).where(
                    StorageLocation.locker_bank_id == bank.id, StorageLocation.lock_board == board,
                    StorageLocation.active.is_(True))):
                reading = by_channel.get(loc.lock_channel or 0)
                if reading is None:
                    continue
                key = f"{_DOOR}{loc.id}"
                flagged = session.get(AppState, key) is not None
                if reading.closed and flagged:
                    self._drop(session, key)
                    eventlog.append(session, DOOR_CLOSED, actor, subject_kind="locker", subject_id=loc.id,
                                    kiosk=self._kiosk, at=now, data={**_where(loc, bank), "note": "poll"})
                    changes.append(f"compartment {loc.name} is closed")
                elif not reading.closed and not flagged:
                    self._put(session, key, {"since": _iso(now), "by": actor.label, "purpose": "found"}, now)
                    eventlog.append(session, DOOR_FOUND_OPEN, actor, subject_kind="locker", subject_id=loc.id,
                                    kiosk=self._kiosk, at=now, data={**_where(loc, bank)})
                    changes.append(f"compartment {loc.name} is open")
            uow.commit()
        return changes

    def move_to_room(self, parcel_id: int, actor: Actor, reason: str, now: datetime | None = None) -> ParcelInfo:
        """Intake found its compartment would not open: the parcel goes to the room by the shelf rules.

        Writes a custody transition (same status, new place) and a ``parcel.moved`` event, and
        corrects the shelf named in notices not yet sent.
        """
        now = now or datetime.now(UTC)
        with self._db.uow() as uow:
            session = uow.session
            parcel = session.get(Parcel, parcel_id, with_for_update=True)
            if parcel is None:
                raise LockerError(f"parcel #{parcel_id} does not exist")
            before = session.get(StorageLocation, parcel.location_id) if parcel.location_id else None
            room_request = IntakeRequest(tracking_text=parcel.tracking_number, size=SizeClass(parcel.size),
                                         perishable=parcel.perishable, oversized=parcel.oversized)
            # The room's own shelf rules (least-full shelf of the right kind), as at intake.
            target = self._parcels._choose_location(session, room_request)
            parcel.location_id = target.id if target else None
            status = ParcelStatus(parcel.status)
            session.add(ParcelTransition(parcel_id=parcel.id, from_status=status, to_status=status, at=now,
                                         actor_kind=actor.kind, actor_id=actor.id, actor_label=actor.label,
                                         location_id=parcel.location_id, reason=reason[:400]))
            eventlog.append(session, PARCEL_MOVED, actor, subject_kind="parcel", subject_id=parcel.id,
                            kiosk=self._kiosk, at=now,
                            data={"code": parcel.code, "from": before.code if before else None,
                                  "to": target.code if target else None, "reason": reason})
            shelf = target.name if target else ""
            for message in session.scalars(select(OutboxMessage).where(
                    OutboxMessage.status == OutboxStatus.PENDING,
                    OutboxMessage.idempotency_key.like(f"%:{parcel.code}:%"))):
                message.payload = {**message.payload, "shelf": shelf}
            uow.commit()
        return self._parcels.get(parcel_id)

    # ------------------------------------------------------------------ staff

    def set_out_of_service(self, compartment_id: int, out: bool, actor: Actor, reason: str = "",
                           now: datetime | None = None) -> Compartment:
        now = now or datetime.now(UTC)
        with self._db.uow() as uow:
            session = uow.session
            loc, bank = self._location(session, compartment_id)
            loc.out_of_service = out
            if out:
                self._put_text(session, f"{_FAULT}{loc.id}",
                               reason.strip() or f"taken out of service by {actor.label or 'staff'}", now)
            else:
                self._drop(session, f"{_FAULT}{loc.id}")
            eventlog.append(session, OUT_OF_SERVICE if out else IN_SERVICE, actor, subject_kind="locker",
                            subject_id=loc.id, kiosk=self._kiosk, at=now, data={**_where(loc, bank), "reason": reason})
            uow.commit()
        return self.compartment(compartment_id)

    # ------------------------------------------------------------------ pickup

    def pickup_items(self, match: CredentialMatch, today: date | None = None) -> list[LockerPickupItem]:
        """The resident's waiting parcels that are in lockers (not held, no signature needed), in order."""
        if not match.parcel_ids:
            return []
        today = today or datetime.now().astimezone().date()
        with self._db.reader() as uow:
            session = uow.session
            held = set(session.scalars(
                select(Parcel.id)
                .join(Hold, or_(Hold.parcel_id == Parcel.id,
                                and_(Hold.kind == HoldKind.VACATION, Hold.resident_id == Parcel.resident_id)))
                .where(Parcel.id.in_(match.parcel_ids), Hold.released_at.is_(None), Hold.starts_on <= today,
                       or_(Hold.ends_on.is_(None), Hold.ends_on >= today))))
            rows = session.execute(
                select(Parcel.id, Parcel.code, Parcel.location_id)
                .join(StorageLocation, Parcel.location_id == StorageLocation.id)
                .where(Parcel.id.in_(match.parcel_ids), Parcel.resident_id == match.resident_id,
                       Parcel.status.in_(WAITING_STATUSES), Parcel.signature_required.is_(False),
                       StorageLocation.kind == LocationKind.LOCKER)
                .order_by(Parcel.received_at, Parcel.id)).all()
            compartments = {c.id: c for c in self._compartments(
                session, [StorageLocation.id.in_([r.location_id for r in rows])])} if rows else {}
        items = []
        for parcel_id, code, location_id in rows:
            compartment = compartments.get(location_id) if location_id is not None else None
            if parcel_id in held or compartment is None:
                continue
            message = "" if compartment.openable else (
                f"Compartment {compartment.label} cannot be opened right now. Please see the front desk.")
            items.append(LockerPickupItem(parcel_id, code, compartment, compartment.openable, message))
        return items

    def complete_pickup(self, match: CredentialMatch, item: LockerPickupItem, how: str,
                        now: datetime | None = None) -> ParcelInfo:
        """Close custody of a parcel taken from its compartment (``how``: empty-and-closed or confirmed)."""
        return self._parcels.release(
            item.parcel_id, resident_actor(match), for_resident_id=match.resident_id,
            reason=f"collected from locker {item.compartment.bank_name} {item.compartment.label}: {how}", now=now)

    def pickup_unconfirmed(self, match: CredentialMatch, item: LockerPickupItem, detail: str, *,
                           flag: bool = True, now: datetime | None = None) -> None:
        """The compartment was opened for the resident, but neither the board nor the resident said the
        parcel was taken: it stays waiting and (``flag``, unless the board sees it safely inside) goes
        on the needs-attention list for staff to check."""
        reason = (f"compartment {item.compartment.label} was opened for the resident but the pickup "
                  f"was not confirmed ({detail}); check the compartment") if flag else ""
        self._flag_item(match, item, PICKUP_UNCONFIRMED, detail, reason, now)

    def pickup_blocked(self, match: CredentialMatch, item: LockerPickupItem, detail: str,
                       now: datetime | None = None) -> None:
        """The resident came for the parcel but its compartment could not be opened."""
        self._flag_item(match, item, PICKUP_BLOCKED, detail,
                        f"the resident came for it but compartment {item.compartment.label} could not be opened "
                        f"({detail}); hand it over at the desk", now)

    def _flag_item(self, match: CredentialMatch, item: LockerPickupItem, kind: str, detail: str, reason: str,
                   now: datetime | None) -> None:
        now = now or datetime.now(UTC)
        with self._db.uow() as uow:
            session = uow.session
            parcel = session.get(Parcel, item.parcel_id)
            if reason and parcel is not None and parcel.status in WAITING_STATUSES:
                _flag(parcel, reason)
            loc, bank = self._location(session, item.compartment.id)
            eventlog.append(session, kind, resident_actor(match), subject_kind="parcel", subject_id=item.parcel_id,
                            kiosk=self._kiosk, at=now, data={**_where(loc, bank), "detail": detail[:300]})
            uow.commit()

    # ------------------------------------------------------------------ helpers

    def _location(self, session: Session, compartment_id: int) -> tuple[StorageLocation, LockerBank]:
        loc = session.get(StorageLocation, compartment_id)
        if loc is None or loc.kind != LocationKind.LOCKER or loc.locker_bank_id is None:
            raise LockerError(f"#{compartment_id} is not a locker compartment")
        bank = session.get(LockerBank, loc.locker_bank_id)
        assert bank is not None  # foreign key
        return loc, bank

    @staticmethod
    def _waiting_inside(session: Session, location_id: int) -> Iterable[Parcel]:
        return session.scalars(select(Parcel).where(Parcel.location_id == location_id,
                                                    Parcel.status.in_(WAITING_STATUSES)))

    def _set_board_offline(self, session: Session, bank: LockerBank, board: int | None, detail: str, actor: Actor,
                           now: datetime) -> bool:
        key = f"{_BOARD}{bank.id}:{board}"
        if session.get(AppState, key) is not None:
            return False
        text = f"{bank.name} board {board} is not answering ({detail}); its compartments cannot be opened"
        self._put(session, key, {"since": _iso(now), "detail": text}, now)
        eventlog.append(session, BOARD_OFFLINE, actor, subject_kind="locker_bank", subject_id=bank.id,
                        kiosk=self._kiosk, at=now, data={"bank": bank.name, "board": board, "detail": detail[:300]})
        return True

    def _clear_board(self, session: Session, bank: LockerBank, board: int | None, actor: Actor, now: datetime) -> bool:
        if not self._drop(session, f"{_BOARD}{bank.id}:{board}"):
            return False
        eventlog.append(session, BOARD_ONLINE, actor, subject_kind="locker_bank", subject_id=bank.id,
                        kiosk=self._kiosk, at=now, data={"bank": bank.name, "board": board})
        return True

    @staticmethod
    def _put(session: Session, key: str, value: dict[str, Any], now: datetime) -> None:
        LockerService._put_text(session, key, json.dumps(value, sort_keys=True), now)

    @staticmethod
    def _put_text(session: Session, key: str, value: str, now: datetime) -> None:
        row = session.get(AppState, key)
        if row is None:
            session.add(AppState(key=key, value=value, updated_at=now))
        else:
            row.value = value
            row.updated_at = now

    @staticmethod
    def _drop(session: Session, key: str) -> bool:
        row = session.get(AppState, key)
        if row is None:
            return False
        session.delete(row)
        return True


def _where(loc: StorageLocation, bank: LockerBank) -> dict[str, Any]:
    return {"compartment": loc.name, "code": loc.code, "bank": bank.name, "board": loc.lock_board,
            "channel": loc.lock_channel}


def _flag(parcel: Parcel, reason: str) -> None:
    parcel.needs_attention = True
    parcel.attention_reason = reason[:200]


# --------------------------------------------------------------------------- CSV


_COLUMNS = {
    "bank": ("bank", "bank_name", "locker_bank", "cabinet"),
    "board_url": ("board_url", "url", "bus", "port"),
    "compartment": ("compartment", "number", "door", "label", "locker"),
    "size": ("size", "size_class"),
    "board": ("board", "board_number", "address"),
    "channel": ("channel", "lock", "lock_channel"),
}
_REQUIRED = ("bank", "compartment", "size", "channel")


def _header_key(cell: str) -> str:
    return re.sub(r"[\s\-]+", "_", cell.strip().lower().removeprefix("\ufeff"))


@dataclass
class _BankRows:
    name: str
    url: str = ""
    url_row: int = 0
    compartments: list[CompartmentSpec] = field(default_factory=list)
    labels: dict[str, int] = field(default_factory=dict)
    slots: dict[tuple[int, int], int] = field(default_factory=dict)


def _parse_bank_csv(text: str) -> tuple[list[BankSpec], list[RowError]]:
    errors: list[RowError] = []
    rows = records(text, sniff_delimiter(text))
    header: dict[str, int] | None = None
    banks: dict[str, _BankRows] = {}
    try:
        for number, cells in rows:
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                keys = [_header_key(c) for c in cells]
                header = {}
                for name, aliases in _COLUMNS.items():
                    for alias in aliases:
                        if alias in keys:
                            header[name] = keys.index(alias)
                            break
                missing = [name for name in _REQUIRED if name not in header]
                if missing:
                    return [], [RowError(number, name, "column missing from the header") for name in missing]
                continue
            _parse_row(number, cells, header, banks, errors)
    except (csv.Error, RentRollError) as exc:
        errors.append(RowError(0, "", f"the file cannot be read as CSV: {exc}"))
    if header is None:
        errors.append(RowError(0, "", "the file is empty"))
    for bank in banks.values():
        if not bank.url:
            errors.append(RowError(0, "board_url", f"bank {bank.name}: no row gives its board URL"))
    specs = [BankSpec(b.name, b.url, tuple(b.compartments)) for b in banks.values()]
    return specs, errors


def _parse_row(number: int, cells: list[str], header: dict[str, int], banks: dict[str, _BankRows],
               errors: list[RowError]) -> None:
    def cell(name: str) -> str:
        index = header.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    before = len(errors)
    name = cell("bank")
    if not name:
        errors.append(RowError(number, "bank", "no bank name"))
        return
    bank = banks.setdefault(name.upper(), _BankRows(name))
    url = cell("board_url")
    if url:
        if ":" not in url:
            errors.append(RowError(number, "board_url", f"{url!r} is not a lock-board URL (e.g. kerong:///dev/ttyUSB2)"))
        elif bank.url and url != bank.url:
            errors.append(RowError(number, "board_url",
                                   f"bank {name} already has board URL {bank.url} (row {bank.url_row})"))
        elif not bank.url:
            bank.url, bank.url_row = url, number
    label = cell("compartment")
    if not LABEL_PATTERN.match(label):
        errors.append(RowError(number, "compartment",
                               f"{label!r} is not a compartment number (1 to 8 letters, digits or dashes)"
                               if label else "no compartment number"))
    size_text = cell("size")
    size = parse_size(size_text)
    if size is None:
        errors.append(RowError(number, "size", f"{size_text!r} is not a size; use S, M, L or XL"
                               if size_text else "no size; use S, M, L or XL"))
    numbers: dict[str, int] = {}
    for column, default, low, high in (("board", 0, 0, MAX_BOARD), ("channel", None, 1, MAX_CHANNEL)):
        raw = cell(column)
        if not raw and default is not None:
            numbers[column] = default
            continue
        try:
            value = int(raw)
        except ValueError:
            errors.append(RowError(number, column, f"{raw!r} is not a whole number" if raw else "missing"))
            continue
        if not low <= value <= high:
            errors.append(RowError(number, column, f"{value} is out of range ({low} to {high})"))
            continue
        numbers[column] = value
    if len(errors) > before or size is None:
        return
    key = label.upper()
    slot = (numbers["board"], numbers["channel"])
    if key in bank.labels:
        errors.append(RowError(number, "compartment", f"compartment {label} of {name} is already on row "
                                                      f"{bank.labels[key]}"))
        return
    if slot in bank.slots:
        errors.append(RowError(number, "channel", f"board {slot[0]} channel {slot[1]} of {name} is already used "
                                                  f"on row {bank.slots[slot]}"))
        return
    bank.labels[key] = number
    bank.slots[slot] = number
    bank.compartments.append(CompartmentSpec(label, size, *slot))

