"""Check one device named by its URL, for the self-test and the first-run wizard's test buttons.

Two strengths: :func:`reach` opens the device and asks how it is, changing nothing (no label,
no door pulse: safe on a running site); :func:`exercise` drives it the way ``packroom devices
test`` does (prints a test label, pulses the door, waits for a scan, decodes a camera frame).
Both return one line saying what worked and raise :class:`~hardware.errors.DeviceError` (or
:class:`~hardware.errors.DeviceUrlError` for a malformed URL) saying why not. With ``sim:``
URLs both work without hardware.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass

from hardware.camera.factory import open_camera
from hardware.camera.scanner import camera_scanner
from hardware.cli import check_camera, check_door, check_printer, check_scanner
from hardware.door.factory import open_door
from hardware.errors import DeviceError, DeviceUnavailable, DeviceUrlError
from hardware.printer.factory import open_printer
from hardware.scanner.factory import open_scanner
from hardware.scanner.wedge import KeyboardWedgeScanner

KINDS = ("scanner", "printer", "door", "camera")


@dataclass(frozen=True)
class ProbeOptions:
    """What an exercise needs beyond the URL (the matching settings, or test values)."""

    timeout: float = 10.0
    label_width: int = 576
    property_name: str = "Packroom"
    pulse_seconds: float = 0.5


def reach(kind: str, url: str, options: ProbeOptions | None = None) -> str:
    """Open the ``kind`` device at ``url`` and ask its state; change nothing."""
    options = options or ProbeOptions()
    _check_kind(kind)
    url = url.strip()
    if not url:
        return f"{kind}: none configured"
    if kind == "printer":
        printer = open_printer(url)
        try:
            status = printer.status()
        finally:
            printer.close()
        if not status.online:
            raise DeviceUnavailable(status.detail or f"printer {url} does not answer")
        return f"printer {url}: {status.detail or 'online'} (paper: {status.paper})"
    if kind == "door":
        with open_door(url) as door:
            door.probe()
            sensor = "with a door contact" if door.has_sensor else "no door contact"
        return f"door {url}: the controller answers ({sensor})"
    if kind == "scanner":
        return _reach_scanner(url, options.timeout)
    return _reach_camera(url, options.timeout)


def exercise(kind: str, url: str, options: ProbeOptions | None = None) -> str:
    """Drive the device as ``packroom devices test`` does; return the last thing it reported."""
    options = options or ProbeOptions()
    _check_kind(kind)
    url = url.strip()
    if not url:
        return f"{kind}: none configured"
    out = io.StringIO()
    if kind == "printer":
        check_printer(url, timeout=options.timeout, label_width=options.label_width,
                      property_name=options.property_name, out=out)
    elif kind == "door":
        check_door(url, timeout=options.timeout, pulse_seconds=options.pulse_seconds, out=out)
    elif kind == "scanner":
        if url.startswith("keyboard:"):
            return _reach_scanner(url, options.timeout)
        check_scanner(url, timeout=options.timeout, out=out, stdin=io.StringIO())
    else:
        check_camera(url, timeout=options.timeout, out=out)
    lines = [line for line in out.getvalue().splitlines() if line.startswith(("ok:", "decoded:"))]
    return "; ".join(line.removeprefix("ok: ") for line in lines) or out.getvalue().strip()


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise DeviceUrlError(f"unknown device kind {kind!r}; use one of {', '.join(KINDS)}")


def _reach_scanner(url: str, timeout: float) -> str:
    scanner = open_scanner(url, camera_factory=camera_scanner)
    if isinstance(scanner, KeyboardWedgeScanner):
        return f"scanner {url}: types like a keyboard, nothing to open (scan into any field to try it)"
    online = threading.Event()
    unsubscribe = scanner.add_status_listener(lambda status: online.set() if status.online else None)
    try:
        scanner.start(lambda _event: None)
        if not scanner.status.online and not online.wait(timeout):
            raise DeviceUnavailable(f"scanner {url}: {scanner.status.detail}")
        return f"scanner {url}: {scanner.status.detail or 'online'}"
    finally:
        unsubscribe()
        scanner.stop()


def _reach_camera(url: str, timeout: float) -> str:
    source = open_camera(url)
    result: dict[str, object] = {}

    def grab() -> None:
        try:
            source.open()
            result["frame"] = source.read()
        except BaseException as exc:  # handed to the calling thread
            result["error"] = exc

    worker = threading.Thread(target=grab, name="probe-camera", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise DeviceUnavailable(f"camera {url}: no frame within {timeout:g} s")
    source.close()
    error = result.get("error")
    if isinstance(error, DeviceError):
        raise error
    if isinstance(error, BaseException):
        raise DeviceUnavailable(f"camera {url}: {error}") from error
    frame = result["frame"]
    height, width = frame.shape[:2]  # type: ignore[attr-defined]
    return f"camera {url}: a {width}x{height} frame"
