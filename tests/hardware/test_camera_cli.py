"""``packroom decode IMAGE... [--json]`` on a real photo, an image without a code, a bad file."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from hardware.camera.cli import decode_command, register
from hardware.camera.sim import render_symbol
from tests.hardware.test_camera_decode import PHOTOS


@pytest.fixture
def photo() -> Path:
    path = PHOTOS / "code128-1" / "1.png"
    if not path.is_file():
        pytest.skip(f"../shared/testdata/barcode-photos not present (a user's clone): {PHOTOS}")
    return path


@pytest.fixture
def blank(tmp_path: Path) -> Path:
    path = tmp_path / "blank.png"
    Image.fromarray(np.full((240, 320), 200, np.uint8)).save(path)
    return path


def test_json_one_line_per_image_even_without_barcode(photo: Path, blank: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert decode_command([str(photo), str(blank)], as_json=True, out=out, err=err) == 0
    lines = out.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == [
        {"image": str(photo), "barcodes": [{"text": "168901", "symbology": "code128"}]},
        {"image": str(blank), "barcodes": []},
    ]
    assert err.getvalue() == ""


def test_plain_output_lists_barcodes_only(photo: Path, blank: Path) -> None:
    out = io.StringIO()
    assert decode_command([str(blank), str(photo)], as_json=False, out=out) == 0
    assert out.getvalue() == f"{photo}: 168901 (code128)\n"


def test_control_characters_stay_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "gs1.png"
    Image.fromarray(render_symbol("420 10001\n9400", "qrcode")).save(path)
    out = io.StringIO()
    decode_command([str(path)], as_json=False, out=out)
    assert out.getvalue() == f"{path}: 420 10001\\n9400 (qrcode)\n"


def test_unreadable_images_are_reported_and_the_rest_decoded(
    photo: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG not really")
    missing = tmp_path / "missing.jpg"
    out, err = io.StringIO(), io.StringIO()
    code = decode_command([str(missing), str(broken), str(photo)], as_json=True, out=out, err=err)
    assert code == 1
    assert [json.loads(line)["image"] for line in out.getvalue().splitlines()] == [str(photo)]
    errors = err.getvalue().splitlines()
    assert len(errors) == 2
    assert str(missing) in errors[0] and "no such file" in errors[0]
    assert str(broken) in errors[1] and "cannot read" in errors[1]


def test_register_adds_the_decode_subcommand(
    photo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parser = argparse.ArgumentParser(prog="packroom")
    register(parser.add_subparsers())
    args = parser.parse_args(["decode", "--json", str(photo)])
    assert args.func(args) == 0
    assert json.loads(capsys.readouterr().out)["barcodes"][0]["text"] == "168901"
    with pytest.raises(SystemExit):
        parser.parse_args(["decode"])  # at least one image
