"""The door supervisor: the one place that decides when the package-room door is unlocked.

Rules it enforces whatever the driver:

* the door is commanded *locked* on start and on shutdown;
* :meth:`DoorSupervisor.unlock_pulse` unlocks at once and a timer thread *always* ends the
  pulse with an explicit lock, even when the device has its own pulse timer;
* a watchdog relocks if a pulse outlives its time (timer late or dead) and retries a failed
  lock with growing delays, raising an alarm event until the lock gets through;
* with a door contact it reports ``door_opened`` / ``door_closed``, ``forced_open`` (opened
  with no pulse) and ``held_open`` (open longer than ``held_open_seconds``);
* an unreachable controller gives ``door_offline`` and makes ``unlock_pulse`` raise
  :class:`DoorError` with a message staff can act on.

Events go to one plain callback, on whichever thread noticed them (the caller's for
``unlock_pulse``, the timer's, or the monitor's); the UI adapts it to a Qt signal.
Timestamps come from ``clock`` so tests can drive held-open and watchdog logic with a fake
clock and :meth:`DoorSupervisor.tick` instead of the monitor thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from hardware.base import DeviceStatus
from hardware.door.base import DoorController, DoorState
from hardware.errors import DeviceError, DeviceUnavailable, DoorError

log = logging.getLogger(__name__)

# Event kinds.
LOCKED = "locked"
UNLOCKED = "unlocked"
DOOR_OPENED = "door_opened"
DOOR_CLOSED = "door_closed"
HELD_OPEN = "held_open"
FORCED_OPEN = "forced_open"
DOOR_OFFLINE = "door_offline"
DOOR_ONLINE = "door_online"
RELOCK_FAILED = "relock_failed"
RELOCKED = "relocked"
WATCHDOG_RELOCK = "watchdog_relock"

#: Kinds that need a person's attention (the UI sounds an alarm and logs them).
ALARM_KINDS = frozenset({HELD_OPEN, FORCED_OPEN, DOOR_OFFLINE, RELOCK_FAILED, WATCHDOG_RELOCK})

SYSTEM = "system"


@dataclass(frozen=True)
class DoorEvent:
    """Something that happened at the door. ``at`` is in the supervisor's clock."""

    kind: str
    at: float
    actor: str | None = None
    detail: str = ""

    @property
    def alarm(self) -> bool:
        return self.kind in ALARM_KINDS


DoorEventCallback = Callable[[DoorEvent], None]


class DoorSupervisor:
    """Drives one :class:`DoorController` safely; see the module docstring for the rules.

    ``poll_interval`` is how often (seconds) the monitor thread polls the door contact and
    runs the watchdog; None runs no thread, and the owner (a test) calls :meth:`tick`.
    Controllers without a contact are probed every ``probe_interval`` seconds instead, so a
    vanished controller still shows as offline. ``open_grace`` is how long after a pulse
    ends an opening still counts as authorised (the strike may release late);
    ``watchdog_grace`` how late the pulse timer may be before the watchdog steps in.
    """

    def __init__(
        self,
        controller: DoorController,
        pulse_seconds: float = 3.0,
        held_open_seconds: float = 30.0,
        on_event: DoorEventCallback | None = None,
        clock: Callable[[], float] = time.monotonic,
        *,
        poll_interval: float | None = 0.25,
        probe_interval: float = 5.0,
        retry_initial: float = 0.25,
        retry_max: float = 5.0,
        watchdog_grace: float = 1.0,
        open_grace: float = 1.0,
        prefer_native: bool = True,
    ) -> None:
        if pulse_seconds <= 0:
            raise ValueError("pulse_seconds must be positive")
        self.controller = controller
        self.pulse_seconds = pulse_seconds
        self.held_open_seconds = held_open_seconds
        self._on_event = on_event
        self._clock = clock
        self._poll_interval = poll_interval
        self._probe_interval = probe_interval
        self._retry_initial = retry_initial
        self._retry_max = retry_max
        self._watchdog_grace = watchdog_grace
        self._open_grace = open_grace
        self._prefer_native = prefer_native

        # Lock order: _io (controller calls) before _state. Events are emitted with neither.
        self._io = threading.Lock()
        self._state = threading.RLock()
        self._stop = threading.Event()
        self._monitor: threading.Thread | None = None
        self._running = False

        self._pulse_gen = 0
        self._pulse_actor: str | None = None
        self._pulse_deadline: float | None = None  # clock time the running pulse should end
        self._last_pulse_end: float | None = None  # for the open_grace window
        self._unlocked = False
        self._relock_pending = False
        self._relock_failures = 0
        self._retry_delay = retry_initial
        self._next_retry = 0.0
        self._offline = False
        self._next_probe = 0.0

        self._door_open: bool | None = None
        self._opened_at = 0.0
        self._open_actor: str | None = None
        self._forced = False
        self._held_reported = False

    # -- public API ----------------------------------------------------------------------

    @property
    def has_sensor(self) -> bool:
        return self.controller.has_sensor

    @property
    def state(self) -> DoorState:
        with self._state:
            if self._offline:
                return DoorState.OFFLINE
            if self._door_open:
                if self._forced:
                    return DoorState.FORCED_OPEN
                if self._held_reported:
                    return DoorState.HELD_OPEN
                return DoorState.OPEN
            return DoorState.UNLOCKED if self._unlocked else DoorState.LOCKED

    @property
    def status(self) -> DeviceStatus:
        """A health snapshot for the device bar ("door sensor absent" shown from ``extra``)."""
        state = self.state
        extra = {"door": state.value, "sensor": "present" if self.has_sensor else "absent"}
        if state is DoorState.OFFLINE:
            return DeviceStatus.offline("door", self.controller.url, "controller offline", **extra)
        return DeviceStatus.connected("door", self.controller.url, state.value, **extra)

    def start(self) -> None:
        """Command the door locked and begin monitoring. Never raises for a device fault:
        an unreachable controller gives ``door_offline`` and the watchdog keeps retrying."""
        with self._state:
            if self._running:
                return
            self._running = True
            self._stop.clear()
            self._relock_pending = True
        self._relock(SYSTEM, "start-up", gen=None)
        if self.has_sensor:
            self._poll_sensor()
        if self._poll_interval is not None:
            self._monitor = threading.Thread(target=self._monitor_loop, name="door-monitor",
                                             daemon=True)
            self._monitor.start()

    def stop(self, *, close_controller: bool = True, attempts: int = 3) -> None:
        """Stop monitoring and command the door locked (a few quick tries), then close."""
        with self._state:
            if not self._running:
                return
            self._running = False
            self._pulse_gen += 1  # any pulse timer still sleeping ends without acting
        self._stop.set()
        monitor, self._monitor = self._monitor, None
        if monitor is not None and monitor is not threading.current_thread():
            monitor.join(timeout=5)
        for attempt in range(attempts):
            with self._state:
                self._relock_pending = True
            if self._relock(SYSTEM, "shutdown", gen=None):
                break
            if attempt + 1 < attempts:
                time.sleep(min(self._retry_initial, 0.5))
        if close_controller:
            try:
                self.controller.close()
            except DeviceError as exc:
                log.warning("closing door controller: %s", exc)

    def unlock_pulse(self, actor: str) -> None:
        """Unlock now for ``pulse_seconds``; the lock that ends the pulse is guaranteed.

        Raises :class:`DoorError` if the controller is offline or refuses; the door is then
        treated as possibly unlocked and the watchdog keeps commanding it locked.
        """
        events: list[DoorEvent] = []
        failure: DeviceError | None = None
        native = False
        with self._io:
            with self._state:
                if not self._running:
                    raise DoorError("The door is not under supervision (not started or stopped).")
                self._pulse_gen += 1
                gen = self._pulse_gen
            try:
                native = self._prefer_native and self.controller.pulse_native(self.pulse_seconds)
                if not native:
                    self.controller.set_locked(False)
            except Exception as exc:
                failure = _as_device_error(exc)
            now = self._clock()
            with self._state:
                self._unlocked = True
                if failure is not None:
                    # We cannot know whether the strike moved: have the watchdog lock it.
                    self._pulse_deadline = now
                    self._relock_pending = True
                    self._next_retry = now
                    if isinstance(failure, DeviceUnavailable):
                        self._note_unreachable(events, failure)
                else:
                    self._mark_online(events, now)
                    self._relock_pending = False
                    self._pulse_actor = actor
                    self._pulse_deadline = now + self.pulse_seconds
                    how = " (device timer)" if native else ""
                    events.append(
                        DoorEvent(UNLOCKED, now, actor, f"{self.pulse_seconds:g} s pulse{how}")
                    )
        self._emit(events)
        if isinstance(failure, DeviceUnavailable):
            raise DoorError(
                f"The door cannot be opened: its controller is offline ({failure})."
            ) from failure
        if failure is not None:
            raise DoorError(f"The door did not open: {failure}") from failure
        timer = threading.Thread(target=self._pulse_timer, args=(gen,), name="door-pulse",
                                 daemon=True)
        timer.start()

    def tick(self) -> None:
        """One round of the watchdog, lock retries and sensor/health polling."""
        events: list[DoorEvent] = []
        now = self._clock()
        with self._state:
            overdue = (
                self._unlocked
                and not self._relock_pending
                and self._pulse_deadline is not None
                and now > self._pulse_deadline + self._watchdog_grace
            )
            retry_due = self._relock_pending and now >= self._next_retry
            if overdue:
                events.append(DoorEvent(WATCHDOG_RELOCK, now, SYSTEM,
                                        "the pulse outlived its time; relocking"))
                self._relock_pending = True
        self._emit(events)
        if overdue or retry_due:
            self._relock(SYSTEM, "watchdog" if overdue else "retry", gen=None)
        if self.has_sensor:
            self._poll_sensor()
        elif now >= self._next_probe:
            self._next_probe = now + self._probe_interval
            self._probe()

    # -- internals ------------------------------------------------------------------------

    def _monitor_loop(self) -> None:
        interval = self._poll_interval if self._poll_interval is not None else 0.25
        while not self._stop.wait(interval):
            try:
                self.tick()
            except Exception:  # the watchdog must survive anything
                log.exception("door monitor tick failed")

    def _pulse_timer(self, gen: int) -> None:
        if self._stop.wait(self.pulse_seconds):
            return  # shutting down: stop() locks
        try:
            self._relock(SYSTEM, "end of pulse", gen=gen)
        except Exception:  # leave the door to the watchdog rather than die silently
            log.exception("pulse timer failed; the watchdog will relock")
            with self._state:
                self._relock_pending = True

    def _relock(self, actor: str, reason: str, gen: int | None) -> bool:
        """Command locked. With ``gen``, only if no newer pulse started (atomic with it)."""
        events: list[DoorEvent] = []
        failure: DeviceError | None = None
        with self._io:
            with self._state:
                if gen is not None and gen != self._pulse_gen:
                    return True  # a newer pulse extended this one; its timer will lock
                self._relock_pending = True
            try:
                self.controller.set_locked(True)
            except Exception as exc:  # whatever went wrong, the lock must be retried
                failure = _as_device_error(exc)
            now = self._clock()
            with self._state:
                if failure is not None:
                    self._schedule_retry(events, failure)
                else:
                    self._mark_online(events, now)
                    failures = self._relock_failures
                    self._relock_failures = 0
                    self._retry_delay = self._retry_initial
                    self._relock_pending = False
                    if self._unlocked:
                        self._last_pulse_end = now
                    self._unlocked = False
                    self._pulse_deadline = None
                    if failures:
                        detail = f"locked after {failures} failed attempt{'s' * (failures > 1)}"
                        events.append(DoorEvent(RELOCKED, now, actor, detail))
                    else:
                        events.append(DoorEvent(LOCKED, now, actor, reason))
        if failure is not None:
            log.warning("door lock failed (%s): %s", reason, failure)
        self._emit(events)
        return failure is None

    def _schedule_retry(self, events: list[DoorEvent], exc: DeviceError) -> None:
        """Record a failed lock (state lock held): alarm once, retry with a growing delay."""
        now = self._clock()
        self._relock_pending = True
        self._relock_failures += 1
        self._next_retry = now + self._retry_delay
        self._retry_delay = min(self._retry_delay * 2, self._retry_max)
        if isinstance(exc, DeviceUnavailable):
            self._note_unreachable(events, exc)
        if self._relock_failures == 1:
            events.append(DoorEvent(RELOCK_FAILED, now, None, f"{exc}; retrying"))

    def _mark_online(self, events: list[DoorEvent], now: float) -> None:
        if self._offline:
            self._offline = False
            events.append(DoorEvent(DOOR_ONLINE, now, None, "controller answers again"))

    def _probe(self) -> None:
        events: list[DoorEvent] = []
        with self._io:
            try:
                self.controller.probe()
            except DeviceError as exc:
                self._note_unreachable(events, exc)
            else:
                with self._state:
                    self._mark_online(events, self._clock())
        self._emit(events)

    def _poll_sensor(self) -> None:
        events: list[DoorEvent] = []
        with self._io:
            try:
                is_open = self.controller.read_sensor()
            except DeviceError as exc:
                self._note_unreachable(events, exc)
                is_open = None
            else:
                with self._state:
                    now = self._clock()
                    self._mark_online(events, now)
                    if is_open is not None:
                        self._sensor_changed(events, is_open, now)
        self._emit(events)

    def _note_unreachable(self, events: list[DoorEvent], exc: DeviceError) -> None:
        with self._state:
            if not self._offline:
                self._offline = True
                events.append(DoorEvent(DOOR_OFFLINE, self._clock(), None, str(exc)))

    def _sensor_changed(self, events: list[DoorEvent], is_open: bool, now: float) -> None:
        """Turn a contact reading into events (state lock held)."""
        previous = self._door_open
        self._door_open = is_open
        if is_open and not previous:
            self._opened_at = now
            self._held_reported = False
            if previous is None:
                # Already open when monitoring began: report it, but nobody to blame.
                self._forced = False
                self._open_actor = None
                events.append(DoorEvent(DOOR_OPENED, now, None, "open when monitoring began"))
                return
            authorised = self._unlocked or (
                self._last_pulse_end is not None and now <= self._last_pulse_end + self._open_grace
            )
            self._forced = not authorised
            self._open_actor = self._pulse_actor if authorised else None
            events.append(DoorEvent(DOOR_OPENED, now, self._open_actor))
            if self._forced:
                events.append(DoorEvent(FORCED_OPEN, now, None, "opened without an unlock"))
        elif is_open:
            if not self._held_reported and now - self._opened_at > self.held_open_seconds:
                self._held_reported = True
                events.append(DoorEvent(HELD_OPEN, now, self._open_actor,
                                        f"open for more than {self.held_open_seconds:g} s"))
        elif previous:
            self._forced = False
            self._held_reported = False
            events.append(DoorEvent(DOOR_CLOSED, now, self._open_actor,
                                    f"was open {now - self._opened_at:.1f} s"))
            self._open_actor = None

    def _emit(self, events: list[DoorEvent]) -> None:
        for event in events:
            log.log(logging.WARNING if event.alarm else logging.INFO, "door %s: %s %s %s",
                    self.controller.url, event.kind, event.actor or "", event.detail)
            if self._on_event is None:
                continue
            try:
                self._on_event(event)
            except Exception:
                log.exception("door event callback failed for %r", event)


def _as_device_error(exc: Exception) -> DeviceError:
    """Treat any driver failure as a device fault, so the safety paths handle it alike."""
    if isinstance(exc, DeviceError):
        return exc
    log.error("door controller raised %r", exc, exc_info=exc)
    error = DeviceError(f"unexpected {type(exc).__name__}: {exc}")
    error.__cause__ = exc
    return error
