"""LCUS-1/2/4/8 serial relay modules (CH340): ``lcus:///dev/ttyUSB1?channel=1``.

Each command is one 4-byte frame at 9600 8N1: ``A0 <channel 01..08> <00 off | 01 on>
<(A0 + channel + op) & 0xFF>``; channel 1 on is ``A0 01 01 A2``, off ``A0 01 00 A1``. The
modules do not answer, so a command is confirmed only as far as the port accepted it; a
vanished port is reopened on the next command.

Parameters: ``channel`` (1), ``baudrate`` (9600), ``energize=unlock|lock``.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import serial

from hardware.door.base import DoorController, energize_unlocks
from hardware.errors import DeviceUnavailable, DeviceUrlError
from hardware.url import DeviceUrl, parse_device_url

log = logging.getLogger(__name__)

FRAME_START = 0xA0


def lcus_frame(channel: int, on: bool) -> bytes:
    """The 4-byte frame that switches ``channel`` (1..8) on or off."""
    op = 1 if on else 0
    return bytes([FRAME_START, channel, op, (FRAME_START + channel + op) & 0xFF])


class LcusDoor(DoorController):
    """A door strike on one channel of an LCUS serial relay module."""

    def __init__(self, url: str | DeviceUrl, *, timeout: float = 0.5) -> None:
        parsed = parse_device_url(url) if isinstance(url, str) else url
        super().__init__(parsed.raw)
        self.port = parsed.target
        if not self.port:
            raise DeviceUrlError(f"{parsed.raw}: no port given, e.g. lcus:///dev/ttyUSB1")
        self.channel = parsed.int_param("channel", 1)
        if not 1 <= self.channel <= 8:
            raise DeviceUrlError(f"{parsed.raw}: channel={self.channel}; use 1 to 8")
        self.baudrate = parsed.int_param("baudrate", 9600)
        self.energize_unlocks = energize_unlocks(parsed)
        self._timeout = timeout
        self._lock = threading.Lock()
        self._serial: Any = None

    def set_locked(self, locked: bool) -> None:
        on = (not locked) if self.energize_unlocks else locked
        frame = lcus_frame(self.channel, on)
        with self._lock:
            port = self._open()
            try:
                port.write(frame)
                port.flush()
            except (serial.SerialException, OSError) as exc:
                self._close()
                raise DeviceUnavailable(f"relay port {self.port} failed: {exc}") from None
        log.debug("lcus %s channel %d %s", self.port, self.channel, "on" if on else "off")

    def probe(self) -> None:
        with self._lock:
            self._open()

    def close(self) -> None:
        with self._lock:
            self._close()

    def _open(self) -> Any:
        if self._serial is None:
            try:
                self._serial = serial.serial_for_url(
                    self.port,
                    baudrate=self.baudrate,
                    timeout=self._timeout,
                    write_timeout=self._timeout,
                )
            except (serial.SerialException, OSError, ValueError) as exc:
                raise DeviceUnavailable(f"cannot open relay port {self.port}: {exc}") from None
        return self._serial

    def _close(self) -> None:
        port, self._serial = self._serial, None
        if port is not None:
            try:
                port.close()
            except (serial.SerialException, OSError) as exc:
                log.debug("closing %s: %s", self.port, exc)
