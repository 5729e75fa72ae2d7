"""Real OS plumbing for driver tests: pseudo-terminals, a local Shelly HTTP server, a local
UHPPOTE UDP responder, and recorders that tests wait on (events, never sleeps).

The simulated USB backend lives in :mod:`tests.hardware.usbsim`.
"""

from __future__ import annotations

import json
import os
import select
import socket
import struct
import threading
import time
import tty
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Generic, TypeVar
from urllib.parse import parse_qsl, urlsplit

import pytest

T = TypeVar("T")


class Recorder(Generic[T]):
    """Collects items from driver threads; tests block on :meth:`wait_for` with a timeout."""

    def __init__(self) -> None:
        self.items: list[T] = []
        self._cond = threading.Condition()

    def __call__(self, item: T) -> None:
        with self._cond:
            self.items.append(item)
            self._cond.notify_all()

    def wait_for(self, predicate: Callable[[list[T]], bool], timeout: float = 2.0) -> list[T]:
        with self._cond:
            if not self._cond.wait_for(lambda: predicate(self.items), timeout):
                raise AssertionError(f"timed out; recorded so far: {self.items!r}")
            return list(self.items)

    def wait_count(self, count: int, timeout: float = 2.0) -> list[T]:
        return self.wait_for(lambda items: len(items) >= count, timeout)


@pytest.fixture
def recorder() -> Callable[[], Recorder[Any]]:
    return Recorder


# -- pseudo-terminals ------------------------------------------------------------------------


class PtyPort:
    """A pseudo-terminal standing in for a serial device, reached through a stable symlink
    (like /dev/serial/by-id/...) so it can vanish and come back under the same name."""

    def __init__(self, link: Path) -> None:
        self.path = link
        self.master = -1
        self.slave = -1
        self.reappear()

    def reappear(self) -> None:
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)  # no echo, no line editing: bytes pass as they are
        if self.path.is_symlink():
            self.path.unlink()
        self.path.symlink_to(os.ttyname(self.slave))

    def vanish(self) -> None:
        """The device is unplugged: the name disappears and open handles fail."""
        if self.path.is_symlink():
            self.path.unlink()
        self.close()

    def write(self, data: bytes) -> None:
        os.write(self.master, data)

    def read(self, count: int, timeout: float = 2.0) -> bytes:
        """Read exactly ``count`` bytes the driver wrote, or fail after ``timeout``."""
        deadline = time.monotonic() + timeout
        data = b""
        while len(data) < count:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"expected {count} bytes, got {data.hex(' ')}")
            ready, _, _ = select.select([self.master], [], [], remaining)
            if ready:
                data += os.read(self.master, count - len(data))
        return data

    def assert_silent(self, timeout: float = 0.05) -> None:
        ready, _, _ = select.select([self.master], [], [], timeout)
        assert not ready, f"unexpected bytes: {os.read(self.master, 1024).hex(' ')}"

    def close(self) -> None:
        for fd in (self.master, self.slave):
            if fd >= 0:
                os.close(fd)
        self.master = self.slave = -1


@pytest.fixture
def pty_port(tmp_path: Path) -> Iterator[PtyPort]:
    port = PtyPort(tmp_path / "ttyACM0")
    yield port
    port.close()


# -- a Shelly on loopback ----------------------------------------------------------------------


@dataclass
class ShellyState:
    gen: int = 2
    output: bool = False
    input_state: bool = True  # NC contact closed = door shut
    ignore_commands: bool = False  # a relay that answers but does not switch
    requests: list[str] = field(default_factory=list)


class _ShellyHandler(BaseHTTPRequestHandler):
    server: _ShellyServer

    def do_GET(self) -> None:
        state = self.server.state
        state.requests.append(self.path)
        parts = urlsplit(self.path)
        query = dict(parse_qsl(parts.query))
        body = self._route(state, parts.path, query)
        if body is None:
            self.send_error(404)
            return
        payload = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    @staticmethod
    def _route(state: ShellyState, path: str, query: dict[str, str]) -> dict[str, Any] | None:
        if state.gen >= 2:
            if path == "/rpc/Switch.Set":
                was_on = state.output
                if not state.ignore_commands:
                    state.output = query["on"] == "true"
                return {"was_on": was_on}
            if path == "/rpc/Switch.GetStatus":
                return {"id": int(query["id"]), "source": "http", "output": state.output}
            if path == "/rpc/Input.GetStatus":
                return {"id": int(query["id"]), "state": state.input_state}
            return None
        if path == "/relay/0":
            if "turn" in query and not state.ignore_commands:
                state.output = query["turn"] == "on"
            return {"ison": state.output, "has_timer": "timer" in query}
        if path == "/status":
            return {"inputs": [{"input": int(state.input_state), "event": "", "event_cnt": 0}]}
        return None

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _ShellyServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, state: ShellyState) -> None:
        super().__init__(("127.0.0.1", 0), _ShellyHandler)
        self.state = state


class ShellySim:
    """A Shelly relay on 127.0.0.1 that records every request path with its query."""

    def __init__(self) -> None:
        self.state = ShellyState()
        self._server: _ShellyServer | None = _ShellyServer(self.state)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.01,),
                                        daemon=True)
        self._thread.start()

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def requests(self) -> list[str]:
        return self.state.requests

    def stop_answering(self) -> None:
        """Shut the server down: connections are refused from now on."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
            self._thread.join(timeout=2)


@pytest.fixture
def shelly() -> Iterator[ShellySim]:
    sim = ShellySim()
    yield sim
    sim.stop_answering()


@pytest.fixture
def silent_tcp() -> Iterator[str]:
    """A TCP port that accepts connections (backlog) but never answers: a hung device."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    yield f"127.0.0.1:{sock.getsockname()[1]}"
    sock.close()


# -- a UHPPOTE controller on loopback ----------------------------------------------------------


class UhppoteSim:
    """Answers UHPPOTE UDP requests like a UT0311-L04 with serial ``serial``."""

    def __init__(self, serial: int = 423187757) -> None:
        self.serial = serial
        self.received: list[bytes] = []
        self.doors_open = [False, False, False, False]
        self.relays = 0
        self.door_control: dict[int, tuple[int, int]] = {}
        self.silent = False
        self.refuse_open = False
        self._cond = threading.Condition()
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.05)
        self.port = self.sock.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                packet, peer = self.sock.recvfrom(1024)
            except TimeoutError:
                continue
            except OSError:
                return
            with self._cond:
                self.received.append(packet)
                self._cond.notify_all()
            if self.silent:
                continue
            reply = self._reply(packet)
            if reply is not None:
                self.sock.sendto(reply, peer)

    def _reply(self, packet: bytes) -> bytes | None:
        if len(packet) != 64 or packet[0] != 0x17:
            return None
        if struct.unpack_from("<I", packet, 4)[0] != self.serial:
            return None  # not for us: a real controller stays quiet
        function = packet[1]
        reply = bytearray(64)
        reply[0], reply[1] = 0x17, function
        struct.pack_into("<I", reply, 4, self.serial)
        if function == 0x40:
            door = packet[8]
            ok = not self.refuse_open and 1 <= door <= 4
            reply[8] = int(ok)
            if ok:
                self.relays |= 1 << (door - 1)
        elif function == 0x20:
            for i, is_open in enumerate(self.doors_open):
                reply[28 + i] = int(is_open)
            reply[49] = self.relays
            reply[37:40] = bytes([0x12, 0x34, 0x56])  # BCD system time, as a device sends
        elif function == 0x80:
            door, mode, delay = packet[8], packet[9], packet[10]
            self.door_control[door] = (mode, delay)
            reply[8:11] = bytes([door, mode, delay])
        else:
            return None
        return bytes(reply)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()


@pytest.fixture
def uhppote() -> Iterator[UhppoteSim]:
    sim = UhppoteSim()
    yield sim
    sim.close()


# -- a clock tests move by hand ----------------------------------------------------------------


class FakeClock:
    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self.now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self.now += seconds


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()
