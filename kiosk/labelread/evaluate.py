"""Accuracy of the label reader on a folder of labelled photos (``packroom labels evaluate``).

The folder holds images and ``truth.csv`` with the columns ``image, tracking_number,
resident_unit, resident_name`` (an empty resident: the parcel is for nobody who lives here).
The roster is imported into a scratch SQLite database of its own, so a real building's data
is never touched, and every image goes through the whole pipeline: barcodes, OCR, match.

An image's outcome is *right* (a proposal, for the resident the truth names), *wrong* (a
proposal for anyone else, or for a parcel meant for nobody here) or *abstained* (no proposal:
staff choose among the candidates). The report gives the share of right proposals among
parcels for a resident, wrong proposals and abstentions among all images, tracking numbers
found, and the time per label.
"""

from __future__ import annotations

import csv
import json
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from sqlalchemy import select

from kiosk.eventlog import Actor
from kiosk.labelread.address import unit_key
from kiosk.labelread.reader import LabelReading
from kiosk.persistence.database import create_db_engine
from kiosk.persistence.migrate import upgrade
from kiosk.persistence.models import Property
from kiosk.persistence.uow import Database
from kiosk.residents.importer import import_residents
from kiosk.residents.values import name_key
from kiosk.tracking import parse

TRUTH_FILE = "truth.csv"
ADDRESS_FILE = "address.txt"
COLUMNS = ("image", "tracking_number", "resident_unit", "resident_name")

Reader = Callable[[np.ndarray], LabelReading]


class EvaluationError(ValueError):
    """The folder, its truth file or the roster cannot be used; the message says why."""


@dataclass(frozen=True)
class Truth:
    image: str
    tracking_number: str | None
    resident_unit: str | None
    resident_name: str | None

    @property
    def for_resident(self) -> bool:
        return bool(self.resident_unit or self.resident_name)


def read_truth(folder: Path) -> list[Truth]:
    """The rows of ``folder/truth.csv``; :class:`EvaluationError` names what is wrong with it."""
    path = folder / TRUTH_FILE
    if not path.is_file():
        raise EvaluationError(f"{path}: no such file (the folder needs a {TRUTH_FILE} with columns "
                              f"{', '.join(COLUMNS)})")
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
            header = rows[0].keys() if rows else []
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise EvaluationError(f"{path}: cannot be read: {exc}") from None
    missing = [c for c in COLUMNS if c not in header]
    if not rows:
        raise EvaluationError(f"{path}: no rows")
    if missing:
        raise EvaluationError(f"{path}: missing column(s) {', '.join(missing)}")
    truth = []
    for number, row in enumerate(rows, start=2):
        image = (row["image"] or "").strip()
        if not image:
            raise EvaluationError(f"{path} row {number}: the image column is empty")
        truth.append(Truth(image, (row["tracking_number"] or "").strip() or None,
                           (row["resident_unit"] or "").strip() or None,
                           (row["resident_name"] or "").strip() or None))
    return truth


@contextmanager
def scratch_database(rosters: Sequence[Path], *, preset: str | None = None, address: str = "") -> Iterator[Database]:
    """A temporary SQLite database holding only the residents of ``rosters`` (and the address).

    The rosters are imported in order, each as the full truth of its day: give an older
    roster first and the residents who have left since are known, as moved out.
    """
    for roster in rosters:
        if not roster.is_file():
            raise EvaluationError(f"{roster}: no such file")
    with tempfile.TemporaryDirectory(prefix="packroom-labels-") as folder:
        engine = create_db_engine(f"sqlite:///{Path(folder) / 'scratch.sqlite3'}")
        db = Database(engine)
        try:
            upgrade(engine)
            for roster in rosters:
                report = import_residents(db, roster, preset=preset, full_roster=True,
                                          actor=Actor.system("packroom labels evaluate"))
                if not report.ok:
                    raise EvaluationError(f"{roster}: the roster has errors, nothing imported:\n"
                                          f"{report.summary()}")
            if address:
                with db.uow() as uow:
                    for prop in uow.session.scalars(select(Property)):
                        prop.address = address[:240]
                    uow.commit()
            yield db
        finally:
            db.dispose()


@dataclass(frozen=True)
class ImageResult:
    truth: Truth
    reading: LabelReading | None
    error: str | None
    ms: float
    cpu_ms: float

    @property
    def proposed(self) -> tuple[str, str] | None:
        reading = self.reading
        if reading is None or reading.proposed is None:
            return None
        return reading.proposed.unit, reading.proposed.full_name

    @property
    def outcome(self) -> str:
        proposed = self.proposed
        if proposed is None:
            return "abstained"
        unit, name = proposed
        truth = self.truth
        if not truth.for_resident:
            return "wrong"
        unit_ok = truth.resident_unit is None or unit_key(truth.resident_unit) == unit_key(unit)
        name_ok = truth.resident_name is None or name_key(truth.resident_name) == name_key(name)
        return "right" if unit_ok and name_ok else "wrong"

    @property
    def tracking_found(self) -> bool:
        wanted = self.truth.tracking_number
        got = self.reading.tracking_number if self.reading else None
        if not wanted:
            return got is None
        return got is not None and parse(wanted).number == got

    def as_json(self) -> dict[str, Any]:
        reading, proposed = self.reading, self.proposed
        return {
            "image": self.truth.image,
            "tracking_number": reading.tracking_number if reading else None,
            "resident_unit": proposed[0] if proposed else None,
            "resident_name": proposed[1] if proposed else None,
            "confidence": round(reading.confidence, 3) if reading else 0.0,
        }


def load_image(path: Path) -> np.ndarray:
    """A BGR array of an image file; :class:`EvaluationError` when it cannot be read."""
    if not path.is_file():
        raise EvaluationError(f"{path}: no such file")
    data = np.fromfile(str(path), dtype=np.uint8)  # imread cannot open non-ASCII paths on Windows
    image = cv2.imdecode(data, cv2.IMREAD_COLOR) if data.size else None
    if image is None:
        raise EvaluationError(f"{path}: not an image OpenCV can read")
    return image


def evaluate(folder: Path, truth: Sequence[Truth], read: Reader,
             progress: Callable[[ImageResult], None] | None = None) -> list[ImageResult]:
    """Run ``read`` on every image of ``truth``; an unreadable image is a result with an error."""
    results = []
    for row in truth:
        started, cpu = time.perf_counter(), time.process_time()
        try:
            reading: LabelReading | None = read(load_image(folder / row.image))
            error = None
        except EvaluationError as exc:
            reading, error = None, str(exc)
        result = ImageResult(row, reading, error, (time.perf_counter() - started) * 1000,
                             (time.process_time() - cpu) * 1000)
        results.append(result)
        if progress is not None:
            progress(result)
    return results


@dataclass(frozen=True)
class Summary:
    images: int
    for_residents: int
    right: int
    wrong: int
    abstained: int
    nobody_abstained: int
    nobody: int
    tracking_found: int
    errors: int
    ms_mean: float
    ms_p95: float
    cpu_ms_mean: float

    @property
    def right_rate(self) -> float:
        return self.right / self.for_residents if self.for_residents else 0.0

    @property
    def wrong_rate(self) -> float:
        return self.wrong / self.images if self.images else 0.0

    @property
    def abstain_rate(self) -> float:
        return self.abstained / self.images if self.images else 0.0

    @property
    def tracking_rate(self) -> float:
        return self.tracking_found / self.images if self.images else 0.0

    def text(self, threshold: float) -> str:
        def pct(n: int, d: int) -> str:
            return f"{100 * n / d:5.1f} % ({n}/{d})" if d else "    – (0/0)"

        unreadable = f" ({self.errors} unreadable)" if self.errors else ""
        lines = [
            f"labels read:                      {self.images}{unreadable}",
            f"right proposals:                  {pct(self.right, self.for_residents)} of parcels for a resident",
            f"wrong proposals above {threshold:.2f}:     {pct(self.wrong, self.images)} of all labels",
            f"abstentions (staff choose):       {pct(self.abstained, self.images)} of all labels",
            f"  for nobody here, abstained:     {pct(self.nobody_abstained, self.nobody)}",
            f"tracking numbers found:           {pct(self.tracking_found, self.images)}",
            f"time per label:                   {self.ms_mean:.0f} ms mean, {self.ms_p95:.0f} ms p95 "
            f"({self.cpu_ms_mean:.0f} ms CPU)",
        ]
        return "\n".join(lines)


def summarise(results: Sequence[ImageResult]) -> Summary:
    outcomes = [r.outcome for r in results]
    times = sorted(r.ms for r in results) or [0.0]
    nobody = [r for r in results if not r.truth.for_resident]
    return Summary(
        images=len(results),
        for_residents=sum(1 for r in results if r.truth.for_resident),
        right=outcomes.count("right"),
        wrong=outcomes.count("wrong"),
        abstained=outcomes.count("abstained"),
        nobody_abstained=sum(1 for r in nobody if r.outcome == "abstained"),
        nobody=len(nobody),
        tracking_found=sum(1 for r in results if r.tracking_found),
        errors=sum(1 for r in results if r.error),
        ms_mean=statistics.fmean(times),
        ms_p95=times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
        cpu_ms_mean=statistics.fmean([r.cpu_ms for r in results] or [0.0]),
    )


def json_lines(results: Sequence[ImageResult]) -> Iterator[str]:
    for result in results:
        yield json.dumps(result.as_json(), ensure_ascii=False)
