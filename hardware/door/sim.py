"""The simulated door (``sim:``) for tests and the demo.

It records every command with a timestamp, has a door contact the test (or the demo's
"open the door" button) sets, and can be told to go offline or to fail the next commands,
so the supervisor's relock and alarm paths can be exercised without hardware.
URL parameters: ``sensor=1`` (has a door contact), ``native=1`` (has its own pulse timer).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from hardware.door.base import DoorController
from hardware.errors import DeviceError, DeviceUnavailable
from hardware.url import parse_device_url

LOCK = "lock"
UNLOCK = "unlock"
PULSE = "pulse"
AUTO_LOCK = "auto_lock"  # the simulated device's own timer ending a native pulse


@dataclass(frozen=True)
class DoorCommand:
    """One command the simulated controller received; ``ok`` is False if it failed."""

    at: float
    action: str
    ok: bool = True
    seconds: float | None = None


class SimDoor(DoorController):
    """A door controller in memory. Thread-safe; tests wait on it with :meth:`wait_for`."""

    def __init__(
        self,
        url: str = "sim:",
        *,
        sensor: bool = False,
        native_pulse: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(url)
        self._has_sensor = sensor
        self.native_pulse = native_pulse
        self._clock = clock
        self._cond = threading.Condition()
        self.commands: list[DoorCommand] = []
        self.locked: bool | None = None  # None until the first command
        self._sensor_open = False
        self._offline = False
        self._failures: dict[str, int] = {}
        self._auto_lock: threading.Timer | None = None

    @classmethod
    def from_url(cls, url: str) -> SimDoor:
        parsed = parse_device_url(url)
        return cls(
            parsed.raw,
            sensor=parsed.int_param("sensor", 0) != 0,
            native_pulse=parsed.int_param("native", 0) != 0,
        )

    # -- knobs for tests and the demo ------------------------------------------------------

    @property
    def has_sensor(self) -> bool:
        return self._has_sensor

    @property
    def sensor_open(self) -> bool:
        return self._sensor_open

    @sensor_open.setter
    def sensor_open(self, value: bool) -> None:
        with self._cond:
            self._sensor_open = value
            self._cond.notify_all()

    @property
    def offline(self) -> bool:
        return self._offline

    @offline.setter
    def offline(self, value: bool) -> None:
        """While True every call raises :class:`DeviceUnavailable`, like an unplugged board."""
        with self._cond:
            self._offline = value
            self._cond.notify_all()

    def fail_next(self, action: str = LOCK, count: int = 1) -> None:
        """Make the next ``count`` commands of ``action`` fail with a :class:`DeviceError`."""
        with self._cond:
            self._failures[action] = self._failures.get(action, 0) + count

    def wait_for(
        self, predicate: Callable[[list[DoorCommand]], bool], timeout: float = 2.0
    ) -> bool:
        """Block until ``predicate(commands)`` holds (True) or ``timeout`` passes (False)."""
        with self._cond:
            return self._cond.wait_for(lambda: predicate(self.commands), timeout)

    def actions(self, *, ok_only: bool = False) -> list[str]:
        """The recorded actions in order, e.g. ``["lock", "unlock", "lock"]``."""
        with self._cond:
            return [c.action for c in self.commands if c.ok or not ok_only]

    # -- DoorController ----------------------------------------------------------------------

    def set_locked(self, locked: bool) -> None:
        self._command(LOCK if locked else UNLOCK, None)
        with self._cond:
            self.locked = locked

    def pulse_native(self, seconds: float) -> bool:
        if not self.native_pulse:
            return False
        self._command(PULSE, seconds)
        with self._cond:
            self.locked = False
            if self._auto_lock is not None:
                self._auto_lock.cancel()
            self._auto_lock = threading.Timer(seconds, self._end_native_pulse)
            self._auto_lock.daemon = True
            self._auto_lock.start()
        return True

    def read_sensor(self) -> bool | None:
        with self._cond:
            if self._offline:
                raise DeviceUnavailable("simulated door controller is offline")
            return self._sensor_open if self._has_sensor else None

    def probe(self) -> None:
        with self._cond:
            if self._offline:
                raise DeviceUnavailable("simulated door controller is offline")

    def close(self) -> None:
        with self._cond:
            if self._auto_lock is not None:
                self._auto_lock.cancel()
                self._auto_lock = None

    def _end_native_pulse(self) -> None:
        with self._cond:
            self.locked = True
            self.commands.append(DoorCommand(self._clock(), AUTO_LOCK))
            self._cond.notify_all()

    def _command(self, action: str, seconds: float | None) -> None:
        with self._cond:
            now = self._clock()
            error: DeviceError | None = None
            if self._offline:
                error = DeviceUnavailable("simulated door controller is offline")
            elif self._failures.get(action, 0) > 0:
                self._failures[action] -= 1
                error = DeviceError(f"simulated failure of {action}")
            self.commands.append(DoorCommand(now, action, error is None, seconds))
            self._cond.notify_all()
        if error is not None:
            raise error
