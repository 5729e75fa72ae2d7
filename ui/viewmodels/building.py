"""Running the building: storage locations with their printed labels, room hours, staff accounts.

Managers see the storage list and may print shelf labels; changes are for admins (the service
checks the role of the signed-in staff member; the screen greys out what the role may not do).
A printed shelf label goes to ``print_image(job_id, image)``, which the composition root
connects to the label printer's queue.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PIL import Image
from PySide6.QtCore import QObject, Signal

from kiosk.labels import WIDTH_80MM
from kiosk.persistence.models import LocationKind, Role
from kiosk.services.building import BuildingService, LocationInfo, ShelfLabel
from kiosk.services.staff import PermissionDenied, StaffInfo, StaffSession
from kiosk.services.staff_accounts import StaffAccountService
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

PrintImage = Callable[[str, Image.Image], None]


def _text(exc: BaseException) -> str:
    return str(exc) or exc.__class__.__name__


class _StaffViewModel(QObject):
    message = Signal(str, str)  # text, severity: info | warning | error

    def __init__(self, runner: TaskRunner, staff: Callable[[], StaffSession | None]) -> None:
        super().__init__()
        self._runner = runner
        self._staff = staff

    def can(self, role: Role) -> bool:
        session = self._staff()
        return session is not None and session.can(role)

    def _signed_in(self) -> StaffSession | None:
        session = self._staff()
        if session is None:
            self.message.emit(self.tr("Sign in first."), "error")
        return session

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, PermissionDenied | ValueError | LookupError):
            self.message.emit(_text(exc), "error")
        else:
            log.error("building change failed: %s", exc)
            self.message.emit(self.tr("Not done: {0}").format(_text(exc)), "error")


class BuildingViewModel(_StaffViewModel):
    locations_changed = Signal(list)  # list[LocationInfo]
    printed = Signal(str)  # job id

    def __init__(self, building: BuildingService, runner: TaskRunner, staff: Callable[[], StaffSession | None],
                 print_image: PrintImage, room_hours: tuple[str, str], label_width: int = WIDTH_80MM) -> None:
        super().__init__(runner, staff)
        self._building = building
        self._print_image = print_image
        self.room_hours = room_hours
        self._label_width = label_width
        self.locations: list[LocationInfo] = []

    @property
    def can_edit(self) -> bool:
        return self.can(Role.ADMIN)

    def refresh(self) -> None:
        self._runner.submit(self._building.locations, self._loaded, self._failed)

    def _loaded(self, rows: list[LocationInfo]) -> None:
        self.locations = rows
        self.locations_changed.emit(rows)

    def _write(self, job: Callable[[StaffSession], LocationInfo], done: Callable[[LocationInfo], str]) -> None:
        staff = self._signed_in()
        if staff is None:
            return

        def finished(info: LocationInfo) -> None:
            self.message.emit(done(info), "info")
            self.refresh()

        self._runner.submit_write(lambda: job(staff), finished, self._failed)

    def add(self, code: str, name: str, kind: LocationKind, capacity: int, zone: str = "") -> None:
        self._write(lambda s: self._building.add_location(s, code, name, kind, capacity, zone),
                    lambda info: self.tr("Added {0} ({1}). Print its label next.").format(info.name, info.code))

    def rename(self, location_id: int, name: str) -> None:
        self._write(lambda s: self._building.rename_location(s, location_id, name),
                    lambda info: self.tr("Renamed to {0}.").format(info.name))

    def set_capacity(self, location_id: int, capacity: int) -> None:
        self._write(lambda s: self._building.set_capacity(s, location_id, capacity),
                    lambda info: self.tr("{0} now holds up to {1} parcels.").format(info.name, info.capacity))

    def set_active(self, location_id: int, active: bool) -> None:
        self._write(lambda s: self._building.set_active(s, location_id, active),
                    lambda info: (self.tr("{0} is in use again.") if info.active
                                  else self.tr("{0} is no longer used.")).format(info.name))

    def set_map_position(self, location_id: int, x: int | None, y: int | None) -> None:
        self._write(lambda s: self._building.set_map_position(s, location_id, x, y),
                    lambda info: (self.tr("{0} is on the room map at column {1}, row {2}.")
                                  .format(info.name, info.map_x, info.map_y) if info.map_x is not None
                                  else self.tr("{0} is no longer on the room map.").format(info.name)))

    def print_label(self, location_id: int) -> None:
        staff = self._signed_in()
        if staff is None:
            return
        width = self._label_width
        self._runner.submit(lambda: self._building.shelf_label(staff, location_id, width), self._send_label,
                            self._failed)

    def _send_label(self, label: ShelfLabel) -> None:
        try:
            self._print_image(label.job_id, label.image)
        except Exception as exc:  # the printer refused the label outright (too wide, queue closed)
            log.error("shelf label %s not queued: %s", label.job_id, exc)
            self.message.emit(self.tr("The label for {0} was not printed: {1}").format(label.code, _text(exc)),
                              "error")
            return
        self.printed.emit(label.job_id)
        self.message.emit(self.tr("Label for {0} sent to the printer.").format(label.name), "info")


class StaffAccountsViewModel(_StaffViewModel):
    staff_changed = Signal(list)  # list[StaffInfo]

    def __init__(self, accounts: StaffAccountService, runner: TaskRunner,
                 staff: Callable[[], StaffSession | None]) -> None:
        super().__init__(runner, staff)
        self._accounts = accounts
        self.accounts: list[StaffInfo] = []

    def refresh(self) -> None:
        staff = self._staff()
        if staff is None or not staff.can(Role.ADMIN):
            self.accounts = []
            self.staff_changed.emit([])
            return
        self._runner.submit(lambda: self._accounts.list(staff), self._loaded, self._failed)

    def _loaded(self, rows: list[StaffInfo]) -> None:
        self.accounts = rows
        self.staff_changed.emit(rows)

    def _write(self, job: Callable[[StaffSession], StaffInfo], done: Callable[[StaffInfo], str]) -> None:
        staff = self._signed_in()
        if staff is None:
            return

        def finished(info: StaffInfo) -> None:
            self.message.emit(done(info), "info")
            self.refresh()

        self._runner.submit_write(lambda: job(staff), finished, self._failed)

    def add(self, name: str, role: Role, pin: str, badge: str = "") -> None:
        self._write(lambda s: self._accounts.create(s, name, role, pin, badge or None),
                    lambda info: self.tr("Added {0} ({1}).").format(info.name, info.role.value))

    def reset_pin(self, staff_id: int, pin: str) -> None:
        self._write(lambda s: self._accounts.reset_pin(s, staff_id, pin),
                    lambda info: self.tr("New PIN set for {0}.").format(info.name))

    def set_role(self, staff_id: int, role: Role) -> None:
        self._write(lambda s: self._accounts.set_role(s, staff_id, role),
                    lambda info: self.tr("{0} is now {1}.").format(info.name, info.role.value))

    def deactivate(self, staff_id: int) -> None:
        self._write(lambda s: self._accounts.deactivate(s, staff_id),
                    lambda info: self.tr("{0} can no longer sign in.").format(info.name))

    def reactivate(self, staff_id: int, pin: str) -> None:
        self._write(lambda s: self._accounts.reactivate(s, staff_id, pin),
                    lambda info: self.tr("{0} can sign in again with the new PIN.").format(info.name))
