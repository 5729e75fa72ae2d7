"""Serial (USB CDC-ACM or RS-232) scanners: ``serial:///dev/ttyACM0?baudrate=9600``.

The scanner sends each read as a line ended by CR, LF or CR LF, optionally with an AIM
prefix. :class:`LineFramer` does the framing (a protocol object, unit-tested without a
port); :class:`SerialScanner` reads on a thread and reopens the port when it vanishes
(a USB scanner unplugged and plugged back in). Any pyserial URL works as the target too,
e.g. ``serial:loop://`` or ``serial:spy:///dev/ttyACM0`` for a traffic log.

URL parameters: ``baudrate`` (9600), ``encoding`` (utf-8), ``gs`` (FNC1 stand-in).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from typing import Any

import serial

from hardware.errors import DeviceUrlError
from hardware.scanner.aim import decode_scan
from hardware.scanner.base import Scanner
from hardware.url import DeviceUrl, parse_device_url

log = logging.getLogger(__name__)

_CR = 0x0D
_LF = 0x0A


class LineFramer:
    """Splits a byte stream into lines ended by CR, LF or CR LF (counted once).

    A CR at the end of one chunk followed by LF at the start of the next is one terminator,
    not an empty line; empty lines are dropped in any case.
    """

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._after_cr = False

    def feed(self, chunk: bytes) -> list[bytes]:
        lines: list[bytes] = []
        for byte in chunk:
            if byte == _LF and self._after_cr:
                self._after_cr = False
                continue
            self._after_cr = byte == _CR
            if byte in (_CR, _LF):
                if self._buffer:
                    lines.append(bytes(self._buffer))
                    self._buffer.clear()
            else:
                self._buffer.append(byte)
        return lines


class SerialScanner(Scanner):
    """A scanner on a serial port, read by a thread that reconnects with backoff."""

    def __init__(
        self,
        url: str | DeviceUrl,
        *,
        retry_initial: float = 0.5,
        retry_max: float = 5.0,
        read_timeout: float = 0.1,
    ) -> None:
        parsed = parse_device_url(url) if isinstance(url, str) else url
        super().__init__(parsed.raw)
        self.port = parsed.target
        if not self.port:
            raise DeviceUrlError(f"{parsed.raw}: no port given, e.g. serial:///dev/ttyACM0")
        self.baudrate = parsed.int_param("baudrate", 9600)
        self.encoding = parsed.params.get("encoding", "utf-8")
        self.gs_replacement = parsed.params.get("gs") or None
        self._retry_initial = retry_initial
        self._retry_max = retry_max
        self._read_timeout = read_timeout
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._port: Any = None

    def _open(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._run, name=f"scanner-serial-{self.port}", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        port = self._port
        if port is not None and hasattr(port, "cancel_read"):
            with contextlib.suppress(OSError, serial.SerialException):
                port.cancel_read()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout=5)
        self._set_status(False, "stopped")

    def _run(self) -> None:
        delay = self._retry_initial
        while not self._stop.is_set():
            try:
                port = serial.serial_for_url(
                    self.port, baudrate=self.baudrate, timeout=self._read_timeout
                )
            except (serial.SerialException, OSError, ValueError) as exc:
                self._set_status(False, f"cannot open {self.port}: {exc}")
                self._stop.wait(delay)
                delay = min(delay * 2, self._retry_max)
                continue
            delay = self._retry_initial
            self._port = port
            self._set_status(True, f"{self.port} at {self.baudrate} baud")
            try:
                self._read_loop(port)
            except (serial.SerialException, OSError) as exc:
                log.warning("scanner port %s lost: %s", self.port, exc)
                self._set_status(False, f"{self.port} disappeared")
            finally:
                self._port = None
                port.close()

    def _read_loop(self, port: Any) -> None:
        framer = LineFramer()
        while not self._stop.is_set():
            chunk = port.read(port.in_waiting or 1)
            for line in framer.feed(chunk):
                text = line.decode(self.encoding, errors="replace")
                self._deliver(decode_scan(text, self.url, gs_replacement=self.gs_replacement))
