"""Label reading figures: right proposals, wrong proposals, abstentions and time per label.

    python bench/bench_labelread.py [--clean 100] [--degraded 20] [--seed 1] [--workers 2]

Generates shipping labels with ``tests/labelgen.py`` for a 120-resident building with
near-duplicate names (``--clean`` labels, half as flat scans and half as square-on photos;
``--degraded`` labels each photographed six ways: rotated, in perspective, blurred, with glare,
in low light, crumpled), imports last year's and this year's roster into a scratch SQLite
database and reads every image through the intake pipeline (``hardware.labelread``: zxing-cpp,
Tesseract, ship-to parsing, directory match). About one label in five is for nobody who lives
here (a stranger, a stranger sharing a resident's surname, a moved-out resident, the building
next door). Prints Markdown tables.

Targets: right proposals ≥ 95 % clean and ≥ 85 % degraded; wrong proposals above the threshold
< 0.5 %; under 800 ms per label on the 2-core kiosk PC. Wall-clock times depend on what else
the machine runs (the load average is printed); the CPU time per label does much less.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import percentiles
from hardware.labelread import decode_label_barcodes
from kiosk.labelread import evaluate as ev
from kiosk.labelread.match import DEFAULT_THRESHOLD
from kiosk.labelread.ocr import TesseractOcr
from kiosk.labelread.reader import LabelReader
from kiosk.residents.directory import ResidentDirectory
from tests import labelgen

HEADER = ("| set | labels | right proposals | wrong above threshold | abstentions | tracking found "
          "| ms p50 | ms p95 | CPU ms mean |\n|---|---|---|---|---|---|---|---|---|")


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:.1f} % ({n}/{d})" if d else "–"


def _row(name: str, results: list[ev.ImageResult]) -> str:
    s = ev.summarise(results)
    p50, p95, _ = percentiles([r.ms for r in results])
    return (f"| {name} | {s.images} | {_pct(s.right, s.for_residents)} | {_pct(s.wrong, s.images)} "
            f"| {_pct(s.abstained, s.images)} | {_pct(s.tracking_found, s.images)} | {p50:.0f} | {p95:.0f} "
            f"| {s.cpu_ms_mean:.0f} |")


def _top_is_truth(result: ev.ImageResult) -> bool:
    reading, truth = result.reading, result.truth
    if reading is None or not reading.candidates or not truth.for_resident:
        return False
    top = reading.candidates[0]
    return (top.unit, top.full_name) == (truth.resident_unit, truth.resident_name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clean", type=int, default=100, help="clean labels (default 100)")
    parser.add_argument("--degraded", type=int, default=20, help="labels photographed 6 ways each (default 20)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2, help="OCR threads per label (default 2: both cores)")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    args = parser.parse_args()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-labels-") as tmp:
        started = time.perf_counter()
        clean = labelgen.make_dataset(Path(tmp) / "clean", args.clean, ("clean",), seed=args.seed)
        degraded = labelgen.make_dataset(Path(tmp) / "degraded", args.degraded, labelgen.DEGRADED,
                                         seed=args.seed + 1000)
        generated_s = time.perf_counter() - started
        ocr = TesseractOcr()
        results: dict[str, list[ev.ImageResult]] = {}
        for name, dataset in (("clean", clean), ("degraded", degraded)):
            folder = dataset.folder
            with ev.scratch_database([folder / "roster-before.csv", folder / "roster.csv"],
                                     address=labelgen.SITE.address) as db:
                reader = LabelReader(ResidentDirectory(db, max_age=None), address=labelgen.SITE.address,
                                     threshold=args.threshold, ocr=ocr, decoder=decode_label_barcodes,
                                     workers=args.workers)
                reader.warm_up()
                results[name] = ev.evaluate(folder, ev.read_truth(folder), reader.read)
                reader.close()
    load_after = os.getloadavg()
    print(f"{len(clean.roster)} residents; labels generated in {generated_s:.0f} s; threshold {args.threshold}; "
          f"{args.workers} OCR thread(s); {os.cpu_count()} CPUs, {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}; load average {load_before[0]:.1f} before, "
          f"{load_after[0]:.1f} after")
    print()
    print(HEADER)
    print(_row("clean (scans and square-on photos)", results["clean"]))
    print(_row("degraded (all six kinds)", results["degraded"]))
    print(_row("all", results["clean"] + results["degraded"]))
    print()
    by_variant: dict[str, list[ev.ImageResult]] = defaultdict(list)
    for result in results["clean"] + results["degraded"]:
        by_variant[result.truth.image.rsplit("-", 1)[1].split(".")[0]].append(result)
    print(HEADER.replace("| set |", "| variant |"))
    for variant in labelgen.VARIANTS:
        print(_row(variant, by_variant[variant]))
    print()
    # how far the threshold is from the evidence on either side
    everything = results["clean"] + results["degraded"]
    wrong_top = [r.reading.confidence for r in everything
                 if r.reading and r.reading.candidates and not _top_is_truth(r)]
    right_top = [r.reading.confidence for r in everything if r.reading and r.reading.candidates and _top_is_truth(r)]
    if wrong_top:
        print(f"highest confidence of a wrong top candidate: {max(wrong_top):.3f} "
              f"({len(wrong_top)} labels whose best candidate was not the truth)")
    if right_top:
        above = sum(c >= args.threshold for c in right_top)
        print(f"right top candidates at or above the threshold: {above}/{len(right_top)}; "
              f"median confidence {statistics.median(right_top):.3f}")
    print()
    stages: dict[str, list[float]] = defaultdict(list)
    for result in results["clean"] + results["degraded"]:
        if result.reading:
            for stage, ms in result.reading.stages_ms.items():
                stages[stage].append(ms)
    count = len(results["clean"]) + len(results["degraded"])
    print("| stage | runs | mean ms (wall) |\n|---|---|---|")
    for stage, values in stages.items():
        print(f"| {stage} | {len(values)}/{count} | {statistics.fmean(values):.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
