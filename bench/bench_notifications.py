"""Notification figures: notices queued at intake, sending throughput to local servers, and the
reminder job over 10,000 waiting parcels.

    python bench/bench_notifications.py [--residents 5000] [--history 50000] [--intakes 300]
                                        [--waiting 10000]

Sending goes to an aiosmtpd server and an HTTP recorder on 127.0.0.1 (nothing leaves the
machine). Prints a Markdown table for the README.
"""

from __future__ import annotations

import argparse
import platform
import random
import socket
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aiosmtpd.controller import Controller
from sqlalchemy import insert, select

from bench.common import HEADER, row, synthetic_building
from kiosk.eventlog import Actor
from kiosk.jobs.reminders import send_reminders
from kiosk.notifications.channels import AppriseChannel, Channels, EmailChannel
from kiosk.notifications.outbox import OutboxSender
from kiosk.notifications.policy import NoticePolicy
from kiosk.persistence.models import ActorKind, Parcel, ParcelStatus, Resident, tail_key
from kiosk.persistence.uow import Database
from kiosk.services.credentials import CredentialService, load_hasher
from kiosk.services.parcels import IntakeRequest, ParcelService
from kiosk.tracking_samples import sample_tracking_number


class _CountingSmtp:
    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.count += 1
        return "250 OK"


def _http_sink() -> tuple[ThreadingHTTPServer, list[int]]:
    hits: list[int] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            hits.append(1)
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, hits


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _drain(sender: OutboxSender) -> tuple[int, float]:
    start = time.perf_counter()
    sent = 0
    while True:
        report = sender.send_due(limit=100)
        sent += report.sent
        if report.claimed == 0:
            break
    return sent, time.perf_counter() - start


def _seed_waiting(db: Database, count: int, now: datetime) -> None:
    rng = random.Random(3)
    with db.uow() as uow:
        s = uow.session
        residents = s.execute(select(Resident.id, Resident.unit_id)).all()
        s.execute(
            insert(Parcel),
            [
                {
                    "code": f"R{i:07d}",
                    "tracking_number": f"T{i:010d}",
                    "tracking_tail": tail_key(f"{i:08d}"),
                    "resident_id": residents[i % len(residents)][0],
                    "unit_id": residents[i % len(residents)][1],
                    "status": ParcelStatus.RECEIVED,
                    "received_at": now
                    - timedelta(days=rng.randint(0, 14), minutes=rng.randint(0, 600)),
                    "version": 1,
                }
                for i in range(count)
            ],
        )
        uow.commit()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--residents", type=int, default=5000)
    parser.add_argument("--history", type=int, default=50_000, help="closed parcels of history")
    parser.add_argument("--intakes", type=int, default=300)
    parser.add_argument("--waiting", type=int, default=10_000)
    args = parser.parse_args()
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        db = synthetic_building(Path(tmp) / "bench.sqlite3", args.residents, args.history)
        parcels = ParcelService(db, CredentialService(db, load_hasher(db)))
        staff = Actor(ActorKind.STAFF, None, "bench")
        rng = random.Random(11)
        intake_ms: list[float] = []
        notices = 0
        for _ in range(args.intakes):
            start = time.perf_counter()
            result = parcels.intake(
                IntakeRequest(
                    sample_tracking_number(rng), resident_id=rng.randint(1, args.residents)
                ),
                staff,
            )
            intake_ms.append((time.perf_counter() - start) * 1000)
            notices += result.notices_queued
        per_second = notices / (sum(intake_ms) / 1000)
        lines.append(row("intake: parcel saved with its notices queued", intake_ms, "p95 < 25 ms"))

        smtp = _CountingSmtp()
        port = _free_port()
        controller = Controller(smtp, hostname="127.0.0.1", port=port)
        controller.start()
        http, hits = _http_sink()
        policy = NoticePolicy(property_name="Bench Towers", batch_window=timedelta(0))
        email_only = OutboxSender(
            db,
            Channels(
                email=EmailChannel(
                    f"mailto://127.0.0.1:{port}?mode=insecure&from=desk@bench.example"
                )
            ),
            policy=policy,
        )
        emails, email_s = _drain(email_only)
        sms_only = OutboxSender(
            db,
            Channels(sms=AppriseChannel(f"json://127.0.0.1:{http.server_address[1]}/sms")),
            policy=policy,
        )
        sms, sms_s = _drain(sms_only)
        controller.stop()
        http.shutdown()
        assert smtp.count == emails and len(hits) == sms, "every sent notice must have arrived"

        now = datetime.now(UTC)
        _seed_waiting(db, args.waiting, now)
        settings = {
            "property.timezone": "UTC",
            "jobs.reminder_days": [2, 5, 9],
            "jobs.return_after_days": 15,
        }
        start = time.perf_counter()
        report = send_reminders(db, settings, now)
        first_s = time.perf_counter() - start
        start = time.perf_counter()
        send_reminders(db, settings, now + timedelta(minutes=30))
        rerun_s = time.perf_counter() - start
        db.dispose()
    print(
        f"SQLite, {args.residents} residents, {args.history} parcels of history; "
        f"{platform.processor() or platform.machine()}, Python {platform.python_version()}"
    )
    print(HEADER)
    for line in lines:
        print(line)
    print()
    print("| measure | n | figure | target |\n|---|---|---|---|")
    print(
        f"| notices queued at intake | {notices} | {per_second:,.0f} notices/s "
        f"({notices / args.intakes:.2f} per parcel) | |"
    )
    print(
        f"| e-mail sent to local aiosmtpd (render, QR, SMTP, record) | {emails} | "
        f"{emails / email_s:,.1f} e-mails/s | |"
    )
    print(
        f"| SMS sent to local HTTP gateway via Apprise json:// | {sms} | "
        f"{sms / sms_s:,.1f} SMS/s | |"
    )
    print(
        f"| reminder job over {args.waiting:,} waiting parcels | "
        f"{report.reminders + report.final_notices} queued | {first_s:.2f} s | < 5 s |"
    )
    print(f"| reminder job re-run the same day | 0 queued | {rerun_s:.2f} s | < 5 s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
