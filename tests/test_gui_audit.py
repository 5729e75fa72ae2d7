"""The audit screen driven like staff would: start, scan shelves and parcels, reconcile, move, resolve, sign off."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QTableView
from pytestqt.qtbot import QtBot

from kiosk.persistence.models import AuditStatus, Role
from kiosk.persistence.uow import Database
from kiosk.services.audits import AuditService
from kiosk.services.staff import StaffSession
from tests.test_audits import Room, room  # noqa: F401 - the seeded room fixture
from tests.test_gui_pickup import by_name
from ui.screens.staff.audit import AuditScreen
from ui.tasks import TaskRunner
from ui.viewmodels.audit import AuditViewModel

pytestmark = pytest.mark.gui


@pytest.fixture
def screen(qtbot: QtBot, room: Room) -> Iterator[tuple[AuditScreen, AuditViewModel, Room]]:  # noqa: F811
    runner = TaskRunner()
    session = StaffSession(room.building.staff_id, "Sam Staff", Role.STAFF, datetime.now(UTC))
    vm = AuditViewModel(room.audits, runner, staff=lambda: session)
    widget = AuditScreen(vm)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    yield widget, vm, room
    runner.shutdown()


def click(qtbot: QtBot, widget: AuditScreen, name: str) -> None:
    qtbot.mouseClick(by_name(widget, name), Qt.MouseButton.LeftButton)


def test_a_whole_audit_on_the_screen(qtbot: QtBot, screen, db: Database) -> None:
    widget, vm, seeded_room = screen
    status = by_name(widget, "Audit status")
    assert isinstance(status, QLabel)
    qtbot.waitUntil(lambda: "No audit" in status.text(), timeout=10000)
    click(qtbot, widget, "Start audit")
    qtbot.waitUntil(lambda: status.text().startswith("Audit #1"), timeout=10000)

    scan = by_name(widget, "Audit scan")
    assert isinstance(scan, QLineEdit)
    message = by_name(widget, "Audit message")
    progress = by_name(widget, "Audit progress")
    assert isinstance(message, QLabel) and isinstance(progress, QLabel)
    scan.setText("A1")
    qtbot.keyClick(scan, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Shelf A1" in message.text(), timeout=15000)
    vm.on_scan(seeded_room.codes["ok"])  # the scanner
    qtbot.waitUntil(lambda: progress.text().startswith("1 of 5 parcels found"), timeout=10000)
    vm.on_scan(seeded_room.codes["misplaced"])
    qtbot.waitUntil(lambda: "recorded on A2" in message.text(), timeout=10000)
    shelves = by_name(widget, "Shelf progress")
    assert isinstance(shelves, QTableView)
    qtbot.waitUntil(lambda: [shelves.model().index(0, c).data() for c in range(5)] == ["A1", "2", "1", "1", "check"],
                    timeout=10000)

    click(qtbot, widget, "Reconcile")
    table = by_name(widget, "Discrepancies")
    assert isinstance(table, QTableView)
    qtbot.waitUntil(lambda: table.model().rowCount() > 0, timeout=10000)
    kinds = sorted(table.model().index(r, 0).data() for r in range(table.model().rowCount()))
    assert kinds.count("missing") == 3  # of the five waiting, two were found on A1; A2 was never scanned
    assert "misplaced" in kinds and "recipient moved out" in kinds and "on hold past its date" in kinds

    row = next(r for r in range(table.model().rowCount()) if table.model().index(r, 0).data() == "misplaced")
    widget.select_discrepancy(row)
    assert by_name(widget, "Move it here").isEnabled()
    click(qtbot, widget, "Move it here")
    qtbot.waitUntil(lambda: table.model().index(row, 3).data() == "moved", timeout=10000)
    assert seeded_room.building.parcels.get(seeded_room.ids["misplaced"]).location_code == "A1"

    click(qtbot, widget, "Sign off")
    qtbot.waitUntil(lambda: "still open" in message.text(), timeout=10000)
    code = by_name(widget, "Resolution code")
    note = by_name(widget, "Resolution note")
    assert isinstance(code, QComboBox) and isinstance(note, QLineEdit)
    code.setCurrentIndex(code.findData("record_corrected"))
    for r in range(table.model().rowCount()):
        if table.model().index(r, 3).data() == "open":
            widget.select_discrepancy(r)
            note.setText("checked")
            click(qtbot, widget, "Resolve")
            qtbot.waitUntil(lambda r=r: table.model().index(r, 3).data() == "record_corrected", timeout=10000)
    click(qtbot, widget, "Sign off")
    qtbot.waitUntil(lambda: "signed off by Sam Staff" in message.text(), timeout=10000)
    audits = AuditService(db, seeded_room.building.parcels).recent()
    assert audits[0].status is AuditStatus.SIGNED_OFF and audits[0].signed_off_by == "Sam Staff"
