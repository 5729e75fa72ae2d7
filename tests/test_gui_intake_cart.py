"""A cart of 50 parcels through the real intake screen, by simulated scans, with the printer running out
of paper half-way: every parcel is logged once, the odd ones are caught, and every label prints once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget
from pytestqt.qtbot import QtBot

from hardware.printer.sim import SimPrinter
from hardware.scanner.sim import SimScanner
from kiosk.config import Settings
from kiosk.persistence.models import ExpectedParcel, LocationKind, ParcelStatus
from kiosk.persistence.uow import Database
from kiosk.services.parcels import IntakeRequest
from tests.factories import Building, make_building, ups_number, usps_number
from tests.test_gui_pickup import by_name
from tests.test_gui_staff import sign_in
from ui.app import KioskApplication, build_application

pytestmark = pytest.mark.gui


@pytest.fixture
def desk(qtbot: QtBot, settings: Settings, db: Database) -> Iterator[tuple[KioskApplication, Building]]:
    building = make_building(db)
    app = build_application(settings, kiosk_id="gui-cart")
    qtbot.addWidget(app.window)
    app.window.show()
    yield app, building
    app.close()


def test_a_cart_of_50_parcels(qtbot: QtBot, desk: tuple[KioskApplication, Building], db: Database) -> None:
    app, building = desk
    maria, wei = building.residents["101:Maria"], building.residents["202:Wei"]
    qtbot.waitUntil(lambda: isinstance(app.devices.printer, SimPrinter), timeout=10000)
    printer = app.devices.printer
    scanner = app.devices.scanner
    assert isinstance(printer, SimPrinter) and isinstance(scanner, SimScanner)
    printed: list[str] = []
    app.bridge.label_printed.connect(printed.append)

    already_here = building.parcels.intake(IntakeRequest(ups_number(), resident_id=wei), building.staff).parcel
    expected = [ups_number() for _ in range(20)]
    with db.uow() as uow:
        uow.session.add_all(ExpectedParcel(resident_id=maria, tracking_number=n) for n in expected)
        uow.commit()
    sign_in(qtbot, app)
    window = app.window
    tally = by_name(window, "Session tally")
    message = by_name(window, "Intake message")
    assert isinstance(tally, QLabel) and isinstance(message, QLabel)

    def scan(text: str) -> None:
        scanner.inject(text)
        qtbot.waitUntil(lambda: app.intake.draft is not None and app.intake.draft.scan == text, timeout=5000)

    def saved(n: int) -> None:
        qtbot.waitUntil(lambda: len(app.intake.session_parcels) == n, timeout=10000)

    # 20 pre-registered parcels: one scan each, the resident named by the pre-registration.
    for index, number in enumerate(expected):
        scan(number)
        qtbot.waitUntil(lambda: app.intake.draft is not None and app.intake.draft.certain, timeout=5000)
        if index == 10:
            printer.paper_out = True  # the roll runs out mid-cart: intake goes on, labels wait
    qtbot.mouseClick(by_name(window, "Save and print"), Qt.MouseButton.LeftButton)
    saved(20)
    qtbot.waitUntil(lambda: "paper" in app.health.text_of("printer").lower(), timeout=10000)

    # 26 parcels for Wei: one scan, one tap on the proposed resident; the next scan saves it.
    for index in range(26):
        scan(usps_number() if index % 2 else ups_number())
        app.intake.search("wei chen")
        matches = by_name(window, "Resident matches")
        assert isinstance(matches, QListWidget) and matches.count() >= 1
        matches.itemClicked.emit(matches.item(0))
        if index == 25:
            qtbot.mouseClick(by_name(window, "Perishable"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(by_name(window, "Save and print"), Qt.MouseButton.LeftButton)
    saved(46)

    # The same parcel again: flagged at the scan, not logged twice.
    scan(already_here.tracking_number)
    qtbot.waitUntil(lambda: "Already in the room" in message.text(), timeout=5000)
    # A barcode that is not a tracking number: a hint, no draft.
    scanner.inject("4006381333931")
    qtbot.waitUntil(lambda: "not a tracking number" in message.text(), timeout=5000)
    # A parcel for nobody known here: saved to needs attention by the next scan, never lost.
    unknown = ups_number()
    scan(unknown)
    last = ups_number()
    scan(last)
    saved(47)
    app.intake.choose(app.directory.search("maria garcia")[0])
    qtbot.mouseClick(by_name(window, "Save and print"), Qt.MouseButton.LeftButton)
    saved(48)
    # and two more for Maria, to make 50 scans of parcels through the screen
    for _ in range(2):
        scan(ups_number())
        app.intake.choose(app.directory.search("maria garcia")[0])
        qtbot.mouseClick(by_name(window, "Save and print"), Qt.MouseButton.LeftButton)
    saved(50)

    assert tally.text().startswith("50 ")
    session = app.intake.session_parcels
    assert len({p.tracking_number for p in session}) == 50
    assert already_here.tracking_number not in {p.tracking_number for p in session}
    attention = [p for p in session if p.needs_attention]
    assert [p.tracking_number for p in attention] == [unknown]
    assert sum(1 for p in session if p.resident_id == maria) == 20 + 3
    perishable = [p for p in session if p.perishable]
    assert len(perishable) == 1 and perishable[0].location_kind == LocationKind.FRIDGE
    assert all(p.status == ParcelStatus.RECEIVED or p.status == ParcelStatus.NOTIFIED for p in session)

    # Paper back: every label prints, once each, none lost while the printer waited.
    assert len(printed) < 50
    printer.paper_out = False
    queue = app.devices.print_queue
    assert queue is not None
    queue.resume_now()
    qtbot.waitUntil(lambda: len(printed) == 50, timeout=30000)
    assert len(set(printed)) == 50 and len(printer.images) == 50
    assert {job.split(":")[1] for job in printed} == {p.code for p in session}
