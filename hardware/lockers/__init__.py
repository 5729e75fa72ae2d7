"""Parcel-locker banks: lock-board drivers (Kerong KR-CU16 on RS-485, a simulator) chosen by URL,
and the coordinator that drives them for intake and pickup.

Build boards with :func:`open_lock_board` or, for a whole building, a :class:`LockBoards`
registry (one bus per port); wrap it with the core :class:`kiosk.services.lockers.LockerService`
in a :class:`LockerCoordinator` and call that off the GUI thread.
"""

from hardware.lockers.base import BoardState, ChannelState, LockBoard
from hardware.lockers.factory import LockBoards, open_lock_board
from hardware.lockers.sim import SimLockBoard

__all__ = ["BoardState", "ChannelState", "LockBoard", "LockBoards", "SimLockBoard", "open_lock_board"]
