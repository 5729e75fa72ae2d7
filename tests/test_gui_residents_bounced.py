"""Bounced addresses on the staff Residents screen: the list marks residents whose e-mail bounced or
whose text messages failed and can show only them (with a count), the resident's details say what
happened and how to fix it, and correcting the address (or clearing the warning) sends notices
again — on real widgets, real services and a real SQLite file."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from kiosk.persistence.models import Channel, Event, OutboxMessage, Resident
from kiosk.persistence.uow import Database
from kiosk.services.parcels import IntakeRequest
from tests.factories import ups_number
from tests.qtdrive import by_name
from tests.test_gui_residents import Screens, choose_resident, click, residents, text_of, type_into  # noqa: F401

pytestmark = pytest.mark.gui


@pytest.fixture
def screens(residents: Screens) -> Screens:  # noqa: F811 - the Residents screen fixture of test_gui_residents
    return residents


def flag(db: Database, resident_id: int, **flags: bool) -> None:
    with db.uow() as uow:
        uow.session.execute(update(Resident).where(Resident.id == resident_id).values(**flags))
        uow.commit()


def flags_of(db: Database, resident_id: int) -> tuple[bool, bool]:
    with db.reader() as uow:
        r = uow.session.get(Resident, resident_id)
        assert r is not None
        return r.email_bounced, r.sms_failed


def events(db: Database, kind: str) -> list[dict]:
    with db.reader() as uow:
        return [e.data for e in uow.session.scalars(select(Event).where(Event.kind == kind))]


def delivery_warning(s: Screens) -> QLabel | None:
    found = [w for w in s.screen.findChildren(QLabel) if w.accessibleName() == "Delivery warning" and w.isVisible()]
    return found[0] if found else None


def test_the_list_marks_bounced_residents_and_can_show_only_them(qtbot: QtBot, screens: Screens,
                                                                  db: Database) -> None:
    s = screens
    flag(db, s.building.residents["101:Pedro"], email_bounced=True)
    flag(db, s.building.residents["202:Wei"], sms_failed=True)
    s.vm.refresh()
    qtbot.waitUntil(lambda: len(s.screen.model.rows) == 3 and any(r.email_bounced for r in s.screen.model.rows),
                    timeout=5000)
    model = s.screen.model
    notices = {model.row_at(i).full_name: model.data(model.index(i, 4)) for i in range(model.rowCount())}
    assert notices == {"Maria Garcia": "", "Pedro Garcia": "⚠ e-mail bounced", "Wei Chen": "⚠ SMS failed"}
    alerts = {model.row_at(i).full_name for i in range(model.rowCount()) if model.is_alert(i)}
    assert alerts == {"Pedro Garcia", "Wei Chen"}  # drawn in red
    only = by_name(s.screen, "Show bounced only")
    assert isinstance(only, QPushButton)
    qtbot.waitUntil(lambda: only.text() == "Bounced (2)", timeout=5000)
    click(qtbot, s.screen, "Show bounced only")
    qtbot.waitUntil(lambda: {r.full_name for r in s.screen.model.rows} == {"Pedro Garcia", "Wei Chen"}, timeout=5000)
    click(qtbot, s.screen, "Show bounced only")
    qtbot.waitUntil(lambda: len(s.screen.model.rows) == 3, timeout=5000)


def test_correcting_a_bounced_address_clears_the_flag_and_notices_go_again(qtbot: QtBot, screens: Screens,
                                                                           db: Database) -> None:
    s = screens
    pedro = s.building.residents["101:Pedro"]
    flag(db, pedro, email_bounced=True)
    choose_resident(qtbot, s, "pedro", "Pedro Garcia")
    warning = delivery_warning(s)
    assert warning is not None and "bounced" in warning.text() and "Correct the address" in warning.text()
    assert by_name(s.screen, "Clear e-mail flag").isVisible()
    s.building.parcels.intake(IntakeRequest(ups_number(), resident_id=pedro), s.building.staff)
    with db.reader() as uow:  # nothing is sent to a bounced address
        assert uow.session.scalars(select(OutboxMessage).where(OutboxMessage.resident_id == pedro)).all() == []

    type_into(qtbot, s.screen, "E-mail", "pedro.garcia@example.org")
    click(qtbot, s.screen, "Save resident")
    qtbot.waitUntil(lambda: "Saved Pedro Garcia" in text_of(s.screen, "Residents message"), timeout=5000)
    assert flags_of(db, pedro) == (False, False)
    qtbot.waitUntil(lambda: s.vm.record is not None and not s.vm.record.detail.email_bounced, timeout=5000)
    assert delivery_warning(s) is None
    [logged] = events(db, "resident.updated")
    assert sorted(logged["fields"]) == ["email", "email_bounced"]

    s.building.parcels.intake(IntakeRequest(ups_number(), resident_id=pedro), s.building.staff)
    with db.reader() as uow:
        queued = [(m.channel, m.recipient) for m in uow.session.scalars(
            select(OutboxMessage).where(OutboxMessage.resident_id == pedro))]
    assert queued == [(Channel.EMAIL, "pedro.garcia@example.org")]


def test_a_number_found_right_is_cleared_with_one_tap_and_logged(qtbot: QtBot, screens: Screens,
                                                                 db: Database) -> None:
    s = screens
    wei = s.building.residents["202:Wei"]
    flag(db, wei, sms_failed=True)
    choose_resident(qtbot, s, "chen", "Wei Chen")
    warning = delivery_warning(s)
    assert warning is not None and "Text messages to this mobile number failed" in warning.text()
    click(qtbot, s.screen, "Clear SMS flag")
    qtbot.waitUntil(lambda: flags_of(db, wei) == (False, False), timeout=5000)
    qtbot.waitUntil(lambda: delivery_warning(s) is None, timeout=5000)
    assert events(db, "resident.delivery_flag_cleared") == [{"fields": ["sms_failed"]}]
    assert "Notices will be sent to it again" in text_of(s.screen, "Residents message")
