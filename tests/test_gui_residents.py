"""The residents screens on real widgets, real services and a real SQLite file: search and edit
(errors shown as a field is left, nothing saved while one stands), move-out sending parcels to
needs attention, proxies and holds, and the rent-roll import's preview-then-import."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListWidget, QPushButton, QTableView, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.persistence.models import Event, Resident, ResidentStatus, Role, StaffUser
from kiosk.persistence.uow import Database
from kiosk.residents.directory import ResidentDirectory
from kiosk.security import hash_pin
from kiosk.services.parcels import IntakeRequest
from kiosk.services.residents_admin import ResidentAdminService, ResidentInvalid
from kiosk.services.staff import StaffService, StaffSession
from tests.factories import Building, make_building, ups_number
from tests.qtdrive import by_name
from ui.screens.staff.residents import ResidentImportScreen, ResidentsScreen
from ui.tasks import TaskRunner
from ui.viewmodels.residents import ResidentImportViewModel, ResidentsViewModel

pytestmark = pytest.mark.gui
RENTROLL = Path(__file__).parent / "data" / "rentroll"


def text_of(root: QWidget, name: str) -> str:
    label = by_name(root, name)
    assert isinstance(label, QLabel)
    return label.text()


def click(qtbot: QtBot, root: QWidget, name: str) -> None:
    qtbot.mouseClick(by_name(root, name), Qt.MouseButton.LeftButton)


def type_into(qtbot: QtBot, root: QWidget, name: str, text: str) -> None:
    """Select what the field holds, type over it, and leave it with Return (as staff do)."""
    box = by_name(root, name)
    assert isinstance(box, QLineEdit)
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def add_staff(db: Database, name: str, role: Role, pin: str) -> StaffSession:
    with db.uow() as uow:
        uow.session.add(StaffUser(name=name, role=role, pin_hash=hash_pin(pin)))
        uow.commit()
    return StaffService(db).sign_in_pin(pin, f"test:{name}")


def resident(db: Database, resident_id: int) -> dict[str, object]:
    with db.reader() as uow:
        r = uow.session.get(Resident, resident_id)
        assert r is not None
        return {"first": r.first_name, "mobile": r.mobile, "email": r.email, "language": r.language,
                "notify_email": r.notify_email, "status": r.status, "reminders_opt_out": r.reminders_opt_out}


def event_data(db: Database, kind: str) -> list[dict]:
    with db.reader() as uow:
        return [e.data for e in uow.session.scalars(select(Event).where(Event.kind == kind))]


@dataclass
class Screens:
    building: Building
    admin: ResidentAdminService
    session: StaffSession
    vm: ResidentsViewModel
    screen: ResidentsScreen
    runner: TaskRunner


@pytest.fixture
def residents(qtbot: QtBot, db: Database) -> Iterator[Screens]:
    building = make_building(db)
    directory = ResidentDirectory(db, max_age=None)
    admin = ResidentAdminService(db, directory, kiosk_id="desk")
    session = StaffService(db).sign_in_pin("1111", "test-residents")  # Sam Staff, role staff
    runner = TaskRunner()
    vm = ResidentsViewModel(admin, building.parcels, runner, staff=lambda: session)
    screen = ResidentsScreen(vm)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    yield Screens(building, admin, session, vm, screen, runner)
    runner.shutdown()


def choose_resident(qtbot: QtBot, s: Screens, query: str, name: str) -> None:
    type_into(qtbot, s.screen, "Resident list search", query)
    table = by_name(s.screen, "Resident table")
    assert isinstance(table, QTableView)
    qtbot.waitUntil(lambda: any(r.full_name == name for r in s.screen.model.rows) and s.vm.query == query,
                    timeout=5000)
    row = next(i for i, r in enumerate(s.screen.model.rows) if r.full_name == name)
    rect = table.visualRect(s.screen.model.index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: s.vm.record is not None and s.vm.record.detail.full_name == name, timeout=5000)


def test_screens_declare_their_roles() -> None:
    assert ResidentsScreen.required_role is Role.STAFF
    assert ResidentImportScreen.required_role is Role.MANAGER


def test_the_list_shows_current_residents_and_search_narrows_it(qtbot: QtBot, residents: Screens) -> None:
    s = residents
    qtbot.waitUntil(lambda: len(s.screen.model.rows) == 3, timeout=5000)  # the moved-out tenant is hidden
    assert {r.full_name for r in s.screen.model.rows} == {"Maria Garcia", "Pedro Garcia", "Wei Chen"}
    choose_resident(qtbot, s, "chen", "Wei Chen")
    assert [r.full_name for r in s.screen.model.rows] == ["Wei Chen"]
    assert text_of(s.screen, "Selected resident").startswith("Wei Chen · unit 202")
    mobile = by_name(s.screen, "Mobile")
    assert isinstance(mobile, QLineEdit) and mobile.text() == "+15550100003"


def test_an_invalid_mobile_is_flagged_on_entry_and_nothing_is_saved(qtbot: QtBot, residents: Screens,
                                                                     db: Database) -> None:
    s = residents
    wei = s.building.residents["202:Wei"]
    choose_resident(qtbot, s, "chen", "Wei Chen")
    type_into(qtbot, s.screen, "Mobile", "555-0103")
    assert "not a valid phone number" in text_of(s.screen, "Mobile error")
    type_into(qtbot, s.screen, "First name", "Wayne")
    click(qtbot, s.screen, "Save resident")
    qtbot.waitUntil(lambda: "Not saved" in text_of(s.screen, "Residents message"), timeout=5000)
    assert "not a valid phone number" in text_of(s.screen, "Mobile error")
    assert resident(db, wei)["first"] == "Wei" and resident(db, wei)["mobile"] == "+15550100003"
    assert event_data(db, "resident.updated") == []

    type_into(qtbot, s.screen, "E-mail", "wei@example")
    assert "not an e-mail address" in text_of(s.screen, "E-mail error")


def test_a_valid_edit_is_saved_and_logged_without_the_values(qtbot: QtBot, residents: Screens,
                                                              db: Database) -> None:
    s = residents
    wei = s.building.residents["202:Wei"]
    choose_resident(qtbot, s, "chen", "Wei Chen")
    type_into(qtbot, s.screen, "Mobile", "(503) 555-0102")
    error = next(w for w in s.screen.findChildren(QLabel) if w.accessibleName() == "Mobile error")
    assert not error.isVisible()
    type_into(qtbot, s.screen, "E-mail", "Wei.Chen@Example.COM")
    email_toggle = by_name(s.screen, "E-mail notices")
    assert isinstance(email_toggle, QPushButton) and not email_toggle.isChecked()
    click(qtbot, s.screen, "E-mail notices")
    click(qtbot, s.screen, "No reminders")
    language = by_name(s.screen, "Language")
    assert isinstance(language, QComboBox)
    language.setCurrentIndex(language.findData("es"))
    click(qtbot, s.screen, "Save resident")
    qtbot.waitUntil(lambda: "Saved Wei Chen" in text_of(s.screen, "Residents message"), timeout=5000)
    saved = resident(db, wei)
    assert saved["mobile"] == "+15035550102" and saved["email"] == "Wei.Chen@example.com"
    assert saved["notify_email"] is True and saved["reminders_opt_out"] is True and saved["language"] == "es"
    [logged] = event_data(db, "resident.updated")
    assert sorted(logged["fields"]) == ["email", "language", "mobile", "notify_email", "reminders_opt_out"]
    assert "+15035550102" not in str(logged)


def test_move_out_takes_two_taps_and_flags_the_waiting_parcels(qtbot: QtBot, residents: Screens) -> None:
    s = residents
    maria = s.building.residents["101:Maria"]
    for _ in range(2):
        s.building.parcels.intake(IntakeRequest(ups_number(), resident_id=maria), s.building.staff)
    choose_resident(qtbot, s, "maria", "Maria Garcia")
    click(qtbot, s.screen, "Move out")
    assert "Tap Move out again" in text_of(s.screen, "Residents message")
    assert s.admin.get(maria).status is ResidentStatus.ACTIVE
    click(qtbot, s.screen, "Move out")
    qtbot.waitUntil(lambda: "2 waiting parcel(s) are now in Needs attention" in text_of(s.screen, "Residents message"),
                    timeout=5000)
    assert s.admin.get(maria).status is ResidentStatus.MOVED_OUT
    flagged = s.building.parcels.needing_attention()
    assert len(flagged) == 2 and {p.attention_reason for p in flagged} == {"recipient moved out"}
    qtbot.waitUntil(lambda: "Maria Garcia" not in {r.full_name for r in s.screen.model.rows}, timeout=5000)


def test_proxies_and_holds_are_added_listed_and_ended(qtbot: QtBot, residents: Screens, db: Database) -> None:
    s = residents
    pedro = s.building.residents["101:Pedro"]
    parcel = s.building.parcels.intake(IntakeRequest(ups_number(), resident_id=pedro), s.building.staff).parcel
    choose_resident(qtbot, s, "pedro", "Pedro Garcia")
    s.screen.tabs.setCurrentIndex(1)
    type_into(qtbot, s.screen, "Proxy name", "Ana Friend")
    type_into(qtbot, s.screen, "Proxy phone", "12345")
    until = by_name(s.screen, "Proxy until")
    until.setDate(QDate.currentDate().addDays(7))  # type: ignore[attr-defined]
    click(qtbot, s.screen, "Add proxy")
    qtbot.waitUntil(lambda: "wrong number of digits" in text_of(s.screen, "Proxy error"), timeout=5000)
    assert s.admin.proxies(pedro) == []
    type_into(qtbot, s.screen, "Proxy phone", "(503) 555-0102")
    click(qtbot, s.screen, "Add proxy")
    proxies = by_name(s.screen, "Proxy list")
    assert isinstance(proxies, QListWidget)
    qtbot.waitUntil(lambda: proxies.count() == 1, timeout=5000)
    assert "Ana Friend" in proxies.item(0).text()
    proxies.setCurrentRow(0)
    click(qtbot, s.screen, "Remove proxy")
    qtbot.waitUntil(lambda: proxies.count() == 0, timeout=5000)
    assert [p.revoked_at is not None for p in s.admin.proxies(pedro, include_ended=True)] == [True]

    s.screen.tabs.setCurrentIndex(2)
    by_name(s.screen, "Hold from").setDate(QDate.currentDate())  # type: ignore[attr-defined]
    by_name(s.screen, "Hold until").setDate(QDate.currentDate().addDays(10))  # type: ignore[attr-defined]
    type_into(qtbot, s.screen, "Hold reason", "travelling")
    click(qtbot, s.screen, "Add vacation hold")
    holds = by_name(s.screen, "Hold list")
    assert isinstance(holds, QListWidget)
    qtbot.waitUntil(lambda: holds.count() == 1, timeout=5000)
    assert "Vacation" in holds.item(0).text() and "travelling" in holds.item(0).text()
    click(qtbot, s.screen, "No end date")
    click(qtbot, s.screen, "Hold parcel")
    qtbot.waitUntil(lambda: holds.count() == 2, timeout=5000)
    assert any(f"Parcel {parcel.code}" in holds.item(i).text() for i in range(2))
    [vacation] = [h for h in s.admin.holds(pedro) if h.kind.value == "vacation"]
    assert vacation.ends_on == date.today() + timedelta(days=10)
    holds.setCurrentRow(0)
    click(qtbot, s.screen, "End hold")
    qtbot.waitUntil(lambda: holds.count() == 1, timeout=5000)
    assert len(event_data(db, "hold.added")) == 2 and len(event_data(db, "hold.released")) == 1


# --------------------------------------------------------------------------- the import screen


@dataclass
class Importer:
    vm: ResidentImportViewModel
    screen: ResidentImportScreen


@pytest.fixture
def importer(qtbot: QtBot, db: Database) -> Iterator[tuple[Importer, Building]]:
    building = make_building(db)
    manager = add_staff(db, "Morgan Manager", Role.MANAGER, "2222")
    admin = ResidentAdminService(db, ResidentDirectory(db, max_age=None), kiosk_id="desk")
    runner = TaskRunner()
    vm = ResidentImportViewModel(admin, runner, staff=lambda: manager)
    screen = ResidentImportScreen(vm)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    yield Importer(vm, screen), building
    runner.shutdown()


def names(db: Database) -> set[str]:
    with db.reader() as uow:
        return {r.full_name for r in uow.session.scalars(select(Resident))}


def test_import_with_broken_rows_lists_them_and_imports_nothing_until_fixed(
        qtbot: QtBot, importer: tuple[Importer, Building], db: Database, tmp_path: Path) -> None:
    imp, _building = importer
    screen = imp.screen
    before = names(db)
    path = tmp_path / "rentroll.csv"
    shutil.copyfile(RENTROLL / "broken.csv", path)
    type_into(qtbot, screen, "Rent roll file", str(path))
    preset = by_name(screen, "Preset")
    assert isinstance(preset, QComboBox)
    preset.setCurrentIndex(preset.findData("generic"))
    click(qtbot, screen, "Partial list")
    click(qtbot, screen, "Preview import")
    qtbot.waitUntil(lambda: imp.vm.report is not None, timeout=10000)
    errors = screen.error_model.rows
    assert [(e.row, e.column) for e in errors] == [(3, "email"), (4, "mobile"), (5, "unit"), (6, "move_in"),
                                                   (7, "last_name")]
    table = by_name(screen, "Import errors")
    assert isinstance(table, QTableView) and table.model().rowCount() == 5
    assert "not a valid phone number" in table.model().index(1, 2).data()
    assert "5 errors" in text_of(screen, "Import summary")
    assert "2 to add" in text_of(screen, "Import summary")
    assert "row problem(s)" in text_of(screen, "Import message")
    assert not by_name(screen, "Import residents").isEnabled()
    imp.vm.run_import()  # even pressed some other way, it refuses
    assert "Preview the file first" in text_of(screen, "Import message")
    assert names(db) == before

    fixed = path.read_text(encoding="utf-8").splitlines()
    fixed[2] = fixed[2].replace("ben.carter@example", "ben.carter@example.com")
    fixed[3] = fixed[3].replace("555-0103", "(503) 555-0103")
    fixed[4] = "104" + fixed[4]
    fixed[5] = fixed[5].replace("2023-13-45", "2023-12-01")
    del fixed[6]  # the duplicate
    path.write_text("\n".join(fixed) + "\n", encoding="utf-8")
    click(qtbot, screen, "Preview import")
    qtbot.waitUntil(lambda: imp.vm.report is not None and imp.vm.report.ok, timeout=10000)
    assert screen.error_model.rows == []
    assert "6 to add" in text_of(screen, "Import summary")
    assert names(db) == before  # a preview writes nothing
    qtbot.waitUntil(lambda: by_name(screen, "Import residents").isEnabled(), timeout=5000)
    click(qtbot, screen, "Import residents")
    qtbot.waitUntil(lambda: "Imported: 6 added" in text_of(screen, "Import message"), timeout=10000)
    assert names(db) == before | {"Anna Berg", "Ben Carter", "Cleo Dunn", "Dev Ellis", "Faye Gold", "Hugo Ibsen"}
    [logged] = event_data(db, "residents.imported")
    assert logged["added"] == 6 and logged["moved_out"] == 0
    assert not by_name(screen, "Import residents").isEnabled()  # a second import needs a new preview


def test_changing_the_file_after_a_clean_preview_needs_a_new_preview(
        qtbot: QtBot, importer: tuple[Importer, Building], tmp_path: Path) -> None:
    imp, _ = importer
    type_into(qtbot, imp.screen, "Rent roll file", str(RENTROLL / "generic.csv"))
    click(qtbot, imp.screen, "Partial list")
    click(qtbot, imp.screen, "Preview import")
    qtbot.waitUntil(lambda: imp.vm.can_import, timeout=10000)
    type_into(qtbot, imp.screen, "Rent roll file", str(RENTROLL / "yardi.csv"))
    assert not imp.vm.can_import and not by_name(imp.screen, "Import residents").isEnabled()


def test_staff_may_not_import(qtbot: QtBot, db: Database) -> None:
    building = make_building(db)
    session = StaffService(db).sign_in_pin("1111", "test")
    runner = TaskRunner()
    try:
        vm = ResidentImportViewModel(ResidentAdminService(db, ResidentDirectory(db, max_age=None)), runner,
                                     staff=lambda: session)
        messages: list[str] = []
        vm.message.connect(lambda text, _severity: messages.append(text))
        vm.set_path(str(RENTROLL / "generic.csv"))
        vm.preview()
        qtbot.waitUntil(lambda: bool(messages), timeout=5000)
        assert messages == ["Only a manager or an admin may import residents; you are signed in as staff."]
        assert building.residents  # untouched
    finally:
        runner.shutdown()


def test_service_edits_keep_stored_numbers_move_units_and_guard_badges(db: Database) -> None:
    building = make_building(db)
    admin = ResidentAdminService(db, ResidentDirectory(db, max_age=None), kiosk_id="desk")
    staff = StaffService(db).sign_in_pin("1111", "t")
    wei, maria = building.residents["202:Wei"], building.residents["101:Maria"]
    old_tenant = building.residents["202:Old"]
    # Wei's stored mobile fails today's check (a 555 area code): left as it is, it blocks nothing
    edit = admin.get(wei).edit()
    renamed = admin.update(staff, wei, replace(edit, first_name="Wayne", unit="apt 303", building=""))
    assert (renamed.first_name, renamed.unit, renamed.mobile) == ("Wayne", "303", "+15550100003")
    # a badge held by a moved-out tenant passes to the new holder; one held by a current resident does not
    with db.uow() as uow:
        tenant = uow.session.get(Resident, old_tenant)
        assert tenant is not None
        tenant.badge_id = "FOB-9"
        uow.commit()
    assert admin.update(staff, wei, replace(admin.get(wei).edit(), badge_id="FOB-9")).badge_id == "FOB-9"
    assert admin.get(old_tenant).badge_id is None
    with pytest.raises(ResidentInvalid) as refused:
        admin.update(staff, maria, replace(admin.get(maria).edit(), badge_id="FOB-9"))
    assert "already belongs to Wayne Chen" in refused.value.errors["badge_id"]
    with pytest.raises(ResidentInvalid) as invalid:
        admin.update(staff, maria, replace(admin.get(maria).edit(), first_name=" ", unit="", email="x@"))
    assert set(invalid.value.errors) == {"first_name", "unit", "email"}
    assert admin.get(maria).first_name == "Maria"
