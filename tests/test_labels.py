"""Parcel and shelf labels: sizes, content that changes the picture, codes that read back."""

from __future__ import annotations

from datetime import datetime

import pytest
from PIL import Image, ImageChops

from hardware.camera.decoder import decode_image
from kiosk import labels
from kiosk.labels import LabelData, render_label, render_shelf_label, short_name


def data(**changes: object) -> LabelData:
    base = {
        "parcel_code": "7KQ2M9XA", "unit": "1204", "recipient": "Maria G.", "shelf": "B3",
        "received_at": datetime(2026, 11, 24, 14, 5), "carrier": "UPS",
        "property_name": "Harbor View",
    }
    base.update(changes)
    return LabelData(**base)  # type: ignore[arg-type]


def differs(a: Image.Image, b: Image.Image) -> bool:
    if a.size != b.size:
        return True
    return ImageChops.difference(a.convert("L"), b.convert("L")).getbbox() is not None


@pytest.mark.parametrize("width", [384, 576])
@pytest.mark.parametrize("symbol,symbology", [("qr", "qrcode"), ("code128", "code128")])
def test_label_is_1bit_exact_width_and_its_code_reads_back(width: int, symbol, symbology) -> None:
    label = render_label(data(), width_dots=width, symbol=symbol)
    assert label.mode == "1" and label.width == width
    assert width < label.height < width * 2.2  # a label, not a receipt
    assert [(b.text, b.symbology) for b in decode_image(label)] == [("7KQ2M9XA", symbology)]


def test_each_handling_flag_adds_a_pictogram() -> None:
    plain = render_label(data())
    flagged = {
        flag: render_label(data(**{flag: True}))
        for flag in ("perishable", "oversized", "signature_required", "fragile")
    }
    for flag, image in flagged.items():
        assert image.height > plain.height, flag
    pictures = list(flagged.values())
    for i, a in enumerate(pictures):
        for b in pictures[i + 1:]:
            assert differs(a, b)  # four different pictograms, not one box
    everything = render_label(data(perishable=True, oversized=True, signature_required=True,
                                   fragile=True), width_dots=384)
    assert everything.width == 384
    assert decode_image(everything)[0].text == "7KQ2M9XA"


def test_content_changes_the_picture() -> None:
    base = render_label(data())
    for change in ({"unit": "1205"}, {"shelf": "C1"}, {"recipient": "Mario G."},
                   {"carrier": None}, {"received_at": datetime(2026, 11, 24, 14, 6)},
                   {"property_name": ""}):
        assert differs(base, render_label(data(**change))), change


def test_long_texts_shrink_and_never_overflow() -> None:
    label = render_label(data(unit="PH-1204-WEST-TOWER", recipient="Maximiliana-Alexandra W.",
                              shelf="OVERFLOW ROOM 3 BACK WALL", carrier="Some Regional Courier",
                              property_name="The Residences at Harbor View East"),
                         width_dots=384)
    assert label.width == 384
    assert decode_image(label)[0].text == "7KQ2M9XA"


def test_works_without_any_truetype_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(labels, "_font_file", lambda bold: None)
    labels._font.cache_clear()
    try:
        label = render_label(data(perishable=True), width_dots=384)
        assert label.width == 384 and decode_image(label)[0].text == "7KQ2M9XA"
    finally:
        labels._font.cache_clear()


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="multiple of 8"):
        render_label(data(), width_dots=500)
    with pytest.raises(ValueError, match="symbol"):
        render_label(data(), symbol="aztec")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="too long for a Code 128"):
        render_label(data(parcel_code="X" * 40), width_dots=384, symbol="code128")
    long_code = render_label(data(parcel_code="X" * 40), width_dots=384)
    assert decode_image(long_code)[0].text == "X" * 40


@pytest.mark.parametrize("width", [384, 576])
def test_shelf_label(width: int) -> None:
    label = render_shelf_label("SH-B3", "Shelf B3", width_dots=width)
    assert label.mode == "1" and label.width == width
    assert [(b.text, b.symbology) for b in decode_image(label)] == [("SH-B3", "code128")]


def test_short_name() -> None:
    assert short_name("Maria", "garcia") == "Maria G."
    assert short_name(" Jo ", "") == "Jo"
    assert short_name("", "Wu") == "W."
