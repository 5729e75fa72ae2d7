"""Every report's figures against hand-computed values on a small week; PDF, CSV and XLSX as a reader sees them."""

from __future__ import annotations

import csv
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image

from kiosk import eventlog
from kiosk.config import Settings
from kiosk.eventlog import Actor
from kiosk.persistence.models import ParcelStatus
from kiosk.persistence.uow import Database
from kiosk.reports import ReportService
from kiosk.reports.model import percentile
from kiosk.services.audits import AuditService
from kiosk.services.parcels import IntakeRequest
from kiosk.services.staff import SignInRejected, StaffService
from tests.factories import Building, fedex_number, make_building, ups_number, usps_number

START, END = date(2026, 3, 2), date(2026, 3, 8)
NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


@dataclass
class Week:
    building: Building
    service: ReportService
    ids: dict[str, int]


def seed_week(db: Database, settings: Settings) -> Week:
    """The week of 2–8 March 2026 (UTC); the comments give what each parcel adds to the figures."""
    b = make_building(db)
    maria = b.residents["101:Maria"]
    ids: dict[str, int] = {}

    def intake(name: str, number: str, when: datetime) -> None:
        ids[name] = b.parcels.intake(IntakeRequest(number, resident_id=maria), b.staff, now=when).parcel.id

    intake("p1", ups_number(), at(2, 9, 10))  # picked up after 10 h
    intake("p2", ups_number(), at(2, 9, 20))  # same UPS drop-off as p1; picked up after 48 h
    intake("p3", fedex_number(), at(3, 14))  # picked up after 2 h
    intake("p4", usps_number(), at(5, 11))  # still waiting
    intake("p5", usps_number(), at(6, 11, 5))  # returned to sender on the 8th
    intake("p6", ups_number(), at(1, 23))  # received before the week, picked up in it after 9 h
    intake("p7", fedex_number(), at(7, 10))  # voided: counts nowhere
    intake("p8", ups_number(), at(8, 20))  # picked up after the week
    intake("p9", usps_number(), at(10, 12, month=2))  # waiting since February
    for name, when in [("p1", at(2, 19, 10)), ("p2", at(4, 9, 20)), ("p3", at(3, 16)), ("p6", at(2, 8)),
                       ("p8", at(9, 10))]:
        b.parcels.release(ids[name], b.staff, now=when)
    b.parcels.close(ids["p5"], ParcelStatus.RETURNED, b.staff, "unclaimed", now=at(8, 10))
    b.parcels.void(ids["p7"], b.staff)
    staff = StaffService(db)
    staff.sign_in_pin("1111", "keypad:test", now=at(3, 8))
    with pytest.raises(SignInRejected):
        staff.sign_in_pin("9999", "keypad:test", now=at(3, 8, 1))
    resident = Actor.system("keypad:test")
    with db.uow() as uow:
        for kind, when in [("door.unlocked", at(2, 18)), ("door.unlocked", at(3, 17)),
                           ("credential.rejected", at(3, 12)), ("credential.rejected", at(3, 12, 1)),
                           ("credential.rejected", at(3, 12, 2)), ("credential.keypad_locked", at(3, 12, 2)),
                           ("door.forced_open", at(4, 2)), ("door.unlocked", at(10, 9))]:
            eventlog.append(uow.session, kind, resident, at=when, data={"scope": "keypad:test"})
        uow.commit()
    audits = AuditService(db, b.parcels)
    audit = audits.start(b.staff, now=at(7, 10))
    audits.scan(audit.id, "A1", b.staff, now=at(7, 10, 5))
    result = audits.reconcile(audit.id, b.staff, now=at(7, 10, 30), today=date(2026, 3, 7))
    audits.resolve(result.discrepancies[0].id, "marked_lost", "not in the room", b.staff, now=at(7, 11))
    return Week(b, ReportService(db, settings), ids)


@pytest.fixture
def week(db: Database, settings: Settings) -> Week:
    return seed_week(db, settings.replace(property__timezone="UTC"))


def test_percentile_interpolates_between_order_statistics() -> None:
    assert percentile([2, 9, 10, 48], 0.5) == 9.5
    assert percentile([2, 9, 10, 48], 0.9) == pytest.approx(36.6)
    assert percentile([], 0.5) is None


def test_activity_figures(week: Week) -> None:
    report = week.service.build("activity", START, END, NOW)
    assert report.metric("received") == 6  # p1 p2 p3 p4 p5 p8
    assert report.metric("picked_up") == 4  # p1 p2 p3 p6
    assert report.metric("dwell_median_hours") == 9.5  # 2, 9, 10, 48 h
    assert report.metric("dwell_p90_hours") == pytest.approx(36.6)
    assert report.metric("unclaimed") == 3  # p4 waiting, p5 returned, p8 picked up after the week
    assert report.metric("unclaimed_rate") == 0.5
    by_day = {row[0]: (row[1], row[2]) for row in report.table("by_day").rows}
    assert by_day == {"2026-03-02": (2, 2), "2026-03-03": (1, 1), "2026-03-04": (0, 1), "2026-03-05": (1, 0),
                      "2026-03-06": (1, 0), "2026-03-07": (0, 0), "2026-03-08": (1, 0)}
    by_hour = {row[0]: (row[1], row[2]) for row in report.table("by_hour").rows if row[1] or row[2]}
    assert by_hour == {"08:00": (0, 1), "09:00": (2, 1), "11:00": (2, 0), "14:00": (1, 0), "16:00": (0, 1),
                       "19:00": (0, 1), "20:00": (1, 0)}
    mix = {row[0]: row[1] for row in report.table("carriers").rows}
    assert mix == {"ups": 3, "usps": 2, "fedex": 1}
    dwell = dict((row[0], row[1]) for row in report.table("dwell").rows)
    assert dwell["< 4 h"] == 1 and dwell["4–24 h"] == 2 and dwell["1–2 d"] == 0 and dwell["2–4 d"] == 1


def test_carrier_drop_offs(week: Week) -> None:
    report = week.service.build("carriers", START, END, NOW)
    rows = {row[0]: row[1:] for row in report.table("carriers").rows}
    assert rows["ups"][:2] == (2, 3)  # p1+p2 one visit, p8 another
    assert rows["usps"][:2] == (2, 2)
    assert rows["fedex"][:2] == (1, 1)
    assert report.metric("drop_offs") == 5 and report.metric("parcels") == 6


def test_unclaimed_aging_at_the_end_of_the_period(week: Week) -> None:
    report = week.service.build("aging", START, END, NOW)
    assert report.metric("waiting") == 3  # p4, p8 (picked up the next morning), p9
    groups = dict(report.table("groups").rows)
    assert groups == {"0–3 days": 1, "3–7 days": 1, "7–15 days": 0, "15+ days": 1}
    returns = report.table("return_to_sender")
    assert [row[7] for row in returns.rows] == [26]  # p9: 10 Feb 12:00 → 9 Mar 00:00
    assert report.metric("return_to_sender") == 1


def test_staff_activity(week: Week) -> None:
    report = week.service.build("staff", START, END, NOW)
    [row] = report.table("staff").rows
    assert row == ("Sam Staff", 6, 4, 1, 1, 0, 1)  # logged, released, returned, sign-ins, scans, resolved


def test_door_and_credential_events(week: Week) -> None:
    report = week.service.build("doors", START, END, NOW)
    assert report.metric("door_openings") == 2  # the one on the 10th is outside
    assert report.metric("failed_codes") == 3
    assert report.metric("keypad_lockouts") == 1
    assert report.metric("alarms") == 1
    assert report.metric("pin_failures") == 1
    by_day = {row[0]: row[1:] for row in report.table("by_day").rows}
    assert by_day["2026-03-03"] == (1, 3, 1, 0) and by_day["2026-03-04"] == (0, 0, 0, 1)
    assert [row[2] for row in report.table("alarms").rows] == ["credential.keypad_locked", "door.forced_open"]


def test_audit_report(week: Week) -> None:
    report = week.service.build("audit", START, END, NOW)
    assert report.metric("audits") == 1
    assert report.metric("discrepancies") == 2  # p4 and p9 were waiting and not scanned
    assert report.metric("kind_missing") == 2
    assert report.metric("open") == 1 and report.metric("signed_off") == 0
    resolutions = sorted(str(row[8]) for row in report.table("discrepancies").rows)
    assert resolutions == ["OPEN", "marked_lost"]


def test_exports_as_a_reader_sees_them(week: Week, tmp_path: Path) -> None:
    reports = week.service.build_all(START, END, NOW)
    pdf = week.service.export_pdf(reports, tmp_path / "week.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "page")], check=True, timeout=120)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= len(reports)
    for page in pages:
        with Image.open(page) as image:
            gray = image.convert("L")
            dark = sum(gray.histogram()[:200])  # pixels with ink on them
            assert dark > 0.002 * gray.width * gray.height, f"{page.name} is blank"

    activity = next(r for r in reports if r.key == "activity")
    files = week.service.export_csv(activity, tmp_path / "csv")
    by_day = next(f for f in files if f.name.endswith("-by_day.csv"))
    with by_day.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["day", "in", "out"] and rows[1] == ["2026-03-02", "2", "2"]
    summary = next(f for f in files if f.name.endswith("-summary.csv"))
    assert "Unclaimed rate,0.5,%" in summary.read_text(encoding="utf-8-sig")

    xlsx = week.service.export_xlsx(reports, tmp_path / "week.xlsx")
    book = load_workbook(xlsx)
    assert "activity by_day" in book.sheetnames and "activity charts" in book.sheetnames
    sheet = book["activity summary"]
    values = {row[0]: row[1] for row in sheet.iter_rows(min_row=3, values_only=True) if row and row[0]}
    assert values["Parcels received"] == 6 and values["Dwell time, median"] == 9.5
    assert len(book["activity charts"]._images) == 4  # openpyxl keeps a sheet's images there


def test_a_report_with_nothing_in_it_still_renders(db: Database, settings: Settings, tmp_path: Path) -> None:
    make_building(db)
    service = ReportService(db, settings)
    reports = service.build_all(START, END, NOW)
    assert all(r.metric(r.metrics[0].key) in (0, "—") for r in reports if r.key != "aging")
    assert service.export_pdf(reports, tmp_path / "empty.pdf").stat().st_size > 1000


@pytest.mark.postgres
def test_the_same_figures_and_a_verified_bundle_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    from kiosk.persistence.database import create_db_engine
    from kiosk.persistence.migrate import upgrade
    from kiosk.reports.bundle import export_bundle, verify_bundle

    engine = create_db_engine(pg_url)
    upgrade(engine)
    db = Database(engine)
    try:
        settings = Settings({"paths.data_dir": str(tmp_path / "data"), "database.url": pg_url,
                             "property.timezone": "UTC"})
        week = seed_week(db, settings)
        activity = week.service.build("activity", START, END, NOW)
        assert (activity.metric("received"), activity.metric("picked_up"), activity.metric("dwell_median_hours"),
                activity.metric("unclaimed_rate")) == (6, 4, 9.5, 0.5)
        assert week.service.build("audit", START, END, NOW).metric("kind_missing") == 2
        info = export_bundle(db, settings, START, END, tmp_path / "pg.zip", now=NOW)
        assert verify_bundle(info.path).ok
    finally:
        db.dispose()
