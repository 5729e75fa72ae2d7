"""Fixtures for the label-reading tests: the generated building in a real SQLite file, Tesseract.

The roster (``tests.labelgen.make_roster``) is imported with the real rent-roll importer into
the test's own migrated SQLite file; labels are drawn at test time into ``tmp_path``. Tests
that OCR skip with the reason when Tesseract or its English data is not installed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.labelread.ocr import OcrUnavailable, TesseractOcr
from kiosk.persistence.models import Property
from kiosk.persistence.uow import Database
from kiosk.residents.directory import ResidentDirectory
from kiosk.residents.importer import import_residents
from tests import labelgen

SEED = 11


@dataclass
class Building:
    db: Database
    directory: ResidentDirectory
    roster: list[labelgen.Person]
    roster_csv: Path

    def resident_id(self, unit: str, full_name: str) -> int:
        """The id of the resident of ``unit`` called ``full_name`` (moved out or not)."""
        hits = [h for h in self.directory.by_unit(unit, include_moved_out=True) if h.full_name == full_name]
        assert len(hits) == 1, (unit, full_name, hits)
        return hits[0].resident_id


def make_building(db: Database, folder: Path, seed: int = SEED) -> Building:
    roster = labelgen.make_roster(random.Random(seed), 60)
    # last year's roster first, so that the residents who left since are known as moved out
    before = labelgen.write_roster(folder / "roster-before.csv", labelgen.everyone_current(roster))
    path = labelgen.write_roster(folder / "roster.csv", roster)
    for rent_roll in (before, path):
        report = import_residents(db, rent_roll)
        assert report.ok, report.summary()
    with db.uow() as uow:
        for prop in uow.session.scalars(select(Property)):
            prop.address = labelgen.SITE.address
        uow.commit()
    return Building(db, ResidentDirectory(db, max_age=None), roster, path)


@pytest.fixture
def building(db: Database, tmp_path: Path) -> Building:
    """About 60 residents with the hard cases (two John Smiths, three Garcias, moved-out tenants)."""
    return make_building(db, tmp_path)


@pytest.fixture(scope="session")
def ocr() -> Iterator[TesseractOcr]:
    """One Tesseract engine pool for the whole session (loading one takes a fraction of a second)."""
    try:
        engine = TesseractOcr()
    except OcrUnavailable as exc:
        pytest.skip(f"Tesseract is not installed: {exc}")
    yield engine
