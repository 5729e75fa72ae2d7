"""LCUS serial relay modules: exact 4-byte frames on a real pseudo-terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from hardware.door.factory import open_door
from hardware.door.lcus import LcusDoor, lcus_frame
from hardware.errors import DeviceUnavailable, DeviceUrlError

if TYPE_CHECKING:
    from tests.hardware.conftest import PtyPort


def test_channel_one_frames(pty_port: PtyPort) -> None:
    door = open_door(f"lcus://{pty_port.path}?channel=1")
    assert isinstance(door, LcusDoor)
    door.set_locked(False)
    assert pty_port.read(4) == bytes.fromhex("a0 01 01 a2")
    door.set_locked(True)
    assert pty_port.read(4) == bytes.fromhex("a0 01 00 a1")
    pty_port.assert_silent()
    door.close()


def test_energize_to_lock_on_channel_four(pty_port: PtyPort) -> None:
    door = LcusDoor(f"lcus://{pty_port.path}?channel=4&baudrate=9600&energize=lock")
    door.set_locked(True)
    assert pty_port.read(4) == bytes.fromhex("a0 04 01 a5")
    door.close()


@pytest.mark.parametrize("channel", range(1, 9))
def test_checksum_is_the_low_byte_of_the_sum(channel: int) -> None:
    frame = lcus_frame(channel, True)
    assert frame[:3] == bytes([0xA0, channel, 1])
    assert frame[3] == (0xA0 + channel + 1) & 0xFF


def test_vanished_port_is_unavailable_then_reopened(pty_port: PtyPort) -> None:
    door = LcusDoor(f"lcus://{pty_port.path}?channel=2")
    door.set_locked(True)
    assert pty_port.read(4) == bytes.fromhex("a0 02 00 a2")
    pty_port.vanish()
    with pytest.raises(DeviceUnavailable):
        door.set_locked(True)
    with pytest.raises(DeviceUnavailable, match="cannot open"):
        door.probe()
    pty_port.reappear()
    door.set_locked(False)
    assert pty_port.read(4) == bytes.fromhex("a0 02 01 a3")
    door.close()


def test_bad_channel_is_refused() -> None:
    with pytest.raises(DeviceUrlError, match="channel"):
        LcusDoor("lcus:///dev/ttyUSB1?channel=9")
