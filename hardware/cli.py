"""The hardware commands: ``packroom devices list``, ``packroom devices test DEVICE`` and
``packroom decode`` (from :mod:`hardware.camera.cli`), all added by :func:`register`.

``devices list`` shows the USB devices and serial ports that are present and, for the ones
Packroom recognises, the setting and URL to put in the configuration. ``devices test`` drives
one device the way the kiosk would (prints a test label, pulses the door, waits for a scan,
grabs and decodes a camera frame) and says what happened; with a ``sim:`` URL each works
without hardware. Exit codes: 0 it worked, 1 the device could not be reached or did not do
its job (one line on stderr says why), 2 bad input such as a malformed URL.
"""

from __future__ import annotations

import argparse
import logging
import queue
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TextIO

import serial.tools.list_ports
import usb.core
import usb.util

from hardware.base import DeviceStatus
from hardware.camera.cli import register as register_decode
from hardware.door.factory import open_door
from hardware.door.supervisor import LOCKED, RELOCK_FAILED, RELOCKED, UNLOCKED, DoorEvent, DoorSupervisor
from hardware.errors import DeviceError, DeviceUnavailable, DeviceUrlError, DoorError, PaperOut
from hardware.manager import configure_label_width
from hardware.printer.factory import open_printer
from hardware.printer.sim import SimPrinter
from hardware.scanner.aim import decode_scan
from hardware.scanner.base import ScanEvent
from hardware.scanner.factory import open_scanner
from hardware.scanner.sim import SimScanner
from hardware.scanner.wedge import KeyboardWedgeScanner
from kiosk.cli import CliError, settings_from

DEVICES = ("printer", "door", "scanner", "camera")
DEFAULT_TIMEOUTS = {"printer": 10.0, "door": 5.0, "scanner": 30.0, "camera": 10.0}
SAMPLE_SCAN = "]C01Z999AA10123456784"  # a UPS tracking number as a Code 128 with its AIM id
SAMPLE_CAMERA_CODE = "PACKROOM-CAMERA-TEST"

#: The pyusb backend ``devices list`` uses (None: pyusb's default, libusb); tests set one.
USB_BACKEND: Any = None


# -- recognising devices ------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    """What a recognised device is and the setting that drives it (``url`` may be empty)."""

    what: str
    setting: str = ""
    url: str = ""


DCTTECH = (0x16C0, 0x05DF)
CH340 = (0x1A86, 0x7523)
#: ESC/POS receipt and label printers seen at front desks, by VID:PID.
KNOWN_PRINTERS = {
    (0x0416, 0x5011): "POS-58 style thermal printer (Winbond chip)",
    (0x0FE6, 0x811E): "thermal printer (ICS Advent chip, e.g. Xprinter, Rongta)",
}
#: Vendors whose whole range is ESC/POS printers or barcode scanners.
PRINTER_VENDORS = {0x04B8: "Epson printer"}
SCANNER_VENDORS = {
    0x0C2E: "Honeywell (Metrologic) scanner",
    0x05E0: "Zebra (Symbol) scanner",
    0x05F9: "Datalogic scanner",
    0x1EAB: "Newland scanner",
}
USB_CLASS_PRINTER = 7
USB_CLASS_HUB = 9


def suggest_usb(vid: int, pid: int, product: str | None, interface_classes: Iterable[int] = ()) -> Suggestion | None:
    """The suggestion for a USB device, or None if Packroom does not know it."""
    vid_pid = f"{vid:04x}:{pid:04x}"
    if (vid, pid) == DCTTECH:
        if product is None or product.startswith("USBRelay"):
            return Suggestion("dcttech USB relay board", "devices.door", f"usbrelay://{vid_pid}?relay=1")
        return Suggestion(f"shares the dcttech relay ID but calls itself {product!r}: not a relay board")
    if (vid, pid) == CH340:
        return Suggestion("CH340 USB-serial adapter (LCUS relay modules use it): see its serial port")
    name = KNOWN_PRINTERS.get((vid, pid)) or PRINTER_VENDORS.get(vid)
    if name is None and USB_CLASS_PRINTER in interface_classes:
        name = "USB printer"
    if name is not None:
        return Suggestion(name, "devices.printer", f"escpos-usb://{vid_pid}")
    if vid in SCANNER_VENDORS:
        return Suggestion(f"{SCANNER_VENDORS[vid]}: keyboard: works as shipped, this reads it exclusively",
                          "devices.scanner", f"hid://{vid_pid}")
    return None


def suggest_serial(port: str, vid: int | None, pid: int | None) -> Suggestion | None:
    """The suggestion for a serial port, from the USB IDs of the adapter behind it."""
    target = port  # /dev/ttyUSB0 -> lcus:///dev/ttyUSB0, COM3 -> lcus://COM3
    if vid is None or pid is None:
        return None
    if (vid, pid) == CH340:
        return Suggestion("LCUS serial relay (CH340), if that is what is plugged in", "devices.door",
                          f"lcus://{target}?channel=1")
    if vid in SCANNER_VENDORS:
        return Suggestion(f"{SCANNER_VENDORS[vid]} in serial (CDC) mode", "devices.scanner", f"serial://{target}")
    if (vid, pid) in KNOWN_PRINTERS or vid in PRINTER_VENDORS:
        return Suggestion("ESC/POS printer on a serial port", "devices.printer", f"escpos-serial://{target}")
    return None


@dataclass(frozen=True)
class FoundDevice:
    """One line of ``devices list``."""

    address: str  # VID:PID for USB, the port for serial
    description: str
    suggestion: Suggestion | None


def list_usb(backend: Any = None) -> list[FoundDevice]:
    """The USB devices present (hubs left out). Raises :class:`DeviceUnavailable` without libusb."""
    try:
        devices = list(usb.core.find(find_all=True, backend=backend))
    except usb.core.NoBackendError:
        raise DeviceUnavailable("no USB library (libusb) installed; on Debian: apt install libusb-1.0-0") from None
    except usb.core.USBError as exc:
        raise DeviceUnavailable(f"cannot list USB devices: {exc}") from None
    found = []
    for device in devices:
        if device.bDeviceClass == USB_CLASS_HUB:
            continue
        vid, pid = device.idVendor, device.idProduct
        manufacturer, product = _usb_string(device, "manufacturer"), _usb_string(device, "product")
        classes = _interface_classes(device)
        description = " ".join(s for s in (manufacturer, product) if s) or "(name not readable: permission?)"
        found.append(FoundDevice(f"{vid:04x}:{pid:04x}", description, suggest_usb(vid, pid, product, classes)))
        usb.util.dispose_resources(device)
    return found


def list_serial() -> list[FoundDevice]:
    """The serial ports present; motherboard ports the system only guesses at are left out."""
    found = []
    for port in sorted(serial.tools.list_ports.comports(), key=lambda p: p.device):
        if port.hwid == "n/a" and port.vid is None:
            continue  # a legacy ttyS placeholder with no hardware behind it
        ids = f"{port.vid:04x}:{port.pid:04x}  " if port.vid is not None and port.pid is not None else ""
        description = ids + (port.description if port.description not in (None, "n/a") else "serial port")
        found.append(FoundDevice(port.device, description, suggest_serial(port.device, port.vid, port.pid)))
    return found


def _usb_string(device: Any, name: str) -> str | None:
    try:
        value = getattr(device, name)
    except (usb.core.USBError, ValueError, NotImplementedError):
        return None  # reading strings needs access to the device; the IDs are enough
    return str(value).strip() if value else None


def _interface_classes(device: Any) -> set[int]:
    try:
        return {intf.bInterfaceClass for config in device for intf in config}
    except (usb.core.USBError, ValueError, NotImplementedError):
        return set()


def devices_list(out: TextIO) -> int:
    """Print what ``devices list`` prints; always returns 0."""
    sections: list[tuple[str, list[FoundDevice]]] = []
    notes: list[str] = []
    try:
        sections.append(("USB devices", list_usb(USB_BACKEND)))
    except DeviceUnavailable as exc:
        notes.append(f"USB devices not listed: {exc}")
    sections.append(("Serial ports", list_serial()))
    for note in notes:
        print(note, file=out)
    if not any(found for _, found in sections):
        print("no devices found", file=out)
        return 0
    for title, found in sections:
        if not found:
            continue
        print(f"{title}:", file=out)
        width = max(len(d.address) for d in found)
        for device in found:
            print(f"  {device.address:<{width}}  {device.description}", file=out)
            s = device.suggestion
            if s is not None:
                use = f': {s.setting} = "{s.url}"' if s.url else ""
                print(f"  {'':<{width}}  -> {s.what}{use}", file=out)
    return 0


# -- device tests ----------------------------------------------------------------------------------


class CheckFailed(DeviceError):
    """The device answered but did not do its job; the message says what happened."""


def check_printer(url: str, *, timeout: float, label_width: int, property_name: str, out: TextIO) -> None:
    """Print one test label on ``url``; raise :class:`DeviceError` saying why not."""
    from kiosk.labels import LabelData, render_label

    options = {"timeout": timeout, "status_timeout": min(timeout, 2.0)} if url.startswith("escpos-") else {}
    printer = open_printer(url, **options)
    configure_label_width(printer, label_width)
    try:
        status = printer.status()
        if not status.online:
            raise DeviceUnavailable(status.detail or f"printer {url} is offline")
        if status.paper == "out":
            raise PaperOut("the printer is out of paper")
        print(f'printer "{url}": {status.detail} (paper: {status.paper})', file=out)
        data = LabelData(parcel_code="TEST-0000", unit="TEST", recipient="Packroom test", shelf="A1",
                         received_at=datetime.now(), carrier="printer test", property_name=property_name)
        image = render_label(data, printer.width_dots)
        printer.print_image(image)
        print(f"ok: printed a {image.width}x{image.height}-dot test label", file=out)
        if isinstance(printer, SimPrinter):
            where = f"; saved in {printer.directory}" if printer.directory else ""
            print(f"(simulated printer: nothing on paper{where})", file=out)
    finally:
        printer.close()


def check_door(url: str, *, timeout: float, pulse_seconds: float, out: TextIO) -> None:
    """Lock, pulse and relock the door at ``url``, printing each event."""
    done = threading.Event()
    problems: list[DoorEvent] = []
    pulsed = threading.Event()

    def on_event(event: DoorEvent) -> None:
        print(f"door: {event.kind.replace('_', ' ')}" + (f" ({event.detail})" if event.detail else ""), file=out)
        if event.alarm:
            problems.append(event)
        if event.kind == UNLOCKED:
            pulsed.set()
        elif pulsed.is_set() and event.kind in (LOCKED, RELOCKED):
            done.set()

    supervisor = DoorSupervisor(open_door(url), pulse_seconds, on_event=on_event, poll_interval=0.1)
    try:
        supervisor.start()
        if problems:
            reason = problems[0].detail.removesuffix("; retrying")
            raise DeviceUnavailable(f"door controller {url}: {reason}")
        try:
            supervisor.unlock_pulse("devices test")
        except DoorError as exc:
            raise DeviceUnavailable(str(exc)) from None
        if not done.wait(pulse_seconds + timeout):
            raise CheckFailed(f"door {url} did not confirm the relock within {pulse_seconds + timeout:g} s")
    finally:
        supervisor.stop()
    failed = [e for e in problems if e.kind == RELOCK_FAILED]
    if failed:
        print(f"note: locking failed at first ({failed[0].detail})", file=out)
    print(f"ok: the door unlocked for {pulse_seconds:g} s and locked again", file=out)


def check_scanner(url: str, *, timeout: float, out: TextIO, stdin: TextIO) -> ScanEvent:
    """Wait for one scan from ``url`` (a ``sim:`` scanner is given a sample scan)."""
    from hardware.camera.scanner import camera_scanner  # OpenCV: loaded only for a camera check

    scanner = open_scanner(url, camera_factory=camera_scanner)
    scans: queue.Queue[ScanEvent] = queue.Queue()
    online = threading.Event()

    def on_status(status: DeviceStatus) -> None:
        if status.online:
            online.set()

    scanner.add_status_listener(on_status)
    scanner.start(scans.put)
    try:
        if isinstance(scanner, KeyboardWedgeScanner):
            print(f"scan a barcode now: a keyboard-wedge scanner types into this terminal "
                  f"(waiting {timeout:g} s)", file=out)
            out.flush()
            line = _read_line(stdin, timeout)
            if line is None:
                raise CheckFailed(f"no scan within {timeout:g} s")
            event = decode_scan(line, url, gs_replacement=scanner.decoder.gs_replacement)
        else:
            if not online.wait(min(timeout, 5.0)) and not scanner.status.online:
                raise DeviceUnavailable(f"scanner {url}: {scanner.status.detail}")
            print(f'scanner "{url}": {scanner.status.detail}', file=out)
            if isinstance(scanner, SimScanner):
                print(f"(simulated scanner: injecting the sample scan {SAMPLE_SCAN!r})", file=out)
                scanner.inject(SAMPLE_SCAN)
            else:
                print(f"scan a barcode now (waiting {timeout:g} s)", file=out)
                out.flush()
            try:
                event = scans.get(timeout=timeout)
            except queue.Empty:
                raise CheckFailed(f"no scan within {timeout:g} s ({scanner.status.detail})") from None
    finally:
        scanner.stop()
    print(f"ok: scanned {_printable(event.text)} ({event.symbology or 'symbology not reported'})", file=out)
    return event


def check_camera(url: str, *, timeout: float, out: TextIO) -> None:
    """Grab one frame from ``url`` and decode it (a ``sim:`` camera shows a sample code)."""
    from hardware.camera.decoder import decode_image
    from hardware.camera.factory import open_camera
    from hardware.camera.sim import SimCameraSource

    source = open_camera(url)
    if isinstance(source, SimCameraSource):
        print(f"(simulated camera: showing a QR code with {SAMPLE_CAMERA_CODE!r})", file=out)
        source.inject(SAMPLE_CAMERA_CODE, hold=timeout + 5)
    result: dict[str, Any] = {}

    def grab() -> None:
        try:
            source.open()
            frame = source.read()
            result["frame"] = frame
            result["barcodes"] = decode_image(frame)
        except BaseException as exc:  # handed to the main thread
            result["error"] = exc

    worker = threading.Thread(target=grab, name="devices-test-camera", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise DeviceUnavailable(f"camera {url}: no frame within {timeout:g} s")
    source.close()
    if "error" in result:
        error = result["error"]
        if isinstance(error, DeviceError):
            raise error
        raise DeviceUnavailable(f"camera {url}: {error}") from error
    frame = result["frame"]
    print(f'ok: camera "{url}" gave a {frame.shape[1]}x{frame.shape[0]} frame', file=out)
    barcodes = result["barcodes"]
    for barcode in barcodes:
        print(f"decoded: {_printable(barcode.text)} ({barcode.symbology})", file=out)
    if not barcodes:
        print("no barcode in view (the camera works; hold a label in front of it to test decoding)", file=out)


def _read_line(stream: TextIO, timeout: float) -> str | None:
    """One line from ``stream`` within ``timeout`` seconds; None on timeout, end or error."""
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        try:
            lines.put(stream.readline())
        except (OSError, ValueError):
            lines.put("")

    threading.Thread(target=read, name="devices-test-stdin", daemon=True).start()
    try:
        line = lines.get(timeout=timeout)
    except queue.Empty:
        return None
    return line.rstrip("\r\n") or None


def _printable(text: str) -> str:
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode() for ch in text)


# -- the commands ----------------------------------------------------------------------------------


def _cmd_list(args: argparse.Namespace) -> int:
    return devices_list(sys.stdout)


def _cmd_test(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    device: str = args.device
    url: str = (args.url if args.url is not None else settings[f"devices.{device}"]).strip()
    if not url:
        raise CliError(f"no {device} is configured (devices.{device} is empty); give one with --url URL")
    timeout = args.timeout if args.timeout is not None else DEFAULT_TIMEOUTS[device]
    if timeout <= 0:
        raise CliError("--timeout must be positive")
    if args.seconds is not None and args.seconds <= 0:
        raise CliError("--seconds must be positive")
    out = sys.stdout
    runs: dict[str, Callable[[], object]] = {
        "printer": lambda: check_printer(url, timeout=timeout, label_width=settings["devices.label_width_dots"],
                                        property_name=settings["property.name"], out=out),
        "door": lambda: check_door(url, timeout=timeout, out=out,
                                  pulse_seconds=args.seconds or settings["devices.door_pulse_seconds"]),
        "scanner": lambda: check_scanner(url, timeout=timeout, out=out, stdin=sys.stdin),
        "camera": lambda: check_camera(url, timeout=timeout, out=out),
    }
    # The command prints what happens; driver warnings would repeat it on stderr.
    hardware_log = logging.getLogger("hardware")
    level = hardware_log.level
    if not args.verbose:
        hardware_log.setLevel(logging.CRITICAL)
    try:
        runs[device]()
    except DeviceUrlError as exc:
        raise CliError(str(exc)) from None
    except DeviceError as exc:
        out.flush()
        print(f"packroom: {device} test failed: {_one_line(str(exc))}", file=sys.stderr)
        return 1
    finally:
        hardware_log.setLevel(level)
    out.flush()
    return 0


def _one_line(text: str) -> str:
    return " ".join(text.split())


def register(subparsers: Any) -> None:
    """Add ``devices`` (``list``, ``test``) and ``decode`` to an argparse ``subparsers`` object."""
    devices = subparsers.add_parser("devices", help="find, identify and test scanners, printers, doors, cameras")
    sub = devices.add_subparsers(dest="devices_command", required=True, metavar="COMMAND")
    sub.add_parser(
        "list", help="list the USB devices and serial ports present, with the URL for each one recognised"
    ).set_defaults(func=_cmd_list)

    test = sub.add_parser(
        "test", help="drive one device: print a test label, pulse the door, wait for a scan, decode a frame",
        description="Test a device named by --url, or the one in the configuration. Exit 0 if it worked, "
        "1 with the reason if it cannot be reached. sim: URLs work without hardware.",
    )
    test.add_argument("device", choices=DEVICES)
    test.add_argument("--url", help="device URL (default: devices.DEVICE from the configuration)")
    test.add_argument("--timeout", type=float, metavar="S",
                      help="seconds to wait for the device (default: " +
                      ", ".join(f"{k} {v:g}" for k, v in DEFAULT_TIMEOUTS.items()) + ")")
    test.add_argument("--seconds", type=float, metavar="S",
                      help="door: how long to unlock (default: devices.door_pulse_seconds)")
    test.set_defaults(func=_cmd_test)

    register_decode(subparsers)
