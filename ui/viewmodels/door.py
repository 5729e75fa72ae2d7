"""The package-room door at the end of a pickup: one unlock per signed-in resident.

:class:`DoorViewModel` is owned by :class:`ui.viewmodels.pickup.PickupViewModel`. When a
resident signs in with parcels they may take, it is *armed* with their credential and those
parcels; one tap unlocks the door (off the GUI thread: the call blocks on the device), shows a
countdown for the pulse, thanks the resident and says it has finished. Only after the unlock
succeeded is the opening recorded, and ``opened`` tells the pickup view-model to ask the resident
which parcels they took (nothing is released here). If the unlock fails the parcels stay
waiting, the failure is logged for staff, and ``failed`` tells the pickup view-model to send
the resident to the front desk.

Phases (``phase_changed(phase, seconds_left)``):

``none``         no resident, or nothing they may take through the door;
``unavailable``  parcels to take but no door controller configured (the screen says where);
``ready``        the "Open the door" button is offered;
``opening``      the unlock command is running;
``open``         unlocked: ``seconds_left`` counts down the pulse;
``thanks``       the pulse is over; ``finished`` follows after ``thanks_seconds``.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.services.credentials import CredentialMatch
from kiosk.services.doors import DoorService
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

NONE = "none"
UNAVAILABLE = "unavailable"
READY = "ready"
OPENING = "opening"
OPEN = "open"
THANKS = "thanks"


class Door(Protocol):
    """What the kiosk needs of a door: :class:`hardware.door.supervisor.DoorSupervisor` fits.

    ``unlock_pulse`` blocks until the controller answered and raises (``DoorError``,
    ``DeviceError``) when it could not unlock; the relock is the door's own business.
    """

    pulse_seconds: float

    def unlock_pulse(self, actor: str) -> None: ...


def door_actor(match: CredentialMatch) -> str:
    """How the door supervisor's own events name the resident who opened it."""
    return f"resident:{match.resident_id}"


class DoorViewModel(QObject):
    phase_changed = Signal(str, int)  # phase, seconds left while open (else 0)
    failed = Signal()  # the unlock failed: nothing released, the failure is being logged
    opened = Signal()  # the door unlocked for the resident now signed in: time to confirm the pickup
    finished = Signal()  # countdown and thanks are over: time to return to the start

    def __init__(self, door: Door | None, doors: DoorService | None, runner: TaskRunner, scope: str,
                 thanks_seconds: float = 4.0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.door: Door | None = None
        self.doors: DoorService | None = None
        self.configure(door, doors)
        self._runner = runner
        self._scope = scope
        self.thanks_seconds = thanks_seconds
        self._phase = NONE
        self._seconds = 0
        self._match: CredentialMatch | None = None
        self._parcel_ids: tuple[int, ...] = ()
        self._session = 0  # changes at every arm/disarm: late results of an old session only get logged
        self._deadline = 0.0
        self._tick = QTimer(self)
        self._tick.setSingleShot(True)
        self._tick.timeout.connect(self._count_down)
        self._thanks = QTimer(self)
        self._thanks.setSingleShot(True)
        self._thanks.timeout.connect(self._thanked)

    def configure(self, door: Door | None, doors: DoorService | None) -> None:
        """Set the door and the service that records its use (needed with a door); next sign-in on."""
        if door is not None and doors is None:
            raise ValueError("a door needs a DoorService (doors=) to record who opened it")
        self.door, self.doors = door, doors

    @property
    def phase(self) -> str:
        return self._phase

    @property
    def seconds_left(self) -> int:
        return self._seconds

    def _set_phase(self, phase: str, seconds: int = 0) -> None:
        if (phase, seconds) != (self._phase, self._seconds):
            self._phase, self._seconds = phase, seconds
            self.phase_changed.emit(phase, seconds)

    # ------------------------------------------------------------------ session

    def arm(self, match: CredentialMatch, parcel_ids: Sequence[int]) -> None:
        """A resident signed in; ``parcel_ids`` are the parcels the screen shows as theirs to take."""
        self.disarm()
        if not parcel_ids:
            return
        self._match, self._parcel_ids = match, tuple(parcel_ids)
        self._set_phase(READY if self.door is not None else UNAVAILABLE)

    def disarm(self) -> None:
        """Forget the resident. An unlock already sent still gets its outcome recorded."""
        self._session += 1
        self._tick.stop()
        self._thanks.stop()
        self._match, self._parcel_ids = None, ()
        self._set_phase(NONE)

    # ------------------------------------------------------------------ opening

    def open(self) -> None:
        """The resident tapped "Open the door". Only the first tap of a session does anything."""
        door, doors, match = self.door, self.doors, self._match
        if self._phase != READY or door is None or doors is None or match is None:
            return
        parcel_ids, session, scope = self._parcel_ids, self._session, self._scope
        self._set_phase(OPENING)
        actor = door_actor(match)

        def unlocked(_result: object) -> None:
            # The door is open: record it whatever the screen does meanwhile.
            self._runner.submit_write(
                lambda: doors.log_unlocked(match, parcel_ids, scope=scope, pulse_seconds=door.pulse_seconds),
                self._recorded, self._record_failed)
            if session == self._session:
                self._start_countdown(door.pulse_seconds)
                self.opened.emit()

        def refused(exc: BaseException) -> None:
            log.warning("door did not unlock for resident %s: %s", match.resident_id, exc)
            error = str(exc) or type(exc).__name__
            self._runner.submit_write(
                lambda: doors.record_unlock_failed(match, parcel_ids, scope=scope, error=error),
                None, self._record_failed)
            if session == self._session:
                self.disarm()
                self.failed.emit()

        # Device I/O: on a reader thread, so a slow controller never holds up the database writer.
        self._runner.submit(lambda: door.unlock_pulse(actor), unlocked, refused)

    def _start_countdown(self, seconds: float) -> None:
        self._deadline = time.monotonic() + seconds
        self._count_down()

    def _count_down(self) -> None:
        left = self._deadline - time.monotonic()
        if left <= 0.001:
            self._set_phase(THANKS)
            self._thanks.start(max(0, int(self.thanks_seconds * 1000)))
            return
        whole = math.ceil(left)
        self._set_phase(OPEN, whole)
        # next change of the whole seconds shown (or the end)
        self._tick.start(max(1, math.ceil((left - (whole - 1)) * 1000)))

    def _thanked(self) -> None:
        if self._phase == THANKS:
            self.finished.emit()

    @staticmethod
    def _recorded(seq: int) -> None:
        log.info("door opening recorded as event #%s", seq)

    @staticmethod
    def _record_failed(exc: BaseException) -> None:
        log.error("could not record a door opening or failure in the event log: %s", exc)
