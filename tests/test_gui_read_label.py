"""Label reading at the intake screen, through the composition root: a shipping label under the (simulated)
camera, one tap on "Read label", and the tracking number and the recipient come up for staff to confirm."""

from __future__ import annotations

import random

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.config import Settings
from kiosk.persistence.models import Property
from kiosk.persistence.uow import Database
from tests.factories import make_building
from tests.labelgen import SITE, make_shipment, render_label
from tests.test_gui_pickup import by_name
from tests.test_gui_staff import sign_in
from ui.app import build_application

pytestmark = pytest.mark.gui


def test_read_label_proposes_the_recipient_and_fills_the_tracking_number(qtbot: QtBot, settings: Settings,
                                                                         db: Database) -> None:
    building = make_building(db)
    with db.uow() as uow:
        prop = uow.session.query(Property).one()
        prop.address = SITE.address
        uow.commit()
    app = build_application(settings, kiosk_id="gui-label")
    try:
        if app.label_reader is None:
            pytest.skip("Tesseract is not installed (./test.sh installs tesseract-ocr)")
        qtbot.addWidget(app.window)
        app.window.show()
        sign_in(qtbot, app)
        shipment = make_shipment(random.Random(5), "fedex", "MARIA GARCIA", "101", upper=True)
        label: Image.Image = render_label(shipment)
        frame = np.asarray(label.convert("RGB"))[:, :, ::-1].copy()
        app.devices.camera.stop() if app.devices.camera is not None else None  # only our frame from now on
        app.bridge.frame.emit(frame)  # what the camera worker hands the GUI: the newest full frame
        qtbot.waitUntil(lambda: app.intake.can_read_labels and _has_frame(app), timeout=10000)
        messages: list[str] = []
        app.intake.message.connect(lambda text, _severity: messages.append(text))
        qtbot.mouseClick(by_name(app.window, "Read label"), Qt.MouseButton.LeftButton)
        maria = building.residents["101:Maria"]
        qtbot.waitUntil(lambda: app.intake.draft is not None and app.intake.draft.resident_id == maria,
                        timeout=60000)
        assert any("Read from the label" in text for text in messages)
        draft = app.intake.draft
        assert draft is not None and draft.tracking.number == shipment.tracking
        assert not draft.certain  # proposed, not assigned: staff confirm with Save
    finally:
        app.close()


def _has_frame(app) -> bool:  # type: ignore[no-untyped-def]
    return app.intake._latest_frame is not None and app.intake._latest_frame() is not None
