"""Kill a sender process (SIGKILL) at the worst moments and check what the outbox promises.

* Killed after the SMTP server received the message but before the sender recorded it: the
  outcome is unknown to the sender, so the message is sent again — once, only after the claim's
  lease, with the same Message-ID. The server sees at most two copies that are recognisably one
  message, the database records it as sent once, and the first attempt as "outcome unknown".
  (SMTP cannot be asked whether it already has a message; see kiosk/notifications/outbox.py.)
* Killed right after the send was recorded: it is never sent again.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from kiosk.notifications.outbox import IN_FLIGHT, OUTCOME_UNKNOWN
from kiosk.persistence.models import OutboxAttempt, OutboxStatus
from kiosk.persistence.uow import Database
from tests.factories import Building
from tests.notifications.conftest import SenderFactory
from tests.notifications.servers import FakeClock, SmtpServer
from tests.notifications.test_delivery import intake, outbox_rows

REPO = Path(__file__).resolve().parents[2]


def start_worker(sqlite_url: str, smtp_url: str, now: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    return subprocess.Popen(
        [
            sys.executable,
            str(REPO / "tests" / "notifications" / "outbox_worker.py"),
            sqlite_url,
            smtp_url,
            now,
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=env,
    )


def attempts(db: Database) -> list[tuple[bool, str]]:
    with db.reader() as uow:
        return [
            (ok, error)
            for ok, error in uow.session.execute(
                select(OutboxAttempt.ok, OutboxAttempt.error).order_by(OutboxAttempt.id)
            )
        ]


def test_killed_after_the_server_got_the_data_resends_once_with_the_same_message_id(
    building: Building,
    smtp_server: SmtpServer,
    make_sender: SenderFactory,
    clock: FakeClock,
    db: Database,
    sqlite_url: str,
) -> None:
    intake(building, "101:Pedro", clock)
    clock.advance(minutes=10)
    smtp_server.handler.hold_data = True  # accept DATA, then hold the "250" back
    worker = start_worker(sqlite_url, smtp_server.url, clock().isoformat())
    try:
        assert smtp_server.handler.data_received.wait(60), "the worker never delivered"
        os.kill(worker.pid, signal.SIGKILL)  # power cut between delivery and recording it
        worker.wait(30)
    finally:
        if worker.poll() is None:
            worker.kill()
        smtp_server.handler.release.set()
    (row,) = outbox_rows(db)
    assert (row.status, row.attempts, row.sent_at) == (OutboxStatus.PENDING, 1, None)
    assert attempts(db) == [(False, IN_FLIGHT)]
    message_id = smtp_server.messages[0].message_id

    sender = make_sender(email=smtp_server.url)  # the kiosk restarts
    assert sender.send_due().claimed == 0, "the claim's lease keeps it from being resent at once"
    clock.advance(seconds=sender.lease_min_s + 1)
    assert sender.send_due().sent == 1
    for _ in range(5):
        clock.advance(hours=1)
        assert sender.send_due().claimed == 0

    copies = smtp_server.handler.by_message_id(message_id)
    assert len(copies) == 2, "at most one extra copy"
    assert {c.message_id for c in smtp_server.messages} == {message_id}, "recognisably one message"
    assert {c.message["X-Packroom-Notice"] for c in copies} == {row.idempotency_key}
    (row,) = outbox_rows(db)
    assert (row.status, row.attempts) == (OutboxStatus.SENT, 2)
    assert attempts(db) == [(False, OUTCOME_UNKNOWN), (True, "")]


def test_killed_after_the_send_was_recorded_never_resends(
    building: Building,
    smtp_server: SmtpServer,
    make_sender: SenderFactory,
    clock: FakeClock,
    db: Database,
    sqlite_url: str,
) -> None:
    intake(building, "101:Pedro", clock)
    clock.advance(minutes=10)
    worker = start_worker(sqlite_url, smtp_server.url, clock().isoformat())
    try:
        assert worker.stdout is not None
        assert worker.stdout.readline().strip() == "done 1"
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(30)
    finally:
        if worker.poll() is None:
            worker.kill()
    sender = make_sender(email=smtp_server.url)
    for _ in range(5):
        clock.advance(hours=2)
        assert sender.send_due().claimed == 0
    assert len(smtp_server.messages) == 1
    (row,) = outbox_rows(db)
    assert row.status == OutboxStatus.SENT and row.attempts == 1
    assert attempts(db) == [(True, "")]
