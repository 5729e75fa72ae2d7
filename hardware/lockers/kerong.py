"""Kerong KR-CU16 lock-control boards on RS-485: ``kerong:///dev/ttyUSB2?board=0&baudrate=19200``.

Every frame is ``02 <address> <command> 03 <sum>``, the checksum being the low byte of the sum
of the bytes before it; 8N1, 19200 baud by default. The address byte carries the board number
in its high nibble and, for an unlock, the lock number − 1 in its low nibble:

=====================================  ===================================================
unlock board 0, lock 1                 ``02 00 31 03 36``
unlock board 1, lock 16                ``02 1F 31 03 55``
read board 0                           ``02 00 30 03 35``
answer (to either)                     ``02 <addr> 35 <h1> <h2> <i1> <i2> 03 <sum>``
=====================================  ===================================================

``h1``/``h2`` carry one bit per lock (bit 0 of ``h1`` = lock 1, bit 7 of ``h2`` = lock 16) from
the lock's hook switch; ``i1``/``i2`` the same for the infrared item sensors, where fitted. A set
hook bit means the door is shut and latched on the boards we know (``hook=closed``, the
default); ``hook=open`` reads it the other way round, for boards wired inversely.

Many USB–RS-485 adapters echo what they send; the echo of our own frame is skipped. Several
boards share one bus (one port): :class:`KerongBus` serialises their traffic, and
:class:`hardware.lockers.factory.LockBoards` hands every board on a port the same bus.

URL parameters: ``board`` (0..15, default 0), ``baudrate`` (19200), ``channels`` (16),
``items=1`` (the board has item sensors), ``hook=closed|open``, ``timeout`` (seconds, 0.5).
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import serial

from hardware.base import DeviceStatus
from hardware.errors import DeviceProtocolError, DeviceUnavailable, DeviceUrlError
from hardware.lockers.base import KIND, BoardState, ChannelState, LockBoard
from hardware.url import DeviceUrl, parse_device_url

log = logging.getLogger(__name__)

try:  # a vanished pseudo-terminal or USB adapter fails in termios calls, not only in read/write
    import termios

    _PORT_ERRORS: tuple[type[BaseException], ...] = (serial.SerialException, OSError, termios.error)
except ImportError:  # Windows
    _PORT_ERRORS = (serial.SerialException, OSError)

STX = 0x02
ETX = 0x03
CMD_STATUS = 0x30
CMD_UNLOCK = 0x31
REPLY_STATUS = 0x35
REPLY_LENGTH = 9
MAX_CHANNELS = 16
MAX_BOARD = 15


def checksum(data: bytes) -> int:
    return sum(data) & 0xFF


def frame(address: int, command: int) -> bytes:
    """A 5-byte command frame."""
    body = bytes([STX, address & 0xFF, command, ETX])
    return body + bytes([checksum(body)])


def unlock_frame(board: int, channel: int) -> bytes:
    """Open lock ``channel`` (1..16) of board ``board`` (0..15)."""
    return frame((board << 4) | (channel - 1), CMD_UNLOCK)


def status_frame(board: int) -> bytes:
    """Ask board ``board`` for the state of all its locks."""
    return frame(board << 4, CMD_STATUS)


def status_reply(address: int, hooks: int, items: int = 0) -> bytes:
    """The board's 9-byte answer: hook bits (bit 0 = lock 1) and item-sensor bits."""
    body = bytes([STX, address & 0xFF, REPLY_STATUS, hooks & 0xFF, (hooks >> 8) & 0xFF,
                  items & 0xFF, (items >> 8) & 0xFF, ETX])
    return body + bytes([checksum(body)])


def is_status_reply(data: bytes) -> bool:
    return (len(data) == REPLY_LENGTH and data[0] == STX and data[2] == REPLY_STATUS and data[7] == ETX
            and data[8] == checksum(data[:8]))


def parse_status(reply: bytes, board: int, channels: int, *, items: bool = False,
                 hook_means_closed: bool = True) -> BoardState:
    """Decode a status answer into a :class:`BoardState` for channels 1..``channels``."""
    if not is_status_reply(reply):
        raise DeviceProtocolError(f"not a lock-board status answer: {reply.hex(' ')}")
    if reply[1] >> 4 != board:
        raise DeviceProtocolError(f"answer from board {reply[1] >> 4}, expected board {board}")
    hooks = reply[3] | (reply[4] << 8)
    sensed = reply[5] | (reply[6] << 8)
    states = {}
    for channel in range(1, channels + 1):
        bit = 1 << (channel - 1)
        hooked = bool(hooks & bit)
        states[channel] = ChannelState(closed=hooked if hook_means_closed else not hooked,
                                       occupied=bool(sensed & bit) if items else None)
    return BoardState(board, states)


class KerongBus:
    """One serial port with any number of boards on it; one request/answer at a time."""

    def __init__(self, port: str, baudrate: int = 19200, timeout: float = 0.5) -> None:
        self.port = port
        self.baudrate = baudrate
        self.timeout = timeout
        self._lock = threading.Lock()
        self._serial: Any = None

    def transact(self, request: bytes, board: int) -> bytes:
        """Send ``request``; return the status answer (echo and line noise skipped)."""
        with self._lock:
            port = self._open()
            try:
                port.reset_input_buffer()
                port.write(request)
                port.flush()
                return self._read_answer(port, request, board)
            except _PORT_ERRORS as exc:
                self._close()
                raise DeviceUnavailable(f"lock-board port {self.port} failed: {exc}") from None

    def _read_answer(self, port: Any, request: bytes, board: int) -> bytes:
        deadline = time.monotonic() + self.timeout
        buffer = bytearray()
        heard = bytearray()  # everything received, for the error message
        echo_skipped = False
        while True:
            # Drop anything before a start byte, then our own echo if the adapter sent one back.
            start = buffer.find(STX)
            if start < 0:
                buffer.clear()
            elif start:
                del buffer[:start]
            if not echo_skipped and buffer[:len(request)] == request:
                del buffer[:len(request)]
                echo_skipped = True
                continue
            if len(buffer) >= REPLY_LENGTH:
                candidate = bytes(buffer[:REPLY_LENGTH])
                if is_status_reply(candidate):
                    return candidate
                del buffer[:1]  # noise that happened to start with STX: look further
                continue
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            chunk = port.read(REPLY_LENGTH - len(buffer) if buffer else REPLY_LENGTH)
            buffer.extend(chunk)
            heard.extend(chunk)
        if heard and heard != request:
            raise DeviceProtocolError(
                f"lock board {board} on {self.port} answered garbled bytes: {bytes(heard[:32]).hex(' ')}")
        raise DeviceUnavailable(f"lock board {board} on {self.port} did not answer "
                                "(check its power, address and the RS-485 wiring)")

    def _open(self) -> Any:
        if self._serial is None:
            try:
                self._serial = serial.serial_for_url(
                    self.port, baudrate=self.baudrate, bytesize=8, parity="N", stopbits=1,
                    timeout=min(0.05, self.timeout), write_timeout=self.timeout)
            except (serial.SerialException, OSError, ValueError) as exc:
                raise DeviceUnavailable(f"cannot open lock-board port {self.port}: {exc}") from None
        return self._serial

    def _close(self) -> None:
        port, self._serial = self._serial, None
        if port is not None:
            try:
                port.close()
            except (serial.SerialException, OSError) as exc:
                log.debug("closing %s: %s", self.port, exc)

    def close(self) -> None:
        with self._lock:
            self._close()


class KerongBoard(LockBoard):
    """One KR-CU16 board (address ``board``) on a :class:`KerongBus`."""

    def __init__(self, url: str | DeviceUrl, *, board: int | None = None, bus: KerongBus | None = None,
                 timeout: float | None = None) -> None:
        parsed = parse_device_url(url) if isinstance(url, str) else url
        number = parsed.int_param("board", 0) if board is None else board
        if not 0 <= number <= MAX_BOARD:
            raise DeviceUrlError(f"{parsed.raw}: board={number}; Kerong boards are numbered 0 to {MAX_BOARD}")
        channels = parsed.int_param("channels", MAX_CHANNELS)
        if not 1 <= channels <= MAX_CHANNELS:
            raise DeviceUrlError(f"{parsed.raw}: channels={channels}; use 1 to {MAX_CHANNELS}")
        hook = parsed.params.get("hook", "closed").lower()
        if hook not in ("closed", "open"):
            raise DeviceUrlError(f"{parsed.raw}: hook={hook!r}; use closed or open")
        super().__init__(parsed.raw, number, channels, parsed.int_param("items", 0) != 0)
        self.hook_means_closed = hook == "closed"
        port = parsed.target
        if not port:
            raise DeviceUrlError(f"{parsed.raw}: no port given, e.g. kerong:///dev/ttyUSB2?board=0")
        self._owns_bus = bus is None
        self.bus = bus or KerongBus(port, parsed.int_param("baudrate", 19200),
                                    timeout if timeout is not None else parsed.float_param("timeout", 0.5))

    def open_channel(self, channel: int) -> BoardState:
        self.check_channel(channel)
        state = self._ask(unlock_frame(self.board, channel))
        log.info("kerong %s board %d: opened lock %d", self.bus.port, self.board, channel)
        return state

    def read_doors(self) -> BoardState:
        return self._ask(status_frame(self.board))

    def _ask(self, request: bytes) -> BoardState:
        try:
            answer = self.bus.transact(request, self.board)
            state = parse_status(answer, self.board, self.channels, items=self.has_item_sensors,
                                 hook_means_closed=self.hook_means_closed)
        except DeviceProtocolError as exc:
            self._set_status(DeviceStatus.error(KIND, self.url, str(exc), board=str(self.board)))
            raise
        except DeviceUnavailable as exc:
            self._set_status(DeviceStatus.offline(KIND, self.url, str(exc), board=str(self.board)))
            raise
        self._set_status(DeviceStatus.connected(KIND, self.url, f"board {self.board}", board=str(self.board)))
        return state

    def close(self) -> None:
        if self._owns_bus:
            self.bus.close()
