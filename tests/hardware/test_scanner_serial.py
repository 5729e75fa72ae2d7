"""Serial scanners over a real pseudo-terminal: framing, AIM prefixes, a vanishing port."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

from hardware.base import DeviceStatus
from hardware.scanner import GS, ScanEvent
from hardware.scanner.factory import open_scanner
from hardware.scanner.serial import LineFramer, SerialScanner

if TYPE_CHECKING:
    from tests.hardware.conftest import PtyPort, Recorder


@pytest.fixture
def scans(recorder: Any) -> Recorder[ScanEvent]:
    return recorder()


@pytest.fixture
def statuses(recorder: Any) -> Recorder[DeviceStatus]:
    return recorder()


@pytest.fixture
def scanner(
    pty_port: PtyPort, scans: Recorder[ScanEvent], statuses: Recorder[DeviceStatus]
) -> Iterator[SerialScanner]:
    scanner = open_scanner(f"serial://{pty_port.path}?baudrate=115200&gs=~",
                           retry_initial=0.01, retry_max=0.05, read_timeout=0.02)
    assert isinstance(scanner, SerialScanner)
    scanner.add_status_listener(statuses)
    scanner.start(scans)
    statuses.wait_for(lambda s: bool(s) and s[-1].online)
    yield scanner
    scanner.stop()


def test_lines_with_aim_prefixes_become_scan_events(
    pty_port: PtyPort, scanner: SerialScanner, scans: Recorder[ScanEvent]
) -> None:
    assert scanner.port == str(pty_port.path)
    assert scanner.baudrate == 115200
    pty_port.write(b"]E09780201379629\r\n]C01Z999AA10123456784\r")
    pty_port.write(b"]C1420021399205590\x1d9400111899223197428490\n")
    pty_port.write(b"]C142002~9400\r\n")  # the configured FNC1 stand-in
    events = scans.wait_count(4)
    url = scanner.url
    assert events == [
        ScanEvent("9780201379629", "ean13", url),
        ScanEvent("1Z999AA10123456784", "code128", url),
        ScanEvent(f"420021399205590{GS}9400111899223197428490", "gs1-128", url),
        ScanEvent(f"42002{GS}9400", "gs1-128", url),
    ]


def test_port_that_vanishes_is_reopened(
    pty_port: PtyPort,
    scanner: SerialScanner,
    scans: Recorder[ScanEvent],
    statuses: Recorder[DeviceStatus],
) -> None:
    pty_port.vanish()
    statuses.wait_for(lambda s: not s[-1].online)
    pty_port.reappear()
    statuses.wait_for(lambda s: s[-1].online)
    pty_port.write(b"]Q1https://example.org/p/42\r\n")
    assert scans.wait_count(1) == [ScanEvent("https://example.org/p/42", "qr", scanner.url)]


def test_stop_closes_the_port(pty_port: PtyPort, scanner: SerialScanner) -> None:
    scanner.stop()
    assert scanner.status.detail == "stopped"
    pty_port.write(b"]E09780201379629\r\n")  # nobody reads it, nothing breaks


@pytest.mark.parametrize(
    ("chunks", "lines"),
    [
        ([b"ab\r\ncd\r\n"], [b"ab", b"cd"]),
        ([b"ab\r", b"\ncd\n"], [b"ab", b"cd"]),  # CR LF split across reads counts once
        ([b"ab\n\ncd\r\r"], [b"ab", b"cd"]),  # blank lines dropped
        ([b"a", b"b", b"c"], []),  # no terminator yet
    ],
)
def test_line_framer(chunks: list[bytes], lines: list[bytes]) -> None:
    framer = LineFramer()
    assert [line for chunk in chunks for line in framer.feed(chunk)] == lines


def test_windows_port_names_are_understood() -> None:
    assert SerialScanner("serial://COM3").port == "COM3"
    assert SerialScanner("serial:COM4?baudrate=19200").baudrate == 19200
