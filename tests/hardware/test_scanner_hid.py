"""USB HID scanners read with pyusb, against a device simulated at the transfer level."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import pytest

from hardware.base import DeviceStatus
from hardware.scanner import GS, ScanEvent
from hardware.scanner.factory import open_scanner
from hardware.scanner.hid import BootKeyboardDecoder, HidScanner, PosReportDecoder
from tests.hardware.usbsim import ControlTransfer, SimBackend, SimDevice, hid_interface

if TYPE_CHECKING:
    from tests.hardware.conftest import Recorder

VID, PID = 0x0C2E, 0x0B61
IN_EP = 0x81
RELEASE = bytes(8)
SHIFT = 0x02
RIGHT_SHIFT = 0x20
CTRL = 0x01


def key(usage: int, modifiers: int = 0) -> bytes:
    return bytes([modifiers, 0, usage, 0, 0, 0, 0, 0])


class KeyboardScanner(SimDevice):
    """A handheld in USB keyboard mode: boot keyboard interface, accepts HID class requests."""

    def __init__(self) -> None:
        super().__init__(VID, PID, interfaces=[hid_interface(0, boot_keyboard=True)],
                         manufacturer="Honeywell", product="Voyager 1250g")

    def on_control(self, setup: ControlTransfer, data: bytes) -> bytes | None:
        if setup.request_type == 0x21 and setup.request in (0x0A, 0x0B):
            return None  # SET_IDLE, SET_PROTOCOL
        return super().on_control(setup, data)


class PosScanner(SimDevice):
    """A scanner in HID POS mode: a plain HID interface with 64-byte input reports."""

    def __init__(self) -> None:
        super().__init__(VID, PID, interfaces=[hid_interface(0, packet=64)],
                         product="Voyager 1250g POS")


def pos_report(data: bytes, more: bool) -> bytes:
    report = bytearray(64)
    report[0] = 0x02
    report[1] = len(data)
    report[2 : 2 + len(data)] = data
    report[63] = int(more)
    return bytes(report)


@pytest.fixture
def scans(recorder: Any) -> Recorder[ScanEvent]:
    return recorder()


@pytest.fixture
def statuses(recorder: Any) -> Recorder[DeviceStatus]:
    return recorder()


@contextmanager
def running(
    device: SimDevice, url: str, scans: Recorder[ScanEvent], statuses: Recorder[DeviceStatus]
) -> Iterator[HidScanner]:
    """A started scanner on the simulated ``device``, connected, stopped on exit."""
    scanner = open_scanner(url, backend=SimBackend(device), retry_initial=0.01,
                           retry_max=0.05, read_timeout_ms=20)
    assert isinstance(scanner, HidScanner)
    scanner.add_status_listener(statuses)
    scanner.start(scans)
    try:
        statuses.wait_for(lambda s: bool(s) and s[-1].online)
        yield scanner
    finally:
        scanner.stop()


@pytest.fixture
def keyboard_device() -> KeyboardScanner:
    return KeyboardScanner()


@pytest.fixture
def keyboard_scanner(
    keyboard_device: KeyboardScanner, scans: Recorder[ScanEvent],
    statuses: Recorder[DeviceStatus],
) -> Iterator[HidScanner]:
    with running(keyboard_device, f"hid://{VID:04x}:{PID:04x}", scans, statuses) as scanner:
        yield scanner


def test_boot_keyboard_reports_with_shift_and_repeats_give_one_scan(
    keyboard_device: KeyboardScanner, keyboard_scanner: HidScanner, scans: Recorder[ScanEvent]
) -> None:
    # "1ZZ" + Enter, as a scanner types it: a release report after every key.
    keyboard_device.queue_read(
        IN_EP,
        key(0x1E), RELEASE,              # 1
        bytes([SHIFT, 0, 0, 0, 0, 0, 0, 0]),  # Shift pressed alone first (some scanners)
        key(0x1D, SHIFT), bytes([SHIFT, 0, 0, 0, 0, 0, 0, 0]),  # Z, Z released, Shift held
        key(0x1D, RIGHT_SHIFT), RELEASE,  # Z again, with right Shift
        key(0x28), RELEASE,              # Enter
    )
    events = scans.wait_count(1)
    assert events == [ScanEvent("1ZZ", None, keyboard_scanner.url)]
    assert keyboard_device.pending_reads(IN_EP) == 0


def test_keyboard_mode_takes_the_device_exclusively_and_gives_it_back(
    keyboard_device: KeyboardScanner, keyboard_scanner: HidScanner
) -> None:
    assert keyboard_device.claimed == {0}
    assert keyboard_device.kernel_driver_active[0] is False
    assert ("detach_kernel_driver", 0) in keyboard_device.log
    # Boot protocol and "report on change only" were asked for, on interface 0.
    requests = [(c.request_type, c.request, c.value, c.index)
                for c in keyboard_device.control_log if c.request_type == 0x21]
    assert requests == [(0x21, 0x0B, 0, 0), (0x21, 0x0A, 0, 0)]
    assert keyboard_scanner.status.detail.startswith("keyboard mode")
    keyboard_scanner.stop()
    assert keyboard_device.claimed == set()
    assert keyboard_device.kernel_driver_active[0] is True
    assert keyboard_device.log[-2:] == [("release_interface", 0), ("attach_kernel_driver", 0)]
    assert keyboard_scanner.status.state == "offline"


def test_aim_prefix_punctuation_and_ctrl_bracket(
    keyboard_device: KeyboardScanner, keyboard_scanner: HidScanner, scans: Recorder[ScanEvent]
) -> None:
    # "]C1" + "42" + Ctrl+] (GS) + "9-a/" + Enter
    reports = [
        key(0x30), key(0x06, SHIFT), key(0x1E),     # ] C 1
        key(0x21), key(0x1F),                       # 4 2
        key(0x30, CTRL),                            # Ctrl+] -> GS
        key(0x26), key(0x2D), key(0x04), key(0x38),  # 9 - a /
        key(0x1E, SHIFT), key(0x34, SHIFT),         # ! "
        key(0x28),
    ]
    keyboard_device.queue_read(IN_EP, *[r for k in reports for r in (k, RELEASE)])
    assert scans.wait_count(1) == [
        ScanEvent(f"42{GS}9-a/!\"", "gs1-128", keyboard_scanner.url)
    ]


def test_held_keys_and_rollover_count_once() -> None:
    decoder = BootKeyboardDecoder()
    assert decoder.feed(key(0x04)) is None
    assert decoder.feed(key(0x04)) is None  # same key still down: no repeat
    assert decoder.feed(bytes([0, 0, 0x04, 0x05, 0, 0, 0, 0])) is None  # b pressed, a held
    assert decoder.feed(bytes([0, 0, 1, 1, 1, 1, 1, 1])) is None  # ErrorRollOver: ignored
    assert decoder.feed(bytes([0, 0, 0x05, 0, 0, 0, 0, 0])) is None  # a released
    assert decoder.feed(RELEASE) is None
    assert decoder.feed(key(0x28)) == "ab"


def test_unplug_goes_offline_and_replug_reconnects(
    keyboard_device: KeyboardScanner,
    keyboard_scanner: HidScanner,
    scans: Recorder[ScanEvent],
    statuses: Recorder[DeviceStatus],
) -> None:
    keyboard_device.unplug()
    statuses.wait_for(lambda s: not s[-1].online)
    assert statuses.items[-1].detail in ("unplugged", "scanner 0c2e:0b61 not plugged in")
    keyboard_device.replug()
    statuses.wait_for(lambda s: s[-1].online)
    assert keyboard_device.claimed == {0}  # claimed again after the kernel re-bound it
    keyboard_device.queue_read(IN_EP, key(0x27), RELEASE, key(0x1E), RELEASE, key(0x28))
    assert scans.wait_count(1)[0].text == "01"


def test_hid_pos_reports_with_continuation(
    scans: Recorder[ScanEvent], statuses: Recorder[DeviceStatus]
) -> None:
    device = PosScanner()
    tracking = b"420021399205590" + b"\x1d" + b"9400111899223197428490" + b"0" * 30
    data = b"]C1" + tracking
    first, second = data[:56], data[56:]
    device.queue_read(IN_EP, pos_report(first, more=True), pos_report(second, more=False))
    with running(device, f"hid://{VID:04x}:{PID:04x}", scans, statuses) as scanner:
        events = scans.wait_count(1)
        assert events == [ScanEvent(tracking.decode(), "gs1-128", scanner.url)]
        assert scanner.status.detail.startswith("pos mode")
        assert device.kernel_driver_active[0] is False


def test_mode_parameter_overrides_the_interface_descriptor(
    scans: Recorder[ScanEvent], statuses: Recorder[DeviceStatus]
) -> None:
    # Some scanners type through a HID keyboard interface that is not boot-class; left to
    # the descriptor it would be read as HID POS, so the site says mode=keyboard.
    device = SimDevice(VID, PID, interfaces=[hid_interface(0, packet=8)], product="Scanner")
    device.queue_read(IN_EP, key(0x1F), RELEASE, key(0x20), RELEASE, key(0x58), RELEASE)
    url = f"hid://{VID:04x}:{PID:04x}?mode=keyboard"
    with running(device, url, scans, statuses) as scanner:
        assert scanner.mode == "keyboard"
        assert scans.wait_count(1) == [ScanEvent("23", None, url)]  # keypad Enter ends it
        assert all(c.request_type != 0x21 for c in device.control_log)  # no boot requests


def test_pos_decoder_ignores_other_report_ids() -> None:
    decoder = PosReportDecoder()
    assert decoder.feed(bytes([0x04, 3]) + b"abc" + bytes(58) + b"\x00") is None
    assert decoder.feed(pos_report(b"xyz", more=False)) == "xyz"


def test_absent_scanner_is_offline_and_found_when_plugged_in(
    scans: Recorder[ScanEvent], statuses: Recorder[DeviceStatus]
) -> None:
    device = KeyboardScanner()
    device.unplug()
    backend = SimBackend(device)
    scanner = HidScanner(f"hid://{VID:04x}:{PID:04x}", backend=backend, retry_initial=0.01,
                         retry_max=0.02, read_timeout_ms=20)
    scanner.add_status_listener(statuses)
    scanner.start(scans)
    try:
        statuses.wait_for(lambda s: bool(s) and "not plugged in" in s[-1].detail)
        device.replug()
        statuses.wait_for(lambda s: s[-1].online)
    finally:
        scanner.stop()


def test_tab_ends_a_read_only_when_configured() -> None:
    tab = BootKeyboardDecoder(tab_ends_read=True)
    assert tab.feed(key(0x04)) is None
    assert tab.feed(key(0x2B)) == "a"
    plain = BootKeyboardDecoder()
    plain.feed(key(0x04))
    plain.feed(key(0x2B))
    assert plain.feed(key(0x28)) == "a\t"
    assert HidScanner("hid://0c2e:0b61?terminator=enter+tab").tab_ends_read
