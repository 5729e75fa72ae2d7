"""The label reader: one camera frame (and its barcodes) in, tracking number and recipient out.

Pipeline, for one frame:

1. **Barcodes.** Passed in already decoded (the camera worker has them), or decoded by the
   ``decoder`` this reader was given: ``hardware.labelread`` plugs in
   ``hardware.camera.decoder.decode_image``, so this module needs no hardware import.
2. **The label** is found and warped flat (:mod:`kiosk.labelread.image`). Which way up it is
   comes from its biggest 1D barcode, which lies across the label, in its lower half, on the
   carriers' layouts; when that is missing or the text then reads badly, the other way up is
   tried too and the better reading kept.
3. **MaxiCode.** zxing-cpp reads a MaxiCode only when it fills the image, so when none was
   decoded its bullseye is looked for on the flat label and a square around it decoded again.
4. **OCR** of the label with the barcodes blanked out, in two horizontal strips read at once
   on two cores (:mod:`kiosk.labelread.ocr`).
5. **Tracking number**: :func:`kiosk.tracking.pick_tracking` over the barcodes; if no barcode
   was readable, the number printed under it ("TRACKING #: 1Z …", "TRK# …") from the OCR text.
6. **Payloads** (:mod:`kiosk.labelread.payload`): ship-to ZIP, street and name from a
   MaxiCode or PDF417.
7. **Ship-to block** (:mod:`kiosk.labelread.address`) and **recipient match**
   (:mod:`kiosk.labelread.match`) against the directory.

:meth:`LabelReader.read` is safe to call from any thread but the GUI's; it takes a few hundred
milliseconds. It returns a :class:`LabelReading`, plain frozen data.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol

import cv2
import numpy as np

from kiosk.labelread import image as img
from kiosk.labelread.address import ShipTo, StreetAddress, TextLine, find_ship_to, lines_from_words, parse_address
from kiosk.labelread.defaults import TESSDATA_SETTING as TESSDATA_SETTING
from kiosk.labelread.defaults import THRESHOLD_SETTING as THRESHOLD_SETTING
from kiosk.labelread.match import DEFAULT_THRESHOLD, Candidate, RecipientMatch, RecipientMatcher
from kiosk.labelread.ocr import OcrEngine, TesseractOcr
from kiosk.labelread.payload import CarrierPayload, parse_payload
from kiosk.residents.directory import ResidentDirectory
from kiosk.tracking import TrackingNumber, parse, pick_tracking

log = logging.getLogger(__name__)


# Flags besides the matcher's (kiosk.labelread.match).
NO_BARCODE = "no_barcode"  # no barcode could be decoded
NO_TRACKING = "no_tracking"  # barcodes, but none is a tracking number
TRACKING_FROM_TEXT = "tracking_from_text"  # the number was read from the printed digits
NO_TEXT = "no_text"  # OCR found no text at all
NO_ADDRESS = "no_address"  # text, but no address block

_ONE_D = frozenset({"code128", "code39", "code93", "codabar", "itf", "ean13", "ean8", "upca", "upce",
                    "databar", "databar-expanded", "databar-limited"})
_TRACKING_TEXT = re.compile(r"(?:TRACKING|TRK|TRACK)\s*(?:#|NO|NUMBER)?\s*[:#.]?\s*(?:EP)?\s*([0-9A-Z][0-9A-Z ]{9,40})")
_ROUTING = re.compile(r"\s*420[0-9]{5}(?:[0-9]{4})?\s*")
_NUMBER_RUN = re.compile(r"\b(?:1Z[0-9A-Z ]{16,24}|TBA[0-9 ]{12,16}|9[0-9 ]{21,34}|[0-9]{4} [0-9]{4} [0-9]{4})\b")


_LABEL_CARRIERS = frozenset({"ups", "fedex", "usps", "amazon", "dhl", "ontrac", "lasership"})


class BarcodeLike(Protocol):
    """A decoded barcode as the camera layer gives it (``hardware.camera.decoder.Barcode``)."""

    @property
    def text(self) -> str: ...

    @property
    def symbology(self) -> str: ...

    @property
    def position(self) -> tuple[int, int, int, int] | None: ...


Decoder = Callable[[np.ndarray], Sequence[BarcodeLike]]


@dataclass(frozen=True)
class Symbol:
    """A barcode as this reader keeps it: payload and symbology."""

    text: str
    symbology: str


@dataclass(frozen=True)
class LabelReading:
    """What one look at a shipping label gave; plain data for the intake screen.

    ``resident_id``/``resident_label`` are set only for a proposal (confidence at or above the
    threshold); otherwise ``candidates`` offers up to three residents, best first (with a
    proposal it holds it first, then the runners-up). ``confidence`` is the best candidate's.
    Nothing here assigns the parcel: staff confirm.
    """

    tracking_number: str | None
    carrier: str | None
    tracking_valid: bool
    resident_id: int | None
    resident_label: str
    confidence: float
    candidates: tuple[Candidate, ...]
    flags: frozenset[str]
    recipient_text: str  # the ship-to block as read, for Parcel.recipient_text
    recipient_name: str | None
    recipient_unit: str | None
    barcodes: tuple[Symbol, ...] = ()
    payload: CarrierPayload | None = None
    elapsed_ms: float = 0.0
    stages_ms: dict[str, float] = field(default_factory=dict, compare=False)

    @property
    def proposed(self) -> Candidate | None:
        return self.candidates[0] if self.resident_id is not None and self.candidates else None


@dataclass
class _Ocr:
    lines: list[TextLine]
    ship: ShipTo | None
    turns: int
    conf: float

    @property
    def readable(self) -> bool:
        """An address with a name was found in text OCR was fairly sure of."""
        return self.ship is not None and bool(self.ship.names) and self.ship.score >= 2.5 and self.conf >= 60

    @property
    def quality(self) -> float:
        ship_score = self.ship.score if self.ship else 0.0
        return ship_score + self.conf / 50.0


class LabelReader:
    """Reads shipping labels for one property. Build once (it holds the OCR engines); thread-safe."""

    def __init__(self, directory: ResidentDirectory, *, address: str | StreetAddress | None = None,
                 threshold: float = DEFAULT_THRESHOLD, ocr: OcrEngine | None = None,
                 decoder: Decoder | None = None, workers: int = 2) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"match threshold {threshold!r} must be in (0, 1]")
        prop = parse_address(address) if isinstance(address, str) else address
        self.matcher = RecipientMatcher(directory, prop, threshold)
        self.threshold = threshold
        self._ocr = ocr
        self._decoder = decoder
        self._workers = max(1, workers)
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, directory: ResidentDirectory, settings: Any, *, address: str | None = None,
                      decoder: Decoder | None = None) -> LabelReader:
        """A reader configured from ``labels.match_threshold`` and ``labels.tessdata_dir``."""
        threshold = float(settings.get(THRESHOLD_SETTING, DEFAULT_THRESHOLD))
        tessdata = str(settings.get(TESSDATA_SETTING, "") or "")
        return cls(directory, address=address, threshold=threshold,
                   ocr=TesseractOcr(tessdata or None), decoder=decoder)

    @property
    def ocr(self) -> OcrEngine:
        with self._lock:
            if self._ocr is None:
                self._ocr = TesseractOcr()
            return self._ocr

    def warm_up(self) -> None:
        """Load the OCR engines now (about a second), so the first label is not slow."""
        engine = self.ocr
        if isinstance(engine, TesseractOcr):
            engine.warm_up(self._workers)

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=True)
                self._pool = None

    # ------------------------------------------------------------------ reading

    def read(self, frame: np.ndarray, barcodes: Sequence[BarcodeLike] | None = None) -> LabelReading:
        """Read one label from a BGR (or gray) camera frame.

        ``barcodes`` are those already decoded from this frame; None decodes them here with
        the reader's decoder (none: no barcodes). A blank or unreadable picture gives a reading
        with no number, no proposal and flags saying why; only an array that is no image at all
        raises :class:`ValueError`.
        """
        started = time.perf_counter()
        stages: dict[str, float] = {}
        frame = np.asarray(frame)
        if frame.ndim not in (2, 3) or frame.size == 0:
            raise ValueError(f"not an image: array of shape {frame.shape}")
        found = list(barcodes) if barcodes is not None else self._decode(frame)
        stages["decode"] = _since(started)

        t = time.perf_counter()
        rect = img.rectify(frame, img.find_label(frame))
        rect = rect.rotated(_turns_from_barcodes(rect, found))
        stages["rectify"] = _since(t)
        if self._decoder is not None and not _has_tracking(found):
            # 1D codes at a slant, or bent, often read once the label is flat and square
            t = time.perf_counter()
            found = _merge(found, self._decode_flat(rect))
            rect = rect.rotated(_turns_from_barcodes(rect, found))
            stages["decode_flat"] = _since(t)

        t = time.perf_counter()
        symbols = [Symbol(b.text, b.symbology) for b in found]
        if not any(s.symbology == "maxicode" for s in symbols) and self._decoder is not None:
            symbols += self._maxicodes(rect)
        stages["maxicode"] = _since(t)

        payloads = [p for p in (parse_payload(s.text) for s in symbols) if p is not None]
        payload = next((p for p in payloads if p.postal_code or p.street), payloads[0] if payloads else None)
        postal_hint = payload.zip5 if payload else None

        t = time.perf_counter()
        boxes = [img.map_box(b.position, rect.matrix) for b in found if b.position is not None]
        result = self._ocr_pass(rect, boxes, 0, postal_hint)
        if not result.readable:  # upside down, most likely: the text reads as noise
            other = self._ocr_pass(rect, boxes, 2, postal_hint)
            if other.quality > result.quality:
                result = other
            if not rect.found and not result.readable:  # no outline: it may lie on its side
                for turns in (1, 3):
                    other = self._ocr_pass(rect, boxes, turns, postal_hint)
                    if other.quality > result.quality:
                        result = other
        stages["ocr"] = _since(t)

        t = time.perf_counter()
        tracking, tracking_flags = _tracking(symbols, result.lines)
        ship = result.ship
        street_number = None
        extra_names: list[str] = []
        if payload is not None:
            if payload.recipient:
                extra_names.append(payload.recipient)
            if payload.street:
                street_number = _street_number(payload.street)
        match = self.matcher.match(ship, extra_names=extra_names, postal_hint=postal_hint,
                                   street_number=street_number)
        stages["match"] = _since(t)
        flags = set(match.flags) | tracking_flags
        if not result.lines:
            flags.add(NO_TEXT)
        elif ship is None:
            flags.add(NO_ADDRESS)
        return self._reading(tracking, match, ship, symbols, payload, flags, started, stages)

    def _reading(self, tracking: TrackingNumber | None, match: RecipientMatch, ship: ShipTo | None,
                 symbols: list[Symbol], payload: CarrierPayload | None, flags: set[str], started: float,
                 stages: dict[str, float]) -> LabelReading:
        proposed = match.proposed
        return LabelReading(
            tracking_number=tracking.number if tracking else None,
            carrier=tracking.carrier if tracking else None,
            tracking_valid=bool(tracking and tracking.valid),
            resident_id=proposed.resident_id if proposed else None,
            resident_label=proposed.label if proposed else "",
            confidence=match.confidence,
            candidates=match.candidates,
            flags=frozenset(flags),
            recipient_text=ship.text[:400] if ship else "",
            recipient_name=ship.name if ship else (payload.recipient if payload else None),
            recipient_unit=ship.unit if ship else None,
            barcodes=tuple(symbols),
            payload=payload,
            elapsed_ms=_since(started),
            stages_ms=stages,
        )

    def _decode(self, frame: np.ndarray) -> list[BarcodeLike]:
        if self._decoder is None:
            return []
        try:
            return list(self._decoder(frame))
        except Exception:  # a decoder failure must not lose the OCR half of the reading
            log.exception("barcode decoding failed; reading the label text only")
            return []

    def _decode_flat(self, rect: img.Rectified) -> list[BarcodeLike]:
        """Barcodes decoded on the flat label, with their boxes mapped back into the frame."""
        decoded = self._decode(rect.image)
        back = np.linalg.inv(rect.matrix)
        return [_Found(b.text, b.symbology, img.map_box(b.position, back) if b.position else None)
                for b in decoded]

    def _maxicodes(self, rect: img.Rectified) -> list[Symbol]:
        """MaxiCodes decoded from squares cut around bullseyes on the flat label."""
        decoder = self._decoder
        if decoder is None:
            return []
        found: list[Symbol] = []
        scale = rect.image.shape[1] / img.LABEL_SHORT
        for cx, cy, radius in img.find_bullseyes(rect.image, round(8 * scale), round(60 * scale))[:2]:
            half = radius * 3.6
            box = (round(cx - half), round(cy - half * 0.95), round(2 * half), round(1.9 * half))
            try:
                decoded = decoder(img.crop(rect.image, box, pad_to=12))
            except Exception:
                log.exception("MaxiCode decoding failed")
                continue
            found += [Symbol(b.text, b.symbology) for b in decoded if b.symbology == "maxicode"]
        return found

    def _ocr_pass(self, rect: img.Rectified, boxes: list[img.Box], turns: int, postal_hint: str | None) -> _Ocr:
        turned = rect.rotated(turns)
        turned_boxes = [img.map_box(box, turned.matrix @ np.linalg.inv(rect.matrix)) for box in boxes]
        prepared = img.even_out(img.blank(turned.image, turned_boxes))
        lines = self._recognise(prepared)
        conf = float(np.mean([line.conf for line in lines])) if lines else 0.0
        ship = find_ship_to(lines, self.matcher.address, postal_hint)
        return _Ocr(lines, ship, turns, conf)

    def _recognise(self, gray: np.ndarray) -> list[TextLine]:
        engine = self.ocr
        pad = 10
        strips = img.split_rows(gray, self._workers)
        jobs = [(top, cv2.copyMakeBorder(strip, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255))
                for top, strip in strips]
        if len(jobs) == 1:
            results = [engine.words(jobs[0][1])]
        else:
            pool = self._executor()
            futures = [pool.submit(engine.words, strip) for _, strip in jobs[1:]]
            results = [engine.words(jobs[0][1])] + [f.result() for f in futures]
        lines: list[TextLine] = []
        for (top, _), words in zip(jobs, results, strict=True):
            lines += lines_from_words(words, offset=(-pad, top - pad))
        lines.sort(key=lambda line: (line.top, line.left))
        return lines

    def _executor(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=self._workers - 1, thread_name_prefix="label-ocr")
            return self._pool


@dataclass(frozen=True)
class _Found:
    text: str
    symbology: str
    position: tuple[int, int, int, int] | None


def _has_tracking(barcodes: Sequence[BarcodeLike]) -> bool:
    found = pick_tracking([b.text for b in barcodes])
    return found is not None and found.valid


def _merge(first: Sequence[BarcodeLike], more: Sequence[BarcodeLike]) -> list[BarcodeLike]:
    seen = {(b.text, b.symbology) for b in first}
    return [*first, *(b for b in more if (b.text, b.symbology) not in seen)]


def _since(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 1)


def _turns_from_barcodes(rect: img.Rectified, barcodes: Sequence[BarcodeLike]) -> int:
    """Quarter turns that put the biggest 1D barcode across the label and in its lower half."""
    h, w = rect.image.shape[:2]
    boxes = [img.map_box(b.position, rect.matrix) for b in barcodes
             if b.position is not None and b.symbology in _ONE_D and not _ROUTING.fullmatch(b.text)]
    if not boxes:
        return 0
    x, y, bw, bh = max(boxes, key=lambda b: b[2] * b[3])
    turns = 0
    cx, cy = x + bw / 2, y + bh / 2
    if bh > 1.3 * bw:  # bars lie along the label: the picture is on its side
        turns = 1
        cx, cy = h - 1 - cy, cx  # where the centre goes after one clockwise turn
    height = w if turns else h
    if cy < 0.42 * height:  # near the middle it says nothing; the text will tell
        turns += 2
    return turns % 4


def _street_number(street: str) -> str | None:
    match = re.match(r"\s*(\d{1,6}[A-Z]?)\b", street.upper())
    return match.group(1) if match else None


def _tracking(symbols: Sequence[Symbol], lines: Sequence[TextLine]) -> tuple[TrackingNumber | None, set[str]]:
    flags: set[str] = set()
    if not symbols:
        flags.add(NO_BARCODE)
    tracking = pick_tracking([s.text for s in symbols])
    if tracking is not None and tracking.valid:
        return tracking, flags
    printed = _tracking_from_text(lines)
    if printed is not None:
        flags.add(TRACKING_FROM_TEXT)
        return printed, flags
    if tracking is None and symbols:
        flags.add(NO_TRACKING)
    return tracking, flags


def _tracking_from_text(lines: Sequence[TextLine]) -> TrackingNumber | None:
    """A valid tracking number printed on the label (under its barcode, or after "TRACKING #")."""
    found: list[TrackingNumber] = []
    for row in _rows(lines):
        text = row.upper().replace("O", "0") if re.search(r"\d{4}", row) else row.upper()
        texts = [m.group(1) for m in _TRACKING_TEXT.finditer(text)] + [m.group(0) for m in _NUMBER_RUN.finditer(text)]
        for candidate in texts:
            groups = candidate.split()
            # the printed number may run into other digits: try it whole and shortened by groups
            for size in range(len(groups), 0, -1):
                result = parse("".join(groups[:size]))
                if result.valid and (result.check_digit_verified or result.carrier == "amazon") and \
                        result.carrier in _LABEL_CARRIERS:
                    found.append(result)
                    break
    return found[0] if found else None


def _rows(lines: Sequence[TextLine]) -> list[str]:
    """Segments side by side on one row joined again (a number's groups may be split apart)."""
    rows: list[list[TextLine]] = []
    for line in sorted(lines, key=lambda item: (item.top, item.left)):
        for row in rows:
            ref = row[0]
            if abs((line.top + line.bottom) / 2 - (ref.top + ref.bottom) / 2) < 0.5 * max(line.height, ref.height):
                row.append(line)
                break
        else:
            rows.append([line])
    return [" ".join(item.text for item in sorted(row, key=lambda item: item.left)) for row in rows]
