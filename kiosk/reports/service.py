"""The report catalogue and the service the staff screen, the CLI and the jobs call."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from kiosk.notifications.policy import property_tz
from kiosk.persistence.uow import Database
from kiosk.reports.activity import build_activity, build_carriers
from kiosk.reports.lockers import build_lockers
from kiosk.reports.model import Period, Report
from kiosk.reports.people import build_doors, build_staff
from kiosk.reports.room import build_aging, build_audits

Builder = Callable[[Session, Period, datetime], Report]

#: key → (title, builder), in the order screens and the PDF list them.
CATALOGUE: dict[str, tuple[str, Builder]] = {
    "audit": ("Audits", build_audits),
    "aging": ("Unclaimed parcels by age", build_aging),
    "activity": ("Parcel activity", build_activity),
    "staff": ("Staff activity", build_staff),
    "doors": ("Door and credential events", build_doors),
    "carriers": ("Carrier drop-offs", build_carriers),
    "lockers": ("Lockers", build_lockers),
}


class ReportError(ValueError):
    """A report request was refused (unknown report, bad dates); the message says why."""


class ReportService:
    """Builds reports from the database and writes them as PDF, CSV and XLSX."""

    def __init__(self, db: Database, settings: Mapping[str, Any]) -> None:
        self._db = db
        self._settings = settings
        self.tz = property_tz(settings)
        self.property_name = str(settings.get("property.name", "") or "")
        self.return_after_days = int(settings.get("jobs.return_after_days", 15) or 15)

    @staticmethod
    def catalogue() -> list[tuple[str, str]]:
        return [(key, title) for key, (title, _) in CATALOGUE.items()]

    def period(self, start: date, end: date) -> Period:
        try:
            return Period(start, end, self.tz)
        except ValueError as exc:
            raise ReportError(str(exc)) from None

    def build(self, key: str, start: date, end: date, now: datetime | None = None) -> Report:
        if key not in CATALOGUE:
            raise ReportError(f"unknown report {key!r}; known: {', '.join(CATALOGUE)}")
        return self.build_many([key], start, end, now)[0]

    def build_many(self, keys: Sequence[str], start: date, end: date, now: datetime | None = None) -> list[Report]:
        period = self.period(start, end)
        now = now or datetime.now(UTC)
        with self._db.reader() as uow:
            reports = []
            for key in keys:
                if key not in CATALOGUE:
                    raise ReportError(f"unknown report {key!r}; known: {', '.join(CATALOGUE)}")
                if key == "aging":
                    reports.append(build_aging(uow.session, period, now, self.return_after_days))
                else:
                    reports.append(CATALOGUE[key][1](uow.session, period, now))
            return reports

    def build_all(self, start: date, end: date, now: datetime | None = None) -> list[Report]:
        return self.build_many(list(CATALOGUE), start, end, now)

    # ------------------------------------------------------------------ exports

    def export_pdf(self, reports: Sequence[Report], path: Path,
                   images: dict[tuple[str, str], bytes] | None = None) -> Path:
        from kiosk.reports.pdf import write_pdf  # reportlab and matplotlib are slow to import: only now

        path.parent.mkdir(parents=True, exist_ok=True)
        return write_pdf(reports, path, self.property_name, images)

    @staticmethod
    def export_csv(report: Report, folder: Path) -> list[Path]:
        from kiosk.reports.tabular import write_csv

        return write_csv(report, folder)

    @staticmethod
    def export_xlsx(reports: Sequence[Report], path: Path,
                    images: Mapping[tuple[str, str], bytes] | None = None) -> Path:
        from kiosk.reports.tabular import write_xlsx

        path.parent.mkdir(parents=True, exist_ok=True)
        return write_xlsx(reports, path, images)

    @staticmethod
    def chart_png(report: Report, chart_key: str, dpi: int = 100) -> bytes:
        """One chart as a PNG image, for screens."""
        from kiosk.reports.charts import render_png

        return render_png(report.chart(chart_key), dpi=dpi)
