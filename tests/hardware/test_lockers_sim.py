"""The simulated lock board behaves like a board: doors, items, jams, going silent."""

from __future__ import annotations

import pytest

from hardware.base import CONNECTED, OFFLINE
from hardware.errors import DeviceUnavailable, DeviceUrlError
from hardware.lockers import LockBoards, SimLockBoard, open_lock_board


def test_url_parameters() -> None:
    board = open_lock_board("sim:?channels=8&items=1&board=2")
    assert isinstance(board, SimLockBoard)
    assert (board.channels, board.has_item_sensors, board.board) == (8, True, 2)
    assert open_lock_board("sim:", board=5).board == 5
    with pytest.raises(DeviceUrlError):
        open_lock_board("sim:?channels=0")


def test_doors_open_close_and_items() -> None:
    board = SimLockBoard(channels=4, items=True)
    state = board.read_doors()
    assert all(s.closed and s.occupied is False for s in state.channels.values())
    assert board.status.state == CONNECTED
    answer = board.open_channel(2)
    assert not answer.is_closed(2) and answer.is_closed(1)
    board.put_item(2)
    board.close_door(2)
    state = board.read_doors()
    assert state.is_closed(2) and state.channel(2).occupied is True
    assert board.opened() == [2]
    with pytest.raises(DeviceUrlError):
        board.open_channel(5)


def test_a_jammed_lock_stays_shut_and_the_hook_plays_the_person() -> None:
    board = SimLockBoard(channels=4)
    seen: list[int] = []
    board.on_open = seen.append
    board.jam(3)
    assert board.open_channel(3).is_closed(3)
    assert seen == []  # nobody can open a jammed door
    board.jam(3, False)
    assert not board.open_channel(3).is_closed(3)
    assert seen == [3]


def test_offline_and_stopping_mid_operation() -> None:
    board = SimLockBoard(channels=4)
    board.offline = True
    with pytest.raises(DeviceUnavailable):
        board.read_doors()
    assert board.status.state == OFFLINE
    board.offline = False
    board.stop_answering_after(2)
    board.open_channel(1)
    board.read_doors()
    with pytest.raises(DeviceUnavailable):
        board.read_doors()
    assert board.offline


def test_registry_keeps_one_board_per_url_and_number() -> None:
    boards = LockBoards()
    first = boards.get("sim:?channels=4", 0)
    assert boards.get("sim:?channels=4", 0) is first
    assert boards.get("sim:?channels=4", 1) is not first
    assert len(boards.opened()) == 2
    boards.close()
    assert boards.opened() == []
