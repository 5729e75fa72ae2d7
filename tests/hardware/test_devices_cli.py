"""``packroom devices list`` and ``packroom devices test …`` through the real parser.

USB devices come from the simulated pyusb backend, serial ports from pyserial's own port
records; the device tests run against simulators (``sim:``) and against endpoints that are
really absent (a closed TCP port, a missing serial port), never against mocks of our code.
"""

from __future__ import annotations

import io
import os
import socket
import sys
from pathlib import Path

import pytest
import serial.tools.list_ports
import usb.core
from PIL import Image
from serial.tools.list_ports_common import ListPortInfo

import hardware.cli
from hardware.camera.sim import render_symbol
from kiosk.cli import build_parser, run_command
from tests.hardware.usbsim import SimBackend, SimDevice, bulk_interface, hid_interface


def run(*argv: str) -> int:
    return run_command(build_parser([hardware.cli.register]), list(argv))


def closed_port() -> int:
    """A loopback TCP port nobody listens on: connections are refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serial_port(device: str, vid: int | None, pid: int | None, description: str) -> ListPortInfo:
    info = ListPortInfo(device, skip_link_detection=True)
    info.vid, info.pid, info.description = vid, pid, description
    info.hwid = f"USB VID:PID={vid:04X}:{pid:04X}" if vid is not None and pid is not None else "n/a"
    return info


@pytest.fixture
def no_serial_ports(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(serial.tools.list_ports, "comports", lambda: [])


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


# -- devices list ----------------------------------------------------------------------------------


def test_list_says_plainly_when_nothing_is_plugged_in(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], no_serial_ports: None
) -> None:
    hub = SimDevice(0x1D6B, 0x0002, device_class=9, product="root hub")
    monkeypatch.setattr(hardware.cli, "USB_BACKEND", SimBackend(hub))
    assert run("devices", "list") == 0
    assert capsys.readouterr().out == "no devices found\n"


def test_list_recognises_relays_printers_scanners_and_serial_relays(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    relay = SimDevice(0x16C0, 0x05DF, interfaces=[hid_interface(0)], manufacturer="www.dcttech.com",
                      product="USBRelay2")
    lookalike = SimDevice(0x16C0, 0x05DF, interfaces=[hid_interface(0)], product="LED blinker", address=3)
    printer = SimDevice(0x0416, 0x5011, interfaces=[bulk_interface(0)], product="POS58", address=4)
    other_printer = SimDevice(0x1234, 0x0001, interfaces=[bulk_interface(0)], product="Label Printer", address=5)
    scanner = SimDevice(0x0C2E, 0x0B61, interfaces=[hid_interface(0, boot_keyboard=True)],
                        manufacturer="Honeywell", product="Voyager 1250g", address=6)
    mouse = SimDevice(0x046D, 0xC077, interfaces=[hid_interface(0)], product="USB Optical Mouse", address=7)
    monkeypatch.setattr(hardware.cli, "USB_BACKEND",
                        SimBackend(relay, lookalike, printer, other_printer, scanner, mouse))
    monkeypatch.setattr(serial.tools.list_ports, "comports", lambda: [
        serial_port("/dev/ttyUSB1", 0x1A86, 0x7523, "USB Serial"),
        serial_port("/dev/ttyS0", None, None, "n/a"),  # a placeholder with nothing behind it
        serial_port("/dev/ttyACM0", 0x05E0, 0x1701, "Symbol Bar Code Scanner"),
    ])
    assert run("devices", "list") == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "USB devices:",
        "  16c0:05df  www.dcttech.com USBRelay2",
        '             -> dcttech USB relay board: devices.door = "usbrelay://16c0:05df?relay=1"',
        "  16c0:05df  LED blinker",
        "             -> shares the dcttech relay ID but calls itself 'LED blinker': not a relay board",
        "  0416:5011  POS58",
        '             -> POS-58 style thermal printer (Winbond chip): devices.printer = "escpos-usb://0416:5011"',
        "  1234:0001  Label Printer",
        '             -> USB printer: devices.printer = "escpos-usb://1234:0001"',
        "  0c2e:0b61  Honeywell Voyager 1250g",
        "             -> Honeywell (Metrologic) scanner: keyboard: works as shipped, this reads it exclusively: "
        'devices.scanner = "hid://0c2e:0b61"',
        "  046d:c077  USB Optical Mouse",
        "Serial ports:",
        "  /dev/ttyACM0  05e0:1701  Symbol Bar Code Scanner",
        '                -> Zebra (Symbol) scanner in serial (CDC) mode: devices.scanner = "serial:///dev/ttyACM0"',
        "  /dev/ttyUSB1  1a86:7523  USB Serial",
        "                -> LCUS serial relay (CH340), if that is what is plugged in: "
        'devices.door = "lcus:///dev/ttyUSB1?channel=1"',
    ]


def test_list_without_libusb_still_lists_serial_ports(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def no_backend(*args: object, **kw: object) -> None:
        raise usb.core.NoBackendError("No backend available")

    monkeypatch.setattr(usb.core, "find", no_backend)
    monkeypatch.setattr(serial.tools.list_ports, "comports", lambda: [])
    assert run("devices", "list") == 0
    assert capsys.readouterr().out == (
        "USB devices not listed: no USB library (libusb) installed; on Debian: apt install libusb-1.0-0\n"
        "no devices found\n"
    )
    monkeypatch.setattr(serial.tools.list_ports, "comports",
                        lambda: [serial_port("COM3", 0x1A86, 0x7523, "USB-SERIAL CH340 (COM3)")])
    assert run("devices", "list") == 0
    assert 'devices.door = "lcus://COM3?channel=1"' in capsys.readouterr().out


# -- devices test with simulators --------------------------------------------------------------------


def test_printer_test_prints_a_label_on_the_simulator(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("devices", "test", "printer", "--url", f"sim:?dir={tmp_path}&width=384") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f'printer "sim:?dir={tmp_path}&width=384": simulated printer (paper: ok)'
    assert out[1].startswith("ok: printed a 384x")
    assert out[2] == f"(simulated printer: nothing on paper; saved in {tmp_path})"
    [png] = tmp_path.glob("label-*.png")
    with Image.open(png) as image:
        assert image.width == 384


def test_door_test_pulses_and_relocks_the_simulator(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("devices", "test", "door", "--url", "sim:", "--seconds", "0.2") == 0
    assert capsys.readouterr().out.splitlines() == [
        "door: locked (start-up)",
        "door: unlocked (0.2 s pulse)",
        "door: locked (end of pulse)",
        "door: locked (shutdown)",
        "ok: the door unlocked for 0.2 s and locked again",
    ]


def test_scanner_test_with_the_simulator_injects_a_sample_scan(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("devices", "test", "scanner", "--url", "sim:", "--timeout", "5") == 0
    assert capsys.readouterr().out.splitlines() == [
        'scanner "sim:": simulated scanner',
        "(simulated scanner: injecting the sample scan ']C01Z999AA10123456784')",
        "ok: scanned 1Z999AA10123456784 (code128)",
    ]


def test_keyboard_scanner_test_reads_what_the_scanner_types(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("]C1420100019400111899223100000000001\n"))
    assert run("devices", "test", "scanner", "--url", "keyboard:", "--timeout", "5") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "ok: scanned 420100019400111899223100000000001 (gs1-128)"


def test_camera_test_grabs_and_decodes_a_simulated_frame(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("devices", "test", "camera", "--url", "sim:?width=640&height=480") == 0
    assert capsys.readouterr().out.splitlines() == [
        "(simulated camera: showing a QR code with 'PACKROOM-CAMERA-TEST')",
        'ok: camera "sim:?width=640&height=480" gave a 640x480 frame',
        "decoded: PACKROOM-CAMERA-TEST (qrcode)",
    ]


def test_camera_test_replays_a_directory_of_photos(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Image.fromarray(render_symbol("SHELF-B4", "code128", module=3)).save(tmp_path / "1.png")
    assert run("devices", "test", "camera", "--url", f"file://{tmp_path}") == 0
    assert capsys.readouterr().out.splitlines()[-1] == "decoded: SHELF-B4 (code128)"


def test_the_configured_url_is_used_without_url(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "packroom.toml"
    config.write_text('[devices]\nprinter = ""\nscanner = "sim:"\n')
    assert run("--config", str(config), "devices", "test", "scanner") == 0
    assert "ok: scanned" in capsys.readouterr().out
    assert run("--config", str(config), "devices", "test", "printer") == 2
    assert one_line(capsys.readouterr().err) == (
        "packroom: no printer is configured (devices.printer is empty); give one with --url URL"
    )


# -- devices that cannot be reached: exit 1 and one line saying why ---------------------------------


def test_unreachable_printer(capsys: pytest.CaptureFixture[str]) -> None:
    port = closed_port()
    assert run("devices", "test", "printer", "--url", f"escpos-tcp://127.0.0.1:{port}", "--timeout", "2") == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    line = one_line(captured.err)
    assert line.startswith(f"packroom: printer test failed: printer escpos-tcp://127.0.0.1:{port} is not reachable")


def test_unreachable_door_controller(capsys: pytest.CaptureFixture[str]) -> None:
    port = closed_port()
    assert run("devices", "test", "door", "--url", f"shelly://127.0.0.1:{port}?timeout=0.5") == 1
    line = one_line(capsys.readouterr().err)
    assert line.startswith(f"packroom: door test failed: door controller shelly://127.0.0.1:{port}?timeout=0.5: ")


def test_unreachable_scanner(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "ttyACM9"
    assert run("devices", "test", "scanner", "--url", f"serial://{missing}", "--timeout", "1") == 1
    line = one_line(capsys.readouterr().err)
    assert line.startswith(f"packroom: scanner test failed: scanner serial://{missing}: cannot open {missing}")


def test_unreachable_camera(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("devices", "test", "camera", "--url", "camera:///dev/video-packroom-missing") == 1
    line = one_line(capsys.readouterr().err)
    assert line.startswith("packroom: camera test failed: camera /dev/video-packroom-missing is not plugged in")


def test_scanner_that_never_scans_times_out(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    read_end, write_end = os.pipe()
    with open(read_end) as terminal, open(write_end, "w"):  # nobody types anything
        monkeypatch.setattr(sys, "stdin", terminal)
        assert run("devices", "test", "scanner", "--url", "keyboard:", "--timeout", "0.2") == 1
    assert one_line(capsys.readouterr().err) == "packroom: scanner test failed: no scan within 0.2 s"


def test_bad_urls_are_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("devices", "test", "door", "--url", "telnet://door") == 2
    assert one_line(capsys.readouterr().err).startswith("packroom: telnet://door: unknown door controller")
    assert run("devices", "test", "printer", "--url", "sim:", "--timeout", "0") == 2
    assert one_line(capsys.readouterr().err) == "packroom: --timeout must be positive"


def test_decode_is_registered_by_the_same_function(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "qr.png"
    Image.fromarray(render_symbol("DECODE-ME")).save(path)
    assert run("decode", str(path)) == 0
    assert capsys.readouterr().out == f"{path}: DECODE-ME (qrcode)\n"
