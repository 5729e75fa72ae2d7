""""Is my package here?" by tracking number, and residents' pre-registered (expected) parcels.

:meth:`TrackingLookupService.lookup` answers anyone at the kiosk, signed in or not, so it says only
whether a parcel with exactly that tracking number arrived, when, and whether it is still waiting:
never a name, a unit, a shelf or a parcel code. Only a whole tracking number is accepted (no
"last four digits"), and unsuccessful lookups are limited per kiosk so nobody can walk the number
space. Every lookup is written to the event log with the outcome and the carrier, not the number.

Pre-registration (:meth:`register_expected`, :meth:`expected_for`, :meth:`remove_expected`) is for
a signed-in resident: intake then assigns a parcel with that number to them by itself (see
:meth:`kiosk.services.parcels.ParcelService.intake`).
"""

from __future__ import annotations

import enum
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kiosk import eventlog
from kiosk.eventlog import Actor
from kiosk.persistence.models import (
    WAITING_STATUSES,
    ActorKind,
    Event,
    ExpectedParcel,
    Parcel,
    ParcelStatus,
    Resident,
    ResidentStatus,
)
from kiosk.persistence.uow import Database
from kiosk.tracking import parse

log = logging.getLogger(__name__)

LOOKUP_EVENT = "tracking.lookup"
MISS_EVENT = "tracking.lookup_miss"  # not found, or not a whole tracking number: what the limit counts
LIMITED_EVENT = "tracking.lookup_limited"

# A number of no known format is still looked up when it is long enough and mostly digits
# (regional couriers); shorter text would make guessing cheap.
_UNKNOWN_FORMAT = re.compile(r"[A-Z0-9]{10,40}", re.ASCII)
_MIN_DIGITS_UNKNOWN = 8
# A closed parcel older than this no longer blocks pre-registering its number (carriers reuse them).
_RECENT = timedelta(days=60)
# How long an expected entry stays on the resident's list after its parcel arrived.
_SHOW_MATCHED = timedelta(days=14)


class Outcome(enum.StrEnum):
    NOT_FOUND = "not_found"
    WAITING = "waiting"  # arrived and waiting to be picked up
    COLLECTED = "collected"
    RETURNED = "returned"  # returned to sender
    SEE_DESK = "see_desk"  # recorded as lost: staff know more
    INVALID = "invalid"  # not a whole tracking number
    LIMITED = "limited"  # too many unsuccessful lookups at this kiosk just now


@dataclass(frozen=True)
class LookupPolicy:
    """At most ``max_misses`` unsuccessful lookups per kiosk within ``window_seconds``."""

    max_misses: int = 10
    window_seconds: int = 600


@dataclass(frozen=True)
class TrackingAnswer:
    """All a lookup reveals. ``at`` is the arrival (waiting) or when the parcel left (collected,
    returned); ``retry_at`` is set for :attr:`Outcome.LIMITED`; ``check_digit`` tells an INVALID
    number of a recognised carrier (probably a typo) from text that is no tracking number at all."""

    outcome: Outcome
    number: str = ""
    carrier: str | None = None
    at: datetime | None = None
    retry_at: datetime | None = None
    check_digit: bool = False


@dataclass(frozen=True)
class ExpectedInfo:
    """One pre-registered number on the resident's own list."""

    id: int
    tracking_number: str
    carrier: str | None
    note: str
    created_at: datetime
    arrived_at: datetime | None  # None: still expected


class ExpectedProblem(enum.StrEnum):
    EMPTY = "empty"
    INVALID = "invalid"
    CHECK_DIGIT = "check_digit"
    ALREADY_REGISTERED = "already_registered"
    ALREADY_ARRIVED = "already_arrived"
    TOO_MANY = "too_many"
    NOT_ON_LIST = "not_on_list"
    NOT_ALLOWED = "not_allowed"


_MESSAGES = {
    ExpectedProblem.EMPTY: "Type or scan the tracking number first.",
    ExpectedProblem.INVALID: "That is not a whole tracking number. Check it and try again.",
    ExpectedProblem.CHECK_DIGIT: "That tracking number has a mistake in it. Check each character.",
    ExpectedProblem.ALREADY_REGISTERED: "That tracking number is already on your list.",
    ExpectedProblem.ALREADY_ARRIVED: "That parcel has already arrived.",
    ExpectedProblem.TOO_MANY: "Your list is full. Remove a number you no longer need.",
    ExpectedProblem.NOT_ON_LIST: "That number is not on your list.",
    ExpectedProblem.NOT_ALLOWED: "Pre-registration is not available for this account. See the front desk.",
}


class ExpectedRejected(Exception):
    """A pre-registration or removal was refused; ``problem`` says why (the screen words it)."""

    def __init__(self, problem: ExpectedProblem, *, number: str = "", at: datetime | None = None,
                 waiting: bool = False) -> None:
        super().__init__(_MESSAGES[problem])
        self.problem = problem
        self.number = number
        self.at = at  # ALREADY_ARRIVED: when it arrived
        self.waiting = waiting  # ALREADY_ARRIVED: still in the room


@dataclass(frozen=True)
class _Number:
    number: str
    carrier: str | None
    acceptable: bool
    check_digit: bool  # a recognised carrier's shape whose check digit failed


def _normalise(text: str) -> _Number:
    parsed = parse(text)
    number = parsed.number
    if parsed.valid:
        return _Number(number, parsed.carrier, True, False)
    if parsed.carrier is not None:
        return _Number(number, parsed.carrier, False, True)
    unknown_ok = (_UNKNOWN_FORMAT.fullmatch(number) is not None
                  and sum(ch.isdigit() for ch in number) >= _MIN_DIGITS_UNKNOWN)
    return _Number(number, None, unknown_ok, False)


class TrackingLookupService:
    """Tracking-number lookups for anyone at the kiosk; expected parcels for signed-in residents."""

    def __init__(self, db: Database, kiosk_id: str = "", policy: LookupPolicy | None = None,
                 max_expected: int = 30) -> None:
        self._db = db
        self._kiosk = kiosk_id
        self.policy = policy or LookupPolicy()
        self._max_expected = max_expected

    # ------------------------------------------------------------------ lookup

    def lookup(self, text: str, scope: str, now: datetime | None = None) -> TrackingAnswer:
        """Whether a parcel with exactly this tracking number arrived, and when; nothing personal."""
        now = now or datetime.now(UTC)
        wanted = _normalise(text[:4096])
        actor = Actor.system(scope)
        with self._db.uow() as uow:
            session = uow.session
            retry_at = self._limited_until(session, scope, now)
            if retry_at is not None:
                eventlog.append(session, LIMITED_EVENT, actor, kiosk=self._kiosk, at=now, data={"scope": scope})
                uow.commit()
                return TrackingAnswer(Outcome.LIMITED, retry_at=retry_at)
            if not wanted.acceptable:
                answer = TrackingAnswer(Outcome.INVALID, wanted.number, wanted.carrier,
                                        check_digit=wanted.check_digit)
            else:
                answer = self._answer(session, wanted)
            found = answer.outcome not in (Outcome.NOT_FOUND, Outcome.INVALID)
            # The number itself stays out of the log: only what kind of answer was given.
            eventlog.append(session, LOOKUP_EVENT if found else MISS_EVENT, actor, kiosk=self._kiosk, at=now,
                            data={"scope": scope, "outcome": answer.outcome.value, "carrier": wanted.carrier,
                                  "length": len(wanted.number)})
            uow.commit()
        return answer

    def _answer(self, session: Session, wanted: _Number) -> TrackingAnswer:
        rows = session.execute(
            select(Parcel.status, Parcel.received_at, Parcel.closed_at)
            .where(Parcel.tracking_number == wanted.number, Parcel.status != ParcelStatus.VOIDED)
            .order_by(Parcel.received_at.desc()).limit(20)).all()
        if not rows:
            return TrackingAnswer(Outcome.NOT_FOUND, wanted.number, wanted.carrier)
        waiting = [row for row in rows if ParcelStatus(row.status) in WAITING_STATUSES]
        status, received_at, closed_at = waiting[0] if waiting else rows[0]
        status = ParcelStatus(status)
        if status in WAITING_STATUSES:
            return TrackingAnswer(Outcome.WAITING, wanted.number, wanted.carrier, received_at)
        outcome = {ParcelStatus.PICKED_UP: Outcome.COLLECTED,
                   ParcelStatus.RETURNED: Outcome.RETURNED}.get(status, Outcome.SEE_DESK)
        return TrackingAnswer(outcome, wanted.number, wanted.carrier, closed_at or received_at)

    def _limited_until(self, session: Session, scope: str, now: datetime) -> datetime | None:
        """When the next lookup is allowed, while this kiosk has used up its unsuccessful lookups."""
        window = timedelta(seconds=self.policy.window_seconds)
        misses = session.scalars(
            select(Event.at)
            .where(Event.kind == MISS_EVENT, Event.at > now - window, Event.actor_label == scope)
            .order_by(Event.at.desc()).limit(self.policy.max_misses)).all()
        if len(misses) < self.policy.max_misses:
            return None
        return misses[-1] + window

    # ------------------------------------------------------------------ pre-registration

    def register_expected(self, resident_id: int, tracking: str, note: str = "",
                          now: datetime | None = None) -> ExpectedInfo:
        """Put a tracking number on the resident's list, so intake assigns its parcel to them."""
        now = now or datetime.now(UTC)
        wanted = _normalise(tracking[:4096])
        if not wanted.number:
            raise ExpectedRejected(ExpectedProblem.EMPTY)
        if wanted.check_digit:
            raise ExpectedRejected(ExpectedProblem.CHECK_DIGIT, number=wanted.number)
        if not wanted.acceptable:
            raise ExpectedRejected(ExpectedProblem.INVALID, number=wanted.number)
        with self._db.uow() as uow:
            session = uow.session
            resident = session.get(Resident, resident_id)
            if resident is None or resident.status != ResidentStatus.ACTIVE:
                raise ExpectedRejected(ExpectedProblem.NOT_ALLOWED)
            mine = session.scalar(select(ExpectedParcel.id).where(
                ExpectedParcel.resident_id == resident_id, ExpectedParcel.tracking_number == wanted.number,
                ExpectedParcel.matched_parcel_id.is_(None)))
            if mine is not None:
                raise ExpectedRejected(ExpectedProblem.ALREADY_REGISTERED, number=wanted.number)
            arrived = session.execute(
                select(Parcel.status, Parcel.received_at)
                .where(Parcel.tracking_number == wanted.number, Parcel.status != ParcelStatus.VOIDED,
                       or_(Parcel.status.in_(WAITING_STATUSES), Parcel.closed_at > now - _RECENT))
                .order_by(Parcel.received_at.desc()).limit(1)).first()
            if arrived is not None:
                raise ExpectedRejected(ExpectedProblem.ALREADY_ARRIVED, number=wanted.number, at=arrived.received_at,
                                       waiting=ParcelStatus(arrived.status) in WAITING_STATUSES)
            open_count = session.scalar(select(func.count()).select_from(ExpectedParcel).where(
                ExpectedParcel.resident_id == resident_id, ExpectedParcel.matched_parcel_id.is_(None))) or 0
            if open_count >= self._max_expected:
                raise ExpectedRejected(ExpectedProblem.TOO_MANY)
            row = ExpectedParcel(resident_id=resident_id, tracking_number=wanted.number,
                                 note=" ".join(note.split())[:200], created_at=now)
            session.add(row)
            session.flush()
            eventlog.append(session, "expected.registered", Actor(ActorKind.RESIDENT, resident_id, ""),
                            subject_kind="expected", subject_id=row.id, kiosk=self._kiosk, at=now,
                            data={"tracking": wanted.number, "carrier": wanted.carrier})
            uow.commit()
            return ExpectedInfo(row.id, row.tracking_number, wanted.carrier, row.note, now, None)

    def expected_for(self, resident_id: int, now: datetime | None = None) -> list[ExpectedInfo]:
        """The resident's own pre-registered numbers: still expected, then recently arrived."""
        now = now or datetime.now(UTC)
        with self._db.reader() as uow:
            rows = uow.session.execute(
                select(ExpectedParcel, Parcel.received_at)
                .outerjoin(Parcel, Parcel.id == ExpectedParcel.matched_parcel_id)
                .where(ExpectedParcel.resident_id == resident_id,
                       or_(ExpectedParcel.matched_parcel_id.is_(None), Parcel.received_at > now - _SHOW_MATCHED))
                .order_by(ExpectedParcel.created_at.desc(), ExpectedParcel.id.desc())).all()
            infos = [ExpectedInfo(row.id, row.tracking_number, parse(row.tracking_number).carrier, row.note,
                                  row.created_at, received_at) for row, received_at in rows]
        return sorted(infos, key=lambda info: info.arrived_at is not None)  # stable: newest first in each part

    def remove_expected(self, resident_id: int, expected_id: int, now: datetime | None = None) -> None:
        """Take a number off the resident's list (only their own)."""
        now = now or datetime.now(UTC)
        with self._db.uow() as uow:
            session = uow.session
            row = session.get(ExpectedParcel, expected_id)
            if row is None or row.resident_id != resident_id:
                raise ExpectedRejected(ExpectedProblem.NOT_ON_LIST)
            number = row.tracking_number
            session.delete(row)
            eventlog.append(session, "expected.removed", Actor(ActorKind.RESIDENT, resident_id, ""),
                            subject_kind="expected", subject_id=expected_id, kiosk=self._kiosk, at=now,
                            data={"tracking": number})
            uow.commit()
