"""The weekly scan-based audit: walk the room, reconcile, resolve, sign off; unclaimed parcels.

Staff start an audit, scan a shelf barcode and then every parcel on that shelf, shelf after
shelf. :meth:`AuditService.reconcile` compares what was found with what the records expect and
lists each discrepancy by kind (see :data:`KIND_TEXT`). Every discrepancy is resolved with a
code from :data:`RESOLUTION_CODES` and a note; a misplaced parcel can be moved to where it was
found in one call (:meth:`AuditService.move_to_found`). Sign-off is refused while a discrepancy
is open unless a manager overrides it with a reason. Every step is written to the event log.

Rules of the reconciliation (``audit`` started at *T*):

* **missing** — a waiting parcel received before *T* that no scan found;
* **misplaced** — a waiting parcel found on another shelf than its recorded one (or with none);
* **never logged** — a scan that is neither a shelf nor a known parcel (or a voided parcel);
* **picked up but still here** — a parcel recorded as picked up, returned or lost, yet scanned;
* **recipient moved out** — a waiting parcel whose resident has moved out;
* **on hold past its date** — a waiting parcel under a hold whose end date has passed unreleased;
* **wrong recipient** — reported by staff (:meth:`AuditService.flag`), never inferred.

A parcel scanned twice counts where it was scanned last.

Locker compartments are storage locations too (their code, ``LK<bank>-<number>``, is scanned like
a shelf's), so their parcels are in the expected set like any other. The audit lists the
compartments recorded occupied (:attr:`AuditProgress.compartments`); staff open each one and scan
the parcel's label, or confirm it on screen (:meth:`AuditService.confirm_compartment`): *present*
counts its parcels as found there, *empty* leaves them unfound, so reconciling lists them as
missing, as in the room.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.sql.elements import ColumnElement

from kiosk import eventlog
from kiosk.eventlog import Actor
from kiosk.persistence.models import (
    WAITING_STATUSES,
    ActorKind,
    Audit,
    AuditDiscrepancy,
    AuditScan,
    AuditStatus,
    Carrier,
    DiscrepancyKind,
    Hold,
    HoldKind,
    LocationKind,
    LockerBank,
    Parcel,
    ParcelStatus,
    ParcelTransition,
    Resident,
    ResidentStatus,
    Role,
    StaffUser,
    StorageLocation,
    Unit,
)
from kiosk.persistence.uow import Database
from kiosk.services.parcels import ParcelError, ParcelService
from kiosk.services.staff import RANK, PermissionDenied
from kiosk.tracking import parse as parse_tracking

log = logging.getLogger(__name__)

#: What each discrepancy kind means, for screens and reports.
KIND_TEXT: dict[DiscrepancyKind, str] = {
    DiscrepancyKind.MISSING: "missing",
    DiscrepancyKind.MISPLACED: "misplaced",
    DiscrepancyKind.NEVER_LOGGED: "found but never logged",
    DiscrepancyKind.PICKED_UP_STILL_HERE: "recorded as picked up but still here",
    DiscrepancyKind.WRONG_RECIPIENT: "wrong recipient",
    DiscrepancyKind.RECIPIENT_MOVED_OUT: "recipient moved out",
    DiscrepancyKind.HOLD_EXPIRED: "on hold past its date",
}

#: Resolution codes (stored in ``audit_discrepancies.resolution_code``) and what they mean.
RESOLUTION_CODES: dict[str, str] = {
    "moved": "moved to the shelf it was found on",
    "put_back": "put back on its recorded shelf",
    "found": "found after all",
    "marked_lost": "cannot be found; marked lost",
    "logged": "logged now at intake",
    "returned_to_carrier": "handed back to the carrier",
    "returned_to_sender": "returned to sender",
    "handed_over": "handed to the resident",
    "record_corrected": "record corrected",
    "resident_contacted": "resident contacted",
    "forwarded": "forwarded to the resident's new address",
    "hold_extended": "hold extended",
    "hold_released": "hold released",
    "other": "other (explained in the note)",
}

AGE_GROUPS: tuple[tuple[str, int, int | None], ...] = (("3–7 days", 3, 7), ("7–15 days", 7, 15),
                                                      ("15+ days", 15, None))
EVENT_SUBJECT = "audit"


class AuditError(Exception):
    """An audit step was refused; the message is fit to show staff."""


@dataclass(frozen=True)
class AuditInfo:
    id: int
    status: AuditStatus
    started_at: datetime
    started_by: str
    reconciled_at: datetime | None
    signed_off_at: datetime | None
    signed_off_by: str | None
    override_reason: str
    current_shelf: str | None  # the shelf the next parcel scans count on


@dataclass(frozen=True)
class ShelfProgress:
    code: str
    name: str
    expected: int  # waiting parcels recorded on this shelf
    found: int  # of those, scanned on this shelf
    extra: int  # scanned here but recorded elsewhere, closed or unknown
    visited: bool

    @property
    def done(self) -> bool:
        return self.visited and self.found == self.expected and self.extra == 0


@dataclass(frozen=True)
class CompartmentCheck:
    """A locker compartment in the audit: what the records put in it and what staff confirmed.

    ``state``: ``to_check`` (not opened yet), ``present`` (every parcel recorded inside was found
    there), ``not_found`` (opened or confirmed empty, and a recorded parcel was not found there),
    ``extra`` (something was found there that the records put elsewhere, or nothing was expected).
    """

    id: int
    code: str
    label: str
    bank: str
    parcel_codes: tuple[str, ...]  # waiting parcels recorded inside
    units: tuple[str, ...]
    expected: int
    found: int
    extra: int
    visited: bool

    @property
    def state(self) -> str:
        if self.expected == 0:
            return "extra"
        if self.found == self.expected:
            return "present" if self.extra == 0 else "extra"
        return "not_found" if self.visited else "to_check"


@dataclass(frozen=True)
class AuditProgress:
    audit_id: int
    shelves: tuple[ShelfProgress, ...]  # the room: every active location but locker compartments
    current_shelf: str | None
    scans: int
    compartments: tuple[CompartmentCheck, ...] = ()  # locker compartments recorded occupied (or with extras)

    @property
    def expected(self) -> int:
        return sum(s.expected for s in self.shelves) + sum(c.expected for c in self.compartments)

    @property
    def found(self) -> int:
        return sum(s.found for s in self.shelves) + sum(c.found for c in self.compartments)

    @property
    def visited(self) -> int:
        return sum(1 for s in self.shelves if s.visited)


@dataclass(frozen=True)
class ScanOutcome:
    """What one audit scan meant. ``kind``: shelf, expected, misplaced, closed, unknown, again."""

    kind: str
    message: str
    shelf: str | None
    parcel_code: str | None = None


@dataclass(frozen=True)
class DiscrepancyInfo:
    id: int
    audit_id: int
    kind: DiscrepancyKind
    parcel_id: int | None
    parcel_code: str | None
    tracking_number: str | None
    parcel_status: ParcelStatus | None
    recipient: str
    unit: str
    expected_shelf: str | None
    found_shelf: str | None
    scanned_text: str
    resolution_code: str | None
    resolution_note: str
    resolved_by: str | None
    resolved_at: datetime | None

    @property
    def open(self) -> bool:
        return self.resolution_code is None

    @property
    def description(self) -> str:
        return KIND_TEXT[self.kind]


@dataclass(frozen=True)
class ReconcileResult:
    audit: AuditInfo
    discrepancies: tuple[DiscrepancyInfo, ...]
    unvisited_shelves: tuple[str, ...]  # shelves with expected parcels that were never scanned

    @property
    def open(self) -> int:
        return sum(1 for d in self.discrepancies if d.open)


@dataclass(frozen=True)
class UnclaimedParcel:
    id: int
    code: str
    tracking_number: str
    carrier: str | None
    recipient: str
    unit: str
    shelf: str | None
    received_at: datetime
    days: int
    on_hold: bool


@dataclass(frozen=True)
class UnclaimedReport:
    as_of: datetime
    groups: tuple[tuple[str, tuple[UnclaimedParcel, ...]], ...]  # (label, parcels), oldest group last
    return_to_sender: tuple[UnclaimedParcel, ...]  # waiting at least return_after_days, not on hold
    return_after_days: int


@dataclass(frozen=True)
class ReturnResult:
    returned: tuple[str, ...]  # parcel codes
    refused: tuple[tuple[int, str], ...]  # (parcel id, reason)


class AuditService:
    """Scan-based audits of the package room and the unclaimed-parcel lists."""

    def __init__(self, db: Database, parcels: ParcelService, kiosk_id: str = "") -> None:
        self._db = db
        self._parcels = parcels
        self._kiosk = kiosk_id

    # ------------------------------------------------------------------ the walk

    def start(self, actor: Actor, now: datetime | None = None) -> AuditInfo:
        """Start an audit; refused while another one is in progress (resume that one instead)."""
        now = now or datetime.now(UTC)
        if actor.kind != ActorKind.STAFF or actor.id is None:
            raise AuditError("sign in to start an audit")
        with self._db.uow() as uow:
            s = uow.session
            running = s.scalar(select(Audit.id).where(Audit.status.in_((AuditStatus.IN_PROGRESS,
                                                                        AuditStatus.RECONCILED))))
            if running is not None:
                raise AuditError(f"audit #{running} is not finished; resume it or abandon it first")
            audit = Audit(status=AuditStatus.IN_PROGRESS, started_at=now, started_by_id=actor.id)
            s.add(audit)
            s.flush()
            self._event(s, "audit.started", actor, audit.id, now, {})
            uow.commit()
            audit_id = audit.id
        return self.get(audit_id)

    def current(self) -> AuditInfo | None:
        """The audit in progress or reconciled but not signed off, if any."""
        with self._db.reader() as uow:
            audit_id = uow.session.scalar(
                select(Audit.id).where(Audit.status.in_((AuditStatus.IN_PROGRESS, AuditStatus.RECONCILED)))
                .order_by(Audit.id.desc()).limit(1))
        return None if audit_id is None else self.get(audit_id)

    def get(self, audit_id: int) -> AuditInfo:
        with self._db.reader() as uow:
            return _audit_info(uow.session, _load(uow.session, audit_id))

    def recent(self, limit: int = 50) -> list[AuditInfo]:
        with self._db.reader() as uow:
            audits = uow.session.scalars(select(Audit).order_by(Audit.id.desc()).limit(limit)).all()
            return [_audit_info(uow.session, a) for a in audits]

    def scan(self, audit_id: int, text: str, actor: Actor, now: datetime | None = None) -> ScanOutcome:
        """One scan of the walk: a shelf barcode sets the shelf; anything else is a parcel on it."""
        now = now or datetime.now(UTC)
        text = text.strip()
        if not text:
            raise AuditError("the scan was empty; scan again")
        if len(text) > 200:
            raise AuditError("that barcode is too long to be a shelf or a parcel label")
        with self._db.uow() as uow:
            s = uow.session
            audit = _load(s, audit_id, for_update=True)
            _require_open(audit)
            shelf = s.scalar(select(StorageLocation).where(StorageLocation.code == text.upper(),
                                                           StorageLocation.active.is_(True)))
            if shelf is not None:
                s.add(AuditScan(audit_id=audit.id, location_id=shelf.id, parcel_id=None, scanned_text=text,
                                at=now))
                expected = s.scalar(select(func.count(Parcel.id)).where(
                    Parcel.location_id == shelf.id, Parcel.status.in_(WAITING_STATUSES))) or 0
                self._event(s, "audit.shelf_scanned", actor, audit.id, now, {"shelf": shelf.code})
                uow.commit()
                return ScanOutcome("shelf", f"Shelf {shelf.code}: {expected} parcel(s) expected. Scan each one.",
                                   shelf.code)
            current = _current_shelf(s, audit.id)
            if current is None:
                raise AuditError("scan the shelf's barcode first, then the parcels on it")
            parcel = _find_parcel(s, text)
            already = parcel is not None and s.scalar(
                select(AuditScan.location_id).where(AuditScan.audit_id == audit.id,
                                                    AuditScan.parcel_id == parcel.id)
                .order_by(AuditScan.id.desc()).limit(1)) == current.id
            s.add(AuditScan(audit_id=audit.id, location_id=current.id, parcel_id=parcel.id if parcel else None,
                            scanned_text=text, at=now))
            outcome = _outcome(s, parcel, current, text, already)
            self._event(s, "audit.parcel_scanned", actor, audit.id, now,
                        {"shelf": current.code, "parcel_id": parcel.id if parcel else None,
                         "text": text, "outcome": outcome.kind})
            uow.commit()
            return outcome

    def progress(self, audit_id: int) -> AuditProgress:
        """Per shelf: parcels expected, found there, extra; whether it was scanned at all."""
        with self._db.reader() as uow:
            s = uow.session
            audit = _load(s, audit_id)
            locations = s.scalars(select(StorageLocation).where(StorageLocation.active.is_(True))
                                  .order_by(StorageLocation.sort_order, StorageLocation.code)).all()
            expected_at = dict(s.execute(
                select(Parcel.location_id, func.count(Parcel.id))
                .where(Parcel.status.in_(WAITING_STATUSES), Parcel.location_id.is_not(None))
                .group_by(Parcel.location_id)).all())
            visited = set(s.scalars(select(AuditScan.location_id).where(
                AuditScan.audit_id == audit.id, AuditScan.parcel_id.is_(None),
                AuditScan.location_id.is_not(None))).all())
            last = _last_scans(s, audit.id)
            homes = dict(s.execute(select(Parcel.id, Parcel.location_id).where(
                Parcel.id.in_(list(last)), Parcel.status.in_(WAITING_STATUSES))).all()) if last else {}
            found: dict[int, int] = {}
            extra: dict[int, int] = {}
            for parcel_id, location_id in last.items():
                if homes.get(parcel_id) == location_id:
                    found[location_id] = found.get(location_id, 0) + 1
                else:
                    extra[location_id] = extra.get(location_id, 0) + 1
            unknown = s.execute(
                select(AuditScan.location_id, func.count(func.distinct(AuditScan.scanned_text)))
                .where(AuditScan.audit_id == audit.id, AuditScan.parcel_id.is_(None),
                       func.upper(AuditScan.scanned_text).not_in(select(StorageLocation.code)))
                .group_by(AuditScan.location_id)).all()
            for unknown_at, count in unknown:
                if unknown_at is not None:
                    extra[unknown_at] = extra.get(unknown_at, 0) + int(count)
            shelves = tuple(
                ShelfProgress(loc.code, loc.name, int(expected_at.get(loc.id, 0)), found.get(loc.id, 0),
                              extra.get(loc.id, 0), loc.id in visited)
                for loc in locations if loc.kind != LocationKind.LOCKER)
            compartments = _compartment_checks(
                s, [loc for loc in locations if loc.kind == LocationKind.LOCKER
                    and (expected_at.get(loc.id) or extra.get(loc.id))], found, extra, visited)
            current = _current_shelf(s, audit.id)
            scans = s.scalar(select(func.count(AuditScan.id)).where(AuditScan.audit_id == audit.id)) or 0
            return AuditProgress(audit.id, shelves, current.code if current else None, int(scans), compartments)

    def confirm_compartment(self, audit_id: int, compartment_id: int, present: bool, actor: Actor,
                            now: datetime | None = None) -> ScanOutcome:
        """Staff looked into a locker compartment: its parcels are there (``present``), or it is empty.

        Either way the compartment counts as visited and becomes the place the next parcel scans
        count on. *Present* counts every waiting parcel recorded inside as found there; *empty*
        takes back any earlier finding there, so reconciling lists those parcels as missing.
        """
        now = now or datetime.now(UTC)
        with self._db.uow() as uow:
            s = uow.session
            audit = _load(s, audit_id, for_update=True)
            _require_open(audit)
            loc = s.get(StorageLocation, compartment_id)
            if loc is None or loc.kind != LocationKind.LOCKER or not loc.active:
                raise AuditError(f"#{compartment_id} is not a locker compartment")
            if _current_shelf_id(s, audit.id) != loc.id:
                s.add(AuditScan(audit_id=audit.id, location_id=loc.id, parcel_id=None, scanned_text=loc.code,
                                at=now))
            inside = s.scalars(select(Parcel).where(Parcel.location_id == loc.id,
                                                    Parcel.status.in_(WAITING_STATUSES))
                               .order_by(Parcel.received_at)).all()
            last = _last_scans(s, audit.id)
            codes: list[str] = []
            if present:
                for parcel in inside:
                    if last.get(parcel.id) != loc.id:
                        s.add(AuditScan(audit_id=audit.id, location_id=loc.id, parcel_id=parcel.id,
                                        scanned_text=parcel.code, at=now))
                    codes.append(parcel.code)
                message = (f"Compartment {loc.name}: parcel {', '.join(codes)} ✓" if codes
                           else f"Compartment {loc.name}: nothing is recorded inside.")
                kind = "expected" if codes else "unknown"
            else:
                for parcel_id, where in last.items():
                    if where == loc.id:  # found here earlier: no longer
                        s.add(AuditScan(audit_id=audit.id, location_id=None, parcel_id=parcel_id,
                                        scanned_text=f"{loc.code} empty", at=now))
                codes = [p.code for p in inside]
                message = (f"Compartment {loc.name} is empty: parcel {', '.join(codes)} will be listed as missing."
                           if codes else f"Compartment {loc.name} is empty, as recorded.")
                kind = "missing" if codes else "expected"
            self._event(s, "audit.compartment_confirmed", actor, audit.id, now,
                        {"compartment": loc.code, "present": present, "parcels": codes})
            uow.commit()
        return ScanOutcome(kind, message, loc.code, codes[0] if codes else None)

    # ------------------------------------------------------------------ reconciliation

    def reconcile(self, audit_id: int, actor: Actor, now: datetime | None = None,
                  today: date | None = None) -> ReconcileResult:
        """Compare found with expected; (re)write the open discrepancies. Resolved ones are kept."""
        now = now or datetime.now(UTC)
        today = today or now.astimezone().date()
        with self._db.uow() as uow:
            s = uow.session
            audit = _load(s, audit_id, for_update=True)
            _require_open(audit)
            found = _findings(s, audit, today)
            resolved = {(d.kind, d.parcel_id, d.scanned_text) for d in s.scalars(
                select(AuditDiscrepancy).where(AuditDiscrepancy.audit_id == audit.id,
                                               AuditDiscrepancy.resolution_code.is_not(None)))}
            s.execute(delete(AuditDiscrepancy).where(AuditDiscrepancy.audit_id == audit.id,
                                                     AuditDiscrepancy.resolution_code.is_(None),
                                                     AuditDiscrepancy.kind != DiscrepancyKind.WRONG_RECIPIENT))
            for row in found:
                if (row.kind, row.parcel_id, row.scanned_text) not in resolved:
                    row.audit_id = audit.id
                    s.add(row)
            audit.status = AuditStatus.RECONCILED
            audit.reconciled_at = now
            s.flush()
            counts: dict[str, int] = {}
            for row in found:
                counts[DiscrepancyKind(row.kind).value] = counts.get(DiscrepancyKind(row.kind).value, 0) + 1
            unvisited = _unvisited(s, audit.id)
            self._event(s, "audit.reconciled", actor, audit.id, now,
                        {"discrepancies": counts, "unvisited_shelves": list(unvisited)})
            uow.commit()
        return ReconcileResult(self.get(audit_id), tuple(self.discrepancies(audit_id)), unvisited)

    def discrepancies(self, audit_id: int) -> list[DiscrepancyInfo]:
        with self._db.reader() as uow:
            return discrepancy_infos(uow.session, [AuditDiscrepancy.audit_id == audit_id])

    def flag(self, audit_id: int, parcel_text: str, kind: DiscrepancyKind, note: str, actor: Actor,
             now: datetime | None = None) -> DiscrepancyInfo:
        """Record a discrepancy staff noticed themselves (a wrong recipient on the label, say)."""
        now = now or datetime.now(UTC)
        if not note.strip():
            raise AuditError("say what is wrong in the note")
        with self._db.uow() as uow:
            s = uow.session
            audit = _load(s, audit_id, for_update=True)
            _require_open(audit)
            parcel = _find_parcel(s, parcel_text)
            if parcel is None:
                raise AuditError(f"no parcel matches {parcel_text.strip()!r}")
            row = AuditDiscrepancy(audit_id=audit.id, kind=kind, parcel_id=parcel.id,
                                   expected_location_id=parcel.location_id,
                                   found_location_id=_current_shelf_id(s, audit.id),
                                   scanned_text=parcel_text.strip()[:200], resolution_note=note.strip()[:400])
            s.add(row)
            s.flush()
            self._event(s, "audit.discrepancy_flagged", actor, audit.id, now,
                        {"discrepancy_id": row.id, "kind": kind.value, "parcel_id": parcel.id, "note": note})
            uow.commit()
            row_id = row.id
        return self._discrepancy(row_id)

    def resolve(self, discrepancy_id: int, code: str, note: str, actor: Actor,
                now: datetime | None = None) -> DiscrepancyInfo:
        """Close one discrepancy with a resolution code and a note (needed for ``other``)."""
        now = now or datetime.now(UTC)
        if code not in RESOLUTION_CODES:
            raise AuditError(f"unknown resolution {code!r}; use one of {', '.join(RESOLUTION_CODES)}")
        if code == "other" and not note.strip():
            raise AuditError("explain the resolution in the note")
        with self._db.uow() as uow:
            s = uow.session
            row = self._open_discrepancy(s, discrepancy_id)
            self._resolve(s, row, code, note, actor, now)
            uow.commit()
        return self._discrepancy(discrepancy_id)

    def move_to_found(self, discrepancy_id: int, actor: Actor, now: datetime | None = None) -> DiscrepancyInfo:
        """A misplaced parcel: record it on the shelf it was found on, and resolve the discrepancy."""
        now = now or datetime.now(UTC)
        try:
            with self._db.uow() as uow:
                s = uow.session
                row = self._open_discrepancy(s, discrepancy_id)
                if row.kind != DiscrepancyKind.MISPLACED or row.parcel_id is None or row.found_location_id is None:
                    raise AuditError("only a misplaced parcel can be moved to where it was found")
                parcel = s.get(Parcel, row.parcel_id, with_for_update=True)
                if parcel is None or parcel.status not in WAITING_STATUSES:
                    raise AuditError("this parcel is no longer waiting; resolve the discrepancy instead")
                before = s.get(StorageLocation, parcel.location_id) if parcel.location_id else None
                to = s.get(StorageLocation, row.found_location_id)
                assert to is not None  # foreign key
                parcel.location_id = to.id
                reason = (f"moved during audit #{row.audit_id}: found on {to.code}, "
                          f"recorded on {before.code if before else 'no shelf'}")
                s.add(ParcelTransition(parcel_id=parcel.id, from_status=parcel.status, to_status=parcel.status,
                                       at=now, actor_kind=actor.kind, actor_id=actor.id, actor_label=actor.label,
                                       location_id=to.id, reason=reason))
                eventlog.append(s, "parcel.moved", actor, subject_kind="parcel", subject_id=parcel.id,
                                kiosk=self._kiosk, at=now,
                                data={"code": parcel.code, "from": before.code if before else None, "to": to.code,
                                      "audit_id": row.audit_id})
                self._resolve(s, row, "moved", reason, actor, now)
                uow.commit()
        except StaleDataError:
            raise AuditError("this parcel was just changed at another kiosk; reconcile again") from None
        return self._discrepancy(discrepancy_id)

    def sign_off(self, audit_id: int, actor: Actor, override_reason: str = "",
                 now: datetime | None = None) -> AuditInfo:
        """Finish a reconciled audit. Open discrepancies need a manager's override with a reason."""
        now = now or datetime.now(UTC)
        if actor.kind != ActorKind.STAFF or actor.id is None:
            raise PermissionDenied("sign in to sign off the audit")
        with self._db.uow() as uow:
            s = uow.session
            audit = _load(s, audit_id, for_update=True)
            if audit.status == AuditStatus.SIGNED_OFF:
                raise AuditError(f"audit #{audit.id} was already signed off")
            if audit.status != AuditStatus.RECONCILED:
                raise AuditError("reconcile the audit before signing it off")
            open_count = s.scalar(select(func.count(AuditDiscrepancy.id)).where(
                AuditDiscrepancy.audit_id == audit.id, AuditDiscrepancy.resolution_code.is_(None))) or 0
            staff = s.get(StaffUser, actor.id)
            if staff is None or not staff.active:
                raise PermissionDenied("sign in to sign off the audit")
            reason = override_reason.strip()
            if open_count and not reason:
                raise AuditError(f"{open_count} discrepancy(ies) still open: resolve them, or a manager may "
                                 "sign off with an override and a reason")
            if open_count and RANK[Role(staff.role)] < RANK[Role.MANAGER]:
                raise PermissionDenied("only a manager may sign off an audit with open discrepancies")
            audit.status = AuditStatus.SIGNED_OFF
            audit.signed_off_at = now
            audit.signed_off_by_id = staff.id
            audit.override_reason = reason[:400] if open_count else ""
            self._event(s, "audit.signed_off", actor, audit.id, now,
                        {"open_discrepancies": int(open_count), "override_reason": audit.override_reason,
                         "role": Role(staff.role).value})
            uow.commit()
        return self.get(audit_id)

    def abandon(self, audit_id: int, actor: Actor, reason: str, now: datetime | None = None) -> AuditInfo:
        now = now or datetime.now(UTC)
        if not reason.strip():
            raise AuditError("give a reason for abandoning the audit")
        with self._db.uow() as uow:
            s = uow.session
            audit = _load(s, audit_id, for_update=True)
            _require_open(audit)
            audit.status = AuditStatus.ABANDONED
            audit.notes = (audit.notes + "\n" if audit.notes else "") + f"abandoned: {reason.strip()}"
            self._event(s, "audit.abandoned", actor, audit.id, now, {"reason": reason.strip()})
            uow.commit()
        return self.get(audit_id)

    # ------------------------------------------------------------------ unclaimed parcels

    def unclaimed(self, now: datetime | None = None, return_after_days: int = 15) -> UnclaimedReport:
        """Waiting parcels by age (3–7, 7–15, 15+ days) and the return-to-sender list."""
        now = now or datetime.now(UTC)
        with self._db.reader() as uow:
            parcels = unclaimed_parcels(uow.session, now)
        return group_unclaimed(parcels, now, return_after_days)

    def return_parcels(self, parcel_ids: Sequence[int], actor: Actor,
                       reason: str = "returned to sender: unclaimed", now: datetime | None = None) -> ReturnResult:
        """The "pull for return" session: close each parcel as returned; report those refused."""
        now = now or datetime.now(UTC)
        returned: list[str] = []
        refused: list[tuple[int, str]] = []
        for parcel_id in parcel_ids:
            try:
                info = self._parcels.close(parcel_id, ParcelStatus.RETURNED, actor, reason, now=now)
            except ParcelError as exc:
                refused.append((parcel_id, str(exc)))
            else:
                returned.append(info.code)
        if returned:
            with self._db.uow() as uow:
                eventlog.append(uow.session, "parcel.return_session", actor, kiosk=self._kiosk, at=now,
                                data={"returned": returned, "refused": [pid for pid, _ in refused],
                                      "reason": reason})
                uow.commit()
        return ReturnResult(tuple(returned), tuple(refused))

    # ------------------------------------------------------------------ helpers

    def _event(self, s: Session, kind: str, actor: Actor, audit_id: int, now: datetime,
               data: dict[str, object]) -> None:
        eventlog.append(s, kind, actor, subject_kind=EVENT_SUBJECT, subject_id=audit_id, kiosk=self._kiosk,
                        at=now, data=data)

    def _open_discrepancy(self, s: Session, discrepancy_id: int) -> AuditDiscrepancy:
        row = s.get(AuditDiscrepancy, discrepancy_id, with_for_update=True)
        if row is None:
            raise AuditError(f"discrepancy #{discrepancy_id} does not exist")
        audit = _load(s, row.audit_id)
        if audit.status in (AuditStatus.SIGNED_OFF, AuditStatus.ABANDONED):
            raise AuditError(f"audit #{audit.id} is closed")
        if row.resolution_code is not None:
            raise AuditError("this discrepancy was already resolved")
        return row

    def _resolve(self, s: Session, row: AuditDiscrepancy, code: str, note: str, actor: Actor,
                 now: datetime) -> None:
        row.resolution_code = code
        row.resolution_note = note.strip()[:400]
        row.resolved_by_id = actor.id if actor.kind == ActorKind.STAFF else None
        row.resolved_at = now
        self._event(s, "audit.discrepancy_resolved", actor, row.audit_id, now,
                    {"discrepancy_id": row.id, "kind": DiscrepancyKind(row.kind).value, "parcel_id": row.parcel_id,
                     "code": code, "note": row.resolution_note})

    def _discrepancy(self, discrepancy_id: int) -> DiscrepancyInfo:
        with self._db.reader() as uow:
            return discrepancy_infos(uow.session, [AuditDiscrepancy.id == discrepancy_id])[0]


# --------------------------------------------------------------------------- queries


def _load(s: Session, audit_id: int, for_update: bool = False) -> Audit:
    audit = s.get(Audit, audit_id, with_for_update=for_update)
    if audit is None:
        raise AuditError(f"audit #{audit_id} does not exist")
    return audit


def _require_open(audit: Audit) -> None:
    if audit.status not in (AuditStatus.IN_PROGRESS, AuditStatus.RECONCILED):
        raise AuditError(f"audit #{audit.id} is {AuditStatus(audit.status).value.replace('_', ' ')}")


def _audit_info(s: Session, audit: Audit) -> AuditInfo:
    names = dict(s.execute(select(StaffUser.id, StaffUser.name).where(
        StaffUser.id.in_([i for i in (audit.started_by_id, audit.signed_off_by_id) if i]))).all())
    current = _current_shelf(s, audit.id)
    return AuditInfo(audit.id, AuditStatus(audit.status), audit.started_at, names.get(audit.started_by_id, ""),
                     audit.reconciled_at, audit.signed_off_at,
                     names.get(audit.signed_off_by_id) if audit.signed_off_by_id else None,
                     audit.override_reason, current.code if current else None)


def _current_shelf_id(s: Session, audit_id: int) -> int | None:
    return s.scalar(select(AuditScan.location_id).where(
        AuditScan.audit_id == audit_id, AuditScan.parcel_id.is_(None), AuditScan.location_id.is_not(None),
        func.upper(AuditScan.scanned_text).in_(select(StorageLocation.code)))
        .order_by(AuditScan.id.desc()).limit(1))


def _current_shelf(s: Session, audit_id: int) -> StorageLocation | None:
    location_id = _current_shelf_id(s, audit_id)
    return s.get(StorageLocation, location_id) if location_id else None


def _find_parcel(s: Session, text: str) -> Parcel | None:
    """The parcel a label scan names: its Packroom code, else its tracking number (waiting first)."""
    code = text.strip().upper()
    parcel = s.scalar(select(Parcel).where(Parcel.code == code))
    if parcel is not None:
        return parcel
    number = parse_tracking(text).number or code
    rows = s.scalars(select(Parcel).where(Parcel.tracking_number == number)
                     .order_by(Parcel.received_at.desc())).all()
    waiting = [p for p in rows if p.status in WAITING_STATUSES]
    candidates = waiting or list(rows)
    return candidates[0] if candidates else None


def _outcome(s: Session, parcel: Parcel | None, shelf: StorageLocation, text: str, again: bool) -> ScanOutcome:
    if parcel is None:
        return ScanOutcome("unknown", f"{text} is not a logged parcel: set it aside; it will be listed.", shelf.code)
    status = ParcelStatus(parcel.status)
    if again:
        return ScanOutcome("again", f"Parcel {parcel.code} was already counted on {shelf.code}.", shelf.code,
                           parcel.code)
    if status == ParcelStatus.VOIDED:
        return ScanOutcome("unknown", f"Parcel {parcel.code} was voided at intake but is here.", shelf.code,
                           parcel.code)
    if status not in WAITING_STATUSES:
        return ScanOutcome("closed", f"Parcel {parcel.code} is recorded as {status.value.replace('_', ' ')}, "
                                     "but it is here.", shelf.code, parcel.code)
    if parcel.location_id != shelf.id:
        home = s.get(StorageLocation, parcel.location_id) if parcel.location_id else None
        where = f"on {home.code}" if home else "without a shelf"
        return ScanOutcome("misplaced", f"Parcel {parcel.code} is recorded {where}.", shelf.code, parcel.code)
    return ScanOutcome("expected", f"Parcel {parcel.code} ✓", shelf.code, parcel.code)


def _last_scans(s: Session, audit_id: int) -> dict[int, int]:
    """parcel id → the location it was last scanned on, for this audit.

    A row with a parcel and no location takes an earlier finding back (a compartment confirmed empty).
    """
    last: dict[int, int] = {}
    for parcel_id, location_id in s.execute(
            select(AuditScan.parcel_id, AuditScan.location_id)
            .where(AuditScan.audit_id == audit_id, AuditScan.parcel_id.is_not(None))
            .order_by(AuditScan.id)):
        if parcel_id is None:
            continue
        if location_id is None:
            last.pop(parcel_id, None)
        else:
            last[parcel_id] = location_id
    return last


def _compartment_checks(s: Session, locations: Sequence[StorageLocation], found: dict[int, int],
                        extra: dict[int, int], visited: set[int | None]) -> tuple[CompartmentCheck, ...]:
    if not locations:
        return ()
    ids = [loc.id for loc in locations]
    inside: dict[int, list[tuple[str, str]]] = {}
    for location_id, code, unit in s.execute(
            select(Parcel.location_id, Parcel.code, Unit.number).outerjoin(Unit, Unit.id == Parcel.unit_id)
            .where(Parcel.location_id.in_(ids), Parcel.status.in_(WAITING_STATUSES))
            .order_by(Parcel.received_at)):
        if location_id is not None:
            inside.setdefault(location_id, []).append((code, unit or ""))
    banks = dict(s.execute(select(LockerBank.id, LockerBank.name)).all())
    return tuple(
        CompartmentCheck(loc.id, loc.code, loc.name, banks.get(loc.locker_bank_id, "") if loc.locker_bank_id else "",
                         tuple(code for code, _ in inside.get(loc.id, [])),
                         tuple(unit for _, unit in inside.get(loc.id, [])), len(inside.get(loc.id, [])),
                         found.get(loc.id, 0), extra.get(loc.id, 0), loc.id in visited)
        for loc in locations)


def _unvisited(s: Session, audit_id: int) -> tuple[str, ...]:
    visited = select(AuditScan.location_id).where(AuditScan.audit_id == audit_id, AuditScan.parcel_id.is_(None))
    rows = s.scalars(
        select(StorageLocation.code).join(Parcel, Parcel.location_id == StorageLocation.id)
        .where(Parcel.status.in_(WAITING_STATUSES), StorageLocation.id.not_in(visited))
        .group_by(StorageLocation.code, StorageLocation.sort_order)
        .order_by(StorageLocation.sort_order, StorageLocation.code)).all()
    return tuple(rows)


def _findings(s: Session, audit: Audit, today: date) -> list[AuditDiscrepancy]:
    """Every discrepancy the scans and records show, as unsaved rows (see the module docstring)."""
    found: list[AuditDiscrepancy] = []
    last = _last_scans(s, audit.id)
    scanned = s.scalars(select(Parcel).where(Parcel.id.in_(list(last)))).all() if last else []
    for parcel in scanned:
        where = last[parcel.id]
        status = ParcelStatus(parcel.status)
        if status == ParcelStatus.VOIDED:
            found.append(AuditDiscrepancy(kind=DiscrepancyKind.NEVER_LOGGED, parcel_id=parcel.id,
                                          found_location_id=where, scanned_text=parcel.code))
        elif status not in WAITING_STATUSES:
            found.append(AuditDiscrepancy(kind=DiscrepancyKind.PICKED_UP_STILL_HERE, parcel_id=parcel.id,
                                          expected_location_id=parcel.location_id, found_location_id=where,
                                          scanned_text=parcel.code))
        elif parcel.location_id != where:
            found.append(AuditDiscrepancy(kind=DiscrepancyKind.MISPLACED, parcel_id=parcel.id,
                                          expected_location_id=parcel.location_id, found_location_id=where,
                                          scanned_text=parcel.code))
    # scans that named no parcel and no shelf: one discrepancy per distinct text
    unknown: dict[str, int | None] = {}
    shelf_codes = set(s.scalars(select(StorageLocation.code)).all())
    for text, location_id in s.execute(
            select(AuditScan.scanned_text, AuditScan.location_id)
            .where(AuditScan.audit_id == audit.id, AuditScan.parcel_id.is_(None)).order_by(AuditScan.id)):
        key = text.strip().upper()
        if key not in shelf_codes:
            unknown[key] = location_id
    for text, location_id in unknown.items():
        found.append(AuditDiscrepancy(kind=DiscrepancyKind.NEVER_LOGGED, parcel_id=None,
                                      found_location_id=location_id, scanned_text=text[:200]))
    missing = s.scalars(select(Parcel).where(
        Parcel.status.in_(WAITING_STATUSES), Parcel.received_at < audit.started_at,
        Parcel.id.not_in(list(last)) if last else Parcel.id.is_not(None))).all()
    for parcel in missing:
        found.append(AuditDiscrepancy(kind=DiscrepancyKind.MISSING, parcel_id=parcel.id,
                                      expected_location_id=parcel.location_id, scanned_text=parcel.code))
    moved_out = s.execute(
        select(Parcel.id, Parcel.code, Parcel.location_id).join(Resident, Resident.id == Parcel.resident_id)
        .where(Parcel.status.in_(WAITING_STATUSES),
               or_(Resident.status == ResidentStatus.MOVED_OUT,
                   and_(Resident.move_out.is_not(None), Resident.move_out < today)))).all()
    for parcel_id, code, location_id in moved_out:
        found.append(AuditDiscrepancy(kind=DiscrepancyKind.RECIPIENT_MOVED_OUT, parcel_id=parcel_id,
                                      expected_location_id=location_id, found_location_id=last.get(parcel_id),
                                      scanned_text=code))
    expired = s.execute(
        select(Parcel.id, Parcel.code, Parcel.location_id)
        .join(Hold, or_(Hold.parcel_id == Parcel.id,
                        and_(Hold.kind == HoldKind.VACATION, Hold.resident_id == Parcel.resident_id)))
        .where(Parcel.status.in_(WAITING_STATUSES), Hold.released_at.is_(None), Hold.ends_on.is_not(None),
               Hold.ends_on < today)
        .distinct()).all()
    for parcel_id, code, location_id in expired:
        found.append(AuditDiscrepancy(kind=DiscrepancyKind.HOLD_EXPIRED, parcel_id=parcel_id,
                                      expected_location_id=location_id, found_location_id=last.get(parcel_id),
                                      scanned_text=code))
    return found


def discrepancy_infos(s: Session, where: Sequence[object]) -> list[DiscrepancyInfo]:
    expected = StorageLocation.__table__.alias("expected")
    found = StorageLocation.__table__.alias("found")
    rows = s.execute(
        select(AuditDiscrepancy, Parcel, Resident, Unit.number, expected.c.code, found.c.code, StaffUser.name)
        .outerjoin(Parcel, Parcel.id == AuditDiscrepancy.parcel_id)
        .outerjoin(Resident, Resident.id == Parcel.resident_id)
        .outerjoin(Unit, Unit.id == Parcel.unit_id)
        .outerjoin(expected, expected.c.id == AuditDiscrepancy.expected_location_id)
        .outerjoin(found, found.c.id == AuditDiscrepancy.found_location_id)
        .outerjoin(StaffUser, StaffUser.id == AuditDiscrepancy.resolved_by_id)
        .where(*where)  # type: ignore[arg-type]
        .order_by(AuditDiscrepancy.kind, AuditDiscrepancy.id)).all()
    return [
        DiscrepancyInfo(
            d.id, d.audit_id, DiscrepancyKind(d.kind), d.parcel_id, p.code if p else None,
            p.tracking_number if p else None, ParcelStatus(p.status) if p else None,
            r.display_name if r else "", unit or "", expected_code, found_code, d.scanned_text,
            d.resolution_code, d.resolution_note, resolver, d.resolved_at)
        for d, p, r, unit, expected_code, found_code, resolver in rows
    ]


def unclaimed_parcels(s: Session, now: datetime, waiting_at: datetime | None = None) -> list[UnclaimedParcel]:
    """Parcels waiting at ``waiting_at`` (default: now, by status), aged at that moment."""
    at = waiting_at or now
    waiting: ColumnElement[bool]
    if waiting_at is None:
        waiting = Parcel.status.in_(WAITING_STATUSES)
    else:  # as it stood then: received by then, not closed by then, never voided
        waiting = and_(Parcel.received_at <= at, Parcel.status != ParcelStatus.VOIDED,
                       or_(Parcel.closed_at.is_(None), Parcel.closed_at > at))
    rows = s.execute(
        select(Parcel.id, Parcel.code, Parcel.tracking_number, Carrier.code, Resident.first_name,
               Resident.last_name, Unit.number, StorageLocation.code, Parcel.received_at, Parcel.resident_id)
        .outerjoin(Carrier, Carrier.id == Parcel.carrier_id)
        .outerjoin(Resident, Resident.id == Parcel.resident_id)
        .outerjoin(Unit, Unit.id == Parcel.unit_id)
        .outerjoin(StorageLocation, StorageLocation.id == Parcel.location_id)
        .where(waiting, Parcel.received_at <= at - timedelta(days=AGE_GROUPS[0][1]))
        .order_by(Parcel.received_at)).all()
    today = at.astimezone().date()
    held_parcels: set[int] = set()
    held_residents: set[int] = set()
    for kind, parcel_id, resident_id in s.execute(
            select(Hold.kind, Hold.parcel_id, Hold.resident_id)
            .where(Hold.released_at.is_(None), Hold.starts_on <= today,
                   or_(Hold.ends_on.is_(None), Hold.ends_on >= today))):
        if kind == HoldKind.PARCEL and parcel_id is not None:
            held_parcels.add(parcel_id)
        elif resident_id is not None:
            held_residents.add(resident_id)
    return [
        UnclaimedParcel(pid, code, tracking, carrier, _short_name(first, last), unit or "", shelf,
                        received, (at - received).days,
                        pid in held_parcels or (resident_id is not None and resident_id in held_residents))
        for pid, code, tracking, carrier, first, last, unit, shelf, received, resident_id in rows
    ]


def _short_name(first: str | None, last: str | None) -> str:
    """First name and last initial, as :attr:`Resident.display_name` shows it."""
    if first is None:
        return ""
    return f"{first} {last[:1]}." if last else first


def group_unclaimed(parcels: Sequence[UnclaimedParcel], as_of: datetime,
                    return_after_days: int = 15) -> UnclaimedReport:
    groups = tuple(
        (label, tuple(p for p in parcels if p.days >= low and (high is None or p.days < high)))
        for label, low, high in AGE_GROUPS)
    returns = tuple(p for p in parcels if p.days >= return_after_days and not p.on_hold)
    return UnclaimedReport(as_of, groups, returns, return_after_days)
