"""A sender process for the outbox crash tests: one ``send_due`` pass with a fixed clock, then
it prints "done N" and waits to be killed (SIGKILL), like a kiosk losing power."""

from __future__ import annotations

import sys
import time
from datetime import datetime

from kiosk.notifications.channels import Channels, EmailChannel
from kiosk.notifications.outbox import OutboxSender
from kiosk.notifications.policy import NoticePolicy
from kiosk.persistence.database import create_db_engine
from kiosk.persistence.uow import Database


def main(db_url: str, smtp_url: str, now_iso: str) -> None:
    now = datetime.fromisoformat(now_iso)
    db = Database(create_db_engine(db_url))
    sender = OutboxSender(
        db,
        Channels(email=EmailChannel(smtp_url, timeout_s=60)),
        lambda: now,
        policy=NoticePolicy(property_name="Test Towers"),
    )
    report = sender.send_due()
    print(f"done {report.sent}", flush=True)
    time.sleep(600)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
