"""The device manager: opens every configured device, owns the drivers, reports their health.

One object the composition root builds from the ``devices.*`` settings. It

* opens the scanner, camera, label printer and door controller named by their URLs (an empty
  URL means "not installed", ``sim:`` a simulator), and never lets a device that fails to open
  stop the kiosk: the device shows as offline with a message staff can act on, and a
  background thread retries it with a growing delay;
* publishes one :class:`~hardware.base.DeviceStatus` per installed device (keyed by kind:
  ``"scanner"``, ``"camera"``, ``"printer"``, ``"door"``) to listeners, for the health bar;
* routes every scan (the scanner's, and the camera's decodes) to one ``on_scan`` callback,
  door events to ``on_door_event``, printed labels to ``on_label_printed`` and camera preview
  frames to frame listeners;
* prints labels through a :class:`~hardware.printer.queue.PrintQueue` and polls the printer,
  so a printer that comes back after an outage prints its waiting labels at once, once;
* commands the door locked on :meth:`DeviceManager.start` and :meth:`DeviceManager.stop`
  (through :class:`~hardware.door.supervisor.DoorSupervisor`).

Callbacks run on driver threads (or the manager's own); the UI adapts them to Qt signals.
Drivers that reconnect by themselves (HID and serial scanners, cameras, door controllers via
the supervisor's watchdog) do so; the manager retries only what failed to *open*, and polls
the printer. With ``poll_interval=None`` no thread runs and a test drives :meth:`tick` with
a fake ``clock``, as with the door supervisor.
"""

from __future__ import annotations

import dataclasses
import logging
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hardware.base import DeviceStatus, StatusListener, StatusPublisher
from hardware.door.base import DoorController
from hardware.door.factory import open_door
from hardware.door.supervisor import (
    DOOR_OFFLINE,
    DOOR_ONLINE,
    LOCKED,
    RELOCK_FAILED,
    RELOCKED,
    DoorEvent,
    DoorSupervisor,
)
from hardware.errors import DeviceUnavailable, DeviceUrlError, PrinterError
from hardware.printer.base import LabelPrinter
from hardware.printer.factory import open_printer
from hardware.printer.queue import PrintQueue, QueueStatus
from hardware.scanner.base import ScanEvent, Scanner
from hardware.scanner.factory import open_scanner
from hardware.scanner.wedge import KeyboardWedgeScanner, WedgeDecoder
from hardware.url import parse_device_url

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image

    from hardware.camera.source import FrameSource
    from hardware.camera.worker import CameraWorker

log = logging.getLogger(__name__)

SCANNER = "scanner"
CAMERA = "camera"
PRINTER = "printer"
DOOR = "door"
KINDS = (SCANNER, CAMERA, PRINTER, DOOR)

ScanCallback = Callable[[ScanEvent], None]
DoorEventCallback = Callable[[DoorEvent], None]
PrintedCallback = Callable[[str], None]
FrameCallback = Callable[["np.ndarray"], None]
#: How a device is built from its URL; tests replace these (see ``factories=``).
Factory = Callable[[str], Any]


def _open_camera_source(url: str) -> FrameSource:
    """The camera's frame source (OpenCV is loaded here, when a camera is configured, not at import)."""
    from hardware.camera.factory import open_camera

    return open_camera(url)


@dataclass(frozen=True)
class DeviceConfig:
    """The ``devices.*`` settings the manager needs; an empty URL means "not installed"."""

    scanner: str = ""
    camera: str = ""
    printer: str = ""
    label_width_dots: int = 576
    door: str = ""
    door_sensor: str = ""
    door_pulse_seconds: float = 5.0
    door_held_open_seconds: float = 60.0

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> DeviceConfig:
        """Read ``devices.scanner`` or ``scanner`` style keys; other keys are ignored, so
        the whole :class:`kiosk.config.Settings` may be passed."""
        found: dict[str, Any] = {}
        for spec in dataclasses.fields(cls):
            for key in (f"devices.{spec.name}", spec.name):
                if key in values:
                    found[spec.name] = values[key]
                    break
        config = cls(**found)
        return dataclasses.replace(
            config,
            scanner=str(config.scanner or "").strip(),
            camera=str(config.camera or "").strip(),
            printer=str(config.printer or "").strip(),
            door=str(config.door or "").strip(),
            door_sensor=str(config.door_sensor or "").strip(),
            label_width_dots=int(config.label_width_dots),
            door_pulse_seconds=float(config.door_pulse_seconds),
            door_held_open_seconds=float(config.door_held_open_seconds),
        )


def configure_label_width(printer: LabelPrinter, width_dots: int) -> None:
    """Give ``printer`` the configured label width unless its URL names one itself.

    ``devices.label_width_dots`` says what paper is loaded; a URL's ``width=`` or
    ``profile=`` is more specific and wins.
    """
    params = parse_device_url(printer.url).params
    if "width" not in params and "profile" not in params:
        printer.width_dots = width_dots


class SensorDoor(DoorController):
    """A lock on one controller and the door contact on another (``devices.door_sensor``)."""

    def __init__(self, lock: DoorController, sensor: DoorController) -> None:
        super().__init__(lock.url)
        self.lock = lock
        self.sensor = sensor

    @property
    def has_sensor(self) -> bool:
        return self.sensor.has_sensor

    def set_locked(self, locked: bool) -> None:
        self.lock.set_locked(locked)

    def pulse_native(self, seconds: float) -> bool:
        return self.lock.pulse_native(seconds)

    def read_sensor(self) -> bool | None:
        return self.sensor.read_sensor()

    def probe(self) -> None:
        self.lock.probe()
        self.sensor.probe()

    def close(self) -> None:
        try:
            self.lock.close()
        finally:
            self.sensor.close()


@dataclass
class _Slot:
    """One installed device: its URL, driver and health, and when to retry opening it."""

    kind: str
    url: str
    publisher: StatusPublisher
    driver: Any = None
    retry_at: float | None = None
    delay: float = 0.0
    unsubscribe: Callable[[], None] | None = None


_SETTING_HINT = {
    SCANNER: "devices.scanner", CAMERA: "devices.camera", PRINTER: "devices.printer", DOOR: "devices.door",
}
_ABSENT_HINT = {
    SCANNER: "check that the scanner is plugged in",
    CAMERA: "check that the camera is plugged in",
    PRINTER: "check that the printer is on and connected",
    DOOR: "check that the door controller is plugged in and powered",
}


class DeviceManager:
    """Opens, supervises and reconnects the kiosk's devices; see the module docstring.

    ``config`` is a :class:`DeviceConfig` or a mapping of the ``devices.*`` settings.
    ``factories`` replaces how a device is built from its URL, per kind: ``"scanner"``
    (→ :class:`Scanner`), ``"camera"`` (→ :class:`FrameSource`), ``"printer"``
    (→ :class:`LabelPrinter`), ``"door"`` (→ :class:`DoorController`). Failed opens are
    retried after ``retry_initial`` seconds, doubling up to ``retry_max``; a connected
    printer is polled every ``health_interval`` seconds. ``camera_scans=False`` keeps the
    camera to preview frames only.
    """

    def __init__(
        self,
        config: DeviceConfig | Mapping[str, Any],
        *,
        on_scan: ScanCallback | None = None,
        on_door_event: DoorEventCallback | None = None,
        on_label_printed: PrintedCallback | None = None,
        on_frame: FrameCallback | None = None,
        factories: Mapping[str, Factory] | None = None,
        clock: Callable[[], float] = time.monotonic,
        poll_interval: float | None = 0.5,
        retry_initial: float = 1.0,
        retry_max: float = 60.0,
        health_interval: float = 15.0,
        print_retry_initial: float = 1.0,
        print_retry_max: float = 30.0,
        print_drain_seconds: float = 2.0,
        camera_scans: bool = True,
        camera_fps: float = 15.0,
    ) -> None:
        self.config = config if isinstance(config, DeviceConfig) else DeviceConfig.from_mapping(config)
        self._on_scan = on_scan
        self._on_door_event = on_door_event
        self._on_label_printed = on_label_printed
        self._factories: dict[str, Factory] = {
            SCANNER: self._default_scanner,
            CAMERA: _open_camera_source,
            PRINTER: open_printer,
            DOOR: open_door,
            **(factories or {}),
        }
        self._clock = clock
        self._poll_interval = poll_interval
        self._retry_initial = retry_initial
        self._retry_max = retry_max
        self._health_interval = health_interval
        self._print_retry_initial = print_retry_initial
        self._print_retry_max = print_retry_max
        self._print_drain_seconds = print_drain_seconds
        self._camera_scans = camera_scans
        self._camera_fps = camera_fps

        self._lock = threading.RLock()  # slots and device references
        self._tick_lock = threading.RLock()  # one tick (or start/stop) at a time
        self._listeners: list[StatusListener] = []
        self._frame_listeners: list[FrameCallback] = [on_frame] if on_frame is not None else []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._running = False
        self._slots: dict[str, _Slot] = {}

        self._queue: PrintQueue | None = None
        self._printer_health: DeviceStatus | None = None
        self._next_health = 0.0
        self._health_delay = retry_initial
        self._door_problem = ""  # why the controller is offline (the last door_offline detail)
        self._door_fault = ""  # why locking fails while the controller answers
        self.unprinted: list[str] = []  # labels left in the queue by the last stop()

    # -- life cycle ----------------------------------------------------------------------------

    def start(self, *, open_later: Mapping[str, float] | None = None) -> None:
        """Open every configured device, lock the door, start the reconnect thread.

        Never raises for a device fault. May block for a device's own timeouts (the door
        controller is commanded locked here, so the kiosk never starts with it open).
        ``open_later`` maps kinds to seconds: those devices are opened that much later by the
        reconnect thread instead (the kiosk paints its first screen before loading OpenCV for
        the camera).
        """
        later = dict(open_later or {})
        with self._tick_lock:
            with self._lock:
                if self._running:
                    return
                self._running = True
                self._stop.clear()
                self._slots = {}
                for kind in KINDS:
                    url = self._url(kind)
                    if kind == SCANNER and url == self.config.camera and _is_camera_url(url):
                        continue  # the camera slot's worker reads the barcodes too
                    if url:
                        initial = DeviceStatus.offline(kind, url, "starting")
                        slot = _Slot(kind, url, StatusPublisher(initial), delay=self._retry_initial)
                        slot.publisher.add_listener(self._forward)
                        self._slots[kind] = slot
                slots = list(self._slots.values())
            for slot in slots:
                self._notify(slot.publisher.status)
                if slot.kind in later:
                    slot.retry_at = self._clock() + later[slot.kind]
                else:
                    self._open(slot)
        if self._poll_interval is not None:
            self._thread = threading.Thread(target=self._run, name="device-manager", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """Lock the door, let waiting labels print briefly, release every device. Idempotent."""
        with self._lock:
            if not self._running:
                return
            self._running = False
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=10)
        with self._tick_lock:
            door = self.door
            if door is not None:
                door.stop()  # commands the door locked, then closes the controller
            queue, self._queue = self._queue, None
            if queue is not None:
                self.unprinted = queue.close(self._print_drain_seconds)
            for slot in self._slots.values():
                self._close_driver(slot)
                slot.publisher.publish(DeviceStatus.offline(slot.kind, slot.url, "stopped"))

    # -- what the kiosk uses ----------------------------------------------------------------

    def add_listener(self, listener: StatusListener) -> Callable[[], None]:
        """Call ``listener(DeviceStatus)`` on every status change; returns an unsubscribe."""
        with self._lock:
            self._listeners.append(listener)

        def remove() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return remove

    def add_frame_listener(self, listener: FrameCallback) -> Callable[[], None]:
        """Call ``listener(frame)`` with each camera preview frame (BGR, read-only)."""
        with self._lock:
            self._frame_listeners.append(listener)

        def remove() -> None:
            with self._lock:
                if listener in self._frame_listeners:
                    self._frame_listeners.remove(listener)

        return remove

    def statuses(self) -> dict[str, DeviceStatus]:
        """The latest status of every installed device, keyed by kind."""
        with self._lock:
            return {kind: slot.publisher.status for kind, slot in self._slots.items()}

    @property
    def running(self) -> bool:
        return self._running

    @property
    def scanner(self) -> Scanner | None:
        """The scanner driver while it is open. A scanner URL equal to ``devices.camera``
        opens no second device: the camera slot reads the barcodes (see :attr:`camera`)."""
        driver = self._driver(SCANNER)
        return driver if isinstance(driver, Scanner) else None

    @property
    def wedge_decoder(self) -> WedgeDecoder | None:
        """The decoder the UI's key-event filter feeds, when the scanner is ``keyboard:``."""
        scanner = self.scanner
        return scanner.decoder if isinstance(scanner, KeyboardWedgeScanner) else None

    @property
    def camera(self) -> CameraWorker | None:
        """The running camera worker (preview frames, ``grab_and_decode``), or None."""
        cameras = sys.modules.get("hardware.camera.scanner")  # not loaded: no camera was ever opened
        for kind in (CAMERA, SCANNER):
            driver = self._driver(kind)
            if cameras is not None and isinstance(driver, cameras.CameraScanner) and driver.worker is not None:
                return driver.worker
        return None

    @property
    def printer(self) -> LabelPrinter | None:
        driver = self._driver(PRINTER)
        return driver if isinstance(driver, LabelPrinter) else None

    @property
    def print_queue(self) -> PrintQueue | None:
        return self._queue

    @property
    def label_width_dots(self) -> int:
        """The width to render labels at: the printer's, else the configured one."""
        printer = self.printer
        return printer.width_dots if printer is not None else self.config.label_width_dots

    @property
    def door(self) -> DoorSupervisor | None:
        """The door supervisor (``unlock_pulse(actor)``, ``state``), or None if there is no door
        or its controller could not be opened yet."""
        driver = self._driver(DOOR)
        return driver if isinstance(driver, DoorSupervisor) else None

    def print_label(self, job_id: str, image: Image.Image) -> None:
        """Queue a label; it prints once, in order, surviving printer outages.

        Raises :class:`~hardware.errors.PrinterError` when no printer is installed or the
        label can never print (too wide), :class:`~hardware.errors.DeviceUnavailable` when
        the printer could not be opened at all.
        """
        queue = self._queue
        if queue is None:
            slot = self._slots.get(PRINTER)
            if slot is None:
                raise PrinterError("no label printer is configured (devices.printer)")
            raise DeviceUnavailable(f"the label printer is not available: {slot.publisher.status.detail}")
        queue.submit(job_id, image)

    def submit_scan(self, event: ScanEvent) -> None:
        """Deliver a scan decoded elsewhere (the UI's keyboard-wedge filter) like any other."""
        self._dispatch_scan(event)

    # -- the reconnect thread ------------------------------------------------------------------

    def _run(self) -> None:
        interval = self._poll_interval if self._poll_interval is not None else 0.5
        while not self._stop.wait(interval):
            try:
                self.tick()
            except Exception:  # the reconnect loop must survive anything
                log.exception("device manager tick failed")

    def tick(self) -> None:
        """One round: retry devices that failed to open, poll the printer, refresh the door."""
        with self._tick_lock:
            if not self._running:
                return
            now = self._clock()
            for slot in list(self._slots.values()):
                if slot.retry_at is not None and now >= slot.retry_at:
                    self._open(slot)
            self._check_printer(self._clock())
            door = self.door
            if door is not None:
                if self._poll_interval is None:
                    door.tick()  # no monitor thread of its own: the owner drives it
                self._publish_door()

    # -- opening -------------------------------------------------------------------------------

    def _open(self, slot: _Slot) -> None:
        slot.retry_at = None
        try:
            {SCANNER: self._open_scanner, CAMERA: self._open_camera, PRINTER: self._open_printer,
             DOOR: self._open_door}[slot.kind](slot)
        except DeviceUrlError as exc:
            # Retrying cannot fix a typo: say which setting to change, and stop trying.
            log.error("%s %s: %s", slot.kind, slot.url, exc)
            slot.publisher.publish(DeviceStatus.error(
                slot.kind, slot.url, f"{exc}; fix {_SETTING_HINT[slot.kind]} in the configuration"))
        except Exception as exc:
            if not isinstance(exc, (DeviceUnavailable, OSError)):
                log.warning("%s %s failed to open", slot.kind, slot.url, exc_info=True)
            delay = slot.delay
            slot.retry_at = self._clock() + delay
            slot.delay = min(delay * 2, self._retry_max)
            detail = str(exc) or type(exc).__name__
            slot.publisher.publish(DeviceStatus.offline(
                slot.kind, slot.url, f"{detail}; {_ABSENT_HINT[slot.kind]} (retrying in {delay:g} s)"))
        else:
            slot.delay = self._retry_initial
            log.info("%s %s opened", slot.kind, slot.url)

    def _open_scanner(self, slot: _Slot) -> None:
        scanner: Scanner = self._factories[SCANNER](slot.url)
        self._attach_scanner(slot, scanner, self._dispatch_scan)

    def _open_camera(self, slot: _Slot) -> None:
        from hardware.camera.scanner import CameraScanner

        source: FrameSource = self._factories[CAMERA](slot.url)
        scanner = CameraScanner(slot.url, source, on_frame=self._dispatch_frame, fps_cap=self._camera_fps)
        scans = self._camera_scans or (self._url(SCANNER) == slot.url and _is_camera_url(slot.url))
        self._attach_scanner(slot, scanner, self._dispatch_scan if scans else _ignore_scan)

    def _attach_scanner(self, slot: _Slot, scanner: Scanner, on_scan: ScanCallback) -> None:
        def forward(status: DeviceStatus) -> None:
            slot.publisher.publish(dataclasses.replace(status, kind=slot.kind))

        unsubscribe = scanner.add_status_listener(forward)
        try:
            scanner.start(on_scan)
        except Exception:
            unsubscribe()
            _quietly(scanner.stop)
            raise
        with self._lock:
            slot.driver = scanner
            slot.unsubscribe = unsubscribe
        forward(scanner.status)

    def _default_scanner(self, url: str) -> Scanner:
        return open_scanner(url, camera_factory=self._camera_scanner)

    def _camera_scanner(self, url: str, **kw: Any) -> Scanner:
        if not self.config.camera:
            kw.setdefault("on_frame", self._dispatch_frame)  # the only camera: it is the preview
        kw.setdefault("fps_cap", self._camera_fps)
        from hardware.camera.scanner import camera_scanner

        return camera_scanner(url, **kw)

    def _open_printer(self, slot: _Slot) -> None:
        printer: LabelPrinter = self._factories[PRINTER](slot.url)
        configure_label_width(printer, self.config.label_width_dots)
        queue = PrintQueue(printer, self._queue_status, self._printed,
                           retry_initial=self._print_retry_initial, retry_max=self._print_retry_max)
        with self._lock:
            slot.driver = printer
            self._queue = queue
            self._printer_health = None
            self._health_delay = self._retry_initial
            self._next_health = self._clock()  # ask it how it is on the next tick
        slot.publisher.publish(DeviceStatus.offline(PRINTER, slot.url, "checking the printer"))

    def _open_door(self, slot: _Slot) -> None:
        controller: DoorController = self._factories[DOOR](slot.url)
        sensor_url = self.config.door_sensor
        if sensor_url:
            try:
                sensor: DoorController = self._factories[DOOR](sensor_url)
            except Exception:
                _quietly(controller.close)
                raise
            controller = SensorDoor(controller, sensor)
        supervisor = DoorSupervisor(
            controller,
            self.config.door_pulse_seconds,
            self.config.door_held_open_seconds,
            on_event=self._door_event,
            clock=self._clock,
            poll_interval=None if self._poll_interval is None else 0.25,
        )
        with self._lock:
            slot.driver = supervisor
            self._door_problem = self._door_fault = ""
        supervisor.start()  # commands the door locked; an offline controller is retried
        self._publish_door()

    def _close_driver(self, slot: _Slot) -> None:
        with self._lock:
            driver, slot.driver = slot.driver, None
            unsubscribe, slot.unsubscribe = slot.unsubscribe, None
            slot.retry_at = None
        if isinstance(driver, Scanner):
            _quietly(driver.stop)
        elif isinstance(driver, LabelPrinter):
            _quietly(driver.close)
        if unsubscribe is not None:
            unsubscribe()

    # -- printer health ------------------------------------------------------------------------

    def _check_printer(self, now: float) -> None:
        printer, queue = self.printer, self._queue
        if printer is None or queue is None or now < self._next_health:
            return
        health = printer.device_status()  # may wait for the printer's timeouts: our thread
        ready = health.online
        with self._lock:
            self._printer_health = health
            if ready:
                self._health_delay = self._retry_initial
                self._next_health = now + self._health_interval
            else:
                self._next_health = now + self._health_delay
                self._health_delay = min(self._health_delay * 2, self._retry_max)
        if ready and queue.status.paused:
            log.info("printer %s is back; printing the %d waiting label(s)", printer.url, queue.status.waiting)
            queue.resume_now()
        self._publish_printer()

    def _queue_status(self, status: QueueStatus) -> None:
        if status.paused:
            with self._lock:
                # Ask the printer soon, so it is resumed as soon as it answers again.
                self._next_health = min(self._next_health, self._clock() + self._health_delay)
        self._publish_printer(status)

    def _publish_printer(self, queue_status: QueueStatus | None = None) -> None:
        slot = self._slots.get(PRINTER)
        queue = self._queue
        if slot is None or queue is None:
            return
        q = queue_status if queue_status is not None else queue.status
        if q.state == "closed":
            return
        health = self._printer_health
        extra = dict(health.extra) if health is not None else {}
        extra["waiting"] = str(q.waiting)
        if q.paused and q.problem == "paper_out":
            status = DeviceStatus.error(PRINTER, slot.url, "out of paper: load a new roll",
                                        **{**extra, "paper": "out"})
        elif q.paused and q.problem == "offline":
            status = DeviceStatus.offline(PRINTER, slot.url, f"{q.reason}; labels are kept and print "
                                          "when it is back", **extra)
        elif q.paused:
            status = DeviceStatus.error(PRINTER, slot.url, q.reason, **extra)
        elif health is None:
            status = DeviceStatus.offline(PRINTER, slot.url, "checking the printer", **extra)
        else:
            status = dataclasses.replace(health, extra=extra)
        slot.publisher.publish(status)

    def _printed(self, job_id: str) -> None:
        if self._on_label_printed is not None:
            _call(self._on_label_printed, job_id)

    # -- door ----------------------------------------------------------------------------------

    def _door_event(self, event: DoorEvent) -> None:
        with self._lock:
            if event.kind == DOOR_OFFLINE:
                self._door_problem = event.detail
            elif event.kind == DOOR_ONLINE:
                self._door_problem = ""
            elif event.kind == RELOCK_FAILED:
                self._door_fault = event.detail.removesuffix("; retrying")
            elif event.kind in (LOCKED, RELOCKED):
                self._door_fault = ""
        if self._on_door_event is not None:
            _call(self._on_door_event, event)
        self._publish_door()

    def _publish_door(self) -> None:
        slot = self._slots.get(DOOR)
        door = self.door
        if slot is None or door is None:
            return
        status = door.status
        if not status.online and self._door_problem:
            status = dataclasses.replace(status, detail=f"controller offline: {self._door_problem}")
        elif status.online and self._door_fault:
            status = DeviceStatus.error(DOOR, status.url, f"cannot lock: {self._door_fault}", **status.extra)
        slot.publisher.publish(status)

    # -- plumbing ------------------------------------------------------------------------------

    def _url(self, kind: str) -> str:
        return str(getattr(self.config, kind))

    def _driver(self, kind: str) -> Any:
        with self._lock:
            slot = self._slots.get(kind)
            return slot.driver if slot is not None else None

    def _forward(self, status: DeviceStatus) -> None:
        self._notify(status)

    def _notify(self, status: DeviceStatus) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            _call(listener, status)

    def _dispatch_scan(self, event: ScanEvent) -> None:
        if self._on_scan is not None:
            _call(self._on_scan, event)

    def _dispatch_frame(self, frame: np.ndarray) -> None:
        with self._lock:
            listeners = list(self._frame_listeners)
        for listener in listeners:
            _call(listener, frame)


def _ignore_scan(event: ScanEvent) -> None:
    log.debug("camera read %r (camera scans are off)", event.text)


def _call(callback: Callable[..., None], *args: object) -> None:
    try:
        callback(*args)
    except Exception:
        log.exception("device callback %r failed", callback)


def _quietly(action: Callable[[], object]) -> None:
    try:
        action()
    except Exception:
        log.debug("cleaning up a device failed", exc_info=True)


def _is_camera_url(url: str) -> bool:
    """Whether a scanner URL equal to the camera's means "read barcodes with the camera". The bare default
    ``sim:`` does not: with it, every kind gets a simulator of its own."""
    return bool(url) and url != "sim:"
