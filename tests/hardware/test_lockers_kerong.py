"""Kerong KR-CU16 lock boards: exact frames, answers read back, over a real pseudo-terminal."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from hardware.base import CONNECTED, ERROR, OFFLINE
from hardware.errors import DeviceProtocolError, DeviceUnavailable, DeviceUrlError
from hardware.lockers import LockBoards, open_lock_board
from hardware.lockers.kerong import KerongBoard, parse_status, status_frame, status_reply, unlock_frame
from tests.hardware.kerongsim import KerongPtyBoard

if TYPE_CHECKING:
    from tests.hardware.conftest import PtyPort


@pytest.fixture
def kerong(pty_port: PtyPort) -> Iterator[KerongPtyBoard]:
    board = KerongPtyBoard(pty_port, boards=(0, 1))
    yield board
    board.stop()


def url(port: PtyPort, **params: object) -> str:
    query = "&".join(f"{k}={v}" for k, v in {"timeout": 0.3, **params}.items())
    return f"kerong://{port.path}?{query}"


# -- frames --------------------------------------------------------------------------------------


def test_frames_match_the_published_examples() -> None:
    assert unlock_frame(0, 1) == bytes.fromhex("02 00 31 03 36")
    assert status_frame(0) == bytes.fromhex("02 00 30 03 35")
    assert unlock_frame(1, 16) == bytes.fromhex("02 1f 31 03 55")
    assert unlock_frame(0, 12) == bytes.fromhex("02 0b 31 03 41")
    assert status_frame(2) == bytes.fromhex("02 20 30 03 55")


@pytest.mark.parametrize("board", [0, 3, 15])
@pytest.mark.parametrize("channel", [1, 8, 9, 16])
def test_checksum_is_the_low_byte_of_the_sum(board: int, channel: int) -> None:
    frame = unlock_frame(board, channel)
    assert frame[:4] == bytes([0x02, board * 16 + channel - 1, 0x31, 0x03])
    assert frame[4] == sum(frame[:4]) & 0xFF


def test_status_answer_bits_map_to_locks_one_to_sixteen() -> None:
    # lock 1 and lock 16 shut, the others open; an item in lock 9
    answer = bytes.fromhex("02 00 35 01 80 00 01 03") + bytes([(0x02 + 0x35 + 0x01 + 0x80 + 0x01 + 0x03) & 0xFF])
    assert status_reply(0x00, 0x8001, 0x0100) == answer
    state = parse_status(answer, 0, 16, items=True)
    assert [c for c, s in state.channels.items() if s.closed] == [1, 16]
    assert [c for c, s in state.channels.items() if s.occupied] == [9]
    inverted = parse_status(answer, 0, 16, hook_means_closed=False)
    assert not inverted.is_closed(1) and inverted.is_closed(2)
    assert inverted.channel(2).occupied is None  # no item sensors configured


def test_a_corrupt_or_foreign_answer_is_refused() -> None:
    good = status_reply(0x10, 0xFFFF)
    with pytest.raises(DeviceProtocolError, match="board 1, expected board 0"):
        parse_status(good, 0, 16)
    with pytest.raises(DeviceProtocolError, match="not a lock-board status answer"):
        parse_status(good[:-1] + bytes([good[-1] ^ 1]), 1, 16)


# -- over a pseudo-terminal ------------------------------------------------------------------------


def test_open_and_read_on_the_wire(pty_port: PtyPort, kerong: KerongPtyBoard) -> None:
    board = open_lock_board(url(pty_port, board=0, baudrate=9600))
    assert isinstance(board, KerongBoard) and board.bus.baudrate == 9600
    state = board.read_doors()
    assert all(s.closed for s in state.channels.values()) and len(state.channels) == 16
    assert kerong.frames() == [bytes.fromhex("02 00 30 03 35")]
    answer = board.open_channel(3)
    assert kerong.frames()[-1] == bytes.fromhex("02 02 31 03 38")
    assert not answer.is_closed(3) and answer.is_closed(2)
    assert board.status.state == CONNECTED
    kerong.close_door(3)
    assert board.read_doors().is_closed(3)
    board.close()


def test_default_speed_is_19200_and_the_url_is_checked(pty_port: PtyPort) -> None:
    board = open_lock_board(f"kerong://{pty_port.path}")
    assert isinstance(board, KerongBoard)
    assert (board.bus.baudrate, board.board, board.channels, board.has_item_sensors) == (19200, 0, 16, False)
    for bad, match in [("?board=16", "board=16"), ("?channels=17", "channels=17"), ("?hook=up", "hook")]:
        with pytest.raises(DeviceUrlError, match=match):
            open_lock_board(f"kerong://{pty_port.path}{bad}")
    with pytest.raises(DeviceUrlError, match="no port"):
        open_lock_board("kerong:")
    with pytest.raises(DeviceUrlError, match="unknown lock board"):
        open_lock_board("modbus:///dev/ttyUSB0")
    with pytest.raises(DeviceUrlError, match="channels 1 to 16"):
        board.open_channel(17)


def test_two_boards_share_one_bus(pty_port: PtyPort, kerong: KerongPtyBoard) -> None:
    boards = LockBoards()
    first, second = boards.get(url(pty_port), 0), boards.get(url(pty_port), 1)
    assert isinstance(first, KerongBoard) and isinstance(second, KerongBoard) and first.bus is second.bus
    assert boards.get(url(pty_port), 1) is second
    second.open_channel(16)
    assert kerong.frames()[-1] == bytes.fromhex("02 1f 31 03 55")
    assert not kerong.is_closed(16, board=1) and kerong.is_closed(16, board=0)
    assert first.read_doors().is_closed(16)
    assert not second.read_doors().is_closed(16)
    boards.close()


def test_item_sensors_and_an_echoing_adapter_with_line_noise(pty_port: PtyPort, kerong: KerongPtyBoard) -> None:
    kerong.echo = True
    kerong.noise = bytes.fromhex("ff 02 99")
    kerong.set_item(5, True)
    board = open_lock_board(url(pty_port, items=1))
    state = board.read_doors()
    assert state.channel(5).occupied is True and state.channel(6).occupied is False
    board.close()


def test_a_silent_board_is_unavailable(pty_port: PtyPort, kerong: KerongPtyBoard) -> None:
    kerong.silent = True
    board = open_lock_board(url(pty_port))
    with pytest.raises(DeviceUnavailable, match="did not answer"):
        board.open_channel(1)
    assert board.status.state == OFFLINE
    assert kerong.frames() == [bytes.fromhex("02 00 31 03 36")]  # sent exactly once, never repeated
    board.close()


def test_a_board_that_stops_answering_mid_operation_and_comes_back(pty_port: PtyPort,
                                                                   kerong: KerongPtyBoard) -> None:
    board = open_lock_board(url(pty_port))
    kerong.stop_answering_after(1)
    board.open_channel(2)
    with pytest.raises(DeviceUnavailable):
        board.read_doors()
    kerong.silent = False
    kerong.answers_left = None
    assert not board.read_doors().is_closed(2)
    assert board.status.state == CONNECTED
    board.close()


def test_garbled_and_misaddressed_answers_are_protocol_errors(pty_port: PtyPort, kerong: KerongPtyBoard) -> None:
    board = open_lock_board(url(pty_port))
    kerong.garble = True
    with pytest.raises(DeviceProtocolError, match="garbled"):
        board.read_doors()
    assert board.status.state == ERROR
    kerong.garble = False
    kerong.answer_as_board = 1
    with pytest.raises(DeviceProtocolError, match="expected board 0"):
        board.read_doors()
    board.close()


def test_vanished_port_is_unavailable_then_reopened(pty_port: PtyPort) -> None:
    responder = KerongPtyBoard(pty_port)
    board = open_lock_board(url(pty_port))
    board.read_doors()
    responder.stop()
    pty_port.vanish()
    with pytest.raises(DeviceUnavailable):
        board.read_doors()
    pty_port.reappear()
    responder = KerongPtyBoard(pty_port)
    try:
        assert board.read_doors().is_closed(1)
    finally:
        responder.stop()
        board.close()
