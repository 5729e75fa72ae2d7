"""Frame sources: a real camera through OpenCV, a recording replayed from disk (and, in
:mod:`hardware.camera.sim`, a simulated camera).

Every source has the same small interface (:class:`FrameSource`): ``open()``, ``read()``
returning one BGR frame and blocking until it is due, ``close()``. A source whose device
vanishes raises :class:`~hardware.errors.DeviceUnavailable` from ``read`` or ``open``; the
:class:`~hardware.camera.worker.CameraWorker` then reports the camera offline and reopens it.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import cv2
import numpy as np

from hardware.errors import DeviceUnavailable

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff", ".webp"})


class FrameSource(ABC):
    """Where frames come from. Not thread-safe: one reader (the camera worker) at a time."""

    kind = "camera"

    def __init__(self, url: str) -> None:
        self.url = url

    @abstractmethod
    def open(self) -> None:
        """Acquire the device; raise :class:`DeviceUnavailable` if it is not there."""

    @abstractmethod
    def read(self) -> np.ndarray:
        """Return the next frame (BGR, ``uint8``), blocking until one is due.

        Raises :class:`DeviceUnavailable` when the device stopped delivering frames.
        """

    @abstractmethod
    def close(self) -> None:
        """Release the device. Safe to call twice or on a source never opened."""

    @property
    @abstractmethod
    def is_open(self) -> bool:
        """Whether :meth:`open` succeeded and :meth:`close` has not been called since."""

    def __enter__(self) -> FrameSource:
        self.open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class Pacer:
    """Spaces calls ``1/fps`` apart, so a replayed recording runs at a camera's pace."""

    def __init__(self, fps: float, sleep: Callable[[float], None] = time.sleep) -> None:
        self.interval = 1.0 / fps if fps > 0 else 0.0
        self._sleep = sleep
        self._next = 0.0

    def wait(self) -> None:
        if self.interval <= 0:
            return
        now = time.monotonic()
        if self._next > now:
            self._sleep(self._next - now)
            now = self._next
        # Measured from when this frame went out: a late reader gets no burst to catch up.
        self._next = now + self.interval


class CvCameraSource(FrameSource):
    """A camera OpenCV can open: an index (``camera://0``) or a device path (``/dev/video2``)."""

    def __init__(
        self,
        url: str,
        device: int | str,
        *,
        width: int = 1280,
        height: int = 720,
        fps: float = 0.0,
        api: int = cv2.CAP_ANY,
    ) -> None:
        super().__init__(url)
        self.device = device
        self.width = width
        self.height = height
        self.fps = fps
        self.api = api
        self._cap: cv2.VideoCapture | None = None

    @property
    def is_open(self) -> bool:
        return self._cap is not None

    def open(self) -> None:
        self.close()
        # Checking the node first keeps OpenCV from logging a warning on every reconnect try.
        node = self.device
        if isinstance(node, int) and sys.platform.startswith("linux"):
            node = f"/dev/video{node}"
        if isinstance(node, str) and not os.path.exists(node):
            raise DeviceUnavailable(f"camera {self.device} is not plugged in ({node} missing)")
        cap = cv2.VideoCapture(self.device, self.api)
        if not cap.isOpened():
            cap.release()
            raise DeviceUnavailable(f"camera {self.device} could not be opened")
        if self.width and self.height:
            cap.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
            cap.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
        if self.fps:
            cap.set(cv2.CAP_PROP_FPS, self.fps)
        # A one-frame driver buffer keeps the preview live instead of seconds behind.
        cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)
        self._cap = cap
        log.info("camera %s opened (%dx%d)", self.device,
                 int(cap.get(cv2.CAP_PROP_FRAME_WIDTH)), int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT)))

    def read(self) -> np.ndarray:
        if self._cap is None:
            raise DeviceUnavailable(f"camera {self.device} is not open")
        ok, frame = self._cap.read()
        if not ok or frame is None:
            raise DeviceUnavailable(f"camera {self.device} stopped delivering frames")
        return np.asarray(frame)

    def close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None


class FileSource(FrameSource):
    """Replays a video file, one image, or a directory of images (sorted by name), looping.

    Frames are served at most ``fps`` per second, like a camera would; with ``loop=False``
    the end of the recording reads as the camera going away.
    """

    def __init__(self, url: str, path: str | Path, *, fps: float = 15.0, loop: bool = True) -> None:
        super().__init__(url)
        self.path = Path(path)
        self.loop = loop
        self._pacer = Pacer(fps)
        self._images: list[Path] = []
        self._index = 0
        self._video: cv2.VideoCapture | None = None
        self._open = False

    @property
    def is_open(self) -> bool:
        return self._open

    def open(self) -> None:
        self.close()
        if self.path.is_dir():
            self._images = sorted(
                p for p in self.path.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES
            )
            if not self._images:
                raise DeviceUnavailable(f"no images in {self.path}")
        elif self.path.is_file() and self.path.suffix.lower() in IMAGE_SUFFIXES:
            self._images = [self.path]
        elif self.path.is_file():
            self._video = cv2.VideoCapture(str(self.path))
            if not self._video.isOpened():
                self._video.release()
                self._video = None
                raise DeviceUnavailable(f"{self.path} is not a video OpenCV can read")
        else:
            raise DeviceUnavailable(f"{self.path} does not exist")
        self._index = 0
        self._open = True

    def read(self) -> np.ndarray:
        if not self._open:
            raise DeviceUnavailable(f"{self.path} is not open")
        self._pacer.wait()
        if self._video is not None:
            return self._read_video(self._video)
        return self._read_image()

    def _read_video(self, video: cv2.VideoCapture) -> np.ndarray:
        ok, frame = video.read()
        if not ok and self.loop:
            video.set(cv2.CAP_PROP_POS_FRAMES, 0)
            ok, frame = video.read()
        if not ok or frame is None:
            raise DeviceUnavailable(f"end of {self.path}")
        return np.asarray(frame)

    def _read_image(self) -> np.ndarray:
        # Skip unreadable files instead of stopping the replay on the first bad one.
        for _ in range(len(self._images)):
            if self._index >= len(self._images):
                if not self.loop:
                    raise DeviceUnavailable(f"end of {self.path}")
                self._index = 0
            path = self._images[self._index]
            self._index += 1
            frame = cv2.imread(str(path), cv2.IMREAD_COLOR)
            if frame is not None:
                return np.asarray(frame)
            log.warning("cannot read image %s; skipped", path)
        raise DeviceUnavailable(f"no readable images in {self.path}")

    def close(self) -> None:
        if self._video is not None:
            self._video.release()
            self._video = None
        self._images = []
        self._open = False
