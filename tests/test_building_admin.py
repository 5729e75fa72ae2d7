"""Building administration on real widgets, real services and a real SQLite file: storage
locations (add, rename, capacity, deactivate) with their printed labels, room hours, and staff
accounts — with every role checked by the service, whatever the screen shows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSpinBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from hardware.camera.decoder import decode_image
from kiosk.persistence.models import Event, LocationKind, Role, StaffUser
from kiosk.persistence.uow import Database
from kiosk.security import hash_pin
from kiosk.services.building import BuildingError, BuildingService
from kiosk.services.parcels import IntakeRequest
from kiosk.services.staff import PermissionDenied, SignInRejected, StaffService, StaffSession
from kiosk.services.staff_accounts import StaffAccountError, StaffAccountService
from tests.factories import Building, make_building, ups_number
from tests.qtdrive import by_name
from ui.screens.staff.building import BuildingScreen, StaffAccountsScreen
from ui.tasks import TaskRunner
from ui.viewmodels.building import BuildingViewModel, StaffAccountsViewModel

pytestmark = pytest.mark.gui


def text_of(root: QWidget, name: str) -> str:
    label = by_name(root, name)
    assert isinstance(label, QLabel)
    return label.text()


def click(qtbot: QtBot, root: QWidget, name: str) -> None:
    qtbot.mouseClick(by_name(root, name), Qt.MouseButton.LeftButton)


def type_into(qtbot: QtBot, root: QWidget, name: str, text: str) -> None:
    box = by_name(root, name)
    assert isinstance(box, QLineEdit)
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)


def add_staff(db: Database, name: str, role: Role, pin: str) -> StaffSession:
    with db.uow() as uow:
        uow.session.add(StaffUser(name=name, role=role, pin_hash=hash_pin(pin)))
        uow.commit()
    return StaffService(db).sign_in_pin(pin, f"test:{name}")


def events(db: Database, kind: str) -> list[tuple[int | None, dict]]:
    with db.reader() as uow:
        return [(e.actor_id, e.data) for e in uow.session.scalars(select(Event).where(Event.kind == kind))]


@dataclass
class Admin:
    building: Building
    service: BuildingService
    admin: StaffSession
    manager: StaffSession
    staff: StaffSession


@pytest.fixture
def site(db: Database) -> Admin:
    building = make_building(db)
    return Admin(building, BuildingService(db, kiosk_id="desk"), add_staff(db, "Alex Admin", Role.ADMIN, "2468"),
                 add_staff(db, "Jordan Manager", Role.MANAGER, "1357"), StaffService(db).sign_in_pin("1111", "t"))


@pytest.fixture
def building_screen(qtbot: QtBot, site: Admin) -> Iterator[tuple[BuildingScreen, BuildingViewModel,
                                                                   list[tuple[str, Image.Image]]]]:
    printed: list[tuple[str, Image.Image]] = []
    runner = TaskRunner()
    vm = BuildingViewModel(site.service, runner, staff=lambda: site.admin,
                           print_image=lambda job_id, image: printed.append((job_id, image)),
                           room_hours=("07:00", "22:00"), label_width=576)
    screen = BuildingScreen(vm)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    yield screen, vm, printed
    runner.shutdown()


def test_screens_declare_their_roles() -> None:
    assert BuildingScreen.required_role is Role.MANAGER and BuildingScreen.edit_role is Role.ADMIN
    assert StaffAccountsScreen.required_role is Role.ADMIN


def test_add_a_shelf_and_print_its_label_through_the_printer_callback(qtbot: QtBot, building_screen,
                                                                      site: Admin, db: Database) -> None:
    screen, _vm, printed = building_screen
    assert "from 07:00 to 22:00" in text_of(screen, "Room hours")
    qtbot.waitUntil(lambda: len(screen.model.rows) == 4, timeout=5000)
    type_into(qtbot, screen, "New location code", "d1")
    type_into(qtbot, screen, "New location name", "Shelf D1")
    kind = by_name(screen, "New location kind")
    assert isinstance(kind, QComboBox)
    kind.setCurrentIndex(kind.findData(LocationKind.BIN))
    capacity = by_name(screen, "New location capacity")
    assert isinstance(capacity, QSpinBox)
    capacity.setValue(12)
    click(qtbot, screen, "Add location")
    qtbot.waitUntil(lambda: any(r.code == "D1" for r in screen.model.rows), timeout=5000)
    assert "Added Shelf D1 (D1)" in text_of(screen, "Building message")
    added = next(r for r in site.service.locations() if r.code == "D1")
    assert (added.name, added.kind, added.capacity, added.active) == ("Shelf D1", LocationKind.BIN, 12, True)
    [(actor, data)] = events(db, "location.added")
    assert actor == site.admin.staff_id and data["code"] == "D1"

    screen.select_code("D1")
    click(qtbot, screen, "Print shelf label")
    qtbot.waitUntil(lambda: len(printed) == 1, timeout=5000)
    job_id, image = printed[0]
    assert job_id.startswith("shelf:D1:") and image.width == 576
    assert [b.text for b in decode_image(image)] == ["D1"]
    assert "sent to the printer" in text_of(screen, "Building message")
    click(qtbot, screen, "Print shelf label")  # a reprint is a new job, or the queue would drop it
    qtbot.waitUntil(lambda: len(printed) == 2, timeout=5000)
    assert printed[1][0] != job_id


def test_rename_capacity_and_deactivate_with_parcels_refused(qtbot: QtBot, building_screen, site: Admin,
                                                             db: Database) -> None:
    screen, _vm, _printed = building_screen
    site.building.parcels.intake(IntakeRequest(ups_number(), resident_id=site.building.residents["101:Maria"],
                                               location_code="A1"), site.building.staff)
    qtbot.waitUntil(lambda: len(screen.model.rows) == 4, timeout=5000)
    screen.select_code("A1")
    type_into(qtbot, screen, "Location name", "Shelf A1 (left)")
    click(qtbot, screen, "Rename location")
    qtbot.waitUntil(lambda: "Renamed to Shelf A1 (left)" in text_of(screen, "Building message"), timeout=5000)
    spin = by_name(screen, "Location capacity")
    assert isinstance(spin, QSpinBox)
    spin.setValue(30)
    click(qtbot, screen, "Set capacity")
    qtbot.waitUntil(lambda: "up to 30 parcels" in text_of(screen, "Building message"), timeout=5000)
    click(qtbot, screen, "Deactivate location")
    qtbot.waitUntil(lambda: "still holds 1 waiting parcel" in text_of(screen, "Building message"), timeout=5000)
    a1 = next(r for r in site.service.locations() if r.code == "A1")
    assert (a1.name, a1.capacity, a1.active, a1.waiting) == ("Shelf A1 (left)", 30, True, 1)

    screen.select_code("A2")
    click(qtbot, screen, "Deactivate location")
    qtbot.waitUntil(lambda: "is no longer used" in text_of(screen, "Building message"), timeout=5000)
    assert not next(r for r in site.service.locations() if r.code == "A2").active
    assert "A2" not in site.building.parcels.location_codes()  # intake no longer offers it
    assert [d["after"] for _, d in events(db, "location.deactivated")] == [{"active": False}]


def test_service_checks_codes_and_roles(site: Admin) -> None:
    with pytest.raises(BuildingError, match="already a location"):
        site.service.add_location(site.admin, "a1", "Another A1")
    with pytest.raises(BuildingError, match="looks like a parcel code"):
        site.service.add_location(site.admin, "ABCDEFGH", "Odd")
    with pytest.raises(BuildingError, match="lockers"):
        site.service.add_location(site.admin, "L1", "Locker", LocationKind.LOCKER)
    with pytest.raises(PermissionDenied, match="Only an admin may add shelves"):
        site.service.add_location(site.manager, "E1", "E1")
    with pytest.raises(PermissionDenied):
        site.service.set_active(site.staff, site.service.locations()[0].id, False)
    assert site.service.shelf_label(site.manager, site.service.locations()[0].id).code == "A1"  # managers print
    with pytest.raises(PermissionDenied):
        site.service.shelf_label(site.staff, site.service.locations()[0].id)
    assert len(site.service.locations()) == 4


def test_a_manager_sees_the_building_but_cannot_change_it(qtbot: QtBot, site: Admin) -> None:
    runner = TaskRunner()
    try:
        vm = BuildingViewModel(site.service, runner, staff=lambda: site.manager, print_image=lambda *_: None,
                               room_hours=("00:00", "24:00"))
        screen = BuildingScreen(vm)
        qtbot.addWidget(screen)
        screen.show()
        qtbot.waitUntil(lambda: len(screen.model.rows) == 4, timeout=5000)
        assert "around the clock" in text_of(screen, "Room hours")
        assert not by_name(screen, "Add location").isEnabled()
        vm.add("E1", "E1", LocationKind.SHELF, 10)  # even if it were pressed
        qtbot.waitUntil(lambda: "Only an admin" in text_of(screen, "Building message"), timeout=5000)
        assert len(site.service.locations()) == 4
    finally:
        runner.shutdown()


# --------------------------------------------------------------------------- staff accounts


def staff_count(db: Database) -> int:
    with db.reader() as uow:
        return uow.session.scalar(select(func.count()).select_from(StaffUser)) or 0


def test_a_staff_role_user_is_refused_the_staff_accounts_actions(qtbot: QtBot, site: Admin, db: Database) -> None:
    runner = TaskRunner()
    try:
        accounts = StaffAccountService(db, StaffService(db), kiosk_id="desk")
        vm = StaffAccountsViewModel(accounts, runner, staff=lambda: site.staff)
        screen = StaffAccountsScreen(vm)
        qtbot.addWidget(screen)
        screen.show()
        assert not by_name(screen, "Add staff").isEnabled()
        assert "Only an admin" in text_of(screen, "Staff accounts message")
        assert screen.model.rows == []  # a staff member does not even see the list
        before = staff_count(db)
        vm.add("Sneaky", Role.ADMIN, "9876")  # the action itself, as if the button were pressed
        qtbot.waitUntil(lambda: "Only an admin may add staff accounts" in text_of(screen, "Staff accounts message"),
                        timeout=5000)
        assert "you are signed in as staff" in text_of(screen, "Staff accounts message")
        assert staff_count(db) == before
        with pytest.raises(PermissionDenied):
            accounts.reset_pin(site.staff, site.admin.staff_id, "5555")
        with pytest.raises(PermissionDenied):
            accounts.list(site.manager)
        assert events(db, "staff.created") == [] and events(db, "staff.pin_reset") == []
    finally:
        runner.shutdown()


def test_an_admin_adds_resets_changes_and_deactivates_staff(qtbot: QtBot, site: Admin, db: Database) -> None:
    runner = TaskRunner()
    staff = StaffService(db)
    accounts = StaffAccountService(db, staff, kiosk_id="desk")
    try:
        vm = StaffAccountsViewModel(accounts, runner, staff=lambda: site.admin)
        screen = StaffAccountsScreen(vm)
        qtbot.addWidget(screen)
        screen.resize(1280, 800)
        screen.show()
        qtbot.waitUntil(lambda: len(screen.model.rows) == 3, timeout=5000)
        type_into(qtbot, screen, "Staff name", "Riley New")
        type_into(qtbot, screen, "Staff PIN", "1111")  # Sam Staff's PIN
        click(qtbot, screen, "Add staff")
        qtbot.waitUntil(lambda: "already used" in text_of(screen, "Staff accounts message"), timeout=5000)
        type_into(qtbot, screen, "Staff PIN", "4321")
        click(qtbot, screen, "Add staff")
        qtbot.waitUntil(lambda: len(screen.model.rows) == 4, timeout=5000)
        assert staff.sign_in_pin("4321", "t2").name == "Riley New"

        screen.select_name("Riley New")
        type_into(qtbot, screen, "New PIN", "8642")
        click(qtbot, screen, "Reset PIN")
        qtbot.waitUntil(lambda: "New PIN set for Riley New" in text_of(screen, "Staff accounts message"),
                        timeout=5000)
        assert staff.sign_in_pin("8642", "t3").name == "Riley New"
        with pytest.raises(SignInRejected):
            staff.sign_in_pin("4321", "t4")

        screen.select_name("Riley New")
        role = by_name(screen, "Change role")
        assert isinstance(role, QComboBox)
        role.setCurrentIndex(role.findData(Role.MANAGER))
        click(qtbot, screen, "Set role")
        qtbot.waitUntil(lambda: "Riley New is now manager" in text_of(screen, "Staff accounts message"),
                        timeout=5000)
        screen.select_name("Riley New")
        click(qtbot, screen, "Deactivate staff")
        qtbot.waitUntil(lambda: "can no longer sign in" in text_of(screen, "Staff accounts message"), timeout=5000)
        with pytest.raises(SignInRejected):
            staff.sign_in_pin("8642", "t5")
        riley = next(s for s in accounts.list(site.admin) if s.name == "Riley New")
        assert (riley.role, riley.active) == (Role.MANAGER, False)
        kinds = [k for k in ("staff.created", "staff.pin_reset", "staff.role_changed", "staff.deactivated")
                 if events(db, k)]
        assert len(kinds) == 4
        assert all(actor == site.admin.staff_id for k in kinds for actor, _ in events(db, k))
        assert all("8642" not in str(data) for k in kinds for _, data in events(db, k))

        # the site keeps an admin, and nobody switches themselves off
        with pytest.raises(StaffAccountError, match="only active admin"):
            accounts.set_role(site.admin, site.admin.staff_id, Role.STAFF)
        with pytest.raises(StaffAccountError, match="your own account"):
            accounts.deactivate(site.admin, site.admin.staff_id)
        accounts.reactivate(site.admin, riley.id, "7531")
        assert staff.sign_in_pin("7531", "t6").name == "Riley New"
    finally:
        runner.shutdown()
