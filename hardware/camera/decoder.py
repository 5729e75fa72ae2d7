"""Barcode decoding of camera frames and photos: zxing-cpp first, pyzbar as a QR fallback.

Why this order (measured on the real photos in ``../shared/testdata/barcode-photos``, 379
images, and on synthetic 1280×720 frames, one core of the 2-core kiosk machine):

* zxing-cpp alone read 48/49 Code 128, 166/179 QR, 52/56 PDF417, 57/59 Data Matrix and 9/9
  MaxiCode, with no false positive on the 25 ``falsepositives-2`` images. pyzbar read
  46/49 Code 128, 147/179 QR (and garbled several Shift-JIS QR texts), 0 of the 2D carrier
  codes, and reported a Code 39 "T" on one false-positive image.
* pyzbar (QR only) still read 2 QR photos zxing-cpp missed, so it runs when zxing-cpp found
  no QR code. Restricted to QR it costs ~20 ms per 720p frame; all symbologies ~50 ms.
* zxing-cpp with ``try_invert=False`` reads exactly the same photos at ~20 ms per 720p frame
  instead of ~32 ms (printed labels are dark on light); ``try_rotate`` stays on because a
  parcel is held any way round and 1D codes need it. Plain text mode keeps GS1 separators
  as ``"\\x1d"`` and MaxiCode's structured data intact (HRI mode rewrites both).

On a noisy empty 720p frame zxing-cpp takes ~30 ms and pyzbar's QR pass ~21 ms (~12 ms at
960 px wide, so large frames are scaled down for it). A video stream does not need the
fallback on every frame, the code stays in view: :class:`FrameDecoder` runs it on every
third frame. ``bench/bench_camera.py`` prints the current figures.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
import zxingcpp
from PIL import Image

try:
    from pyzbar import pyzbar as _pyzbar
except ImportError:  # pragma: no cover - pyzbar is a declared dependency
    _pyzbar = None

log = logging.getLogger(__name__)
_zbar_broken = False  # set once when libzbar0 cannot be loaded; zxing-cpp alone still works
_ZBAR_MAX_WIDTH = 960

# One vocabulary for every decoder; keys are zxing-cpp format names / pyzbar type names.
_ZXING_NAMES: dict[str, str] = {
    "Code128": "code128",
    "Code39": "code39",
    "Code39Std": "code39",
    "Code39Ext": "code39",
    "Code32": "code32",
    "PZN": "pzn",
    "Code93": "code93",
    "Codabar": "codabar",
    "ITF": "itf",
    "ITF14": "itf",
    "EAN13": "ean13",
    "EAN8": "ean8",
    "EAN5": "ean5",
    "EAN2": "ean2",
    "ISBN": "ean13",
    "UPCA": "upca",
    "UPCE": "upce",
    "DataBar": "databar",
    "DataBarOmni": "databar",
    "DataBarStk": "databar",
    "DataBarStkOmni": "databar",
    "DataBarLtd": "databar-limited",
    "DataBarLimited": "databar-limited",
    "DataBarExp": "databar-expanded",
    "DataBarExpStk": "databar-expanded",
    "DataBarExpanded": "databar-expanded",
    "PDF417": "pdf417",
    "CompactPDF417": "pdf417",
    "MicroPDF417": "micropdf417",
    "Aztec": "aztec",
    "AztecCode": "aztec",
    "AztecRune": "aztec",
    "QRCode": "qrcode",
    "QRCodeModel1": "qrcode",
    "QRCodeModel2": "qrcode",
    "MicroQRCode": "microqr",
    "RMQRCode": "rmqr",
    "DataMatrix": "datamatrix",
    "MaxiCode": "maxicode",
}

_ZBAR_NAMES: dict[str, str] = {
    "QRCODE": "qrcode",
    "CODE128": "code128",
    "CODE39": "code39",
    "CODE93": "code93",
    "EAN13": "ean13",
    "EAN8": "ean8",
    "UPCA": "upca",
    "UPCE": "upce",
    "I25": "itf",
    "CODABAR": "codabar",
    "DATABAR": "databar",
    "DATABAR_EXP": "databar-expanded",
    "PDF417": "pdf417",
}

SYMBOLOGIES = frozenset(_ZXING_NAMES.values()) | frozenset(_ZBAR_NAMES.values())


@dataclass(frozen=True)
class Barcode:
    """One barcode found in an image.

    ``text`` is the payload (GS1 separators as ``"\\x1d"``); ``symbology`` one of
    :data:`SYMBOLOGIES` (``"code128"``, ``"qrcode"``, ``"datamatrix"``…); ``position`` the
    bounding box ``(left, top, width, height)`` in pixels when the decoder gives one;
    ``aim_id`` the AIM symbology identifier (``"]C1"`` = GS1-128) when known.
    """

    text: str
    symbology: str
    position: tuple[int, int, int, int] | None = None
    aim_id: str | None = None


def to_gray(image: np.ndarray | Image.Image) -> np.ndarray:
    """Return a contiguous 8-bit grayscale array for a BGR/BGRA/gray array or a PIL image."""
    if isinstance(image, Image.Image):
        if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
            # Transparent pixels are often stored black: lay the image on white paper first.
            rgba = image.convert("RGBA")
            paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
            image = Image.alpha_composite(paper, rgba)
        if image.mode != "L":
            image = image.convert("L")
        return np.asarray(image)
    array = np.asarray(image)
    if array.dtype == np.bool_:
        array = array.astype(np.uint8) * 255
    elif array.dtype != np.uint8:
        array = np.clip(array, 0, 255).astype(np.uint8)
    if array.ndim == 2:
        return np.ascontiguousarray(array)
    if array.ndim == 3 and array.shape[2] == 1:
        return np.ascontiguousarray(array[:, :, 0])
    if array.ndim == 3 and array.shape[2] == 3:
        return cv2.cvtColor(array, cv2.COLOR_BGR2GRAY)
    if array.ndim == 3 and array.shape[2] == 4:
        return cv2.cvtColor(array, cv2.COLOR_BGRA2GRAY)
    raise ValueError(f"not an image: array of shape {array.shape}")


def decode_image(image: np.ndarray | Image.Image, *, qr_fallback: bool = True) -> list[Barcode]:
    """Find every barcode in ``image`` (a BGR or gray numpy array, or a PIL image).

    Returns them in reading order of the decoders, without duplicates; an image with no
    barcode gives ``[]``. ``qr_fallback=False`` skips the pyzbar pass (see the module
    docstring). Safe to call from any thread.
    """
    gray = to_gray(image)
    if gray.size == 0:
        return []
    found = _decode_zxing(gray)
    if qr_fallback and not any(b.symbology == "qrcode" for b in found):
        found += _decode_zbar_qr(gray)
    return _unique(found)


class FrameDecoder:
    """:func:`decode_image` for a video stream: the pyzbar QR pass on every n-th frame only.

    A code held to the camera stays in view for many frames, so trying the fallback on one
    frame in ``fallback_every`` still catches what zxing-cpp misses, at a third of the cost.
    Not thread-safe: one per camera worker.
    """

    def __init__(self, fallback_every: int = 3) -> None:
        self.fallback_every = max(1, fallback_every)
        self._count = 0

    def __call__(self, frame: np.ndarray | Image.Image) -> list[Barcode]:
        self._count += 1
        return decode_image(frame, qr_fallback=self._count % self.fallback_every == 0)


def _decode_zxing(gray: np.ndarray) -> list[Barcode]:
    results = zxingcpp.read_barcodes(
        gray, try_rotate=True, try_downscale=True, try_invert=False,
        text_mode=zxingcpp.TextMode.Plain,
    )
    barcodes = []
    for result in results:
        if not result.valid:
            continue
        name = result.format.name
        symbology = _ZXING_NAMES.get(name, name.lower())
        barcodes.append(
            Barcode(result.text, symbology, _zxing_box(result.position),
                    result.symbology_identifier or None)
        )
    return barcodes


def _zxing_box(position: Any) -> tuple[int, int, int, int] | None:
    try:
        corners = (position.top_left, position.top_right, position.bottom_right,
                   position.bottom_left)
        xs = [int(p.x) for p in corners]
        ys = [int(p.y) for p in corners]
    except AttributeError:
        return None
    return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)


def _decode_zbar_qr(gray: np.ndarray) -> list[Barcode]:
    global _zbar_broken
    if _pyzbar is None or _zbar_broken:
        return []
    scale = 1.0
    if gray.shape[1] > _ZBAR_MAX_WIDTH:
        scale = gray.shape[1] / _ZBAR_MAX_WIDTH
        size = (_ZBAR_MAX_WIDTH, round(gray.shape[0] / scale))
        gray = cv2.resize(gray, size, interpolation=cv2.INTER_AREA)
    try:
        results = _pyzbar.decode(gray, symbols=[_pyzbar.ZBarSymbol.QRCODE])
    except (ImportError, OSError) as exc:
        _zbar_broken = True
        log.warning("pyzbar cannot load libzbar (%s); decoding with zxing-cpp only", exc)
        return []
    barcodes = []
    for result in results:
        try:
            text = result.data.decode("utf-8")
        except UnicodeDecodeError:
            text = result.data.decode("latin-1")
        rect = result.rect
        symbology = _ZBAR_NAMES.get(result.type, result.type.lower())
        box = tuple(round(v * scale) for v in (rect.left, rect.top, rect.width, rect.height))
        barcodes.append(Barcode(text, symbology, (box[0], box[1], box[2], box[3])))
    return barcodes


def _unique(barcodes: list[Barcode]) -> list[Barcode]:
    seen: set[tuple[str, str]] = set()
    unique = []
    for barcode in barcodes:
        key = (barcode.text, barcode.symbology)
        if key not in seen:
            seen.add(key)
            unique.append(barcode)
    return unique
