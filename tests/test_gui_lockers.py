"""The locker screens on real widgets: the resident's compartment-by-compartment pickup and the staff
overview, over a real SQLite file, simulated boards and the real task runner (worker threads)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from hardware.lockers import SimLockBoard
from hardware.lockers.coordinator import LockerCoordinator
from kiosk.persistence.models import ParcelStatus, Role
from kiosk.persistence.uow import Database
from kiosk.services.credentials import CredentialMatch
from kiosk.services.lockers import RESIDENT_CONFIRMED, CompartmentState
from kiosk.services.staff import StaffSession
from tests.lockers_support import Lockers, coordinator, make_lockers, parcel_row, request, sim
from tests.qtdrive import by_name
from ui.screens.locker_pickup import LockerPickupScreen
from ui.screens.staff.lockers import LockersScreen
from ui.tasks import TaskRunner
from ui.viewmodels.locker_pickup import DONE, FAILED, NO_ANSWER, OPEN, LockerPickupViewModel
from ui.viewmodels.lockers import LockersViewModel

pytestmark = pytest.mark.gui


def text_of(root: QWidget, name: str) -> str:
    label = by_name(root, name)
    assert isinstance(label, QLabel)
    return label.text()


def tap(qtbot: QtBot, root: QWidget, name: str) -> None:
    qtbot.mouseClick(by_name(root, name), Qt.MouseButton.LeftButton)


def unnamed_controls(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QPushButton) + root.findChildren(QLabel) if not w.accessibleName()]


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


@pytest.fixture
def lockers(db: Database) -> Lockers:
    return make_lockers(db)


def load(coord: LockerCoordinator, lockers: Lockers, count: int) -> list[int]:
    board = sim(coord)

    def staff_loads(channel: int) -> None:
        board.put_item(channel)
        board.close_door(channel)

    board.on_open = staff_loads
    ids = []
    for _ in range(count):
        _, loaded = coord.intake_and_load(request(lockers), lockers.building.staff)
        assert loaded is not None and loaded.closed
        ids.append(loaded.parcel.id)
    board.on_open = None
    return ids


def sign_in(lockers: Lockers) -> CredentialMatch:
    building = lockers.building
    code = building.credentials.reissue(building.residents["101:Maria"], building.staff)
    return building.credentials.verify(code, "gui-test")


@pytest.fixture
def pickup(qtbot: QtBot, lockers: Lockers, runner: TaskRunner
           ) -> tuple[LockerPickupScreen, LockerPickupViewModel, LockerCoordinator, SimLockBoard]:
    coord, _ = coordinator(lockers)
    vm = LockerPickupViewModel(coord, runner, poll_ms=20, timeout_seconds=600)
    screen = LockerPickupScreen(vm)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    return screen, vm, coord, sim(coord)


def test_compartments_one_after_another_in_huge_type(qtbot: QtBot, db: Database, lockers: Lockers,
                                                     pickup: tuple[LockerPickupScreen, LockerPickupViewModel,
                                                                   LockerCoordinator, SimLockBoard]) -> None:
    screen, vm, coord, board = pickup
    ids = load(coord, lockers, 2)
    vm.start(sign_in(lockers))
    qtbot.waitUntil(lambda: vm.phase == OPEN and screen.shown_number == "1", timeout=5000)
    assert text_of(screen, "Compartment caption") == "Compartment"
    assert text_of(screen, "Locker progress") == "Compartment 1 of 2"
    assert text_of(screen, "Locker bank") == "Lobby"
    assert "Take your parcel, close the door, then tap Done" in text_of(screen, "Locker instructions")
    assert screen.number.font().pixelSize() >= 150 or "200px" in screen.number.styleSheet()
    done = by_name(screen, "Done")
    assert isinstance(done, QPushButton) and done.isEnabled() and done.height() >= 96
    assert unnamed_controls(screen) == []
    # The resident takes the parcel and shuts the door: the board says empty and closed; on to the next.
    board.take_item(1)
    board.close_door(1)
    qtbot.waitUntil(lambda: vm.phase == OPEN and screen.shown_number == "2", timeout=5000)
    assert text_of(screen, "Locker progress") == "Compartment 2 of 2"
    # This time they tap Done before the door reports anything.
    tap(qtbot, screen, "Done")
    qtbot.waitUntil(lambda: vm.phase == DONE, timeout=5000)
    assert text_of(screen, "Locker instructions") == "All done. Thank you!"
    assert screen.shown_number == ""
    assert [parcel_row(db, pid).status for pid in ids] == [ParcelStatus.PICKED_UP] * 2
    assert vm.outcomes[1].how == RESIDENT_CONFIRMED
    with qtbot.waitSignal(vm.dismissed, timeout=2000):
        tap(qtbot, screen, "Finish")
    assert vm.step is None


def test_a_failed_compartment_then_a_board_that_stops_answering(qtbot: QtBot, db: Database, lockers: Lockers,
                                                                pickup: tuple[LockerPickupScreen,
                                                                              LockerPickupViewModel,
                                                                              LockerCoordinator,
                                                                              SimLockBoard]) -> None:
    screen, vm, coord, board = pickup
    first, second = load(coord, lockers, 2)
    board.jam(1)
    vm.start(sign_in(lockers))
    qtbot.waitUntil(lambda: vm.phase == FAILED, timeout=5000)
    assert screen.shown_number == "1"
    assert text_of(screen, "Locker message") == "Compartment 1 could not be opened."
    assert text_of(screen, "Locker instructions") == "Your parcel is safe. Please see the front desk."
    tap(qtbot, screen, "Next")
    qtbot.waitUntil(lambda: vm.phase == OPEN and screen.shown_number == "2", timeout=5000)
    board.take_item(2)
    board.offline = True  # the board stops answering while compartment 2 stands open
    qtbot.waitUntil(lambda: vm.phase == NO_ANSWER, timeout=5000)
    assert "not responding" in text_of(screen, "Locker message")
    tap(qtbot, screen, "Done")
    qtbot.waitUntil(lambda: vm.phase == DONE, timeout=5000)
    assert text_of(screen, "Locker instructions") == "Done. The front desk has the rest of your parcels."
    stuck = parcel_row(db, first)
    assert stuck.status.is_waiting and stuck.needs_attention
    assert parcel_row(db, second).status == ParcelStatus.PICKED_UP
    states = {c.label: c.state for c in lockers.service.banks()[0].compartments}
    assert (states["1"], states["2"]) == (CompartmentState.OUT_OF_SERVICE, CompartmentState.UNAVAILABLE)


def test_leaving_with_a_compartment_open_flags_it_for_staff(qtbot: QtBot, db: Database, lockers: Lockers,
                                                            runner: TaskRunner,
                                                            pickup: tuple[LockerPickupScreen,
                                                                          LockerPickupViewModel,
                                                                          LockerCoordinator, SimLockBoard]) -> None:
    screen, vm, coord, _ = pickup
    (parcel_id,) = load(coord, lockers, 1)
    vm.start(sign_in(lockers))
    qtbot.waitUntil(lambda: vm.phase == OPEN, timeout=5000)
    vm.reset()  # idle timeout: the resident walked away
    assert runner.wait(5000)
    assert screen.shown_number == ""
    row = parcel_row(db, parcel_id)
    assert row.status.is_waiting and "pickup was not confirmed" in row.attention_reason


# -- staff ----------------------------------------------------------------------------------------------


def test_staff_overview_out_of_service_and_open_for_service(qtbot: QtBot, db: Database, lockers: Lockers,
                                                            runner: TaskRunner) -> None:
    coord, _ = coordinator(lockers)
    load(coord, lockers, 1)
    session = StaffSession(lockers.building.staff_id, "Sam Staff", Role.STAFF, datetime.now(UTC))
    vm = LockersViewModel(coord, runner, staff=lambda: session)
    screen = LockersScreen(vm)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()  # refreshes, polling the boards
    qtbot.waitUntil(lambda: len(screen.compartment_buttons) == 7, timeout=5000)
    assert by_name(screen, "Lobby compartment 1").accessibleDescription() == "occupied"
    assert by_name(screen, "Lobby compartment 2").accessibleDescription() == "free"
    assert "Lobby: 6 free, 1 occupied" in text_of(screen, "Locker summary")
    assert unnamed_controls(screen) == []

    tap(qtbot, screen, "Lobby compartment 3")
    assert "Compartment 3 · Lobby" in text_of(screen, "Compartment details")
    tap(qtbot, screen, "Out of service")
    qtbot.waitUntil(lambda: by_name(screen, "Lobby compartment 3").accessibleDescription() == "out of service",
                    timeout=5000)
    assert text_of(screen, "Lockers message") == "Compartment 3 is out of service."

    tap(qtbot, screen, "Lobby compartment 2")
    tap(qtbot, screen, "Open for service")
    qtbot.waitUntil(lambda: by_name(screen, "Lobby compartment 2").accessibleDescription() == "door open",
                    timeout=5000)
    assert "Compartment 2 is open" in text_of(screen, "Lockers message")

    sim(coord).offline = True
    tap(qtbot, screen, "Refresh lockers")
    qtbot.waitUntil(lambda: by_name(screen, "Lobby compartment 1").accessibleDescription() == "unavailable",
                    timeout=5000)
    assert "not answering" in text_of(screen, "Lockers message")
    assert by_name(screen, "Lobby compartment 6").accessibleDescription() == "free"  # board 1 still answers
