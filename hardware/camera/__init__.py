"""Cameras: frame sources chosen by URL, barcode decoding, and the worker thread that joins them.

Open a source with :func:`open_camera`, hand it to a :class:`CameraWorker` with callbacks for
preview frames and new barcodes; :func:`decode_image` decodes one still image.
:func:`camera_scanner` makes a camera a :class:`~hardware.scanner.Scanner` for ``camera:``
scanner URLs (pass it as ``camera_factory`` to ``open_scanner``).
"""

from hardware.camera.decoder import Barcode, decode_image
from hardware.camera.factory import open_camera
from hardware.camera.scanner import CameraScanner, camera_scanner
from hardware.camera.source import FrameSource
from hardware.camera.worker import CameraWorker

__all__ = [
    "Barcode", "CameraScanner", "CameraWorker", "FrameSource", "camera_scanner", "decode_image",
    "open_camera",
]
