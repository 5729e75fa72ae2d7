"""The lock-board interface: open one compartment's lock, read every door on the board.

A locker bank is driven by one or more lock-control boards (Kerong KR-CU16 and look-alikes on
RS-485). A board has numbered *channels* (1..N), one lock and one door switch each, and
sometimes an item sensor (infrared) per compartment. Drivers stay small and synchronous:
every call blocks until the board answered, or raises

* :class:`~hardware.errors.DeviceUnavailable` — the port is gone or the board does not answer;
* :class:`~hardware.errors.DeviceProtocolError` — it answered, but not as the protocol says.

What an open *meant* (did the door really open, is it jammed, was it closed again) is decided
by :class:`hardware.lockers.coordinator.LockerCoordinator`, not by the drivers.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import TracebackType

from hardware.base import DeviceStatus
from hardware.errors import DeviceUrlError

KIND = "lockers"


@dataclass(frozen=True)
class ChannelState:
    """One compartment as the board sees it: door shut (lock hook engaged), item inside."""

    closed: bool
    occupied: bool | None = None  # None: the board has no item sensor


@dataclass(frozen=True)
class BoardState:
    """Every channel of one board, read in one answer."""

    board: int
    channels: Mapping[int, ChannelState] = field(default_factory=dict)

    def channel(self, channel: int) -> ChannelState:
        try:
            return self.channels[channel]
        except KeyError:
            raise DeviceUrlError(f"board {self.board} has no channel {channel}") from None

    def is_closed(self, channel: int) -> bool:
        return self.channel(channel).closed


class LockBoard(ABC):
    """One lock-control board: ``channels`` locks numbered from 1, at address ``board``."""

    kind = KIND

    def __init__(self, url: str, board: int, channels: int, has_item_sensors: bool = False) -> None:
        self.url = url
        self.board = board
        self.channels = channels
        self.has_item_sensors = has_item_sensors
        self._status_lock = threading.Lock()
        self._status = DeviceStatus.offline(KIND, url, "not contacted yet", board=str(board))

    @property
    def status(self) -> DeviceStatus:
        """The health seen at the last command: connected, offline (silent) or error (garbled)."""
        with self._status_lock:
            return self._status

    def _set_status(self, status: DeviceStatus) -> None:
        with self._status_lock:
            self._status = status

    def check_channel(self, channel: int) -> None:
        if not 1 <= channel <= self.channels:
            raise DeviceUrlError(f"{self.url}: board {self.board} has channels 1 to {self.channels}, not {channel}")

    @abstractmethod
    def open_channel(self, channel: int) -> BoardState:
        """Pulse ``channel``'s lock open; return the board's state as it answered the command.

        The answer may still show the door closed (a door that springs open a moment later,
        or a jammed lock): the caller reads again to find out which.
        """

    @abstractmethod
    def read_doors(self) -> BoardState:
        """Read the door (and item sensor) of every channel."""

    def probe(self) -> None:
        """Raise :class:`DeviceUnavailable` unless the board answers."""
        self.read_doors()

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release the port. Does not change any lock."""

    def __enter__(self) -> LockBoard:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
