"""The first-run wizard, driven end to end in real widgets: typed on the on-screen keyboard,
devices tested (sim:), a test e-mail sent to a real SMTP server on loopback and a test SMS to
a real HTTP endpoint, a rent roll checked then imported, and the kiosk started on the result."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk import eventlog
from kiosk.config import Settings
from kiosk.firstrun import FirstRunSetup, SetupResult, is_fresh_database
from kiosk.persistence.uow import Database
from kiosk.residents.directory import ResidentDirectory
from kiosk.services.staff import StaffService
from tests.notifications.servers import HttpRecorder, SmtpServer
from tests.test_gui_pickup import by_name
from ui.app import build_application
from ui.screens.setup_wizard import SetupWizard, run_setup_wizard
from ui.tasks import TaskRunner
from ui.viewmodels.setup import SetupViewModel

pytestmark = pytest.mark.gui
RENTROLL = Path(__file__).parent / "data" / "rentroll" / "generic.csv"


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def http_recorder() -> Iterator[HttpRecorder]:
    recorder = HttpRecorder()
    recorder.start()
    yield recorder
    recorder.stop()


@pytest.fixture
def wizard(qtbot: QtBot, db: Database, tmp_path: Path) -> Iterator[SetupWizard]:
    runner = TaskRunner()
    viewmodel = SetupViewModel(FirstRunSetup(db, tmp_path / "config" / "packroom.toml", kiosk_id="wizard"), runner,
                               device_timeout=10.0)
    widget = SetupWizard(viewmodel, Settings())
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    yield widget
    runner.shutdown()


def click(qtbot: QtBot, root: QWidget, name: str) -> None:
    button = by_name(root, name)
    assert isinstance(button, QPushButton) and button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def field(root: QWidget, name: str) -> QLineEdit:
    widget = by_name(root, name)
    assert isinstance(widget, QLineEdit)
    return widget


def text_of(root: QWidget, name: str) -> str:
    widget = by_name(root, name)
    assert isinstance(widget, QLabel)
    return widget.text()


def touch_type(qtbot: QtBot, root: QWidget, target: str, text: str) -> None:
    """Touch the field, then type on the on-screen keyboard (Letter case toggles capitals)."""
    qtbot.mouseClick(field(root, target), Qt.MouseButton.LeftButton)
    for char in text:
        if char.isalpha() and char.isupper() == by_name(root, "Letter case").text().startswith("a"):
            click(qtbot, root, "Letter case")
        name = {" ": "Key Space"}.get(char, f"Key {char.upper()}")
        click(qtbot, root, name)


def test_the_wizard_end_to_end(qtbot: QtBot, wizard: SetupWizard, db: Database, tmp_path: Path,
                               smtp_server: SmtpServer, http_recorder: HttpRecorder, settings: Settings) -> None:
    # 1. property name, typed on the on-screen keyboard; Next refuses an empty name first
    assert text_of(wizard, "Step") == "Step 1 of 6"
    click(qtbot, wizard, "Next")
    assert "property's name" in text_of(wizard, "Set-up message")
    touch_type(qtbot, wizard, "Property name", "Harbor View 2")
    assert field(wizard, "Property name").text() == "Harbor View 2"
    click(qtbot, wizard, "Key Delete")
    assert field(wizard, "Property name").text() == "Harbor View "
    click(qtbot, wizard, "Next")

    # 2. administrator: the two PINs must match
    assert text_of(wizard, "Step") == "Step 2 of 6"
    touch_type(qtbot, wizard, "Administrator name", "Dana Admin")
    touch_type(qtbot, wizard, "Administrator PIN", "482613")
    touch_type(qtbot, wizard, "Administrator PIN again", "482631")
    assert field(wizard, "Administrator PIN").echoMode() == QLineEdit.EchoMode.Password
    click(qtbot, wizard, "Next")
    assert "not the same" in text_of(wizard, "Set-up message")
    field(wizard, "Administrator PIN again").setText("482613")
    click(qtbot, wizard, "Next")

    # 3. devices: sim: by default; each test button drives its device; Find devices answers
    assert text_of(wizard, "Step") == "Step 3 of 6"
    titles = ("Scanner", "Printer", "Door", "Camera")
    for title in titles:
        assert field(wizard, f"{title} URL").text() == "sim:"
        click(qtbot, wizard, f"Test {title.lower()}")
    for title in titles:
        qtbot.waitUntil(lambda t=title: text_of(wizard, f"{t} test result").startswith("✓"), timeout=20000)
    assert "1Z999AA10123456784" in text_of(wizard, "Scanner test result")
    assert "test label" in text_of(wizard, "Printer test result")
    assert "locked again" in text_of(wizard, "Door test result")
    assert "PACKROOM-CAMERA-TEST" in text_of(wizard, "Camera test result")
    field(wizard, "Printer URL").setText("escpos-tcp://127.0.0.1:1?timeout=2")
    click(qtbot, wizard, "Test printer")
    qtbot.waitUntil(lambda: text_of(wizard, "Printer test result").startswith("✗"), timeout=20000)
    click(qtbot, wizard, "Find devices")
    qtbot.waitUntil(lambda: "Looking" not in text_of(wizard, "Set-up message"), timeout=20000)
    assert text_of(wizard, "Set-up message").startswith(("Found", "Nothing"))
    for title in ("Scanner", "Printer", "Door"):
        field(wizard, f"{title} URL").setText("sim:")  # whatever was found: this test keeps simulators
    field(wizard, "Camera URL").setText("")
    click(qtbot, wizard, "Next")

    # 4. notifications: a test e-mail through real SMTP, a test SMS through a real HTTP endpoint
    assert text_of(wizard, "Step") == "Step 4 of 6"
    field(wizard, "E-mail URL").setText(smtp_server.url)
    touch_type(qtbot, wizard, "Test e-mail address", "dana")
    click(qtbot, wizard, "Key @")
    field(wizard, "Test e-mail address").setText(field(wizard, "Test e-mail address").text() + "harbor.example")
    click(qtbot, wizard, "Send test e-mail")
    qtbot.waitUntil(lambda: text_of(wizard, "E-mail test result").startswith(("✓", "✗")), timeout=20000)
    assert text_of(wizard, "E-mail test result").startswith("✓"), text_of(wizard, "E-mail test result")
    assert len(smtp_server.messages) == 1
    sent = smtp_server.messages[0]
    assert sent.rcpt_tos == ["dana@harbor.example"] and "Harbor View" in str(sent.message["Subject"])
    field(wizard, "SMS URL").setText(f"json://127.0.0.1:{http_recorder.port}/sms")
    field(wizard, "Test mobile number").setText("+15550100001")
    click(qtbot, wizard, "Send test SMS")
    qtbot.waitUntil(lambda: text_of(wizard, "SMS test result").startswith(("✓", "✗")), timeout=20000)
    assert text_of(wizard, "SMS test result").startswith("✓"), text_of(wizard, "SMS test result")
    assert [r.body.get("to") for r in http_recorder.requests] == ["+15550100001"]
    click(qtbot, wizard, "Next")

    # 5. residents: the file must be checked before moving on; the check writes nothing
    assert text_of(wizard, "Step") == "Step 5 of 6"
    field(wizard, "Rent-roll CSV file").setText(str(RENTROLL))
    click(qtbot, wizard, "Next")
    assert "Check file" in text_of(wizard, "Set-up message")
    click(qtbot, wizard, "Check file")
    qtbot.waitUntil(lambda: text_of(wizard, "Rent-roll check result").startswith(("✓", "✗")), timeout=20000)
    assert "19 residents to add" in text_of(wizard, "Rent-roll check result")
    assert ResidentDirectory(db).search("Alvarez") == []
    click(qtbot, wizard, "Next")

    # 6. summary, then Start Packroom saves everything
    assert text_of(wizard, "Step") == "Step 6 of 6"
    summary = text_of(wizard, "Summary")
    assert "Harbor View" in summary and "Dana Admin" in summary and "e-mail, SMS" in summary
    assert "generic.csv" in summary
    with qtbot.waitSignal(wizard.completed, timeout=30000) as finished:
        click(qtbot, wizard, "Start Packroom")
    result = finished.args[0]
    assert isinstance(result, SetupResult)

    document = tomllib.loads((tmp_path / "config" / "packroom.toml").read_text(encoding="utf-8"))
    assert document["property"]["name"] == "Harbor View"
    assert document["devices"]["camera"] == "" and document["devices"]["printer"] == "sim:"
    assert document["notifications"]["email_url"] == smtp_server.url
    assert StaffService(db).sign_in_pin("482613", scope="t").role.value == "admin"
    assert ResidentDirectory(db).search("Alvarez")
    with db.reader() as uow:
        assert eventlog.verify(uow.session).ok
    assert not is_fresh_database(db)

    # ...and the kiosk starts on the new settings, with the property's name on the welcome screen
    kiosk = build_application(result.settings.replace(database__url=settings.database_url,
                                                      paths__data_dir=settings["paths.data_dir"],
                                                      paths__log_dir=settings["paths.log_dir"]),
                              db=db, kiosk_id="after-setup")
    qtbot.addWidget(kiosk.window)
    try:
        kiosk.window.show()
        assert any("Harbor View" in label.text() for label in kiosk.window.findChildren(QLabel))
    finally:
        kiosk.close()


def test_every_control_has_an_accessible_name(wizard: SetupWizard) -> None:
    unnamed = [w for w in wizard.findChildren(QWidget)
               if isinstance(w, (QPushButton, QLineEdit, QLabel)) and not w.accessibleName() and w.isVisibleTo(wizard)]
    assert unnamed == []
    buttons = [w for w in wizard.findChildren(QPushButton) if w.objectName() != "Key"]
    assert buttons and all(b.minimumHeight() >= 56 for b in buttons)  # touch targets


def test_run_setup_wizard_returns_the_new_settings(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    config = tmp_path / "packroom.toml"

    def fill_in() -> None:
        wizard = next(w for w in QApplication.topLevelWidgets() if isinstance(w, SetupWizard) and w.isVisible())
        wizard.property_name.setText("Quay Lofts")
        wizard.admin_name.setText("Lee")
        wizard.admin_pin.setText("905174")
        wizard.admin_pin_again.setText("905174")
        for _ in range(5):
            click(qtbot, wizard, "Next")
        click(qtbot, wizard, "Start Packroom")

    QTimer.singleShot(0, fill_in)
    configured = run_setup_wizard(db, Settings(), config, kiosk_id="t")
    assert configured is not None
    assert configured["property.name"] == "Quay Lofts" and configured.source == config
    assert config.exists()


def test_closing_the_wizard_saves_nothing(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    def close() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, SetupWizard) and widget.isVisible():
                widget.close()

    QTimer.singleShot(0, close)
    assert run_setup_wizard(db, Settings(), tmp_path / "packroom.toml") is None
    assert not (tmp_path / "packroom.toml").exists() and is_fresh_database(db)
