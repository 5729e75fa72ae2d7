"""Valid sample tracking numbers (real check digits) for the demo building and benchmarks."""

from __future__ import annotations

import random

_UPS_SERVICES = ("01", "02", "03", "12", "13")


def _ups_value(ch: str) -> int:
    return int(ch) if ch.isdigit() else (ord(ch) - 63) % 10


def ups(rng: random.Random) -> str:
    """``1Z`` + shipper + service + package, with the UPS mod-10 check digit."""
    body = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXY0123456789") for _ in range(6))
    body += rng.choice(_UPS_SERVICES) + "".join(rng.choice("0123456789") for _ in range(7))
    total = sum(_ups_value(c) * (2 if i % 2 else 1) for i, c in enumerate(body))
    return f"1Z{body}{(10 - total % 10) % 10}"


def usps(rng: random.Random) -> str:
    """A 22-digit IMpb number (``9400…``) with the mod-10 (3/1 weights) check digit."""
    body = "9400" + "".join(rng.choice("0123456789") for _ in range(17))
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return body + str((10 - total % 10) % 10)


def fedex(rng: random.Random) -> str:
    """A 12-digit FedEx Express number with its mod-11 check digit (weights 1,3,7 from the right)."""
    while True:
        body = "7" + "".join(rng.choice("0123456789") for _ in range(10))
        weights = (1, 3, 7)
        total = sum(int(d) * weights[i % 3] for i, d in enumerate(reversed(body)))
        check = total % 11
        if check != 10:  # keep clear of the 10 → 0 special case
            return body + str(check)


def amazon(rng: random.Random) -> str:
    return "TBA" + "".join(rng.choice("0123456789") for _ in range(12))


GENERATORS = (ups, ups, usps, usps, fedex, amazon, amazon)


def sample_tracking_number(rng: random.Random) -> str:
    return rng.choice(GENERATORS)(rng)
