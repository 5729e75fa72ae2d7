"""The keyboard-wedge filter on real widgets, and the device bridge's thread hop.

Key presses are sent through QApplication (so the application event filter sees them as it
sees a keyboard's) with timestamps set the way the window system sets them: a scanner's
burst is a few milliseconds apart, a person's typing a hundred or more.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PIL import Image
from PySide6.QtCore import QEvent, Qt, QThread
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from hardware.base import DeviceStatus
from hardware.manager import DeviceManager
from hardware.scanner.base import ScanEvent
from hardware.scanner.wedge import WedgeDecoder
from ui.devices import DeviceBridge
from ui.wedge import WedgeFilter

SCAN = "1Z999AA10123456784"
USPS = "9400111899223100000000"


def qt_key(char: str) -> Qt.Key:
    if char == "\r":
        return Qt.Key.Key_Return
    if char == "\b":
        return Qt.Key.Key_Backspace
    return Qt.Key(ord(char.upper()))


def press(widget: QWidget, char: str, at_ms: int) -> None:
    """One key press (and its release) as the window system delivers it, stamped ``at_ms``."""
    text = "" if char == "\b" else char
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, qt_key(char), Qt.KeyboardModifier.NoModifier, text)
        event.setTimestamp(at_ms)
        QApplication.sendEvent(widget, event)


def type_text(widget: QWidget, text: str, start_ms: int, gap_ms: int) -> int:
    for i, char in enumerate(text):
        press(widget, char, start_ms + i * gap_ms)
    return start_ms + len(text) * gap_ms


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    window = QWidget()
    layout = QVBoxLayout(window)
    layout.addWidget(QLineEdit(objectName="field"))
    layout.addWidget(QLineEdit(objectName="other"))
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def field(window: QWidget) -> QLineEdit:
    line = window.findChild(QLineEdit, "field")
    line.setFocus()
    return line


@pytest.fixture
def wedge(qapp: QApplication) -> Iterator[WedgeFilter]:
    f = WedgeFilter(WedgeDecoder(max_gap=0.040, min_length=4))
    qapp.installEventFilter(f)
    yield f
    qapp.removeEventFilter(f)


def test_a_fast_burst_ending_in_enter_is_one_scan_and_never_reaches_the_field(
    qtbot: QtBot, field: QLineEdit, wedge: WedgeFilter
) -> None:
    entered: list[str] = []
    field.returnPressed.connect(lambda: entered.append(field.text()))
    with qtbot.waitSignal(wedge.scanned, timeout=1000) as blocker:
        type_text(field, SCAN + "\r", start_ms=10_000, gap_ms=4)
    assert blocker.args == [ScanEvent(SCAN, None, "keyboard:")]
    qtbot.wait(150)  # well past the decoder's deadline: nothing is given back later
    assert field.text() == ""
    assert entered == []


def test_slow_typing_reaches_the_field_unchanged_and_in_order(
    qtbot: QtBot, field: QLineEdit, wedge: WedgeFilter
) -> None:
    scans: list[object] = []
    entered: list[str] = []
    wedge.scanned.connect(scans.append)
    field.returnPressed.connect(lambda: entered.append(field.text()))
    end = type_text(field, "Unit 12b", start_ms=50_000, gap_ms=150)
    qtbot.waitUntil(lambda: field.text() == "Unit 12b", timeout=1000)
    press(field, "\r", end + 150)  # a person's Enter goes to the field too
    qtbot.waitUntil(lambda: entered == ["Unit 12b"], timeout=1000)
    assert scans == []


def test_typing_then_a_scan_then_typing_keeps_each_where_it_belongs(
    qtbot: QtBot, field: QLineEdit, wedge: WedgeFilter
) -> None:
    scans: list[ScanEvent] = []
    wedge.scanned.connect(scans.append)
    t = type_text(field, "ab", start_ms=1_000, gap_ms=200)
    t = type_text(field, "]C0" + SCAN + "\r", start_ms=t + 200, gap_ms=5)
    type_text(field, "cd", start_ms=t + 300, gap_ms=200)
    qtbot.waitUntil(lambda: field.text() == "abcd", timeout=1000)
    assert scans == [ScanEvent(SCAN, "code128", "keyboard:")]


def test_a_short_fast_burst_without_enter_is_typing(qtbot: QtBot, field: QLineEdit, wedge: WedgeFilter) -> None:
    scans: list[object] = []
    wedge.scanned.connect(scans.append)
    type_text(field, "ok", start_ms=5_000, gap_ms=8)  # two keys rolled over quickly
    qtbot.waitUntil(lambda: field.text() == "ok", timeout=1000)
    assert scans == []


def test_keys_the_decoder_ignores_come_after_the_held_ones(
    qtbot: QtBot, field: QLineEdit, wedge: WedgeFilter
) -> None:
    press(field, "x", 7_000)
    press(field, "y", 7_150)
    assert field.text() == "x"  # "y" is held: it might start a scan
    press(field, "\b", 7_160)  # Backspace: "y" is given back first, then deleted
    assert field.text() == "x"
    qtbot.wait(100)
    assert field.text() == "x"


def test_held_keys_go_to_the_widget_that_had_focus(
    qtbot: QtBot, window: QWidget, field: QLineEdit, wedge: WedgeFilter
) -> None:
    other = window.findChild(QLineEdit, "other")
    press(field, "q", 9_000)
    other.setFocus()
    qtbot.waitUntil(lambda: field.text() == "q", timeout=1000)
    assert other.text() == ""


def test_real_key_path_through_the_window(
    qtbot: QtBot, window: QWidget, field: QLineEdit, wedge: WedgeFilter
) -> None:
    """QTest's keys go through the window system interface, window first, like a keyboard's."""
    window.activateWindow()
    qtbot.waitUntil(field.hasFocus, timeout=1000)
    with qtbot.waitSignal(wedge.scanned, timeout=1000) as blocker:
        for char in USPS:  # digits: QTest types letters in lower case whatever the modifiers
            QTest.keyClick(window.windowHandle(), qt_key(char))
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Return)
    assert blocker.args[0].text == USPS
    assert field.text() == ""


# -- the device bridge ------------------------------------------------------------------------------


def test_a_callback_from_a_worker_thread_arrives_as_a_signal_on_the_gui_thread(qtbot: QtBot) -> None:
    bridge = DeviceBridge()
    gui = QThread.currentThread()
    seen: list[tuple[object, bool]] = []
    bridge.scanned.connect(lambda event: seen.append((event, QThread.currentThread() is gui)))
    event = ScanEvent("PKG-1", "qr", "sim:")
    caller: list[int] = []

    def worker() -> None:
        caller.append(threading.get_ident())
        bridge.on_scan(event)

    with qtbot.waitSignal(bridge.scanned, timeout=2000):
        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
    assert caller and caller[0] != threading.get_ident()
    assert seen == [(event, True)]


def test_the_bridge_carries_a_running_managers_callbacks(qtbot: QtBot) -> None:
    bridge = DeviceBridge()
    manager = DeviceManager(
        {"printer": "sim:", "door": "sim:", "door_pulse_seconds": 0.1},
        on_scan=bridge.on_scan, on_door_event=bridge.on_door_event,
        on_label_printed=bridge.on_label_printed, poll_interval=0.05,
    )
    statuses: list[DeviceStatus] = []
    threads: set[bool] = set()
    gui = QThread.currentThread()

    def on_status(status: DeviceStatus) -> None:
        statuses.append(status)
        threads.add(QThread.currentThread() is gui)

    bridge.status_changed.connect(on_status)
    bridge.label_printed.connect(lambda _job: threads.add(QThread.currentThread() is gui))
    manager.start()
    bridge.attach(manager)
    try:
        qtbot.waitUntil(lambda: any(s.kind == "printer" and s.online for s in statuses), timeout=3000)
        with qtbot.waitSignal(bridge.label_printed, timeout=3000) as printed:
            manager.print_label("job-7", Image.new("1", (100, 40), 1))
        assert printed.args == ["job-7"]
        door = manager.door
        assert door is not None
        with qtbot.waitSignals([bridge.door_event, bridge.door_event], timeout=3000):
            door.unlock_pulse("tester")
    finally:
        bridge.detach()
        manager.stop()
    assert threads == {True}


def test_wedge_scans_reach_the_bridge_through_the_manager(
    qtbot: QtBot, qapp: QApplication, field: QLineEdit
) -> None:
    """The composition root's wiring for a ``keyboard:`` scanner: one path for every scan."""
    bridge = DeviceBridge()
    manager = DeviceManager({"scanner": "keyboard:?gap_ms=30"}, on_scan=bridge.on_scan, poll_interval=None)
    manager.start()
    decoder = manager.wedge_decoder
    assert decoder is not None
    wedge = WedgeFilter(decoder)
    wedge.scanned.connect(manager.submit_scan)
    qapp.installEventFilter(wedge)
    try:
        with qtbot.waitSignal(bridge.scanned, timeout=1000) as blocker:
            type_text(field, SCAN + "\r", start_ms=20_000, gap_ms=3)
    finally:
        qapp.removeEventFilter(wedge)
        manager.stop()
    assert blocker.args == [ScanEvent(SCAN, None, "keyboard:?gap_ms=30")]
    assert field.text() == ""
