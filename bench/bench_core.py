"""Core service figures: intake and pickup-code check on a building with a long history.

    python bench/bench_core.py [--residents 5000] [--parcels 200000] [--repeat 300]

Prints a Markdown table (p50/p95/max in milliseconds) for the README.
"""

from __future__ import annotations

import argparse
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import contextlib

from bench.common import HEADER, row, synthetic_building, timed
from kiosk.eventlog import Actor
from kiosk.persistence.models import ActorKind
from kiosk.services.credentials import CredentialRejected, CredentialService, load_hasher
from kiosk.services.parcels import IntakeRequest, ParcelService
from kiosk.tracking_samples import sample_tracking_number


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--residents", type=int, default=5000)
    parser.add_argument("--parcels", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        db = synthetic_building(Path(tmp) / "bench.sqlite3", args.residents, args.parcels)
        build_s = time.perf_counter() - start
        credentials = CredentialService(db, load_hasher(db))
        parcels = ParcelService(db, credentials)
        staff = Actor(ActorKind.STAFF, None, "bench")
        rng = random.Random(5)
        codes: list[str] = []

        def intake() -> None:
            result = parcels.intake(IntakeRequest(sample_tracking_number(rng),
                                                  resident_id=rng.randint(1, args.residents)), staff)
            if result.pickup_code:
                codes.append(result.pickup_code)

        intake_ms = timed(intake, args.repeat)
        code_iter = iter(codes * 3)

        def pickup_check() -> None:
            credentials.verify(next(code_iter), "keypad:bench")

        verify_ms = timed(pickup_check, min(args.repeat, len(codes)))

        def wrong_code() -> None:
            with contextlib.suppress(CredentialRejected):
                credentials.verify("0000000000", f"keypad:{rng.random()}")

        wrong_ms = timed(wrong_code, args.repeat)
        db.dispose()
    print(f"SQLite, {args.residents} residents, {args.parcels} parcels of history "
          f"(built in {build_s:.1f} s); {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}")
    print(HEADER)
    print(row("intake: scan text → parcel, code, notices, event committed", intake_ms, "p95 < 25 ms"))
    print(row("pickup: code → resident's parcels (accepted)", verify_ms, "p95 < 100 ms"))
    print(row("pickup: wrong code rejected and logged", wrong_ms, ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
