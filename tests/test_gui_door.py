"""The door at the end of a pickup: the real window, a simulated door controller under the real
supervisor, a real SQLite file. Driven by accessible names, like ``test_gui_pickup``."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hardware.door.sim import LOCK, PULSE, UNLOCK, SimDoor
from hardware.door.supervisor import UNLOCKED, DoorEvent, DoorSupervisor
from hardware.scanner.base import ScanEvent
from kiosk import eventlog
from kiosk.config import Settings
from kiosk.persistence.models import ActorKind, Event, Hold, HoldKind, ParcelStatus
from kiosk.persistence.uow import Database
from kiosk.services.doors import DoorService
from kiosk.services.parcels import IntakeRequest
from tests.factories import make_building, ups_number
from tests.qtdrive import by_name
from ui.app import KioskApplication, build_application
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui

PULSE_SECONDS = 1.5


def visible(root: QWidget, name: str) -> bool:
    return any(w.accessibleName() == name and w.isVisible() for w in root.findChildren(QWidget))


def tap(qtbot: QtBot, root: QWidget, name: str) -> None:
    qtbot.mouseClick(by_name(root, name), Qt.MouseButton.LeftButton)


def type_code(qtbot: QtBot, window: QWidget, code: str) -> None:
    for digit in code:
        tap(qtbot, window, f"Digit {digit}")
    tap(qtbot, window, "OK")


def text_of(root: QWidget, name: str) -> str:
    label = by_name(root, name)
    assert isinstance(label, QLabel)
    return label.text()


class Recorder:
    """Door events as the supervisor reports them (from whichever thread noticed them)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.events: list[DoorEvent] = []

    def __call__(self, event: DoorEvent) -> None:
        with self._lock:
            self.events.append(event)

    def of(self, kind: str) -> list[DoorEvent]:
        with self._lock:
            return [e for e in self.events if e.kind == kind]


@dataclass(frozen=True)
class LoggedEvent:
    seq: int
    actor_kind: ActorKind
    actor_id: int | None
    subject_id: int | None
    data: dict[str, Any]


@dataclass
class Kiosk:
    app: KioskApplication
    code: str
    maria: int
    collectable: list[int]  # parcel ids shown as Maria's to take
    signature: int  # a signature-required parcel: see the front desk
    held: int  # a parcel on hold: see the front desk
    door: SimDoor
    supervisor: DoorSupervisor
    door_events: Recorder

    @property
    def window(self) -> MainWindow:
        return self.app.window

    def status(self, parcel_id: int) -> ParcelStatus:
        return self.app.parcels.get(parcel_id).status

    def events(self, kind: str) -> list[LoggedEvent]:
        with self.app.db.reader() as uow:
            return [LoggedEvent(e.seq, ActorKind(e.actor_kind), e.actor_id, e.subject_id, dict(e.data or {}))
                    for e in uow.session.scalars(select(Event).where(Event.kind == kind).order_by(Event.seq))]


def _build(qtbot: QtBot, settings: Settings, db: Database, *, with_door: bool) -> Iterator[Kiosk]:
    building = make_building(db)
    maria = building.residents["101:Maria"]

    def intake(**flags: bool) -> int:
        return building.parcels.intake(IntakeRequest(ups_number(), resident_id=maria, **flags),
                                       building.staff).parcel.id

    collectable = [intake(), intake()]
    signature = intake(signature_required=True)
    held = intake()
    with db.uow() as uow:
        uow.session.add(Hold(kind=HoldKind.PARCEL, parcel_id=held, starts_on=date.today() - timedelta(days=1),
                             reason="damaged: inspect at the desk"))
        uow.commit()
    code = building.credentials.reissue(maria, building.staff, code="482913")

    # The door under test is driven directly; the kiosk's own (sim:) door is used by the end-to-end test below.
    app = build_application(settings.replace(devices__door="" if not with_door else "sim:"), kiosk_id="gui-door")
    door = SimDoor()
    recorder = Recorder()
    supervisor = DoorSupervisor(door, PULSE_SECONDS, 30.0, recorder, poll_interval=None)
    supervisor.start()
    if with_door:
        # What ui/app.py will do once the composition root builds the door (see the report).
        app.pickup.set_door(supervisor, DoorService(app.db, app.parcels, kiosk_id="gui-door"))
    app.pickup.door_vm.thanks_seconds = 0.3
    assert app.pickup.confirm_vm is not None
    app.pickup.confirm_vm.thanks_seconds = 0.3
    qtbot.addWidget(app.window)
    app.window.show()
    try:
        yield Kiosk(app, code, maria, collectable, signature, held, door, supervisor, recorder)
    finally:
        app.close()
        supervisor.stop()


@pytest.fixture
def kiosk(qtbot: QtBot, settings: Settings, db: Database) -> Iterator[Kiosk]:
    yield from _build(qtbot, settings, db, with_door=True)


@pytest.fixture
def doorless(qtbot: QtBot, settings: Settings, db: Database) -> Iterator[Kiosk]:
    yield from _build(qtbot, settings, db, with_door=False)


def sign_in(qtbot: QtBot, kiosk: Kiosk) -> None:
    window = kiosk.window
    type_code(qtbot, window, kiosk.code)
    qtbot.waitUntil(lambda: window.current_screen is window.my_parcels, timeout=5000)
    qtbot.waitUntil(lambda: visible(window, "Open the door") or visible(window, "Door note"), timeout=2000)


def unlocks(door: SimDoor) -> int:
    return sum(1 for action in door.actions() if action in (UNLOCK, PULSE))


def confirm_all(qtbot: QtBot, app: KioskApplication, parcel_ids: list[int]) -> None:
    """On the confirm step after the door opened: tick every parcel taken, then Done."""
    window = app.window
    qtbot.waitUntil(lambda: visible(window, "Confirm pickup screen"), timeout=5000)
    for pid in parcel_ids:
        tap(qtbot, window, f"Took parcel {app.parcels.get(pid).code}")
    tap(qtbot, window, "Done")


def test_open_the_door_unlocks_counts_down_then_confirmed_parcels_are_released(
        qtbot: QtBot, kiosk: Kiosk) -> None:
    window = kiosk.window
    sign_in(qtbot, kiosk)
    assert len(window.my_parcels.shown_codes) == 4
    cards = {w.text() for w in window.my_parcels.findChildren(QLabel) if w.objectName() == "Warning"}
    assert cards == {"Signature needed: see the front desk", "On hold: see the front desk"}
    button = by_name(window, "Open the door")
    assert isinstance(button, QPushButton) and button.isEnabled() and button.height() >= 100
    assert button.text() == "Open the door"
    assert kiosk.events("door.unlocked") == []

    tap(qtbot, window, "Open the door")

    # the supervisor pulsed the strike once, naming the resident
    assert kiosk.door.wait_for(lambda cmds: any(c.action in (UNLOCK, PULSE) for c in cmds), timeout=3)
    qtbot.waitUntil(lambda: len(kiosk.door_events.of(UNLOCKED)) == 1, timeout=3000)
    assert kiosk.door_events.of(UNLOCKED)[0].actor == f"resident:{kiosk.maria}"
    # a visible countdown while it is unlocked
    qtbot.waitUntil(lambda: visible(window, "Door status")
                    and text_of(window, "Door status").startswith("Door unlocked — "), timeout=3000)
    assert text_of(window, "Door status") in ("Door unlocked — 2 s", "Door unlocked — 1 s")
    assert not visible(window, "Open the door")
    qtbot.waitUntil(lambda: text_of(window, "Door status").startswith("Door unlocked — 1 s"), timeout=3000)
    # ... on the confirm step: nothing is released until she says what she took
    assert visible(window, "Confirm pickup screen")
    qtbot.waitUntil(lambda: len(kiosk.events("door.unlocked")) == 1, timeout=5000)
    assert all(kiosk.status(pid).is_waiting for pid in kiosk.collectable)
    assert kiosk.events("parcel.picked_up") == []
    qtbot.waitUntil(lambda: not visible(window, "Door status"), timeout=4000)  # the pulse is over
    assert visible(window, "Confirm pickup screen")  # and the kiosk still waits for her
    confirm_all(qtbot, kiosk.app, kiosk.collectable)

    # the opening is in the event log with who opened it, and the parcels she confirmed are picked up
    qtbot.waitUntil(lambda: all(kiosk.status(pid) == ParcelStatus.PICKED_UP for pid in kiosk.collectable),
                    timeout=5000)
    [opened] = kiosk.events("door.unlocked")
    assert (opened.actor_kind, opened.actor_id) == (ActorKind.RESIDENT, kiosk.maria)
    assert sorted(opened.data["parcel_ids"]) == sorted(kiosk.collectable)
    picked = kiosk.events("parcel.picked_up")
    assert sorted(e.subject_id for e in picked) == sorted(kiosk.collectable)
    assert all(e.seq > opened.seq and e.actor_id == kiosk.maria for e in picked)
    # what must be handed over at the desk did not go through the door
    assert kiosk.status(kiosk.signature).is_waiting
    assert kiosk.status(kiosk.held).is_waiting

    # then thanks, and back to the start by itself, with nothing of hers left on screen
    qtbot.waitUntil(lambda: visible(window, "Confirm title") and text_of(window, "Confirm title") == "Thank you!",
                    timeout=4000)
    qtbot.waitUntil(lambda: window.current_screen is window.welcome, timeout=3000)
    assert kiosk.app.pickup.match is None and kiosk.app.pickup.state == "entry"
    assert window.my_parcels.shown_codes == []
    assert kiosk.app.pickup.door_phase == "none"
    assert unlocks(kiosk.door) == 1
    # the supervisor relocked the door at the end of the pulse
    assert kiosk.door.wait_for(lambda cmds: cmds[-1].action == "lock", timeout=3)


def test_offline_controller_sends_the_resident_to_the_desk_and_releases_nothing(
        qtbot: QtBot, kiosk: Kiosk) -> None:
    window = kiosk.window
    sign_in(qtbot, kiosk)
    kiosk.door.offline = True  # the relay board was unplugged

    tap(qtbot, window, "Open the door")

    qtbot.waitUntil(lambda: window.current_screen is window.welcome, timeout=5000)
    message = text_of(window, "Message")
    assert "Please see the front desk" in message
    assert "offline" not in message and "controller" not in message
    # back on the keypad, signed out: nothing on screen can unlock without a code
    pickup = kiosk.app.pickup
    assert pickup.state == "entry" and pickup.match is None and pickup.door_phase == "none"
    assert by_name(window, "Keypad").isEnabled()
    assert window.my_parcels.shown_codes == []
    pickup.open_door()
    assert not kiosk.door_events.of(UNLOCKED)
    # nothing released; the failure is logged for staff with the device's reason
    qtbot.waitUntil(lambda: len(kiosk.events("door.unlock_failed")) == 1, timeout=5000)
    [failed] = kiosk.events("door.unlock_failed")
    assert (failed.actor_kind, failed.actor_id) == (ActorKind.RESIDENT, kiosk.maria)
    assert "offline" in failed.data["error"]
    assert kiosk.events("door.unlocked") == [] and kiosk.events("parcel.picked_up") == []
    assert all(kiosk.status(pid).is_waiting for pid in kiosk.collectable)


def test_door_back_online_the_same_code_opens_it(qtbot: QtBot, kiosk: Kiosk) -> None:
    window = kiosk.window
    sign_in(qtbot, kiosk)
    kiosk.door.offline = True
    tap(qtbot, window, "Open the door")
    qtbot.waitUntil(lambda: window.current_screen is window.welcome, timeout=5000)
    kiosk.door.offline = False
    sign_in(qtbot, kiosk)
    tap(qtbot, window, "Open the door")
    confirm_all(qtbot, kiosk.app, kiosk.collectable)
    qtbot.waitUntil(lambda: all(kiosk.status(pid) == ParcelStatus.PICKED_UP for pid in kiosk.collectable),
                    timeout=5000)
    assert len(kiosk.door_events.of(UNLOCKED)) == 1


def test_double_tap_pulses_and_releases_once(qtbot: QtBot, kiosk: Kiosk) -> None:
    window = kiosk.window
    sign_in(qtbot, kiosk)
    button = by_name(window, "Open the door")
    qtbot.mouseDClick(button, Qt.MouseButton.LeftButton)
    kiosk.app.pickup.open_door()  # a third tap that reached the view-model anyway
    qtbot.waitUntil(lambda: visible(window, "Door status"), timeout=3000)
    kiosk.app.pickup.open_door()
    confirm_all(qtbot, kiosk.app, kiosk.collectable)
    qtbot.waitUntil(lambda: all(kiosk.status(pid) == ParcelStatus.PICKED_UP for pid in kiosk.collectable),
                    timeout=5000)
    kiosk.app.runner.wait()
    assert unlocks(kiosk.door) == 1
    assert len(kiosk.door_events.of(UNLOCKED)) == 1
    assert len(kiosk.events("door.unlocked")) == 1
    assert len(kiosk.events("parcel.picked_up")) == len(kiosk.collectable)


def test_idle_reset_during_the_countdown_keeps_the_parcels_waiting_and_flagged(qtbot: QtBot, kiosk: Kiosk) -> None:
    window = kiosk.window
    sign_in(qtbot, kiosk)
    tap(qtbot, window, "Open the door")
    qtbot.waitUntil(lambda: visible(window, "Door status"), timeout=3000)
    kiosk.app.idle.idle.emit()  # the idle timer firing
    assert window.current_screen is window.welcome
    assert window.my_parcels.shown_codes == [] and not visible(window, "Door status")
    assert kiosk.app.pickup.door_phase == "none"
    # the opening is logged; nothing confirmed, so nothing released: flagged for staff instead
    qtbot.waitUntil(lambda: all(kiosk.app.parcels.get(pid).needs_attention for pid in kiosk.collectable),
                    timeout=5000)
    assert all(kiosk.status(pid).is_waiting for pid in kiosk.collectable)
    assert all(kiosk.app.parcels.get(pid).attention_reason == "door opened, pickup not confirmed"
               for pid in kiosk.collectable)
    qtbot.waitUntil(lambda: len(kiosk.events("door.unlocked")) == 1, timeout=5000)
    qtbot.wait(int(PULSE_SECONDS * 1000) + 500)  # the old countdown must not come back
    assert window.current_screen is window.welcome and kiosk.app.pickup.door_phase == "none"


def test_without_a_door_controller_the_screen_says_where_to_collect(qtbot: QtBot, doorless: Kiosk) -> None:
    window = doorless.window
    sign_in(qtbot, doorless)
    assert not visible(window, "Open the door")
    assert "front desk" in text_of(window, "Door note")
    doorless.app.pickup.open_door()
    qtbot.wait(200)
    assert unlocks(doorless.door) == 0
    assert all(doorless.status(pid).is_waiting for pid in doorless.collectable)
    tap(qtbot, window, "I'm done")
    assert window.current_screen is window.welcome and not visible(window, "Door note")


def test_door_strings_are_in_spanish(qtbot: QtBot, kiosk: Kiosk) -> None:
    window = kiosk.window
    tap(qtbot, window, "Language")
    sign_in(qtbot, kiosk)
    assert by_name(window, "Open the door").text() == "Abrir la puerta"
    tap(qtbot, window, "Open the door")
    qtbot.waitUntil(lambda: visible(window, "Door status")
                    and text_of(window, "Door status").startswith("Puerta abierta — "), timeout=3000)


def test_the_kiosks_own_door_opens_and_the_opening_and_pickup_are_logged(qtbot: QtBot, settings: Settings,
                                                                         db: Database) -> None:
    """Through the composition root: the configured (simulated) door controller, not one the test made."""
    building = make_building(db)
    maria = building.residents["101:Maria"]
    parcel = building.parcels.intake(IntakeRequest(ups_number(), resident_id=maria), building.staff).parcel
    code = building.credentials.reissue(maria, building.staff, code="482913")
    app = build_application(settings.replace(devices__door_pulse_seconds=0.5), kiosk_id="gui-door-e2e")
    try:
        qtbot.addWidget(app.window)
        app.window.show()
        supervisor = app.devices.door
        assert supervisor is not None and isinstance(supervisor.controller, SimDoor)
        type_code(qtbot, app.window, code)
        qtbot.waitUntil(lambda: visible(app.window, "Open the door"), timeout=5000)
        tap(qtbot, app.window, "Open the door")
        qtbot.waitUntil(lambda: visible(app.window, "Confirm pickup screen"), timeout=5000)
        app.bridge.scanned.emit(ScanEvent(parcel.code, "code128", "sim:"))  # the label of the parcel she took
        card = by_name(app.window, f"Took parcel {parcel.code}")
        assert isinstance(card, QPushButton)
        qtbot.waitUntil(card.isChecked, timeout=5000)
        tap(qtbot, app.window, "Done")
        qtbot.waitUntil(lambda: building.parcels.get(parcel.id).status is ParcelStatus.PICKED_UP, timeout=5000)
        assert UNLOCK in supervisor.controller.actions() or PULSE in supervisor.controller.actions()
        qtbot.waitUntil(lambda: supervisor.controller.actions()[-1] == LOCK, timeout=5000)  # the pulse ended locked
        with db.reader() as uow:
            kinds = [e.kind for e in eventlog.iter_events(uow.session)]
        assert "door.unlocked" in kinds and "parcel.picked_up" in kinds
    finally:
        app.close()
    assert supervisor.controller.actions()[-1] == LOCK  # and locked again at shutdown
