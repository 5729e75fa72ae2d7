"""The "Messages" screen in the real window: an admin edits a notice's text beside a live preview on
sample data, an unknown placeholder is refused, the saved text is what the next notice carries to a
real SMTP server (aiosmtpd on loopback), and "Reset to default" brings the built-in text back."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.config import Settings
from kiosk.notifications.editor import TemplateEditor
from kiosk.notifications.policy import NoticePolicy
from kiosk.notifications.templates import TemplateStore
from kiosk.notifications.texts import DEFAULT_TEXTS
from kiosk.persistence.models import Channel, Event, Role, StaffUser
from kiosk.persistence.uow import Database
from kiosk.security import hash_pin
from kiosk.services.parcels import IntakeRequest
from kiosk.services.staff import PermissionDenied, StaffService
from tests.factories import Building, make_building, ups_number
from tests.notifications.servers import SmtpServer
from tests.qtdrive import by_name
from tests.test_gui_pickup import type_code
from ui.app import KioskApplication, build_application

pytestmark = pytest.mark.gui
NEW_BODY = "Hi $first_name! Code $pickup_code, shelf $shelves, open $room_hours. $property_name"


@dataclass
class Desk:
    app: KioskApplication
    building: Building
    smtp: SmtpServer


@pytest.fixture
def desk(qtbot: QtBot, settings: Settings, db: Database) -> Iterator[Desk]:
    building = make_building(db)
    with db.uow() as uow:
        uow.session.add(StaffUser(name="Ada Admin", role=Role.ADMIN, pin_hash=hash_pin("9999")))
        uow.commit()
    smtp = SmtpServer()
    smtp.start()
    app = build_application(settings.replace(notifications__email_url=smtp.url, notifications__batch_minutes=0,
                                             property__name="Elm Court", room__hours_open="07:00",
                                             room__hours_close="22:00"), kiosk_id="gui-templates")
    qtbot.addWidget(app.window)
    app.window.resize(1280, 800)
    app.window.show()
    yield Desk(app, building, smtp)
    app.close()
    smtp.stop()


def sign_in(qtbot: QtBot, app: KioskApplication, pin: str) -> None:
    type_code(qtbot, app.window, pin)
    qtbot.waitUntil(lambda: app.window.current_screen is app.window.staff_shell, timeout=5000)


def click(qtbot: QtBot, root: QWidget, name: str) -> None:
    qtbot.mouseClick(by_name(root, name), Qt.MouseButton.LeftButton)


def label(root: QWidget, name: str) -> QLabel:
    widget = by_name(root, name)
    assert isinstance(widget, QLabel)
    return widget


def open_messages(qtbot: QtBot, app: KioskApplication) -> QPlainTextEdit:
    sign_in(qtbot, app, "9999")
    click(qtbot, app.window, "Messages")
    body = by_name(app.window, "Template text")
    assert isinstance(body, QPlainTextEdit)
    qtbot.waitUntil(lambda: "$first_name" in body.toPlainText(), timeout=5000)
    return body


def retype(qtbot: QtBot, body: QPlainTextEdit, text: str) -> None:
    body.setFocus()
    body.selectAll()
    qtbot.keyClicks(body, text)


def test_admin_edits_with_preview_refuses_unknown_placeholder_saves_and_the_next_notice_uses_it(
        qtbot: QtBot, desk: Desk, db: Database) -> None:
    app, window = desk.app, desk.app.window
    body = open_messages(qtbot, app)
    assert window.staff_shell is not None and window.staff_shell.current.accessibleName() == "Messages screen"
    # the preview of the built-in text is filled with this building's values
    qtbot.waitUntil(lambda: "Elm Court" in label(window, "Preview subject").text(), timeout=5000)
    assert "482913" in label(window, "Preview text").text()
    assert "Built-in text" in label(window, "Template source").text()

    retype(qtbot, body, NEW_BODY)
    preview = label(window, "Preview text")
    qtbot.waitUntil(lambda: preview.text() == "Hi Maria! Code 482913, shelf A1, A2, open 07:00–22:00. Elm Court",
                    timeout=5000)

    qtbot.keyClicks(body, " $bogus")
    qtbot.waitUntil(lambda: "Unknown placeholder $bogus" in label(window, "Template error").text(), timeout=5000)
    error = label(window, "Template error")
    assert preview.text() == ""
    assert not by_name(window, "Save template").isEnabled()  # a refused text cannot be saved
    message = label(window, "Messages message")
    store = TemplateStore(db)
    assert store.get("arrival", Channel.EMAIL, "en").overridden is False  # nothing was stored

    for _ in " $bogus":
        qtbot.keyClick(body, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: not error.isVisible() and preview.text().startswith("Hi Maria!"), timeout=5000)
    click(qtbot, window, "Save template")
    qtbot.waitUntil(lambda: message.text().startswith("Saved"), timeout=5000)
    saved = store.get("arrival", Channel.EMAIL, "en")
    assert saved.overridden and saved.body == NEW_BODY
    qtbot.waitUntil(lambda: "Saved by Ada Admin" in label(window, "Template source").text(), timeout=5000)
    with db.reader() as uow:
        event = uow.session.scalars(select(Event).where(Event.kind == "template.saved")).one()
        assert (event.actor_label, event.data["kind"], event.data["language"]) == ("Ada Admin", "arrival", "en")

    # The next arrival notice for an English e-mail resident carries the new text.
    pedro = desk.building.parcels.intake(IntakeRequest(ups_number(), resident_id=desk.building.residents["101:Pedro"]),
                                         desk.building.staff)
    assert app.sender.send_due().sent == 1
    mail = next(m for m in desk.smtp.messages if m.rcpt_tos == ["pedro@example.com"])
    text = mail.message.get_body(preferencelist=("plain",)).get_content()
    assert text.startswith(f"Hi Pedro! Code {pedro.pickup_code}, shelf ")
    assert "Elm Court" in text and "Pickup code:" not in text


def test_reset_to_default_brings_the_built_in_text_back(qtbot: QtBot, desk: Desk, db: Database) -> None:
    app, window = desk.app, desk.app.window
    body = open_messages(qtbot, app)
    retype(qtbot, body, NEW_BODY)
    qtbot.waitUntil(lambda: label(window, "Preview text").text().startswith("Hi Maria!"), timeout=5000)
    click(qtbot, window, "Save template")
    qtbot.waitUntil(lambda: TemplateStore(db).get("arrival", Channel.EMAIL, "en").overridden, timeout=5000)
    qtbot.waitUntil(lambda: by_name(window, "Reset to default").isEnabled(), timeout=5000)
    click(qtbot, window, "Reset to default")
    default_body = DEFAULT_TEXTS[("arrival", "email", "en")][1]
    qtbot.waitUntil(lambda: body.toPlainText() == default_body, timeout=5000)
    assert TemplateStore(db).get("arrival", Channel.EMAIL, "en").overridden is False
    with db.reader() as uow:
        reset = uow.session.scalars(select(Event).where(Event.kind == "template.reset")).one()
        assert reset.actor_label == "Ada Admin"


def test_sms_preview_counts_segments_and_warns_when_too_long(qtbot: QtBot, desk: Desk, db: Database) -> None:
    app, window = desk.app, desk.app.window
    body = open_messages(qtbot, app)
    click(qtbot, window, "SMS template")
    qtbot.waitUntil(lambda: body.toPlainText() == DEFAULT_TEXTS[("arrival", "sms", "en")][1], timeout=5000)
    subject = [w for w in window.findChildren(QLineEdit) if w.accessibleName() == "Template subject"]
    assert subject and not subject[0].isVisible()  # an SMS has no subject
    info = label(window, "SMS length")
    retype(qtbot, body, "$property_name: code $pickup_code")
    qtbot.waitUntil(lambda: "1 segment(s)" in info.text() and "GSM-7" in info.text(), timeout=5000)
    body.setPlainText("Código $pickup_code")  # ó is not in GSM-7 (QTest types ASCII only)
    qtbot.waitUntil(lambda: "UCS-2" in info.text(), timeout=5000)
    retype(qtbot, body, "$pickup_code " + "Please collect your parcel soon. " * 12)
    warning = label(window, "SMS warning")
    qtbot.waitUntil(lambda: "Too long" in warning.text(), timeout=5000)
    click(qtbot, window, "Save template")
    message = label(window, "Messages message")
    qtbot.waitUntil(lambda: "Not saved" in message.text() and "too long" in message.text(), timeout=5000)
    assert TemplateStore(db).get("arrival", Channel.SMS, "en").overridden is False


def test_only_admins_see_messages_and_only_admins_may_save(qtbot: QtBot, desk: Desk, db: Database) -> None:
    app = desk.app
    sign_in(qtbot, app, "1111")  # Sam Staff, role staff
    assert app.window.staff_shell is not None
    assert not app.window.staff_shell.nav_buttons["Messages"].isVisible()
    sam = StaffService(db).sign_in_pin("1111", "test")
    editor = TemplateEditor(db, TemplateStore(db), NoticePolicy())
    with pytest.raises(PermissionDenied):
        editor.save(sam, "arrival", Channel.EMAIL, "en", "Hi", "Hello $first_name")
    assert TemplateStore(db).get("arrival", Channel.EMAIL, "en").overridden is False
