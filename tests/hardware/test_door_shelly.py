"""Shelly relays over HTTP, against a local server that records every request."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from hardware.door.base import DoorState
from hardware.door.factory import open_door
from hardware.door.shelly import ShellyDoor
from hardware.door.supervisor import DOOR_OFFLINE, DoorEvent, DoorSupervisor
from hardware.errors import DeviceError, DeviceUnavailable, DoorError

if TYPE_CHECKING:
    from tests.hardware.conftest import ShellySim


def test_gen2_rpc_requests(shelly: ShellySim) -> None:
    door = open_door(f"shelly://{shelly.host}?id=0")
    assert isinstance(door, ShellyDoor)
    door.set_locked(True)
    assert door.pulse_native(3) is True
    assert shelly.state.output is True
    door.set_locked(True)
    assert shelly.requests == [
        "/rpc/Switch.Set?id=0&on=false",
        "/rpc/Switch.GetStatus?id=0",
        "/rpc/Switch.Set?id=0&on=true&toggle_after=3",
        "/rpc/Switch.GetStatus?id=0",
        "/rpc/Switch.Set?id=0&on=false",
        "/rpc/Switch.GetStatus?id=0",
    ]


def test_gen1_requests(shelly: ShellySim) -> None:
    shelly.state.gen = 1
    door = ShellyDoor(f"shelly://{shelly.host}?gen=1")
    door.set_locked(False)
    door.set_locked(True)
    door.pulse_native(2.5)
    assert shelly.requests == [
        "/relay/0?turn=on", "/relay/0",
        "/relay/0?turn=off", "/relay/0",
        "/relay/0?turn=on&timer=2.5", "/relay/0",
    ]


def test_door_contact_on_the_input(shelly: ShellySim) -> None:
    door = ShellyDoor(f"shelly://{shelly.host}?input=0")
    assert door.has_sensor
    assert door.read_sensor() is False  # NC contact closed: door shut
    shelly.state.input_state = False
    assert door.read_sensor() is True
    assert shelly.requests[-1] == "/rpc/Input.GetStatus?id=0"
    shelly.state.gen = 1
    gen1 = ShellyDoor(f"shelly://{shelly.host}?gen=1&input=0&contact=no")
    assert gen1.read_sensor() is False  # NO contact open: door shut
    assert shelly.requests[-1] == "/status"
    assert ShellyDoor(f"shelly://{shelly.host}").read_sensor() is None


def test_a_relay_that_does_not_switch_is_an_error(shelly: ShellySim) -> None:
    shelly.state.ignore_commands = True
    with pytest.raises(DeviceError, match="did not switch on"):
        ShellyDoor(f"shelly://{shelly.host}").set_locked(False)


def test_stopped_shelly_goes_offline_and_unlock_fails_clearly(shelly: ShellySim) -> None:
    events: list[DoorEvent] = []
    door = ShellyDoor(f"shelly://{shelly.host}?timeout=0.5")
    supervisor = DoorSupervisor(door, 0.05, 30, events.append, poll_interval=None,
                                retry_initial=0.01)
    supervisor.start()
    assert supervisor.state is DoorState.LOCKED
    shelly.stop_answering()
    with pytest.raises(DoorError, match="controller is offline"):
        supervisor.unlock_pulse("desk")
    assert supervisor.state is DoorState.OFFLINE
    assert [e.kind for e in events] == ["locked", DOOR_OFFLINE]
    assert supervisor.status.state == "offline"
    supervisor.stop()


def test_hung_shelly_times_out_as_unavailable(silent_tcp: str) -> None:
    door = ShellyDoor(f"shelly://{silent_tcp}?timeout=0.2")
    with pytest.raises(DeviceUnavailable, match="not answering"):
        door.set_locked(True)
