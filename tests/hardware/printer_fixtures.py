"""Real endpoints standing in for ESC/POS printers: a TCP server on 127.0.0.1 and a
pseudo-terminal, both recording every byte and answering DLE EOT status queries the way a
printer does. Tests wait on them with timeouts, never sleeps. Test modules wrap them in
fixtures of their own (``with TcpPrinterServer() as server: yield server``).
"""

from __future__ import annotations

import contextlib
import os
import select
import socket
import threading
import tty
from collections.abc import Callable
from datetime import datetime

from PIL import Image

from hardware.printer.escpos_printer import DLE_EOT_ONLINE, DLE_EOT_PAPER
from kiosk.labels import LabelData, render_label

STATUS_ONLINE = 0x12  # DLE EOT 1: fixed bits 1 and 4; bit 3 would mean offline
PAPER_BYTES = {"ok": 0x12, "low": 0x1E, "out": 0x72}


def status_reply(chunk: bytes, paper: str, online: bool = True) -> bytes | None:
    """The byte a printer sends back if ``chunk`` ends with a DLE EOT query."""
    if chunk.endswith(DLE_EOT_PAPER):
        return bytes([PAPER_BYTES[paper]])
    if chunk.endswith(DLE_EOT_ONLINE):
        return bytes([STATUS_ONLINE if online else STATUS_ONLINE | 0x08])
    return None


class TcpPrinterServer:
    """A raw-9100 printer on loopback: records bytes per connection, answers status.

    ``stop_accepting()`` unplugs it (listener and open connections closed, connections
    refused); ``start_accepting()`` brings it back on the same port; ``close_after(n)``
    makes the next connection drop after ``n`` bytes, a printer losing the link mid-label.
    """

    def __init__(self) -> None:
        self.paper = "ok"
        self.silent = False  # never answer status queries, like some printers
        self.connections: list[bytearray] = []
        self._cond = threading.Condition()
        self._close_after: int | None = None
        self._clients: list[socket.socket] = []
        self._listener: socket.socket | None = None
        self._stop = threading.Event()
        self.port = 0
        self.start_accepting()

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def url(self, **params: object) -> str:
        query = "&".join(f"{k}={v}" for k, v in params.items())
        return f"escpos-tcp://{self.host}" + (f"?{query}" if query else "")

    @property
    def received(self) -> bytes:
        with self._cond:
            return b"".join(bytes(c) for c in self.connections)

    def close_after(self, count: int) -> None:
        with self._cond:
            self._close_after = count

    def start_accepting(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(4)
        self.port = listener.getsockname()[1]
        self._listener = listener
        self._stop.clear()
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop_accepting(self) -> None:
        self._stop.set()
        if self._listener is not None:
            # shutdown() stops listening at once; close() alone waits for the accept thread's
            # select() to let go of the socket, and connections in between would be accepted.
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        with self._cond:
            clients, self._clients = self._clients, []
        for client in clients:
            with contextlib.suppress(OSError):
                client.shutdown(socket.SHUT_RDWR)
            client.close()

    def _accept(self, listener: socket.socket) -> None:
        while not self._stop.is_set():
            try:
                ready, _, _ = select.select([listener], [], [], 0.05)
                if not ready:
                    continue
                client, _ = listener.accept()
            except (OSError, ValueError):
                return
            with self._cond:
                record = bytearray()
                self.connections.append(record)
                self._clients.append(client)
                limit, self._close_after = self._close_after, None
            threading.Thread(target=self._serve, args=(client, record, limit), daemon=True).start()

    def _serve(self, client: socket.socket, record: bytearray, limit: int | None) -> None:
        try:
            while True:
                want = 65536 if limit is None else max(1, limit - len(record))
                chunk = client.recv(want)
                if not chunk:
                    break
                with self._cond:
                    record.extend(chunk)
                    self._cond.notify_all()
                if limit is not None and len(record) >= limit:
                    break  # the link drops mid-label
                reply = None if self.silent else status_reply(chunk, self.paper)
                if reply is not None:
                    client.sendall(reply)
        except OSError:
            pass
        finally:
            client.close()
            with self._cond:
                if client in self._clients:
                    self._clients.remove(client)
                self._cond.notify_all()

    def wait_for(self, predicate: Callable[[bytes], bool], timeout: float = 5.0) -> bytes:
        with self._cond:
            ok = self._cond.wait_for(
                lambda: predicate(b"".join(bytes(c) for c in self.connections)), timeout
            )
            data = b"".join(bytes(c) for c in self.connections)
        if not ok:
            raise AssertionError(f"timed out; {len(data)} bytes received")
        return data

    def close(self) -> None:
        self.stop_accepting()

    def __enter__(self) -> TcpPrinterServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class PtyPrinter:
    """A serial printer on a pseudo-terminal: the driver opens ``path``, we read the master."""

    def __init__(self) -> None:
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)
        self.path = os.ttyname(self.slave)
        self.paper = "ok"
        self.received = bytearray()
        self._cond = threading.Condition()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            with self._cond:
                self.received.extend(chunk)
                tail = bytes(self.received[-3:])
                self._cond.notify_all()
            reply = status_reply(tail, self.paper)
            if reply is not None:
                os.write(self.master, reply)

    def wait_for(self, predicate: Callable[[bytes], bool], timeout: float = 5.0) -> bytes:
        with self._cond:
            if not self._cond.wait_for(lambda: predicate(bytes(self.received)), timeout):
                raise AssertionError(f"timed out; {len(self.received)} bytes received")
            return bytes(self.received)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        for fd in (self.master, self.slave):
            with contextlib.suppress(OSError):
                os.close(fd)

    def __enter__(self) -> PtyPrinter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def sample_label(code: str = "7KQ2M9XA", width: int = 576, **kw: object) -> Image.Image:
    data = LabelData(
        parcel_code=code, unit=str(kw.pop("unit", "1204")), recipient="Maria G.", shelf="B3",
        received_at=datetime(2026, 11, 24, 14, 5), carrier="UPS",
        perishable=bool(kw.pop("perishable", False)),
    )
    return render_label(data, width_dots=width)


class Recorder:
    """Collects callback values from worker threads; tests block on :meth:`wait_for`."""

    def __init__(self) -> None:
        self.items: list[object] = []
        self._cond = threading.Condition()

    def __call__(self, *args: object) -> None:
        with self._cond:
            self.items.append(args[0] if len(args) == 1 else args)
            self._cond.notify_all()

    def wait_for(self, predicate: Callable[[list[object]], bool], timeout: float = 5.0) -> list:
        with self._cond:
            if not self._cond.wait_for(lambda: predicate(self.items), timeout):
                raise AssertionError(f"timed out; recorded: {self.items!r}")
            return list(self.items)
