"""Rent-roll import: presets, validation with spreadsheet row numbers, all-or-nothing writes,
dry runs, move-outs with their waiting parcels, the event log and the ``packroom residents``
command — against a real migrated SQLite file, with the sample exports in tests/data/rentroll."""

from __future__ import annotations

import codecs
import csv
import io
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from kiosk import eventlog
from kiosk.cli import build_parser, run_command
from kiosk.persistence.models import (
    Event,
    Parcel,
    ParcelStatus,
    Property,
    Resident,
    ResidentAlias,
    ResidentStatus,
    Unit,
    tail_key,
)
from kiosk.persistence.uow import Database
from kiosk.residents import csvfile, values
from kiosk.residents.importer import ATTENTION_MOVED_OUT, ImportReport, import_residents
from kiosk.residents.presets import (
    PRESETS,
    RentRollError,
    UnknownPreset,
    detect_preset,
    get_preset,
    normalise_header,
)
from kiosk.residents.values import RowStatus

DATA = Path(__file__).parent / "data" / "rentroll"
TODAY = date(2025, 3, 1)
NEXT_MONTH = date(2025, 4, 5)


# --------------------------------------------------------------------------- helpers


def residents(db: Database) -> dict[str, dict[str, Any]]:
    """Every resident by full name, as plain values."""
    with db.reader() as uow:
        rows = uow.session.execute(
            select(Resident, Unit.number, Unit.building).join(Unit, Resident.unit_id == Unit.id)
        ).all()
        return {
            r.full_name: {"id": r.id, "first": r.first_name, "last": r.last_name, "unit": number,
                          "building": building, "email": r.email, "mobile": r.mobile,
                          "language": r.language, "status": r.status, "move_in": r.move_in,
                          "move_out": r.move_out, "external_id": r.external_id, "badge": r.badge_id}
            for r, number, building in rows
        }


def snapshot(db: Database) -> tuple[Any, ...]:
    """Everything an import may touch, to prove a refused import or a dry run wrote nothing."""
    with db.reader() as uow:
        s = uow.session
        return (
            sorted(tuple(row) for row in s.execute(select(
                Resident.id, Resident.unit_id, Resident.first_name, Resident.last_name,
                Resident.email, Resident.mobile, Resident.status, Resident.move_in,
                Resident.move_out, Resident.badge_id, Resident.external_id))),
            sorted(tuple(row) for row in s.execute(select(Unit.id, Unit.building, Unit.number))),
            sorted(tuple(row) for row in s.execute(select(Parcel.id, Parcel.needs_attention,
                                                          Parcel.attention_reason))),
            s.scalar(select(func.count()).select_from(Property)),
            s.scalar(select(func.count()).select_from(ResidentAlias)),
            s.scalar(select(func.count()).select_from(Event)),
        )


def import_events(db: Database) -> list[dict[str, Any]]:
    with db.reader() as uow:
        return [e.data for e in uow.session.scalars(
            select(Event).where(Event.kind == "residents.imported").order_by(Event.seq))]


def add_parcel(db: Database, resident_id: int, status: ParcelStatus, code: str) -> int:
    with db.uow() as uow:
        unit_id = uow.session.get(Resident, resident_id).unit_id  # type: ignore[union-attr]
        parcel = Parcel(code=code, tracking_number=f"1Z999AA1{code}", tracking_tail=tail_key(code),
                        received_at=datetime.now(UTC), status=status, resident_id=resident_id,
                        unit_id=unit_id)
        uow.session.add(parcel)
        uow.session.flush()
        parcel_id = parcel.id
        uow.commit()
    return parcel_id


def preview(report: ImportReport) -> tuple[Any, ...]:
    return (report.preset, report.property_name, report.rows, report.added, report.updated,
            report.unchanged, report.moved_out, report.skipped, report.errors, report.warnings)


# --------------------------------------------------------------------------- each preset


@pytest.mark.parametrize(("file", "preset", "added", "skipped"), [
    ("appfolio.csv", "appfolio", 20, 2),  # a vacant unit and a past tenant
    ("yardi.csv", "yardi", 20, 2),
    ("realpage.csv", "realpage", 20, 2),  # an applicant and a former resident
    ("entrata.csv", "entrata", 19, 1),
    ("generic.csv", "generic", 20, 0),
])
@pytest.mark.parametrize("named", [False, True], ids=["detected", "named"])
def test_each_preset_imports(db: Database, file: str, preset: str, added: int, skipped: int,
                             named: bool) -> None:
    report = import_residents(db, DATA / file, preset=preset if named else None, today=TODAY)
    assert report.errors == ()
    assert report.preset == preset
    assert (len(report.added), report.skipped, report.committed) == (added, skipped, True)
    assert len(residents(db)) == added
    assert import_events(db)[-1]["added"] == added


def test_appfolio_values_are_normalised(db: Database) -> None:
    import_residents(db, DATA / "appfolio.csv", today=TODAY)
    people = residents(db)
    maria = people["Maria Garcia"]
    assert (maria["first"], maria["last"], maria["unit"]) == ("Maria", "Garcia", "101")
    assert maria["mobile"] == "+12125550101" and maria["email"] == "maria.garcia@example.com"
    assert maria["move_in"] == date(2022, 6, 1) and maria["external_id"] == "1001"
    assert people["Wei Chen"]["mobile"] == "+12125550103"  # "212.555.0103"
    assert people["Aisha Khan"]["mobile"] == "+12125550105"  # "+1 212 555 0105"
    assert people["Sofia de la Cruz"]["last"] == "de la Cruz"
    assert people["Lucía Fernández"]["first"] == "Lucía"  # "Fernández, Lucía", accents kept
    assert people["Omar Haddad"]["status"] == ResidentStatus.FUTURE
    liam = people["Liam Nguyen"]  # on notice: still here, leaving later
    assert (liam["status"], liam["move_out"]) == (ResidentStatus.ACTIVE, date(2025, 4, 30))
    assert "Marco Rossi" not in people  # a past tenant Packroom never knew is not added
    with db.reader() as uow:
        assert uow.session.scalar(select(Property.name)) == "Harbor View Apartments"
        assert uow.session.scalar(select(func.count()).select_from(Unit)) == 19  # not 401: vacant


def test_yardi_codes_fallback_phone_and_statuses(db: Database) -> None:
    report = import_residents(db, DATA / "yardi.csv", today=TODAY)
    assert report.ok
    people = residents(db)
    assert people["Diego Ramirez"]["external_id"] == "t0001101"
    assert people["Diego Ramirez"]["move_in"] == date(2022, 3, 1)  # "03/01/22"
    assert people["Ethan Patel"]["mobile"] == "+14155550133"  # no cell phone: home phone used
    assert people["Samuel Wilson"]["status"] == ResidentStatus.ACTIVE  # eviction under way
    assert people["Carlos Lopez"]["move_out"] == date(2025, 4, 15)
    assert people["Yuki Tanaka"]["status"] == ResidentStatus.FUTURE
    assert "Marcus Davis" not in people


def test_realpage_title_lines_and_combined_building_unit(db: Database) -> None:
    report = import_residents(db, DATA / "realpage.csv", today=TODAY)
    assert report.added[0].row == 5  # two title lines and a blank line above the header
    people = residents(db)
    assert (people["Ruth Adams"]["building"], people["Ruth Adams"]["unit"]) == ("01", "0101")
    assert people["Nina Clark"]["status"] == ResidentStatus.ACTIVE  # Occupied-NTV
    assert "Elena Reyes" not in people and "Kate Underwood" not in people


def test_generic_bom_buildings_languages_badges(db: Database) -> None:
    assert (DATA / "generic.csv").read_bytes().startswith(codecs.BOM_UTF8)
    report = import_residents(db, DATA / "generic.csv", today=TODAY)
    assert report.ok and report.preset == "generic"
    people = residents(db)
    jose = people["José Álvarez"]
    assert (jose["building"], jose["unit"], jose["language"]) == ("A", "101", "es")
    assert jose["badge"] == "FOB-0001"
    assert people["Ingrid Larsen"]["building"] == "B"  # unit 101 again, in building B
    assert people["Carmen Ruiz"]["language"] == "es"  # "Spanish"
    assert people["Tomás Ruiz"]["language"] == "es"  # "es_MX"
    assert people["Nadia Haddad"]["status"] == ResidentStatus.FUTURE
    assert people["Victor Costa"]["status"] == ResidentStatus.ACTIVE  # notice, leaving in June


# --------------------------------------------------------------------------- detection and presets


@pytest.mark.parametrize(("headers", "expected"), [
    ("Property,Unit,Tenant,Tenant Phone Number,Tenant Email,Move In Date,Move Out Date,"
     "Tenant Status", "appfolio"),
    ("Unit,Resident Code,Last Name,First Name,Email,Cell Phone,Move In,Move Out,Status", "yardi"),
    ("Unit,Tenant Code,Name,Phone,Move In,Move Out,Status", "yardi"),
    ("Bldg/Unit,Res ID,Resident,Lease Status,Move-In,Move-Out,Email,Phone", "realpage"),
    ("Property Name,Bldg-Unit,Customer ID,Name Last,Name First,Lease Status,Mobile Number",
     "entrata"),
    ("unit,building,first_name,last_name,email,mobile,language,move_in,move_out,status,badge_id,"
     "external_id", "generic"),
    ("UNIT , FIRST-NAME, Last Name ,E-Mail", "generic"),
])
def test_detect_preset(headers: str, expected: str) -> None:
    assert detect_preset(headers.split(",")).name == expected


def test_header_matching_ignores_case_space_and_punctuation() -> None:
    assert normalise_header(" Move-In  DATE ") == normalise_header("move_in_date") == "moveindate"
    mapped = PRESETS["appfolio"].match(["UNIT", "tenant", "TENANT_EMAIL", "move in date"])
    assert set(mapped.columns) == {"unit", "name", "email", "move_in"}


def test_unknown_layout_says_what_is_needed() -> None:
    with pytest.raises(RentRollError, match="unit column and a name column"):
        detect_preset(["Charge Code", "Amount", "Balance"])


def test_unknown_preset_lists_the_valid_ones(db: Database) -> None:
    with pytest.raises(UnknownPreset) as caught:
        import_residents(db, DATA / "appfolio.csv", preset="buildium")
    for name in ("appfolio", "entrata", "generic", "realpage", "yardi"):
        assert name in str(caught.value)
    assert get_preset(" AppFolio ").name == "appfolio"


def test_named_preset_that_does_not_fit_the_file(db: Database) -> None:
    with pytest.raises(RentRollError, match="preset realpage: the file has no a unit column"):
        import_residents(db, io.StringIO("Apartment Nr,Tenant\n1,A B\n"), preset="realpage")


# --------------------------------------------------------------------------- all-or-nothing


def test_broken_file_lists_every_error_and_writes_nothing(db: Database) -> None:
    import_residents(db, DATA / "appfolio.csv", today=TODAY)
    before = snapshot(db)
    report = import_residents(db, DATA / "broken.csv", today=TODAY, full_roster=False)
    assert not report.committed and not report.ok
    assert [(e.row, e.column) for e in report.errors] == [
        (3, "email"), (4, "mobile"), (5, "unit"), (6, "move_in"), (7, "last_name")]
    messages = [e.message for e in report.errors]
    assert "'ben.carter@example' is not an e-mail address" in messages[0]
    assert "not a valid phone number" in messages[1]
    assert messages[2] == "the unit is missing"
    assert "'2023-13-45' is not a date" in messages[3]
    assert messages[4].startswith("duplicate of row 2")
    assert snapshot(db) == before
    assert "nothing was written" in report.summary() and "row 3, email:" in report.summary()


def test_dry_run_writes_nothing_and_previews_exactly(db: Database) -> None:
    import_residents(db, DATA / "appfolio.csv", today=TODAY)
    before = snapshot(db)
    dry = import_residents(db, DATA / "appfolio_next.csv", today=NEXT_MONTH, dry_run=True)
    assert snapshot(db) == before
    assert (dry.dry_run, dry.committed) == (True, False)
    real = import_residents(db, DATA / "appfolio_next.csv", today=NEXT_MONTH)
    assert real.committed and preview(real) == preview(dry)
    assert "dry run: nothing was written" in dry.summary()


def test_dry_run_on_an_empty_database_creates_nothing(db: Database) -> None:
    before = snapshot(db)
    report = import_residents(db, DATA / "generic.csv", today=TODAY, dry_run=True)
    assert len(report.added) == 20 and snapshot(db) == before


# --------------------------------------------------------------------------- move-outs


def test_next_month_moves_out_and_flags_waiting_parcels(db: Database) -> None:
    import_residents(db, DATA / "appfolio.csv", today=TODAY)
    people = residents(db)
    ava, liam = people["Ava Williams"]["id"], people["Liam Nguyen"]["id"]
    maria = people["Maria Garcia"]["id"]
    waiting = [add_parcel(db, ava, ParcelStatus.RECEIVED, "P0000001"),
               add_parcel(db, ava, ParcelStatus.NOTIFIED, "P0000002"),
               add_parcel(db, liam, ParcelStatus.RECEIVED, "P0000003")]
    collected = add_parcel(db, ava, ParcelStatus.PICKED_UP, "P0000004")
    untouched = add_parcel(db, maria, ParcelStatus.RECEIVED, "P0000005")

    report = import_residents(db, DATA / "appfolio_next.csv", today=NEXT_MONTH)

    assert report.committed
    assert [(a.name, a.unit) for a in report.added] == [("Camila Diaz", "206")]
    assert [(u.name, u.fields) for u in report.updated] == [("Wei Chen", ("email",)),
                                                            ("Omar Haddad", ("status",))]
    assert report.unchanged == 16
    moved = {m.name: m for m in report.moved_out}
    assert set(moved) == {"Ava Williams", "Liam Nguyen"}
    assert moved["Ava Williams"].reason == "not in the roster"
    assert moved["Ava Williams"].move_out == NEXT_MONTH
    assert moved["Liam Nguyen"].move_out == date(2025, 3, 31) and moved["Liam Nguyen"].row == 10
    assert (moved["Ava Williams"].parcels_flagged, moved["Liam Nguyen"].parcels_flagged) == (2, 1)
    assert report.parcels_flagged == 3

    people = residents(db)
    assert people["Ava Williams"]["status"] == ResidentStatus.MOVED_OUT
    assert people["Ava Williams"]["move_out"] == NEXT_MONTH
    assert people["Omar Haddad"]["status"] == ResidentStatus.ACTIVE
    with db.reader() as uow:
        flags = dict(uow.session.execute(select(Parcel.id, Parcel.attention_reason)
                                         .where(Parcel.needs_attention.is_(True))).all())
    assert flags == dict.fromkeys(waiting, ATTENTION_MOVED_OUT)
    assert collected not in flags and untouched not in flags  # picked up / still here
    event = import_events(db)[-1]
    assert (event["moved_out"], event["parcels_flagged"], event["added"]) == (2, 3, 1)
    assert sorted(event["moved_out_ids"]) == sorted([ava, liam])


def test_move_out_date_passed_while_still_listed_as_current(db: Database) -> None:
    header = "unit,first_name,last_name,move_out,status\n"
    import_residents(db, io.StringIO(header + "1,Ann,Lee,,current\n2,Bo,Kim,,current\n"),
                     today=TODAY)
    report = import_residents(db, io.StringIO(header + "1,Ann,Lee,2025-02-28,current\n"
                                                         "2,Bo,Kim,,current\n"), today=TODAY)
    assert [(m.name, m.reason, m.move_out) for m in report.moved_out] == [
        ("Ann Lee", "move-out date passed", date(2025, 2, 28))]


def test_partial_list_moves_nobody_out(db: Database) -> None:
    import_residents(db, DATA / "appfolio.csv", today=TODAY)
    partial = io.StringIO("Unit,Tenant,Tenant Status\n999,Nora Quinn,Current\n")
    report = import_residents(db, partial, today=TODAY, full_roster=False)
    assert report.committed and report.moved_out == () and len(report.added) == 1


def test_full_roster_that_would_empty_the_building_is_refused(db: Database) -> None:
    import_residents(db, DATA / "appfolio.csv", today=TODAY)
    before = snapshot(db)
    roster = io.StringIO("Unit,Tenant,Tenant Status\n999,Nora Quinn,Current\n")
    report = import_residents(db, roster, today=TODAY)
    assert not report.committed and report.errors[0].row == 0
    assert "20 of 20 current residents are missing" in report.errors[0].message
    assert snapshot(db) == before


def test_reimport_is_idempotent(db: Database) -> None:
    first = import_residents(db, DATA / "yardi.csv", today=TODAY)
    before = snapshot(db)[:5]
    again = import_residents(db, DATA / "yardi.csv", today=TODAY)
    assert len(first.added) == 20
    assert (again.added, again.updated, again.moved_out, again.unchanged) == ((), (), (), 20)
    assert snapshot(db)[:5] == before  # residents, units, parcels, properties, aliases
    assert [e["unchanged"] for e in import_events(db)] == [0, 20]
    with db.reader() as uow:
        assert eventlog.verify(uow.session).ok


def test_matching_by_unit_and_name_when_ids_are_absent(db: Database) -> None:
    header = "unit,first_name,last_name,email\n"
    import_residents(db, io.StringIO(header + "7,JOSÉ,Pérez,a@example.com\n"), today=TODAY)
    report = import_residents(db, io.StringIO(header + "7,Jose,Perez,b@example.com\n"), today=TODAY)
    assert [(u.name, u.fields) for u in report.updated] == [
        ("Jose Perez", ("first_name", "last_name", "email"))]
    assert len(residents(db)) == 1


def test_transfer_to_another_unit_is_an_update(db: Database) -> None:
    header = "unit,first_name,last_name,external_id\n"
    import_residents(db, io.StringIO(header + "7,Anna,Smith,X1\n"), today=TODAY)
    report = import_residents(db, io.StringIO(header + "8B,Anna,Smith,X1\n"), today=TODAY)
    assert [(u.unit, u.fields) for u in report.updated] == [("8B", ("unit",))]
    assert residents(db)["Anna Smith"]["unit"] == "8B" and report.moved_out == ()


def test_name_change_keeps_the_old_name_as_an_alias(db: Database) -> None:
    header = "unit,first_name,last_name,external_id\n"
    import_residents(db, io.StringIO(header + "7,Anna,Smith,X1\n"), today=TODAY)
    report = import_residents(db, io.StringIO(header + "7,Anna,Jones,X1\n"), today=TODAY)
    assert report.updated[0].fields == ("last_name",)
    with db.reader() as uow:
        assert list(uow.session.scalars(select(ResidentAlias.alias))) == ["Anna Smith"]


def test_empty_cells_never_erase_known_values(db: Database) -> None:
    header = "unit,first_name,last_name,mobile\n"
    import_residents(db, io.StringIO(header + "7,Ann,Lee,(212) 555-0188\n"), today=TODAY)
    report = import_residents(db, io.StringIO("unit,first_name,last_name,mobile\n7,Ann,Lee,\n"),
                              today=TODAY)
    assert report.unchanged == 1 and residents(db)["Ann Lee"]["mobile"] == "+12125550188"


def test_badge_of_an_active_resident_cannot_be_given_away(db: Database) -> None:
    import_residents(db, DATA / "generic.csv", today=TODAY)
    text = (DATA / "generic.csv").read_text("utf-8-sig").replace("FOB-0002,G-002", "FOB-0001,G-002")
    report = import_residents(db, io.StringIO(text), today=TODAY)
    assert [(e.row, e.column) for e in report.errors] == [(3, "badge")]
    assert report.errors[0].message == "badge 'FOB-0001' already belongs to José Álvarez"


def test_one_badge_on_two_rows_is_refused(db: Database) -> None:
    text = "unit,first_name,last_name,badge_id\n7,Ann,Lee,FOB-9\n8,Bo,Kim,FOB-9\n"
    report = import_residents(db, io.StringIO(text), today=TODAY)
    assert [str(e) for e in report.errors] == ["row 3, badge: badge 'FOB-9' is also on row 2"]


def test_badge_passes_from_a_moved_out_resident(db: Database) -> None:
    header = "unit,first_name,last_name,badge_id\n"
    import_residents(db, io.StringIO(header + "7,Ann,Lee,FOB-9\n"), today=TODAY)
    report = import_residents(db, io.StringIO(header + "7,Bo,Kim,FOB-9\n"), today=TODAY)
    assert report.committed and report.moved_out[0].name == "Ann Lee"
    people = residents(db)
    assert (people["Ann Lee"]["badge"], people["Bo Kim"]["badge"]) == (None, "FOB-9")


# --------------------------------------------------------------------------- files


def test_windows_1252_semicolons(db: Database) -> None:
    data = "Unit;Tenant;Tenant Email\r\n5;Fernández, Lucía;lucia@example.com\r\n".encode("cp1252")
    report = import_residents(db, io.BytesIO(data), today=TODAY)
    assert report.committed and "not UTF-8" in report.warnings[0]
    assert "Lucía Fernández" in residents(db)


def test_utf16_tab_separated_from_excel(db: Database) -> None:
    data = "unit\tfirst_name\tlast_name\n5\tZoë\tMüller\n".encode("utf-16")
    report = import_residents(db, io.BytesIO(data), today=TODAY)
    assert report.committed and "Zoë Müller" in residents(db)


def test_unreadable_files_are_refused_in_one_line(db: Database, tmp_path: Path) -> None:
    with pytest.raises(RentRollError, match="cannot read"):
        import_residents(db, tmp_path / "missing.csv")
    with pytest.raises(RentRollError, match="Excel workbook"):
        import_residents(db, io.BytesIO(b"PK\x03\x04rest-of-a-zip"))
    with pytest.raises(RentRollError, match="is empty"):
        import_residents(db, io.BytesIO(b"\n\n"))
    with pytest.raises(RentRollError, match="no preset recognises these columns"):
        import_residents(db, io.StringIO("foo,bar\n1,2\n"))
    report = import_residents(db, io.StringIO("unit,first_name\n"))
    assert [str(e) for e in report.errors] == ["file: the file has a header but no resident rows"]


def test_a_huge_file_is_refused_without_being_read(db: Database, tmp_path: Path) -> None:
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: 100 MB on paper, nothing on disk
    with pytest.raises(RentRollError, match="larger than 50 MB"):
        import_residents(db, huge)
    with pytest.raises(RentRollError, match="larger than"):
        csvfile.read_source(io.StringIO("x" * 5000), max_bytes=1024)


def test_too_many_rows_are_refused() -> None:
    text = "unit,first_name,last_name\n" + "1,A,B\n" * 11
    with pytest.raises(RentRollError, match="more than 10 rows"):
        list(csvfile.records(text, ",", max_rows=10))
    assert len(list(csvfile.records(text, ",", max_rows=11))) == 12


def test_malformed_csv_is_reported_at_its_row(db: Database) -> None:
    big = "x" * 200_000  # over the csv module's field limit
    report = import_residents(db, io.StringIO(f'unit,first_name,last_name\n1,A,B\n2,"{big}",C\n'),
                              today=TODAY)
    assert not report.committed and report.errors[-1].row == 3


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize(("text", "expected"), [
    ("Garcia, Maria", ("Maria", "Garcia")),
    ("Maria Garcia", ("Maria", "Garcia")),
    ("Mary Ann Smith", ("Mary Ann", "Smith")),
    ("Sofia de la Cruz", ("Sofia", "de la Cruz")),
    ("Ludwig van Beethoven", ("Ludwig", "van Beethoven")),
    ("John Smith Jr.", ("John", "Smith Jr.")),
    ("Smith, Jr., John", ("John", "Smith Jr.")),
    ("Dr. Ada Lovelace", ("Ada", "Lovelace")),
    ("Cher", ("Cher", "")),
])
def test_split_name(text: str, expected: tuple[str, str]) -> None:
    assert values.split_name(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-03-05", date(2024, 3, 5)), ("03/05/2024", date(2024, 3, 5)),
    ("3/5/24", date(2024, 3, 5)), ("2024-03-05T00:00:00", date(2024, 3, 5)),
    ("3/5/2024 0:00", date(2024, 3, 5)), ("Mar 5, 2024", date(2024, 3, 5)),
    ("05-Mar-2024", date(2024, 3, 5)), ("45356", date(2024, 3, 5)), ("", None),
])
def test_parse_date(text: str, expected: date | None) -> None:
    assert values.parse_date(text) == expected


@pytest.mark.parametrize("text", ["13/01/2024", "2024-02-30", "yesterday", "1/1/0001"])
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(ValueError, match=r"date|range"):
        values.parse_date(text)


def test_phones_to_e164() -> None:
    assert values.normalise_phone("(212) 555-0101") == "+12125550101"
    assert values.normalise_phone("Home: (212) 555-0102, Mobile: (212) 555-0103") == "+12125550103"
    assert values.normalise_phone("") is None
    for bad in ("555-0103", "12345", "call me"):
        with pytest.raises(ValueError, match="phone"):
            values.normalise_phone(bad)
    # Without the phonenumbers package: North American numbers only, same results.
    assert values.nanp_to_e164("1 (212) 555-0101 x12") == "+12125550101"
    assert values.nanp_to_e164("+44 20 7946 0018") == "+442079460018"
    with pytest.raises(ValueError):
        values.nanp_to_e164("(055) 555-0101")


def test_emails_checked_for_shape() -> None:
    assert values.check_email("Ana@Example.COM") == "Ana@example.com"
    assert values.check_email("a@example.com; b@example.com") == "a@example.com"
    for bad in ("ana@", "ana@example", "ana..b@example.com", "ana example.com"):
        with pytest.raises(ValueError, match="e-mail"):
            values.check_email(bad)


def test_statuses_mapped() -> None:
    assert values.parse_status("Current") is RowStatus.ACTIVE
    assert values.parse_status("Notice") is RowStatus.ACTIVE
    assert values.parse_status("Future") is RowStatus.FUTURE
    assert values.parse_status("Former") is RowStatus.PAST
    assert values.parse_status("Evicted") is RowStatus.PAST
    assert values.parse_status("Vacant") is RowStatus.NOT_RESIDENT
    assert values.parse_status("1", get_preset("yardi").status_codes) is RowStatus.PAST
    with pytest.raises(ValueError, match="unknown status"):
        values.parse_status("Maybe")


# --------------------------------------------------------------------------- the command line


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "cli.sqlite3"
    monkeypatch.setenv("PACKROOM_DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setenv("PACKROOM_DATA_DIR", str(tmp_path / "data"))
    return path


def run(*argv: str) -> int:
    return run_command(build_parser(), list(argv))


def test_cli_import_dry_run_then_import_then_search(cli_env: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert run("residents", "import", str(DATA / "generic.csv"), "--dry-run") == 0
    out = capsys.readouterr().out
    assert re.search(r"\b\d+ to add", out) and "dry run: nothing was written" in out
    assert run("residents", "import", str(DATA / "generic.csv"), "--preset", "generic") == 0
    assert "imported: the changes were saved" in capsys.readouterr().out
    assert run("residents", "search", "Jose", "Alvares") == 0
    assert "José Álvarez" in capsys.readouterr().out.splitlines()[0]
    assert run("residents", "search", "zzzzqqq") == 1


def test_cli_rows_with_errors_exit_1(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("residents", "import", str(DATA / "broken.csv")) == 1
    out = capsys.readouterr().out
    assert "row 4, mobile:" in out and "nothing was written" in out


def test_cli_bad_file_or_preset_exit_2(cli_env: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert run("residents", "import", str(tmp_path / "nope.csv")) == 2
    assert "no such file" in capsys.readouterr().err
    assert run("residents", "import", str(DATA / "generic.csv"), "--preset", "onesite") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "valid presets: appfolio, entrata, generic, realpage, yardi" in err
    not_csv = tmp_path / "roster.xlsx"
    not_csv.write_bytes(b"PK\x03\x04....")
    assert run("residents", "import", str(not_csv)) == 2
    assert "save it as CSV" in capsys.readouterr().err


# --------------------------------------------------------------------------- never a crash

_FUZZ = settings(max_examples=150, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture])


def _clean_outcome(db: Database, source: Any, dry_run: bool) -> None:
    try:
        report = import_residents(db, source, dry_run=dry_run, today=TODAY, full_roster=False)
    except RentRollError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(report, ImportReport)
    assert all(e.row >= 0 and e.message for e in report.errors)
    report.summary()


@_FUZZ
@given(data=st.binary(max_size=2000), dry_run=st.booleans())
def test_arbitrary_bytes_never_crash(db: Database, data: bytes, dry_run: bool) -> None:
    _clean_outcome(db, io.BytesIO(data), dry_run)


_cell = st.one_of(st.text(max_size=30), st.sampled_from([
    "", "Current", "Past", "Vacant", "Notice", "12/31/2024", "2025-13-01", "(212) 555-0101",
    "555", "a@b.co", "x@", "Garcia, Maria", "101", "=\"0101\"", "FOB-1", "es", "\"", "\n"]))


@_FUZZ
@given(header=st.sampled_from([
    "unit,building,first_name,last_name,email,mobile,language,move_in,move_out,status,badge_id,"
    "external_id",
    "Property,Unit,Tenant,Tenant Phone Number,Tenant Email,Move In Date,Move Out Date,"
    "Tenant Status",
    "Bldg/Unit,Resident ID,Resident,Lease Status,Move-In,Move-Out,Email,Phone",
]), rows=st.lists(st.lists(_cell, min_size=0, max_size=14), max_size=8), dry_run=st.booleans())
def test_arbitrary_rows_never_crash(db: Database, header: str, rows: list[list[str]],
                                    dry_run: bool) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header.split(","))
    writer.writerows(rows)
    _clean_outcome(db, io.StringIO(out.getvalue()), dry_run)
