"""Door controllers (USB, serial and network relays, access controllers, a simulator) and the
supervisor that makes every unlock end in a lock.

Build a controller from its URL with :func:`open_door`, wrap it in a :class:`DoorSupervisor`
and call ``unlock_pulse(actor)``; never drive ``set_locked`` from the UI directly.
"""

from hardware.door.base import DoorController, DoorState
from hardware.door.factory import open_door
from hardware.door.supervisor import ALARM_KINDS, DoorEvent, DoorSupervisor

__all__ = ["ALARM_KINDS", "DoorController", "DoorEvent", "DoorState", "DoorSupervisor", "open_door"]
