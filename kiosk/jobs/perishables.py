"""Perishable escalation: a perishable parcel waiting longer than ``room.perishable_alert_hours``
is flagged for staff (``needs_attention``) and one ``perishable_escalation`` e-mail per parcel
goes to ``notifications.staff_email`` (key ``perishable_escalation:{parcel_code}``)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update

from kiosk import eventlog
from kiosk.jobs.common import notice_row, queue_notices
from kiosk.notifications.policy import setting
from kiosk.persistence.models import WAITING_STATUSES, Channel, Parcel, StorageLocation, Unit
from kiosk.persistence.uow import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EscalationReport:
    overdue: int  # perishable parcels past the alert time
    flagged: int  # newly marked as needing attention
    queued: int  # escalation e-mails queued (0 when no staff e-mail is configured)
    staff_email_configured: bool

    def summary(self) -> str:
        return (
            f"{self.overdue} overdue perishable(s), {self.flagged} flagged, {self.queued} escalated"
        )


def escalate_perishables(
    db: Database, settings: Mapping[str, Any], now: datetime, *, staff_email: str | None = None
) -> EscalationReport:
    """Flag overdue perishables and queue one escalation e-mail per parcel to the staff."""
    hours = int(settings.get("room.perishable_alert_hours", 4))
    to = (
        staff_email
        if staff_email is not None
        else str(setting(settings, "notifications.staff_email") or "")
    ).strip()
    language = str(setting(settings, "notifications.digest_language") or "en")
    cutoff = now - timedelta(hours=hours)
    with db.uow() as uow:
        s = uow.session
        rows = s.execute(
            select(
                Parcel.id,
                Parcel.code,
                Parcel.received_at,
                Parcel.needs_attention,
                Unit.number,
                StorageLocation.name,
            )
            .outerjoin(Unit, Unit.id == Parcel.unit_id)
            .outerjoin(StorageLocation, StorageLocation.id == Parcel.location_id)
            .where(
                Parcel.perishable.is_(True),
                Parcel.status.in_(WAITING_STATUSES),
                Parcel.received_at <= cutoff,
            )
        ).all()
        unflagged = [row.id for row in rows if not row.needs_attention]
        if unflagged:
            s.execute(
                update(Parcel)
                .where(Parcel.id.in_(unflagged), Parcel.needs_attention.is_(False))
                .values(
                    needs_attention=True,
                    attention_reason=f"perishable waiting over {hours} h",
                    version=Parcel.version + 1,
                )
                .execution_options(synchronize_session=False)
            )
            for parcel_id in unflagged:
                eventlog.append(
                    s,
                    "parcel.perishable_overdue",
                    eventlog.SYSTEM,
                    subject_kind="parcel",
                    subject_id=parcel_id,
                    at=now,
                    data={"alert_hours": hours},
                )
        queued = 0
        if to and rows:
            queued = queue_notices(
                s,
                [
                    notice_row(
                        f"perishable_escalation:{row.code}",
                        "perishable_escalation",
                        Channel.EMAIL,
                        to,
                        resident_id=None,
                        language=language,
                        now=now,
                        payload={
                            "escalation": {
                                "code": row.code,
                                "unit": row.number or "",
                                "shelf": row.name or "",
                                "hours": int((now - row.received_at).total_seconds() // 3600),
                            }
                        },
                    )
                    for row in rows
                ],
            )
        uow.commit()
    if rows and not to:
        log.warning(
            "%d perishable parcel(s) overdue but notifications.staff_email is empty: "
            "they are flagged on screen only",
            len(rows),
        )
    report = EscalationReport(len(rows), len(unflagged), queued, bool(to))
    log.info("perishables: %s", report.summary())
    return report
