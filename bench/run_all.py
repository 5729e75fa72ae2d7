"""Every figure of the product brief in one run, on SQLite and on PostgreSQL.

    python bench/run_all.py                      # 200,000 parcels, SQLite and PostgreSQL
    python bench/run_all.py --scale 1m           # 1,000,000 parcels (bulk-built; takes a while)
    python bench/run_all.py --backend sqlite --parcels 20000 --repeat 50   # a quick look

For each backend it builds a synthetic building (5,000 residents and a complete history of
parcels, notices, codes and events: :mod:`bench.building`), then measures, through the same
services, view-models and devices the kiosk uses:

* intake: scan text → parcel saved with its custody record, code and notices → label rendered
  (``kiosk.labels.render_label``) and queued on a print queue;
* pickup: code typed → code checked, the resident's parcels loaded and holds checked (what the
  pickup view-model does) → unlock command received by a simulated door through the
  ``DoorSupervisor``;
* resident search, one sample per keystroke (``ResidentDirectory.search``);
* parcel search by the last four digits of a tracking number (``ParcelService.search``), over all
  parcels and over the waiting ones;
* cold start to the resident screen: a fresh process builds the app with
  ``ui.app.build_application`` offscreen and exits after the first paint; wall time and RSS;
* a 300-parcel desk session through ``IntakeViewModel`` (scan, search, choose, confirm) with the
  real ``TaskRunner``: the first 50 parcels against the last 50, and RSS growth;
* the reminder job over 10,000 waiting parcels, first run and same-day re-run;
* camera decoding at 1280×720 (``bench/bench_camera.py``'s measurement), once per run.

Results go to ``bench/results/run-<parcels>-<backend>.json``; ``bench/results/latest.md`` is
rebuilt from every result file there, so a 1,000,000 run is compared with the 200,000 one.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402

from bench.building import build_building  # noqa: E402
from bench.common import percentiles  # noqa: E402
from bench.sysinfo import machine, rss_mb  # noqa: E402
from hardware.door.sim import UNLOCK, SimDoor  # noqa: E402
from hardware.door.supervisor import DoorSupervisor  # noqa: E402
from hardware.printer.base import LabelPrinter, PrinterStatus  # noqa: E402
from hardware.printer.queue import PrintQueue  # noqa: E402
from kiosk.eventlog import Actor  # noqa: E402
from kiosk.jobs.reminders import send_reminders  # noqa: E402
from kiosk.labels import LabelData, render_label  # noqa: E402
from kiosk.persistence.database import create_db_engine  # noqa: E402
from kiosk.persistence.models import (  # noqa: E402
    ActorKind,
    Parcel,
    ParcelStatus,
    Resident,
    Role,
    StaffUser,
    Unit,
    tail_key,
)
from kiosk.persistence.uow import Database  # noqa: E402
from kiosk.residents.directory import ResidentDirectory  # noqa: E402
from kiosk.services.credentials import CredentialService, load_hasher  # noqa: E402
from kiosk.services.doors import DoorService  # noqa: E402
from kiosk.services.parcels import IntakeRequest, ParcelService  # noqa: E402
from kiosk.tracking_samples import sample_tracking_number  # noqa: E402

RESULTS = REPO / "bench" / "results"
SCALES = {"200k": 200_000, "1m": 1_000_000}
BACKEND_NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}


@dataclass
class Figure:
    """One measured quantity: samples (or one value), its unit and the brief's target."""

    key: str
    name: str
    unit: str
    samples: list[float]
    target: float | None = None
    higher_is_better: bool = False
    note: str = ""
    stats: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.samples and not self.stats:
            p50, p95, worst = percentiles(self.samples)
            self.stats = {"n": len(self.samples), "p50": p50, "p95": p95, "max": worst,
                          "min": min(self.samples)}

    @property
    def headline(self) -> float:
        """The number held against the target: p95, or for a higher-is-better rate its p50."""
        return self.stats["p50"] if self.higher_is_better else self.stats["p95"]

    @property
    def met(self) -> bool | None:
        if self.target is None or not self.stats:
            return None
        return self.headline >= self.target if self.higher_is_better else self.headline < self.target


def _say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


class DiscardingPrinter(LabelPrinter):
    """A printer that takes labels instantly and keeps none (the simulator keeps every image)."""

    def __init__(self) -> None:
        super().__init__("bench:", 576)
        self.printed = 0

    def print_image(self, img: Image.Image) -> None:
        self.check_image(img)
        self.printed += 1

    def status(self) -> PrinterStatus:
        return PrinterStatus(True, "ok", "bench printer")


def _label(parcel: Any) -> LabelData:
    return LabelData(parcel.code, parcel.unit, parcel.recipient, parcel.location_name or "",
                     parcel.received_at, parcel.carrier, parcel.perishable, parcel.oversized,
                     parcel.signature_required, parcel.fragile, property_name="Bench Towers")


# --------------------------------------------------------------------------- measurements


def measure_intake(parcels: ParcelService, queue: PrintQueue, resident_ids: list[int], repeat: int,
                   rng: random.Random) -> tuple[list[Figure], list[str]]:
    staff = Actor(ActorKind.STAFF, None, "bench")
    codes: list[str] = []
    samples, saved, labelled = [], [], []
    for _ in range(repeat):
        scan = sample_tracking_number(rng)
        resident = rng.choice(resident_ids)
        start = time.perf_counter()
        result = parcels.intake(IntakeRequest(scan, resident_id=resident), staff)
        middle = time.perf_counter()
        queue.submit(result.parcel.code, render_label(_label(result.parcel)))
        end = time.perf_counter()
        samples.append((end - start) * 1000)
        saved.append((middle - start) * 1000)
        labelled.append((end - middle) * 1000)
        if result.pickup_code:
            codes.append(result.pickup_code)
    return [Figure("intake", "intake: scan → parcel + code + notices committed, label rendered and queued",
                   "ms", samples, 25.0),
            Figure("intake_service", "… of which ParcelService.intake (one transaction)", "ms", saved),
            Figure("intake_label", "… of which render_label + print-queue submit", "ms", labelled)], codes


def measure_pickup(db: Database, credentials: CredentialService, parcels: ParcelService,
                   codes: list[str]) -> list[Figure]:
    door = SimDoor()
    supervisor = DoorSupervisor(door, pulse_seconds=0.05, poll_interval=None)
    supervisor.start()
    doors = DoorService(db, parcels, kiosk_id="bench")
    scope = "keypad:bench"
    samples, checks = [], []
    try:
        for code in codes:
            before = len(door.commands)
            start = time.perf_counter()
            match = credentials.verify(code, scope)  # what PickupViewModel._verify does
            checks.append((time.perf_counter() - start) * 1000)
            infos = [parcels.get(pid) for pid in match.parcel_ids]
            held = doors.held(match.parcel_ids)
            collectable = [p.id for p in infos if not (p.signature_required or p.id in held)]
            supervisor.unlock_pulse(f"resident:{match.resident_id}")
            samples.append((time.perf_counter() - start) * 1000)
            issued = door.commands[before:]
            if not any(c.action == UNLOCK and c.ok for c in issued):
                raise AssertionError(f"no unlock command reached the door: {issued}")
            # Then, as the kiosk does after the unlock: record the opening and release the parcels.
            doors.record_unlocked(match, collectable, scope=scope, pulse_seconds=supervisor.pulse_seconds)
    finally:
        supervisor.stop()
    return [Figure("pickup", "pickup: code → parcels shown → door-unlock command (SimDoor via DoorSupervisor)",
                   "ms", samples, 100.0),
            Figure("pickup_verify", "… of which CredentialService.verify", "ms", checks)]


def _keystrokes(db: Database, rng: random.Random, words: int) -> list[str]:
    """What staff type, one string per keystroke: names, typos, units, unit + name, phone digits."""
    with db.reader() as uow:
        people = uow.session.execute(
            select(Resident.first_name, Resident.last_name, Unit.number, Resident.mobile)
            .join(Unit, Resident.unit_id == Unit.id)).all()
    typed: list[str] = []

    def type_out(text: str) -> None:
        typed.extend(text[:i] for i in range(1, len(text) + 1))

    for _ in range(words):
        first, last, unit, mobile = rng.choice(people)
        kind = rng.randrange(6)
        if kind == 0:
            type_out(f"{first} {last}")
        elif kind == 1:
            type_out(last)
        elif kind == 2 and len(last) > 4:  # a typo: two letters swapped
            i = rng.randrange(1, len(last) - 2)
            type_out(last[:i] + last[i + 1] + last[i] + last[i + 2:])
        elif kind == 3:
            type_out(unit)
        elif kind == 4:
            type_out(f"{unit} {first}")
        else:
            type_out((mobile or "0000")[-4:])
    return typed


def measure_resident_search(db: Database, rng: random.Random, words: int) -> tuple[Figure, Figure]:
    directory = ResidentDirectory(db)
    load = _timed(directory.refresh)
    samples = [_timed(lambda q=query: directory.search(q, limit=8)) for query in _keystrokes(db, rng, words)]
    return (Figure("resident_search", "resident search, per keystroke (ResidentDirectory.search)", "ms",
                   samples, 5.0),
            Figure("directory_load", "resident index built (once at start, off the GUI thread)", "ms", [load]))


def measure_parcel_search(db: Database, parcels: ParcelService, rng: random.Random, repeat: int) -> list[Figure]:
    with db.reader() as uow:
        top = uow.session.scalar(select(Parcel.id).order_by(Parcel.id.desc()).limit(1)) or 1
        picks = [rng.randint(1, top) for _ in range(repeat)]
        numbers = list(uow.session.scalars(select(Parcel.tracking_number).where(Parcel.id.in_(picks))))
    suffixes = [n[-4:] for n in numbers]
    figures = []
    for status, label in (("all", "all parcels"), ("waiting", "waiting parcels")):
        samples = [_timed(lambda s=s, st=status: parcels.search(s, status=st)) for s in suffixes]
        figures.append(Figure(f"parcel_search_{status}",
                              f"parcel search by last 4 digits of the tracking number, {label} (ParcelService.search)",
                              "ms", samples, 5.0))
    # What the intake screen asks at every scan: is this number in the room already?
    samples = [_timed(lambda n=n: parcels.search(n, status="all", limit=5)) for n in numbers]
    figures.append(Figure("parcel_lookup_full", "parcel search by full tracking number, all parcels (the intake "
                          "screen's duplicate check at each scan)", "ms", samples, 5.0))
    return figures


def measure_cold_start(url: str, runs: int, data_dir: Path) -> tuple[Figure, ...]:
    paints, memory, settled = [], [], []
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    # An installed kiosk has its bytecode compiled; a checkout run with PYTHONDONTWRITEBYTECODE would
    # compile every module at every start. Cache it outside the tree; the first start fills the cache.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(data_dir / "pycache")
    runs += 1
    for run in range(runs):
        done = subprocess.run([sys.executable, str(REPO / "bench" / "coldstart.py"), url, str(data_dir)],
                              capture_output=True, text=True, timeout=180,
                              env={**env, "PACKROOM_BENCH_T0": repr(time.time())})
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        if done.returncode or not lines:
            raise RuntimeError(f"cold start failed ({done.returncode}): {done.stderr[-2000:]}")
        if run == 0:
            continue  # compiled the bytecode: not counted
        result = json.loads(lines[-1])
        paints.append(result["first_paint_s"])
        memory.append(result["rss_mb"])
        settled.append(result["rss_settled_mb"])
    return (Figure("start_paint", "cold start: process start → resident screen painted (wall clock)", "s",
                   paints, 2.0),
            Figure("start_rss", "memory (RSS) at the first paint", "MB", memory, 250.0),
            Figure("start_rss_settled", "memory (RSS) 3 s later, the camera open (OpenCV loaded)", "MB",
                   settled, 250.0))


def measure_desk_session(db: Database, parcels: ParcelService, resident_ids: list[int], count: int,
                         rng: random.Random) -> list[Figure]:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.services.staff import StaffSession
    from ui.tasks import TaskRunner
    from ui.viewmodels.intake import IntakeViewModel

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with db.uow() as uow:
        staff = StaffUser(name="Desk Bench", role=Role.STAFF, pin_hash="x")
        uow.session.add(staff)
        uow.session.flush()
        session = StaffSession(staff.id, staff.name, Role.STAFF, datetime.now(UTC))
        uow.commit()
        people = {rid: number for rid, number in uow.session.execute(select(Resident.id, Unit.number).join(Unit))}

    class TimedRunner(TaskRunner):
        """The kiosk's runner, noting when each read task's answer reached the GUI thread."""

        def __init__(self) -> None:
            super().__init__()
            self.reads: list[list[float]] = []  # [submitted, answered or nan]

        def submit(self, fn: Callable[[], Any], on_done: Any = None, on_error: Any = None) -> None:
            entry = [time.perf_counter(), float("nan")]
            self.reads.append(entry)

            def done(value: Any) -> None:
                entry[1] = time.perf_counter()
                if on_done is not None:
                    on_done(value)

            def failed(exc: BaseException) -> None:
                entry[1] = time.perf_counter()
                if on_error is not None:
                    on_error(exc)

            super().submit(fn, done, failed)

    directory = ResidentDirectory(db)
    directory.refresh()
    runner = TimedRunner()
    queue = PrintQueue(DiscardingPrinter(), on_status=lambda _s: None)
    vm = IntakeViewModel(parcels, directory, runner, staff=lambda: session,
                         print_label=lambda p: queue.submit(p.code, render_label(_label(p))))
    errors: list[str] = []
    vm.message.connect(lambda text, severity: errors.append(text) if severity == "error" else None)
    hits: list[Any] = []
    vm.proposals_changed.connect(lambda found: hits.__setitem__(slice(None), found))
    runner.wait()
    times: list[float] = []
    scan_reads: list[list[list[float]]] = []
    rss = [rss_mb()]
    for i in range(count):
        resident = rng.choice(resident_ids)
        with db.reader() as uow:
            given = uow.session.scalar(select(Resident.first_name).where(Resident.id == resident))
        loop = QEventLoop()
        vm.saved.connect(loop.quit)
        timeout = QTimer()
        timeout.setSingleShot(True)
        timeout.timeout.connect(loop.quit)
        saved_before = len(vm.session_parcels)
        start = time.perf_counter()
        reads_before = len(runner.reads)
        vm.on_scan(sample_tracking_number(rng))
        scan_reads.append(runner.reads[reads_before:])
        vm.search(f"{people[resident]} {given}")  # what staff type: unit and first name
        chosen = next((h for h in hits if h.resident_id == resident), hits[0] if hits else None)
        if chosen is None:
            raise AssertionError(f"no resident found for {people[resident]} {given}")
        vm.choose(chosen)
        vm.confirm()
        timeout.start(30_000)
        loop.exec()
        times.append((time.perf_counter() - start) * 1000)
        vm.saved.disconnect(loop.quit)
        if len(vm.session_parcels) != saved_before + 1:
            raise AssertionError(f"parcel {i + 1} of the desk session was not saved: {errors[-3:]}")
        if (i + 1) % 50 == 0:
            rss.append(rss_mb())
    deadline = time.monotonic() + 1800  # the scans' look-ups may still be running: let them answer
    while any(r[1] != r[1] for reads in scan_reads for r in reads) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    runner.wait(60_000)
    queue.close()
    app.processEvents()
    first, last = times[:50], times[-50:]
    p50_first, p50_last = percentiles(first)[0], percentiles(last)[0]
    answered = [max(r[1] for r in reads) - reads[0][0] for reads in scan_reads if reads]
    answered = [a * 1000 for a in answered if a == a]
    return [
        Figure("desk_lookup", "desk session: scan → the intake screen's look-up (already in the room? "
               "pre-registered?) answered", "ms", answered,
               note=f"{len(scan_reads) - len(answered)} never answered" if len(answered) < len(scan_reads) else ""),
        Figure("desk_first50", f"desk session (IntakeViewModel + TaskRunner): parcels 1–50 of {count}", "ms", first),
        Figure("desk_last50", f"desk session: parcels {count - 49}–{count} of {count}", "ms", last,
               note=f"median {p50_last / p50_first:.2f}× the first 50"),
        Figure("desk_rss_growth", f"desk session: RSS growth from parcel 50 to {count}", "MB",
               [rss[-1] - rss[1]], note=f"RSS samples every 50 parcels: {', '.join(f'{r:.0f}' for r in rss)} MB"),
    ]


def _seed_waiting(db: Database, count: int, now: datetime) -> None:
    rng = random.Random(3)
    with db.uow() as uow:
        s = uow.session
        residents = s.execute(select(Resident.id, Resident.unit_id)).all()
        rows = []
        for i in range(count):
            rid, uid = residents[i % len(residents)]
            number = sample_tracking_number(rng)
            rows.append({"code": f"W{i:07d}", "tracking_number": number, "tracking_tail": tail_key(number),
                         "tracking_valid": True, "resident_id": rid, "unit_id": uid,
                         "status": ParcelStatus.RECEIVED,
                         "received_at": now - timedelta(days=rng.randint(0, 14), minutes=rng.randint(0, 600)),
                         "version": 1})
        s.execute(insert(Parcel), rows)
        uow.commit()


def measure_reminders(db: Database, waiting: int) -> list[Figure]:
    now = datetime.now(UTC)
    _seed_waiting(db, waiting, now)
    settings = {"property.timezone": "UTC", "jobs.reminder_days": [2, 5, 9], "jobs.return_after_days": 15}
    start = time.perf_counter()
    report = send_reminders(db, settings, now)
    first = time.perf_counter() - start
    start = time.perf_counter()
    again = send_reminders(db, settings, now + timedelta(minutes=30))
    rerun = time.perf_counter() - start
    return [Figure("reminders", f"reminder job over {waiting:,} waiting parcels (send_reminders)", "s", [first], 5.0,
                   note=f"{report.reminders + report.final_notices} notices queued"),
            Figure("reminders_rerun", "reminder job re-run the same day", "s", [rerun], 5.0,
                   note=f"{again.reminders + again.final_notices} queued")]


def measure_camera(frames_n: int) -> list[Figure]:
    from bench.bench_camera import STRATEGIES, fps, frames

    with_label, empty = frames()
    name, strategy = next(iter(STRATEGIES.items()))
    figures = []
    for label, sample in (("label in view", with_label), ("empty frames", empty)):
        rate, _p95, found = fps(strategy, sample, frames_n)
        figures.append(Figure(f"camera_{'label' if sample is with_label else 'empty'}",
                              f"camera decoding 1280×720, {label} ({name.split(':', 1)[0]})", "frames/s",
                              [rate], 15.0, higher_is_better=True,
                              note="" if found or sample is empty else "label NOT read"))
    return figures


# --------------------------------------------------------------------------- one backend


def run_backend(backend: str, url: str, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    _say(f"{BACKEND_NAMES[backend]}: building {args.residents:,} residents, {args.parcels:,} parcels of history")
    built_db, build = build_building(url, args.residents, args.parcels, progress=lambda t: _say(f"  {t}"))
    built_db.dispose()
    _say(f"  built in {build.seconds:.0f} s ({build.total_rows:,} rows)")
    db = Database(create_db_engine(url))  # a fresh engine, configured as the kiosk's
    credentials = CredentialService(db, load_hasher(db))
    parcels = ParcelService(db, credentials, kiosk_id="bench")
    rng = random.Random(7)
    with db.reader() as uow:
        resident_ids = list(uow.session.scalars(select(Resident.id)))
    figures: list[Figure] = []
    queue = PrintQueue(DiscardingPrinter(), on_status=lambda _s: None)
    render_label(LabelData("WARM0000", "101", "A B.", "S1", datetime.now(UTC), "ups"))  # fonts, as at start
    _say("  intake")
    intake, codes = measure_intake(parcels, queue, resident_ids, args.repeat, rng)
    queue.close()
    figures.extend(intake)
    _say(f"  pickup ({len(codes)} codes)")
    figures.extend(measure_pickup(db, credentials, parcels, codes))
    _say("  resident search")
    figures.extend(measure_resident_search(db, rng, args.search_words))
    _say("  parcel search")
    figures.extend(measure_parcel_search(db, parcels, rng, args.search_repeat))
    _say("  cold start")
    figures.extend(measure_cold_start(url, args.starts, workdir / f"data-{backend}"))
    _say(f"  desk session ({args.desk} parcels)")
    figures.extend(measure_desk_session(db, parcels, resident_ids, args.desk, rng))
    _say(f"  reminders over {args.waiting:,} waiting parcels")
    figures.extend(measure_reminders(db, args.waiting))
    size = None
    path = url.removeprefix("sqlite:///") if backend == "sqlite" else None
    if path:
        size = sum(Path(p).stat().st_size for p in (path, path + "-wal") if Path(p).exists()) / 1e6
    db.dispose()
    return {"backend": backend, "parcels": args.parcels, "residents": args.residents,
            "build_seconds": build.seconds, "build_rows": build.total_rows, "database_mb": size,
            "figures": [asdict(f) for f in figures]}


# --------------------------------------------------------------------------- report


def _fmt(value: float, unit: str) -> str:
    if unit == "ms":
        return f"{value:.2f}" if value < 100 else f"{value:.0f}"
    if unit == "s":
        return f"{value:.2f}"
    return f"{value:.1f}" if unit in ("MB", "frames/s") else f"{value:g}"


def _target(f: Figure) -> str:
    if f.target is None:
        return ""
    unit = "frames/s" if f.unit == "frames/s" else f.unit
    if f.higher_is_better:
        return f"≥ {f.target:g} {unit}"
    what = "p95" if f.stats.get("n", 1) > 1 else ""
    return f"{what} < {f.target:g} {unit}".strip()


def _met(f: Figure) -> str:
    return {True: "yes", False: "**NO**", None: ""}[f.met]


def _scale_label(parcels: int) -> str:
    return f"{parcels / 1e6:g} M" if parcels >= 1e6 else f"{parcels:,}"


def write_markdown(results: list[dict[str, Any]], camera: list[dict[str, Any]], info: dict[str, Any],
                   out: Path) -> str:
    lines = ["# Packroom figures", "",
             f"Measured {info['when']} on {info['cpu']}, {info['cores']} cores, Python {info['python']}, "
             f"SQLite {info['sqlite']}, {info.get('postgres', 'PostgreSQL not run')}; {info['os']}. "
             f"Load average at the start of the last run: {info.get('load', '?')}.",
             "", "Command: `python bench/run_all.py` (`--scale 1m` for 1,000,000 parcels). "
             "Times in milliseconds unless marked; p50/p95/max over n samples.", ""]
    by_scale: dict[int, list[dict[str, Any]]] = {}
    for result in results:
        by_scale.setdefault(result["parcels"], []).append(result)
    for parcels in sorted(by_scale):
        group = sorted(by_scale[parcels], key=lambda r: r["backend"])
        lines += [f"## {_scale_label(parcels)} parcels of history, {group[0]['residents']:,} residents", ""]
        for result in group:
            size = f", database {result['database_mb']:,.0f} MB" if result.get("database_mb") else ""
            lines.append(f"- {BACKEND_NAMES[result['backend']]}: built with bulk inserts in "
                         f"{result['build_seconds']:.0f} s ({result['build_rows']:,} rows{size}); measured "
                         f"{result.get('measured_at', '')}, load average (1, 5, 15 min) {result.get('load', '?')}")
        lines += ["", "| measure | backend | n | p50 | p95 | max | unit | target | met |",
                  "|---|---|---|---|---|---|---|---|---|"]
        keys = [f["key"] for f in group[0]["figures"]]
        for key in keys:
            for result in group:
                f = next((Figure(**x) for x in result["figures"] if x["key"] == key), None)
                if f is None or not f.stats:
                    continue
                note = f" ({f.note})" if f.note else ""
                n = int(f.stats["n"])
                cells = ([_fmt(f.stats["p50"], f.unit), _fmt(f.stats["p95"], f.unit), _fmt(f.stats["max"], f.unit)]
                         if n > 1 else [_fmt(f.stats["p50"], f.unit), "", ""])
                lines.append(f"| {f.name}{note} | {BACKEND_NAMES[result['backend']]} | {n} | "
                             f"{' | '.join(cells)} | {f.unit} | {_target(f)} | {_met(f)} |")
        lines.append("")
    if len(by_scale) > 1:
        small, large = min(by_scale), max(by_scale)
        lines += [f"## Scaling: {_scale_label(large)} against {_scale_label(small)} parcels",
                  "", "Target: no figure worse than twice its value at the smaller scale (p95, or the "
                  "value for single measurements).", "",
                  f"| measure | backend | {_scale_label(small)} | {_scale_label(large)} | ratio | ≤ 2× |",
                  "|---|---|---|---|---|---|"]
        for result in sorted(by_scale[large], key=lambda r: r["backend"]):
            base = next((r for r in by_scale[small] if r["backend"] == result["backend"]), None)
            if base is None:
                continue
            for raw in result["figures"]:
                f = Figure(**raw)
                b = next((Figure(**x) for x in base["figures"] if x["key"] == f.key), None)
                if b is None or not b.stats or not f.stats or f.key == "desk_rss_growth":
                    continue
                old, new = b.headline, f.headline
                ratio = (old / new if f.higher_is_better else new / old) if old and new else float("nan")
                lines.append(f"| {f.name} | {BACKEND_NAMES[result['backend']]} | {_fmt(old, f.unit)} {f.unit} | "
                             f"{_fmt(new, f.unit)} {f.unit} | {ratio:.2f}× | "
                             f"{'yes' if ratio <= 2 else '**NO**'} |")
        lines.append("")
    if camera:
        lines += ["## Camera (no database)", "", "| measure | frames/s | target | met |", "|---|---|---|---|"]
        for raw in camera:
            f = Figure(**raw)
            note = f" ({f.note})" if f.note else ""
            lines.append(f"| {f.name}{note} | {f.headline:.1f} | {_target(f)} | {_met(f)} |")
        lines.append("")
    text = "\n".join(lines)
    out.write_text(text + "\n", encoding="utf-8")
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=sorted(SCALES), default="200k", help="parcels of history (default 200k)")
    parser.add_argument("--parcels", type=int, help="override the number of parcels of history")
    parser.add_argument("--residents", type=int, default=5000)
    parser.add_argument("--backend", default="sqlite,postgres", help="sqlite, postgres or both (comma-separated)")
    parser.add_argument("--repeat", type=int, default=300, help="samples of intake, pickup and parcel search")
    parser.add_argument("--search-words", type=int, default=150, help="names typed for the resident search")
    parser.add_argument("--search-repeat", type=int, default=50, help="parcel searches of each kind")
    parser.add_argument("--starts", type=int, default=7, help="cold starts measured")
    parser.add_argument("--desk", type=int, default=300, help="parcels in the desk session")
    parser.add_argument("--waiting", type=int, default=10_000, help="waiting parcels for the reminder job")
    parser.add_argument("--camera-frames", type=int, default=60)
    parser.add_argument("--workdir", type=Path, help="where to build the databases (default: a temporary folder)")
    parser.add_argument("--out", type=Path, default=RESULTS / "latest.md")
    args = parser.parse_args()
    args.parcels = args.parcels or SCALES[args.scale]
    signal.signal(signal.SIGTERM, lambda _n, _f: sys.exit(143))  # stop the private server on the way out
    backends = [b.strip() for b in args.backend.split(",") if b.strip()]
    unknown = set(backends) - set(BACKEND_NAMES)
    if unknown:
        parser.error(f"unknown backend(s) {', '.join(sorted(unknown))}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    info: dict[str, Any] = {**machine(), "when": datetime.now().strftime("%Y-%m-%d")}
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="packroom-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    server = None
    try:
        for backend in backends:
            load = machine().get("load", "?")
            if backend == "sqlite":
                path = workdir / f"bench-{args.parcels}.sqlite3"
                for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                    leftover.unlink(missing_ok=True)
                url = f"sqlite:///{path}"
            else:
                from bench.pgserver import BenchPostgres

                if server is None:
                    server = BenchPostgres()
                    server.start()
                url = server.create_database()
                import psycopg

                with psycopg.connect(server.admin_dsn) as connection:
                    row = connection.execute("SHOW server_version").fetchone()
                    info["postgres"] = f"PostgreSQL {row[0] if row else '?'}"
            result = run_backend(backend, url, args, workdir)
            result["load"] = f"{load} at the start, {machine().get('load', '?')} at the end"
            result["measured_at"] = datetime.now().strftime("%Y-%m-%d %H:%M")
            (RESULTS / f"run-{args.parcels}-{backend}.json").write_text(json.dumps(result, indent=1))
            if backend == "sqlite" and not args.workdir:
                for leftover in workdir.glob("bench-*.sqlite3*"):
                    leftover.unlink()
        _say("camera")
        camera = [asdict(f) for f in measure_camera(args.camera_frames)]
    finally:
        if server is not None:
            server.stop()
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    (RESULTS / "camera.json").write_text(json.dumps(camera, indent=1))
    results = [json.loads(path.read_text()) for path in sorted(RESULTS.glob("run-*.json"))]
    text = write_markdown(results, camera, info, args.out)
    print(text, flush=True)
    return 0


if __name__ == "__main__":
    code = main()
    sys.stderr.flush()
    # Leave without tearing down the desk session's Qt objects one by one: PySide6 can crash
    # while the interpreter finalises them, after everything was measured and written.
    os._exit(code)
