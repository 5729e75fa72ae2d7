"""Finishing the locker bank on real widgets: the audit over room and lockers, the health bar's lockers
chip, and "Import bank from CSV" on the staff Lockers screen — real SQLite file, simulated boards,
the real task runner."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QTableView, QWidget
from pytestqt.qtbot import QtBot

from hardware.lockers import LockBoards
from hardware.lockers.coordinator import LockerCoordinator
from kiosk.config import Settings
from kiosk.persistence.models import Role, SizeClass
from kiosk.persistence.uow import Database
from kiosk.services.audits import AuditService
from kiosk.services.lockers import LockerService
from kiosk.services.parcels import IntakeRequest
from kiosk.services.staff import StaffSession
from tests.factories import make_building, ups_number
from tests.lockers_support import SIM_URL, Lockers, coordinator, make_lockers, request, sim
from tests.qtdrive import by_name
from tests.test_gui_pickup import type_code
from tests.test_locker_admin import BROKEN, GOOD
from ui.app import KioskApplication, build_application
from ui.screens.staff.audit import AuditScreen
from ui.screens.staff.lockers import LockersScreen
from ui.tasks import TaskRunner
from ui.viewmodels.audit import AuditViewModel
from ui.viewmodels.lockers import LockersViewModel

pytestmark = pytest.mark.gui


def tap(qtbot: QtBot, root: QWidget, name: str) -> None:
    button = by_name(root, name)
    assert button.isEnabled(), f"{name} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def label(root: QWidget, name: str) -> QLabel:
    found = by_name(root, name)
    assert isinstance(found, QLabel)
    return found


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


# --------------------------------------------------------------------------- the audit


def test_staff_audit_the_room_and_the_lockers_on_one_screen(qtbot: QtBot, db: Database, runner: TaskRunner) -> None:
    lockers = make_lockers(db)
    building = lockers.building
    earlier = datetime.now(UTC) - timedelta(hours=3)
    on_shelf = building.parcels.intake(
        IntakeRequest(ups_number(), resident_id=building.residents["101:Maria"], location_code="A1"),
        building.staff, now=earlier).parcel
    present = lockers.service.intake(request(lockers), building.staff, now=earlier)
    gone = lockers.service.intake(request(lockers, who="202:Wei", size=SizeClass.MEDIUM), building.staff,
                                  now=earlier)
    assert present.compartment is not None and gone.compartment is not None
    coord, _ = coordinator(lockers)
    board = sim(coord)
    session = StaffSession(building.staff_id, "Sam Staff", Role.STAFF, datetime.now(UTC))
    vm = AuditViewModel(AuditService(db, building.parcels, kiosk_id="test"), runner, staff=lambda: session,
                        open_compartment=coord.open_for_service)
    screen = AuditScreen(vm)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()

    status, message, progress = label(screen, "Audit status"), label(screen, "Audit message"), \
        label(screen, "Audit progress")
    qtbot.waitUntil(lambda: "No audit" in status.text(), timeout=10000)
    tap(qtbot, screen, "Start audit")
    qtbot.waitUntil(lambda: screen.compartments.rowCount() == 2, timeout=10000)
    assert progress.text().startswith("0 of 3 parcels found")
    screen.show_lockers()  # the "Lockers 0/2" tab beside "Shelves"
    table = by_name(screen, "Locker compartments")
    assert isinstance(table, QTableView)

    def row(code: str) -> list[str]:
        model = table.model()
        for r in range(model.rowCount()):
            cells = [str(model.index(r, c).data()) for c in range(model.columnCount())]
            if code in cells[1]:
                return cells
        raise AssertionError(f"{code} is not listed")

    assert row(present.parcel.code)[3] == "to check" and row(gone.parcel.code)[3] == "to check"

    vm.on_scan("A1")  # the room, as always: the shelf, then its parcels
    qtbot.waitUntil(lambda: "Shelf A1" in message.text(), timeout=10000)
    vm.on_scan(on_shelf.code)
    qtbot.waitUntil(lambda: progress.text().startswith("1 of 3"), timeout=10000)

    # The first compartment: opened from the screen, its parcel's label scanned.
    index = {screen.compartments.row_at(i).code: i for i in range(2)}
    screen.select_compartment(index[present.compartment.code])
    tap(qtbot, screen, "Open compartment")
    qtbot.waitUntil(lambda: f"Compartment {present.compartment.label} is open" in message.text(), timeout=10000)
    assert board.opened() == [present.compartment.channel]
    vm.on_scan(present.parcel.code)
    qtbot.waitUntil(lambda: row(present.parcel.code)[3] == "✓ present", timeout=10000)

    # The second: staff look and it is empty.
    screen.select_compartment(index[gone.compartment.code])
    tap(qtbot, screen, "Empty")
    qtbot.waitUntil(lambda: "will be listed as missing" in message.text(), timeout=10000)
    qtbot.waitUntil(lambda: row(gone.parcel.code)[3] == "not found", timeout=10000)
    assert progress.text().startswith("2 of 3")

    tap(qtbot, screen, "Reconcile")
    discrepancies = by_name(screen, "Discrepancies")
    assert isinstance(discrepancies, QTableView)
    qtbot.waitUntil(lambda: discrepancies.model().rowCount() == 1, timeout=10000)
    model = discrepancies.model()
    assert [model.index(0, c).data() for c in range(3)] == ["missing", gone.parcel.code, gone.compartment.code]


# --------------------------------------------------------------------------- the health bar


@pytest.fixture
def kiosk(qtbot: QtBot, settings: Settings, db: Database) -> Iterator[tuple[KioskApplication, Lockers]]:
    lockers = make_lockers(db)
    lockers.service.intake(request(lockers), lockers.building.staff)
    app = build_application(settings, kiosk_id="gui-test")
    qtbot.addWidget(app.window)
    app.window.resize(1280, 800)
    app.window.show()
    yield app, lockers
    app.close()


def test_the_health_bar_shows_free_compartments_and_a_silent_board(qtbot: QtBot, kiosk) -> None:
    app, _ = kiosk
    chip = app.health.chips["lockers"]
    assert chip.isHidden()  # nothing known before staff sign in
    type_code(qtbot, app.window, "1111")
    qtbot.waitUntil(lambda: app.window.current_screen is app.window.staff_shell, timeout=5000)
    # Layout: S 1, 2, 6 · M 3, 4, 7 · L 5; one small parcel is in compartment 1.
    qtbot.waitUntil(lambda: not chip.isHidden() and chip.text() == "Lockers: free S 2 · M 3 · L 1", timeout=10000)
    assert app.health.state_of("lockers") == "ok"

    app.lockers.boards.get(SIM_URL, 1).offline = True  # type: ignore[attr-defined]
    shell = app.window.staff_shell
    assert shell is not None
    shell.nav_buttons["Lockers"].click()  # the Lockers screen reads every board when shown
    qtbot.waitUntil(lambda: app.health.state_of("lockers") == "bad", timeout=10000)
    assert chip.text().startswith("Lockers: board offline (Lobby 1)")
    assert app.window.width() == 1280  # the extra chip does not widen the kiosk's window


def test_no_lockers_chip_without_a_bank(qtbot: QtBot, settings: Settings, db: Database) -> None:
    make_building(db)
    app = build_application(settings, kiosk_id="gui-test")
    qtbot.addWidget(app.window)
    app.window.show()
    try:
        type_code(qtbot, app.window, "1111")
        qtbot.waitUntil(lambda: app.window.current_screen is app.window.staff_shell, timeout=5000)
        shell = app.window.staff_shell
        assert shell is not None
        shell.nav_buttons["Lockers"].click()  # its banks (none) reach the health bar too
        qtbot.waitUntil(lambda: label(app.window, "Locker summary").text() == "No locker banks are set up.",
                        timeout=10000)
        assert app.health.chips["lockers"].isHidden()
    finally:
        app.close()


# --------------------------------------------------------------------------- import on screen


@pytest.fixture
def lockers_screen(qtbot: QtBot, db: Database, runner: TaskRunner, tmp_path: Path
                   ) -> Iterator[tuple[LockersScreen, list[StaffSession]]]:
    building = make_building(db)
    coord = LockerCoordinator(LockerService(db, building.parcels, kiosk_id="test"), LockBoards())
    who = [StaffSession(building.staff_id, "Alex Admin", Role.ADMIN, datetime.now(UTC))]
    vm = LockersViewModel(coord, runner, staff=lambda: who[0])
    screen = LockersScreen(vm)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    yield screen, who
    coord.close()


def test_an_admin_imports_a_bank_from_csv_on_the_lockers_screen(qtbot: QtBot, lockers_screen,
                                                               tmp_path: Path) -> None:
    screen, _ = lockers_screen
    summary, message = label(screen, "Locker summary"), label(screen, "Lockers message")
    qtbot.waitUntil(lambda: summary.text() == "No locker banks are set up.", timeout=10000)
    broken, good = tmp_path / "broken.csv", tmp_path / "good.csv"
    broken.write_text(BROKEN, encoding="utf-8")
    good.write_text(GOOD, encoding="utf-8")

    screen.choose_file = lambda: str(broken)
    tap(qtbot, screen, "Import bank from CSV")
    qtbot.waitUntil(lambda: "nothing was changed" in message.text(), timeout=10000)
    assert "row 3, size: 'huge' is not a size" in message.text()
    assert "row 4, channel:" in message.text()
    assert summary.text() == "No locker banks are set up."

    screen.choose_file = lambda: str(good)
    tap(qtbot, screen, "Import bank from CSV")
    qtbot.waitUntil(lambda: "imported" in message.text(), timeout=10000)
    qtbot.waitUntil(lambda: "Lobby: 4 free" in summary.text(), timeout=10000)
    assert isinstance(by_name(screen, "Lobby compartment 4"), QPushButton)

    screen.choose_file = lambda: ""  # cancelled: nothing happens
    tap(qtbot, screen, "Import bank from CSV")


def test_only_an_admin_sees_the_import(qtbot: QtBot, lockers_screen) -> None:
    screen, who = lockers_screen
    button = by_name(screen, "Import bank from CSV")
    assert not button.isHidden()
    who[0] = StaffSession(who[0].staff_id, "Sam Staff", Role.STAFF, datetime.now(UTC))
    screen.hide()
    screen.show()
    assert button.isHidden()
    screen._vm.import_csv("whatever.csv")
    qtbot.waitUntil(lambda: "Only an administrator" in label(screen, "Lockers message").text(), timeout=5000)
