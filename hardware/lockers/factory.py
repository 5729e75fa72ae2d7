"""Build lock boards from their URLs; share one serial bus between the boards on one port.

========================================================  ==========================================
``kerong:///dev/ttyUSB2?board=0&baudrate=19200``          Kerong KR-CU16 board 0 on an RS-485 adapter
``kerong:///dev/serial/by-id/usb-FTDI…?items=1``          … with infrared item sensors
``sim:?channels=16&items=1``                              simulated board, for tests and the demo
========================================================  ==========================================

A locker bank stores one URL (the bus) and each compartment its board number and channel;
:class:`LockBoards` turns (URL, board) into one driver, made once and kept, so every board on
a port uses the same :class:`~hardware.lockers.kerong.KerongBus` and a test reaches the very
simulator the kiosk drives.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from hardware.errors import DeviceUrlError
from hardware.lockers.base import LockBoard
from hardware.lockers.kerong import KerongBoard, KerongBus
from hardware.lockers.sim import SimLockBoard
from hardware.url import parse_device_url

SCHEMES = ("kerong", "sim")


def open_lock_board(url: str, *, board: int | None = None, **kw: Any) -> LockBoard:
    """The board ``url`` names (``board`` overrides the URL's ``board=``). Lazy: nothing is sent
    until the first command, so an absent board shows up there as :class:`DeviceUnavailable`."""
    parsed = parse_device_url(url)
    if parsed.scheme == "kerong":
        return KerongBoard(parsed, board=board, **kw)
    if parsed.scheme == "sim":
        return SimLockBoard.from_url(url, board=board)
    raise DeviceUrlError(f"{url}: unknown lock board {parsed.scheme!r}; use one of {', '.join(SCHEMES)}")


class LockBoards:
    """Every lock board the kiosk drives, by (bank URL, board number), opened on first use.

    ``factory`` replaces :func:`open_lock_board` (tests hand in prepared simulators).
    """

    def __init__(self, factory: Callable[[str, int], LockBoard] | None = None, timeout: float | None = None) -> None:
        self._factory = factory
        self._timeout = timeout
        self._lock = threading.Lock()
        self._boards: dict[tuple[str, int], LockBoard] = {}
        self._buses: dict[tuple[str, int], KerongBus] = {}

    def get(self, url: str, board: int) -> LockBoard:
        key = (url.strip(), board)
        with self._lock:
            found = self._boards.get(key)
            if found is None:
                found = self._boards[key] = self._open(key[0], board)
            return found

    def _open(self, url: str, board: int) -> LockBoard:
        if self._factory is not None:
            return self._factory(url, board)
        parsed = parse_device_url(url)
        if parsed.scheme != "kerong":
            return open_lock_board(url, board=board)
        baudrate = parsed.int_param("baudrate", 19200)
        bus_key = (parsed.target, baudrate)
        bus = self._buses.get(bus_key)
        if bus is None:
            timeout = self._timeout if self._timeout is not None else parsed.float_param("timeout", 0.5)
            bus = self._buses[bus_key] = KerongBus(parsed.target, baudrate, timeout)
        return KerongBoard(parsed, board=board, bus=bus)

    def opened(self) -> list[LockBoard]:
        with self._lock:
            return list(self._boards.values())

    def close(self) -> None:
        with self._lock:
            boards, buses = list(self._boards.values()), list(self._buses.values())
            self._boards.clear()
            self._buses.clear()
        for board in boards:
            board.close()
        for bus in buses:
            bus.close()
