"""Scanners read directly over USB HID with pyusb (``hid://VID:PID``), no keyboard emulation.

Reading the interrupt IN endpoint ourselves (kernel driver detached, interface claimed) makes
the scanner exclusive: scans never reach another window, and no timing guesswork is needed.
Two report formats are understood:

* **boot keyboard** (interface class 3, subclass 1, protocol 1): 8-byte reports
  ``[modifiers, 0, key1..key6]`` with HID keyboard usage IDs (US layout); Enter ends a scan.
* **HID POS** (usage page 0x8C): report ID 0x02, byte 1 the data length, data from byte 2
  (with an AIM identifier in front when the scanner is set to send one), and a "more data"
  flag in the last byte; continuation reports are concatenated.

URL parameters: ``mode=keyboard|pos`` (default: from the interface descriptor),
``interface=N``, ``serial=...`` (USB serial number, when two identical scanners are
plugged in), ``gs=~`` (FNC1 stand-in), ``terminator=enter+tab`` (Tab also ends a
keyboard-mode read), ``idle_ms=N`` (deliver a keyboard-mode read that had no Enter after
N ms of silence; off by default).
"""

from __future__ import annotations

import errno
import logging
import threading
import time
from typing import Any

import usb.core
import usb.util

from hardware.errors import DeviceError, DeviceUnavailable, DeviceUrlError
from hardware.scanner.aim import decode_scan
from hardware.scanner.base import Scanner
from hardware.url import DeviceUrl, parse_device_url

log = logging.getLogger(__name__)

HID_CLASS = 3
BOOT_SUBCLASS = 1
KEYBOARD_PROTOCOL = 1
POS_REPORT_ID = 0x02

# HID class requests, sent to the interface (bmRequestType 0x21).
_SET_IDLE = 0x0A
_SET_PROTOCOL = 0x0B
_BOOT_PROTOCOL = 0

_CTRL = 0x01 | 0x10
_SHIFT = 0x02 | 0x20
_ERROR_ROLLOVER = 0x01
_ENTER_KEYS = frozenset({0x28, 0x58})  # Enter, keypad Enter
_TAB_KEY = 0x2B

# HID keyboard usage ID (page 0x07) -> (unshifted, shifted) on a US layout.
KEYBOARD_USAGES: dict[int, tuple[str, str]] = {
    **{0x04 + i: (c, c.upper()) for i, c in enumerate("abcdefghijklmnopqrstuvwxyz")},
    **{0x1E + i: (d, s) for i, (d, s) in enumerate(zip("1234567890", "!@#$%^&*()", strict=True))},
    0x2B: ("\t", "\t"),
    0x2C: (" ", " "),
    0x2D: ("-", "_"),
    0x2E: ("=", "+"),
    0x2F: ("[", "{"),
    0x30: ("]", "}"),
    0x31: ("\\", "|"),
    0x32: ("#", "~"),  # non-US # key
    0x33: (";", ":"),
    0x34: ("'", '"'),
    0x35: ("`", "~"),
    0x36: (",", "<"),
    0x37: (".", ">"),
    0x38: ("/", "?"),
    0x54: ("/", "/"),  # keypad
    0x55: ("*", "*"),
    0x56: ("-", "-"),
    0x57: ("+", "+"),
    **{0x59 + i: (d, d) for i, d in enumerate("123456789")},
    0x62: ("0", "0"),
    0x63: (".", "."),
}


class BootKeyboardDecoder:
    """Turns boot-keyboard input reports into text; :meth:`feed` returns a read on Enter.

    A key counts once when it appears in a report it was absent from, so a held key (the
    same usage in consecutive reports) is not repeated and "ZZ" needs a release report in
    between, as scanners send. Ctrl+] gives GS (the usual wedge encoding of FNC1); other
    Ctrl combinations give the matching ASCII control character.
    """

    def __init__(self, *, tab_ends_read: bool = False) -> None:
        self.tab_ends_read = tab_ends_read
        self._down: frozenset[int] = frozenset()
        self._chars: list[str] = []

    @property
    def pending(self) -> str:
        """Characters of a read still waiting for its Enter."""
        return "".join(self._chars)

    def take_pending(self) -> str:
        text = self.pending
        self._chars.clear()
        return text

    def feed(self, report: bytes) -> str | None:
        """Account for one report; return the completed read's text when Enter is pressed."""
        if len(report) < 3:
            return None
        modifiers = report[0]
        keys = [k for k in report[2:8] if k]
        if _ERROR_ROLLOVER in keys:
            return None  # phantom state: too many keys; ignore, as the spec says
        new = [k for k in keys if k not in self._down]
        self._down = frozenset(keys)
        completed: str | None = None
        for usage in new:
            if usage in _ENTER_KEYS or (usage == _TAB_KEY and self.tab_ends_read):
                completed = self.take_pending()
                continue
            char = self._char(usage, modifiers)
            if char is None:
                log.debug("ignoring HID usage 0x%02x (modifiers 0x%02x)", usage, modifiers)
            else:
                self._chars.append(char)
        return completed

    @staticmethod
    def _char(usage: int, modifiers: int) -> str | None:
        pair = KEYBOARD_USAGES.get(usage)
        if pair is None:
            return None
        char = pair[1] if modifiers & _SHIFT else pair[0]
        if modifiers & _CTRL:
            upper = char.upper()
            if len(upper) == 1 and 0x40 <= ord(upper) <= 0x5F:
                return chr(ord(upper) - 0x40)  # Ctrl+] -> GS (0x1D), Ctrl+^ -> RS, ...
            return None
        return char


class PosReportDecoder:
    """Reassembles HID POS scanned-data reports (report ID 0x02) into one read.

    Layout: ``[0x02, length, data..., more_data_flag]``; the flag (bit 0 of the last byte)
    says another report continues this read. Returns the text once the last part arrives.
    """

    def __init__(self, report_id: int = POS_REPORT_ID) -> None:
        self.report_id = report_id
        self._parts: list[bytes] = []

    def feed(self, report: bytes) -> str | None:
        if len(report) < 3 or report[0] != self.report_id:
            return None
        length = min(report[1], len(report) - 3)
        self._parts.append(bytes(report[2 : 2 + length]))
        if report[-1] & 0x01:
            return None
        data = b"".join(self._parts)
        self._parts.clear()
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("latin-1")


class HidScanner(Scanner):
    """A USB HID scanner read with pyusb on a thread of its own.

    ``backend`` is passed to :func:`usb.core.find` (tests give a simulated backend). The
    thread reconnects with a growing delay (``retry_initial`` doubling up to ``retry_max``
    seconds) while the scanner is unplugged; :meth:`stop` releases the interface and gives
    the device back to the kernel driver.
    """

    def __init__(
        self,
        url: str | DeviceUrl,
        *,
        backend: Any = None,
        retry_initial: float = 0.5,
        retry_max: float = 5.0,
        read_timeout_ms: int = 100,
    ) -> None:
        parsed = parse_device_url(url) if isinstance(url, str) else url
        super().__init__(parsed.raw)
        self.vid, self.pid = parsed.vid_pid()
        mode = parsed.params.get("mode")
        if mode not in (None, "keyboard", "pos"):
            raise DeviceUrlError(f"{parsed.raw}: mode={mode!r}; use keyboard or pos")
        self.mode: str | None = mode
        self.interface_number = (
            parsed.int_param("interface", 0) if "interface" in parsed.params else None
        )
        self.serial_number = parsed.params.get("serial") or None
        self.gs_replacement = parsed.params.get("gs") or None
        self.idle_flush = parsed.float_param("idle_ms", 0.0) / 1000.0
        self.tab_ends_read = "tab" in parsed.params.get("terminator", "enter").lower()
        self._backend = backend
        self._retry_initial = retry_initial
        self._retry_max = retry_max
        self._read_timeout_ms = read_timeout_ms
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _open(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._run, name=f"scanner-hid-{self.vid:04x}:{self.pid:04x}", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout=5)
        self._set_status(False, "stopped")

    # -- the reader thread -------------------------------------------------------------

    def _run(self) -> None:
        delay = self._retry_initial
        while not self._stop.is_set():
            try:
                session = _HidSession.open(self)
            except DeviceError as exc:
                self._set_status(False, str(exc), error=not isinstance(exc, DeviceUnavailable))
                self._stop.wait(delay)
                delay = min(delay * 2, self._retry_max)
                continue
            delay = self._retry_initial
            self._set_status(True, f"{session.mode} mode, {session.product or 'USB HID'}")
            try:
                self._read_loop(session)
            except usb.core.USBError as exc:
                log.warning("scanner %s lost: %s", self.url, exc)
                self._set_status(False, "unplugged" if _is_gone(exc) else f"USB error: {exc}")
            except Exception as exc:  # a bug must not end the reader thread for good
                log.exception("scanner %s reader failed", self.url)
                self._set_status(False, f"internal error: {exc}", error=True)
                self._stop.wait(delay)
            finally:
                session.close()

    def _read_loop(self, session: _HidSession) -> None:
        keyboard = (
            BootKeyboardDecoder(tab_ends_read=self.tab_ends_read)
            if session.mode == "keyboard"
            else None
        )
        feed = keyboard.feed if keyboard is not None else PosReportDecoder().feed
        last_report = time.monotonic()
        while not self._stop.is_set():
            try:
                data = session.endpoint.read(
                    session.endpoint.wMaxPacketSize, timeout=self._read_timeout_ms
                )
            except usb.core.USBError as exc:
                if not _is_timeout(exc):
                    raise
                if (
                    keyboard is not None
                    and self.idle_flush
                    and keyboard.pending
                    and time.monotonic() - last_report >= self.idle_flush
                ):
                    self._emit(keyboard.take_pending())
                continue
            last_report = time.monotonic()
            text = feed(bytes(data))
            if text:
                self._emit(text)

    def _emit(self, text: str) -> None:
        self._deliver(decode_scan(text, self.url, gs_replacement=self.gs_replacement))


class _HidSession:
    """One opened, claimed scanner; :meth:`close` undoes everything :meth:`open` did."""

    def __init__(self, device: Any, interface: int, endpoint: Any, mode: str) -> None:
        self.device = device
        self.interface = interface
        self.endpoint = endpoint
        self.mode = mode
        self.detached = False
        self.product: str | None = None

    @classmethod
    def open(cls, scanner: HidScanner) -> _HidSession:
        try:
            device = usb.core.find(
                idVendor=scanner.vid,
                idProduct=scanner.pid,
                backend=scanner._backend,
                custom_match=_serial_match(scanner.serial_number),
            )
        except usb.core.NoBackendError:
            raise DeviceUnavailable("no USB library (libusb) installed") from None
        except usb.core.USBError as exc:
            raise DeviceUnavailable(f"USB error while looking for the scanner: {exc}") from None
        if device is None:
            raise DeviceUnavailable(f"scanner {scanner.vid:04x}:{scanner.pid:04x} not plugged in")
        try:
            return cls._claim(scanner, device)
        except DeviceError:
            usb.util.dispose_resources(device)
            raise
        except usb.core.USBError as exc:
            usb.util.dispose_resources(device)
            if exc.errno == errno.EACCES:
                raise DeviceError("no permission to open the scanner (udev rule?)") from None
            if exc.errno == errno.EBUSY:
                raise DeviceError("the scanner is in use by another program") from None
            raise DeviceUnavailable(f"USB error while opening the scanner: {exc}") from None

    @classmethod
    def _claim(cls, scanner: HidScanner, device: Any) -> _HidSession:
        try:
            config = device.get_active_configuration()
        except usb.core.USBError:
            device.set_configuration()
            config = device.get_active_configuration()
        intf = _pick_interface(config, scanner.interface_number)
        if intf is None:
            raise DeviceError("the device has no HID interface with an interrupt IN endpoint")
        number = intf.bInterfaceNumber
        is_boot_keyboard = (
            intf.bInterfaceSubClass == BOOT_SUBCLASS
            and intf.bInterfaceProtocol == KEYBOARD_PROTOCOL
        )
        mode = scanner.mode or ("keyboard" if is_boot_keyboard else "pos")
        endpoint = usb.util.find_descriptor(intf, custom_match=_is_interrupt_in)
        session = cls(device, number, endpoint, mode)
        try:
            session._take_over()
        except usb.core.USBError:
            session.close()
            raise
        if mode == "keyboard" and is_boot_keyboard:
            # Ask for the fixed 8-byte boot reports and for reports only on change.
            for request, value in ((_SET_PROTOCOL, _BOOT_PROTOCOL), (_SET_IDLE, 0)):
                try:
                    device.ctrl_transfer(0x21, request, value, number, None)
                except usb.core.USBError as exc:
                    log.debug("HID class request 0x%02x refused: %s", request, exc)
        try:
            session.product = device.product
        except (usb.core.USBError, ValueError):
            session.product = None
        return session

    def _take_over(self) -> None:
        """Detach the kernel driver (remembering to give it back) and claim the interface."""
        try:
            if self.device.is_kernel_driver_active(self.interface):
                self.device.detach_kernel_driver(self.interface)
                self.detached = True
        except NotImplementedError:
            pass  # Windows and macOS have no detachable kernel driver through libusb
        usb.util.claim_interface(self.device, self.interface)

    def close(self) -> None:
        try:
            usb.util.release_interface(self.device, self.interface)
        except usb.core.USBError as exc:
            log.debug("release_interface: %s", exc)
        if self.detached:
            try:
                self.device.attach_kernel_driver(self.interface)
            except (usb.core.USBError, NotImplementedError) as exc:
                log.debug("attach_kernel_driver: %s", exc)
        usb.util.dispose_resources(self.device)


def _pick_interface(config: Any, number: int | None) -> Any:
    for intf in config:
        if intf.bAlternateSetting != 0 or intf.bInterfaceClass != HID_CLASS:
            continue
        if number is not None and intf.bInterfaceNumber != number:
            continue
        if usb.util.find_descriptor(intf, custom_match=_is_interrupt_in) is not None:
            return intf
    return None


def _is_interrupt_in(endpoint: Any) -> bool:
    return bool(
        usb.util.endpoint_direction(endpoint.bEndpointAddress) == usb.util.ENDPOINT_IN
        and usb.util.endpoint_type(endpoint.bmAttributes) == usb.util.ENDPOINT_TYPE_INTR
    )


def _serial_match(serial: str | None) -> Any:
    if serial is None:
        return None

    def match(device: Any) -> bool:
        try:
            return bool(device.serial_number == serial)
        except (usb.core.USBError, ValueError):
            return False

    return match


def _is_timeout(exc: usb.core.USBError) -> bool:
    return isinstance(exc, usb.core.USBTimeoutError) or exc.errno == errno.ETIMEDOUT


def _is_gone(exc: usb.core.USBError) -> bool:
    return exc.errno in (errno.ENODEV, errno.ENOENT, errno.EIO, errno.EPIPE)
