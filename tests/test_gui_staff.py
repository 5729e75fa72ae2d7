"""Staff mode in the real window: PIN on the resident keypad, intake scan after scan, undo, sign-out."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QPushButton, QTableView
from pytestqt.qtbot import QtBot

from kiosk.config import Settings
from kiosk.persistence.models import ParcelStatus
from kiosk.persistence.uow import Database
from kiosk.services.parcels import IntakeRequest
from tests.factories import Building, make_building, ups_number
from tests.test_gui_pickup import by_name, type_code
from ui.app import KioskApplication, build_application
from ui.screens.staff.parcels import ParcelListScreen

pytestmark = pytest.mark.gui


@pytest.fixture
def desk(qtbot: QtBot, settings: Settings, db: Database) -> Iterator[tuple[KioskApplication, Building]]:
    building = make_building(db)
    app = build_application(settings, kiosk_id="gui-staff")
    qtbot.addWidget(app.window)
    app.window.show()
    yield app, building
    app.close()


def sign_in(qtbot: QtBot, app: KioskApplication, pin: str = "1111") -> None:
    type_code(qtbot, app.window, pin)
    qtbot.waitUntil(lambda: app.window.current_screen is app.window.staff_shell, timeout=5000)


def test_pin_on_the_keypad_opens_staff_mode_and_sign_out_returns(qtbot: QtBot, desk) -> None:
    app, _ = desk
    sign_in(qtbot, app)
    who = by_name(app.window, "Signed in as")
    assert isinstance(who, QLabel) and who.text().startswith("Sam Staff")
    qtbot.mouseClick(by_name(app.window, "Sign out"), Qt.MouseButton.LeftButton)
    assert app.window.current_screen is app.window.welcome
    assert app.staff_session.session is None


def test_wrong_pin_gets_the_same_neutral_message_as_a_wrong_code(qtbot: QtBot, desk) -> None:
    app, _ = desk
    type_code(qtbot, app.window, "9999")
    message = by_name(app.window, "Message")
    assert isinstance(message, QLabel)
    qtbot.waitUntil(lambda: "not accepted" in message.text(), timeout=5000)
    assert app.window.current_screen is app.window.welcome
    assert "PIN" not in message.text() and "staff" not in message.text().lower()


def test_scan_pick_resident_save_then_undo(qtbot: QtBot, desk) -> None:
    app, building = desk
    sign_in(qtbot, app)
    window = app.window
    number = ups_number()
    app.intake.on_scan(number)
    tracking = by_name(window, "Tracking number")
    assert isinstance(tracking, QLabel) and number in tracking.text() and "UPS" in tracking.text()
    search = by_name(window, "Resident search")
    assert isinstance(search, QLineEdit)
    search.setText("chen")
    matches = by_name(window, "Resident matches")
    assert isinstance(matches, QListWidget)
    qtbot.waitUntil(lambda: matches.count() >= 1, timeout=5000)
    item = matches.item(0)
    assert "Wei Chen" in item.text() and "202" in item.text()
    matches.itemClicked.emit(item)
    recipient = by_name(window, "Recipient")
    assert isinstance(recipient, QLabel) and "Wei Chen" in recipient.text()
    qtbot.mouseClick(by_name(window, "Save and print"), Qt.MouseButton.LeftButton)
    tally = by_name(window, "Session tally")
    assert isinstance(tally, QLabel)
    qtbot.waitUntil(lambda: tally.text().startswith("1 "), timeout=5000)
    saved = building.parcels.waiting_for_resident(building.residents["202:Wei"])
    assert [p.tracking_number for p in saved] == [number]
    message = by_name(window, "Intake message")
    assert isinstance(message, QLabel) and "unit 202" in message.text()

    qtbot.mouseClick(by_name(window, "Undo last"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tally.text().startswith("0 "), timeout=5000)
    assert building.parcels.waiting_for_resident(building.residents["202:Wei"]) == []
    assert building.parcels.get(saved[0].id).status is ParcelStatus.VOIDED


def test_next_scan_keeps_an_unassigned_parcel_in_needs_attention(qtbot: QtBot, desk) -> None:
    app, building = desk
    sign_in(qtbot, app)
    first, second = ups_number(), ups_number()
    app.intake.on_scan(first)
    app.intake.on_scan(second)  # nobody chosen for the first: it must not be lost
    tally = by_name(app.window, "Session tally")
    assert isinstance(tally, QLabel)
    qtbot.waitUntil(lambda: tally.text().startswith("1 "), timeout=5000)
    attention = building.parcels.needing_attention()
    assert [p.tracking_number for p in attention] == [first]
    tracking = by_name(app.window, "Tracking number")
    assert isinstance(tracking, QLabel) and second in tracking.text()


def test_a_label_that_is_not_a_tracking_number_gets_a_hint(qtbot: QtBot, desk) -> None:
    app, _ = desk
    sign_in(qtbot, app)
    app.intake.on_scan("4006381")
    message = by_name(app.window, "Intake message")
    assert isinstance(message, QLabel) and "not a tracking number" in message.text()
    assert app.intake.draft is None


def test_intake_at_the_desk_e_mails_the_resident_through_the_running_kiosk(
        qtbot: QtBot, settings: Settings, db: Database) -> None:
    from tests.notifications.servers import SmtpServer

    building = make_building(db)
    smtp = SmtpServer()
    smtp.start()
    app = build_application(settings.replace(notifications__email_url=smtp.url, notifications__batch_minutes=0),
                            kiosk_id="gui-mail")
    try:
        qtbot.addWidget(app.window)
        app.window.show()
        app.start()  # the scheduled jobs, the outbox sender among them
        sign_in(qtbot, app)
        number = ups_number()
        app.intake.on_scan(number)
        app.intake.search("Maria Garcia")
        hits = app.directory.search("Maria Garcia")
        app.intake.choose(hits[0])
        app.intake.confirm()
        qtbot.waitUntil(lambda: any(m.rcpt_tos == ["maria@example.com"] for m in smtp.messages), timeout=30000)
        mail = next(m for m in smtp.messages if m.rcpt_tos == ["maria@example.com"])
        parcel = building.parcels.waiting_for_resident(building.residents["101:Maria"])[0]
        assert parcel.tracking_number == number
        body = mail.message.get_body(preferencelist=("plain",))
        assert body is not None
        assert parcel.location_name is not None and parcel.location_name in body.get_content()
    finally:
        app.close()
        smtp.stop()


def test_parcel_list_finds_by_last_digits_moves_and_marks_lost(qtbot: QtBot, desk) -> None:
    app, building = desk
    wei = building.residents["202:Wei"]
    number = ups_number()
    parcel = building.parcels.intake(IntakeRequest(number, resident_id=wei, location_code="A1"),
                                     building.staff).parcel
    sign_in(qtbot, app)
    window = app.window
    qtbot.mouseClick(by_name(window, "Parcels"), Qt.MouseButton.LeftButton)
    search = by_name(window, "Parcel search")
    assert isinstance(search, QLineEdit)
    search.setText(number[-5:])
    qtbot.waitUntil(lambda: [p.id for p in app.parcel_list.rows] == [parcel.id], timeout=5000)
    table = by_name(window, "Parcel table")
    assert isinstance(table, QTableView)
    table.selectRow(0)
    history = by_name(window, "Custody history")
    assert isinstance(history, QListWidget)
    qtbot.waitUntil(lambda: history.count() >= 1, timeout=5000)
    assert "received" in history.item(0).text()

    qtbot.mouseClick(by_name(window, "Move to shelf"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(w.accessibleName() == "Shelf A2" and w.isVisible()
                                for w in window.findChildren(QPushButton)), timeout=5000)
    qtbot.mouseClick(by_name(window, "Shelf A2"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: building.parcels.get(parcel.id).location_code == "A2", timeout=5000)

    qtbot.waitUntil(lambda: by_name(window, "Mark lost").isEnabled(), timeout=5000)
    qtbot.mouseClick(by_name(window, "Mark lost"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(by_name(window, "Reason 1"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: building.parcels.get(parcel.id).status is ParcelStatus.LOST, timeout=5000)
    assert building.parcels.history(parcel.id)[-1]["reason"] == "Not found in the room"
    qtbot.waitUntil(lambda: app.parcel_list.rows == [], timeout=5000)  # gone from the waiting list


def test_a_search_shows_the_newest_parcels_and_says_when_there_are_more(qtbot: QtBot, desk,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A unit's whole history can be hundreds of parcels: a search shows the newest SEARCH_LIMIT and says
    so (here 3), the list without a search shows them all."""
    from kiosk.services import parcels as parcels_module

    monkeypatch.setattr(parcels_module, "SEARCH_LIMIT", 3)
    app, building = desk
    maria = building.residents["101:Maria"]
    made = [building.parcels.intake(IntakeRequest(ups_number(), resident_id=maria), building.staff).parcel
            for _ in range(4)]
    sign_in(qtbot, app)
    qtbot.mouseClick(by_name(app.window, "Parcels"), Qt.MouseButton.LeftButton)
    count = by_name(app.window, "Parcel count")
    qtbot.waitUntil(lambda: len(app.parcel_list.rows) == 4, timeout=5000)
    assert count.text() == "4 parcels"
    search = by_name(app.window, "Parcel search")
    assert isinstance(search, QLineEdit)
    search.setText("101")
    qtbot.waitUntil(lambda: [p.id for p in app.parcel_list.rows] == [p.id for p in made[:0:-1]], timeout=5000)
    assert count.text() == "The newest 3 parcels; type more to narrow the search"


def test_perishable_waiting_too_long_is_red_in_the_list(qtbot: QtBot, desk) -> None:
    app, building = desk
    from datetime import UTC, datetime, timedelta

    maria = building.residents["101:Maria"]
    old = building.parcels.intake(IntakeRequest(ups_number(), resident_id=maria, perishable=True), building.staff,
                                  now=datetime.now(UTC) - timedelta(hours=6)).parcel
    fresh = building.parcels.intake(IntakeRequest(ups_number(), resident_id=maria, perishable=True),
                                    building.staff).parcel
    sign_in(qtbot, app)
    qtbot.mouseClick(by_name(app.window, "Parcels"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(by_name(app.window, "List Perishables"), Qt.MouseButton.LeftButton)
    screen = app.window.findChild(ParcelListScreen)
    assert screen is not None
    qtbot.waitUntil(lambda: {p.id for p in screen.model.rows} == {old.id, fresh.id}, timeout=5000)
    red = {screen.model.row_at(r).id for r in range(screen.model.rowCount()) if screen.model.is_alert(r)}
    assert red == {old.id}


def _set_badges(db: Database, building: Building) -> None:
    from kiosk.persistence.models import Resident, StaffUser

    with db.uow() as uow:
        uow.session.get(StaffUser, building.staff_id).badge_id = "STAFF-7781"
        uow.session.get(Resident, building.residents["202:Wei"]).badge_id = "FOB-20201"
        uow.commit()


def test_scanner_badge_opens_staff_mode_and_parcels_scan_into_intake(qtbot: QtBot, desk, db: Database) -> None:
    app, building = desk
    _set_badges(db, building)
    scanner = app.devices.scanner
    assert scanner is not None and hasattr(scanner, "inject")
    scanner.inject("STAFF-7781")  # the simulated scanner, from its own thread, like a real one
    qtbot.waitUntil(lambda: app.window.current_screen is app.window.staff_shell, timeout=5000)
    number = ups_number()
    scanner.inject(number)
    qtbot.waitUntil(lambda: app.intake.draft is not None, timeout=5000)
    assert app.intake.draft is not None and app.intake.draft.tracking.number == number
    assert app.router.last == ("Intake screen", number)


def test_resident_fob_and_pickup_qr_by_scanner_show_only_their_parcels(qtbot: QtBot, desk, db: Database) -> None:
    app, building = desk
    _set_badges(db, building)
    wei, maria = building.residents["202:Wei"], building.residents["101:Maria"]
    mine = building.parcels.intake(IntakeRequest(ups_number(), resident_id=wei), building.staff).parcel
    building.parcels.intake(IntakeRequest(ups_number(), resident_id=maria), building.staff)
    scanner = app.devices.scanner
    assert scanner is not None
    scanner.inject("FOB-20201")
    window = app.window
    qtbot.waitUntil(lambda: window.current_screen is window.my_parcels, timeout=5000)
    assert window.my_parcels.shown_codes == [mine.code]
    app.pickup.reset()
    qtbot.waitUntil(lambda: window.current_screen is window.welcome, timeout=5000)
    code = building.credentials.reissue(maria, building.staff, code="555123")
    scanner.inject(code)  # the QR in Maria's message carries her code
    qtbot.waitUntil(lambda: window.current_screen is window.my_parcels, timeout=5000)
    assert window.my_parcels.shown_codes and mine.code not in window.my_parcels.shown_codes
    app.pickup.reset()
    scanner.inject("FOB-99999")  # nobody's fob: the same neutral message as a wrong code
    message = by_name(window, "Message")
    assert isinstance(message, QLabel)
    qtbot.waitUntil(lambda: "not accepted" in message.text(), timeout=5000)
