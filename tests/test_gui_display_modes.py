"""Large text and high contrast on the real kiosk window: one tap each on the welcome screen, every
resident screen follows, the staff screens keep their normal look, and the idle reset turns both off."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import Settings
from kiosk.persistence.uow import Database
from kiosk.services.parcels import IntakeRequest
from tests.factories import make_building, ups_number
from tests.qtdrive import by_name
from ui.app import KioskApplication, build_application
from ui.display_modes import scale_fonts

pytestmark = pytest.mark.gui
CODE = "482913"


@pytest.fixture
def kiosk(qtbot: QtBot, settings: Settings, db: Database) -> Iterator[KioskApplication]:
    building = make_building(db)
    maria = building.residents["101:Maria"]
    building.parcels.intake(IntakeRequest(ups_number(), resident_id=maria), building.staff)
    building.credentials.reissue(maria, building.staff, code=CODE)
    app = build_application(settings, kiosk_id="modes-test")
    qtbot.addWidget(app.window)
    app.window.resize(1280, 800)
    app.window.show()
    yield app
    app.close()


def tap(qtbot: QtBot, window: QWidget, name: str) -> None:
    qtbot.mouseClick(by_name(window, name), Qt.MouseButton.LeftButton)


def label(window: QWidget, name: str) -> QLabel:
    found = by_name(window, name)
    assert isinstance(found, QLabel)
    return found


def text_colour(widget: QWidget) -> QColor:
    return widget.palette().color(QPalette.ColorRole.WindowText)


def background(widget: QWidget) -> QColor:
    """The colour actually painted behind the widget (what a resident sees)."""
    image = widget.window().grab().toImage()
    corner = widget.mapTo(widget.window(), widget.rect().topLeft())
    return image.pixelColor(corner.x() + 2, corner.y() + 2)


def contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def sign_in(qtbot: QtBot, app: KioskApplication) -> None:
    for digit in CODE:
        tap(qtbot, app.window, f"Digit {digit}")
    tap(qtbot, app.window, "OK")
    qtbot.waitUntil(lambda: app.window.current_screen is app.window.my_parcels, timeout=5000)


def test_high_contrast_in_one_tap_and_off_again_on_idle(qtbot: QtBot, kiosk: KioskApplication) -> None:
    window = kiosk.window
    title = label(window, "Title")
    normal_colour = text_colour(title)
    toggle = by_name(window, "High contrast")
    assert isinstance(toggle, QPushButton) and toggle.height() >= 72 and not toggle.isChecked()

    tap(qtbot, window, "High contrast")
    assert toggle.isChecked() and "✓" in toggle.text()
    assert text_colour(title) != normal_colour
    behind = background(title)
    assert behind.lightness() < 20  # black behind the text
    assert contrast(text_colour(title), behind) >= 7  # WCAG AAA for the headline
    assert contrast(text_colour(label(window, "Instructions")), behind) >= 7

    kiosk.idle.idle.emit()  # the idle timer firing: the next person starts in the normal look
    assert not toggle.isChecked()
    assert text_colour(title) == normal_colour
    assert background(title).lightness() > 200


def test_large_text_makes_the_words_larger_but_not_on_staff_screens(qtbot: QtBot,
                                                                    kiosk: KioskApplication) -> None:
    window = kiosk.window
    title, steps = label(window, "Title"), label(window, "Instructions")
    title_px, steps_px = title.font().pixelSize(), steps.font().pixelSize()
    shell = window.staff_shell
    assert shell is not None
    staff_title = next(w for w in shell.findChildren(QLabel) if w.objectName() == "StaffTitle")
    staff_px = staff_title.font().pixelSize()

    tap(qtbot, window, "Large text")
    assert title.font().pixelSize() > title_px
    assert steps.font().pixelSize() >= round(steps_px * 1.25)
    assert staff_title.font().pixelSize() == staff_px  # staff keep their dense layout
    sign_in(qtbot, kiosk)
    greeting = label(window, "Greeting")
    assert greeting.text() == "Hello, Maria G." and greeting.font().pixelSize() > title_px

    tap(qtbot, window, "I'm done")  # back at the start: the choice stays for this person...
    assert window.current_screen is window.welcome and title.font().pixelSize() > title_px
    kiosk.idle.idle.emit()  # ...until the kiosk resets itself
    assert title.font().pixelSize() == title_px
    large = by_name(window, "Large text")
    assert isinstance(large, QPushButton) and not large.isChecked()


def test_both_modes_together_reach_the_my_parcels_screen(qtbot: QtBot, kiosk: KioskApplication) -> None:
    window = kiosk.window
    tap(qtbot, window, "High contrast")
    tap(qtbot, window, "Large text")
    sign_in(qtbot, kiosk)
    shelf = label(window, "Shelf")
    assert shelf.font().pixelSize() > 40
    assert contrast(text_colour(shelf), background(shelf)) >= 7
    done = by_name(window, "I'm done")
    assert done.height() >= 72
    assert contrast(done.palette().color(QPalette.ColorRole.ButtonText), background(done)) >= 4.5
    kiosk.idle.idle.emit()
    app = QApplication.instance()
    assert isinstance(app, QApplication) and "#ffdd00" not in app.styleSheet()


def test_staff_screens_keep_the_normal_look_in_high_contrast(qtbot: QtBot, kiosk: KioskApplication) -> None:
    window = kiosk.window
    tap(qtbot, window, "High contrast")
    for digit in "1111":  # Sam Staff's PIN on the same keypad
        tap(qtbot, window, f"Digit {digit}")
    tap(qtbot, window, "OK")
    shell = window.staff_shell
    assert shell is not None
    qtbot.waitUntil(lambda: window.current_screen is shell, timeout=5000)
    staff_title = next(w for w in shell.findChildren(QLabel) if w.objectName() == "StaffTitle" and w.isVisible())
    assert background(staff_title).lightness() > 200  # the light staff theme, not black


def test_large_text_scales_reading_text_more_than_headlines_and_leaves_buttons() -> None:
    sheet = ("QLabel#Steps { font-size: 28px; }\nQLabel#Title { font-size: 48px; }\n"
             "QPushButton#Key { font-size: 22px; min-height: 48px; }")
    scaled = scale_fonts(sheet, 1.3)
    assert "QLabel#Steps { font-size: 36px; }" in scaled
    assert "QLabel#Title { font-size: 53px; }" in scaled
    assert "QPushButton#Key { font-size: 22px; min-height: 48px; }" in scaled
