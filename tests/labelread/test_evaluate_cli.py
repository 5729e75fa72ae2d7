"""``packroom labels evaluate DIR --residents ROSTER.csv [--json]`` on a small generated set."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from hardware.labelread import register
from kiosk.cli import build_parser, run_command
from kiosk.labelread.ocr import TesseractOcr
from tests import labelgen

KEYS = {"image", "tracking_number", "resident_unit", "resident_name", "confidence"}


def packroom(*argv: str) -> int:
    return run_command(build_parser([register]), list(argv))


@pytest.fixture(scope="module")
def labels(tmp_path_factory: pytest.TempPathFactory) -> labelgen.Dataset:
    """Eight labels for residents or for nobody here: six as scanned, two photographed."""
    folder = tmp_path_factory.mktemp("labels")
    dataset = labelgen.make_dataset(folder, 6, ("clean",), seed=21)
    extra = labelgen.make_dataset(folder / "photos", 2, ("perspective",), seed=21)
    for name, truth in extra.truth:
        (folder / "photos" / name).rename(folder / name)
        dataset.truth.append((name, truth))
    labelgen.write_truth(folder, dataset.truth)
    return dataset


def test_summary(labels: labelgen.Dataset, ocr: TesseractOcr, capsys: pytest.CaptureFixture[str]) -> None:
    folder = labels.folder
    assert packroom("labels", "evaluate", str(folder), "--residents", str(folder / "roster-before.csv"),
                    "--residents", str(folder / "roster.csv")) == 0
    out = capsys.readouterr().out
    assert "labels read:                      8" in out
    for heading in ("right proposals:", "wrong proposals above 0.85:", "abstentions (staff choose):",
                    "tracking numbers found:           100.0 % (8/8)", "time per label:"):
        assert heading in out, out


def test_json_one_object_per_image(labels: labelgen.Dataset, ocr: TesseractOcr,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    folder = labels.folder
    assert packroom("labels", "evaluate", str(folder), "--residents", str(folder / "roster.csv"), "--json") == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["image"] for r in records] == [name for name, _ in labels.truth]
    wrong = 0
    for record, (_, truth) in zip(records, labels.truth, strict=True):
        assert set(record) == KEYS
        assert record["tracking_number"] == truth.tracking
        assert 0.0 <= record["confidence"] <= 1.0
        if record["resident_unit"] is None:
            assert record["resident_name"] is None  # abstained: no resident at all
            continue
        assert record["confidence"] >= 0.85
        wrong += (record["resident_unit"], record["resident_name"]) != (truth.unit, truth.name)
    assert wrong == 0
    proposed = sum(r["resident_unit"] is not None for r in records)
    assert proposed >= sum(t.unit is not None for _, t in labels.truth) - 1


def test_threshold_option_is_applied(labels: labelgen.Dataset, ocr: TesseractOcr,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    folder = labels.folder
    only_two = folder / "two"
    only_two.mkdir(exist_ok=True)
    rows = list(csv.reader((folder / "truth.csv").open(encoding="utf-8")))
    with (only_two / "truth.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([rows[0]] + [[f"../{r[0]}", *r[1:]] for r in rows[1:3]])
    assert packroom("labels", "evaluate", str(only_two), "--residents", str(folder / "roster.csv"),
                    "--json", "--threshold", "1.0", "--address", labelgen.SITE.address) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(records) == 2
    for record in records:  # only a perfect match is proposed at 1.0
        assert (record["resident_unit"] is not None) == (record["confidence"] >= 1.0)


def test_unreadable_image_is_reported_and_the_rest_evaluated(labels: labelgen.Dataset, tmp_path: Path,
                                                            ocr: TesseractOcr,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    folder = labels.folder
    (tmp_path / "junk.png").write_bytes(b"not a picture")
    name, truth = labels.truth[0]
    (tmp_path / name).write_bytes((folder / name).read_bytes())
    labelgen.write_truth(tmp_path, [("junk.png", truth), ("missing.png", truth), (name, truth)])
    assert packroom("labels", "evaluate", str(tmp_path), "--residents", str(folder / "roster.csv"), "--json") == 1
    captured = capsys.readouterr()
    assert "junk.png: not an image" in captured.err and "missing.png: no such file" in captured.err
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert [r["tracking_number"] for r in records] == [None, None, truth.tracking]


@pytest.mark.parametrize("problem", ["no folder", "no truth", "bad columns", "no roster", "bad roster",
                                     "bad threshold"])
def test_bad_input_is_one_line_and_exit_2(labels: labelgen.Dataset, tmp_path: Path, problem: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    folder, roster = labels.folder, labels.folder / "roster.csv"
    args = ["labels", "evaluate", str(folder), "--residents", str(roster)]
    if problem == "no folder":
        args[2] = str(tmp_path / "nowhere")
    elif problem == "no truth":
        args[2] = str(tmp_path)
    elif problem == "bad columns":
        (tmp_path / "truth.csv").write_text("image,tracking\na.png,1Z\n", encoding="utf-8")
        args[2] = str(tmp_path)
    elif problem == "no roster":
        args[4] = str(tmp_path / "roster.csv")
    elif problem == "bad roster":
        (tmp_path / "roster.csv").write_text("colour,shape\nred,square\n", encoding="utf-8")
        args[4] = str(tmp_path / "roster.csv")
    else:
        args += ["--threshold", "1.5"]
    assert packroom(*args) == 2
    err = capsys.readouterr().err
    assert err.startswith("packroom: ") and err.count("\n") >= 1
