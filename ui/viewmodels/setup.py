"""The first-run set-up wizard's view-model: every slow step runs on the task runner.

The view asks (test a device, find devices, send a test message, preview a CSV, finish) and
hears back through one signal per answer; nothing here blocks the GUI thread. The work itself
is :class:`kiosk.firstrun.FirstRunSetup` and :mod:`hardware.probe`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from hardware.probe import ProbeOptions, exercise
from kiosk.firstrun import FirstRunSetup, SetupAnswers, SetupError, SetupResult, check_pin
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Found:
    """A device ``packroom devices list`` recognised, offered for one setting."""

    kind: str  # scanner, printer, door, camera
    url: str
    what: str


def detect_devices() -> list[Found]:
    """What is plugged in and recognised (USB and serial), as settings to offer."""
    from hardware.cli import USB_BACKEND, list_serial, list_usb
    from hardware.errors import DeviceUnavailable

    found = []
    try:
        devices = list_usb(USB_BACKEND)
    except DeviceUnavailable as exc:
        log.info("USB devices not listed: %s", exc)
        devices = []
    for device in [*devices, *list_serial()]:
        suggestion = device.suggestion
        if suggestion is not None and suggestion.url and suggestion.setting.startswith("devices."):
            found.append(Found(suggestion.setting.removeprefix("devices."), suggestion.url,
                               f"{device.address} {suggestion.what}"))
    return found


def _message(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


class SetupViewModel(QObject):
    """Signals: ``device_tested(kind, ok, text)``, ``devices_found(list[Found])``,
    ``notice_tested(channel, ok, text)``, ``residents_previewed(ok, text)``,
    ``completed(SetupResult)``, ``failed(text)`` and ``busy_changed(bool)``."""

    device_tested = Signal(str, bool, str)
    devices_found = Signal(object)
    notice_tested = Signal(str, bool, str)
    residents_previewed = Signal(bool, str)
    completed = Signal(object)
    failed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, setup: FirstRunSetup, runner: TaskRunner, *, device_timeout: float = 10.0,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._setup = setup
        self._runner = runner
        self._device_timeout = device_timeout
        self._finishing = False

    @property
    def config_path(self) -> Path:
        return self._setup.config_path

    # -- checks the view makes before moving on (instant, on the GUI thread) -------------------

    @staticmethod
    def pin_problem(pin: str, confirmation: str) -> str:
        """Why the PIN cannot be used, or "" if it can."""
        try:
            check_pin(pin, confirmation)
        except SetupError as exc:
            return str(exc)
        return ""

    # -- slow work -----------------------------------------------------------------------------

    def test_device(self, kind: str, url: str, property_name: str = "") -> None:
        options = ProbeOptions(timeout=self._device_timeout, property_name=property_name or "Packroom",
                               pulse_seconds=1.0)
        self._runner.submit(lambda: exercise(kind, url, options),
                            lambda text: self.device_tested.emit(kind, True, str(text)),
                            lambda exc: self.device_tested.emit(kind, False, _message(exc)))

    def find_devices(self) -> None:
        self._runner.submit(detect_devices, self.devices_found.emit,
                            lambda exc: self.failed.emit(f"could not list the devices: {_message(exc)}"))

    def send_test(self, channel: str, url: str, recipient: str, property_name: str) -> None:
        self._runner.submit(lambda: self._setup.send_test(channel, url, recipient, property_name),
                            lambda text: self.notice_tested.emit(channel, True, str(text)),
                            lambda exc: self.notice_tested.emit(channel, False, _message(exc)))

    def preview_residents(self, path: str, property_name: str) -> None:
        def preview() -> tuple[bool, str]:
            report = self._setup.preview_residents(Path(path), property_name)
            if report.errors:
                shown = "; ".join(str(e) for e in report.errors[:3])
                more = f" and {len(report.errors) - 3} more" if len(report.errors) > 3 else ""
                return False, f"{len(report.errors)} rows have errors: {shown}{more}. Fix the file, or skip this step."
            return True, (f"{len(report.added)} residents to add, {len(report.updated)} to update "
                          f"({report.preset} layout, {report.rows} rows). They are imported when you finish.")

        self._runner.submit(preview, lambda result: self.residents_previewed.emit(*result),
                            lambda exc: self.residents_previewed.emit(False, _message(exc)))

    def finish(self, answers: SetupAnswers) -> None:
        if self._finishing:
            return
        self._finishing = True
        self.busy_changed.emit(True)

        def done(result: SetupResult) -> None:
            self._finishing = False
            self.busy_changed.emit(False)
            self.completed.emit(result)

        def failed(exc: BaseException) -> None:
            self._finishing = False
            self.busy_changed.emit(False)
            self.failed.emit(_message(exc))

        self._runner.submit_write(lambda: self._setup.complete(answers), done, failed)
