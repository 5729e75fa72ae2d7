"""Camera sources and the worker thread: the simulator, replays from disk, reconnects."""

from __future__ import annotations

import sys
import threading
import time
from datetime import datetime
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from hardware.base import DeviceStatus
from hardware.camera import CameraWorker, open_camera
from hardware.camera.decoder import Barcode, decode_image
from hardware.camera.sim import SimCameraSource, render_symbol
from hardware.camera.source import CvCameraSource, FileSource, FrameSource
from hardware.errors import DeviceUnavailable, DeviceUrlError
from kiosk.labels import LabelData, render_label, render_shelf_label
from tests.hardware.printer_fixtures import Recorder


def _texts(batches: list) -> list[str]:
    return [b.text for batch in batches for b in batch]


@pytest.fixture
def sim() -> SimCameraSource:
    source = open_camera("sim:?fps=30")
    assert isinstance(source, SimCameraSource)
    return source


def test_factory_builds_each_source(tmp_path: Path) -> None:
    assert isinstance(open_camera("sim:"), SimCameraSource)
    cam = open_camera("camera://2?width=640&height=480")
    assert isinstance(cam, CvCameraSource)
    assert (cam.device, cam.width, cam.height) == (2, 640, 480)
    assert open_camera("camera:///dev/video7").device == "/dev/video7"  # type: ignore[attr-defined]
    assert open_camera("camera:").device == 0  # type: ignore[attr-defined]
    assert open_camera("camera:/dev/video0").device == "/dev/video0"  # type: ignore[attr-defined]
    replay = open_camera(f"file://{tmp_path}?fps=5&loop=0")
    assert isinstance(replay, FileSource) and replay.path == tmp_path and not replay.loop
    with pytest.raises(DeviceUrlError, match="unknown camera type"):
        open_camera("webcam://0")
    with pytest.raises(DeviceUrlError, match="api"):
        open_camera("camera://0?api=quicktime")


def test_missing_camera_device_is_unavailable() -> None:
    with pytest.raises(DeviceUnavailable, match="not plugged in"):
        open_camera("camera:///dev/video-packroom-none").open()
    if sys.platform.startswith("linux"):
        with pytest.raises(DeviceUnavailable, match="/dev/video57 missing"):
            open_camera("camera://57").open()


def test_opencv_camera_source_reads_frames_and_reports_the_end(tmp_path: Path) -> None:
    # OpenCV opens a video file the way it opens a device node: the same code path.
    path = tmp_path / "video0.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10, (640, 480))
    writer.write(_code_frame("CV-CAMERA", (640, 480)))
    writer.release()
    source = open_camera(f"camera://{path}?width=0&height=0")
    with source:
        assert source.is_open
        assert [b.text for b in decode_image(source.read())] == ["CV-CAMERA"]
        with pytest.raises(DeviceUnavailable, match="stopped delivering"):
            source.read()
    assert not source.is_open


def test_sim_frames_are_720p_bgr_and_show_the_injected_code(sim: SimCameraSource) -> None:
    with sim:
        frame = sim.read()
        assert frame.shape == (720, 1280, 3) and frame.dtype == np.uint8
        assert decode_image(frame) == []
        sim.inject("PARCEL-42")
        assert [b.text for b in decode_image(sim.read())] == ["PARCEL-42"]
        sim.inject("SH-B3", symbology="code128")
        assert [(b.text, b.symbology) for b in decode_image(sim.read())] == [("SH-B3", "code128")]
        sim.clear()
        assert decode_image(sim.read()) == []


def test_sim_code_leaves_view_after_hold() -> None:
    source = SimCameraSource(fps=0, hold=0.05)
    with source:
        source.inject("GONE-SOON")
        assert decode_image(source.read())
        time.sleep(0.1)  # the hold itself is what is under test
        assert decode_image(source.read()) == []


class ManualClock:
    """The worker's idea of time for repeat suppression, moved by the test."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_worker_reports_injected_code_once_while_in_view(sim: SimCameraSource) -> None:
    found, frames, clock = Recorder(), Recorder(), ManualClock()
    worker = CameraWorker(sim, frames, found, fps_cap=30, repeat_window=2.0, clock=clock)
    worker.start()
    try:
        frames.wait_for(lambda items: len(items) >= 2)
        sim.inject("7KQ2M9XA", hold=60)
        found.wait_for(lambda items: "7KQ2M9XA" in _texts(items))
        # Held in view for minutes: decoded again and again, reported once. (Preview frames
        # arrive steadily, so waiting on them re-checks the decode count often.)
        for _ in range(3):
            clock.now += 1.5
            decoded = worker.frames_decoded
            frames.wait_for(lambda _items, n=decoded: worker.frames_decoded >= n + 3)
        assert _texts(found.items) == ["7KQ2M9XA"]
        assert worker.status.online and worker.status.detail == "streaming"
        # Taken away for longer than the window, then shown again: a new scan.
        sim.clear()
        decoded = worker.frames_decoded
        frames.wait_for(lambda _items: worker.frames_decoded >= decoded + 3)
        clock.now += 2.5
        sim.inject("7KQ2M9XA", hold=60)
        found.wait_for(lambda items: _texts(items) == ["7KQ2M9XA", "7KQ2M9XA"])
        frame = frames.items[-1]
        assert isinstance(frame, np.ndarray) and frame.shape == (720, 1280, 3)
    finally:
        worker.stop()
    assert not worker.running and not worker.status.online


def test_worker_reads_a_rendered_label_held_to_the_camera(sim: SimCameraSource) -> None:
    label = render_label(
        LabelData("ZX4N7PQ2", "1204", "Maria G.", "B3", datetime(2026, 11, 24, 14, 5), "UPS"),
        width_dots=576,
    )
    found = Recorder()
    worker = CameraWorker(sim, None, found)
    worker.start()
    try:
        sim.show(label, hold=3)
        found.wait_for(lambda items: "ZX4N7PQ2" in _texts(items))
        sim.show(render_shelf_label("SH-B3", "Shelf B3"), hold=3)
        found.wait_for(lambda items: "SH-B3" in _texts(items))
    finally:
        worker.stop()


def test_worker_goes_offline_and_reconnects(sim: SimCameraSource) -> None:
    found, statuses = Recorder(), Recorder()
    worker = CameraWorker(sim, None, found, reconnect_interval=0.05)
    worker.add_status_listener(statuses)
    worker.start()
    try:
        statuses.wait_for(lambda items: any(s.online for s in items))
        sim.unplug()
        statuses.wait_for(lambda items: not items[-1].online)
        assert "stopped delivering" in statuses.items[-1].detail or "unplugged" in (
            statuses.items[-1].detail
        )
        sim.replug()
        statuses.wait_for(lambda items: items[-1].online)
        sim.inject("BACK-AGAIN", hold=3)
        found.wait_for(lambda items: "BACK-AGAIN" in _texts(items))
    finally:
        worker.stop()
    states = [s.online for s in statuses.items if isinstance(s, DeviceStatus)]
    assert states[:4] == [True, False, True, False] or states[:3] == [True, False, True]


class _StampedSource(FrameSource):
    """A fast source writing a frame counter into each frame, to check frame dropping."""

    def __init__(self) -> None:
        super().__init__("stamped:")
        self.served = 0
        self._open = False

    @property
    def is_open(self) -> bool:
        return self._open

    def open(self) -> None:
        self._open = True

    def read(self) -> np.ndarray:
        time.sleep(0.005)  # a 200 frames/s camera
        self.served += 1
        frame = np.zeros((8, 8), np.uint8)
        frame.flat[:4] = np.frombuffer(self.served.to_bytes(4, "little"), np.uint8)
        return frame

    def close(self) -> None:
        self._open = False


def test_slow_decoder_drops_frames_and_stays_at_most_one_behind() -> None:
    source = _StampedSource()
    lag: list[int] = []
    done = threading.Event()

    def slow_decoder(frame: np.ndarray) -> list[Barcode]:
        stamp = int.from_bytes(frame.flat[:4].tobytes(), "little")
        lag.append(source.served - stamp)
        time.sleep(0.05)
        if len(lag) >= 8:
            done.set()
        return []

    worker = CameraWorker(source, None, lambda _b: None, fps_cap=0, decoder=slow_decoder)
    worker.start()
    try:
        assert done.wait(5)
    finally:
        worker.stop()
    # The grabber read ~10 frames per decode; the decoder still got the newest each time
    # (a frame may arrive while it picks one up). With a queue the lag would grow to ~70.
    assert worker.frames_grabbed > 4 * worker.frames_decoded
    assert max(lag) <= 2, lag


def test_file_source_replays_a_directory_in_order_and_loops(tmp_path: Path) -> None:
    codes = ["FIRST-1", "SECOND-2", "THIRD-3"]
    for i, code in enumerate(codes):
        Image.fromarray(_code_frame(code)).save(tmp_path / f"{i:02d}.png")
    (tmp_path / "notes.txt").write_text("not an image")
    source = open_camera(f"file://{tmp_path}?fps=40")
    start = time.monotonic()
    with source:
        seen = [decode_image(source.read())[0].text for _ in range(5)]
    assert seen == [*codes, *codes[:2]]
    assert time.monotonic() - start >= 4 / 40  # paced like a camera, not as fast as disk


def test_file_source_through_the_worker(tmp_path: Path) -> None:
    for i, code in enumerate(["DIR-A", "DIR-B"]):
        cv2.imwrite(str(tmp_path / f"{i}.png"), _code_frame(code))
    found = Recorder()
    worker = CameraWorker(open_camera(f"file://{tmp_path}?fps=10"), None, found)
    worker.start()
    try:
        found.wait_for(lambda items: {"DIR-A", "DIR-B"} <= set(_texts(items)))
    finally:
        worker.stop()


def test_file_source_replays_a_video(tmp_path: Path) -> None:
    path = tmp_path / "desk.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10, (640, 480))
    assert writer.isOpened()
    blank = np.full((480, 640, 3), 140, np.uint8)
    for frame in (blank, _code_frame("VIDEO-7", (640, 480)), blank):
        writer.write(frame)
    writer.release()
    source = open_camera(f"file://{path}?fps=0")
    with source:
        texts = [[b.text for b in decode_image(source.read())] for _ in range(6)]
    assert texts == [[], ["VIDEO-7"], [], [], ["VIDEO-7"], []]  # looped once


def test_file_source_without_loop_ends_as_unavailable(tmp_path: Path) -> None:
    cv2.imwrite(str(tmp_path / "only.png"), _code_frame("ONCE"))
    source = open_camera(f"file://{tmp_path}/only.png?fps=0&loop=0")
    with source:
        source.read()
        with pytest.raises(DeviceUnavailable, match="end of"):
            source.read()
    with pytest.raises(DeviceUnavailable, match="does not exist"):
        open_camera(f"file://{tmp_path}/missing").open()


def test_grab_and_decode_single_shot(sim: SimCameraSource) -> None:
    worker = CameraWorker(sim, None, lambda _b: None)
    sim.inject("ONE-SHOT", hold=5)
    assert [b.text for b in worker.grab_and_decode()] == ["ONE-SHOT"]
    assert not sim.is_open  # opened for the shot only
    worker.start()
    try:
        assert [b.text for b in worker.grab_and_decode()] == ["ONE-SHOT"]
    finally:
        worker.stop()
    sim.unplug()
    with pytest.raises(DeviceUnavailable):
        worker.grab_and_decode()


def _code_frame(text: str, size: tuple[int, int] = (1280, 720)) -> np.ndarray:
    width, height = size
    frame = np.full((height, width, 3), 150, np.uint8)
    symbol = cv2.cvtColor(render_symbol(text, "qrcode", module=5), cv2.COLOR_GRAY2BGR)
    h, w = symbol.shape[:2]
    frame[(height - h) // 2:(height - h) // 2 + h, (width - w) // 2:(width - w) // 2 + w] = symbol
    return frame


def test_camera_as_a_scanner_through_open_scanner(sim: SimCameraSource) -> None:
    from hardware.camera.scanner import camera_scanner
    from hardware.scanner import open_scanner

    scans, statuses = Recorder(), Recorder()
    scanner = open_scanner("camera://0", camera_factory=camera_scanner, source=sim)
    scanner.add_status_listener(statuses)
    scanner.start(scans)
    try:
        statuses.wait_for(lambda items: any(s.online for s in items))
        sim.inject("SH-B3", symbology="code128", hold=5)
        events = scans.wait_for(lambda items: len(items) >= 1)
        assert (events[0].text, events[0].symbology, events[0].source) == (
            "SH-B3", "code128", "camera://0")
        sim.inject("7KQ2M9XA", hold=5)
        events = scans.wait_for(lambda items: len(items) >= 2)
        assert events[1].symbology == "qr"
    finally:
        scanner.stop()
    assert not scanner.status.online


def test_scanner_symbology_uses_the_aim_identifier() -> None:
    from hardware.camera.scanner import scanner_symbology

    assert scanner_symbology(Barcode("0101234", "code128", None, "]C1")) == "gs1-128"
    assert scanner_symbology(Barcode("x", "datamatrix", None, "]d2")) == "datamatrix-gs1"
    assert scanner_symbology(Barcode("036000291452", "upca")) == "ean13"
    assert scanner_symbology(Barcode("x", "qrcode")) == "qr"
