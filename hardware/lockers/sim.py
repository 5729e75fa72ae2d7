"""A simulated lock board (``sim:?channels=16&items=1``) for tests and the demo.

Doors start closed and empty. Opening a channel springs its door open (unless the lock is
*jammed*); the test, the demo, or a hook closes it again, puts an item in or takes it out.
The board can go offline (every call raises :class:`DeviceUnavailable`, like a board that
lost power or a cut RS-485 cable), or do so after a number of further commands — a board
that stops answering in the middle of an operation.

``on_open`` is called (on the caller's thread, after the door opened) with the channel: a test
uses it to play the person at the locker ("takes the parcel, shuts the door") without threads.
URL parameters: ``channels`` (16), ``items=1`` (item sensors), ``board`` (0).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from hardware.base import DeviceStatus
from hardware.errors import DeviceUnavailable, DeviceUrlError
from hardware.lockers.base import KIND, BoardState, ChannelState, LockBoard
from hardware.url import parse_device_url

OPEN = "open"
READ = "read"


class SimLockBoard(LockBoard):
    """A lock board in memory; thread-safe."""

    def __init__(self, url: str = "sim:", *, board: int = 0, channels: int = 16, items: bool = False) -> None:
        if not 1 <= channels <= 64:
            raise DeviceUrlError(f"{url}: channels={channels}; use 1 to 64")
        super().__init__(url, board, channels, items)
        self._lock = threading.RLock()
        self._closed = dict.fromkeys(range(1, channels + 1), True)
        self._items = dict.fromkeys(range(1, channels + 1), False)
        self._jammed: set[int] = set()
        self._offline = False
        self._answers_left: int | None = None
        self.commands: list[tuple[str, int | None]] = []  # ("open", channel) / ("read", None)
        self.on_open: Callable[[int], None] | None = None

    @classmethod
    def from_url(cls, url: str, board: int | None = None) -> SimLockBoard:
        parsed = parse_device_url(url)
        return cls(parsed.raw, board=parsed.int_param("board", 0) if board is None else board,
                   channels=parsed.int_param("channels", 16), items=parsed.int_param("items", 0) != 0)

    # -- knobs for tests and the demo ------------------------------------------------------

    def close_door(self, channel: int) -> None:
        with self._lock:
            self.check_channel(channel)
            self._closed[channel] = True

    def open_door(self, channel: int) -> None:
        """Someone pulls the door open (or it was never latched)."""
        with self._lock:
            self.check_channel(channel)
            self._closed[channel] = False

    def put_item(self, channel: int) -> None:
        with self._lock:
            self._items[channel] = True

    def take_item(self, channel: int) -> None:
        with self._lock:
            self._items[channel] = False

    def door_closed(self, channel: int) -> bool:
        with self._lock:
            return self._closed[channel]

    def jam(self, channel: int, jammed: bool = True) -> None:
        """A jammed lock accepts the command but does not release: the door stays shut."""
        with self._lock:
            if jammed:
                self._jammed.add(channel)
            else:
                self._jammed.discard(channel)

    @property
    def offline(self) -> bool:
        with self._lock:
            return self._offline

    @offline.setter
    def offline(self, value: bool) -> None:
        with self._lock:
            self._offline = value
            self._answers_left = None

    def stop_answering_after(self, commands: int) -> None:
        """Answer ``commands`` more commands, then go silent (offline) for good."""
        with self._lock:
            self._answers_left = commands

    def opened(self) -> list[int]:
        """The channels opened so far, in order."""
        with self._lock:
            return [channel for action, channel in self.commands if action == OPEN and channel is not None]

    # -- LockBoard ---------------------------------------------------------------------------

    def open_channel(self, channel: int) -> BoardState:
        self.check_channel(channel)
        with self._lock:
            self._answer(OPEN, channel)
            if channel not in self._jammed:
                self._closed[channel] = False
            state = self._state()
            hook = self.on_open
        if hook is not None and channel not in self._jammed:
            hook(channel)
        return state

    def read_doors(self) -> BoardState:
        with self._lock:
            self._answer(READ, None)
            return self._state()

    def _answer(self, action: str, channel: int | None) -> None:
        self.commands.append((action, channel))
        if self._answers_left is not None:
            if self._answers_left <= 0:
                self._offline = True
            self._answers_left -= 1
        if self._offline:
            self._set_status(DeviceStatus.offline(KIND, self.url, "simulated board is offline"))
            raise DeviceUnavailable(f"lock board {self.board} ({self.url}) did not answer")
        self._set_status(DeviceStatus.connected(KIND, self.url, f"board {self.board}"))

    def _state(self) -> BoardState:
        return BoardState(self.board, {
            channel: ChannelState(self._closed[channel], self._items[channel] if self.has_item_sensors else None)
            for channel in self._closed
        })
