"""One kiosk process for the multi-kiosk tests: it prints ``ready``, waits for ``go`` on stdin,
then works against the shared database and prints every acknowledged result the moment its
transaction has committed (as the screen would show it).

    kiosk_worker.py URL KIOSK_ID intake RESIDENT_IDS COUNT    COUNT intakes, as fast as it can
    kiosk_worker.py URL KIOSK_ID loop RESIDENT_IDS            intakes and releases until "stop"
    kiosk_worker.py URL KIOSK_ID pickup CODE                  a resident's code, then the door

Output lines: ``received CODE``, ``released CODE``, ``not-released CODE|#ID REASON``,
``refused MESSAGE``, ``error TYPE: MESSAGE`` (an operation that failed and was not
acknowledged: the staff member would see it and try again), and finally ``done``.
"""

from __future__ import annotations

import random
import sys
import threading
import time

from kiosk.eventlog import Actor
from kiosk.persistence.database import create_db_engine
from kiosk.persistence.models import ActorKind
from kiosk.persistence.uow import Database
from kiosk.services.credentials import CredentialRejected, CredentialService, load_hasher
from kiosk.services.doors import DoorService
from kiosk.services.parcels import IntakeRequest, ParcelError, ParcelService
from kiosk.tracking_samples import sample_tracking_number


def say(line: str) -> None:
    print(line.replace("\n", " "), flush=True)


def first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text.splitlines()[0] if text else ''}"


def main(url: str, kiosk: str, mode: str, arg: str, count: int = 0) -> None:
    db = Database(create_db_engine(url))
    credentials = CredentialService(db, load_hasher(db), kiosk_id=kiosk)
    parcels = ParcelService(db, credentials, kiosk_id=kiosk)
    staff = Actor(ActorKind.STAFF, None, kiosk)
    rng = random.Random(kiosk)
    stop = threading.Event()
    say("ready")
    if sys.stdin.readline().strip() != "go":
        return

    def watch_stdin() -> None:
        sys.stdin.readline()  # "stop", or EOF when the test ends
        stop.set()

    threading.Thread(target=watch_stdin, daemon=True).start()
    if mode == "pickup":
        try:
            match = credentials.verify(arg, f"keypad:{kiosk}")
        except CredentialRejected as exc:
            say(f"refused {exc}")
        else:
            opening = DoorService(db, parcels, kiosk_id=kiosk).record_unlocked(
                match, match.parcel_ids, scope=f"keypad:{kiosk}", pulse_seconds=3.0)
            for code in opening.released:
                say(f"released {code}")
            for code, reason in opening.not_released:
                say(f"not-released {code} {reason}")
        say("done")
        return
    residents = [int(x) for x in arg.split(",")]
    waiting: list[int] = []
    done = 0
    while not stop.is_set() and (mode != "intake" or done < count):
        try:
            if mode == "loop" and waiting and rng.random() < 0.3:
                parcel_id = waiting.pop(rng.randrange(len(waiting)))
                try:
                    say(f"released {parcels.release(parcel_id, staff).code}")
                except ParcelError as exc:
                    say(f"refused {exc}")
            else:
                result = parcels.intake(IntakeRequest(sample_tracking_number(rng),
                                                      resident_id=rng.choice(residents)), staff)
                waiting.append(result.parcel.id)
                done += 1
                say(f"received {result.parcel.code}")
        except Exception as exc:  # the database went away: not acknowledged; try again shortly
            say(f"error {first_line(exc)}")
            time.sleep(0.05)
    db.dispose()
    say("done")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]) if len(sys.argv) > 5 else 0)
