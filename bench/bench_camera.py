"""Camera decoding figures: frames/s at 1280×720 and decode rates on real photos.

    python bench/bench_camera.py [--frames 60] [--seconds 3]

Prints Markdown tables: the decoder's frames/s on synthetic 720p frames with a label in view
and on empty frames, for the chosen strategy and the alternatives it was chosen over; the
camera worker's end-to-end rate; and, when ``../shared/testdata/barcode-photos`` exists,
decode rates per symbology (n right / n total).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
import zxingcpp
from PIL import Image
from pyzbar import pyzbar

from bench.common import percentiles
from hardware.camera.decoder import FrameDecoder, decode_image, to_gray
from hardware.camera.sim import SimCameraSource
from hardware.camera.worker import CameraWorker
from kiosk.labels import LabelData, render_label

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PACKROOM_SHARED", REPO.parent / "shared"))
PHOTOS = SHARED / "testdata" / "barcode-photos"

Strategy = Callable[[np.ndarray], list[str]]


def _zxing(gray: np.ndarray, **kw: object) -> list[str]:
    return [b.text for b in zxingcpp.read_barcodes(gray, text_mode=zxingcpp.TextMode.Plain, **kw)]


_stream = FrameDecoder()
_F = zxingcpp.BarcodeFormat
_TWO_D = [_F.PDF417, _F.DataMatrix, _F.MaxiCode, _F.Aztec]

STRATEGIES: dict[str, Strategy] = {
    "chosen, stream: zxing-cpp (no invert), pyzbar QR every 3rd frame":
        lambda f: [b.text for b in _stream(f)],
    "chosen, still image: zxing-cpp + pyzbar QR fallback":
        lambda f: [b.text for b in decode_image(f)],
    "zxing-cpp, all options": lambda f: _zxing(to_gray(f)),
    "pyzbar all + zxing-cpp for 2D": lambda f: (
        [r.data.decode("latin-1") for r in pyzbar.decode(to_gray(f))]
        + _zxing(to_gray(f), formats=_TWO_D)
    ),
}


def frames() -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Synthetic 720p frames from the simulated camera: with a parcel label held up, empty."""
    source = SimCameraSource(fps=0, seed=3)
    source.open()
    empty = [source.read() for _ in range(4)]
    label = render_label(LabelData("ZX4N7PQ2", "1204", "Maria G.", "B3",
                                   datetime(2026, 11, 24, 14, 5), "UPS", perishable=True))
    source.show(label, hold=3600)
    with_label = [source.read() for _ in range(4)]
    source.close()
    return with_label, empty


def fps(strategy: Strategy, sample: list[np.ndarray], count: int) -> tuple[float, float, bool]:
    strategy(sample[0])  # warm up
    samples = []
    found = True
    for i in range(count):
        start = time.perf_counter()
        texts = strategy(sample[i % len(sample)])
        samples.append((time.perf_counter() - start) * 1000)
        found = found and bool(texts)
    _p50, p95, _worst = percentiles(samples)
    return 1000 / (sum(samples) / len(samples)), p95, found


def worker_rate(sample: np.ndarray | None, seconds: float) -> tuple[float, float]:
    """End to end: grab + decode threads behind a 60 frames/s camera, no decode cap."""
    source = SimCameraSource(fps=60)
    source.open()
    if sample is not None:
        source.show(sample, hold=3600)
    worker = CameraWorker(source, None, lambda _b: None, fps_cap=0)
    worker.start()
    time.sleep(seconds)
    decoded, grabbed = worker.frames_decoded, worker.frames_grabbed
    worker.stop()
    return decoded / seconds, grabbed / seconds


def photo_rates() -> dict[str, list[int]]:
    rates: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # right, total, wrong
    for folder in sorted(p for p in PHOTOS.iterdir() if p.is_dir()):
        kind = folder.name.split("-")[0]
        for image in sorted(folder.glob("*.png")):
            answer = image.with_suffix(".txt")
            expected = answer.read_bytes().decode("utf-8") if answer.exists() else None
            if expected is None and kind != "falsepositives":
                continue
            with Image.open(image) as img:
                texts = [b.text for b in decode_image(img)]
            entry = rates[kind]
            entry[1] += 1
            # For a false-positive image "right" means nothing was read.
            entry[0] += expected in texts if expected is not None else not texts
            entry[2] += sum(1 for t in texts if t != expected)
    return rates


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--frames", type=int, default=60, help="frames per measurement")
    parser.add_argument("--seconds", type=float, default=3.0, help="worker run time")
    args = parser.parse_args()
    with_label, empty = frames()
    print(f"Camera decoding at 1280x720; {os.cpu_count()} cores, "
          f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, "
          f"zxing-cpp {version('zxing-cpp')}, pyzbar {version('pyzbar')}")
    print()
    print("| strategy | label in view: frames/s | p95 ms | read it | empty frame: frames/s "
          "| p95 ms |")
    print("|---|---|---|---|---|---|")
    for name, strategy in STRATEGIES.items():
        label_fps, label_p95, found = fps(strategy, with_label, args.frames)
        empty_fps, empty_p95, _ = fps(strategy, empty, args.frames)
        print(f"| {name} | {label_fps:.1f} | {label_p95:.1f} | {'yes' if found else 'NO'} "
              f"| {empty_fps:.1f} | {empty_p95:.1f} |")
    print()
    for name, sample in (("label in view", with_label[0]), ("empty frames", None)):
        decoded, grabbed = worker_rate(sample, args.seconds)
        print(f"CameraWorker behind a 60 frames/s camera, uncapped, {name}: "
              f"{decoded:.1f} frames/s decoded of {grabbed:.0f} grabbed; target ≥ 15")
    if not PHOTOS.is_dir():
        print(f"\n{PHOTOS} not present: real-photo decode rates skipped")
        return 0
    start = time.perf_counter()
    rates = photo_rates()
    total = sum(v[1] for v in rates.values())
    print()
    print(f"Real photos ({PHOTOS.name}, {total} images, "
          f"{(time.perf_counter() - start) / total * 1000:.1f} ms per image)")
    print()
    print("| symbology | read right | wrong reads |")
    print("|---|---|---|")
    for kind, (right, count, wrong) in sorted(rates.items()):
        shown = f"{right} of {count} empty" if kind == "falsepositives" else (
            f"{right} / {count} ({100 * right / count:.0f} %)")
        print(f"| {kind} | {shown} | {wrong} |")
    print("\n(A wrong QR read here is the inner code of the QR-in-QR photo qrcode-2/16.png.)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
