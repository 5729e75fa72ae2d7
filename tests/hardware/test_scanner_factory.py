"""Scanners are chosen by URL; the simulated one works like the real ones."""

from __future__ import annotations

from typing import Any

import pytest

from hardware.base import DeviceStatus
from hardware.errors import DeviceUrlError
from hardware.scanner import GS, ScanEvent, Scanner, open_scanner
from hardware.scanner.hid import HidScanner
from hardware.scanner.serial import SerialScanner
from hardware.scanner.sim import SimScanner
from hardware.scanner.wedge import KeyboardWedgeScanner


@pytest.mark.parametrize(
    ("url", "cls"),
    [
        ("keyboard:", KeyboardWedgeScanner),
        ("hid://0c2e:0b61?mode=pos", HidScanner),
        ("serial:///dev/ttyACM0?baudrate=9600", SerialScanner),
        ("serial://COM3", SerialScanner),
        ("sim:", SimScanner),
    ],
)
def test_scheme_picks_the_driver(url: str, cls: type[Scanner]) -> None:
    scanner = open_scanner(url)
    assert type(scanner) is cls
    assert scanner.url == url
    assert scanner.status == DeviceStatus("scanner", url, False, "not started")


def test_camera_scanners_come_from_the_factory_given() -> None:
    built: list[tuple[str, dict[str, Any]]] = []

    def camera_factory(url: str, **kw: Any) -> Scanner:
        built.append((url, kw))
        return SimScanner(url)

    scanner = open_scanner("camera:/dev/video0?fps=10", camera_factory=camera_factory, fps=5)
    assert scanner.url == "camera:/dev/video0?fps=10"
    assert built == [("camera:/dev/video0?fps=10", {"fps": 5})]


def test_camera_without_a_factory_says_what_is_missing() -> None:
    with pytest.raises(DeviceUrlError, match="camera_factory"):
        open_scanner("camera:/dev/video0")


@pytest.mark.parametrize("url", ["bluetooth://x", "no-colon", "hid://nothex"])
def test_bad_urls_are_refused(url: str) -> None:
    with pytest.raises(DeviceUrlError):
        open_scanner(url)


def test_sim_scanner_injects_scans_and_reports_status() -> None:
    scanner = open_scanner("sim:?gs=|")
    assert isinstance(scanner, SimScanner)
    seen: list[ScanEvent] = []
    statuses: list[DeviceStatus] = []
    unsubscribe = scanner.add_status_listener(statuses.append)
    scanner.start(seen.append)
    scanner.inject("]C142012345|9400")
    scanner.inject("1Z999AA10123456784", symbology="code128")
    assert seen == [
        ScanEvent(f"42012345{GS}9400", "gs1-128", "sim:?gs=|"),
        ScanEvent("1Z999AA10123456784", "code128", "sim:?gs=|"),
    ]
    scanner.set_online(False)
    assert scanner.state.state == "offline"
    unsubscribe()
    scanner.set_online(True)
    assert [s.online for s in statuses] == [True, False]


def test_a_failing_callback_does_not_break_the_scanner() -> None:
    scanner = SimScanner()

    def boom(event: ScanEvent) -> None:
        raise RuntimeError("ui bug")

    scanner.start(boom)
    scanner.inject("abc")  # logged, not raised
    assert scanner.injected[-1].text == "abc"


def test_device_status_states() -> None:
    assert DeviceStatus.connected("scanner", "sim:").state == "connected"
    assert DeviceStatus.offline("scanner", "sim:", "unplugged").state == "offline"
    error = DeviceStatus.error("door", "usbrelay://16c0:05df", "not a relay board", serial="X")
    assert (error.state, error.online, error.extra) == ("error", False,
                                                         {"serial": "X", "state": "error"})
