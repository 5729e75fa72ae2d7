"""When a queued notice may go: the batching window, vacation holds and SMS quiet hours.

Every PENDING message is *planned* once, by giving it a ``not_before``: an arrival waits for the
batching window (``created_at + notifications.batch_minutes``) so several parcels for one
resident become one notice — the sender merges all of that resident's pending arrivals on the
same channel into the first one that falls due; an arrival for a resident on a vacation hold
waits until the hold ends; every other kind is due at once. Then, while quiet hours last, due
SMS are pushed to the end of quiet hours (perishable notices go anyway if the policy says so).
E-mail is never held back by quiet hours.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from kiosk.notifications.policy import NoticePolicy, local_date, local_midnight
from kiosk.persistence.models import Channel, Hold, HoldKind, OutboxMessage, OutboxStatus
from kiosk.persistence.uow import Database

BATCHED_KINDS = ("arrival",)
PERISHABLE_KINDS = ("perishable", "perishable_escalation")
OPEN_ENDED_HOLD = timedelta(days=365)  # a hold with no end date: until staff release it


def plan_not_before(kind: str, created_at: datetime, policy: NoticePolicy) -> datetime:
    """When a new notice may go at the earliest (intake may call this to set it directly)."""
    if kind in BATCHED_KINDS:
        return created_at + policy.batch_window
    return created_at


def plan_new(db: Database, policy: NoticePolicy, now: datetime) -> int:
    """Give every unplanned PENDING message its ``not_before``; returns how many a hold defers."""
    with db.reader() as uow:  # most passes find nothing: take no write lock for that
        unplanned = uow.session.scalar(
            select(OutboxMessage.id)
            .where(OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.not_before.is_(None))
            .limit(1)
        )
    if unplanned is None:
        return 0
    with db.uow() as uow:
        s = uow.session
        rows = s.execute(
            select(
                OutboxMessage.id,
                OutboxMessage.kind,
                OutboxMessage.resident_id,
                OutboxMessage.created_at,
            ).where(
                OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.not_before.is_(None)
            )
        ).all()
        held = vacation_holds(
            s,
            {r.resident_id for r in rows if r.kind in BATCHED_KINDS and r.resident_id},
            now,
            policy,
        )
        deferred = 0
        for row in rows:
            not_before = plan_not_before(row.kind, row.created_at, policy)
            if row.kind in BATCHED_KINDS and row.resident_id in held:
                not_before = max(not_before, held[row.resident_id])
                deferred += 1
            s.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == row.id, OutboxMessage.not_before.is_(None))
                .values(not_before=not_before)
            )
        uow.commit()
    return deferred


def vacation_holds(
    s: Session, resident_ids: set[int], now: datetime, policy: NoticePolicy
) -> dict[int, datetime]:
    """Resident → when their active vacation hold ends (UTC), for residents on hold today."""
    if not resident_ids:
        return {}
    today = local_date(now, policy.tz)
    holds = s.execute(
        select(Hold.resident_id, Hold.ends_on).where(
            Hold.kind == HoldKind.VACATION,
            Hold.resident_id.in_(resident_ids),
            Hold.released_at.is_(None),
            Hold.starts_on <= today,
            or_(Hold.ends_on.is_(None), Hold.ends_on >= today),
        )
    ).all()
    until: dict[int, datetime] = {}
    for resident_id, ends_on in holds:
        if resident_id is None:
            continue
        end = (
            local_midnight(ends_on + timedelta(days=1), policy.tz)
            if ends_on is not None
            else now + OPEN_ENDED_HOLD
        )
        until[resident_id] = max(end, until.get(resident_id, end))
    return until


def defer_for_quiet_hours(db: Database, policy: NoticePolicy, now: datetime) -> int:
    """Inside quiet hours, move due SMS to the end of quiet hours; returns how many moved."""
    quiet = policy.quiet_hours
    if quiet is None or not quiet.contains(now):
        return 0
    conditions = [
        OutboxMessage.status == OutboxStatus.PENDING,
        OutboxMessage.channel == Channel.SMS,
        OutboxMessage.not_before <= now,
        OutboxMessage.next_attempt_at <= now,
    ]
    if policy.perishable_overrides_quiet_hours:
        conditions.append(OutboxMessage.kind.not_in(PERISHABLE_KINDS))
    with db.uow() as uow:
        result = uow.session.execute(
            update(OutboxMessage).where(*conditions).values(not_before=quiet.ends_after(now))
        )
        uow.commit()
    return int(getattr(result, "rowcount", 0) or 0)
