"""The weekly report: last week's reports as one PDF in the reports folder, and a note to the manager.

Covers the seven local days before ``now``'s day (Monday–Sunday when run on a Monday). The PDF
(``packroom-week-FROM-TO.pdf``) goes to ``reports.folder`` (a USB stick or network share; empty =
``reports`` in the data directory). If ``notifications.manager_email`` is set, one ``digest``
e-mail is queued (key ``weekly_report:{FROM}``, so a re-run queues nothing new) with the week's
figures and where the PDF was saved. A folder that cannot be written is an error for the job log.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from kiosk.jobs.common import notice_row, queue_notices
from kiosk.notifications.policy import local_date, property_tz, setting
from kiosk.persistence.models import Channel
from kiosk.persistence.uow import Database
from kiosk.reports.service import ReportService

log = logging.getLogger(__name__)

FOLDER_KEY = "reports.folder"
WEEKLY_REPORTS = ("audit", "aging", "activity", "staff", "doors", "carriers")


@dataclass(frozen=True)
class WeeklyReport:
    start: date
    end: date
    path: Path
    queued: bool

    def summary(self) -> str:
        mail = ", e-mail queued" if self.queued else ""
        return f"weekly report {self.start}–{self.end} saved to {self.path}{mail}"


def reports_folder(settings: Mapping[str, Any]) -> Path:
    configured = str(settings.get(FOLDER_KEY, "") or "")
    if configured:
        return Path(configured).expanduser()
    data_dir = getattr(settings, "data_dir", None)
    return Path(data_dir) / "reports" if data_dir is not None else Path("reports")


def weekly_report(db: Database, settings: Mapping[str, Any], now: datetime) -> WeeklyReport:
    """Write last week's PDF and queue the manager's e-mail (once per week)."""
    end = local_date(now, property_tz(settings)) - timedelta(days=1)
    start = end - timedelta(days=6)
    service = ReportService(db, settings)
    reports = service.build_many(WEEKLY_REPORTS, start, end, now)
    folder = reports_folder(settings)
    folder.mkdir(parents=True, exist_ok=True)
    path = service.export_pdf(reports, folder / f"packroom-week-{start.isoformat()}-{end.isoformat()}.pdf")
    recipient = str(setting(settings, "notifications.manager_email") or "").strip()
    queued = False
    if recipient:
        by_key = {r.key: r for r in reports}
        activity, audits, aging = by_key["activity"], by_key["audit"], by_key["aging"]
        details = "\n".join([
            f"Weekly report {start.isoformat()} – {end.isoformat()}",
            f"Parcels received: {activity.metric('received')}",
            f"Parcels picked up: {activity.metric('picked_up')}",
            f"Dwell time, median: {activity.metrics[2].text()}; 90th percentile: {activity.metrics[3].text()}",
            f"Unclaimed rate: {activity.metrics[5].text()}",
            f"Audits: {audits.metric('audits')} ({audits.metric('signed_off')} signed off, "
            f"{audits.metric('open')} discrepancies open)",
            f"Return to sender now: {aging.metric('return_to_sender')}",
            f"PDF saved to: {path}",
        ])
        language = str(setting(settings, "notifications.digest_language") or "en")
        with db.uow() as uow:
            queued = bool(queue_notices(uow.session, [notice_row(
                f"weekly_report:{start.isoformat()}", "digest", Channel.EMAIL, recipient, resident_id=None,
                language=language, payload={"details": details, "report_date": end.isoformat(),
                                            "report_path": str(path)}, now=now)]))
            uow.commit()
    result = WeeklyReport(start, end, path, queued)
    log.info("%s", result.summary())
    return result
