"""UHPPOTE UT0311-L0x access controllers over UDP: ``uhppote://HOST[:PORT]?serial=N&door=1``.

Every request and reply is a 64-byte packet: byte 0 ``0x17``, byte 1 the function code,
bytes 4–7 the controller's serial number (little-endian), the rest function-specific.
Layouts follow uhppoted/uhppote-core ``messages/*.go`` and uhppoted-python ``decode.py``:

* OPEN_DOOR ``0x40``: request byte 8 = door (1–4); reply byte 8 = 1 if it opened. The
  controller energises the strike for its own configured "open delay", then relocks.
* GET_STATUS ``0x20``: reply bytes 28–31 = door 1–4 contact open, 32–35 = push buttons,
  36 = system error, 49 = relay bitmask (bit k = door k+1's strike energised), 50 = inputs.
* SET_DOOR_CONTROL ``0x80``: request bytes 8/9/10 = door, mode (3 = controlled), delay in
  seconds; the reply echoes them.

The controller owns the strike: it has no "lock now" command, so ``set_locked(True)``
confirms that the controller answers (and logs if the strike is still energised: it drops
when the controller's delay runs out). ``delay=N`` sets that delay once, on first use.

Parameters: ``serial`` (required), ``door`` (1), ``delay``, ``timeout`` (seconds, 1),
``sensor=0`` if no door contact is wired.
"""

from __future__ import annotations

import logging
import socket
import struct
import threading
import time
from dataclasses import dataclass

from hardware.door.base import DoorController
from hardware.errors import DeviceError, DeviceProtocolError, DeviceUnavailable, DeviceUrlError
from hardware.url import DeviceUrl, parse_device_url

log = logging.getLogger(__name__)

DEFAULT_PORT = 60000
PACKET_SIZE = 64
START_OF_MESSAGE = 0x17
GET_STATUS = 0x20
OPEN_DOOR = 0x40
SET_DOOR_CONTROL = 0x80
MODE_CONTROLLED = 3


def uhppote_request(function: int, serial: int, payload: bytes = b"") -> bytes:
    """A 64-byte request packet; ``payload`` starts at byte 8."""
    if len(payload) > PACKET_SIZE - 8:
        raise ValueError("payload too long")
    packet = bytearray(PACKET_SIZE)
    packet[0] = START_OF_MESSAGE
    packet[1] = function
    struct.pack_into("<I", packet, 4, serial)
    packet[8 : 8 + len(payload)] = payload
    return bytes(packet)


@dataclass(frozen=True)
class UhppoteStatus:
    """The parts of a GET_STATUS reply a door needs."""

    serial: int
    doors_open: tuple[bool, bool, bool, bool]
    buttons: tuple[bool, bool, bool, bool]
    system_error: int
    relays: int
    inputs: int

    @classmethod
    def parse(cls, packet: bytes) -> UhppoteStatus:
        def four(offset: int) -> tuple[bool, bool, bool, bool]:
            a, b, c, d = (bool(x) for x in packet[offset : offset + 4])
            return a, b, c, d

        return cls(
            serial=struct.unpack_from("<I", packet, 4)[0],
            doors_open=four(28),
            buttons=four(32),
            system_error=packet[36],
            relays=packet[49],
            inputs=packet[50],
        )

    def relay_on(self, door: int) -> bool:
        return bool(self.relays >> (door - 1) & 1)


class UhppoteDoor(DoorController):
    """One door of a UHPPOTE access controller."""

    def __init__(self, url: str | DeviceUrl) -> None:
        parsed = parse_device_url(url) if isinstance(url, str) else url
        super().__init__(parsed.raw)
        host, _, port = (parsed.netloc or parsed.path.strip("/")).partition(":")
        if not host:
            raise DeviceUrlError(f"{parsed.raw}: no host given, e.g. uhppote://192.168.1.100")
        try:
            self.address = (host, int(port) if port else DEFAULT_PORT)
        except ValueError:
            raise DeviceUrlError(f"{parsed.raw}: port {port!r} is not a number") from None
        if "serial" not in parsed.params:
            raise DeviceUrlError(f"{parsed.raw}: the controller's serial= number is required")
        self.serial = parsed.int_param("serial", 0)
        self.door = parsed.int_param("door", 1)
        if not 1 <= self.door <= 4:
            raise DeviceUrlError(f"{parsed.raw}: door={self.door}; controllers have doors 1 to 4")
        self.delay = parsed.int_param("delay", 0) if "delay" in parsed.params else None
        self.timeout = parsed.float_param("timeout", 1.0)
        self._sensor = parsed.params.get("sensor", "1") not in ("0", "no", "false")
        self._lock = threading.Lock()
        self._socket: socket.socket | None = None
        self._delay_sent = False

    @property
    def has_sensor(self) -> bool:
        return self._sensor

    def set_locked(self, locked: bool) -> None:
        if not locked:
            self._open_door()
            return
        status = self.status()
        if status.relay_on(self.door):
            log.info("UHPPOTE %d door %d: strike still energised; the controller relocks it "
                     "when its open delay ends", self.serial, self.door)

    def pulse_native(self, seconds: float) -> bool:
        """Open for the controller's own delay (set it with ``delay=``); always native."""
        self._open_door()
        return True

    def read_sensor(self) -> bool | None:
        if not self._sensor:
            return None
        return self.status().doors_open[self.door - 1]

    def probe(self) -> None:
        self.status()

    def status(self) -> UhppoteStatus:
        """Send GET_STATUS and decode the reply."""
        return UhppoteStatus.parse(self._request(GET_STATUS))

    def close(self) -> None:
        with self._lock:
            sock, self._socket = self._socket, None
        if sock is not None:
            sock.close()

    def _open_door(self) -> None:
        if self.delay is not None and not self._delay_sent:
            payload = bytes([self.door, MODE_CONTROLLED, self.delay])
            reply = self._request(SET_DOOR_CONTROL, payload)
            if reply[8:11] != payload:
                raise DeviceError(f"UHPPOTE {self.serial} refused the door {self.door} delay")
            self._delay_sent = True
        reply = self._request(OPEN_DOOR, bytes([self.door]))
        if reply[8] != 1:
            raise DeviceError(f"UHPPOTE {self.serial} refused to open door {self.door}")

    def _request(self, function: int, payload: bytes = b"") -> bytes:
        request = uhppote_request(function, self.serial, payload)
        with self._lock:
            sock = self._connect()
            try:
                sock.send(request)
                return self._receive(sock, function)
            except OSError as exc:
                self._socket = None
                sock.close()
                raise DeviceUnavailable(
                    f"UHPPOTE controller {self.serial} at {self.address[0]} is not answering"
                    f" ({exc.strerror or exc})"
                ) from None

    def _receive(self, sock: socket.socket, function: int) -> bytes:
        """Wait for this function's reply from this controller, skipping stale packets."""
        deadline = time.monotonic() + self.timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no reply")
            sock.settimeout(remaining)
            reply = sock.recv(1024)
            if len(reply) != PACKET_SIZE or reply[0] != START_OF_MESSAGE:
                raise DeviceProtocolError(
                    f"UHPPOTE controller at {self.address[0]} sent a malformed packet"
                )
            if reply[1] == function and struct.unpack_from("<I", reply, 4)[0] == self.serial:
                return reply
            log.debug("skipping UHPPOTE packet for function 0x%02x", reply[1])

    def _connect(self) -> socket.socket:
        if self._socket is None:
            sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            try:
                sock.connect(self.address)
            except OSError as exc:
                sock.close()
                raise DeviceUnavailable(
                    f"cannot reach UHPPOTE controller at {self.address[0]}: {exc}"
                ) from None
            self._socket = sock
        return self._socket
