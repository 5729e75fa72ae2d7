"""Secrets: slow hashes for staff PINs, keyed hashes for pickup codes, constant-time checks.

Staff PINs use Argon2id (argon2-cffi): few users, checked rarely, so a slow hash costs
nothing. Pickup codes must be found among thousands in well under 100 ms, so they use HMAC-SHA256
with a random per-site key (kept in the app state): the stored value reveals nothing
without the key, lookup stays one index hit, and comparison is constant-time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)


def hash_pin(pin: str) -> str:
    return _hasher.hash(pin)


def verify_pin(pin_hash: str, pin: str) -> bool:
    """True when ``pin`` matches; never raises on a malformed stored hash."""
    try:
        return _hasher.verify(pin_hash, pin)
    except (VerificationError, InvalidHashError):
        return False


class CodeHasher:
    """Keyed hash of pickup codes, QR tokens and carrier codes (HMAC-SHA256)."""

    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("code hashing key is too short")
        self._key = key

    def digest(self, purpose: str, secret: str) -> str:
        message = f"{purpose}\x00{secret.strip().upper()}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def matches(self, purpose: str, secret: str, stored: str) -> bool:
        return hmac.compare_digest(self.digest(purpose, secret), stored)


def new_numeric_code(length: int) -> str:
    return "".join(secrets.choice("0123456789") for _ in range(length))


def new_token(nbytes: int = 16) -> str:
    return secrets.token_urlsafe(nbytes)


# Parcel codes: short, unambiguous (no 0/O, 1/I), printed as QR on the label.
PARCEL_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


PARCEL_CODE_LENGTH = 8


def new_parcel_code(length: int = PARCEL_CODE_LENGTH) -> str:
    return "".join(secrets.choice(PARCEL_CODE_ALPHABET) for _ in range(length))
