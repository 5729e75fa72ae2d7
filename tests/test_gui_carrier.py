"""Carrier drop-off through the real window: the kiosk's simulated door, a real SQLite file.

A carrier taps "Delivery", types their code, the door pulses, they scan parcels and pick units;
a manager issues and revokes codes on the Carriers staff screen. Driven by accessible names.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hardware.door.sim import LOCK, PULSE, UNLOCK, SimDoor
from hardware.scanner.base import ScanEvent
from kiosk.config import Settings
from kiosk.notifications.policy import property_tz
from kiosk.persistence.models import ActorKind, Event, Role, StaffUser
from kiosk.persistence.uow import Database
from kiosk.security import hash_pin
from kiosk.services.carrier_access import CarrierAccessService
from kiosk.services.credentials import load_hasher
from kiosk.services.staff import StaffService
from tests.factories import Building, make_building, ups_number
from tests.qtdrive import by_name
from ui.app import KioskApplication, build_application

pytestmark = pytest.mark.gui


def tap(qtbot: QtBot, root: QWidget, name: str) -> None:
    qtbot.mouseClick(by_name(root, name), Qt.MouseButton.LeftButton)


def type_digits(qtbot: QtBot, root: QWidget, digits: str, ok: bool = True) -> None:
    for digit in digits:
        tap(qtbot, root, f"Digit {digit}")
    if ok:
        tap(qtbot, root, "OK")


def visible(root: QWidget, name: str) -> bool:
    return any(w.accessibleName() == name and w.isVisible() for w in root.findChildren(QWidget))


def text_of(root: QWidget, name: str) -> str:
    label = by_name(root, name)
    assert isinstance(label, QLabel)
    return label.text()


@dataclass(frozen=True)
class Logged:
    kind: str
    actor_kind: ActorKind
    actor_label: str
    data: dict[str, Any]


@dataclass
class Kiosk:
    app: KioskApplication
    building: Building
    service: CarrierAccessService

    @property
    def window(self) -> Any:
        return self.app.window

    def events(self, prefix: str) -> list[Logged]:
        with self.app.db.reader() as uow:
            return [Logged(e.kind, ActorKind(e.actor_kind), e.actor_label, dict(e.data or {}))
                    for e in uow.session.scalars(select(Event).where(Event.kind.like(f"{prefix}%"))
                                                 .order_by(Event.seq))]

    def issue(self, hours: tuple[str, str] = ("00:00", "24:00")) -> str:
        boss = StaffService(self.app.db).sign_in_pin("2468", "test:setup")
        return self.service.issue_code(boss, "UPS", "Morning route", hours).code


@pytest.fixture
def kiosk(qtbot: QtBot, settings: Settings, db: Database) -> Iterator[Kiosk]:
    building = make_building(db)
    with db.uow() as uow:
        uow.session.add(StaffUser(name="Morgan Manager", role=Role.MANAGER, pin_hash=hash_pin("2468")))
        uow.commit()
    settings = settings.replace(devices__door_pulse_seconds=0.5)
    app = build_application(settings, kiosk_id="gui-carrier")
    service = CarrierAccessService(db, load_hasher(db), property_tz(settings))
    qtbot.addWidget(app.window)
    app.window.show()
    try:
        yield Kiosk(app, building, service)
    finally:
        app.close()


def open_delivery(qtbot: QtBot, kiosk: Kiosk) -> None:
    button = by_name(kiosk.window, "Carrier delivery")
    assert button.height() >= 72
    tap(qtbot, kiosk.window, "Carrier delivery")
    assert visible(kiosk.window, "Carrier code entered")


def test_carrier_code_opens_the_door_then_logs_parcels_for_units(qtbot: QtBot, kiosk: Kiosk) -> None:
    window = kiosk.window
    code = kiosk.issue()
    open_delivery(qtbot, kiosk)
    type_digits(qtbot, window, code)
    qtbot.waitUntil(lambda: visible(window, "Carrier greeting"), timeout=5000)
    assert text_of(window, "Carrier greeting") == "Welcome, UPS"

    # the kiosk's own simulated door pulsed for the carrier, and locked again
    supervisor = kiosk.app.devices.door
    assert supervisor is not None and isinstance(supervisor.controller, SimDoor)
    qtbot.waitUntil(lambda: any(a in (UNLOCK, PULSE) for a in supervisor.controller.actions()), timeout=5000)
    qtbot.waitUntil(lambda: text_of(window, "Carrier door status") == "Door locked again", timeout=5000)
    assert supervisor.controller.actions()[-1] == LOCK

    # a parcel scanned, its unit typed and tapped: saved for the unit's only resident, the carrier as actor
    tracking = ups_number()
    kiosk.app.bridge.scanned.emit(ScanEvent(tracking, "code128", "sim:"))
    qtbot.waitUntil(lambda: tracking in text_of(window, "Scanned parcel"), timeout=3000)
    type_digits(qtbot, window, "20", ok=False)
    assert visible(window, "Unit 202")
    tap(qtbot, window, "Unit 202")
    qtbot.waitUntil(lambda: "Logged for unit 202" in text_of(window, "Visit message"), timeout=5000)
    [parcel] = kiosk.building.parcels.by_tracking(tracking)
    assert parcel.resident_id == kiosk.building.residents["202:Wei"] and not parcel.needs_attention
    received = [e for e in kiosk.events("parcel.received") if e.data["tracking"] == parcel.tracking_number]
    assert [(e.actor_kind, e.actor_label) for e in received] == [(ActorKind.CARRIER, "UPS")]
    assert "Parcels logged: 1" in text_of(window, "Logged parcels")

    # the next parcel, for a unit typed in full and confirmed with OK: two residents there, staff choose
    second = ups_number()
    kiosk.app.bridge.scanned.emit(ScanEvent(second, "code128", "sim:"))
    qtbot.waitUntil(lambda: second in text_of(window, "Scanned parcel"), timeout=3000)
    type_digits(qtbot, window, "101")
    qtbot.waitUntil(lambda: kiosk.building.parcels.by_tracking(second) != [], timeout=5000)
    assert kiosk.building.parcels.by_tracking(second)[0].needs_attention

    tap(qtbot, window, "Done")
    assert window.current_screen is window.welcome
    qtbot.waitUntil(lambda: any(e.kind == "carrier.visit_finished" for e in kiosk.events("carrier.")),
                    timeout=5000)
    [finished] = [e for e in kiosk.events("carrier.") if e.kind == "carrier.visit_finished"]
    assert finished.data["parcels_logged"] == 2 and finished.data["left_for_staff"] is False
    # the opening in the event log names the carrier (beside the door supervisor's own record of it)
    [opened] = [e for e in kiosk.events("door.unlocked") if e.actor_kind == ActorKind.CARRIER]
    assert opened.actor_label == "UPS" and opened.data["reason"] == "carrier drop-off"


def test_just_drop_them_off_returns_to_the_start_and_logs_the_visit(qtbot: QtBot, kiosk: Kiosk) -> None:
    window = kiosk.window
    open_delivery(qtbot, kiosk)
    type_digits(qtbot, window, kiosk.issue())
    qtbot.waitUntil(lambda: visible(window, "Just drop them off"), timeout=5000)
    tap(qtbot, window, "Just drop them off")
    assert window.current_screen is window.welcome
    qtbot.waitUntil(lambda: any(e.kind == "carrier.visit_finished" for e in kiosk.events("carrier.")),
                    timeout=5000)
    [finished] = [e for e in kiosk.events("carrier.") if e.kind == "carrier.visit_finished"]
    assert finished.data == {**finished.data, "parcels_logged": 0, "left_for_staff": True}
    # the next person finds an empty keypad
    tap(qtbot, window, "Carrier delivery")
    assert text_of(window, "Carrier code entered") == "Enter your carrier code"


def test_code_outside_its_hours_is_refused_and_the_door_stays_locked(qtbot: QtBot, kiosk: Kiosk) -> None:
    window = kiosk.window
    now = datetime.now().astimezone(property_tz(kiosk.app.settings))
    start, end = now + timedelta(hours=2), now + timedelta(hours=3)
    code = kiosk.issue((start.strftime("%H:00"), end.strftime("%H:00")))
    open_delivery(qtbot, kiosk)
    type_digits(qtbot, window, code)
    qtbot.waitUntil(lambda: "opens the room only from" in text_of(window, "Carrier message"), timeout=5000)
    assert start.strftime("%H:00") in text_of(window, "Carrier message")
    assert not visible(window, "Carrier greeting")
    supervisor = kiosk.app.devices.door
    assert supervisor is not None
    assert not any(a in (UNLOCK, PULSE) for a in supervisor.controller.actions())
    [refused] = [e for e in kiosk.events("carrier.") if e.kind == "carrier.rejected"]
    assert refused.data["reason"] == "outside_hours" and refused.actor_label == "UPS"

    # a wrong code: the neutral message, nothing about carriers or hours
    type_digits(qtbot, window, "12345678")
    qtbot.waitUntil(lambda: "not accepted" in text_of(window, "Carrier message"), timeout=5000)
    assert "UPS" not in text_of(window, "Carrier message")
    tap(qtbot, window, "Back to start")
    assert window.current_screen is window.welcome


def test_manager_issues_a_code_shown_once_and_revokes_it(qtbot: QtBot, kiosk: Kiosk) -> None:
    window = kiosk.window
    type_digits(qtbot, window, "2468")
    qtbot.waitUntil(lambda: window.current_screen is window.staff_shell, timeout=5000)
    tap(qtbot, window, "Carriers")
    screen = by_name(window, "Carriers screen")
    carrier = by_name(screen, "Carrier name")
    assert isinstance(carrier, QComboBox)
    qtbot.waitUntil(lambda: carrier.count() > 0, timeout=3000)
    carrier.setCurrentText("FedEx")
    label = by_name(screen, "Code label")
    assert isinstance(label, QLineEdit)
    for key in "ROUTE":
        tap(qtbot, screen, f"Key {key}")
    assert label.text() == "ROUTE"
    tap(qtbot, screen, "Issue carrier code")
    qtbot.waitUntil(lambda: text_of(screen, "Issued code") != "", timeout=5000)
    shown = text_of(screen, "Issued code").replace(" ", "")
    assert len(shown) == 8 and shown.isdigit()
    qtbot.waitUntil(lambda: [r.label for r in screen.model.rows] == ["ROUTE"], timeout=5000)
    assert screen.model.rows[0].carrier == "FedEx" and screen.model.rows[0].status == "active"

    # printed for the carrier on the (simulated) label printer
    printed: list[str] = []
    kiosk.app.bridge.label_printed.connect(printed.append)
    tap(qtbot, screen, "Print carrier code")
    qtbot.waitUntil(lambda: any(job.startswith("carrier-code:") for job in printed), timeout=10000)

    screen.select_label("ROUTE")
    tap(qtbot, screen, "Revoke carrier code")
    qtbot.waitUntil(lambda: screen.model.rows[0].status == "revoked", timeout=5000)
    assert "Revoked" in text_of(screen, "Carriers message")
    kinds = [e.kind for e in kiosk.events("carrier.")]
    assert kinds == ["carrier.code_issued", "carrier.code_printed", "carrier.code_revoked"]

    # the code no longer opens the room; leaving the screen forgot the code shown
    tap(qtbot, window, "Sign out")
    assert text_of_hidden(screen, "Issued code") == ""
    open_delivery(qtbot, kiosk)
    type_digits(qtbot, window, shown)
    qtbot.waitUntil(lambda: "not accepted" in text_of(window, "Carrier message"), timeout=5000)


def test_staff_role_does_not_see_the_carriers_screen(qtbot: QtBot, kiosk: Kiosk) -> None:
    window = kiosk.window
    type_digits(qtbot, window, "1111")
    qtbot.waitUntil(lambda: window.current_screen is window.staff_shell, timeout=5000)
    assert not visible(window, "Carriers")


def text_of_hidden(root: QWidget, name: str) -> str:
    [label] = [w for w in root.findChildren(QLabel) if w.accessibleName() == name]
    return label.text()
