"""The managers' daily digest: yesterday's parcels in and out, what is waiting now, perishables,
the oldest waiting parcel and failed notices, queued as one ``digest`` e-mail (key
``digest:{date}``) to ``notifications.manager_email`` (else ``notifications.staff_email``)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from kiosk.jobs.common import notice_row, queue_notices
from kiosk.notifications.policy import local_date, local_midnight, property_tz, setting
from kiosk.persistence.models import (
    WAITING_STATUSES,
    Channel,
    OutboxMessage,
    OutboxStatus,
    Parcel,
    ParcelStatus,
    StorageLocation,
)
from kiosk.persistence.uow import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DigestStats:
    """The figures of one digest (also what a staff screen could show)."""

    day: date
    received: int
    picked_up: int
    waiting: int
    perishable_waiting: int
    oldest_code: str | None
    oldest_shelf: str | None
    oldest_days: int
    failed_notices: int

    def as_payload(self) -> dict[str, Any]:
        oldest = (
            {"code": self.oldest_code, "shelf": self.oldest_shelf or "", "days": self.oldest_days}
            if self.oldest_code
            else None
        )
        return {
            "received": self.received,
            "picked_up": self.picked_up,
            "waiting": self.waiting,
            "perishable_waiting": self.perishable_waiting,
            "oldest": oldest,
            "failed_notices": self.failed_notices,
        }


@dataclass(frozen=True)
class DigestReport:
    stats: DigestStats
    queued: bool
    recipient_configured: bool


def digest_stats(db: Database, settings: Mapping[str, Any], now: datetime) -> DigestStats:
    """Figures for the local day before ``now`` (in/out) and as of ``now`` (waiting, failures)."""
    tz = property_tz(settings)
    day = local_date(now, tz) - timedelta(days=1)
    start, end = local_midnight(day, tz), local_midnight(day + timedelta(days=1), tz)
    with db.reader() as uow:
        s = uow.session
        received = (
            s.scalar(
                select(func.count(Parcel.id)).where(
                    Parcel.received_at >= start,
                    Parcel.received_at < end,
                    Parcel.status != ParcelStatus.VOIDED,
                )
            )
            or 0
        )
        picked_up = (
            s.scalar(
                select(func.count(Parcel.id)).where(
                    Parcel.status == ParcelStatus.PICKED_UP,
                    Parcel.closed_at >= start,
                    Parcel.closed_at < end,
                )
            )
            or 0
        )
        waiting = (
            s.scalar(select(func.count(Parcel.id)).where(Parcel.status.in_(WAITING_STATUSES))) or 0
        )
        perishable = (
            s.scalar(
                select(func.count(Parcel.id)).where(
                    Parcel.status.in_(WAITING_STATUSES), Parcel.perishable.is_(True)
                )
            )
            or 0
        )
        oldest = s.execute(
            select(Parcel.code, Parcel.received_at, StorageLocation.name)
            .outerjoin(StorageLocation, StorageLocation.id == Parcel.location_id)
            .where(Parcel.status.in_(WAITING_STATUSES))
            .order_by(Parcel.received_at)
            .limit(1)
        ).first()
        failed = (
            s.scalar(
                select(func.count(OutboxMessage.id)).where(
                    OutboxMessage.status == OutboxStatus.FAILED
                )
            )
            or 0
        )
    oldest_days = (local_date(now, tz) - local_date(oldest.received_at, tz)).days if oldest else 0
    return DigestStats(
        day,
        int(received),
        int(picked_up),
        int(waiting),
        int(perishable),
        oldest.code if oldest else None,
        oldest.name if oldest else None,
        oldest_days,
        int(failed),
    )


def queue_digest(
    db: Database,
    settings: Mapping[str, Any],
    now: datetime,
    *,
    to: str | None = None,
    language: str | None = None,
) -> DigestReport:
    """Queue today's digest (once per day) if a manager or staff address is configured."""
    stats = digest_stats(db, settings, now)
    recipient = (
        to
        if to is not None
        else str(setting(settings, "notifications.manager_email") or "")
        or str(setting(settings, "notifications.staff_email") or "")
    ).strip()
    if not recipient:
        log.info("digest not queued: notifications.manager_email and staff_email are empty")
        return DigestReport(stats, False, False)
    lang = language or str(setting(settings, "notifications.digest_language") or "en")
    with db.uow() as uow:
        queued = queue_notices(
            uow.session,
            [
                notice_row(
                    f"digest:{stats.day.isoformat()}",
                    "digest",
                    Channel.EMAIL,
                    recipient,
                    resident_id=None,
                    language=lang,
                    payload={"stats": stats.as_payload(), "report_date": stats.day.isoformat()},
                    now=now,
                )
            ],
        )
        uow.commit()
    return DigestReport(stats, bool(queued), True)
