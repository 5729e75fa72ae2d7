"""The door supervisor: every pulse ends in a lock, failures are retried and raise alarms."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

from hardware.door.base import DoorState
from hardware.door.factory import open_door
from hardware.door.sim import AUTO_LOCK, LOCK, PULSE, UNLOCK, SimDoor
from hardware.door.supervisor import DoorEvent, DoorSupervisor
from hardware.errors import DoorError

if TYPE_CHECKING:
    from tests.hardware.conftest import FakeClock, Recorder

#: Short retry timings so failure paths finish in milliseconds.
FAST: dict[str, Any] = {"retry_initial": 0.02, "retry_max": 0.05, "watchdog_grace": 0.5}


def kinds(events: list[DoorEvent]) -> list[str]:
    return [e.kind for e in events]


@pytest.fixture
def events(recorder: Any) -> Recorder[DoorEvent]:
    return recorder()


@pytest.fixture
def door() -> Iterator[SimDoor]:
    door = SimDoor()
    yield door
    door.close()


@pytest.fixture
def supervisor(door: SimDoor, events: Recorder[DoorEvent]) -> Iterator[DoorSupervisor]:
    supervisor = DoorSupervisor(door, 0.05, 30.0, events, poll_interval=0.01, **FAST)
    supervisor.start()
    yield supervisor
    supervisor.stop()


def test_locks_on_start_and_on_shutdown(door: SimDoor, events: Recorder[DoorEvent]) -> None:
    supervisor = DoorSupervisor(door, 0.05, 30.0, events, poll_interval=0.01, **FAST)
    supervisor.start()
    assert door.actions() == [LOCK]
    assert door.locked is True
    assert supervisor.state is DoorState.LOCKED
    supervisor.stop()
    assert door.actions() == [LOCK, LOCK]
    assert [(e.kind, e.actor, e.detail) for e in events.items] == [
        ("locked", "system", "start-up"),
        ("locked", "system", "shutdown"),
    ]
    with pytest.raises(DoorError, match="not under supervision"):
        supervisor.unlock_pulse("desk")


def test_pulse_ends_with_an_explicit_lock(
    door: SimDoor, supervisor: DoorSupervisor, events: Recorder[DoorEvent]
) -> None:
    supervisor.unlock_pulse("maria")
    assert supervisor.state is DoorState.UNLOCKED
    assert door.wait_for(lambda c: len(c) == 3)
    unlock, lock = door.commands[1], door.commands[2]
    assert (unlock.action, lock.action) == (UNLOCK, LOCK)
    assert lock.at - unlock.at >= 0.05
    events.wait_for(lambda e: len(e) == 3)
    assert [(e.kind, e.actor) for e in events.items] == [
        ("locked", "system"), ("unlocked", "maria"), ("locked", "system"),
    ]
    assert events.items[2].detail == "end of pulse"
    assert supervisor.state is DoorState.LOCKED


def test_unlock_command_is_issued_fast(door: SimDoor, supervisor: DoorSupervisor) -> None:
    called = time.monotonic()
    supervisor.unlock_pulse("desk")
    issued = door.commands[1]
    assert issued.action == UNLOCK
    assert issued.at - called < 0.1


def test_native_pulse_is_used_and_still_ends_with_an_explicit_lock(
    events: Recorder[DoorEvent],
) -> None:
    door = SimDoor(native_pulse=True)
    supervisor = DoorSupervisor(door, 0.05, 30.0, events, poll_interval=0.01, **FAST)
    supervisor.start()
    supervisor.unlock_pulse("desk")
    assert door.wait_for(lambda c: [x.action for x in c if x.action != AUTO_LOCK][-1] == LOCK
                         and len(c) >= 3)
    assert [a for a in door.actions() if a != AUTO_LOCK] == [LOCK, PULSE, LOCK]
    assert door.commands[1].seconds == 0.05
    assert "device timer" in events.items[1].detail
    supervisor.stop()
    door.close()


def test_a_second_pulse_extends_the_first(door: SimDoor, supervisor: DoorSupervisor) -> None:
    supervisor.unlock_pulse("a")
    supervisor.unlock_pulse("b")
    assert door.wait_for(lambda c: len(c) == 4)
    assert door.actions() == [LOCK, UNLOCK, UNLOCK, LOCK]
    assert door.commands[3].at - door.commands[2].at >= 0.05


def test_watchdog_relocks_when_the_lock_command_fails_once(
    door: SimDoor, supervisor: DoorSupervisor, events: Recorder[DoorEvent]
) -> None:
    door.fail_next(LOCK)
    supervisor.unlock_pulse("desk")
    events.wait_for(lambda e: "relocked" in kinds(e))
    assert [(c.action, c.ok) for c in door.commands] == [
        (LOCK, True), (UNLOCK, True), (LOCK, False), (LOCK, True),
    ]
    assert kinds(events.items) == ["locked", "unlocked", "relock_failed", "relocked"]
    alarm = events.items[2]
    assert alarm.alarm and "simulated failure" in alarm.detail
    assert events.items[3].detail == "locked after 1 failed attempt"
    assert supervisor.state is DoorState.LOCKED


def test_controller_offline_mid_pulse_is_relocked_when_it_returns(
    door: SimDoor, supervisor: DoorSupervisor, events: Recorder[DoorEvent]
) -> None:
    supervisor.unlock_pulse("desk")
    door.offline = True  # the relay board is unplugged while the strike is open
    events.wait_for(lambda e: "relock_failed" in kinds(e))
    assert supervisor.state is DoorState.OFFLINE
    assert door.wait_for(lambda c: sum(1 for x in c if x.action == LOCK and not x.ok) >= 3)
    door.offline = False
    events.wait_for(lambda e: "relocked" in kinds(e))
    assert door.commands[-1].action == LOCK and door.commands[-1].ok
    assert door.locked is True
    got = kinds(events.items)
    assert got[:4] == ["locked", "unlocked", "door_offline", "relock_failed"]
    assert got.index("door_online") < got.index("relocked")
    assert got.count("relock_failed") == 1  # one alarm, not one per retry
    assert supervisor.state is DoorState.LOCKED


def test_unlock_while_offline_raises_a_clear_door_error(
    door: SimDoor, supervisor: DoorSupervisor, events: Recorder[DoorEvent]
) -> None:
    door.offline = True
    with pytest.raises(DoorError, match="cannot be opened: its controller is offline"):
        supervisor.unlock_pulse("desk")
    assert supervisor.state is DoorState.OFFLINE
    assert "door_offline" in kinds(events.items)
    door.offline = False
    # The door may or may not have moved: it is commanded locked as soon as it answers.
    events.wait_for(lambda e: e[-1].kind in ("locked", "relocked"))
    assert door.commands[-1].action == LOCK and door.commands[-1].ok


def test_watchdog_relocks_a_pulse_that_outlived_its_time(
    fake_clock: FakeClock, events: Recorder[DoorEvent]
) -> None:
    door = SimDoor(clock=fake_clock)
    # The timer thread would wait 5 real seconds; the clock says the pulse is long over.
    supervisor = DoorSupervisor(door, 5.0, 30.0, events, fake_clock, poll_interval=None,
                                watchdog_grace=1.0)
    supervisor.start()
    supervisor.unlock_pulse("desk")
    fake_clock.advance(5.5)
    supervisor.tick()
    assert door.actions() == [LOCK, UNLOCK]  # still within the grace
    fake_clock.advance(1.0)
    supervisor.tick()
    assert door.actions() == [LOCK, UNLOCK, LOCK]
    assert kinds(events.items) == ["locked", "unlocked", "watchdog_relock", "locked"]
    assert events.items[2].alarm
    supervisor.stop()
    assert door.actions() == [LOCK, UNLOCK, LOCK, LOCK]


def test_forced_open_alarm(fake_clock: FakeClock, events: Recorder[DoorEvent]) -> None:
    door = SimDoor(sensor=True, clock=fake_clock)
    supervisor = DoorSupervisor(door, 3.0, 30.0, events, fake_clock, poll_interval=None)
    supervisor.start()
    assert supervisor.has_sensor
    fake_clock.advance(60)
    door.sensor_open = True  # nobody pressed unlock
    supervisor.tick()
    assert supervisor.state is DoorState.FORCED_OPEN
    forced = events.items[-1]
    assert (forced.kind, forced.actor, forced.at, forced.alarm) == ("forced_open", None,
                                                                    1060.0, True)
    assert events.items[-2].kind == "door_opened"
    door.sensor_open = False
    fake_clock.advance(4)
    supervisor.tick()
    assert (events.items[-1].kind, events.items[-1].detail) == ("door_closed", "was open 4.0 s")
    assert supervisor.state is DoorState.LOCKED
    supervisor.stop()


def test_held_open_alarm_after_a_pulse(fake_clock: FakeClock, events: Recorder[DoorEvent]) -> None:
    door = SimDoor(sensor=True, clock=fake_clock)
    supervisor = DoorSupervisor(door, 0.02, 30.0, events, fake_clock, poll_interval=None)
    supervisor.start()
    supervisor.unlock_pulse("ana")
    door.sensor_open = True
    supervisor.tick()
    assert (events.items[-1].kind, events.items[-1].actor) == ("door_opened", "ana")
    assert supervisor.state is DoorState.OPEN
    assert door.wait_for(lambda c: c[-1].action == LOCK and len(c) == 3)  # pulse over
    fake_clock.advance(29)
    supervisor.tick()
    assert events.items[-1].kind != "held_open"
    fake_clock.advance(2)
    supervisor.tick()
    supervisor.tick()  # reported once, not on every poll
    held = [e for e in events.items if e.kind == "held_open"]
    assert len(held) == 1 and held[0].actor == "ana" and held[0].alarm
    assert supervisor.state is DoorState.HELD_OPEN
    assert "forced_open" not in kinds(events.items)
    door.sensor_open = False
    supervisor.tick()
    assert events.items[-1].kind == "door_closed"
    supervisor.stop()


def test_opening_just_after_the_pulse_ends_is_still_authorised(
    fake_clock: FakeClock, events: Recorder[DoorEvent]
) -> None:
    door = SimDoor(sensor=True, clock=fake_clock)
    supervisor = DoorSupervisor(door, 0.02, 30.0, events, fake_clock, poll_interval=None,
                                open_grace=1.0)
    supervisor.start()
    supervisor.unlock_pulse("ana")
    assert door.wait_for(lambda c: len(c) == 3)
    fake_clock.advance(0.5)
    door.sensor_open = True
    supervisor.tick()
    assert "forced_open" not in kinds(events.items)
    supervisor.stop()


def test_sensor_poll_notices_an_offline_controller(
    fake_clock: FakeClock, events: Recorder[DoorEvent]
) -> None:
    door = SimDoor(sensor=True, clock=fake_clock)
    supervisor = DoorSupervisor(door, 3.0, 30.0, events, fake_clock, poll_interval=None)
    supervisor.start()
    door.offline = True
    supervisor.tick()
    supervisor.tick()
    assert kinds(events.items) == ["locked", "door_offline"]
    assert supervisor.status.state == "offline"
    door.offline = False
    supervisor.tick()
    assert kinds(events.items)[-1] == "door_online"
    assert supervisor.status.extra == {"door": "locked", "sensor": "present"}
    supervisor.stop()


def test_controller_without_sensor_is_probed(
    fake_clock: FakeClock, events: Recorder[DoorEvent]
) -> None:
    door = SimDoor(clock=fake_clock)
    supervisor = DoorSupervisor(door, 3.0, 30.0, events, fake_clock, poll_interval=None,
                                probe_interval=5.0)
    supervisor.start()
    assert supervisor.status.extra["sensor"] == "absent"
    door.offline = True
    supervisor.tick()
    assert kinds(events.items)[-1] == "door_offline"
    door.offline = False
    supervisor.tick()  # the next probe is not due yet
    assert supervisor.state is DoorState.OFFLINE
    fake_clock.advance(5)
    supervisor.tick()
    assert kinds(events.items)[-1] == "door_online"
    supervisor.stop()


def test_start_survives_an_offline_controller_and_locks_when_it_returns(
    events: Recorder[DoorEvent],
) -> None:
    door = SimDoor()
    door.offline = True
    supervisor = DoorSupervisor(door, 0.05, 30.0, events, poll_interval=0.01, **FAST)
    supervisor.start()
    assert kinds(events.items) == ["door_offline", "relock_failed"]
    door.offline = False
    events.wait_for(lambda e: "relocked" in kinds(e))
    assert door.locked is True
    supervisor.stop()


def test_a_failing_event_callback_does_not_stop_the_supervisor() -> None:
    door = SimDoor()

    def boom(event: DoorEvent) -> None:
        raise RuntimeError("ui bug")

    supervisor = DoorSupervisor(door, 0.02, 30.0, boom, poll_interval=0.01, **FAST)
    supervisor.start()
    supervisor.unlock_pulse("desk")
    assert door.wait_for(lambda c: len(c) == 3)
    supervisor.stop()
    assert door.actions() == [LOCK, UNLOCK, LOCK, LOCK]


def test_sim_url_options() -> None:
    door = open_door("sim:?sensor=1&native=1")
    assert isinstance(door, SimDoor)
    assert door.has_sensor and door.native_pulse
    assert door.read_sensor() is False
    assert open_door("sim:").read_sensor() is None


class FlakyDriver(SimDoor):
    """A driver with a bug: its first lock raises a bare OSError instead of a DeviceError."""

    def __init__(self) -> None:
        super().__init__()
        self.raised = False

    def set_locked(self, locked: bool) -> None:
        if locked and not self.raised and self.locked is False:
            self.raised = True
            raise OSError(5, "Input/output error")
        super().set_locked(locked)


def test_an_unexpected_driver_exception_is_retried_like_a_fault(
    events: Recorder[DoorEvent],
) -> None:
    door = FlakyDriver()
    supervisor = DoorSupervisor(door, 0.02, 30.0, events, poll_interval=0.01, **FAST)
    supervisor.start()
    supervisor.unlock_pulse("desk")
    events.wait_for(lambda e: "relocked" in kinds(e))
    assert door.raised and door.locked is True
    failed = next(e for e in events.items if e.kind == "relock_failed")
    assert "unexpected OSError" in failed.detail
    supervisor.stop()
