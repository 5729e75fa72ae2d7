"""The simulated label printer (``sim:``) for tests, the demo and a kiosk without a printer.

It keeps the newest printed labels in memory (``images``, the last ``keep``, 64 by default:
one label is about half a megabyte of pixels; ``printed`` counts them all; ``last_image``),
optionally writes them as PNG files (``sim:?dir=/tmp/labels``) so a developer can look at
them, and can be put offline or out of paper to exercise the print queue's pause-and-resume
path.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from PIL import Image

from hardware.errors import DeviceUnavailable, PaperOut
from hardware.printer.base import DEFAULT_WIDTH, LabelPrinter, PrinterStatus
from hardware.url import parse_device_url

log = logging.getLogger(__name__)


class SimPrinter(LabelPrinter):
    """A printer in memory. Thread-safe; flip :attr:`offline` / :attr:`paper_out` any time."""

    def __init__(
        self,
        url: str = "sim:",
        *,
        width_dots: int = DEFAULT_WIDTH,
        directory: str | Path | None = None,
        print_seconds: float = 0.0,
        keep: int = 64,
    ) -> None:
        super().__init__(url, width_dots)
        self.directory = Path(directory) if directory else None
        self.print_seconds = print_seconds
        self.offline = False
        self.paper_out = False
        self.images: list[Image.Image] = []  # the newest ``keep`` labels printed
        self.keep = keep
        self.printed = 0
        self.attempts = 0
        self._lock = threading.Lock()

    @classmethod
    def from_url(cls, url: str) -> SimPrinter:
        """``sim:?width=384&dir=/tmp/labels&delay=0.2`` (delay: seconds per label)."""
        parsed = parse_device_url(url)
        return cls(
            url,
            width_dots=parsed.int_param("width", DEFAULT_WIDTH),
            directory=parsed.params.get("dir") or None,
            print_seconds=parsed.float_param("delay", 0.0),
        )

    @property
    def last_image(self) -> Image.Image | None:
        with self._lock:
            return self.images[-1] if self.images else None

    def print_image(self, img: Image.Image) -> None:
        label = self.check_image(img)
        with self._lock:
            self.attempts += 1
            if self.offline:
                raise DeviceUnavailable("simulated printer is offline")
            if self.paper_out:
                raise PaperOut("simulated printer is out of paper")
        if self.print_seconds:
            time.sleep(self.print_seconds)
        with self._lock:
            self.images.append(label.copy())
            self.printed += 1
            number = self.printed
            if len(self.images) > self.keep:  # a kiosk left on "sim:" must not keep every label
                del self.images[: len(self.images) - self.keep]
        if self.directory is not None:
            self.directory.mkdir(parents=True, exist_ok=True)
            path = self.directory / f"label-{time.strftime('%Y%m%d-%H%M%S')}-{number:04d}.png"
            label.save(path)
            log.info("simulated printer wrote %s", path)

    def status(self) -> PrinterStatus:
        with self._lock:
            if self.offline:
                return PrinterStatus(False, "unknown", "simulated printer is offline")
            if self.paper_out:
                return PrinterStatus(True, "out", "out of paper")
            return PrinterStatus(True, "ok", "simulated printer")
