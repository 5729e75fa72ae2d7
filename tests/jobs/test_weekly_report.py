"""The weekly report job: last week's PDF in the reports folder, the manager's e-mail queued once."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select

from kiosk.config import Settings
from kiosk.jobs.weekly_report import reports_folder, weekly_report
from kiosk.persistence.models import OutboxMessage
from kiosk.persistence.uow import Database
from kiosk.services.parcels import IntakeRequest
from tests.factories import make_building, ups_number

MONDAY = datetime(2026, 3, 9, 6, 0, tzinfo=UTC)


def test_weekly_pdf_and_one_e_mail(db: Database, settings: Settings, tmp_path: Path) -> None:
    b = make_building(db)
    for day in (2, 4, 8):
        b.parcels.intake(IntakeRequest(ups_number(), resident_id=b.residents["101:Maria"]), b.staff,
                         now=datetime(2026, 3, day, 10, tzinfo=UTC))
    values = {**settings.replace(property__timezone="UTC", notifications__manager_email="boss@example.com"),
              "reports.folder": str(tmp_path / "usb")}
    result = weekly_report(db, values, MONDAY)
    assert (result.start, result.end) == (date(2026, 3, 2), date(2026, 3, 8))
    assert result.path == tmp_path / "usb" / "packroom-week-2026-03-02-2026-03-08.pdf"
    assert result.path.read_bytes().startswith(b"%PDF") and result.queued
    with db.reader() as uow:
        [mail] = uow.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "digest")).all()
        assert mail.recipient == "boss@example.com" and mail.idempotency_key == "weekly_report:2026-03-02"
        assert "Parcels received: 3" in mail.payload["details"] and str(result.path) in mail.payload["details"]
    again = weekly_report(db, values, MONDAY)
    assert not again.queued and again.path.is_file()


def test_no_manager_address_means_no_e_mail_and_the_data_folder(db: Database, settings: Settings) -> None:
    make_building(db)
    result = weekly_report(db, settings, MONDAY)
    assert not result.queued
    assert result.path.parent == reports_folder(settings) == settings.data_dir / "reports"
    with db.reader() as uow:
        assert uow.session.scalars(select(OutboxMessage)).all() == []
