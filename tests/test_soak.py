"""One simulated day of a busy building on an accelerated clock (``bench/soak.py``; a week of it is
``make soak`` / ``PACKROOM_SOAK_DAYS=7``): parcels in waves, pickups, mistyped codes, the outbox
sending to real loopback servers, reminders, perishables and the nightly backup. Every notice goes
out exactly once and the outbox is empty by 09:00 the next morning, every label prints, backups
and the event chain verify. Memory is sampled every simulated hour; the figures are in
``bench/results/soak.md`` — here only a generous bound catches a leak of every parcel's label."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from bench.soak import simulate
from hardware.printer.sim import SimPrinter
from kiosk.labels import LabelData, render_label

DAYS = int(os.environ.get("PACKROOM_SOAK_DAYS", "1"))
PER_DAY = int(os.environ.get("PACKROOM_SOAK_PER_DAY", "40"))


def test_a_simulated_busy_day_leaves_no_queue_behind(tmp_path: Path) -> None:
    report = simulate(tmp_path, days=DAYS, per_day=PER_DAY, residents=300)
    assert not report.problems, report.problems
    c = report.counts
    assert c["parcels logged"] >= DAYS * PER_DAY
    assert c["parcels collected through the door"] > 0 and c["reminders and final notices queued"] > 0
    assert c["backups written"] >= DAYS and c["labels printed"] == c["parcels logged"]
    assert c["notices failed"] == 0 and c["e-mails received by the SMTP server"] > 0
    assert [pending for _day, pending, _waiting in report.mornings] == [0] * len(report.mornings)
    # Memory: only a gross leak is caught here (the figures are for bench/results/soak.md): from
    # noon to the next morning the process must not grow by anything like a label per parcel.
    warm = [s.rss_mb for s in report.samples if s.at.hour >= 12 or s.at.day > report.samples[0].at.day]
    assert max(warm) - warm[0] < 100, [round(s.rss_mb) for s in report.samples]


def test_a_kiosk_left_on_the_simulated_printer_does_not_keep_every_label() -> None:
    # A label is 576 x ~800 one-byte pixels in Pillow: keeping all of a busy day's 300 took 140 MB.
    printer = SimPrinter()
    label = render_label(LabelData("ZX4N7PQ2", "1204", "Maria G.", "B3", datetime.now(UTC), "ups"))
    for _ in range(300):
        printer.print_image(label)
    assert printer.printed == 300 and len(printer.images) == printer.keep < 300
    assert printer.last_image is not None
