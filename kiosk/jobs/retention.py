"""Retention: personal data of residents who moved out more than ``jobs.retention_days`` ago.

Kept: the resident row (as "Former resident"), their parcels, custody transitions and the event
log, so counts and reports stay whole. Removed: name, e-mail, mobile, badge, aliases, the label
text read off their parcels, photos and signatures of their parcels (``parcel_media.data``
emptied, ``purged_at`` set), recipients of their notices, names and contacts of their proxies.
Their notices keep only the parcel codes they were about. The event logged carries counts only.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, or_, select, update

from kiosk import eventlog
from kiosk.notifications.policy import local_date, property_tz
from kiosk.persistence.models import (
    ExpectedParcel,
    OutboxMessage,
    OutboxStatus,
    Parcel,
    ParcelMedia,
    Proxy,
    Resident,
    ResidentAlias,
    ResidentStatus,
)
from kiosk.persistence.uow import Database

log = logging.getLogger(__name__)

FORMER_RESIDENT = "Former resident"
_CHUNK = 500


@dataclass(frozen=True)
class RetentionReport:
    residents: int
    photos: int
    notices: int
    proxies: int
    parcels_kept: int

    def summary(self) -> str:
        return (
            f"{self.residents} former resident(s) anonymised, {self.photos} photo(s) purged, "
            f"{self.notices} notice(s) cleared, {self.proxies} proxy(ies) anonymised; "
            f"{self.parcels_kept} parcel(s) kept"
        )


def _sum(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


def purge_personal_data(
    db: Database, settings: Mapping[str, Any], now: datetime
) -> RetentionReport:
    """Anonymise residents moved out before the retention period and purge their parcels' photos."""
    days = int(settings.get("jobs.retention_days", 365))
    cutoff = local_date(now, property_tz(settings)) - timedelta(days=days)
    totals = {"residents": 0, "photos": 0, "notices": 0, "proxies": 0, "parcels_kept": 0}
    with db.uow() as uow:
        s = uow.session
        ids = list(
            s.scalars(
                select(Resident.id).where(
                    Resident.status == ResidentStatus.MOVED_OUT,
                    Resident.anonymised_at.is_(None),
                    Resident.move_out.is_not(None),
                    Resident.move_out < cutoff,
                )
            )
        )
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            parcel_ids = select(Parcel.id).where(
                or_(Parcel.resident_id.in_(chunk), Parcel.picked_up_by_resident_id.in_(chunk))
            )
            totals["photos"] += _sum(
                s.execute(
                    update(ParcelMedia)
                    .where(ParcelMedia.parcel_id.in_(parcel_ids), ParcelMedia.purged_at.is_(None))
                    .values(data=b"", purged_at=now)
                    .execution_options(synchronize_session=False)
                )
            )
            totals["parcels_kept"] += _sum(
                s.execute(
                    update(Parcel)
                    .where(Parcel.resident_id.in_(chunk))
                    .values(recipient_text="", version=Parcel.version + 1)
                    .execution_options(synchronize_session=False)
                )
            )
            s.execute(
                update(OutboxMessage)
                .where(
                    OutboxMessage.resident_id.in_(chunk),
                    OutboxMessage.status == OutboxStatus.PENDING,
                )
                .values(status=OutboxStatus.CANCELLED, last_error="resident data purged")
                .execution_options(synchronize_session=False)
            )
            # keep which parcels a notice was about (not personal), drop the rest
            notices = [
                {
                    "id": message_id,
                    "recipient": "",
                    "payload": {"parcel_codes": list((payload or {}).get("parcel_codes") or [])},
                }
                for message_id, payload in s.execute(
                    select(OutboxMessage.id, OutboxMessage.payload).where(
                        OutboxMessage.resident_id.in_(chunk)
                    )
                )
            ]
            if notices:
                s.execute(update(OutboxMessage), notices)
            totals["notices"] += len(notices)
            totals["proxies"] += _sum(
                s.execute(
                    update(Proxy)
                    .where(Proxy.resident_id.in_(chunk))
                    .values(name="Former proxy", phone=None, email=None)
                    .execution_options(synchronize_session=False)
                )
            )
            s.execute(
                delete(ResidentAlias)
                .where(ResidentAlias.resident_id.in_(chunk))
                .execution_options(synchronize_session=False)
            )
            s.execute(
                update(ExpectedParcel)
                .where(ExpectedParcel.resident_id.in_(chunk))
                .values(note="")
                .execution_options(synchronize_session=False)
            )
            totals["residents"] += _sum(
                s.execute(
                    update(Resident)
                    .where(Resident.id.in_(chunk))
                    .values(
                        first_name=FORMER_RESIDENT,
                        last_name="",
                        email=None,
                        mobile=None,
                        badge_id=None,
                        anonymised_at=now,
                        updated_at=now,
                    )
                    .execution_options(synchronize_session=False)
                )
            )
        if ids:
            eventlog.append(
                s,
                "retention.purged",
                eventlog.SYSTEM,
                at=now,
                data={"retention_days": days, **totals},
            )
        uow.commit()
    report = RetentionReport(**totals)
    if ids:
        log.info("retention: %s", report.summary())
    return report
