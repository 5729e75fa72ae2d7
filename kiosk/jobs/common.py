"""Helpers the jobs share: who a resident can be reached at, and queueing notices in bulk."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from kiosk.persistence.models import Channel, OutboxMessage, OutboxStatus

_CHUNK = 500


@dataclass(frozen=True)
class Contact:
    """How to reach one resident: the same rule intake uses (opt-ins, no known-bad address)."""

    resident_id: int
    first_name: str
    language: str
    email: str | None
    mobile: str | None
    notify_email: bool
    notify_sms: bool
    email_bounced: bool
    sms_failed: bool

    def targets(self) -> list[tuple[Channel, str]]:
        found: list[tuple[Channel, str]] = []
        if self.email and self.notify_email and not self.email_bounced:
            found.append((Channel.EMAIL, self.email))
        if self.mobile and self.notify_sms and not self.sms_failed:
            found.append((Channel.SMS, self.mobile))
        return found


def notice_row(
    key: str,
    kind: str,
    channel: Channel,
    recipient: str,
    *,
    resident_id: int | None,
    language: str,
    payload: dict[str, Any],
    now: datetime,
) -> dict[str, Any]:
    """One outbox row as a dict for a bulk insert (planned by the sender, due at once)."""
    return {
        "idempotency_key": key,
        "kind": kind,
        "resident_id": resident_id,
        "channel": channel,
        "recipient": recipient,
        "language": language,
        "payload": payload,
        "status": OutboxStatus.PENDING,
        "attempts": 0,
        "not_before": None,
        "next_attempt_at": now,
        "last_error": "",
        "created_at": now,
        "sent_at": None,
    }


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def queue_notices(session: Session, rows: Sequence[dict[str, Any]]) -> int:
    """Insert outbox rows whose idempotency key is new; returns how many were added.

    Existing keys are skipped (a re-run adds nothing), and the insert itself ignores a key
    another kiosk added in the meantime (``ON CONFLICT DO NOTHING``), in a few statements
    however many rows there are.
    """
    if not rows:
        return 0
    keys = [row["idempotency_key"] for row in rows]
    existing: set[str] = set()
    for chunk in _chunks(keys):
        existing.update(
            session.scalars(
                select(OutboxMessage.idempotency_key).where(
                    OutboxMessage.idempotency_key.in_(chunk)
                )
            )
        )
    fresh = list(
        {
            row["idempotency_key"]: row for row in rows if row["idempotency_key"] not in existing
        }.values()
    )
    if not fresh:
        return 0
    dialect = session.get_bind().dialect.name
    module: Any = postgresql if dialect == "postgresql" else sqlite
    for chunk in _chunks(fresh):
        statement = module.insert(OutboxMessage).on_conflict_do_nothing(
            index_elements=["idempotency_key"]
        )
        session.execute(statement, list(chunk))
    return len(fresh)
