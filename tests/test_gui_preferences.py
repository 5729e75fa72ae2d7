"""My settings at the kiosk: a resident signs in with their code, opens "My settings" from their
parcels, sees only their own contact details (masked), turns text messages off and chooses Spanish;
the change is saved on their record, logged with them as the actor, and the next arrival notice
honours it (one e-mail, in Spanish, to a real SMTP server on loopback; no text message)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from kiosk.config import Settings
from kiosk.persistence.models import ActorKind, Channel, Event, OutboxMessage, Resident
from kiosk.persistence.uow import Database
from kiosk.services.parcels import IntakeRequest
from tests.factories import Building, make_building, ups_number
from tests.notifications.servers import HttpRecorder, SmtpServer
from tests.qtdrive import by_name
from tests.test_gui_pickup import type_code
from ui.app import KioskApplication, build_application

pytestmark = pytest.mark.gui


@dataclass
class Kiosk:
    app: KioskApplication
    building: Building
    maria: int
    smtp: SmtpServer
    sms: HttpRecorder


@pytest.fixture
def kiosk(qtbot: QtBot, settings: Settings, db: Database) -> Iterator[Kiosk]:
    building = make_building(db)
    maria = building.residents["101:Maria"]
    with db.uow() as uow:  # Maria starts in English, with e-mail and text messages on
        uow.session.execute(update(Resident).where(Resident.id == maria).values(language="en"))
        uow.commit()
    building.parcels.intake(IntakeRequest(ups_number(), resident_id=maria), building.staff)
    building.credentials.reissue(maria, building.staff, code="482913")
    smtp, sms = SmtpServer(), HttpRecorder()
    smtp.start()
    sms.start()
    app = build_application(settings.replace(notifications__email_url=smtp.url, notifications__sms_url=sms.url,
                                             notifications__batch_minutes=0), kiosk_id="gui-prefs")
    qtbot.addWidget(app.window)
    app.window.resize(1280, 800)
    app.window.show()
    yield Kiosk(app, building, maria, smtp, sms)
    app.close()
    smtp.stop()
    sms.stop()


def click(qtbot: QtBot, root: QWidget, name: str) -> None:
    qtbot.mouseClick(by_name(root, name), Qt.MouseButton.LeftButton)


def resident(db: Database, resident_id: int) -> tuple[bool, bool, str, bool]:
    with db.reader() as uow:
        r = uow.session.get(Resident, resident_id)
        assert r is not None
        return r.notify_email, r.notify_sms, r.language, r.reminders_opt_out


def open_settings(qtbot: QtBot, k: Kiosk) -> QWidget:
    window = k.app.window
    type_code(qtbot, window, "482913")
    qtbot.waitUntil(lambda: window.current_screen is window.my_parcels, timeout=5000)
    settings_button = by_name(window, "My settings")
    assert isinstance(settings_button, QPushButton) and settings_button.height() >= 72
    click(qtbot, window, "My settings")
    qtbot.waitUntil(lambda: window.current_screen.accessibleName() == "My settings screen", timeout=5000)
    screen = window.current_screen
    qtbot.waitUntil(lambda: by_name(screen, "Text messages").isEnabled(), timeout=5000)
    return screen


def test_sms_off_and_spanish_are_saved_and_the_next_notice_honours_them(qtbot: QtBot, kiosk: Kiosk,
                                                                        db: Database) -> None:
    k = kiosk
    screen = open_settings(qtbot, k)
    shown = " ".join(w.text() for w in screen.findChildren(QLabel) if w.isVisible())
    assert "m•••@example.com" in shown and "•••• 0001" in shown
    assert "maria@example.com" not in shown and "5550100001" not in shown  # masked: the room is shared
    assert "cannot be turned off" in shown  # the arrival notice always goes
    sms_switch = by_name(screen, "Text messages")
    assert isinstance(sms_switch, QPushButton) and sms_switch.isChecked() and sms_switch.height() >= 72

    click(qtbot, screen, "Text messages")
    qtbot.waitUntil(lambda: resident(db, k.maria)[1] is False, timeout=5000)
    qtbot.waitUntil(lambda: not sms_switch.isChecked(), timeout=5000)
    click(qtbot, screen, "Español")
    qtbot.waitUntil(lambda: resident(db, k.maria)[2] == "es", timeout=5000)
    assert resident(db, k.maria) == (True, False, "es", False)
    with db.reader() as uow:
        events = list(uow.session.scalars(select(Event).where(Event.kind == "resident.preferences_changed")))
        assert [e.data["fields"] for e in events] == [["notify_sms"], ["language"]]
        assert all(e.actor_kind == ActorKind.RESIDENT and e.actor_id == k.maria for e in events)

    click(qtbot, screen, "Back")
    assert k.app.window.current_screen is k.app.window.my_parcels

    # The next parcel: one e-mail in Spanish, no text message.
    arrived = k.building.parcels.intake(IntakeRequest(ups_number(), resident_id=k.maria), k.building.staff)
    with db.reader() as uow:
        queued = [(m.channel, m.language) for m in uow.session.scalars(
            select(OutboxMessage).where(OutboxMessage.idempotency_key.like(f"%:{arrived.parcel.code}:%")))]
    assert queued == [(Channel.EMAIL, "es")]
    k.app.sender.send_due()
    mails = [m for m in k.smtp.messages if arrived.parcel.code in m.message.get_body(
        preferencelist=("plain",)).get_content()]
    assert len(mails) == 1
    text = mails[0].message.get_body(preferencelist=("plain",)).get_content()
    assert "Hola Maria" in text and "Código de recogida" in text
    assert not any(arrived.parcel.code in str(r.body) for r in k.sms.requests)


def test_turning_every_channel_off_says_parcels_are_only_listed_at_the_kiosk(qtbot: QtBot, kiosk: Kiosk,
                                                                             db: Database) -> None:
    k = kiosk
    screen = open_settings(qtbot, k)
    click(qtbot, screen, "Text messages")
    qtbot.waitUntil(lambda: resident(db, k.maria)[1] is False, timeout=5000)
    assert not [w for w in screen.findChildren(QLabel) if w.accessibleName() == "No messages warning"
                and w.isVisible()]
    click(qtbot, screen, "E-mail notices")
    qtbot.waitUntil(lambda: resident(db, k.maria)[0] is False, timeout=5000)
    qtbot.waitUntil(lambda: bool([w for w in screen.findChildren(QLabel)
                                  if w.accessibleName() == "No messages warning" and w.isVisible()]), timeout=5000)
    warning = by_name(screen, "No messages warning")
    assert isinstance(warning, QLabel) and "only be listed here at the kiosk" in warning.text()
    click(qtbot, screen, "Reminders")  # reminders off: "no reminders"
    qtbot.waitUntil(lambda: resident(db, k.maria)[3] is True, timeout=5000)


def test_idle_forgets_the_resident_and_returns_to_the_start(qtbot: QtBot, kiosk: Kiosk) -> None:
    k = kiosk
    window = k.app.window
    screen = open_settings(qtbot, k)
    k.app.idle.idle.emit()
    assert window.current_screen is window.welcome
    assert not any("m•••@example.com" in w.text() for w in screen.findChildren(QLabel))
    assert not by_name(window, "Code entered").isHidden()


def test_masks_show_no_more_than_a_letter_and_four_digits() -> None:
    from kiosk.services.resident_prefs import mask_email, mask_mobile

    assert mask_email("maria@example.com") == "m•••@example.com"
    assert mask_mobile("+1 (555) 010-0001") == "•••• 0001"
    assert mask_email(None) == "" and mask_mobile("") == ""


def test_two_quick_taps_both_count(qtbot: QtBot, kiosk: Kiosk, db: Database) -> None:
    """The second tap comes before the first is saved: it must build on it, not undo it."""
    k = kiosk
    screen = open_settings(qtbot, k)
    click(qtbot, screen, "Text messages")
    click(qtbot, screen, "E-mail notices")
    qtbot.waitUntil(lambda: resident(db, k.maria)[:2] == (False, False), timeout=10000)
    qtbot.waitUntil(lambda: bool([w for w in screen.findChildren(QLabel)
                                  if w.accessibleName() == "No messages warning" and w.isVisible()]), timeout=10000)
