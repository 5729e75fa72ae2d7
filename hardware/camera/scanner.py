"""A camera used as a barcode scanner: :class:`CameraWorker` behind the :class:`Scanner` API.

Pass :func:`camera_scanner` as ``camera_factory`` to
:func:`hardware.scanner.factory.open_scanner` so ``camera:`` scanner URLs work like any
other scanner; scans arrive as :class:`ScanEvent` with the scanners' symbology names.
"""

from __future__ import annotations

import logging
from typing import Any

from hardware.base import DeviceStatus
from hardware.camera.decoder import Barcode
from hardware.camera.factory import open_camera
from hardware.camera.source import FrameSource
from hardware.camera.worker import CameraWorker, FrameCallback
from hardware.scanner.aim import Symbology, parse_aim
from hardware.scanner.base import ScanEvent, Scanner

log = logging.getLogger(__name__)

# Our decoder's names → the scanners' vocabulary, for codes read without an AIM identifier.
_SCANNER_NAMES: dict[str, str] = {
    "code128": Symbology.CODE128,
    "ean13": Symbology.EAN13,
    "upca": Symbology.EAN13,  # AIM reports UPC-A/E as EAN-13, and so do our scanners
    "upce": Symbology.EAN13,
    "ean8": Symbology.EAN8,
    "code39": Symbology.CODE39,
    "code93": Symbology.CODE93,
    "codabar": Symbology.CODABAR,
    "itf": Symbology.ITF,
    "qrcode": Symbology.QR,
    "datamatrix": Symbology.DATAMATRIX,
    "pdf417": Symbology.PDF417,
    "maxicode": Symbology.MAXICODE,
    "aztec": Symbology.AZTEC,
    "databar": Symbology.GS1_DATABAR,
    "databar-expanded": Symbology.GS1_DATABAR,
    "databar-limited": Symbology.GS1_DATABAR,
}


def scanner_symbology(barcode: Barcode) -> str:
    """The :class:`Symbology` value a hardware scanner would report for ``barcode``.

    The AIM identifier wins when the decoder gave one: it also tells GS1-128 from Code 128.
    """
    if barcode.aim_id:
        prefix, _rest = parse_aim(barcode.aim_id)
        if prefix is not None:
            return prefix.symbology.value
    return _SCANNER_NAMES.get(barcode.symbology, barcode.symbology)


class CameraScanner(Scanner):
    """Delivers the barcodes a camera sees as scans; ``on_frame`` gets the preview frames."""

    def __init__(
        self,
        url: str,
        source: FrameSource,
        *,
        on_frame: FrameCallback | None = None,
        fps_cap: float = 15.0,
        repeat_window: float = 2.0,
    ) -> None:
        super().__init__(url)
        self.source = source
        self._on_frame = on_frame
        self._fps_cap = fps_cap
        self._repeat_window = repeat_window
        self._worker: CameraWorker | None = None
        self._unsubscribe: Any = None

    def _open(self) -> None:
        if self._worker is not None:
            return
        worker = CameraWorker(self.source, self._on_frame, self._barcodes, self._fps_cap,
                              repeat_window=self._repeat_window)
        self._unsubscribe = worker.add_status_listener(self._camera_status)
        self._worker = worker
        worker.start()

    def stop(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.stop()
            if self._unsubscribe is not None:
                self._unsubscribe()
        self._set_status(False, "stopped")

    @property
    def worker(self) -> CameraWorker | None:
        """The running worker (for ``grab_and_decode`` in a device test), or None."""
        return self._worker

    def _camera_status(self, status: DeviceStatus) -> None:
        self._set_status(status.online, status.detail, error=status.state == "error")

    def _barcodes(self, barcodes: list[Barcode]) -> None:
        for barcode in barcodes:
            self._deliver(ScanEvent(barcode.text, scanner_symbology(barcode), self.url))


def camera_scanner(url: str, **kw: Any) -> CameraScanner:
    """``camera_factory`` for :func:`open_scanner`: a :class:`CameraScanner` for ``url``.

    ``kw`` may hold ``source=`` (any :class:`FrameSource`, e.g. a simulated camera for the
    demo), ``on_frame=``, ``fps_cap=`` and ``repeat_window=``.
    """
    source = kw.pop("source", None) or open_camera(url)
    return CameraScanner(url, source, **kw)
