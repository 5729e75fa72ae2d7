"""A kiosk-like process for the crash tests: intakes and releases as fast as it can, printing
each acknowledged parcel code the moment its transaction has committed (as the screen would)."""

from __future__ import annotations

import random
import sys

from kiosk.eventlog import Actor
from kiosk.persistence.database import create_db_engine
from kiosk.persistence.models import ActorKind
from kiosk.persistence.uow import Database
from kiosk.services.credentials import CredentialService, load_hasher
from kiosk.services.parcels import IntakeRequest, ParcelService
from kiosk.tracking_samples import sample_tracking_number


def main(url: str, resident_ids: list[int], seed: int) -> None:
    db = Database(create_db_engine(url))
    service = ParcelService(db, CredentialService(db, load_hasher(db)), kiosk_id=f"crash-{seed}")
    staff = Actor(ActorKind.STAFF, None, "crash")
    rng = random.Random(seed)
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
    main(sys.argv[1], [int(x) for x in sys.argv[2].split(",")], int(sys.argv[3]))
