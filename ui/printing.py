"""Parcel labels from the screens to the printer: rendered on a worker, queued on the device manager.

The print queue survives printer outages (labels wait and print once when it is back), so a
label that cannot print now never blocks intake: the health bar says why it waits.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable

from PIL import Image
from PySide6.QtCore import QObject, Signal

from hardware.errors import DeviceError, DeviceUnavailable
from kiosk.labels import LabelData, render_label, render_shelf_label
from kiosk.services.parcels import ParcelInfo
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

PrintImage = Callable[[str, Image.Image], None]


def label_data(parcel: ParcelInfo, property_name: str) -> LabelData:
    return LabelData(
        parcel_code=parcel.code, unit=parcel.unit or "?", recipient=parcel.recipient or "see desk",
        shelf=parcel.location_name or "DESK", received_at=parcel.received_at, carrier=parcel.carrier,
        perishable=parcel.perishable, oversized=parcel.oversized, signature_required=parcel.signature_required,
        fragile=parcel.fragile, property_name=property_name,
    )


class LabelPrinting(QObject):
    """``print_parcel`` for intake and reprints, ``print_shelf`` for the building screen."""

    failed = Signal(str)  # a message for staff: the label will not print (no printer, unusable printer)

    def __init__(self, print_image: PrintImage | None, runner: TaskRunner, property_name: str,
                 width_dots: int = 576) -> None:
        super().__init__()
        self._print_image = print_image
        self._runner = runner
        self._property = property_name
        self.width_dots = width_dots
        self._serial = itertools.count(1)
        self._held: list[tuple[str, Image.Image]] = []

    @property
    def available(self) -> bool:
        return self._print_image is not None

    def print_parcel(self, parcel: ParcelInfo) -> None:
        data = label_data(parcel, self._property)
        job = f"parcel:{parcel.code}:{next(self._serial)}"
        self._submit(job, lambda: render_label(data, self.width_dots))

    def print_shelf(self, code: str, name: str) -> None:
        job = f"shelf:{code}:{next(self._serial)}"
        self._submit(job, lambda: render_shelf_label(code, name, self.width_dots))

    def print_image(self, job_id: str, image: Image.Image) -> None:
        self._submit(f"{job_id}:{next(self._serial)}", lambda: image)

    @property
    def held(self) -> list[str]:
        """Labels waiting because the printer could not be opened yet (they go when it is back)."""
        return [job for job, _ in self._held]

    def printer_back(self) -> None:
        """The printer is open again: hand it the labels held meanwhile, in order."""
        held, self._held = self._held, []
        for job, image in held:
            self._submit(job, lambda image=image: image)

    def _submit(self, job: str, render: Callable[[], Image.Image]) -> None:
        if self._print_image is None:
            self.failed.emit(self.tr("No label printer is set up; write the unit and shelf on the parcel."))
            return
        send = self._print_image

        def work() -> tuple[str, Image.Image, BaseException | None]:
            image = render()
            try:
                send(job, image)
            except DeviceUnavailable as exc:  # not open yet: keep the label, print it when the printer is back
                return job, image, exc
            return job, image, None

        self._runner.submit(work, self._sent, self._failed)

    def _sent(self, result: tuple[str, Image.Image, BaseException | None]) -> None:
        job, image, problem = result
        if problem is not None:
            self._held.append((job, image))
            self.failed.emit(self.tr("The printer is not available ({0}); the label will print when it is back.")
                             .format(problem))

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, DeviceError):
            self.failed.emit(self.tr("The label cannot print: {0}").format(exc))
        else:
            log.error("label failed: %s", exc)
            self.failed.emit(self.tr("The label could not be made: {0}").format(exc))
