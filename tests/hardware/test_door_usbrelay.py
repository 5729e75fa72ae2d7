"""dcttech USB HID relay boards, byte-exact, against a board simulated at the transfer level."""

from __future__ import annotations

import pytest

from hardware.door.factory import open_door
from hardware.door.usbrelay import UsbRelayDoor, relay_command
from hardware.errors import DeviceError, DeviceProtocolError, DeviceUnavailable, DeviceUrlError
from tests.hardware.usbsim import ControlTransfer, SimBackend, SimDevice, hid_interface

VID, PID = 0x16C0, 0x05DF


class DcttechBoard(SimDevice):
    """A USBRelay<N> board: feature report 0 switches relays and reports their state."""

    def __init__(self, serial: str = "QWERT", relays: int = 2, product: str | None = None) -> None:
        super().__init__(VID, PID, interfaces=[hid_interface(0)],
                         manufacturer="www.dcttech.com", product=product or f"USBRelay{relays}")
        self.board_serial = serial
        self.mask = 0
        self.stuck = False  # a welded relay: accepts commands, does not switch

    def on_control(self, setup: ControlTransfer, data: bytes) -> bytes | None:
        if (setup.request_type, setup.request, setup.value) == (0x21, 0x09, 0x0300):
            command, relay = data[0], data[1]
            if not self.stuck:
                if command == 0xFF:
                    self.mask |= 1 << (relay - 1)
                elif command == 0xFD:
                    self.mask &= ~(1 << (relay - 1))
                elif command == 0xFE:
                    self.mask = 0xFF
                elif command == 0xFC:
                    self.mask = 0
            return None
        if (setup.request_type, setup.request, setup.value) == (0xA1, 0x01, 0x0300):
            return self.board_serial.encode().ljust(5, b"\0")[:5] + b"\0\0" + bytes([self.mask])
        return super().on_control(setup, data)


def out_reports(board: SimDevice) -> list[ControlTransfer]:
    return [c for c in board.control_log if not c.is_in]


def test_unlock_and_lock_send_exact_feature_reports_and_read_back() -> None:
    board = DcttechBoard()
    door = open_door("usbrelay://16c0:05df?relay=2", backend=SimBackend(board))
    assert isinstance(door, UsbRelayDoor)
    door.set_locked(False)
    assert board.mask == 0b10
    door.set_locked(True)
    assert board.mask == 0
    # Exactly what darrylb123/usbrelay sends: SET_REPORT, feature report 0, interface 0.
    assert out_reports(board) == [
        ControlTransfer(0x21, 0x09, 0x0300, 0, bytes([0xFF, 2, 0, 0, 0, 0, 0, 0]), 8),
        ControlTransfer(0x21, 0x09, 0x0300, 0, bytes([0xFD, 2, 0, 0, 0, 0, 0, 0]), 8),
    ]
    # Each command is followed by a GET_REPORT that confirms it.
    hid = [c for c in board.control_log if c.request_type in (0x21, 0xA1)]
    assert [(c.request_type, c.request, c.value, c.index, c.length) for c in hid] == [
        (0xA1, 0x01, 0x0300, 0, 8),  # state read when the board was opened
        (0x21, 0x09, 0x0300, 0, 8),
        (0xA1, 0x01, 0x0300, 0, 8),
        (0x21, 0x09, 0x0300, 0, 8),
        (0xA1, 0x01, 0x0300, 0, 8),
    ]
    assert hid[2].data == b"QWERT\0\0\x02"
    state = door.read_state()
    assert (state.serial, state.mask) == ("QWERT", 0)
    assert door.product == "USBRelay2"


def test_relay_command_bytes() -> None:
    assert relay_command(1, True) == bytes.fromhex("ff01000000000000")
    assert relay_command(8, False) == bytes.fromhex("fd08000000000000")


def test_kernel_driver_is_detached_for_the_claim_and_reattached_on_close() -> None:
    board = DcttechBoard()
    door = UsbRelayDoor("usbrelay://16c0:05df?relay=1", backend=SimBackend(board))
    door.set_locked(True)
    assert board.kernel_driver_active[0] is False and board.claimed == {0}
    door.close()
    assert board.kernel_driver_active[0] is True and board.claimed == set()


def test_a_look_alike_board_is_refused_before_any_command() -> None:
    # Same V-USB VID:PID, another protocol (one-byte 0xF0+n commands): never send it bytes.
    board = SimDevice(VID, PID, interfaces=[hid_interface(0)], product="USB Relay Controller")
    door = UsbRelayDoor("usbrelay://16c0:05df?relay=1", backend=SimBackend(board))
    with pytest.raises(DeviceProtocolError, match=r"'USB Relay Controller'.*not a dcttech"):
        door.set_locked(True)
    assert all(c.request_type & 0x60 == 0 for c in board.control_log)  # only descriptors read
    assert board.claimed == set()


def test_serial_parameter_picks_the_right_board() -> None:
    first, second = DcttechBoard("AAAAA", 1), DcttechBoard("BBBBB", 1)
    door = UsbRelayDoor("usbrelay://16c0:05df?relay=1&serial=BBBBB",
                        backend=SimBackend(first, second))
    door.set_locked(False)
    assert (first.mask, second.mask) == (0, 1)
    assert first.claimed == set() and first.kernel_driver_active[0] is True
    missing = UsbRelayDoor("usbrelay://16c0:05df?serial=CCCCC", backend=SimBackend(first))
    with pytest.raises(DeviceUnavailable, match="CCCCC"):
        missing.set_locked(True)


def test_a_relay_that_does_not_switch_is_reported() -> None:
    board = DcttechBoard()
    board.stuck = True
    door = UsbRelayDoor("usbrelay://16c0:05df?relay=1", backend=SimBackend(board))
    with pytest.raises(DeviceError, match="did not switch on"):
        door.set_locked(False)


def test_energize_to_lock_inverts_the_relay() -> None:
    board = DcttechBoard()
    door = UsbRelayDoor("usbrelay://16c0:05df?relay=1&energize=lock", backend=SimBackend(board))
    door.set_locked(True)
    assert board.mask == 1


def test_relay_beyond_the_board_is_a_configuration_error() -> None:
    door = UsbRelayDoor("usbrelay://16c0:05df?relay=3", backend=SimBackend(DcttechBoard()))
    with pytest.raises(DeviceUrlError, match="relay 3 does not exist on a USBRelay2"):
        door.set_locked(True)


def test_unplugged_board_is_unavailable_and_used_again_when_back() -> None:
    board = DcttechBoard()
    door = UsbRelayDoor("usbrelay://16c0:05df?relay=1", backend=SimBackend(board))
    door.set_locked(True)
    board.unplug()
    with pytest.raises(DeviceUnavailable, match="unplugged"):
        door.set_locked(False)
    with pytest.raises(DeviceUnavailable, match="no USB relay board"):
        door.set_locked(False)
    board.replug()
    door.set_locked(False)
    assert board.mask == 1
