"""Closing the custody at pickup: after the door opens, the resident confirms each parcel taken by
scanning its label or tapping it; a parcel of somebody else's is refused on the spot and logged;
what is not confirmed stays waiting and is flagged for staff; "Something's wrong" reports a parcel.

The real window from the composition root, the kiosk's own simulated door controller under the real
supervisor, scans through the device bridge as a scanner delivers them, a real SQLite file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hardware.door.sim import PULSE, UNLOCK, SimDoor
from hardware.scanner.base import ScanEvent
from kiosk import eventlog
from kiosk.config import Settings
from kiosk.persistence.models import ActorKind, Event, OutboxMessage, ParcelStatus
from kiosk.persistence.uow import Database
from kiosk.services.parcels import IntakeRequest
from tests.factories import make_building, ups_number
from tests.qtdrive import by_name
from ui.app import KioskApplication, build_application

pytestmark = pytest.mark.gui

STAFF_EMAIL = "desk@example.com"


def visible(root: QWidget, name: str) -> bool:
    return any(w.accessibleName() == name and w.isVisible() for w in root.findChildren(QWidget))


def tap(qtbot: QtBot, root: QWidget, name: str) -> None:
    qtbot.mouseClick(by_name(root, name), Qt.MouseButton.LeftButton)


def text_of(root: QWidget, name: str) -> str:
    label = by_name(root, name)
    assert isinstance(label, QLabel)
    return label.text()


def card(root: QWidget, code: str) -> QPushButton:
    button = by_name(root, f"Took parcel {code}")
    assert isinstance(button, QPushButton)
    return button


@dataclass(frozen=True)
class Logged:
    seq: int
    actor_kind: ActorKind
    actor_id: int | None
    subject_id: int | None
    data: dict[str, Any]


@dataclass
class Kiosk:
    app: KioskApplication
    db: Database
    code: str  # Maria's pickup code
    maria: int
    mine: list[int]  # Maria's two parcels on the shelves
    tracking: list[str]  # their carriers' tracking numbers, as scanned off the label
    other: int  # Wei's parcel, on shelf A2

    @property
    def window(self) -> QWidget:
        return self.app.window

    def parcel(self, parcel_id: int) -> Any:
        return self.app.parcels.get(parcel_id)

    def codes(self) -> list[str]:
        return [self.parcel(pid).code for pid in self.mine]

    def events(self, kind: str) -> list[Logged]:
        with self.db.reader() as uow:
            return [Logged(e.seq, ActorKind(e.actor_kind), e.actor_id, e.subject_id, dict(e.data or {}))
                    for e in uow.session.scalars(select(Event).where(Event.kind == kind).order_by(Event.seq))]

    def openings(self) -> list[Logged]:
        """Door openings for a pickup, as the kiosk logged them."""
        return [e for e in self.events("door.unlocked") if e.actor_kind == ActorKind.RESIDENT]

    def scan(self, text: str) -> None:
        self.app.bridge.scanned.emit(ScanEvent(text, "code128", "sim:"))


def _build(qtbot: QtBot, settings: Settings, db: Database, **overrides: Any) -> Iterator[Kiosk]:
    building = make_building(db)
    maria = building.residents["101:Maria"]
    tracking = [ups_number(), ups_number()]
    mine = [building.parcels.intake(IntakeRequest(number, resident_id=maria, location_code=shelf),
                                     building.staff).parcel.id for number, shelf in zip(tracking, ("A1", "A1"),
                                                                                        strict=True)]
    other = building.parcels.intake(IntakeRequest(ups_number(), resident_id=building.residents["202:Wei"],
                                                  location_code="A2"), building.staff).parcel.id
    code = building.credentials.reissue(maria, building.staff, code="482913")
    app = build_application(settings.replace(devices__door_pulse_seconds=0.5,
                                             notifications__staff_email=STAFF_EMAIL, **overrides),
                            kiosk_id="gui-confirm")
    assert app.pickup.confirm_vm is not None
    app.pickup.confirm_vm.thanks_seconds = 0.2
    qtbot.addWidget(app.window)
    app.window.show()
    try:
        yield Kiosk(app, db, code, maria, mine, tracking, other)
    finally:
        app.close()


@pytest.fixture
def kiosk(qtbot: QtBot, settings: Settings, db: Database) -> Iterator[Kiosk]:
    yield from _build(qtbot, settings, db)


@pytest.fixture
def doorless(qtbot: QtBot, settings: Settings, db: Database) -> Iterator[Kiosk]:
    yield from _build(qtbot, settings, db, devices__door="")


def sign_in(qtbot: QtBot, kiosk: Kiosk) -> None:
    for digit in kiosk.code:
        tap(qtbot, kiosk.window, f"Digit {digit}")
    tap(qtbot, kiosk.window, "OK")
    qtbot.waitUntil(lambda: visible(kiosk.window, "My parcels screen"), timeout=5000)


def open_door(qtbot: QtBot, kiosk: Kiosk) -> None:
    sign_in(qtbot, kiosk)
    qtbot.waitUntil(lambda: visible(kiosk.window, "Open the door"), timeout=5000)
    tap(qtbot, kiosk.window, "Open the door")
    qtbot.waitUntil(lambda: visible(kiosk.window, "Confirm pickup screen"), timeout=5000)


def test_code_parcels_door_then_confirm_by_scan_picks_them_up(qtbot: QtBot, kiosk: Kiosk) -> None:
    window = kiosk.window
    open_door(qtbot, kiosk)
    # the unlock pulse reached the simulated door, and the opening is logged with who opened it
    door = kiosk.app.devices.door
    assert door is not None and isinstance(door.controller, SimDoor)
    assert door.controller.wait_for(lambda cmds: any(c.action in (UNLOCK, PULSE) for c in cmds), timeout=3)
    # (the device log records the strike's own event too; the kiosk's names the resident and credential)
    qtbot.waitUntil(lambda: len(kiosk.openings()) == 1, timeout=5000)
    [opened] = kiosk.openings()
    assert opened.actor_id == kiosk.maria and opened.data["reason"] == "pickup"
    # asked, big and plain; both her parcels shown, nothing released yet
    assert text_of(window, "Confirm title") == "Which parcels did you take?"
    assert "Scan the label on each parcel you took, or tap it below" in text_of(window, "Confirm instructions")
    first, second = kiosk.codes()
    assert card(window, first).height() >= 100 and not card(window, first).isChecked()
    assert by_name(window, "Done").height() >= 88
    assert all(kiosk.parcel(pid).status.is_waiting for pid in kiosk.mine)

    kiosk.scan(first)  # the Packroom label
    qtbot.waitUntil(card(window, first).isChecked, timeout=3000)
    assert text_of(window, "Confirm message") == f"Got it: parcel {first}."
    kiosk.scan(kiosk.tracking[1])  # the carrier's barcode works too
    qtbot.waitUntil(card(window, second).isChecked, timeout=5000)
    tap(qtbot, window, "Done")

    qtbot.waitUntil(lambda: all(kiosk.parcel(pid).status is ParcelStatus.PICKED_UP for pid in kiosk.mine),
                    timeout=5000)
    picked = kiosk.events("parcel.picked_up")
    assert sorted(e.subject_id for e in picked) == sorted(kiosk.mine)
    assert all(e.actor_kind == ActorKind.RESIDENT and e.actor_id == kiosk.maria and e.seq > opened.seq
               for e in picked)
    [closed] = kiosk.events("pickup.confirmed")
    assert sorted(closed.data["confirmed"]) == sorted(kiosk.mine) and closed.data["unconfirmed"] == []
    assert not any(kiosk.parcel(pid).needs_attention for pid in kiosk.mine)
    qtbot.waitUntil(lambda: visible(window, "Confirm title") and text_of(window, "Confirm title") == "Thank you!",
                    timeout=3000)
    assert "You took 2 parcels" in text_of(window, "Confirm instructions")
    qtbot.waitUntil(lambda: visible(window, "Keypad"), timeout=3000)  # back to the start by itself
    assert kiosk.app.pickup.match is None and kiosk.app.pickup.door_phase == "none"
    with kiosk.db.reader() as uow:
        assert eventlog.verify(uow.session).ok


def test_tick_instead_of_scan_and_what_is_not_ticked_is_flagged(qtbot: QtBot, kiosk: Kiosk) -> None:
    window = kiosk.window
    open_door(qtbot, kiosk)
    first, second = kiosk.codes()
    tap(qtbot, window, f"Took parcel {second}")
    tap(qtbot, window, f"Took parcel {first}")
    tap(qtbot, window, f"Took parcel {first}")  # changed her mind: took only the second
    assert not card(window, first).isChecked() and card(window, second).isChecked()
    tap(qtbot, window, "Done")

    qtbot.waitUntil(lambda: kiosk.parcel(kiosk.mine[1]).status is ParcelStatus.PICKED_UP
                    and kiosk.parcel(kiosk.mine[0]).needs_attention, timeout=5000)
    untaken = kiosk.parcel(kiosk.mine[0])
    assert untaken.status.is_waiting
    assert untaken.needs_attention and untaken.attention_reason == "door opened, pickup not confirmed"
    # staff see it on the Needs attention list, with the reason in its custody history
    assert [p.code for p in kiosk.app.parcels.search(status="attention")] == [first]
    assert any(step["reason"] == "door opened, pickup not confirmed"
               for step in kiosk.app.parcels.history(untaken.id))
    [flag] = kiosk.events("parcel.pickup_unconfirmed")
    assert (flag.subject_id, flag.actor_id, flag.data["how"]) == (untaken.id, kiosk.maria, "done")
    qtbot.waitUntil(lambda: visible(window, "Confirm title") and text_of(window, "Confirm title") == "Thank you!",
                    timeout=3000)
    assert "front desk will check" in text_of(window, "Confirm instructions")


def test_another_residents_parcel_is_refused_on_the_spot_and_logged(qtbot: QtBot, kiosk: Kiosk) -> None:
    window = kiosk.window
    open_door(qtbot, kiosk)
    wei = kiosk.parcel(kiosk.other)

    kiosk.scan(wei.code)

    qtbot.waitUntil(lambda: "not yours" in text_of(window, "Confirm message"), timeout=5000)
    message = text_of(window, "Confirm message")
    assert message == "This parcel is not yours — please put it back on shelf A2."
    assert "Wei" not in message and "202" not in message  # never whose it is
    assert not any(card(window, code).isChecked() for code in kiosk.codes())
    qtbot.waitUntil(lambda: len(kiosk.events("pickup.wrong_parcel")) == 1, timeout=5000)
    [attempt] = kiosk.events("pickup.wrong_parcel")
    assert (attempt.actor_kind, attempt.actor_id, attempt.subject_id) == (ActorKind.RESIDENT, kiosk.maria, wei.id)
    # something that is no parcel label at all
    kiosk.scan("HELLO-WORLD-123")
    qtbot.waitUntil(lambda: "not a parcel label" in text_of(window, "Confirm message"), timeout=5000)

    tap(qtbot, window, "Done")
    qtbot.waitUntil(lambda: all(kiosk.parcel(pid).needs_attention for pid in kiosk.mine), timeout=5000)
    assert kiosk.parcel(kiosk.other).status.is_waiting and not kiosk.parcel(kiosk.other).needs_attention
    assert kiosk.events("parcel.picked_up") == []


def test_idle_during_confirm_releases_what_was_ticked_and_flags_the_rest(qtbot: QtBot, kiosk: Kiosk) -> None:
    window = kiosk.window
    open_door(qtbot, kiosk)
    first, _second = kiosk.codes()
    kiosk.scan(first)
    qtbot.waitUntil(card(window, first).isChecked, timeout=3000)

    kiosk.app.idle.idle.emit()  # she walked away

    assert visible(window, "Keypad") and not visible(window, "Confirm pickup screen")
    assert kiosk.app.pickup.match is None
    qtbot.waitUntil(lambda: kiosk.parcel(kiosk.mine[0]).status is ParcelStatus.PICKED_UP, timeout=5000)
    qtbot.waitUntil(lambda: kiosk.parcel(kiosk.mine[1]).needs_attention, timeout=5000)
    assert kiosk.parcel(kiosk.mine[1]).status.is_waiting
    [closed] = kiosk.events("pickup.confirmed")
    assert closed.data["how"] == "idle" and closed.data["unconfirmed"] == [kiosk.mine[1]]
    # nothing of hers comes back on screen
    kiosk.scan(first)
    qtbot.wait(200)
    assert visible(window, "Keypad")


def test_somethings_wrong_missing_from_the_confirm_step_tells_the_front_desk(qtbot: QtBot, kiosk: Kiosk) -> None:
    window = kiosk.window
    open_door(qtbot, kiosk)
    first, second = kiosk.codes()

    tap(qtbot, window, "Something's wrong")
    assert visible(window, "Report a problem screen")
    tap(qtbot, window, f"Report parcel {first}")
    assert by_name(window, "Missing").height() >= 100
    tap(qtbot, window, "Missing")
    qtbot.waitUntil(lambda: visible(window, "Problem title")
                    and text_of(window, "Problem title") == "Thank you — the front desk has been told", timeout=5000)

    missing = kiosk.parcel(kiosk.mine[0])
    assert missing.needs_attention and missing.attention_reason == "resident reported it missing"
    [report] = kiosk.events("parcel.reported_missing")
    assert (report.actor_id, report.subject_id) == (kiosk.maria, missing.id)
    with kiosk.db.reader() as uow:
        notices = uow.session.execute(select(OutboxMessage.recipient, OutboxMessage.resident_id,
                                             OutboxMessage.payload)
                                      .where(OutboxMessage.kind == "pickup_problem")).all()
    assert [(to, resident) for to, resident, _payload in notices] == [(STAFF_EMAIL, None)]
    details = notices[0][2]["details"]
    assert first in details and "missing" in details

    tap(qtbot, window, "Continue")  # back to the confirm step, where it says so
    assert visible(window, "Confirm pickup screen")
    assert "Reported missing" in card(window, first).text() and not card(window, first).isEnabled()
    tap(qtbot, window, f"Took parcel {second}")
    tap(qtbot, window, "Done")
    qtbot.waitUntil(lambda: kiosk.parcel(kiosk.mine[1]).status is ParcelStatus.PICKED_UP, timeout=5000)
    kiosk.app.runner.wait()
    assert kiosk.parcel(kiosk.mine[0]).attention_reason == "resident reported it missing"  # not overwritten
    assert kiosk.events("parcel.pickup_unconfirmed") == []


def test_somethings_wrong_damaged_from_my_parcels(qtbot: QtBot, kiosk: Kiosk) -> None:
    window = kiosk.window
    sign_in(qtbot, kiosk)
    _first, second = kiosk.codes()
    tap(qtbot, window, "Something's wrong")
    tap(qtbot, window, f"Report parcel {second}")
    tap(qtbot, window, "Damaged")
    qtbot.waitUntil(lambda: visible(window, "Problem title")
                    and text_of(window, "Problem title") == "Thank you — the front desk has been told", timeout=5000)
    assert kiosk.parcel(kiosk.mine[1]).attention_reason == "resident reported it damaged"
    assert len(kiosk.events("parcel.reported_damaged")) == 1
    tap(qtbot, window, "Continue")
    assert visible(window, "My parcels screen") and visible(window, "Open the door")
    # "Back" from the choice leaves without reporting anything
    tap(qtbot, window, "Something's wrong")
    tap(qtbot, window, "Back")
    assert visible(window, "My parcels screen")
    assert kiosk.events("parcel.reported_missing") == []


def test_without_a_door_controller_the_resident_says_they_collected_then_confirms(
        qtbot: QtBot, doorless: Kiosk) -> None:
    window = doorless.window
    sign_in(qtbot, doorless)
    assert not visible(window, "Open the door")
    tap(qtbot, window, "I collected my parcels")
    qtbot.waitUntil(lambda: visible(window, "Confirm pickup screen"), timeout=3000)
    assert not visible(window, "Door status")
    first, _second = doorless.codes()
    doorless.scan(first)
    qtbot.waitUntil(card(window, first).isChecked, timeout=3000)
    tap(qtbot, window, "Done")
    qtbot.waitUntil(lambda: doorless.parcel(doorless.mine[0]).status is ParcelStatus.PICKED_UP, timeout=5000)
    other = doorless.parcel(doorless.mine[1])
    qtbot.waitUntil(lambda: doorless.parcel(doorless.mine[1]).needs_attention, timeout=5000)
    assert other.status.is_waiting
    assert doorless.parcel(other.id).attention_reason == "resident said collected, pickup not confirmed"
    assert doorless.openings() == []
    qtbot.waitUntil(lambda: visible(window, "Keypad"), timeout=3000)
