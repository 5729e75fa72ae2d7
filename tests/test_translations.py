"""Every user-facing string has a Spanish translation, the compiled file is current, and the
resident can switch language with one tap (and the kiosk switches back when idle)."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.config import Settings
from kiosk.persistence.uow import Database
from tests.factories import make_building
from ui.app import KioskApplication, build_application

TRANSLATIONS = Path(__file__).resolve().parents[1] / "resources" / "translations"


def test_every_message_is_translated_to_spanish() -> None:
    tree = ET.parse(TRANSLATIONS / "packroom_es.ts")
    unfinished = [m.findtext("source") for m in tree.iter("message")
                  if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
                  or not (m.findtext("translation") or "").strip()]
    assert unfinished == []


def test_compiled_translation_is_up_to_date(tmp_path: Path) -> None:
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    fresh = tmp_path / "es.qm"
    subprocess.run([str(lrelease), str(TRANSLATIONS / "packroom_es.ts"), "-qm", str(fresh)],
                   check=True, capture_output=True)
    assert fresh.read_bytes() == (TRANSLATIONS / "packroom_es.qm").read_bytes(), \
        "run scripts/translations.sh and commit the .qm"


@pytest.fixture
def kiosk(qtbot: QtBot, settings: Settings, db: Database) -> Iterator[KioskApplication]:
    make_building(db)
    app = build_application(settings, kiosk_id="i18n")
    qtbot.addWidget(app.window)
    app.window.show()
    yield app
    app.close()


def test_one_tap_switches_to_spanish_and_idle_switches_back(qtbot: QtBot, kiosk: KioskApplication) -> None:
    window = kiosk.window
    title = next(w for w in window.findChildren(QLabel) if w.accessibleName() == "Title")
    assert title.text() == "Pick up your packages"
    button = window.welcome.language_button
    assert button.text() == "Español"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: title.text() == "Recoja sus paquetes", timeout=3000)
    assert button.text() == "English"
    kiosk.idle.idle.emit()
    qtbot.waitUntil(lambda: title.text() == "Pick up your packages", timeout=3000)
