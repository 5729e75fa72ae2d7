"""The label-printer interface every driver implements, and its status record."""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from dataclasses import dataclass
from types import TracebackType
from typing import Literal

from PIL import Image

from hardware.base import DeviceStatus
from hardware.errors import PrinterError

log = logging.getLogger(__name__)

PaperState = Literal["ok", "low", "out", "unknown"]

DEFAULT_WIDTH = 576  # 80 mm paper at 203 dpi; 58 mm paper is 384 dots


@dataclass(frozen=True)
class PrinterStatus:
    """What a printer says about itself: reachable or not, and its paper sensor.

    ``paper`` is ``"unknown"`` where the transport cannot ask (a write-only device file)
    or the printer does not answer status queries.
    """

    online: bool
    paper: PaperState = "unknown"
    detail: str = ""

    @property
    def ready(self) -> bool:
        """Worth sending a label to: online and not known to be out of paper."""
        return self.online and self.paper != "out"


class LabelPrinter(ABC):
    """A printer that prints 1-bit label images (see :func:`kiosk.labels.render_label`).

    Drivers are thread-safe; they open their device lazily and reopen it after a failure, so
    a caller simply retries. Use one :class:`~hardware.printer.queue.PrintQueue` per printer
    to print from the UI without blocking it.
    """

    kind = "printer"

    def __init__(self, url: str, width_dots: int = DEFAULT_WIDTH) -> None:
        self.url = url
        self.width_dots = width_dots

    @abstractmethod
    def print_image(self, img: Image.Image) -> None:
        """Print ``img`` (at most :attr:`width_dots` wide) and cut.

        Returns once the printer has taken the whole label. Raises
        :class:`~hardware.errors.DeviceUnavailable` when the printer cannot be reached,
        :class:`~hardware.errors.PaperOut` when it reports no paper, and
        :class:`~hardware.errors.PrinterError` for a label it cannot print.
        """

    @abstractmethod
    def status(self) -> PrinterStatus:
        """Ask the printer how it is. Never raises: problems are reported in the status.

        May wait for a label being sent and for the printer's answer (up to the driver's
        timeouts): call it from a worker or poller thread, not the GUI thread.
        """

    def close(self) -> None:  # noqa: B027 - a no-op is right for drivers holding nothing
        """Release the device. Safe to call twice; the next print reopens it."""

    def device_status(self) -> DeviceStatus:
        """The printer's :meth:`status` as the device-health bar's :class:`DeviceStatus`."""
        status = self.status()
        extra = {"paper": status.paper}
        if status.online and status.paper == "out":
            # It answers but cannot print: the health bar's "error", not "offline".
            return DeviceStatus.error(self.kind, self.url, status.detail, **extra)
        if status.online:
            return DeviceStatus.connected(self.kind, self.url, status.detail, **extra)
        return DeviceStatus.offline(self.kind, self.url, status.detail, **extra)

    def check_image(self, img: Image.Image) -> Image.Image:
        """Return ``img`` as mode ``"1"``; raise :class:`PrinterError` if it is too wide."""
        if img.width > self.width_dots:
            raise PrinterError(
                f"the label is {img.width} dots wide but the printer prints {self.width_dots}; "
                f"render it with width_dots={self.width_dots}"
            )
        if img.width == 0 or img.height == 0:
            raise PrinterError("the label image is empty")
        if img.mode == "1":
            return img
        gray = img.convert("L")
        return gray.point(lambda v: 255 if v >= 128 else 0).convert("1", dither=Image.Dither.NONE)

    def __enter__(self) -> LabelPrinter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
