"""Expiring holds: a hold whose ``ends_on`` has passed is released, and its parcels are announced.

Arrival notices queued during a vacation hold were deferred by the outbox sender until the hold
ends; releasing the hold makes any still pending due now (they merge into one notice carrying
the pickup code). Where nothing was pending (the parcels arrived before the hold, or it was a
hold on one parcel) the resident gets one ``hold_ended`` notice listing the parcels still
waiting, keyed ``hold_ended:{hold_id}:{channel}``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update

from kiosk import eventlog
from kiosk.jobs.common import Contact, notice_row, queue_notices
from kiosk.notifications.batching import BATCHED_KINDS
from kiosk.notifications.policy import local_date, property_tz
from kiosk.persistence.models import (
    WAITING_STATUSES,
    Hold,
    HoldKind,
    OutboxMessage,
    OutboxStatus,
    Parcel,
    Resident,
    ResidentStatus,
    StorageLocation,
)
from kiosk.persistence.uow import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class HoldReport:
    released: int
    notices_released: int  # deferred arrival notices made due
    notices_queued: int  # hold_ended notices queued

    def summary(self) -> str:
        return (
            f"{self.released} hold(s) released, {self.notices_released} deferred notice(s) "
            f"released, {self.notices_queued} hold-ended notice(s) queued"
        )


def release_expired_holds(db: Database, settings: Mapping[str, Any], now: datetime) -> HoldReport:
    """Release holds that ended before today (local) and let their parcels' notices go."""
    today = local_date(now, property_tz(settings))
    released = deferred_released = queued = 0
    with db.uow() as uow:
        s = uow.session
        holds = s.scalars(
            select(Hold)
            .where(Hold.released_at.is_(None), Hold.ends_on.is_not(None), Hold.ends_on < today)
            .with_for_update()
        ).all()
        for hold in holds:
            hold.released_at = now
            released += 1
            resident_id = hold.resident_id
            parcel_filter: list[Any] = [Parcel.status.in_(WAITING_STATUSES)]
            if hold.kind == HoldKind.PARCEL and hold.parcel_id is not None:
                parcel_filter.append(Parcel.id == hold.parcel_id)
                resident_id = resident_id or s.scalar(
                    select(Parcel.resident_id).where(Parcel.id == hold.parcel_id)
                )
            eventlog.append(
                s,
                "hold.released",
                eventlog.SYSTEM,
                subject_kind="hold",
                subject_id=hold.id,
                at=now,
                data={
                    "kind": HoldKind(hold.kind).value,
                    "resident_id": resident_id,
                    "parcel_id": hold.parcel_id,
                    "ends_on": str(hold.ends_on),
                    "reason": "expired",
                },
            )
            if resident_id is None:
                continue
            made_due = 0
            if hold.kind == HoldKind.VACATION:
                # the arrivals the sender deferred (or that are just about to go): due now
                pending = s.scalars(
                    select(OutboxMessage.id).where(
                        OutboxMessage.resident_id == resident_id,
                        OutboxMessage.status == OutboxStatus.PENDING,
                        OutboxMessage.kind.in_(BATCHED_KINDS),
                    )
                ).all()
                if pending:
                    s.execute(
                        update(OutboxMessage)
                        .where(OutboxMessage.id.in_(pending), OutboxMessage.not_before > now)
                        .values(not_before=now)
                        .execution_options(synchronize_session=False)
                    )
                made_due = len(pending)
                deferred_released += made_due
            if made_due:
                continue
            queued += _queue_hold_ended(s, hold.id, resident_id, parcel_filter, now)
        uow.commit()
    report = HoldReport(released, deferred_released, queued)
    if released:
        log.info("holds: %s", report.summary())
    return report


def _queue_hold_ended(
    s: Any, hold_id: int, resident_id: int, parcel_filter: list[Any], now: datetime
) -> int:
    resident = s.get(Resident, resident_id)
    if resident is None or resident.status != ResidentStatus.ACTIVE or resident.anonymised_at:
        return 0
    waiting = s.execute(
        select(Parcel.code, StorageLocation.name)
        .outerjoin(StorageLocation, StorageLocation.id == Parcel.location_id)
        .where(Parcel.resident_id == resident_id, *parcel_filter)
        .order_by(Parcel.received_at)
    ).all()
    if not waiting:
        return 0
    contact = Contact(
        resident.id,
        resident.first_name,
        resident.language,
        resident.email,
        resident.mobile,
        resident.notify_email,
        resident.notify_sms,
        resident.email_bounced,
        resident.sms_failed,
    )
    payload = {
        "parcels": [{"code": code, "shelf": shelf or ""} for code, shelf in waiting],
        "parcel_codes": [code for code, _shelf in waiting],
    }
    return queue_notices(
        s,
        [
            notice_row(
                f"hold_ended:{hold_id}:{channel.value}",
                "hold_ended",
                channel,
                recipient,
                resident_id=resident_id,
                language=resident.language,
                payload=payload,
                now=now,
            )
            for channel, recipient in contact.targets()
        ],
    )
