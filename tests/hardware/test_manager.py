"""The device manager on simulated devices: start/stop, scans routed, a printer outage that
ends with the label printed once, a door controller that appears late, statuses published.

The manager runs no thread here (``poll_interval=None``): the test moves a fake clock and
calls ``tick()``, as the door-supervisor tests do.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PIL import Image

from hardware.base import DeviceStatus
from hardware.door.base import DoorController
from hardware.door.sim import LOCK as LOCK_ACTION
from hardware.door.sim import SimDoor
from hardware.door.supervisor import DOOR_OFFLINE, LOCKED, DoorEvent
from hardware.errors import DeviceUnavailable, PrinterError
from hardware.manager import DeviceConfig, DeviceManager, SensorDoor
from hardware.printer.sim import SimPrinter
from hardware.scanner.base import ScanEvent
from hardware.scanner.sim import SimScanner
from hardware.scanner.wedge import ENTER
from tests.hardware.conftest import FakeClock, Recorder

SMALL_CAMERA = "sim:?width=320&height=240&fps=10"
ALL_SIM = {
    "devices.scanner": "sim:",
    "devices.camera": SMALL_CAMERA,
    "devices.printer": "sim:",
    "devices.door": "sim:?sensor=1",
    "devices.door_pulse_seconds": 0.2,
}


def label() -> Image.Image:
    return Image.new("1", (200, 80), 1)


class Harness:
    """A manager with recorders on every callback; stopped at the end of the test."""

    def __init__(self, config: dict[str, Any], clock: FakeClock, **kw: Any) -> None:
        self.scans: Recorder[ScanEvent] = Recorder()
        self.door_events: Recorder[DoorEvent] = Recorder()
        self.printed: Recorder[str] = Recorder()
        self.statuses: Recorder[DeviceStatus] = Recorder()
        self.clock = clock
        self.manager = DeviceManager(
            config, on_scan=self.scans, on_door_event=self.door_events, on_label_printed=self.printed,
            clock=clock, poll_interval=None, **kw,
        )
        self.manager.add_listener(self.statuses)

    def status(self, kind: str) -> DeviceStatus:
        return self.manager.statuses()[kind]

    def tick_after(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self.manager.tick()


@pytest.fixture
def harness(fake_clock: FakeClock) -> Iterator[Callable[..., Harness]]:
    made: list[Harness] = []

    def make(config: dict[str, Any], **kw: Any) -> Harness:
        h = Harness(config, fake_clock, **kw)
        made.append(h)
        return h

    yield make
    for h in made:
        h.manager.stop()


def test_all_simulated_devices_start_and_stop_with_the_door_locked(harness: Callable[..., Harness]) -> None:
    h = harness(ALL_SIM)
    m = h.manager
    m.start()
    m.tick()  # the first printer health check
    assert set(m.statuses()) == {"scanner", "camera", "printer", "door"}
    assert isinstance(m.scanner, SimScanner)
    assert isinstance(m.printer, SimPrinter)
    assert m.door is not None and m.camera is not None
    door = m.door.controller
    assert isinstance(door, SimDoor)
    assert door.actions() == ["lock"]  # locked on start
    assert h.status("door").online and h.status("door").extra["door"] == "locked"
    assert h.status("printer").online and h.status("printer").extra["paper"] == "ok"
    assert h.status("scanner").online
    h.statuses.wait_for(lambda items: any(s.kind == "camera" and s.online for s in items), timeout=5)

    m.stop()
    assert door.actions()[-1] == "lock"  # locked on stop
    assert {s.detail for s in m.statuses().values()} == {"stopped"}
    assert m.camera is None and m.door is None and m.scanner is None
    m.stop()  # twice is harmless


def test_scans_from_the_scanner_and_the_camera_reach_one_callback(harness: Callable[..., Harness]) -> None:
    h = harness(ALL_SIM)
    h.manager.start()
    scanner = h.manager.scanner
    assert isinstance(scanner, SimScanner)
    scanner.inject("]C01Z999AA10123456784")
    assert h.scans.items == [ScanEvent("1Z999AA10123456784", "code128", "sim:")]

    camera = h.manager.camera
    assert camera is not None
    camera.source.inject("PKG-0042")  # type: ignore[attr-defined]
    scans = h.scans.wait_count(2, timeout=10)
    assert scans[1] == ScanEvent("PKG-0042", "qr", SMALL_CAMERA)


def test_a_scanner_url_equal_to_the_camera_opens_one_device(harness: Callable[..., Harness]) -> None:
    h = harness({"devices.scanner": SMALL_CAMERA, "devices.camera": SMALL_CAMERA}, camera_scans=False)
    h.manager.start()
    assert set(h.manager.statuses()) == {"camera"}
    assert h.manager.scanner is None
    camera = h.manager.camera
    assert camera is not None
    camera.source.inject("SAME-CAMERA")  # type: ignore[attr-defined]
    assert h.scans.wait_count(1, timeout=10)[0].text == "SAME-CAMERA"  # still the scanner


def test_keyboard_scanner_exposes_the_decoder_for_the_ui(harness: Callable[..., Harness]) -> None:
    h = harness({"devices.scanner": "keyboard:?gap_ms=30"})
    h.manager.start()
    decoder = h.manager.wedge_decoder
    assert decoder is not None and decoder.max_gap == pytest.approx(0.030)
    assert h.status("scanner").online
    for i, key in enumerate("ABCD" + ENTER):
        action = decoder.feed(key, 1.0 + i * 0.005)
    h.manager.submit_scan(action.event)  # type: ignore[union-attr]
    assert h.scans.items == [ScanEvent("ABCD", None, "keyboard:?gap_ms=30")]


def test_a_printer_outage_pauses_labels_and_the_reconnect_prints_each_once(
    harness: Callable[..., Harness],
) -> None:
    # The queue's own retry is an hour away: only the manager's reconnect can print the label.
    h = harness({"devices.printer": "sim:"}, print_retry_initial=3600, health_interval=10)
    m = h.manager
    m.start()
    m.tick()
    printer = m.printer
    assert isinstance(printer, SimPrinter)
    assert h.status("printer").online

    printer.offline = True  # unplugged / network lost
    m.print_label("parcel-1", label())
    h.statuses.wait_for(lambda items: items[-1].kind == "printer" and not items[-1].online)
    status = h.status("printer")
    assert status.state == "offline" and "labels are kept" in status.detail
    assert status.extra["waiting"] == "1"
    m.print_label("parcel-1", label())  # a double tap: still one label
    h.tick_after(1)  # the printer is polled, still offline: nothing printed
    assert printer.images == [] and h.printed.items == []

    printer.offline = False  # back
    h.tick_after(2)
    assert h.printed.wait_count(1) == ["parcel-1"]
    h.statuses.wait_for(lambda items: items[-1].kind == "printer" and items[-1].online
                        and items[-1].extra.get("waiting") == "0")
    h.tick_after(30)
    assert len(printer.images) == 1 and h.printed.items == ["parcel-1"]


def test_paper_out_is_an_error_staff_can_act_on(harness: Callable[..., Harness]) -> None:
    h = harness({"devices.printer": "sim:"}, print_retry_initial=3600)
    h.manager.start()
    printer = h.manager.printer
    assert isinstance(printer, SimPrinter)
    printer.paper_out = True
    h.manager.print_label("p", label())
    h.statuses.wait_for(lambda items: items[-1].kind == "printer" and items[-1].state == "error")
    assert h.status("printer").detail == "out of paper: load a new roll"
    assert h.status("printer").extra["paper"] == "out"


def test_a_door_controller_that_fails_to_open_is_retried_until_it_appears(
    harness: Callable[..., Harness],
) -> None:
    attempts: list[str] = []
    board = SimDoor("usbrelay://16c0:05df?relay=1")

    def open_door(url: str) -> DoorController:
        attempts.append(url)
        if len(attempts) <= 2:
            raise DeviceUnavailable("no USB relay board 16c0:05df is plugged in")
        return board

    h = harness({"devices.door": "usbrelay://16c0:05df?relay=1", "devices.printer": "sim:"},
                factories={"door": open_door}, retry_initial=1.0)
    m = h.manager
    m.start()  # the kiosk starts anyway
    assert m.door is None and m.printer is not None
    status = h.status("door")
    assert status.state == "offline"
    assert status.detail == ("no USB relay board 16c0:05df is plugged in; check that the door controller is "
                             "plugged in and powered (retrying in 1 s)")
    m.print_label("meanwhile", label())  # the rest of the kiosk works
    assert h.printed.wait_count(1) == ["meanwhile"]

    h.tick_after(0.5)
    assert len(attempts) == 1  # not yet due
    h.tick_after(0.6)
    assert len(attempts) == 2 and "retrying in 2 s" in h.status("door").detail  # a growing delay
    h.tick_after(1.5)
    assert len(attempts) == 2
    h.tick_after(0.6)
    assert len(attempts) == 3
    assert m.door is not None
    assert board.actions() == ["lock"]  # locked as soon as it appeared
    assert h.status("door").online and h.status("door").detail == "locked"
    assert [e.kind for e in h.door_events.items] == [LOCKED]
    h.tick_after(100)
    assert len(attempts) == 3


def test_a_door_controller_lost_and_back_is_reported_and_relocked(harness: Callable[..., Harness]) -> None:
    board = SimDoor("sim:")
    board.offline = True
    h = harness({"devices.door": "sim:"}, factories={"door": lambda url: board})
    m = h.manager
    m.start()
    assert m.door is not None  # opened: the supervisor keeps trying to lock it
    status = h.status("door")
    assert status.state == "offline"
    assert status.detail == "controller offline: simulated door controller is offline"
    assert DOOR_OFFLINE in [e.kind for e in h.door_events.items]

    board.offline = False
    h.tick_after(1)
    assert board.actions(ok_only=True) == ["lock"]
    assert h.status("door").online and h.status("door").detail == "locked"


def test_a_door_that_answers_but_will_not_lock_is_an_error_until_it_locks(
    harness: Callable[..., Harness],
) -> None:
    board = SimDoor("sim:")
    board.fail_next(LOCK_ACTION, count=2)
    h = harness({"devices.door": "sim:"}, factories={"door": lambda url: board})
    h.manager.start()
    status = h.status("door")
    assert status.state == "error" and status.detail == "cannot lock: simulated failure of lock"
    h.tick_after(0.3)  # the supervisor's first retry fails too
    assert h.status("door").state == "error"
    h.tick_after(1)
    assert board.actions(ok_only=True) == ["lock"]
    assert h.status("door").online and h.status("door").detail == "locked"


def test_a_separate_door_sensor_reports_the_door_opening(harness: Callable[..., Harness]) -> None:
    sensor = SimDoor("sim:?sensor=1", sensor=True)
    lock = SimDoor("sim:")
    made = {"sim:": lock, "sim:?sensor=1": sensor}
    h = harness({"devices.door": "sim:", "devices.door_sensor": "sim:?sensor=1"},
                factories={"door": made.__getitem__})
    h.manager.start()
    door = h.manager.door
    assert door is not None and isinstance(door.controller, SensorDoor) and door.has_sensor
    sensor.sensor_open = True
    h.tick_after(0.1)
    assert h.status("door").extra["door"] == "forced_open"
    assert lock.actions() == ["lock"] and sensor.actions() == []


def test_statuses_are_published_to_every_listener(harness: Callable[..., Harness]) -> None:
    h = harness({"devices.scanner": "sim:", "devices.printer": "sim:"})
    seen: list[DeviceStatus] = []

    def broken(status: DeviceStatus) -> None:
        raise RuntimeError("a listener bug")

    h.manager.add_listener(broken)
    unsubscribe = h.manager.add_listener(seen.append)
    h.manager.start()
    h.manager.tick()
    assert [s.kind for s in seen if s.online] == ["scanner", "printer"]
    assert h.manager.statuses()["printer"] == seen[-1]
    scanner = h.manager.scanner
    assert isinstance(scanner, SimScanner)
    scanner.set_online(False)  # unplugged
    assert seen[-1] == DeviceStatus.offline("scanner", "sim:", "unplugged")
    unsubscribe()
    scanner.set_online(True)
    assert seen[-1].detail == "unplugged"
    assert h.statuses.items[-1].online  # the other listener still hears


def test_a_bad_url_is_an_error_naming_the_setting_and_is_not_retried(harness: Callable[..., Harness]) -> None:
    h = harness({"devices.printer": "escpos-carrier-pigeon://coop", "devices.scanner": "sim:"})
    h.manager.start()
    status = h.status("printer")
    assert status.state == "error"
    assert status.detail.endswith("fix devices.printer in the configuration")
    assert h.status("scanner").online  # the rest of the kiosk works
    h.tick_after(3600)
    assert h.status("printer") == status
    with pytest.raises(DeviceUnavailable, match="not available"):
        h.manager.print_label("x", label())


def test_no_printer_configured(harness: Callable[..., Harness]) -> None:
    h = harness({"devices.printer": ""})
    h.manager.start()
    assert h.manager.statuses() == {}
    with pytest.raises(PrinterError, match="no label printer"):
        h.manager.print_label("x", label())


def test_config_from_settings_keys_and_label_width() -> None:
    config = DeviceConfig.from_mapping({"devices.printer": " sim: ", "devices.label_width_dots": 384,
                                        "kiosk.language": "en"})
    assert config == DeviceConfig(printer="sim:", label_width_dots=384)
    assert DeviceConfig.from_mapping({"door": "sim:"}).door == "sim:"
    manager = DeviceManager(config, poll_interval=None)
    manager.start()
    try:
        assert manager.label_width_dots == 384
        wide = DeviceManager({"printer": "sim:?width=576", "label_width_dots": 384}, poll_interval=None)
        wide.start()
        assert wide.label_width_dots == 576  # the URL's own width wins
        wide.stop()
    finally:
        manager.stop()


def test_the_camera_can_open_after_the_first_screen_while_the_door_locks_at_once(
    harness: Callable[..., Harness],
) -> None:
    """What the kiosk does at start: the door is locked before anything else, the camera (and OpenCV)
    a moment later, from the reconnect round, so the resident screen is painted first."""
    h = harness(ALL_SIM)
    m = h.manager
    m.start(open_later={"camera": 1.5})
    assert m.door is not None and h.status("door").detail == "locked"
    assert m.camera is None and h.status("camera").state == "offline"
    assert "starting" in h.status("camera").detail
    h.tick_after(1.0)
    assert m.camera is None  # not yet due
    h.tick_after(0.6)
    assert m.camera is not None
    deadline = time.monotonic() + 10
    while not h.status("camera").online and time.monotonic() < deadline:  # its worker reports in
        time.sleep(0.02)
    assert h.status("camera").online
