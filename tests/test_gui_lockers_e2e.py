"""Lockers through the composition root: the intake screen puts a small parcel into a compartment that
opens for loading; the resident's code opens the compartment, then the room for the parcel on a shelf."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hardware.lockers import SimLockBoard
from kiosk.config import Settings
from kiosk.persistence.models import LocationKind, ParcelStatus, SizeClass
from kiosk.persistence.uow import Database
from kiosk.services.lockers import LockerService
from kiosk.services.parcels import IntakeRequest
from tests.factories import make_building, ups_number
from tests.lockers_support import SIM_URL, bank_spec
from tests.test_gui_pickup import by_name, type_code
from tests.test_gui_staff import sign_in
from ui.app import build_application

pytestmark = pytest.mark.gui


def test_intake_into_a_locker_then_the_resident_collects_locker_and_room(qtbot: QtBot, settings: Settings,
                                                                         db: Database) -> None:
    building = make_building(db)
    LockerService(db, building.parcels).define_bank(bank_spec(), building.staff)
    maria = building.residents["101:Maria"]
    on_shelf = building.parcels.intake(IntakeRequest(ups_number(), resident_id=maria, size=SizeClass.LARGE,
                                                     location_code="A1"), building.staff).parcel
    app = build_application(settings, kiosk_id="gui-lockers")
    try:
        qtbot.addWidget(app.window)
        app.window.show()
        board = app.lockers.boards.get(SIM_URL, 0)
        assert isinstance(board, SimLockBoard)

        def staff_loads(channel: int) -> None:  # the compartment opened: put the parcel in, close the door
            board.put_item(channel)
            board.close_door(channel)

        board.on_open = staff_loads
        sign_in(qtbot, app)
        app.intake.on_scan(ups_number())
        app.intake.choose(app.directory.search("maria garcia")[0])
        qtbot.mouseClick(by_name(app.window, "Size S"), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(by_name(app.window, "Save and print"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(app.intake.session_parcels) == 1, timeout=10000)
        parcel = app.intake.session_parcels[0]
        assert parcel.location_kind == LocationKind.LOCKER
        qtbot.waitUntil(lambda: f"is in compartment {parcel.location_name}" in
                        by_name(app.window, "Intake message").text(), timeout=10000)
        board.on_open = None
        qtbot.mouseClick(by_name(app.window, "Sign out"), Qt.MouseButton.LeftButton)

        code = building.credentials.reissue(maria, building.staff, code="602244")
        type_code(qtbot, app.window, code)
        window = app.window
        qtbot.waitUntil(lambda: window.current_screen is window.locker_screen, timeout=10000)
        screen = window.locker_screen
        qtbot.waitUntil(lambda: screen.shown_number == parcel.location_name, timeout=10000)
        # The number shows as the open command goes out (on a worker): wait for the door itself.
        qtbot.waitUntil(lambda: any(not board.door_closed(ch) for ch in range(1, 9)), timeout=10000)
        channel = next(ch for ch in range(1, 9) if not board.door_closed(ch))
        board.take_item(channel)
        board.close_door(channel)
        qtbot.waitUntil(lambda: building.parcels.get(parcel.id).status is ParcelStatus.PICKED_UP, timeout=10000)
        # then the room, for the large parcel on shelf A1
        qtbot.waitUntil(lambda: window.current_screen is window.my_parcels, timeout=10000)
        assert window.my_parcels.shown_codes == [on_shelf.code]
        assert building.parcels.get(on_shelf.id).status.is_waiting
    finally:
        app.close()
