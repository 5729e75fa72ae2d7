"""UHPPOTE access controllers over UDP, against a local responder."""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING

import pytest

from hardware.door.factory import open_door
from hardware.door.uhppote import UhppoteDoor, UhppoteStatus, uhppote_request
from hardware.errors import DeviceError, DeviceUnavailable, DeviceUrlError

if TYPE_CHECKING:
    from tests.hardware.conftest import UhppoteSim


def test_open_door_packet(uhppote: UhppoteSim) -> None:
    door = open_door(f"uhppote://{uhppote.host}?serial={uhppote.serial}&door=3")
    assert isinstance(door, UhppoteDoor)
    door.set_locked(False)
    packet = uhppote.received[-1]
    expected = bytearray(64)
    expected[0:2] = b"\x17\x40"
    expected[4:8] = struct.pack("<I", 423187757)
    expected[8] = 3
    assert packet == bytes(expected)
    assert packet[4:8] == bytes.fromhex("2d 55 39 19")
    door.close()


def test_status_gives_door_contact_and_relays(uhppote: UhppoteSim) -> None:
    door = UhppoteDoor(f"uhppote://{uhppote.host}?serial={uhppote.serial}&door=2")
    assert door.has_sensor
    assert door.read_sensor() is False
    uhppote.doors_open[1] = True
    assert door.read_sensor() is True
    assert uhppote.received[-1] == uhppote_request(0x20, uhppote.serial)
    assert door.pulse_native(3) is True
    status = door.status()
    assert status.relay_on(2) and not status.relay_on(1)
    door.set_locked(True)  # the controller relocks itself; this checks it answers
    assert uhppote.received[-1][1] == 0x20
    door.close()


def test_delay_parameter_is_sent_once_before_the_first_open(uhppote: UhppoteSim) -> None:
    door = UhppoteDoor(f"uhppote://{uhppote.host}?serial={uhppote.serial}&door=1&delay=4")
    door.set_locked(False)
    door.set_locked(False)
    functions = [p[1] for p in uhppote.received]
    assert functions == [0x80, 0x40, 0x40]
    assert uhppote.received[0][8:11] == bytes([1, 3, 4])
    assert uhppote.door_control == {1: (3, 4)}
    door.close()


def test_refused_open_is_an_error(uhppote: UhppoteSim) -> None:
    uhppote.refuse_open = True
    door = UhppoteDoor(f"uhppote://{uhppote.host}?serial={uhppote.serial}")
    with pytest.raises(DeviceError, match="refused to open door 1"):
        door.set_locked(False)
    door.close()


def test_silent_controller_and_wrong_serial_are_unavailable(uhppote: UhppoteSim) -> None:
    uhppote.silent = True
    door = UhppoteDoor(f"uhppote://{uhppote.host}?serial={uhppote.serial}&timeout=0.1")
    with pytest.raises(DeviceUnavailable, match="not answering"):
        door.probe()
    uhppote.silent = False
    door.probe()  # answers again: a fresh socket is used
    other = UhppoteDoor(f"uhppote://{uhppote.host}?serial=1&timeout=0.1")
    with pytest.raises(DeviceUnavailable):
        other.probe()
    door.close()
    other.close()


def test_status_parse_offsets() -> None:
    packet = bytearray(uhppote_request(0x20, 405419896))
    packet[28:32] = bytes([0, 1, 0, 1])
    packet[32:36] = bytes([1, 0, 0, 0])
    packet[36] = 0
    packet[49] = 0b0100
    status = UhppoteStatus.parse(bytes(packet))
    assert status.serial == 405419896
    assert status.doors_open == (False, True, False, True)
    assert status.buttons == (True, False, False, False)
    assert status.relay_on(3)


@pytest.mark.parametrize("url", ["uhppote://10.0.0.5", "uhppote://10.0.0.5?serial=1&door=5"])
def test_bad_urls(url: str) -> None:
    with pytest.raises(DeviceUrlError):
        UhppoteDoor(url)
