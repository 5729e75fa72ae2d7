"""Who did what: staff activity, and the door and credential events of the event log."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kiosk.persistence.models import ActorKind, Event, Parcel, ParcelStatus, ParcelTransition, StaffUser
from kiosk.reports.clock import LocalClock, between, epoch
from kiosk.reports.model import Cell, Chart, Metric, Period, Report, Series, Table

#: Door events that need a person's attention (the door supervisor's alarm kinds, logged as ``door.*``).
DOOR_ALARMS = frozenset({"door.held_open", "door.forced_open", "door.offline", "door.door_offline",
                         "door.relock_failed", "door.watchdog_relock", "door.unlock_failed", "door.alarm"})
FAILED_CODES = frozenset({"credential.rejected", "credential.attempt_while_locked"})
LOCKOUTS = frozenset({"credential.keypad_locked", "staff.sign_in_locked"})
MAX_LISTED = 1000


def build_staff(s: Session, period: Period, now: datetime) -> Report:
    """Per staff member: parcels logged, released at the desk, returned; sign-ins; audit work."""
    since, until = period.since, period.until
    staff = dict(s.execute(select(StaffUser.id, StaffUser.name)).all())
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    dialect = s.get_bind().dialect.name
    queries = {
        "intakes": select(Parcel.received_by_id, func.count()).where(
            between(Parcel.received_at, since, until, dialect), Parcel.received_by_id.is_not(None),
            Parcel.status != ParcelStatus.VOIDED).group_by(Parcel.received_by_id),
        "releases": select(Parcel.released_by_id, func.count()).where(
            Parcel.status == ParcelStatus.PICKED_UP, between(Parcel.closed_at, since, until, dialect),
            Parcel.released_by_id.is_not(None)).group_by(Parcel.released_by_id),
        "returns": select(ParcelTransition.actor_id, func.count()).where(
            ParcelTransition.to_status == ParcelStatus.RETURNED, ParcelTransition.actor_kind == ActorKind.STAFF,
            ParcelTransition.at >= since, ParcelTransition.at < until, ParcelTransition.actor_id.is_not(None))
        .group_by(ParcelTransition.actor_id),
    }
    for field_name, query in queries.items():
        for staff_id, n in s.execute(query):
            if staff_id is not None:
                counts[staff_id][field_name] += int(n)
    event_fields = {"staff.signed_in": "sign_ins", "audit.parcel_scanned": "audit_scans",
                    "audit.discrepancy_resolved": "resolved"}
    for kind, staff_id, n in s.execute(
            select(Event.kind, Event.actor_id, func.count())
            .where(Event.actor_kind == ActorKind.STAFF, Event.at >= since, Event.at < until,
                   Event.kind.in_(list(event_fields)), Event.actor_id.is_not(None))
            .group_by(Event.kind, Event.actor_id)):
        if staff_id is not None:
            counts[staff_id][event_fields[kind]] += int(n)
    fields = ("intakes", "releases", "returns", "sign_ins", "audit_scans", "resolved")
    people = sorted(counts, key=lambda i: (-counts[i]["intakes"], staff.get(i, "")))
    rows: tuple[tuple[Cell, ...], ...] = tuple((staff.get(i, f"#{i}"), *(counts[i][f] for f in fields))
                                               for i in people)
    names = tuple(str(r[0]) for r in rows)
    metrics = (
        Metric("staff_active", "Staff members active", len(rows)),
        *(Metric(f, f.replace("_", " ").capitalize(), sum(counts[i][f] for i in people)) for f in fields),
    )
    table = Table("staff", "Staff activity", ("staff", "parcels logged", "released at desk", "returned to sender",
                                              "sign-ins", "audit scans", "discrepancies resolved"), rows)
    charts = (Chart("staff", "Parcels logged and released per staff member", "hbar", names,
                    (Series("logged", tuple(float(counts[i]["intakes"]) for i in people)),
                     Series("released", tuple(float(counts[i]["releases"]) for i in people))), "parcels", ""),)
    return Report("staff", "Staff activity", period, now, metrics, (table,), charts)


def build_doors(s: Session, period: Period, now: datetime) -> Report:
    """Door openings and alarms, pickup codes accepted and refused, keypad and PIN lock-outs."""
    dialect = s.get_bind().dialect.name
    kinds = or_(Event.kind.like("door.%"), Event.kind.like("credential.%"),
                Event.kind.in_(("staff.sign_in_failed", "staff.sign_in_locked")))
    in_period = (Event.at >= period.since, Event.at < period.until, kinds)
    by_kind = Counter({kind: int(n) for kind, n in s.execute(
        select(Event.kind, func.count()).where(*in_period).group_by(Event.kind))})
    clock = LocalClock(period.tz)
    days = list(period.days())
    daily: dict[str, Counter[object]] = {"openings": Counter(), "failed codes": Counter(), "lock-outs": Counter(),
                                         "alarms": Counter()}
    for kind, seconds in s.execute(select(Event.kind, epoch(Event.at, dialect)).where(*in_period)):
        day = clock.day_hour(seconds)[0]
        if kind == "door.unlocked":
            daily["openings"][day] += 1
        elif kind in FAILED_CODES:
            daily["failed codes"][day] += 1
        if kind in LOCKOUTS:
            daily["lock-outs"][day] += 1
        if kind in DOOR_ALARMS:
            daily["alarms"][day] += 1
    listed: list[tuple[Cell, ...]] = []
    for seq, at, kind, actor, data in s.execute(
            select(Event.seq, Event.at, Event.kind, Event.actor_label, Event.data)
            .where(Event.at >= period.since, Event.at < period.until,
                   Event.kind.in_(sorted(DOOR_ALARMS | LOCKOUTS)))
            .order_by(Event.seq).limit(MAX_LISTED)):
        detail = ", ".join(f"{k}={v}" for k, v in sorted((data or {}).items()) if k in
                           ("scope", "error", "seconds", "detail", "reason"))
        listed.append((seq, at.astimezone(period.tz).strftime("%Y-%m-%d %H:%M:%S"), kind, actor, detail))
    metrics = (
        Metric("door_openings", "Door openings", by_kind["door.unlocked"]),
        Metric("codes_accepted", "Pickup codes accepted", by_kind["credential.accepted"]),
        Metric("failed_codes", "Wrong pickup codes", sum(by_kind[k] for k in FAILED_CODES)),
        Metric("keypad_lockouts", "Keypad lock-outs", by_kind["credential.keypad_locked"]),
        Metric("pin_failures", "Wrong staff PINs or badges", by_kind["staff.sign_in_failed"]),
        Metric("alarms", "Door alarms and failures", sum(n for k, n in by_kind.items() if k in DOOR_ALARMS)),
    )
    tables = (
        Table("kinds", "Events by kind", ("event", "count"), tuple(sorted(by_kind.items()))),
        Table("by_day", "Door and code events by day", ("day", *daily),
              tuple((d.isoformat(), *(daily[k][d] for k in daily)) for d in days)),
        Table("alarms", "Alarms and lock-outs", ("event #", "at", "event", "who", "detail"), tuple(listed)),
    )
    charts = (Chart("by_day", "Door and code events by day", "line", tuple(d.isoformat() for d in days),
                    tuple(Series(name, tuple(float(counter[d]) for d in days)) for name, counter in daily.items()),
                    "day", "events"),)
    return Report("doors", "Door and credential events", period, now, metrics, tables, charts)
