"""Residents at the desk: list and edit, move-out, proxies, holds, and the rent-roll import.

Every write is one transaction with its event in the log, made by the signed-in staff member
(:class:`~kiosk.services.staff.StaffSession`), whose role is checked first. Events carry ids and
the names of the fields changed, never the new personal values: the event log cannot be purged,
and the retention job must be able to forget a former resident.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from kiosk import eventlog
from kiosk.notifications.batching import BATCHED_KINDS
from kiosk.notifications.channels import validate_email, validate_mobile
from kiosk.persistence.models import (
    WAITING_STATUSES,
    Hold,
    HoldKind,
    OutboxMessage,
    OutboxStatus,
    Parcel,
    Proxy,
    ProxyParcel,
    Resident,
    ResidentStatus,
    Role,
    Unit,
)
from kiosk.persistence.uow import Database
from kiosk.residents import directory as directory_module
from kiosk.residents.directory import ResidentDirectory, ResidentNotFound
from kiosk.residents.importer import ATTENTION_MOVED_OUT, ImportReport, import_residents
from kiosk.residents.rows import unit_key_of
from kiosk.residents.values import parse_language, parse_unit
from kiosk.services.access import require
from kiosk.services.staff import StaffSession

log = logging.getLogger(__name__)

EDITABLE_FIELDS = ("first_name", "last_name", "unit", "building", "email", "mobile", "language",
                   "notify_email", "notify_sms", "reminders_opt_out", "badge_id")


class ResidentInvalid(ValueError):
    """Some fields were refused; ``errors`` maps each field to a message fit to show beside it."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))
        self.errors = dict(errors)


class ResidentAdminError(ValueError):
    """An operation on a resident, proxy or hold was refused; the message is fit to show staff."""


# --------------------------------------------------------------------------- plain data out


@dataclass(frozen=True)
class ResidentRow:
    """One line of the resident list."""

    id: int
    full_name: str
    unit: str
    building: str
    status: ResidentStatus
    email: str | None
    mobile: str | None
    waiting: int  # parcels waiting
    email_bounced: bool = False  # notices to ``email`` were refused: none are sent until it is fixed
    sms_failed: bool = False  # likewise for ``mobile``

    @property
    def undeliverable(self) -> bool:
        return self.email_bounced or self.sms_failed


@dataclass(frozen=True)
class ResidentDetail:
    """Everything the edit form shows about one resident."""

    id: int
    first_name: str
    last_name: str
    unit: str
    building: str
    email: str | None
    mobile: str | None
    language: str
    notify_email: bool
    notify_sms: bool
    reminders_opt_out: bool
    badge_id: str | None
    status: ResidentStatus
    move_in: date | None
    move_out: date | None
    waiting: int
    email_bounced: bool = False
    sms_failed: bool = False

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def edit(self) -> ResidentEdit:
        """The form's starting values."""
        return ResidentEdit(**{name: getattr(self, name) for name in EDITABLE_FIELDS})


@dataclass(frozen=True)
class ResidentEdit:
    """The editable fields as staff typed them (validated and normalised by the service)."""

    first_name: str
    last_name: str
    unit: str
    building: str = ""
    email: str | None = None
    mobile: str | None = None
    language: str = "en"
    notify_email: bool = True
    notify_sms: bool = True
    reminders_opt_out: bool = False
    badge_id: str | None = None


@dataclass(frozen=True)
class MoveOutResult:
    resident_id: int
    move_out: date
    parcels_flagged: int


@dataclass(frozen=True)
class ProxyInfo:
    """Someone a resident authorised to collect for them."""

    id: int
    resident_id: int
    name: str
    phone: str | None
    email: str | None
    valid_from: datetime
    valid_until: datetime
    revoked_at: datetime | None
    parcel_ids: tuple[int, ...]  # empty: every parcel of the resident within the dates

    def usable(self, now: datetime) -> bool:
        return self.revoked_at is None and self.valid_from <= now <= self.valid_until

    def covers(self, parcel_id: int) -> bool:
        return not self.parcel_ids or parcel_id in self.parcel_ids

    def why_not(self, now: datetime) -> str:
        """Why this proxy cannot collect now ("" if they can)."""
        if self.revoked_at is not None:
            return f"{self.name}'s authorisation was withdrawn"
        if now < self.valid_from:
            return f"{self.name} may collect only from {self.valid_from:%d %b %Y}"
        if now > self.valid_until:
            return f"{self.name}'s authorisation ended on {self.valid_until:%d %b %Y}"
        return ""


@dataclass(frozen=True)
class HoldInfo:
    id: int
    kind: HoldKind
    resident_id: int | None
    parcel_id: int | None
    parcel_code: str | None
    starts_on: date
    ends_on: date | None
    reason: str
    released_at: datetime | None

    def active(self, today: date) -> bool:
        return (self.released_at is None and self.starts_on <= today
                and (self.ends_on is None or self.ends_on >= today))


# --------------------------------------------------------------------------- validation


def check_field(name: str, value: str | None) -> tuple[str | None, str]:
    """(normalised value, error message) for one typed field; the message is "" when it is fine.

    E-mail and mobile may be left empty; a mobile must be able to receive text messages.
    """
    text = (value or "").strip()
    try:
        if name in ("first_name", "last_name"):
            if len(text) > 80:
                return text, "at most 80 characters"
            if name == "first_name" and not text:
                return text, "enter a first name"
            return text, ""
        if name == "unit":
            unit = parse_unit(text)
            if not unit:
                return unit, "enter the unit number"
            return (unit, "") if len(unit) <= 20 else (unit, "at most 20 characters")
        if name == "building":
            return (text, "") if len(text) <= 40 else (text, "at most 40 characters")
        if name == "email":
            return (validate_email(text), "") if text else (None, "")
        if name == "mobile":
            return (validate_mobile(text), "") if text else (None, "")
        if name == "language":
            code = parse_language(text)
            return (code, "") if code else (text, "choose a language")
        if name == "badge_id":
            if not text:
                return None, ""
            return (text, "") if len(text) <= 64 else (text, "at most 64 characters")
    except ValueError as exc:
        return text, str(exc)
    return text, ""


def _dates(valid_from: datetime, valid_until: datetime) -> tuple[datetime, datetime]:
    if valid_from.tzinfo is None or valid_until.tzinfo is None:
        raise ResidentAdminError("the proxy's dates need a time zone")
    return valid_from.astimezone(UTC), valid_until.astimezone(UTC)


# --------------------------------------------------------------------------- queries shared with the desk


def proxy_infos(session: Session, resident_id: int, *, include_ended: bool = False,
                now: datetime | None = None) -> list[ProxyInfo]:
    """The resident's proxies (current and future ones; ``include_ended`` adds the rest)."""
    now = now or datetime.now(UTC)
    query = select(Proxy).where(Proxy.resident_id == resident_id).order_by(Proxy.valid_from, Proxy.id)
    if not include_ended:
        query = query.where(Proxy.revoked_at.is_(None), Proxy.valid_until >= now)
    proxies = list(session.scalars(query))
    limits: dict[int, list[int]] = {}
    if proxies:
        for proxy_id, parcel_id in session.execute(
                select(ProxyParcel.proxy_id, ProxyParcel.parcel_id)
                .where(ProxyParcel.proxy_id.in_([p.id for p in proxies]))
                .order_by(ProxyParcel.parcel_id)):
            limits.setdefault(proxy_id, []).append(parcel_id)
    return [ProxyInfo(p.id, p.resident_id, p.name, p.phone, p.email, p.valid_from, p.valid_until,
                      p.revoked_at, tuple(limits.get(p.id, ()))) for p in proxies]


def held_parcel_ids(session: Session, parcel_ids: Sequence[int], today: date) -> frozenset[int]:
    """Parcels among ``parcel_ids`` under an active hold: their own, or their resident's vacation."""
    if not parcel_ids:
        return frozenset()
    active = and_(Hold.released_at.is_(None), Hold.starts_on <= today,
                  or_(Hold.ends_on.is_(None), Hold.ends_on >= today))
    rows = session.scalars(
        select(Parcel.id)
        .join(Hold, or_(Hold.parcel_id == Parcel.id,
                        and_(Hold.kind == HoldKind.VACATION, Hold.resident_id == Parcel.resident_id)))
        .where(Parcel.id.in_(list(parcel_ids)), active)
    ).all()
    return frozenset(rows)


def _waiting_counts(session: Session, ids: Iterable[int]) -> dict[int, int]:
    ids = list(ids)
    if not ids:
        return {}
    return {rid: n for rid, n in session.execute(
        select(Parcel.resident_id, func.count())
        .where(Parcel.resident_id.in_(ids), Parcel.status.in_(WAITING_STATUSES))
        .group_by(Parcel.resident_id)) if rid is not None}


def _local_today(now: datetime) -> date:
    return now.astimezone().date()


# --------------------------------------------------------------------------- the service


class ResidentAdminService:
    """Resident records for staff: every method is one transaction; writes check the role."""

    def __init__(self, db: Database, directory: ResidentDirectory, kiosk_id: str = "") -> None:
        self._db = db
        self._directory = directory
        self._kiosk = kiosk_id

    # ------------------------------------------------------------------ list and details

    def list_residents(self, query: str = "", *, include_moved_out: bool = False, undeliverable_only: bool = False,
                       limit: int = 200) -> list[ResidentRow]:
        """Residents matching ``query`` (name, unit or phone, as the directory searches), best first;
        with no query, everyone in unit order. ``undeliverable_only``: those whose e-mail bounced or
        whose text messages failed."""
        with self._db.reader() as uow:
            session = uow.session
            base = (select(Resident, Unit.number, Unit.building)
                    .join(Unit, Resident.unit_id == Unit.id))
            if undeliverable_only:
                base = base.where(or_(Resident.email_bounced.is_(True), Resident.sms_failed.is_(True)))
            if query.strip():
                hits = self._directory.search(query, limit=limit, include_moved_out=include_moved_out)
                order = {hit.resident_id: i for i, hit in enumerate(hits)}
                rows = session.execute(base.where(Resident.id.in_(list(order)))).all() if order else []
                rows = sorted(rows, key=lambda row: order[row[0].id])
            else:
                if not include_moved_out:
                    base = base.where(Resident.status != ResidentStatus.MOVED_OUT)
                rows = list(session.execute(
                    base.order_by(Unit.building, Unit.number, Resident.last_name, Resident.first_name)
                    .limit(limit)).all())
            waiting = _waiting_counts(session, [row[0].id for row in rows])
            return [ResidentRow(r.id, r.full_name, number, building or "", ResidentStatus(r.status), r.email,
                                r.mobile, waiting.get(r.id, 0), bool(r.email_bounced), bool(r.sms_failed))
                    for r, number, building in rows]

    def undeliverable_count(self) -> int:
        """Current residents whose e-mail bounced or whose text messages failed (for the list's filter)."""
        with self._db.reader() as uow:
            return int(uow.session.scalar(
                select(func.count(Resident.id)).where(
                    Resident.status != ResidentStatus.MOVED_OUT,
                    or_(Resident.email_bounced.is_(True), Resident.sms_failed.is_(True)))) or 0)

    def get(self, resident_id: int) -> ResidentDetail:
        with self._db.reader() as uow:
            return self._detail(uow.session, resident_id)

    def _detail(self, session: Session, resident_id: int) -> ResidentDetail:
        resident = session.get(Resident, resident_id)
        if resident is None:
            raise ResidentNotFound(f"no resident with id {resident_id}")
        unit = session.get(Unit, resident.unit_id)
        return ResidentDetail(
            id=resident.id, first_name=resident.first_name, last_name=resident.last_name,
            unit=unit.number if unit else "", building=(unit.building if unit else "") or "",
            email=resident.email, mobile=resident.mobile, language=resident.language,
            notify_email=resident.notify_email, notify_sms=resident.notify_sms,
            reminders_opt_out=resident.reminders_opt_out, badge_id=resident.badge_id,
            status=ResidentStatus(resident.status), move_in=resident.move_in, move_out=resident.move_out,
            waiting=_waiting_counts(session, [resident.id]).get(resident.id, 0),
            email_bounced=bool(resident.email_bounced), sms_failed=bool(resident.sms_failed),
        )

    # ------------------------------------------------------------------ edit

    @staticmethod
    def validate(edit: ResidentEdit, current: ResidentDetail | None = None) -> dict[str, object]:
        """The normalised values of ``edit``, or :class:`ResidentInvalid` naming every bad field.

        An e-mail address or mobile number left exactly as stored is kept as it is: a number
        imported from a rent roll (a landline, say) must not block editing the resident's name.
        """
        values: dict[str, object] = {}
        errors: dict[str, str] = {}
        for name in ("first_name", "last_name", "unit", "building", "email", "mobile", "language", "badge_id"):
            typed = getattr(edit, name)
            stored = getattr(current, name) if current is not None else None
            if name in ("email", "mobile") and stored and (typed or "").strip() == stored:
                values[name] = stored
                continue
            value, error = check_field(name, typed)
            if error:
                errors[name] = error
            values[name] = value
        if errors:
            raise ResidentInvalid(errors)
        for name in ("notify_email", "notify_sms", "reminders_opt_out"):
            values[name] = bool(getattr(edit, name))
        return values

    def update(self, by: StaffSession, resident_id: int, edit: ResidentEdit,
               now: datetime | None = None) -> ResidentDetail:
        """Save the edit form. Nothing is written if any field is refused."""
        require(by, Role.STAFF, "edit residents")
        now = now or datetime.now(UTC)
        with self._db.uow() as uow:
            session = uow.session
            resident = session.get(Resident, resident_id, with_for_update=True)
            if resident is None:
                raise ResidentNotFound(f"no resident with id {resident_id}")
            values = self.validate(edit, self._detail(session, resident_id))
            current_unit = session.get(Unit, resident.unit_id)
            if current_unit is None:  # the foreign key makes this impossible; keeps types honest
                raise ResidentAdminError("the resident's unit is missing")
            changed: list[str] = []
            building, number = str(values.pop("building") or ""), str(values.pop("unit"))
            if unit_key_of(current_unit.building or "", current_unit.number) != unit_key_of(building, number):
                resident.unit_id = self._unit_id(session, current_unit.property_id, building, number)
                changed.append("unit")
            badge = values.get("badge_id")
            if badge is not None and badge != resident.badge_id:
                self._claim_badge(session, str(badge), resident.id)
            for name, value in values.items():
                if getattr(resident, name) != value:
                    setattr(resident, name, value)
                    changed.append(name)
            # A corrected address or number is worth trying again.
            for contact, flag in (("email", "email_bounced"), ("mobile", "sms_failed")):
                if contact in changed and getattr(resident, flag):
                    setattr(resident, flag, False)
                    changed.append(flag)
            if changed:
                resident.updated_at = now
                eventlog.append(session, "resident.updated", by.actor, subject_kind="resident",
                                subject_id=resident.id, kiosk=self._kiosk, at=now, data={"fields": changed})
            session.flush()
            detail = self._detail(session, resident.id)
            uow.commit()
        if changed:
            directory_module.notify_changed()
        return detail

    def clear_delivery_flag(self, by: StaffSession, resident_id: int, channel: str,
                            now: datetime | None = None) -> ResidentDetail:
        """Staff checked the address (``channel`` "email") or number ("sms") and it is right: try it again."""
        require(by, Role.STAFF, "edit residents")
        flag = {"email": "email_bounced", "sms": "sms_failed"}.get(channel)
        if flag is None:
            raise ResidentAdminError(f"unknown channel {channel!r}")
        now = now or datetime.now(UTC)
        with self._db.uow() as uow:
            session = uow.session
            resident = session.get(Resident, resident_id, with_for_update=True)
            if resident is None:
                raise ResidentNotFound(f"no resident with id {resident_id}")
            if getattr(resident, flag):
                setattr(resident, flag, False)
                resident.updated_at = now
                eventlog.append(session, "resident.delivery_flag_cleared", by.actor, subject_kind="resident",
                                subject_id=resident.id, kiosk=self._kiosk, at=now, data={"fields": [flag]})
            session.flush()
            detail = self._detail(session, resident.id)
            uow.commit()
        return detail

    @staticmethod
    def _unit_id(session: Session, property_id: int, building: str, number: str) -> int:
        wanted = unit_key_of(building, number)
        for unit in session.scalars(select(Unit).where(Unit.property_id == property_id,
                                                       func.upper(Unit.number) == number.upper())):
            if unit_key_of(unit.building or "", unit.number) == wanted:
                return unit.id
        unit = Unit(property_id=property_id, building=building, number=number)
        session.add(unit)
        session.flush()
        return unit.id

    @staticmethod
    def _claim_badge(session: Session, badge: str, resident_id: int) -> None:
        holder = session.scalar(select(Resident).where(Resident.badge_id == badge, Resident.id != resident_id))
        if holder is None:
            return
        if holder.status == ResidentStatus.MOVED_OUT:
            holder.badge_id = None  # a former resident's fob goes to the new one
            session.flush()
            return
        unit = session.get(Unit, holder.unit_id)
        raise ResidentInvalid({"badge_id": f"badge {badge!r} already belongs to {holder.full_name}, "
                                           f"unit {unit.number if unit else '?'}"})

    # ------------------------------------------------------------------ move-out

    def move_out(self, by: StaffSession, resident_id: int, on: date | None = None,
                 now: datetime | None = None) -> MoveOutResult:
        """Mark the resident moved out; their waiting parcels go to the needs-attention list."""
        require(by, Role.STAFF, "move residents out")
        now = now or datetime.now(UTC)
        on = on or _local_today(now)
        with self._db.uow() as uow:
            session = uow.session
            resident = session.get(Resident, resident_id, with_for_update=True)
            if resident is None:
                raise ResidentNotFound(f"no resident with id {resident_id}")
            if resident.status == ResidentStatus.MOVED_OUT:
                raise ResidentAdminError(f"{resident.full_name} has already moved out")
            resident.status = ResidentStatus.MOVED_OUT
            resident.move_out = on
            resident.updated_at = now
            flagged = 0
            for parcel in session.scalars(select(Parcel).where(Parcel.resident_id == resident_id,
                                                               Parcel.status.in_(WAITING_STATUSES))):
                parcel.needs_attention = True
                parcel.attention_reason = ATTENTION_MOVED_OUT
                flagged += 1
            eventlog.append(session, "resident.moved_out", by.actor, subject_kind="resident",
                            subject_id=resident_id, kiosk=self._kiosk, at=now,
                            data={"move_out": on.isoformat(), "parcels_flagged": flagged})
            uow.commit()
        directory_module.notify_changed()
        return MoveOutResult(resident_id, on, flagged)

    # ------------------------------------------------------------------ proxies

    def proxies(self, resident_id: int, include_ended: bool = False) -> list[ProxyInfo]:
        with self._db.reader() as uow:
            return proxy_infos(uow.session, resident_id, include_ended=include_ended)

    def add_proxy(self, by: StaffSession, resident_id: int, name: str, valid_from: datetime,
                  valid_until: datetime, *, phone: str | None = None, email: str | None = None,
                  parcel_ids: Sequence[int] = (), now: datetime | None = None) -> ProxyInfo:
        """Authorise someone to collect for the resident: named parcels, or all within the dates."""
        require(by, Role.STAFF, "add proxies")
        now = now or datetime.now(UTC)
        errors: dict[str, str] = {}
        name = " ".join((name or "").split())
        if not name:
            errors["name"] = "enter the proxy's name"
        elif len(name) > 160:
            errors["name"] = "at most 160 characters"
        phone_value, phone_error = check_field("mobile", phone)
        email_value, email_error = check_field("email", email)
        if phone_error:
            errors["phone"] = phone_error
        if email_error:
            errors["email"] = email_error
        start, end = _dates(valid_from, valid_until)
        if end <= start:
            errors["valid_until"] = "the end must be after the start"
        elif end < now:
            errors["valid_until"] = "the end is already past"
        if errors:
            raise ResidentInvalid(errors)
        with self._db.uow() as uow:
            session = uow.session
            resident = session.get(Resident, resident_id)
            if resident is None:
                raise ResidentNotFound(f"no resident with id {resident_id}")
            if resident.status == ResidentStatus.MOVED_OUT:
                raise ResidentAdminError(f"{resident.full_name} has moved out; add no proxy for them")
            wanted = sorted(set(parcel_ids))
            if wanted:
                theirs = set(session.scalars(select(Parcel.id).where(
                    Parcel.id.in_(wanted), Parcel.resident_id == resident_id, Parcel.status.in_(WAITING_STATUSES))))
                if theirs != set(wanted):
                    raise ResidentAdminError("a chosen parcel is not waiting for this resident")
            proxy = Proxy(resident_id=resident_id, name=name, phone=phone_value, email=email_value,
                          valid_from=start, valid_until=end, created_at=now)
            proxy.parcels.extend(ProxyParcel(parcel_id=pid) for pid in wanted)
            session.add(proxy)
            session.flush()
            eventlog.append(session, "proxy.added", by.actor, subject_kind="proxy", subject_id=proxy.id,
                            kiosk=self._kiosk, at=now,
                            data={"resident_id": resident_id, "parcel_ids": wanted,
                                  "valid_from": start.isoformat(), "valid_until": end.isoformat()})
            info = ProxyInfo(proxy.id, resident_id, name, phone_value, email_value, start, end, None, tuple(wanted))
            uow.commit()
        return info

    def revoke_proxy(self, by: StaffSession, proxy_id: int, now: datetime | None = None) -> None:
        require(by, Role.STAFF, "remove proxies")
        now = now or datetime.now(UTC)
        with self._db.uow() as uow:
            proxy = uow.session.get(Proxy, proxy_id, with_for_update=True)
            if proxy is None:
                raise ResidentAdminError(f"no proxy with id {proxy_id}")
            if proxy.revoked_at is not None:
                return
            proxy.revoked_at = now
            eventlog.append(uow.session, "proxy.revoked", by.actor, subject_kind="proxy", subject_id=proxy.id,
                            kiosk=self._kiosk, at=now, data={"resident_id": proxy.resident_id})
            uow.commit()

    # ------------------------------------------------------------------ holds

    def holds(self, resident_id: int, include_ended: bool = False, now: datetime | None = None) -> list[HoldInfo]:
        """The resident's vacation holds and the holds on their parcels (current and future ones)."""
        today = _local_today(now or datetime.now(UTC))
        with self._db.reader() as uow:
            rows = uow.session.execute(
                select(Hold, Parcel.code)
                .outerjoin(Parcel, Hold.parcel_id == Parcel.id)
                .where(or_(Hold.resident_id == resident_id, Parcel.resident_id == resident_id))
                .order_by(Hold.starts_on, Hold.id)
            ).all()
            holds = [HoldInfo(h.id, HoldKind(h.kind), h.resident_id, h.parcel_id, code, h.starts_on, h.ends_on,
                              h.reason, h.released_at) for h, code in rows]
        if not include_ended:
            holds = [h for h in holds if h.released_at is None and (h.ends_on is None or h.ends_on >= today)]
        return holds

    def add_vacation_hold(self, by: StaffSession, resident_id: int, starts_on: date, ends_on: date | None,
                          reason: str = "", now: datetime | None = None) -> HoldInfo:
        """Hold the resident's notices and reminders (and their parcels at the door) for a while."""
        require(by, Role.STAFF, "add holds")
        now = now or datetime.now(UTC)
        self._check_hold_dates(starts_on, ends_on, now)
        with self._db.uow() as uow:
            session = uow.session
            resident = session.get(Resident, resident_id)
            if resident is None:
                raise ResidentNotFound(f"no resident with id {resident_id}")
            hold = Hold(kind=HoldKind.VACATION, resident_id=resident_id, starts_on=starts_on, ends_on=ends_on,
                        reason=reason.strip()[:200], created_by_id=by.staff_id, created_at=now)
            session.add(hold)
            session.flush()
            self._hold_event(session, "hold.added", by, hold, now)
            info = HoldInfo(hold.id, HoldKind.VACATION, resident_id, None, None, starts_on, ends_on,
                            hold.reason, None)
            uow.commit()
        return info

    def add_parcel_hold(self, by: StaffSession, parcel_id: int, ends_on: date | None = None, reason: str = "",
                        now: datetime | None = None) -> HoldInfo:
        """Hold one waiting parcel from today (its resident collects it at the desk)."""
        require(by, Role.STAFF, "add holds")
        now = now or datetime.now(UTC)
        starts_on = _local_today(now)
        self._check_hold_dates(starts_on, ends_on, now)
        with self._db.uow() as uow:
            session = uow.session
            parcel = session.get(Parcel, parcel_id)
            if parcel is None:
                raise ResidentAdminError(f"parcel #{parcel_id} does not exist")
            if parcel.status not in WAITING_STATUSES:
                raise ResidentAdminError(f"parcel {parcel.code} is no longer waiting")
            hold = Hold(kind=HoldKind.PARCEL, resident_id=parcel.resident_id, parcel_id=parcel.id,
                        starts_on=starts_on, ends_on=ends_on, reason=reason.strip()[:200],
                        created_by_id=by.staff_id, created_at=now)
            session.add(hold)
            session.flush()
            self._hold_event(session, "hold.added", by, hold, now)
            info = HoldInfo(hold.id, HoldKind.PARCEL, parcel.resident_id, parcel.id, parcel.code, starts_on,
                            ends_on, hold.reason, None)
            uow.commit()
        return info

    def end_hold(self, by: StaffSession, hold_id: int, now: datetime | None = None) -> None:
        """End a hold now; notices it deferred become due at once."""
        require(by, Role.STAFF, "end holds")
        now = now or datetime.now(UTC)
        with self._db.uow() as uow:
            session = uow.session
            hold = session.get(Hold, hold_id, with_for_update=True)
            if hold is None:
                raise ResidentAdminError(f"no hold with id {hold_id}")
            if hold.released_at is not None:
                return
            hold.released_at = now
            if hold.kind == HoldKind.VACATION and hold.resident_id is not None:
                session.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.resident_id == hold.resident_id,
                           OutboxMessage.status == OutboxStatus.PENDING,
                           OutboxMessage.kind.in_(BATCHED_KINDS), OutboxMessage.not_before > now)
                    .values(not_before=now)
                    .execution_options(synchronize_session=False))
            self._hold_event(session, "hold.released", by, hold, now, reason="ended by staff")
            uow.commit()

    @staticmethod
    def _check_hold_dates(starts_on: date, ends_on: date | None, now: datetime) -> None:
        errors: dict[str, str] = {}
        if ends_on is not None and ends_on < starts_on:
            errors["ends_on"] = "the hold must end on or after its first day"
        elif ends_on is not None and ends_on < _local_today(now):
            errors["ends_on"] = "the end date is already past"
        if errors:
            raise ResidentInvalid(errors)

    def _hold_event(self, session: Session, kind: str, by: StaffSession, hold: Hold, now: datetime,
                    reason: str = "") -> None:
        data: dict[str, object] = {"kind": HoldKind(hold.kind).value, "resident_id": hold.resident_id,
                                   "parcel_id": hold.parcel_id, "starts_on": str(hold.starts_on),
                                   "ends_on": str(hold.ends_on) if hold.ends_on else None}
        if reason:
            data["reason"] = reason
        eventlog.append(session, kind, by.actor, subject_kind="hold", subject_id=hold.id, kiosk=self._kiosk,
                        at=now, data=data)

    # ------------------------------------------------------------------ rent-roll import

    def preview_import(self, by: StaffSession, path: str | Path, preset: str | None = None, *,
                       full_roster: bool = True, property_name: str | None = None) -> ImportReport:
        """The dry run: what the import would do, and every bad row. Writes nothing."""
        require(by, Role.MANAGER, "import residents")
        return import_residents(self._db, Path(path), preset=preset or None, dry_run=True,
                                property_name=property_name, full_roster=full_roster, actor=by.actor)

    def run_import(self, by: StaffSession, path: str | Path, preset: str | None = None, *,
                   full_roster: bool = True, property_name: str | None = None) -> ImportReport:
        """Import all-or-nothing: with any bad row, nothing is written and the report lists the errors."""
        require(by, Role.MANAGER, "import residents")
        return import_residents(self._db, Path(path), preset=preset or None, dry_run=False,
                                property_name=property_name, full_roster=full_roster, actor=by.actor)
