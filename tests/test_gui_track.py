""""Is my package here?" and expected parcels in the real kiosk window, driven by accessible names."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from hardware.scanner.base import ScanEvent
from kiosk.config import Settings
from kiosk.persistence.uow import Database
from kiosk.services.parcels import IntakeRequest, ParcelInfo
from kiosk.services.tracking_lookup import TrackingLookupService
from tests.factories import Building, make_building, ups_number, usps_number
from tests.qtdrive import by_name
from ui.app import KioskApplication, build_application
from ui.viewmodels.track import when

pytestmark = pytest.mark.gui

CODE = "482913"


@dataclass
class Kiosk:
    app: KioskApplication
    building: Building
    parcel: ParcelInfo  # Maria's, waiting on a shelf


@pytest.fixture
def kiosk(qtbot: QtBot, settings: Settings, db: Database) -> Iterator[Kiosk]:
    building = make_building(db)
    maria = building.residents["101:Maria"]
    parcel = building.parcels.intake(IntakeRequest(ups_number(), resident_id=maria), building.staff).parcel
    building.credentials.reissue(maria, building.staff, code=CODE)
    app = build_application(settings, kiosk_id="gui-test")
    qtbot.addWidget(app.window)
    app.window.resize(1280, 800)
    app.window.show()
    yield Kiosk(app, building, parcel)
    app.close()


def click(qtbot: QtBot, window: QWidget, name: str) -> None:
    button = by_name(window, name)
    assert isinstance(button, QPushButton) and button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_on_screen(qtbot: QtBot, window: QWidget, text: str) -> None:
    for ch in text:
        click(qtbot, window, f"Key {ch}")


def label(window: QWidget, name: str) -> str:
    widget = by_name(window, name)
    assert isinstance(widget, QLabel)
    return widget.text()


def visible_texts(window: QWidget) -> list[str]:
    """Everything a passer-by could read on the window now."""
    widgets = [w for w in window.findChildren(QWidget) if w.isVisible()]
    texts = [w.text() for w in widgets if isinstance(w, QLabel | QPushButton | QLineEdit)]
    return [t for t in texts if t]


def test_lookup_before_sign_in_says_when_it_arrived_and_nothing_personal(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, parcel = kiosk.app.window, kiosk.parcel
    button = by_name(window, "Is my package here?")
    assert button.height() >= 72
    click(qtbot, window, "Is my package here?")
    assert window.current_screen.accessibleName() == "Package lookup screen"
    # Typed on the on-screen keyboard, the way a resident copies it from a phone: lower case does not matter.
    type_on_screen(qtbot, window, parcel.tracking_number)
    click(qtbot, window, "Check")
    qtbot.waitUntil(lambda: label(window, "Answer") == "Yes, it is here.", timeout=5000)
    detail = label(window, "Answer detail")
    assert when(parcel.received_at) in detail and "waiting to be picked up" in detail
    # Nothing on screen names the resident, the unit, the shelf or the parcel's code.
    shown = " ".join(visible_texts(window)).replace(parcel.tracking_number, "#")
    for personal in ("Maria", "Garcia", "Maria G.", parcel.unit, parcel.location_name, parcel.location_code,
                     parcel.code):
        assert personal and personal not in shown, personal
    # Back, and the next person finds an empty screen.
    click(qtbot, window, "Back")
    assert window.current_screen is window.welcome
    click(qtbot, window, "Is my package here?")
    field = by_name(window, "Tracking number")
    assert isinstance(field, QLineEdit) and field.text() == ""
    assert label(window, "Answer") == "" and label(window, "Answer detail") == ""


def test_scanned_number_is_looked_up_and_idle_clears_it(qtbot: QtBot, kiosk: Kiosk) -> None:
    app = kiosk.app
    window = app.window
    click(qtbot, window, "Is my package here?")
    unknown = usps_number()
    app.bridge.scanned.emit(ScanEvent(unknown, "code128", "sim:"))
    qtbot.waitUntil(lambda: label(window, "Answer") == "Not here yet.", timeout=5000)
    field = by_name(window, "Tracking number")
    assert isinstance(field, QLineEdit) and field.text() == unknown
    assert unknown in label(window, "Answer detail")
    # The keypad's last digits do not count as a tracking number.
    field.clear()
    type_on_screen(qtbot, window, kiosk.parcel.tracking_number[-6:])
    click(qtbot, window, "Check")
    qtbot.waitUntil(lambda: label(window, "Answer") == "That is not a whole tracking number.", timeout=5000)
    app.idle.idle.emit()  # the idle timer firing
    assert window.current_screen is window.welcome
    answers = [w.text() for w in window.findChildren(QLabel) if w.accessibleName() in ("Answer", "Answer detail")]
    assert field.text() == "" and answers == ["", ""]


def test_pre_registered_number_is_assigned_at_intake(qtbot: QtBot, kiosk: Kiosk, db: Database) -> None:
    app, building = kiosk.app, kiosk.building
    window = app.window
    maria, wei = building.residents["101:Maria"], building.residents["202:Wei"]
    weis = TrackingLookupService(db).register_expected(wei, usps_number())  # someone else's list
    for digit in CODE:
        click(qtbot, window, f"Digit {digit}")
    click(qtbot, window, "OK")
    qtbot.waitUntil(lambda: window.current_screen is window.my_parcels, timeout=5000)
    click(qtbot, window, "Expected parcels")
    assert window.current_screen.accessibleName() == "Expected parcels screen"
    screen = window.current_screen
    qtbot.waitUntil(lambda: by_name(window, "Empty list").isVisible(), timeout=5000)
    assert weis.tracking_number not in " ".join(visible_texts(window))

    scanned, typed = ups_number(), usps_number()
    app.bridge.scanned.emit(ScanEvent(scanned, "code128", "sim:"))
    qtbot.waitUntil(lambda: screen.shown_numbers == [scanned], timeout=5000)  # type: ignore[attr-defined]
    assert "Added" in label(window, "Expected parcels message")
    type_on_screen(qtbot, window, typed)
    click(qtbot, window, "Add")
    qtbot.waitUntil(lambda: screen.shown_numbers == [typed, scanned], timeout=5000)  # type: ignore[attr-defined]
    # The same number again: said plainly, nothing lost.
    app.bridge.scanned.emit(ScanEvent(scanned, "code128", "sim:"))
    qtbot.waitUntil(lambda: "already on your list" in label(window, "Expected parcels message"), timeout=5000)
    assert screen.shown_numbers == [typed, scanned]  # type: ignore[attr-defined]
    click(qtbot, window, f"Remove {typed}")
    qtbot.waitUntil(lambda: screen.shown_numbers == [scanned], timeout=5000)  # type: ignore[attr-defined]
    click(qtbot, window, "Back")
    assert window.current_screen is window.my_parcels
    click(qtbot, window, "I'm done")
    assert window.current_screen is window.welcome

    # At the desk, staff scan the parcel and choose nobody: it is Maria's at once, with her notice.
    result = building.parcels.intake(IntakeRequest(scanned), building.staff)
    assert result.parcel.resident_id == maria and not result.parcel.needs_attention
    assert result.notices_queued > 0
    removed = building.parcels.intake(IntakeRequest(typed), building.staff)
    assert removed.parcel.resident_id is None
