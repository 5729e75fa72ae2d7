"""Managers' carrier codes: list them (never the code itself), issue a code or a pass, revoke.

A code just issued is emitted once with ``issued`` so the screen can show it in large type; it
is not kept here, and the screen forgets it when it is left.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PIL import Image
from PySide6.QtCore import QObject, Signal

from kiosk.labels import WIDTH_80MM
from kiosk.persistence.models import Role
from kiosk.services.carrier_access import CarrierAccessService, CarrierCodeInfo, CarrierInfo, IssuedCode
from kiosk.services.staff import PermissionDenied, StaffSession
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

PrintImage = Callable[[str, Image.Image], None]
COMMON_CARRIERS = ("UPS", "FedEx", "USPS", "DHL", "Amazon", "OnTrac")


class CarrierCodesViewModel(QObject):
    codes_changed = Signal(list)  # list[CarrierCodeInfo]
    carriers_changed = Signal(list)  # list[str]: carrier names to offer
    issued = Signal(object)  # IssuedCode: shown once
    message = Signal(str, str)  # text, severity

    def __init__(self, service: CarrierAccessService, runner: TaskRunner,
                 staff: Callable[[], StaffSession | None], print_image: PrintImage | None = None,
                 property_name: str = "", label_width: int = WIDTH_80MM) -> None:
        super().__init__()
        self._service = service
        self._print_image = print_image
        self._property_name = property_name
        self._label_width = label_width
        self._runner = runner
        self._staff = staff
        self.codes: list[CarrierCodeInfo] = []

    @property
    def can_edit(self) -> bool:
        session = self._staff()
        return session is not None and session.can(Role.MANAGER)

    def refresh(self) -> None:
        self._runner.submit(self._service.codes, self._loaded, self._failed)
        self._runner.submit(self._service.carriers, self._carriers_loaded, self._failed)

    def _loaded(self, rows: list[CarrierCodeInfo]) -> None:
        self.codes = rows
        self.codes_changed.emit(rows)

    def _carriers_loaded(self, rows: list[CarrierInfo]) -> None:
        names = list(COMMON_CARRIERS)
        known = {n.casefold() for n in names}
        names += sorted(c.name for c in rows if c.name.casefold() not in known)
        self.carriers_changed.emit(names)

    def issue_code(self, carrier: str, label: str, hours: tuple[str, str], valid_days: int | None) -> None:
        staff = self._signed_in()
        if staff is None:
            return
        expires = datetime.now(UTC) + timedelta(days=valid_days) if valid_days else None
        service = self._service
        self._runner.submit_write(lambda: service.issue_code(staff, carrier, label, hours, expires),
                                  self._issued, self._failed)

    def issue_pass(self, carrier: str, label: str) -> None:
        staff = self._signed_in()
        if staff is None:
            return
        service = self._service
        self._runner.submit_write(lambda: service.issue_pass(staff, carrier, label), self._issued, self._failed)

    def revoke(self, access_id: int) -> None:
        staff = self._signed_in()
        if staff is None:
            return
        service = self._service

        def revoked(info: CarrierCodeInfo) -> None:
            self.message.emit(self.tr("Revoked: {0} ({1}). It no longer opens the room.")
                              .format(info.label, info.carrier), "info")
            self.refresh()

        self._runner.submit_write(lambda: service.revoke(staff, access_id), revoked, self._failed)

    @property
    def can_print(self) -> bool:
        return self._print_image is not None

    def print_code(self, issued: IssuedCode) -> None:
        """Print the code just issued on the label printer, for the carrier to keep."""
        staff, print_image = self._signed_in(), self._print_image
        if staff is None or print_image is None:
            return
        service, name, width = self._service, self._property_name, self._label_width

        def send(image: Image.Image) -> None:
            try:
                print_image(f"carrier-code:{issued.info.id}:{uuid.uuid4().hex[:8]}", image)
            except Exception as exc:  # the printer refused the slip outright
                log.error("carrier code slip not queued: %s", exc)
                self.message.emit(self.tr("The code was not printed: {0}").format(str(exc)), "error")
                return
            self.message.emit(self.tr("Code sent to the printer."), "info")

        self._runner.submit_write(lambda: service.code_slip(staff, issued, name, width), send, self._failed)

    def _issued(self, issued: IssuedCode) -> None:
        self.issued.emit(issued)
        kind = self.tr("Single-use pass") if issued.info.single_use else self.tr("Code")
        self.message.emit(self.tr("{0} issued for {1}. Give it to the carrier now: it is not shown again.")
                          .format(kind, issued.info.carrier), "info")
        self.refresh()

    def _signed_in(self) -> StaffSession | None:
        session = self._staff()
        if session is None:
            self.message.emit(self.tr("Sign in first."), "error")
        return session

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, PermissionDenied | ValueError):
            self.message.emit(str(exc), "error")
        else:
            log.error("carrier code change failed: %s", exc)
            self.message.emit(self.tr("Not done: {0}").format(str(exc) or type(exc).__name__), "error")
