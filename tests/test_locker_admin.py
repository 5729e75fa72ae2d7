"""Finishing the locker bank: the CSV import on the command line, the audit over room and lockers
together, the lockers report in the catalogue, and the demo building's bank — over a real SQLite file."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.cli import build_parser, run_command
from kiosk.config import Settings
from kiosk.lockers_cli import register as register_lockers
from kiosk.persistence.models import DiscrepancyKind, SizeClass
from kiosk.persistence.uow import Database
from kiosk.reports.service import ReportService
from kiosk.services.audits import AuditService
from kiosk.services.credentials import CredentialService, load_hasher
from kiosk.services.demo import DEMO_LOCKERS, seed_demo
from kiosk.services.lockers import CompartmentState, LockerService
from kiosk.services.parcels import IntakeRequest, ParcelService
from tests.factories import make_building, ups_number
from tests.lockers_support import make_lockers, request

GOOD = """bank,board_url,compartment,size,board,channel
Lobby,sim:?channels=8,1,S,0,1
Lobby,,2,S,0,2
Lobby,,3,M,0,3
Lobby,,4,L,0,4
Mailroom,sim:?channels=4,A,XL,0,1
"""
BROKEN = """bank,board_url,compartment,size,board,channel
Lobby,sim:,1,S,0,1
Lobby,,2,huge,0,2
Lobby,,3,M,0,x
Lobby,,4,L,0,1
Lobby,,5,M,0,5
"""


# --------------------------------------------------------------------------- the command line


@pytest.fixture
def cli_db(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "cli.sqlite3"
    monkeypatch.setenv("PACKROOM_DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setenv("PACKROOM_DATA_DIR", str(tmp_path / "data"))
    return path


def run(*argv: str) -> int:
    return run_command(build_parser([register_lockers]), list(argv))


def test_cli_imports_a_good_file_and_lists_it(cli_db: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    banks = tmp_path / "banks.csv"
    banks.write_text(GOOD, encoding="utf-8")
    assert run("lockers", "import", str(banks), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "would add 5" in out and "nothing was written" in out
    assert run("lockers", "list") == 0
    assert "no locker banks are set up" in capsys.readouterr().out  # the dry run wrote nothing

    assert run("lockers", "import", str(banks)) == 0
    assert "added 5, updated 0, removed 0" in capsys.readouterr().out
    assert run("lockers", "list") == 0
    listing = capsys.readouterr().out
    assert "Lobby  sim:?channels=8  4 compartment(s): 4 free" in listing
    assert "Mailroom" in listing and "XL" in listing

    assert run("lockers", "import", str(banks)) == 0  # again: nothing changes
    assert "added 0, updated 0, removed 0" in capsys.readouterr().out


def test_cli_reports_every_broken_row_and_imports_nothing(cli_db: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.csv"
    broken.write_text(BROKEN, encoding="utf-8")
    assert run("lockers", "import", str(broken)) == 1
    out = capsys.readouterr().out
    assert "nothing was changed" in out
    assert "row 3, size: 'huge' is not a size" in out
    assert "row 4, channel: 'x' is not a whole number" in out
    assert "row 5, channel: board 0 channel 1 of Lobby is already used on row 2" in out
    assert run("lockers", "list") == 0
    assert "no locker banks are set up" in capsys.readouterr().out  # the good rows were not imported either

    assert run("lockers", "import", str(tmp_path / "missing.csv")) == 2
    assert "no such file" in capsys.readouterr().err


# --------------------------------------------------------------------------- the audit


def test_the_audit_walks_room_and_lockers_together(db: Database) -> None:
    lockers = make_lockers(db)
    building = lockers.building
    audits = AuditService(db, building.parcels, kiosk_id="test")
    earlier = datetime.now(UTC) - timedelta(hours=2)
    on_shelf = building.parcels.intake(
        IntakeRequest(ups_number(), resident_id=building.residents["101:Maria"], location_code="A1"),
        building.staff, now=earlier).parcel
    present = lockers.service.intake(request(lockers), building.staff, now=earlier)
    gone = lockers.service.intake(request(lockers, who="202:Wei", size=SizeClass.MEDIUM), building.staff,
                                  now=earlier)
    assert present.compartment is not None and gone.compartment is not None

    audit = audits.start(building.staff)
    progress = audits.progress(audit.id)
    assert progress.expected == 3  # the room's parcel and both locker parcels
    assert {c.code: c.state for c in progress.compartments} == {present.compartment.code: "to_check",
                                                                gone.compartment.code: "to_check"}
    assert all(not s.code.startswith("LK") for s in progress.shelves)  # compartments are listed apart

    audits.scan(audit.id, "A1", building.staff)
    assert audits.scan(audit.id, on_shelf.code, building.staff).kind == "expected"
    confirmed = audits.confirm_compartment(audit.id, present.compartment.id, True, building.staff)
    assert confirmed.kind == "expected" and present.parcel.code in confirmed.message
    empty = audits.confirm_compartment(audit.id, gone.compartment.id, False, building.staff)
    assert empty.kind == "missing" and "missing" in empty.message

    progress = audits.progress(audit.id)
    assert progress.found == 2
    assert {c.code: c.state for c in progress.compartments} == {present.compartment.code: "present",
                                                                gone.compartment.code: "not_found"}

    result = audits.reconcile(audit.id, building.staff)
    missing = [d for d in result.discrepancies if d.kind == DiscrepancyKind.MISSING]
    assert [(d.parcel_code, d.expected_shelf) for d in missing] == [(gone.parcel.code, gone.compartment.code)]
    assert not any(d.parcel_code in (on_shelf.code, present.parcel.code) for d in result.discrepancies)


def test_a_compartment_said_empty_after_present_takes_the_finding_back(db: Database) -> None:
    lockers = make_lockers(db)
    building = lockers.building
    audits = AuditService(db, building.parcels, kiosk_id="test")
    stored = lockers.service.intake(request(lockers), building.staff,
                                    now=datetime.now(UTC) - timedelta(hours=1))
    assert stored.compartment is not None
    audit = audits.start(building.staff)
    # Scanning the compartment's code, then the parcel's label, counts it as found there.
    audits.scan(audit.id, stored.compartment.code, building.staff)
    assert audits.scan(audit.id, stored.parcel.code, building.staff).kind == "expected"
    assert audits.progress(audit.id).compartments[0].state == "present"
    audits.confirm_compartment(audit.id, stored.compartment.id, False, building.staff)  # a second look: empty
    assert audits.progress(audit.id).compartments[0].state == "not_found"
    kinds = [d.kind for d in audits.reconcile(audit.id, building.staff).discrepancies]
    assert kinds == [DiscrepancyKind.MISSING]


# --------------------------------------------------------------------------- the report and the demo


def test_the_lockers_report_is_in_the_catalogue_with_sizes_and_exports(db: Database, settings: Settings,
                                                                       tmp_path: Path) -> None:
    lockers = make_lockers(db)
    building = lockers.building
    now = datetime.now(UTC)
    for _ in range(3):  # three small compartments: the third small parcel still fits one
        lockers.service.intake(request(lockers), building.staff, now=now - timedelta(hours=5))
    service = ReportService(db, settings)
    assert ("lockers", "Lockers") in service.catalogue()
    today = now.astimezone(service.tz).date()
    report = service.build("lockers", today - timedelta(days=1), today, now)
    sizes = {row[0]: row for row in report.table("sizes").rows}
    small = sizes["S (small)"]
    assert small[1] == 3 and small[2] == 3  # compartments, parcels put in them
    assert 0 < float(small[3] or 0) <= 100  # utilisation %
    assert report.metric("more_needed") == "none"
    assert service.export_csv(report, tmp_path / "csv")
    assert service.export_xlsx([report], tmp_path / "lockers.xlsx").stat().st_size > 0
    assert service.export_pdf([report], tmp_path / "lockers.pdf").stat().st_size > 0


def test_the_report_says_so_when_no_bank_exists(db: Database, settings: Settings) -> None:
    make_building(db)
    report = ReportService(db, settings).build("lockers", date(2026, 11, 1), date(2026, 11, 7))
    assert report.table("sizes").rows == ()
    assert "No locker banks are set up." in report.notes


def test_the_demo_building_has_a_simulated_bank_with_parcels_in_it(db: Database) -> None:
    summary = seed_demo(db, parcels=6)
    assert summary.parcels == 6 and summary.in_lockers == 3
    assert "6 waiting parcels (and 3 in lockers)" in str(summary)
    service = LockerService(db, ParcelService(db, CredentialService(db, load_hasher(db))))
    (bank,) = service.banks()
    assert (bank.name, bank.board_url) == DEMO_LOCKERS[:2]
    assert bank.board_url.startswith("sim:")
    sizes = {c.size for c in bank.compartments}
    assert sizes == {SizeClass.SMALL, SizeClass.MEDIUM, SizeClass.LARGE}
    occupied = [c for c in bank.compartments if c.state == CompartmentState.OCCUPIED]
    assert len(occupied) == 3 and "512" in {c.unit for c in occupied}
