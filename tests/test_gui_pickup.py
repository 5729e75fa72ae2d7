"""The real kiosk window, built by the composition root, driven by accessible names."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import Settings
from kiosk.persistence.uow import Database
from kiosk.services.parcels import IntakeRequest
from tests.factories import make_building, ups_number
from tests.qtdrive import by_name
from ui.app import KioskApplication, build_application

pytestmark = pytest.mark.gui


def type_code(qtbot: QtBot, window: QWidget, code: str) -> None:
    for digit in code:
        qtbot.mouseClick(by_name(window, f"Digit {digit}"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(by_name(window, "OK"), Qt.MouseButton.LeftButton)


@pytest.fixture
def kiosk(qtbot: QtBot, settings: Settings, db: Database) -> Iterator[tuple[KioskApplication, str, list[str]]]:
    building = make_building(db)
    maria = building.residents["101:Maria"]
    codes = [building.parcels.intake(IntakeRequest(ups_number(), resident_id=maria), building.staff).parcel.code
             for _ in range(2)]
    code = building.credentials.reissue(maria, building.staff, code="482913")
    app = build_application(settings.replace(pickup__max_attempts=3), kiosk_id="gui-test")
    qtbot.addWidget(app.window)
    app.window.show()
    yield app, code, codes
    app.close()


def test_code_shows_only_my_parcels_with_shelves(qtbot: QtBot, kiosk: tuple[KioskApplication, str, list[str]]) -> None:
    app, code, codes = kiosk
    window = app.window
    assert by_name(window, "Code entered").property("empty") is True
    type_code(qtbot, window, code)
    qtbot.waitUntil(lambda: window.current_screen is window.my_parcels, timeout=5000)
    greeting = by_name(window, "Greeting")
    assert isinstance(greeting, QLabel) and greeting.text() == "Hello, Maria G."
    assert sorted(window.my_parcels.shown_codes) == sorted(codes)
    shelves = [w.text() for w in window.my_parcels.findChildren(QLabel) if w.accessibleName() == "Shelf"]
    assert set(shelves) <= {"A1", "A2"} and shelves


def test_wrong_code_gives_one_neutral_message_then_locks(qtbot: QtBot,
                                                         kiosk: tuple[KioskApplication, str, list[str]]) -> None:
    app, code, _ = kiosk
    window = app.window
    message = by_name(window, "Message")
    assert isinstance(message, QLabel)
    type_code(qtbot, window, code[:-1] + str((int(code[-1]) + 1) % 10))  # one digit off
    qtbot.waitUntil(lambda: "not accepted" in message.text(), timeout=5000)
    assert window.current_screen is window.welcome
    type_code(qtbot, window, "111111")
    qtbot.waitUntil(lambda: message.text().count("not accepted") == 1 and app.pickup.state == "entry",
                    timeout=5000)
    type_code(qtbot, window, "222222")
    qtbot.waitUntil(lambda: "Too many wrong codes" in message.text(), timeout=5000)
    keypad = by_name(window, "Keypad")
    assert not keypad.isEnabled()
    # even the right code cannot get through while locked
    app.pickup.submit_credential(code)
    assert window.current_screen is window.welcome


def test_idle_reset_clears_everything_the_last_person_saw(qtbot: QtBot,
                                                          kiosk: tuple[KioskApplication, str, list[str]]) -> None:
    app, code, _ = kiosk
    window = app.window
    type_code(qtbot, window, code)
    qtbot.waitUntil(lambda: window.current_screen is window.my_parcels, timeout=5000)
    app.idle.idle.emit()  # the idle timer firing
    assert window.current_screen is window.welcome
    assert window.my_parcels.shown_codes == []
    greeting = window.my_parcels.findChildren(QLabel)[0]
    assert greeting.text() == ""
    for digit in "12":
        qtbot.mouseClick(by_name(window, f"Digit {digit}"), Qt.MouseButton.LeftButton)
    app.idle.idle.emit()
    assert app.pickup.code_length == 0


def test_done_button_returns_to_the_start(qtbot: QtBot, kiosk: tuple[KioskApplication, str, list[str]]) -> None:
    app, code, _ = kiosk
    window = app.window
    type_code(qtbot, window, code)
    qtbot.waitUntil(lambda: window.current_screen is window.my_parcels, timeout=5000)
    done = by_name(window, "I'm done")
    assert isinstance(done, QPushButton) and done.height() >= 72
    qtbot.mouseClick(done, Qt.MouseButton.LeftButton)
    assert window.current_screen is window.welcome
