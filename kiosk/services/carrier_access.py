"""Carrier drop-off: codes that let a carrier into the package room, and what they did there.

Staff (managers) issue a *standing code* per carrier (a label such as "UPS morning route",
permitted hours, an optional expiry) or a *single-use pass* (opens the room once, by default
until the end of the local day). The clear code is returned exactly once, when issued; only a
keyed hash is stored (:class:`kiosk.security.CodeHasher`, purpose ``"carrier"``, constant-time
comparison), so a pickup code and a carrier code never match each other even when the digits
are the same.

**Code format.** Carrier codes are numeric (the carrier types them on the kiosk keypad) and
have :func:`carrier_code_length` digits: 8, or 9 when resident pickup codes are configured to
8 digits, so a carrier code never has the length of a pickup code. They are only ever checked
on the Delivery screen, never on the residents' keypad.

**Verifying.** :meth:`CarrierAccessService.verify` refuses unknown, revoked, expired and used
codes with one neutral message, and a valid code outside its permitted hours (in the property's
local time, ``property.timezone``) with the hours. Every refusal counts towards the same
growing lock-out as the pickup keypad (table ``credential_lockouts``, ``scope`` e.g.
``carrier:<kiosk>``) and raises :class:`kiosk.services.credentials.KeypadLocked` while locked.
Every acceptance, refusal, lock-out, door opening, snapshot and end of visit is written to the
event log (``carrier.*`` and ``door.*`` kinds) naming the carrier where it is known.

**Snapshots.** When the kiosk has a camera, the frame at the opening is saved as a PNG file
under ``<data dir>/carrier-snapshots/`` and a ``carrier.snapshot`` event records its file name
and SHA-256 (no parcel exists yet, so it is not a ``ParcelMedia`` row).
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any, NoReturn

from PIL import Image, ImageDraw
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk import eventlog
from kiosk.eventlog import Actor
from kiosk.labels import WIDTH_80MM, _check_width, _fit, _line_height, _text_width, _to_1bit
from kiosk.persistence.models import (
    ActorKind,
    Carrier,
    CarrierAccess,
    CredentialLockout,
    ExpectedParcel,
    Resident,
    ResidentStatus,
    Role,
    Unit,
)
from kiosk.persistence.uow import Database
from kiosk.security import CodeHasher, new_numeric_code
from kiosk.services.access import require
from kiosk.services.lockout import KeypadLocked, KeypadLockout
from kiosk.services.parcels import IntakeRequest, IntakeResult, ParcelService
from kiosk.services.staff import StaffSession
from kiosk.tracking import parse as parse_tracking

log = logging.getLogger(__name__)

PURPOSE = "carrier"
STANDING_HOURS = ("07:00", "21:00")
ALL_DAY = ("00:00", "24:00")
SNAPSHOT_DIR = "carrier-snapshots"
NO_UNIT_REASON = "carrier drop-off: unit not chosen"

#: What :class:`CarrierCodeInfo.status` may say.
ACTIVE, REVOKED, EXPIRED, USED = "active", "revoked", "expired", "used"


def carrier_code_length(pickup_code_length: int) -> int:
    """Digits in a carrier code: never the length of a resident's pickup code."""
    return 9 if pickup_code_length == 8 else 8


class CarrierAccessError(ValueError):
    """Staff asked for something that cannot be done; the message says what to fix."""


class CarrierCodeRejected(Exception):
    """The code did not open the room. Deliberately says nothing about why."""

    def __init__(self, attempts_left: int) -> None:
        super().__init__("That code was not accepted. Check it and try again, or see the front desk.")
        self.attempts_left = attempts_left


class OutsideHours(CarrierCodeRejected):
    """A valid code used outside its permitted hours (local time)."""

    def __init__(self, attempts_left: int, hours_start: str, hours_end: str) -> None:
        super().__init__(attempts_left)
        self.args = (f"This code opens the room only from {hours_start} to {hours_end}.",)
        self.hours_start, self.hours_end = hours_start, hours_end


@dataclass(frozen=True)
class CarrierAccessPolicy:
    code_length: int = 8
    max_attempts: int = 5
    lockout_seconds: int = 30


@dataclass(frozen=True)
class CarrierInfo:
    id: int
    code: str
    name: str


@dataclass(frozen=True)
class CarrierCodeInfo:
    """One carrier code or pass as staff see it: never the code itself."""

    id: int
    carrier_id: int
    carrier: str
    label: str
    hours_start: str
    hours_end: str
    single_use: bool
    created_at: datetime
    expires_at: datetime | None
    used_at: datetime | None
    revoked_at: datetime | None
    status: str  # active, revoked, expired, used


@dataclass(frozen=True)
class IssuedCode:
    """A code just issued: ``code`` is the only time the clear code exists outside the carrier's hands."""

    info: CarrierCodeInfo
    code: str


@dataclass(frozen=True)
class CarrierMatch:
    """The carrier a code just let in."""

    access_id: int
    carrier_id: int
    carrier: str
    label: str
    single_use: bool

    @property
    def actor(self) -> Actor:
        return Actor(ActorKind.CARRIER, self.carrier_id, self.carrier)


@dataclass(frozen=True)
class UnitChoice:
    """A unit a carrier may pick for a parcel."""

    number: str
    building: str

    @property
    def text(self) -> str:
        return f"{self.building} {self.number}".strip()


@dataclass(frozen=True)
class DropOffIntake:
    result: IntakeResult
    in_locker: bool


def _minutes(text: str) -> int:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", (text or "").strip())
    if match is None:
        raise CarrierAccessError(f"{text!r} is not a time as HH:MM")
    hours, minutes = int(match.group(1)), int(match.group(2))
    if not (0 <= hours <= 24 and 0 <= minutes < 60) or (hours == 24 and minutes):
        raise CarrierAccessError(f"{text!r} is not a time of day (00:00 to 24:00)")
    return hours * 60 + minutes


def _hhmm(text: str) -> str:
    minutes = _minutes(text)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def within_hours(local: time, hours_start: str, hours_end: str) -> bool:
    """``local`` in [start, end); start after end wraps midnight (22:00–06:00); equal means all day."""
    start, end = _minutes(hours_start), _minutes(hours_end)
    now = local.hour * 60 + local.minute
    if start == end:
        return True
    if start < end:
        return start <= now < end
    return now >= start or now < end


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.casefold()).strip("_")[:24]


def _status(row: CarrierAccess, now: datetime) -> str:
    if row.revoked_at is not None:
        return REVOKED
    if row.single_use and row.used_at is not None:
        return USED
    if row.expires_at is not None and row.expires_at <= now:
        return EXPIRED
    return ACTIVE


def end_of_day(day: date, tz: tzinfo) -> datetime:
    """The UTC instant ``day`` ends in ``tz``."""
    return datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=tz).astimezone(UTC)


def render_code_slip(issued: IssuedCode, property_name: str, width_dots: int = WIDTH_80MM) -> Image.Image:
    """A printed slip for the carrier: who it is for, the code in large digits, the hours or the expiry."""
    _check_width(width_dots)
    scale = width_dots / WIDTH_80MM
    margin = max(8, int(16 * scale))
    info = issued.info
    code = " ".join(issued.code[i:i + 4] for i in range(0, len(issued.code), 4))
    if info.single_use:
        until = info.expires_at.strftime("%d %b %Y %H:%M UTC") if info.expires_at else ""
        rule = f"Single-use pass - opens once, until {until}"
    else:
        rule = f"Opens the room {info.hours_start}-{info.hours_end}"
    lines = [(property_name, 30, False), (f"{info.carrier} - {info.label}", 36, True), (code, 96, True),
             (rule, 26, False), ("Type it on the kiosk: Delivery", 26, False)]
    img = Image.new("L", (width_dots, 1000), 255)
    draw = ImageDraw.Draw(img)
    y = margin
    for text, size, bold in lines:
        font, shown = _fit(text, width_dots - 2 * margin, int(size * scale), int(16 * scale), bold)
        draw.text(((width_dots - _text_width(font, shown)) / 2, y), shown, font=font, fill=0)
        y += _line_height(font) + int(14 * scale)
    return _to_1bit(img.crop((0, 0, width_dots, y + margin)))


def frame_png(frame: Any) -> bytes:
    """A camera frame (an OpenCV BGR or grey array) as PNG bytes."""
    import numpy as np

    array = np.asarray(frame)
    if array.ndim == 3 and array.shape[2] >= 3:
        image = Image.fromarray(np.ascontiguousarray(array[:, :, 2::-1]).astype(np.uint8), "RGB")
    else:
        image = Image.fromarray(np.ascontiguousarray(array).astype(np.uint8), "L")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


class CarrierAccessService:
    def __init__(self, db: Database, hasher: CodeHasher, tz: tzinfo, *, parcels: ParcelService | None = None,
                 lockers_intake: Callable[[IntakeRequest, Actor], Any] | None = None,
                 policy: CarrierAccessPolicy | None = None, kiosk_id: str = "",
                 snapshot_dir: Path | None = None) -> None:
        self._db = db
        self._hasher = hasher
        self._tz = tz
        self._parcels = parcels
        # LockerService.intake: the parcel goes into a free compartment when it fits, else to the room.
        self._lockers_intake = lockers_intake
        self.policy = policy or CarrierAccessPolicy()
        self._kiosk = kiosk_id
        self._lockout = KeypadLockout("carrier", self.policy.max_attempts, self.policy.lockout_seconds, kiosk_id)
        self._snapshot_dir = snapshot_dir

    # ------------------------------------------------------------------ staff: issuing and revoking

    def carriers(self) -> list[CarrierInfo]:
        with self._db.reader() as uow:
            rows = uow.session.scalars(select(Carrier).where(Carrier.active.is_(True)).order_by(Carrier.name))
            return [CarrierInfo(c.id, c.code, c.name) for c in rows]

    def codes(self, now: datetime | None = None) -> list[CarrierCodeInfo]:
        """Every carrier code and pass, newest first (no secrets)."""
        now = now or datetime.now(UTC)
        with self._db.reader() as uow:
            rows = uow.session.execute(
                select(CarrierAccess, Carrier).join(Carrier, Carrier.id == CarrierAccess.carrier_id)
                .order_by(CarrierAccess.created_at.desc(), CarrierAccess.id.desc()).limit(500)).all()
            return [self._info(row, carrier, now) for row, carrier in rows]

    def issue_code(self, by: StaffSession, carrier: str, label: str, hours: tuple[str, str] = STANDING_HOURS,
                   expires_at: datetime | None = None, now: datetime | None = None) -> IssuedCode:
        """A standing code for ``carrier`` (a name; a new carrier is added), within ``hours`` local time."""
        require(by, Role.MANAGER, "issue carrier codes")
        return self._issue(by, carrier, label, hours, expires_at, single_use=False, now=now or datetime.now(UTC))

    def issue_pass(self, by: StaffSession, carrier: str, label: str = "", hours: tuple[str, str] = ALL_DAY,
                   expires_at: datetime | None = None, now: datetime | None = None) -> IssuedCode:
        """A single-use pass: opens the room once, until ``expires_at`` (default: the end of today, local)."""
        require(by, Role.MANAGER, "issue carrier passes")
        now = now or datetime.now(UTC)
        if expires_at is None:
            expires_at = end_of_day(now.astimezone(self._tz).date(), self._tz)
        return self._issue(by, carrier, label or "single-use pass", hours, expires_at, single_use=True, now=now)

    def _issue(self, by: StaffSession, carrier_name: str, label: str, hours: tuple[str, str],
               expires_at: datetime | None, *, single_use: bool, now: datetime) -> IssuedCode:
        name = " ".join((carrier_name or "").split())
        if not name or not _slug(name):
            raise CarrierAccessError("choose or type the carrier")
        if len(name) > 80:
            raise CarrierAccessError("a carrier name is at most 80 characters")
        label = " ".join((label or "").split())
        if not label:
            raise CarrierAccessError("give the code a label (e.g. the route or the driver)")
        if len(label) > 80:
            raise CarrierAccessError("a label is at most 80 characters")
        start, end = _hhmm(hours[0]), _hhmm(hours[1])
        if expires_at is not None:
            if expires_at.tzinfo is None:
                raise CarrierAccessError("the expiry needs a time zone")
            if expires_at <= now:
                raise CarrierAccessError("the expiry is already past")
        with self._db.uow() as uow:
            session = uow.session
            carrier = self._carrier(session, name)
            code, digest = self._new_code(session)
            row = CarrierAccess(carrier_id=carrier.id, label=label, code_hash=digest, hours_start=start,
                                hours_end=end, single_use=single_use, expires_at=expires_at, created_at=now)
            session.add(row)
            session.flush()
            eventlog.append(session, "carrier.pass_issued" if single_use else "carrier.code_issued", by.actor,
                            subject_kind="carrier_access", subject_id=row.id, kiosk=self._kiosk, at=now,
                            data={"carrier_id": carrier.id, "carrier": carrier.name, "label": label,
                                  "hours": f"{start}-{end}", "single_use": single_use,
                                  "expires_at": expires_at.isoformat() if expires_at else None})
            uow.commit()
            return IssuedCode(self._info(row, carrier, now), code)

    def _carrier(self, session: Session, name: str) -> Carrier:
        slug = _slug(name)
        found = session.scalars(select(Carrier).where(
            (Carrier.code == slug) | (func.lower(Carrier.name) == name.casefold()))).first()
        if found is not None:
            return found
        carrier = Carrier(code=slug, name=name)
        session.add(carrier)
        session.flush()
        return carrier

    def _new_code(self, session: Session) -> tuple[str, str]:
        for _ in range(50):
            code = new_numeric_code(self.policy.code_length)
            digest = self._hasher.digest(PURPOSE, code)
            if session.scalar(select(CarrierAccess.id).where(CarrierAccess.code_hash == digest)) is None:
                return code, digest
        raise RuntimeError("no free carrier code")  # 10^8 codes: practically unreachable

    def revoke(self, by: StaffSession, access_id: int, now: datetime | None = None) -> CarrierCodeInfo:
        require(by, Role.MANAGER, "revoke carrier codes")
        now = now or datetime.now(UTC)
        with self._db.uow() as uow:
            session = uow.session
            row = session.get(CarrierAccess, access_id)
            if row is None:
                raise CarrierAccessError("that carrier code no longer exists")
            carrier = session.get(Carrier, row.carrier_id)
            assert carrier is not None
            if row.revoked_at is None:
                row.revoked_at = now
                eventlog.append(session, "carrier.code_revoked", by.actor, subject_kind="carrier_access",
                                subject_id=row.id, kiosk=self._kiosk, at=now,
                                data={"carrier_id": carrier.id, "carrier": carrier.name, "label": row.label})
                uow.commit()
            return self._info(row, carrier, now)

    def code_slip(self, by: StaffSession, issued: IssuedCode, property_name: str,
                  width_dots: int = WIDTH_80MM, now: datetime | None = None) -> Image.Image:
        """The slip to print for a code just issued; that it was printed goes to the event log."""
        require(by, Role.MANAGER, "print carrier codes")
        image = render_code_slip(issued, property_name, width_dots)
        with self._db.uow() as uow:
            eventlog.append(uow.session, "carrier.code_printed", by.actor, subject_kind="carrier_access",
                            subject_id=issued.info.id, kiosk=self._kiosk, at=now or datetime.now(UTC),
                            data={"carrier": issued.info.carrier, "label": issued.info.label})
            uow.commit()
        return image

    @staticmethod
    def _info(row: CarrierAccess, carrier: Carrier, now: datetime) -> CarrierCodeInfo:
        return CarrierCodeInfo(row.id, carrier.id, carrier.name, row.label, row.hours_start, row.hours_end,
                               row.single_use, row.created_at, row.expires_at, row.used_at, row.revoked_at,
                               _status(row, now))

    # ------------------------------------------------------------------ the kiosk: verifying

    def lock_state(self, scope: str, now: datetime | None = None) -> datetime | None:
        return self._lockout.state(self._db, scope, now)

    def verify(self, code: str, scope: str, now: datetime | None = None) -> CarrierMatch:
        """Check a carrier code typed at the Delivery keypad ``scope``; a single-use pass is used up."""
        now = now or datetime.now(UTC)
        cleaned = "".join(ch for ch in code if not ch.isspace())[:64]
        digest = self._hasher.digest(PURPOSE, cleaned)
        with self._db.uow() as uow:
            session = uow.session
            lock = self._lockout.acquire(session, scope, now)
            row = session.scalars(select(CarrierAccess).where(CarrierAccess.code_hash == digest)
                                  .order_by(CarrierAccess.id.desc())).first()
            if row is None or not cleaned or not self._hasher.matches(PURPOSE, cleaned, row.code_hash):
                self._lockout.fail(session, lock, scope, now, {"reason": "unknown", "length": len(cleaned)})
                uow.commit()
                self._raise(lock, now)
            carrier = session.get(Carrier, row.carrier_id)
            assert carrier is not None
            match = CarrierMatch(row.id, carrier.id, carrier.name, row.label, row.single_use)
            status = _status(row, now)
            local = now.astimezone(self._tz)
            reason = status if status != ACTIVE else (
                "" if within_hours(local.time(), row.hours_start, row.hours_end) else "outside_hours")
            if reason:
                self._lockout.fail(session, lock, scope, now,
                                   {"reason": reason, "access_id": row.id, "carrier": carrier.name,
                                    "local_time": local.strftime("%H:%M"),
                                    "hours": f"{row.hours_start}-{row.hours_end}"},
                                   actor=match.actor, subject_kind="carrier_access", subject_id=row.id)
                uow.commit()
                if reason == "outside_hours" and not self._lockout.locked(lock, now):
                    raise OutsideHours(self._lockout.attempts_left(lock), row.hours_start, row.hours_end)
                self._raise(lock, now)
            self._lockout.accept(lock)
            if row.single_use:
                row.used_at = now
            eventlog.append(session, "carrier.accepted", match.actor, subject_kind="carrier_access",
                            subject_id=row.id, kiosk=self._kiosk, at=now,
                            data={"scope": scope, "label": row.label, "single_use": row.single_use})
            uow.commit()
            return match

    def _raise(self, lock: CredentialLockout, now: datetime) -> NoReturn:
        if self._lockout.locked(lock, now):
            assert lock.locked_until is not None
            raise KeypadLocked(lock.locked_until)
        raise CarrierCodeRejected(self._lockout.attempts_left(lock))

    # ------------------------------------------------------------------ the kiosk: the visit

    def record_unlocked(self, match: CarrierMatch, *, scope: str, pulse_seconds: float,
                        now: datetime | None = None) -> int:
        """The door unlocked for the carrier: a ``door.unlocked`` event (reason ``carrier drop-off``)."""
        return self._record("door.unlocked", match, now, subject_kind="carrier_access", subject_id=match.access_id,
                            data={"scope": scope, "reason": "carrier drop-off", "pulse_seconds": pulse_seconds})

    def record_unlock_failed(self, match: CarrierMatch, *, scope: str, error: str,
                             now: datetime | None = None) -> int:
        return self._record("door.unlock_failed", match, now, subject_kind="carrier_access",
                            subject_id=match.access_id, data={"scope": scope, "error": error[:500]})

    def record_snapshot(self, match: CarrierMatch, png: bytes, now: datetime | None = None) -> Path:
        """Keep the camera's picture of the opening as a PNG file; its name and hash go to the event log."""
        now = now or datetime.now(UTC)
        if self._snapshot_dir is None:
            raise CarrierAccessError("no folder for carrier snapshots")
        self._snapshot_dir.mkdir(parents=True, exist_ok=True)
        path = self._snapshot_dir / f"{now.astimezone(UTC):%Y%m%dT%H%M%S%fZ}-access{match.access_id}.png"
        path.write_bytes(png)
        self._record("carrier.snapshot", match, now, subject_kind="carrier_access", subject_id=match.access_id,
                     data={"file": f"{SNAPSHOT_DIR}/{path.name}", "sha256": hashlib.sha256(png).hexdigest(),
                           "bytes": len(png)})
        return path

    def finish_visit(self, match: CarrierMatch, parcels_logged: int, left_for_staff: bool,
                     now: datetime | None = None) -> int:
        """The carrier tapped Done or "Just drop them off": how many parcels they logged."""
        return self._record("carrier.visit_finished", match, now, subject_kind="carrier_access",
                            subject_id=match.access_id,
                            data={"parcels_logged": parcels_logged, "left_for_staff": left_for_staff})

    def _record(self, kind: str, match: CarrierMatch, now: datetime | None, *, subject_kind: str,
                subject_id: int | None, data: dict[str, object]) -> int:
        with self._db.uow() as uow:
            event = eventlog.append(uow.session, kind, match.actor, subject_kind=subject_kind, subject_id=subject_id,
                                    kiosk=self._kiosk, at=now or datetime.now(UTC),
                                    data={"access_id": match.access_id, "carrier": match.carrier, **data})
            uow.commit()
            return event.seq

    # ------------------------------------------------------------------ the kiosk: simplified intake

    def units(self) -> list[UnitChoice]:
        """Units with someone living in them, in number order."""
        with self._db.reader() as uow:
            rows = uow.session.execute(
                select(Unit.number, Unit.building).join(Resident, Resident.unit_id == Unit.id)
                .where(Resident.status != ResidentStatus.MOVED_OUT).distinct()).all()
        choices = [UnitChoice(number, building or "") for number, building in rows]
        return sorted(choices, key=lambda u: (u.building.casefold(), len(u.number), u.number.casefold()))

    def recipient(self, tracking_number: str, unit: UnitChoice | None) -> int | None:
        """Who a parcel dropped for ``unit`` is for: the resident who pre-registered it, else the unit's only
        resident; None when the unit has several (staff choose)."""
        with self._db.reader() as uow:
            session = uow.session
            if unit is None:
                return None
            people = session.scalars(
                select(Resident.id).join(Unit, Unit.id == Resident.unit_id)
                .where(Unit.number == unit.number, Unit.building == unit.building,
                       Resident.status != ResidentStatus.MOVED_OUT)).all()
            expected = session.scalar(select(ExpectedParcel.resident_id).where(
                ExpectedParcel.tracking_number == tracking_number, ExpectedParcel.matched_parcel_id.is_(None),
                ExpectedParcel.resident_id.in_(list(people) or [-1])).limit(1))
        if expected is not None:
            return int(expected)
        return int(people[0]) if len(people) == 1 else None

    def intake(self, match: CarrierMatch, tracking_text: str, unit: UnitChoice | None,
               now: datetime | None = None) -> DropOffIntake:
        """Log one parcel the carrier scanned, for ``unit`` (None: not chosen), with the carrier as actor.

        With a locker bank it goes into a free compartment it fits (``lockers_intake``), else to the room."""
        if self._parcels is None:
            raise CarrierAccessError("parcel intake is not set up on this kiosk")
        number = parse_tracking(tracking_text).number or tracking_text.strip().upper()
        resident_id = self.recipient(number, unit)
        if unit is None:
            reason = NO_UNIT_REASON
        elif resident_id is None:
            reason = f"carrier drop-off for unit {unit.text}: choose the resident"
        else:
            reason = ""
        request = IntakeRequest(tracking_text=tracking_text, resident_id=resident_id,
                                recipient_text=f"unit {unit.text}" if unit else "", attention_reason=reason)
        if self._lockers_intake is not None and resident_id is not None:
            stored = self._lockers_intake(request, match.actor)
            return DropOffIntake(stored.result, stored.compartment is not None)
        return DropOffIntake(self._parcels.intake(request, match.actor, now), False)

