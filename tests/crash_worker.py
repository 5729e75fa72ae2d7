"""A kiosk-like process for the crash tests: intakes and releases as fast as it can, printing
each acknowledged parcel code the moment its transaction has committed (as the screen would).

With an e-mail and an SMS URL it also runs the outbox sender on a thread, as the running kiosk
does (the scheduler's "outbox" job): notices go out to the test's servers while parcels come
and go, so a kill can land in the middle of a send."""

from __future__ import annotations

import random
import sys
import threading
from datetime import timedelta

from kiosk.eventlog import Actor
from kiosk.notifications.channels import AppriseChannel, Channels, EmailChannel
from kiosk.notifications.outbox import OutboxSender
from kiosk.notifications.policy import NoticePolicy
from kiosk.persistence.database import create_db_engine
from kiosk.persistence.models import ActorKind
from kiosk.persistence.uow import Database
from kiosk.services.credentials import CredentialService, load_hasher
from kiosk.services.parcels import IntakeRequest, ParcelService
from kiosk.tracking_samples import sample_tracking_number


def notice_policy() -> NoticePolicy:
    """Notices due at once (no batching window, no quiet hours): many sends in a short run."""
    return NoticePolicy(property_name="Test Towers", batch_window=timedelta(0), quiet_hours=None)


def channels(email_url: str, sms_url: str) -> Channels:
    return Channels(email=EmailChannel(email_url, timeout_s=10), sms=AppriseChannel(sms_url, timeout_s=10))


def main(url: str, resident_ids: list[int], seed: int, email_url: str = "", sms_url: str = "") -> None:
    db = Database(create_db_engine(url))
    service = ParcelService(db, CredentialService(db, load_hasher(db)), kiosk_id=f"crash-{seed}")
    staff = Actor(ActorKind.STAFF, None, "crash")
    rng = random.Random(seed)
    if email_url:
        sender = OutboxSender(db, channels(email_url, sms_url), policy=notice_policy())
        threading.Thread(target=sender.run_forever, args=(threading.Event(), 0.02), daemon=True).start()
    received: list[int] = []
    while True:
        if received and rng.random() < 0.3:
            parcel_id = received.pop(rng.randrange(len(received)))
            info = service.release(parcel_id, staff)
            print(f"released {info.code}", flush=True)
        else:
            result = service.intake(IntakeRequest(sample_tracking_number(rng),
                                                  resident_id=rng.choice(resident_ids)), staff)
            received.append(result.parcel.id)
            print(f"received {result.parcel.code}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], [int(x) for x in sys.argv[2].split(",")], int(sys.argv[3]), *sys.argv[4:6])
