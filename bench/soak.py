"""Soak: days of a busy building on an accelerated clock, watching memory and every queue.

    python bench/soak.py [--days 7] [--per-day 300] [--residents 600]   # writes bench/results/soak.md

One process plays the kiosk through its own services and jobs, with time supplied to each call
(no sleeping): staff log ``--per-day`` parcels a day in carrier waves (labels rendered and
printed through the print queue on the simulated printer), residents come for them with their
codes (sometimes mistyped) and the door service releases them, signature parcels are handed
over at the desk, a few intakes are undone; every 10 simulated minutes the outbox sender sends
to real SMTP and SMS servers on loopback (batching window and quiet hours as configured), every
hour the reminder, perishable and hold jobs run, and every night at 02:30 the backup job writes
and rotates a backup. Each hour it samples the process's RSS and the queues.

It fails (exit status 1) on: a notice left unsent at 09:00 the next morning (SMS held for quiet
hours go at 08:00), a notice lost or sent twice, a label left in the print queue, an event chain
or a backup that does not verify, SQLite's integrity check, or memory growing after the first day
by more than ``--max-growth`` MB. ``tests/test_soak.py`` runs one simulated day of it.
"""

from __future__ import annotations

import argparse
import random
import re
import socket
import sqlite3
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aiosmtpd.controller import Controller
from sqlalchemy import func, select

from bench.building import populate
from bench.sysinfo import machine, rss_mb
from hardware.printer.queue import PrintQueue
from hardware.printer.sim import SimPrinter
from kiosk import eventlog
from kiosk.config import Settings
from kiosk.eventlog import Actor
from kiosk.jobs.backup import backup_database, backups_dir, list_backups, verify_backup
from kiosk.jobs.holds import release_expired_holds
from kiosk.jobs.perishables import escalate_perishables
from kiosk.jobs.reminders import send_reminders
from kiosk.labels import LabelData, render_label
from kiosk.notifications.channels import AppriseChannel, Channels, EmailChannel
from kiosk.notifications.outbox import OutboxSender
from kiosk.notifications.policy import NoticePolicy
from kiosk.persistence.database import create_db_engine
from kiosk.persistence.migrate import upgrade
from kiosk.persistence.models import ActorKind, OutboxMessage, OutboxStatus, Parcel, ParcelStatus
from kiosk.persistence.uow import Database
from kiosk.services.credentials import CredentialRejected, CredentialService, KeypadLocked, load_hasher
from kiosk.services.doors import DoorService
from kiosk.services.parcels import IntakeRequest, ParcelError, ParcelService
from kiosk.tracking_samples import sample_tracking_number

RESULTS = Path(__file__).resolve().parent / "results"
START = datetime(2026, 3, 9, 0, 0, tzinfo=UTC)  # a Monday
TICK = timedelta(minutes=10)
# Share of the day's parcels logged in each hour (carrier waves: morning trucks, an afternoon van).
WAVES = {9: 0.10, 10: 0.22, 11: 0.16, 12: 0.06, 13: 0.08, 14: 0.18, 15: 0.12, 16: 0.05, 17: 0.03}
_KEY = re.compile(rb"^X-Packroom-Notice:\s*(\S+)", re.MULTILINE | re.IGNORECASE)


# --------------------------------------------------------------------------- loopback servers


class _CountingSmtp:
    """Accepts every message, keeps only its notice key (the servers live in this process too:
    keeping whole messages would show up as our memory)."""

    def __init__(self) -> None:
        self.keys: Counter[str] = Counter()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        found = _KEY.search(envelope.content)
        self.keys[found.group(1).decode() if found else "?"] += 1
        return "250 OK"


class _Servers:
    def __init__(self) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        self.smtp = _CountingSmtp()
        self._controller = Controller(self.smtp, hostname="127.0.0.1", port=port)
        self.email_url = f"mailto://127.0.0.1:{port}?mode=insecure&from=desk@soak.example"
        self.sms_keys: Counter[str] = Counter()
        keys = self.sms_keys

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                found = re.search(rb'"notice":\s*"([^"]+)"', body)
                keys[found.group(1).decode() if found else "?"] += 1
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.sms_url = f"json://127.0.0.1:{self._http.server_address[1]}/sms"

    def start(self) -> None:
        self._controller.start()
        threading.Thread(target=self._http.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self._controller.stop()
        self._http.shutdown()
        self._http.server_close()


# --------------------------------------------------------------------------- the report


@dataclass
class Sample:
    at: datetime
    rss_mb: float
    pending: int  # outbox messages not yet sent
    waiting: int  # parcels in the room
    print_queue: int
    wall_s: float


@dataclass
class SoakReport:
    days: int
    per_day: int
    residents: int
    counts: Counter[str] = field(default_factory=Counter)
    samples: list[Sample] = field(default_factory=list)
    mornings: list[tuple[str, int, int]] = field(default_factory=list)  # day, pending at 09:00, waiting
    problems: list[str] = field(default_factory=list)
    wall_s: float = 0.0
    database_mb: float = 0.0
    max_growth_mb: float = 40.0

    @property
    def rss_growth_after_day_one(self) -> float:
        day_one = [s for s in self.samples if s.at < START + timedelta(days=1)]
        base = day_one[-1].rss_mb if day_one else self.samples[0].rss_mb
        return max(s.rss_mb for s in self.samples) - base

    def check_memory(self) -> None:
        if self.days >= 2 and self.rss_growth_after_day_one > self.max_growth_mb:
            self.problems.append(f"memory grew {self.rss_growth_after_day_one:.0f} MB after the first day "
                                 f"(limit {self.max_growth_mb:.0f} MB)")

    def markdown(self) -> str:
        info = machine()
        c = self.counts
        lines = [
            "# Soak: a simulated busy building", "",
            f"{self.days} simulated day(s), {self.per_day} parcels a day, {self.residents} residents; "
            f"{self.wall_s:.0f} s of wall time on {info['cpu']}, {info['cores']} cores, Python {info['python']} "
            f"(load average {info.get('load', '?')}); SQLite file {self.database_mb:.0f} MB at the end.", "",
            "Command: `python bench/soak.py --days 7` (`make soak`); one day of it runs in the test suite "
            "(`tests/test_soak.py`).", "",
            "| what happened | count |", "|---|---|",
            *(f"| {name} | {n:,} |" for name, n in sorted(c.items())), "",
            "## Every morning at 09:00 (before the first parcel of the day)", "",
            "| day | notices not yet sent | parcels in the room |", "|---|---|---|",
            *(f"| {day} | {pending} | {waiting} |" for day, pending, waiting in self.mornings), "",
            "## Memory and queues, every 6 simulated hours", "",
            "| simulated time | RSS MB | outbox pending | parcels waiting | print queue | wall s |",
            "|---|---|---|---|---|---|",
            *(f"| {s.at:%a %H:%M} | {s.rss_mb:.0f} | {s.pending} | {s.waiting} | {s.print_queue} | {s.wall_s:.0f} |"
              for s in self.samples if s.at.hour % 6 == 0), "",
            f"RSS growth after the first simulated day: {self.rss_growth_after_day_one:+.1f} MB "
            f"(limit {self.max_growth_mb:.0f} MB; first sample {self.samples[0].rss_mb:.0f} MB, "
            f"last {self.samples[-1].rss_mb:.0f} MB).", "",
            "Verdict: " + ("**all checks passed**" if not self.problems else
                           "**PROBLEMS**: " + "; ".join(self.problems)), "",
        ]
        return "\n".join(lines)


# --------------------------------------------------------------------------- the simulation


@dataclass
class _Resident:
    id: int
    code: str | None = None
    due: datetime | None = None  # when they next come for their parcels
    never: bool = False  # away: their parcels wait (reminders)


def simulate(workdir: Path, days: int = 1, per_day: int = 300, residents: int = 600, seed: int = 1,
             progress: Callable[[str], None] | None = None, max_growth_mb: float = 40.0) -> SoakReport:
    """Run the simulation in ``workdir``; the report lists any problem found."""
    started = time.perf_counter()
    rng = random.Random(seed)
    report = SoakReport(days, per_day, residents, max_growth_mb=max_growth_mb)
    servers = _Servers()
    servers.start()
    path = workdir / "soak.sqlite3"
    settings = Settings({"paths.data_dir": str(workdir), "paths.log_dir": str(workdir), "database.url":
                         f"sqlite:///{path}", "property.timezone": "UTC", "property.name": "Soak Towers",
                         "jobs.backup_keep": 3, "notifications.batch_minutes": 2,
                         "notifications.email_url": servers.email_url, "notifications.sms_url": servers.sms_url})
    engine = create_db_engine(settings.database_url)
    upgrade(engine)
    db = Database(engine)
    people, _shelves, _carriers, staff_id = populate(db, rng, residents)
    staff = Actor(ActorKind.STAFF, staff_id, "Bench Staff")
    credentials = CredentialService(db, load_hasher(db), kiosk_id="soak")
    parcels = ParcelService(db, credentials, kiosk_id="soak")
    doors = DoorService(db, parcels, kiosk_id="soak")
    clock = [START]  # the simulated time every service and job is given

    def now() -> datetime:
        return clock[0]

    sender = OutboxSender(db, Channels(email=EmailChannel(servers.email_url, timeout_s=10),
                                       sms=AppriseChannel(servers.sms_url, timeout_s=10)),
                          now, policy=NoticePolicy.from_settings(settings))
    printer = SimPrinter()
    queue = PrintQueue(printer, on_status=lambda _s: None)
    who = {p.id: _Resident(p.id, never=rng.random() < 0.05) for p in people}
    c = report.counts

    def intake() -> None:
        resident = who[rng.choice(people).id]
        perishable, signature = rng.random() < 0.03, rng.random() < 0.02
        result = parcels.intake(IntakeRequest(sample_tracking_number(rng), resident_id=resident.id,
                                              perishable=perishable, signature_required=signature), staff, now=now())
        p = result.parcel
        queue.submit(p.code, render_label(LabelData(p.code, p.unit, p.recipient, p.location_name or "",
                                                    p.received_at, p.carrier, p.perishable, p.oversized,
                                                    p.signature_required, p.fragile, "Soak Towers")))
        c["parcels logged"] += 1
        if result.pickup_code:
            resident.code = result.pickup_code
        if rng.random() < 0.01:
            parcels.close(p.id, ParcelStatus.VOIDED, staff, "undone at intake", now=now())
            c["intakes undone"] += 1
            return
        if resident.due is None and not resident.never:
            hours = rng.choice([rng.uniform(2, 12), rng.uniform(12, 30), rng.uniform(30, 96)])
            resident.due = now() + timedelta(hours=hours)

    def pickup(resident: _Resident) -> None:
        resident.due = None
        if resident.code is None:
            return
        scope = f"keypad:lobby-{resident.id % 2}"
        try:
            if rng.random() < 0.03:
                c["wrong codes typed"] += 1
                credentials.verify("0" * 6, scope, now=now())
        except (CredentialRejected, KeypadLocked):
            pass
        try:
            match = credentials.verify(resident.code, scope, now=now())
        except KeypadLocked:
            c["pickups delayed by a keypad lock-out"] += 1
            resident.due = now() + timedelta(hours=1)
            return
        except CredentialRejected:  # used up (an intake undone) or expired: the desk reissues a code
            resident.code = credentials.reissue(resident.id, staff, now=now())
            c["codes reissued at the desk"] += 1
            match = credentials.verify(resident.code, f"desk:{resident.id}", now=now())
        infos = [parcels.get(pid) for pid in match.parcel_ids]
        held = doors.held(match.parcel_ids)
        door = [p.id for p in infos if not p.signature_required and p.id not in held]
        if door:
            opening = doors.record_unlocked(match, door, scope=scope, pulse_seconds=5.0, now=now())
            c["door openings"] += 1
            c["parcels collected through the door"] += len(opening.released)
        for p in infos:
            if p.signature_required:
                try:
                    parcels.release(p.id, staff, for_resident_id=resident.id, reason="signed at the desk",
                                    now=now())
                    c["parcels handed over at the desk"] += 1
                except ParcelError:
                    pass

    def sample() -> None:
        with db.reader() as uow:
            s = uow.session
            pending = s.scalar(select(func.count()).select_from(OutboxMessage)
                               .where(OutboxMessage.status == OutboxStatus.PENDING)) or 0
            waiting = s.scalar(select(func.count()).select_from(Parcel)
                               .where(Parcel.status.in_([ParcelStatus.RECEIVED, ParcelStatus.NOTIFIED]))) or 0
        at = now()
        report.samples.append(Sample(at, rss_mb(), pending, waiting, queue.status.waiting,
                                     time.perf_counter() - started))
        if at.hour == 9 and at.minute == 0:
            report.mornings.append((f"{at:%a %d %b}", pending, waiting))

    def send() -> None:
        while True:
            done = sender.send_due(limit=100)
            c["notices sent (merged ones counted once)"] += done.sent
            c["notices failed"] += done.failed
            if done.claimed < 100:
                return

    # Parcels from before the run, still waiting: reminders fall due on the first day.
    for age in (2, 5):
        for _ in range(max(1, per_day // 20)):
            clock[0] = START - timedelta(days=age, hours=rng.uniform(-8, -1))
            intake()
    try:
        end = START + timedelta(days=days, hours=9)  # the last day's night, to 09:00 the morning after
        arrivals: list[datetime] = []
        tick = START
        while tick <= end:
            clock[0] = tick
            if tick.minute == 0:
                if tick.hour == 0 and tick < START + timedelta(days=days):  # plan the day's parcels
                    arrivals = sorted(tick + timedelta(hours=h, minutes=rng.uniform(0, 59.9))
                                      for h, share in WAVES.items() for _ in range(round(per_day * share)))
                    if progress:
                        progress(f"{tick:%a %d %b}: RSS {rss_mb():.0f} MB, {c['parcels logged']} parcels so far")
                sample()
                queued = send_reminders(db, settings, tick)
                c["reminders and final notices queued"] += queued.reminders + queued.final_notices
                escalate_perishables(db, settings, tick, staff_email="desk@soak.example")
                release_expired_holds(db, settings, tick)
            if tick.hour == 2 and tick.minute == 30:
                backup_database(settings, engine, tick)
                c["backups written"] += 1
            while arrivals and arrivals[0] < tick + TICK:
                clock[0] = arrivals.pop(0)
                intake()
            for resident in who.values():
                if resident.due is not None and resident.due < tick + TICK:
                    clock[0] = max(clock[0], resident.due)
                    pickup(resident)
            clock[0] = tick + TICK - timedelta(seconds=1)
            send()
            tick += TICK
        report.wall_s = time.perf_counter() - started
        _final_checks(report, db, settings, servers, queue, printer, path)
    finally:
        queue.close()
        servers.stop()
        db.dispose()
    report.database_mb = path.stat().st_size / 1e6 if path.exists() else 0.0
    report.check_memory()
    return report


def _final_checks(report: SoakReport, db: Database, settings: Settings, servers: _Servers, queue: PrintQueue,
                  printer: SimPrinter, path: Path) -> None:
    problems = report.problems
    for day, pending, _waiting in report.mornings:
        if pending:
            problems.append(f"{pending} notice(s) still unsent at 09:00 on {day}")
    with db.reader() as uow:
        s = uow.session
        messages = list(s.scalars(select(OutboxMessage)))
        verified = eventlog.verify(s)
    if not verified.ok:
        problems.append(f"event log: {verified.describe()}")
    stuck = [m.idempotency_key for m in messages if m.status not in (OutboxStatus.SENT, OutboxStatus.CANCELLED)]
    if stuck:
        problems.append(f"{len(stuck)} notice(s) neither sent nor cancelled, e.g. {stuck[:3]}")
    leaders = {m.idempotency_key for m in messages if m.status == OutboxStatus.SENT
               and "merged_into" not in (m.payload or {})}
    delivered = servers.smtp.keys + servers.sms_keys
    lost = leaders - set(delivered)
    doubled = [key for key, n in delivered.items() if n > 1]
    if lost:
        problems.append(f"{len(lost)} notice(s) recorded as sent never arrived")
    if doubled:
        problems.append(f"{len(doubled)} notice(s) arrived more than once")
    report.counts["e-mails received by the SMTP server"] = sum(servers.smtp.keys.values())
    report.counts["SMS received by the gateway"] = sum(servers.sms_keys.values())
    queue.close(timeout=30)
    if queue.pending():
        problems.append(f"{len(queue.pending())} label(s) never printed")
    report.counts["labels printed"] = printer.printed
    with sqlite3.connect(path) as connection:
        if connection.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            problems.append("SQLite integrity check failed")
    backups = list_backups(backups_dir(settings))
    if len(backups) > int(settings["jobs.backup_keep"]):
        problems.append(f"{len(backups)} backups kept, more than jobs.backup_keep")
    for backup in backups:
        try:
            verify_backup(backup)
        except Exception as exc:
            problems.append(f"backup {backup.name} does not verify: {exc}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument("--per-day", type=int, default=300)
    parser.add_argument("--residents", type=int, default=600)
    parser.add_argument("--max-growth", type=float, default=40.0, help="MB of RSS growth allowed after day one")
    parser.add_argument("--out", type=Path, default=RESULTS / "soak.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="packroom-soak-") as tmp:
        report = simulate(Path(tmp), args.days, args.per_day, args.residents, max_growth_mb=args.max_growth,
                          progress=lambda text: print(text, file=sys.stderr, flush=True))
    text = report.markdown()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
