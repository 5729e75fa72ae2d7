"""Label reading with the camera's barcode decoder plugged in, and ``packroom labels evaluate``.

The split: :mod:`kiosk.labelread` is the whole pipeline (finding the label, OCR, payloads,
ship-to, matching) over numpy arrays, but it may not import the hardware layer, so it takes
the barcode decoder as a plain callable. This module supplies
:func:`hardware.camera.decoder.decode_image` — zxing-cpp multi-read, 1D and 2D, with the
pyzbar QR fallback — to it. The intake screen calls :meth:`LabelReader.read` with a camera
frame on a worker thread::

    reader = label_reader(db, directory, settings)      # once, in the composition root
    reader.warm_up()                                     # off the GUI thread: loads Tesseract
    reading = reader.read(frame_bgr)                     # per "Read label", off the GUI thread

``reading`` is a :class:`kiosk.labelread.reader.LabelReading`.
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.labelread.defaults import DEFAULT_THRESHOLD, THRESHOLD_SETTING

if TYPE_CHECKING:
    import numpy as np

    from hardware.camera.decoder import Barcode
    from kiosk.labelread.reader import LabelReader
    from kiosk.persistence.uow import Database
    from kiosk.residents.directory import ResidentDirectory

# The pipeline (OpenCV, NumPy, the matcher) is imported where it is used: the kiosk builds its
# label reader at start but loads it at the first staff sign-in (LazyLabelReader).

log = logging.getLogger(__name__)

__all__ = ["LazyLabelReader", "decode_label_barcodes", "label_reader", "register"]


def decode_label_barcodes(frame: np.ndarray) -> Sequence[Barcode]:
    """Every barcode in a label photo: zxing-cpp (all symbologies), pyzbar for missed QR codes."""
    from hardware.camera.decoder import decode_image

    return decode_image(frame)


def label_reader(db: Database, directory: ResidentDirectory, settings: Any, *,
                 address: str | None = None) -> LabelReader:
    """A :class:`LabelReader` for the kiosk: the settings' threshold, the property's address.

    ``address`` defaults to ``Property.address`` of the only property in the database.
    Raises :class:`~kiosk.labelread.ocr.OcrUnavailable` when Tesseract is not installed.
    """
    from kiosk.labelread.reader import LabelReader
    from kiosk.labelread.service import property_address

    if address is None:
        address = property_address(db)
    return LabelReader.from_settings(directory, settings, address=address, decoder=decode_label_barcodes)


class LazyLabelReader:
    """The kiosk's label reader, built on first use: at the first staff sign-in (``warm_up``, off the GUI
    thread) or the first ``read``. Until then neither OpenCV nor the OCR engines are loaded, so the
    resident screen comes up without them.

    Built only where :func:`~kiosk.labelread.ocr.check_available` found Tesseract.
    """

    def __init__(self, db: Database, directory: ResidentDirectory, settings: Any) -> None:
        self._args = (db, directory, settings)
        self._reader: LabelReader | None = None
        self._lock = threading.Lock()

    def _get(self) -> LabelReader:
        with self._lock:
            if self._reader is None:
                self._reader = label_reader(*self._args)
            return self._reader

    def warm_up(self) -> None:
        """Build the reader and load its OCR engines now, so the first label is not slow."""
        self._get().warm_up()

    def read(self, frame: np.ndarray) -> Any:
        """See :meth:`kiosk.labelread.reader.LabelReader.read`."""
        return self._get().read(frame)

    def close(self) -> None:
        with self._lock:
            reader, self._reader = self._reader, None
        if reader is not None:
            reader.close()


# --------------------------------------------------------------------------- the CLI


def register(subparsers: Any) -> None:
    """Add ``packroom labels evaluate`` to the ``packroom`` parser."""
    labels = subparsers.add_parser("labels", help="shipping-label reading: measure its accuracy")
    sub = labels.add_subparsers(dest="labels_command", required=True, metavar="COMMAND")
    evaluate = sub.add_parser(
        "evaluate",
        help="read every image listed in DIR/truth.csv and report how often the right resident "
             "was proposed",
        description="Import ROSTER.csv into a scratch database, read every label photo listed in "
                    "DIR/truth.csv (columns image, tracking_number, resident_unit, resident_name; an "
                    "empty resident means the parcel is for nobody living here) and report the share of "
                    "right proposals, wrong proposals above the threshold, abstentions, tracking "
                    "numbers found and the time per label. Nothing is written to the kiosk's database.",
    )
    evaluate.add_argument("folder", metavar="DIR", help="folder with the images and truth.csv")
    evaluate.add_argument("--residents", metavar="ROSTER.csv", required=True, action="append",
                          help="rent-roll CSV of the building the labels are addressed to; give an older "
                               "roster first, then the current one, to have residents who left known as "
                               "moved out")
    evaluate.add_argument("--json", action="store_true",
                          help='one JSON object per image: {"image", "tracking_number", "resident_unit", '
                               '"resident_name", "confidence"} (a resident only when proposed)')
    evaluate.add_argument("--preset", metavar="NAME", help="rent-roll column layout (default: detected)")
    evaluate.add_argument("--address", metavar="TEXT",
                          help="the building's street address, to flag parcels for another building "
                               "number (default: the first line of DIR/address.txt, if there is one)")
    evaluate.add_argument("--threshold", type=float, metavar="X",
                          help=f"proposal threshold 0..1 (default: {THRESHOLD_SETTING}, {DEFAULT_THRESHOLD})")
    evaluate.set_defaults(func=_cmd_evaluate)


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from kiosk.cli import CliError, settings_from
    from kiosk.labelread import evaluate as ev
    from kiosk.labelread.ocr import OcrUnavailable, TesseractOcr
    from kiosk.labelread.reader import LabelReader
    from kiosk.residents.directory import ResidentDirectory
    from kiosk.residents.presets import RentRollError

    folder = Path(args.folder).expanduser()
    if not folder.is_dir():
        raise CliError(f"{folder}: no such folder")
    threshold = args.threshold
    if threshold is None:
        threshold = float(settings_from(args).get(THRESHOLD_SETTING, DEFAULT_THRESHOLD))
    if not 0.0 < threshold <= 1.0:
        raise CliError(f"--threshold {threshold}: must be greater than 0 and at most 1")
    address: str = args.address or ""
    if args.address is None and (folder / ev.ADDRESS_FILE).is_file():
        address = next(iter((folder / ev.ADDRESS_FILE).read_text(encoding="utf-8").split("\n")), "").strip()
    try:
        truth = ev.read_truth(folder)
        ocr = TesseractOcr()
        with ev.scratch_database([Path(p).expanduser() for p in args.residents], preset=args.preset,
                                 address=address) as db:
            directory = ResidentDirectory(db, max_age=None)
            reader = LabelReader(directory, address=address or None, threshold=threshold, ocr=ocr,
                                 decoder=decode_label_barcodes)
            try:
                reader.warm_up()
                results = ev.evaluate(folder, truth, reader.read)
            finally:
                reader.close()
    except (ev.EvaluationError, RentRollError, OcrUnavailable) as exc:
        raise CliError(str(exc)) from None
    for result in results:
        if result.error:
            print(f"packroom labels evaluate: {result.error}", file=sys.stderr)
    if args.json:
        for line in ev.json_lines(results):
            print(line)
    else:
        print(ev.summarise(results).text(threshold))
    return 1 if any(r.error for r in results) else 0
