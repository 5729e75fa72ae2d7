"""A Kerong KR-CU16 board (or several on one bus) answering on the far side of a pseudo-terminal.

Written from the protocol description, independently of the driver: it parses ``02 ADDR CMD 03
SUM`` frames, opens locks (``0x31``, lock = low nibble + 1), answers status (``0x30``) and every
unlock with ``02 ADDR 35 h1 h2 i1 i2 03 SUM``. Knobs make it misbehave like real installations:
an adapter that echoes, line noise, a garbled checksum, an answer from the wrong address, and a
board that goes silent — at once or after a number of answers (mid-operation).
"""

from __future__ import annotations

import os
import select
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.hardware.conftest import PtyPort


def _sum(data: bytes) -> int:
    return sum(data) & 0xFF


class KerongPtyBoard:
    def __init__(self, port: PtyPort, boards: tuple[int, ...] = (0,), channels: int = 16) -> None:
        self.port = port
        self.channels = channels
        self.hooks = {board: (1 << channels) - 1 for board in boards}  # bit set: door shut and latched
        self.items = dict.fromkeys(boards, 0)
        self.jammed: set[tuple[int, int]] = set()
        self.received: list[bytes] = []
        self.silent = False
        self.answers_left: int | None = None
        self.echo = False
        self.noise = b""
        self.garble = False
        self.answer_as_board: int | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    # -- the people at the lockers --------------------------------------------------------------

    def close_door(self, channel: int, board: int = 0) -> None:
        with self._lock:
            self.hooks[board] |= 1 << (channel - 1)

    def is_closed(self, channel: int, board: int = 0) -> bool:
        with self._lock:
            return bool(self.hooks[board] & (1 << (channel - 1)))

    def set_item(self, channel: int, present: bool, board: int = 0) -> None:
        with self._lock:
            if present:
                self.items[board] |= 1 << (channel - 1)
            else:
                self.items[board] &= ~(1 << (channel - 1))

    def stop_answering_after(self, answers: int) -> None:
        with self._lock:
            self.answers_left = answers

    def frames(self) -> list[bytes]:
        with self._lock:
            return list(self.received)

    # -- serving ----------------------------------------------------------------------------------

    def _serve(self) -> None:
        buffer = bytearray()
        while not self._stop.is_set():
            try:
                ready, _, _ = select.select([self.port.master], [], [], 0.02)
                if not ready:
                    continue
                buffer.extend(os.read(self.port.master, 256))
            except (OSError, ValueError):
                return
            while True:
                start = buffer.find(0x02)
                if start < 0:
                    buffer.clear()
                    break
                del buffer[:start]
                if len(buffer) < 5:
                    break
                request = bytes(buffer[:5])
                if request[3] != 0x03 or request[4] != _sum(request[:4]):
                    del buffer[:1]
                    continue
                del buffer[:5]
                answer = self._answer(request)
                if answer:
                    os.write(self.port.master, answer)

    def _answer(self, request: bytes) -> bytes:
        with self._lock:
            self.received.append(request)
            address, command = request[1], request[2]
            board = address >> 4
            if board not in self.hooks or self.silent:
                return b""
            if self.answers_left is not None:
                if self.answers_left <= 0:
                    self.silent = True
                    return b""
                self.answers_left -= 1
            if command == 0x31:
                channel = (address & 0x0F) + 1
                if channel <= self.channels and (board, channel) not in self.jammed:
                    self.hooks[board] &= ~(1 << (channel - 1))
            elif command != 0x30:
                return b""
            hooks, items = self.hooks[board], self.items[board]
            reply_address = address if self.answer_as_board is None else self.answer_as_board << 4
            body = bytes([0x02, reply_address, 0x35, hooks & 0xFF, hooks >> 8, items & 0xFF, items >> 8, 0x03])
            reply = body + bytes([_sum(body) ^ (0xFF if self.garble else 0)])
            return (request if self.echo else b"") + self.noise + reply

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
