"""The camera worker: grabs frames on one thread, decodes the latest on another, reports both.

Two threads so that a slow decode never makes the preview lag: the grabber keeps reading
the camera (drivers queue frames and serve stale ones if nobody reads) and parks only the
newest frame in a one-slot mailbox; the decoder always takes the newest, so it is never more
than one frame behind and older frames are dropped. Callbacks run on these threads; the UI
adapts them to Qt signals. Frames handed to callbacks are shared: read them, never modify them.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable

import numpy as np

from hardware.base import DeviceStatus, StatusListener, StatusPublisher
from hardware.camera.decoder import Barcode, FrameDecoder, decode_image
from hardware.camera.source import FrameSource
from hardware.errors import DeviceError, DeviceUnavailable

log = logging.getLogger(__name__)

FrameCallback = Callable[[np.ndarray], None]
BarcodesCallback = Callable[[list[Barcode]], None]
Decoder = Callable[[np.ndarray], list[Barcode]]


class CameraWorker:
    """Reads ``source``, reports preview frames to ``on_frame`` and new barcodes to ``on_barcodes``.

    The same text is reported again only after it has been out of view for ``repeat_window``
    seconds, so a parcel held in front of the camera is one scan, not fifteen a second. When
    the camera vanishes the worker reports it offline and tries to reopen it every
    ``reconnect_interval`` seconds. ``fps_cap`` limits both the preview frames and the
    decodes per second (0: no cap). ``decoder`` replaces the default
    :class:`~hardware.camera.decoder.FrameDecoder` (tests use a slow one).
    """

    kind = "camera"

    def __init__(
        self,
        source: FrameSource,
        on_frame: FrameCallback | None,
        on_barcodes: BarcodesCallback,
        fps_cap: float = 15.0,
        *,
        repeat_window: float = 2.0,
        reconnect_interval: float = 1.0,
        decoder: Decoder | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.source = source
        self._on_frame = on_frame
        self._on_barcodes = on_barcodes
        self._interval = 1.0 / fps_cap if fps_cap > 0 else 0.0
        self.repeat_window = repeat_window
        self.reconnect_interval = reconnect_interval
        self._decode: Decoder = decoder if decoder is not None else FrameDecoder()
        self._decode_one: Decoder = decoder if decoder is not None else decode_image
        self._clock = clock
        self._publisher = StatusPublisher(
            DeviceStatus.offline(self.kind, source.url, "not started")
        )
        self._stop = threading.Event()
        self._slot = threading.Condition()
        self._latest: np.ndarray | None = None
        self._latest_seq = 0
        self._last_seen: dict[str, float] = {}
        self._threads: list[threading.Thread] = []
        self.frames_grabbed = 0
        self.frames_decoded = 0

    # -- life cycle ------------------------------------------------------------------------

    def start(self) -> None:
        """Start grabbing and decoding; returns at once. Starting twice does nothing."""
        if self._threads:
            return
        self._stop.clear()
        self._threads = [
            threading.Thread(target=self._grab_loop, name=f"camera-grab {self.source.url}",
                             daemon=True),
            threading.Thread(target=self._decode_loop, name=f"camera-decode {self.source.url}",
                             daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def stop(self, timeout: float = 3.0) -> None:
        """Stop both threads and release the camera. Safe to call twice."""
        self._stop.set()
        with self._slot:
            self._slot.notify_all()
        for thread in self._threads:
            thread.join(timeout)
            if thread.is_alive():
                log.warning("%s did not stop within %.1f s", thread.name, timeout)
        self._threads = []
        self.source.close()
        self._publisher.publish(DeviceStatus.offline(self.kind, self.source.url, "stopped"))

    @property
    def running(self) -> bool:
        return bool(self._threads)

    @property
    def status(self) -> DeviceStatus:
        """The latest health snapshot of the camera."""
        return self._publisher.status

    def add_status_listener(self, listener: StatusListener) -> Callable[[], None]:
        """Call ``listener`` with each new :class:`DeviceStatus`; returns an unsubscribe."""
        return self._publisher.add_listener(listener)

    # -- one-shot ----------------------------------------------------------------------------

    def grab_and_decode(self, timeout: float = 5.0) -> list[Barcode]:
        """Grab one frame and decode it, for ``packroom devices test camera``.

        Uses the running worker's newest frame, or opens the source just for this. Raises
        :class:`DeviceUnavailable` if no frame arrives within ``timeout`` seconds.
        """
        if self.running:
            with self._slot:
                seq = self._latest_seq
                if not self._slot.wait_for(lambda: self._latest_seq > seq, timeout):
                    raise DeviceUnavailable(f"camera {self.source.url}: no frame in {timeout} s")
                frame = self._latest
            if frame is None:
                raise DeviceUnavailable(f"camera {self.source.url}: no frame")
            return self._decode_one(frame)
        opened_here = not self.source.is_open
        if opened_here:
            self.source.open()
        try:
            return self._decode_one(self.source.read())
        finally:
            if opened_here:
                self.source.close()

    # -- threads -----------------------------------------------------------------------------

    def _grab_loop(self) -> None:
        next_preview = 0.0
        while not self._stop.is_set():
            if not self.source.is_open and not self._reopen():
                continue
            try:
                frame = self.source.read()
            except DeviceError as exc:
                self._went_away(str(exc))
                continue
            except Exception as exc:  # an OpenCV surprise must not kill the worker
                log.exception("camera %s: reading a frame failed", self.source.url)
                self._went_away(f"read failed: {exc}")
                continue
            self.frames_grabbed += 1
            with self._slot:
                self._latest = frame
                self._latest_seq += 1
                self._slot.notify_all()
            now = time.monotonic()
            if self._on_frame is not None and now >= next_preview:
                next_preview = now + self._interval
                self._call(self._on_frame, frame)

    def _reopen(self) -> bool:
        try:
            self.source.open()
        except DeviceError as exc:
            self._set_offline(str(exc))
            self._stop.wait(self.reconnect_interval)
            return False
        except Exception as exc:
            log.exception("camera %s: opening failed", self.source.url)
            self._set_offline(f"cannot open: {exc}", error=True)
            self._stop.wait(self.reconnect_interval)
            return False
        self._publisher.publish(DeviceStatus.connected(self.kind, self.source.url, "streaming"))
        return True

    def _went_away(self, detail: str) -> None:
        self.source.close()
        self._set_offline(detail)
        self._stop.wait(self.reconnect_interval)

    def _set_offline(self, detail: str, *, error: bool = False) -> None:
        make = DeviceStatus.error if error else DeviceStatus.offline
        self._publisher.publish(make(self.kind, self.source.url, detail))

    def _decode_loop(self) -> None:
        seen_seq = 0
        next_decode = 0.0
        while not self._stop.is_set():
            # The cap keeps the decoder from eating both cores when the camera is fast.
            delay = next_decode - time.monotonic()
            if delay > 0 and self._stop.wait(delay):
                return
            with self._slot:
                self._slot.wait_for(functools.partial(self._news_after, seen_seq), timeout=0.5)
                if self._stop.is_set():
                    return
                if self._latest_seq == seen_seq or self._latest is None:
                    continue
                # Always the newest frame: whatever arrived while we decoded is dropped.
                frame, seen_seq = self._latest, self._latest_seq
            next_decode = time.monotonic() + self._interval
            try:
                barcodes = self._decode(frame)
            except Exception:
                log.exception("camera %s: decoding a frame failed", self.source.url)
                continue
            self.frames_decoded += 1
            fresh = self._fresh(barcodes)
            if fresh:
                self._call(self._on_barcodes, fresh)

    def _news_after(self, seq: int) -> bool:
        return self._stop.is_set() or self._latest_seq > seq

    def _fresh(self, barcodes: list[Barcode]) -> list[Barcode]:
        """Keep the barcodes not seen within the repeat window; remember all as seen now."""
        now = self._clock()
        fresh = []
        for barcode in barcodes:
            last = self._last_seen.get(barcode.text)
            if last is None or now - last > self.repeat_window:
                fresh.append(barcode)
            self._last_seen[barcode.text] = now
        if len(self._last_seen) > 256:
            cutoff = now - self.repeat_window
            self._last_seen = {t: s for t, s in self._last_seen.items() if s >= cutoff}
        return fresh

    def _call(self, callback: Callable[..., None], *args: object) -> None:
        try:
            callback(*args)
        except Exception:
            log.exception("camera %s: callback %r failed", self.source.url, callback)
