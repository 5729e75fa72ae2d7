"""The whole pipeline on generated labels: barcodes, OCR (real Tesseract), ship-to, match.

Labels are drawn at test time (``tests.labelgen``) for residents of the generated building
in the test's own SQLite file, then read through ``hardware.labelread`` exactly as the intake
screen does. The accuracy figures over hundreds of labels are ``bench/bench_labelread.py``'s.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator

import numpy as np
import pytest
from PIL import Image

from hardware.labelread import decode_label_barcodes, label_reader
from kiosk.config import Settings
from kiosk.labelread.address import parse_address
from kiosk.labelread.image import find_bullseyes
from kiosk.labelread.match import AMBIGUOUS, DEFAULT_THRESHOLD, MOVED_OUT, OTHER_BUILDING
from kiosk.labelread.ocr import TesseractOcr
from kiosk.labelread.reader import LabelReader, LabelReading
from tests import labelgen
from tests.labelread.conftest import Building

THRESHOLD = 0.85


@pytest.fixture
def reader(building: Building, ocr: TesseractOcr) -> Iterator[LabelReader]:
    reader = LabelReader(building.directory, address=labelgen.SITE.address, threshold=THRESHOLD, ocr=ocr,
                         decoder=decode_label_barcodes)
    yield reader
    reader.close()


def person(building: Building, unit: str, name: str) -> labelgen.Person:
    return next(p for p in building.roster if (p.unit, p.full_name) == (unit, name))


def bgr(label: Image.Image) -> np.ndarray:
    gray = np.asarray(label.convert("L"))
    return np.repeat(gray[:, :, None], 3, axis=2)


@pytest.mark.parametrize("carrier", labelgen.CARRIERS)
def test_clean_label_proposes_the_right_resident(building: Building, reader: LabelReader, carrier: str) -> None:
    rng = random.Random(carrier)
    shipment, truth = labelgen.shipment_for(rng, person(building, "1102", "John Smith"), carrier,
                                            name="JOHN SMITH")
    reading = reader.read(bgr(labelgen.render_label(shipment)))
    assert reading.tracking_number == truth.tracking
    assert reading.resident_id == building.resident_id("1102", "John Smith"), reading
    assert reading.confidence >= THRESHOLD
    assert reading.resident_label == "John S. · 1102"
    assert reading.recipient_unit == "1102" and "JOHN SMITH" in reading.recipient_text.upper()


def test_photographed_label_proposes_the_right_resident(building: Building, reader: LabelReader) -> None:
    rng = random.Random(3)
    shipment, _ = labelgen.shipment_for(rng, person(building, "204", "Maria Garcia"), "ups",
                                        name="MARIA GARCIA")
    frame = labelgen.photograph(labelgen.render_label(shipment), "perspective", seed=4)
    reading = reader.read(frame)
    assert reading.resident_id == building.resident_id("204", "Maria Garcia"), reading
    assert reading.tracking_number == shipment.tracking


def test_upside_down_label_is_read(building: Building, reader: LabelReader) -> None:
    shipment, _ = labelgen.shipment_for(random.Random(5), person(building, "402", "Priya Patel"), "usps",
                                        name="PRIYA PATEL")
    upside_down = labelgen.render_label(shipment).rotate(180)
    reading = reader.read(bgr(upside_down))
    assert reading.resident_id == building.resident_id("402", "Priya Patel"), reading


def test_ambiguous_label_abstains_and_offers_the_namesakes(building: Building, reader: LabelReader) -> None:
    rng = random.Random(7)
    shipment, _ = labelgen.shipment_for(rng, person(building, "305", "John Smith"), "fedex", unit_shown=False,
                                        name="JOHN SMITH")
    reading = reader.read(bgr(labelgen.render_label(shipment)))
    assert reading.resident_id is None and reading.resident_label == ""
    assert AMBIGUOUS in reading.flags
    assert {c.unit for c in reading.candidates[:2]} == {"305", "1102"}
    assert reading.confidence < THRESHOLD


@pytest.mark.parametrize(("kind", "flag"), [("neighbour", OTHER_BUILDING), ("moved_out", MOVED_OUT),
                                            ("stranger", None), ("surname", None)])
def test_parcel_for_nobody_here_is_not_proposed(building: Building, reader: LabelReader, kind: str,
                                                flag: str | None) -> None:
    shipment, _ = labelgen.shipment_for_nobody(random.Random(kind), building.roster, kind, "amazon")
    reading = reader.read(bgr(labelgen.render_label(shipment)))
    assert reading.resident_id is None, reading
    if flag:
        assert flag in reading.flags


def test_tracking_number_is_found_among_several_barcodes(building: Building, reader: LabelReader) -> None:
    """Amazon: an order-number Code 128 and a QR besides it; UPS: the 420 routing barcode and a MaxiCode."""
    for carrier in ("amazon", "ups"):
        shipment, _ = labelgen.shipment_for(random.Random(carrier + "x"), person(building, "611", "Ann Lee"),
                                            carrier)
        reading = reader.read(bgr(labelgen.render_label(shipment)))
        assert len(reading.barcodes) >= 3, reading.barcodes
        assert reading.tracking_number == shipment.tracking and reading.tracking_valid
        assert reading.carrier == carrier


def test_ups_maxicode_is_decoded_from_the_whole_label(building: Building, reader: LabelReader) -> None:
    shipment, _ = labelgen.shipment_for(random.Random(9), person(building, "710", "Robert Chen"), "ups")
    reading = reader.read(bgr(labelgen.render_label(shipment)))
    assert any(b.symbology == "maxicode" for b in reading.barcodes)
    assert reading.payload is not None and reading.payload.zip5 == labelgen.SITE.zip5


def test_barcodes_passed_in_are_used_as_they_are(building: Building, ocr: TesseractOcr) -> None:
    """The camera worker has decoded the frame already: no decoder needed here."""
    shipment, _ = labelgen.shipment_for(random.Random(10), person(building, "808", "Jon Smyth"), "usps",
                                        name="JON SMYTH")
    frame = bgr(labelgen.render_label(shipment))
    reader = LabelReader(building.directory, address=labelgen.SITE.address, ocr=ocr)
    reading = reader.read(frame, barcodes=decode_label_barcodes(frame))
    assert reading.tracking_number == shipment.tracking
    assert reading.resident_id == building.resident_id("808", "Jon Smyth")


def test_no_barcode_reads_the_printed_number(building: Building, reader: LabelReader) -> None:
    shipment, _ = labelgen.shipment_for(random.Random(12), person(building, "906", "Anne Li"), "ups")
    image = np.asarray(labelgen.render_label(shipment)).copy()
    # every barcode torn off (the MaxiCode too); the number is still printed as text
    for barcode in decode_label_barcodes(image):
        assert barcode.position is not None
        x, y, w, h = barcode.position
        image[y - 10:y + h + 10, x - 10:x + w + 10] = 255
    for cx, cy, radius in find_bullseyes(image):
        image[int(cy - 4 * radius):int(cy + 4 * radius), max(0, int(cx - 4 * radius)):int(cx + 4 * radius)] = 255
    reading = reader.read(np.repeat(image[:, :, None], 3, axis=2))
    assert reading.tracking_number == shipment.tracking
    assert "tracking_from_text" in reading.flags


def test_nothing_to_read(reader: LabelReader) -> None:
    blank = np.full((720, 1280, 3), 200, np.uint8)
    reading = reader.read(blank)
    assert isinstance(reading, LabelReading)
    assert (reading.tracking_number, reading.resident_id, reading.candidates) == (None, None, ())
    assert {"no_barcode"} <= reading.flags
    with pytest.raises(ValueError):
        reader.read(np.zeros((0,), np.uint8))


def test_tesseract_program_backend_reads_the_same(building: Building) -> None:
    """Without tesserocr the ``tesseract`` program is run instead."""
    import shutil

    if shutil.which("tesseract") is None:
        pytest.skip("the tesseract program is not installed (Debian package tesseract-ocr)")
    shipment, _ = labelgen.shipment_for(random.Random(13), person(building, "1001", "Wei Chen"), "fedex",
                                        name="WEI CHEN")
    reader = LabelReader(building.directory, address=labelgen.SITE.address, ocr=TesseractOcr(backend="cli"),
                         decoder=decode_label_barcodes, workers=1)
    reading = reader.read(bgr(labelgen.render_label(shipment)))
    assert reading.resident_id == building.resident_id("1001", "Wei Chen")


def test_kiosk_reader_is_built_from_settings_and_the_property(building: Building, settings: Settings) -> None:
    """What the composition root builds for the intake screen's "Read label" button."""
    reader = label_reader(building.db, building.directory, settings)
    try:
        assert reader.threshold == DEFAULT_THRESHOLD  # labels.match_threshold, when not configured
        assert reader.matcher.address == parse_address(labelgen.SITE.address)
        shipment, _ = labelgen.shipment_for(random.Random(14), person(building, "512", "Marie Garcia"), "amazon",
                                            name="MARIE GARCIA")
        reading = reader.read(bgr(labelgen.render_label(shipment)))
    finally:
        reader.close()
    assert reading.resident_id == building.resident_id("512", "Marie Garcia")
    with pytest.raises(dataclasses.FrozenInstanceError):
        reading.resident_id = None  # type: ignore[misc]  # plain frozen data for the GUI thread
