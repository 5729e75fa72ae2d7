"""The simulated camera (``sim:``): noisy 720p frames with whatever code was injected.

For tests, the demo and benchmarks: ``inject("ABC123")`` holds a QR code (or Code 128) in
front of the camera for a while, ``show(image)`` any picture such as a rendered label, and
``unplug()``/``replug()`` exercise the worker's reconnect path.
"""

from __future__ import annotations

import threading
import time

import barcode
import cv2
import numpy as np
import qrcode
from PIL import Image

from hardware.camera.source import FrameSource, Pacer
from hardware.errors import DeviceUnavailable


def render_symbol(text: str, symbology: str = "qrcode", module: int = 6) -> np.ndarray:
    """Render ``text`` as a black-on-white QR code or Code 128 with quiet zones (gray array)."""
    if symbology == "qrcode":
        qr = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
        qr.add_data(text)
        qr.make(fit=True)
        cells = np.array(qr.get_matrix(), dtype=bool)
    elif symbology == "code128":
        modules = barcode.get_barcode_class("code128")(text).build()[0]
        row = np.array([c == "1" for c in "0" * 10 + modules + "0" * 10], dtype=bool)
        cells = np.tile(row, (max(12, len(row) // 5), 1))
    else:
        raise ValueError(f"the simulated camera renders qrcode or code128, not {symbology!r}")
    gray = np.where(cells, 0, 255).astype(np.uint8)
    return np.kron(gray, np.ones((module, module), dtype=np.uint8))


class SimCameraSource(FrameSource):
    """A simulated camera: noisy frames with whatever code was injected held in view.

    ``inject("ABC123")`` shows a QR code (or ``symbology="code128"``) for ``hold`` seconds;
    ``show(image)`` shows any picture (a rendered label); ``unplug()``/``replug()`` make the
    camera vanish and return, to exercise the worker's reconnect path.
    """

    def __init__(
        self,
        url: str = "sim:",
        *,
        width: int = 1280,
        height: int = 720,
        fps: float = 15.0,
        hold: float = 1.5,
        seed: int = 0,
    ) -> None:
        super().__init__(url)
        self.width = width
        self.height = height
        self.hold = hold
        self._pacer = Pacer(fps)
        self._rng = np.random.default_rng(seed)
        self._lock = threading.Lock()
        self._backgrounds: list[np.ndarray] = []
        self._overlay: np.ndarray | None = None
        self._overlay_until = 0.0
        self._unplugged = False
        self._open = False
        self.frames_served = 0

    @property
    def is_open(self) -> bool:
        return self._open

    def open(self) -> None:
        with self._lock:
            if self._unplugged:
                raise DeviceUnavailable("simulated camera is unplugged")
            if not self._backgrounds:
                self._backgrounds = [self._background() for _ in range(4)]
            self._open = True

    def _background(self) -> np.ndarray:
        # A lit desk: a soft gradient with sensor noise, blurred like a real lens would.
        ramp = np.linspace(110, 170, self.width, dtype=np.float32)[None, :]
        noise = self._rng.normal(0, 18, (self.height, self.width)).astype(np.float32)
        gray = np.clip(noise + ramp, 0, 255).astype(np.uint8)
        gray = cv2.GaussianBlur(gray, (3, 3), 0)
        return cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)

    def inject(self, text: str, symbology: str = "qrcode", hold: float | None = None) -> None:
        """Hold a code encoding ``text`` in front of the camera for ``hold`` seconds."""
        self.show(render_symbol(text, symbology), hold)

    def show(self, image: np.ndarray | Image.Image, hold: float | None = None) -> None:
        """Hold ``image`` (gray/BGR array or PIL image) in view for ``hold`` seconds."""
        array = np.asarray(image.convert("L")) if isinstance(image, Image.Image) else np.asarray(image)
        if array.ndim == 2:
            array = cv2.cvtColor(array, cv2.COLOR_GRAY2BGR)
        scale = min(1.0, 0.9 * self.width / array.shape[1], 0.9 * self.height / array.shape[0])
        if scale < 1.0:
            size = (int(array.shape[1] * scale), int(array.shape[0] * scale))
            array = cv2.resize(array, size, interpolation=cv2.INTER_AREA)
        with self._lock:
            self._overlay = array
            self._overlay_until = time.monotonic() + (self.hold if hold is None else hold)

    def clear(self) -> None:
        """Take whatever was shown out of view."""
        with self._lock:
            self._overlay = None

    def unplug(self) -> None:
        """The camera vanishes: reads fail and it cannot be reopened until :meth:`replug`."""
        with self._lock:
            self._unplugged = True

    def replug(self) -> None:
        with self._lock:
            self._unplugged = False

    def read(self) -> np.ndarray:
        self._pacer.wait()
        with self._lock:
            if self._unplugged or not self._open:
                self._open = False
                raise DeviceUnavailable("simulated camera stopped delivering frames")
            frame = self._backgrounds[self.frames_served % len(self._backgrounds)].copy()
            overlay = self._overlay
            if overlay is not None and time.monotonic() > self._overlay_until:
                overlay = self._overlay = None
            self.frames_served += 1
            serial = self.frames_served
        if overlay is not None:
            h, w = overlay.shape[:2]
            # Drift a few pixels from frame to frame, as a hand-held parcel does.
            top = (self.height - h) // 2 + (serial % 7) - 3
            left = (self.width - w) // 2 + (serial % 5) - 2
            top = min(max(top, 0), self.height - h)
            left = min(max(left, 0), self.width - w)
            frame[top:top + h, left:left + w] = overlay
        return frame

    def close(self) -> None:
        with self._lock:
            self._open = False
