"""Cameras: frame sources chosen by URL, barcode decoding, and the worker thread that joins them.

Open a source with :func:`open_camera`, hand it to a :class:`CameraWorker` with callbacks for
preview frames and new barcodes; :func:`decode_image` decodes one still image.
:func:`camera_scanner` makes a camera a :class:`~hardware.scanner.Scanner` for ``camera:``
scanner URLs (pass it as ``camera_factory`` to ``open_scanner``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hardware.camera.decoder import Barcode, decode_image
    from hardware.camera.factory import open_camera
    from hardware.camera.scanner import CameraScanner, camera_scanner
    from hardware.camera.source import FrameSource
    from hardware.camera.worker import CameraWorker

# Loaded on first use: OpenCV and NumPy take a third of a second, and the kiosk paints its first
# screen before it opens the camera.
_HOMES = {
    "Barcode": "decoder", "decode_image": "decoder", "open_camera": "factory", "CameraScanner": "scanner",
    "camera_scanner": "scanner", "FrameSource": "source", "CameraWorker": "worker",
}

__all__ = [
    "Barcode", "CameraScanner", "CameraWorker", "FrameSource", "camera_scanner", "decode_image",
    "open_camera",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
