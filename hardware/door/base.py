"""The door-controller interface: one primitive (lock / unlock) plus optional extras.

Safety lives in :class:`hardware.door.supervisor.DoorSupervisor`, not in the drivers: it
always ends a pulse by commanding "locked", relocks on start-up and shutdown, and raises
alarms. Drivers stay small: turn a relay on or off, say whether it worked, read a door
contact if the hardware has one.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from enum import Enum
from types import TracebackType

from hardware.errors import DeviceUrlError
from hardware.url import DeviceUrl


class DoorState(Enum):
    """What the supervisor believes about the door, for the UI's door indicator."""

    LOCKED = "locked"
    UNLOCKED = "unlocked"  # a pulse is running
    OPEN = "open"  # the contact says open, after a pulse
    HELD_OPEN = "held_open"  # open longer than allowed
    FORCED_OPEN = "forced_open"  # opened without a pulse
    OFFLINE = "offline"  # the controller does not answer


class DoorController(ABC):
    """A relay, relay board or access controller that locks and unlocks one door.

    Methods block until the device has answered (or raise): :class:`DeviceUnavailable`
    when it is absent or silent, :class:`DeviceProtocolError` when it answers wrongly,
    :class:`DoorError` when it answered but did not switch.
    """

    kind = "door"

    def __init__(self, url: str) -> None:
        self.url = url

    @property
    def has_sensor(self) -> bool:
        """Whether :meth:`read_sensor` reports a real door contact."""
        return False

    @abstractmethod
    def set_locked(self, locked: bool) -> None:
        """Lock (True) or unlock (False) the door, and confirm it where the device can."""

    def pulse_native(self, seconds: float) -> bool:
        """Unlock for ``seconds`` with the device's own timer, if it has one.

        Returns False (doing nothing) when the device has no timer; the supervisor then
        unlocks with :meth:`set_locked` and times the pulse itself. It ends every pulse
        with an explicit lock either way.
        """
        return False

    def read_sensor(self) -> bool | None:
        """True if the door is open, False if closed, None if there is no contact."""
        return None

    def probe(self) -> None:
        """Check that the controller answers; raise :class:`DeviceUnavailable` if not."""
        self.read_sensor()

    def close(self) -> None:  # noqa: B027 - optional hook: most drivers hold nothing open
        """Release the port, socket or USB handle. Does not change the lock."""

    def __enter__(self) -> DoorController:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def energize_unlocks(url: DeviceUrl) -> bool:
    """Read ``?energize=unlock|lock``: which lock state an energised relay means.

    A fail-secure strike (locked without power, the default) is unlocked by energising
    the relay; a fail-safe magnetic lock (``energize=lock``) is locked while energised.
    """
    value = url.params.get("energize", "unlock").lower()
    if value not in ("unlock", "lock"):
        raise DeviceUrlError(f"{url.raw}: energize={value!r}; use unlock or lock")
    return value == "unlock"
