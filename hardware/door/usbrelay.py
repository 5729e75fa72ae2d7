"""dcttech "USBRelay" HID relay boards: ``usbrelay://16c0:05df?relay=1[&serial=ABCDE]``.

Protocol (darrylb123/usbrelay ``libusbrelay.c``, JPEWdev/pyhid-usb-relay): HID feature
report 0 over the control endpoint. SET_REPORT (bmRequestType 0x21, bRequest 0x09, wValue
0x0300) with 8 bytes ``FF n 00…`` turns relay n on, ``FD n 00…`` off. GET_REPORT (0xA1,
0x01, 0x0300) returns 8 bytes: the board's ASCII serial in bytes 0–4 and the relay bitmask
in byte 7 (bit k = relay k+1). VID:PID 16c0:05df is the shared V-USB ID that many other
gadgets use too, so the product string must read ``USBRelay<N>``; anything else is refused
rather than sent bytes it may misread. Every command is confirmed by reading the state back.

Other parameters: ``energize=unlock|lock`` (see :func:`energize_unlocks`).
"""

from __future__ import annotations

import errno
import logging
import re
import threading
from dataclasses import dataclass
from typing import Any

import usb.core
import usb.util

from hardware.door.base import DoorController, energize_unlocks
from hardware.errors import DeviceError, DeviceProtocolError, DeviceUnavailable, DeviceUrlError
from hardware.url import DeviceUrl, parse_device_url

log = logging.getLogger(__name__)

DCTTECH_VID = 0x16C0
DCTTECH_PID = 0x05DF
PRODUCT_PREFIX = "USBRelay"

SET_REPORT_REQUEST_TYPE = 0x21  # host to device, class, interface
SET_REPORT = 0x09
GET_REPORT_REQUEST_TYPE = 0xA1  # device to host, class, interface
GET_REPORT = 0x01
FEATURE_REPORT_0 = 0x0300  # report type 3 (feature) << 8 | report ID 0
RELAY_ON = 0xFF
RELAY_OFF = 0xFD
REPORT_LENGTH = 8

_INTERFACE = 0


def relay_command(relay: int, on: bool) -> bytes:
    """The 8-byte feature report that switches ``relay`` (1-based) on or off."""
    return bytes([RELAY_ON if on else RELAY_OFF, relay, 0, 0, 0, 0, 0, 0])


@dataclass(frozen=True)
class RelayBoardState:
    """What GET_REPORT says: the board's serial and which relays are on."""

    serial: str
    mask: int

    @classmethod
    def parse(cls, report: bytes) -> RelayBoardState:
        if len(report) < REPORT_LENGTH:
            raise DeviceProtocolError(f"USB relay board sent a {len(report)}-byte state report")
        serial = bytes(report[:5]).split(b"\0", 1)[0].decode("ascii", errors="replace")
        return cls(serial, report[7])

    def is_on(self, relay: int) -> bool:
        return bool(self.mask >> (relay - 1) & 1)


class UsbRelayDoor(DoorController):
    """A door strike on one relay of a dcttech USB HID relay board."""

    def __init__(
        self, url: str | DeviceUrl, *, backend: Any = None, timeout_ms: int = 500
    ) -> None:
        parsed = parse_device_url(url) if isinstance(url, str) else url
        super().__init__(parsed.raw)
        self.vid, self.pid = (
            parsed.vid_pid() if parsed.target else (DCTTECH_VID, DCTTECH_PID)
        )
        self.relay = parsed.int_param("relay", 1)
        if not 1 <= self.relay <= 8:
            raise DeviceUrlError(f"{parsed.raw}: relay={self.relay}; boards have relays 1 to 8")
        self.serial = parsed.params.get("serial") or None
        self.energize_unlocks = energize_unlocks(parsed)
        self._backend = backend
        self._timeout_ms = timeout_ms
        self._lock = threading.Lock()
        self._device: Any = None
        self._detached = False
        self.product: str | None = None

    # -- DoorController ------------------------------------------------------------------

    def set_locked(self, locked: bool) -> None:
        on = (not locked) if self.energize_unlocks else locked
        with self._lock:
            self._transfer(
                SET_REPORT_REQUEST_TYPE, SET_REPORT, relay_command(self.relay, on)
            )
            state = self._read_state()
        if state.is_on(self.relay) != on:
            raise DeviceError(
                f"USB relay {self.relay} did not switch {'on' if on else 'off'} "
                f"(board reports relay mask {state.mask:08b})"
            )
        log.debug("usbrelay %s relay %d %s", state.serial, self.relay, "on" if on else "off")

    def probe(self) -> None:
        self.read_state()

    def read_state(self) -> RelayBoardState:
        """Ask the board for its serial and relay states."""
        with self._lock:
            return self._read_state()

    def close(self) -> None:
        with self._lock:
            self._release()

    # -- USB -------------------------------------------------------------------------------

    def _read_state(self) -> RelayBoardState:
        data = self._transfer(GET_REPORT_REQUEST_TYPE, GET_REPORT, REPORT_LENGTH)
        return RelayBoardState.parse(bytes(data))

    def _transfer(self, request_type: int, request: int, data_or_length: bytes | int) -> Any:
        device = self._open()
        try:
            return device.ctrl_transfer(
                request_type,
                request,
                FEATURE_REPORT_0,
                _INTERFACE,
                data_or_length,
                timeout=self._timeout_ms,
            )
        except usb.core.USBError as exc:
            self._release()
            raise _usb_failure(exc) from None

    def _open(self) -> Any:
        if self._device is not None:
            return self._device
        try:
            boards = list(
                usb.core.find(
                    find_all=True, idVendor=self.vid, idProduct=self.pid, backend=self._backend
                )
            )
        except usb.core.NoBackendError:
            raise DeviceUnavailable("no USB library (libusb) installed") from None
        if not boards:
            raise DeviceUnavailable(
                f"no USB relay board {self.vid:04x}:{self.pid:04x} is plugged in"
            )
        refused: list[str] = []
        for device in boards:
            product = _product(device)
            match = re.fullmatch(rf"{PRODUCT_PREFIX}(\d*)", product or "")
            if match is None:
                refused.append(product or "(no product name)")
                usb.util.dispose_resources(device)
                continue
            try:
                state = self._claim(device)
            except usb.core.USBError as exc:
                self._device = None
                usb.util.dispose_resources(device)
                raise _usb_failure(exc) from None
            if self.serial is not None and state.serial != self.serial:
                self._release()
                continue
            relays = int(match.group(1) or 8)
            if self.relay > relays:
                self._release()
                raise DeviceUrlError(
                    f"{self.url}: relay {self.relay} does not exist on a {product} board"
                )
            self.product = product
            log.info("opened %s serial %s for %s", product, state.serial, self.url)
            return self._device
        if refused and self.serial is None:
            raise DeviceProtocolError(
                f"the USB device at {self.vid:04x}:{self.pid:04x} calls itself "
                f"{refused[0]!r}, not {PRODUCT_PREFIX}<N>: it is not a dcttech relay board "
                "and will not be driven"
            )
        raise DeviceUnavailable(f"no USB relay board with serial {self.serial!r} is plugged in")

    def _claim(self, device: Any) -> RelayBoardState:
        """Take the interface from usbhid (control requests to it need the claim)."""
        self._device = device
        self._detached = False
        try:
            if device.is_kernel_driver_active(_INTERFACE):
                device.detach_kernel_driver(_INTERFACE)
                self._detached = True
        except NotImplementedError:
            pass
        usb.util.claim_interface(device, _INTERFACE)
        data = device.ctrl_transfer(
            GET_REPORT_REQUEST_TYPE, GET_REPORT, FEATURE_REPORT_0, _INTERFACE, REPORT_LENGTH,
            timeout=self._timeout_ms,
        )
        return RelayBoardState.parse(bytes(data))

    def _release(self) -> None:
        device, self._device = self._device, None
        if device is None:
            return
        try:
            usb.util.release_interface(device, _INTERFACE)
            if self._detached:
                device.attach_kernel_driver(_INTERFACE)
        except (usb.core.USBError, NotImplementedError) as exc:
            log.debug("giving the relay board back to the kernel: %s", exc)
        self._detached = False
        usb.util.dispose_resources(device)


def _product(device: Any) -> str | None:
    try:
        product = device.product
    except (usb.core.USBError, ValueError):
        return None
    return str(product) if product is not None else None


def _usb_failure(exc: usb.core.USBError) -> DeviceError:
    if exc.errno == errno.EACCES:
        return DeviceError("no permission to use the USB relay board (udev rule missing?)")
    if exc.errno == errno.EBUSY:
        return DeviceError("the USB relay board is in use by another program")
    if isinstance(exc, usb.core.USBTimeoutError) or exc.errno == errno.ETIMEDOUT:
        return DeviceUnavailable("the USB relay board does not answer")
    return DeviceUnavailable(f"the USB relay board is unplugged or failing ({exc})")
