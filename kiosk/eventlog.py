"""The append-only, hash-chained event log: the chain of custody.

Each event's hash covers the previous event's hash and the event's own canonical content,
so changing, removing or reordering any row breaks every link after it. Appends lock the
single chain-head row, so several kiosks on one PostgreSQL database still form one chain.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from kiosk.persistence.models import ActorKind, Event, EventChainHead

GENESIS = "0" * 64


@dataclass(frozen=True)
class Actor:
    """Who did something: a staff member, a resident, a proxy, a carrier, or the system."""

    kind: ActorKind
    id: int | None = None
    label: str = ""

    @staticmethod
    def system(label: str = "packroom") -> Actor:
        return Actor(ActorKind.SYSTEM, None, label)


SYSTEM = Actor.system()


def _canonical_time(at: datetime) -> str:
    return at.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


def event_hash(
    prev_hash: str,
    seq: int,
    at: datetime,
    kind: str,
    actor: tuple[str, int | None, str],
    subject: tuple[str, int | None],
    kiosk: str,
    data: dict[str, Any],
) -> str:
    """SHA-256 over the previous hash and a canonical JSON rendering of the event."""
    body = json.dumps(
        [seq, _canonical_time(at), kind, list(actor), list(subject), kiosk, data],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def _hash_of(event: Event, prev_hash: str) -> str:
    return event_hash(
        prev_hash,
        event.seq,
        event.at,
        event.kind,
        (ActorKind(event.actor_kind).value, event.actor_id, event.actor_label),
        (event.subject_kind, event.subject_id),
        event.kiosk,
        event.data or {},
    )


def append(
    session: Session,
    kind: str,
    actor: Actor = SYSTEM,
    *,
    subject_kind: str = "",
    subject_id: int | None = None,
    data: dict[str, Any] | None = None,
    kiosk: str = "",
    at: datetime | None = None,
) -> Event:
    """Append one event inside the caller's transaction (it commits or rolls back with it)."""
    head = session.execute(
        select(EventChainHead).where(EventChainHead.id == 1).with_for_update()
    ).scalar_one_or_none()
    if head is None:
        # The first event of a new database; another kiosk may be writing its first one this
        # instant: whoever inserts second waits for the first and adds nothing.
        dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        session.execute(dialect.insert(EventChainHead).values(id=1, seq=0, hash=GENESIS)
                        .on_conflict_do_nothing(index_elements=["id"]))
        head = session.execute(
            select(EventChainHead).where(EventChainHead.id == 1).with_for_update()
        ).scalar_one()
    # JSON round-trip so the hash covers exactly what the database will return.
    payload = json.loads(json.dumps(data or {}, default=str))
    event = Event(
        seq=head.seq + 1,
        at=(at or datetime.now(UTC)).astimezone(UTC),
        kind=kind,
        actor_kind=actor.kind,
        actor_id=actor.id,
        actor_label=actor.label,
        subject_kind=subject_kind,
        subject_id=subject_id,
        kiosk=kiosk,
        data=payload,
        prev_hash=head.hash,
        hash="",
    )
    event.hash = _hash_of(event, head.hash)
    session.add(event)
    head.seq = event.seq
    head.hash = event.hash
    return event


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    head: str
    broken_seq: int | None = None
    reason: str = ""

    def describe(self) -> str:
        if self.ok:
            return f"event log intact: {self.checked} events, chain head {self.head[:16]}…"
        return f"event log BROKEN at event #{self.broken_seq}: {self.reason} ({self.checked} checked before it)"


def iter_events(session: Session, batch: int = 5000) -> Iterator[Event]:
    last = 0
    while True:
        rows = session.scalars(select(Event).where(Event.seq > last).order_by(Event.seq).limit(batch)).all()
        if not rows:
            return
        yield from rows
        last = rows[-1].seq
        session.expunge_all()


def verify(session: Session) -> VerifyResult:
    """Recompute the whole chain; report the first broken link (changed, missing or reordered)."""
    prev = GENESIS
    expected_seq = 1
    checked = 0
    for event in iter_events(session):
        if event.seq != expected_seq:
            return VerifyResult(False, checked, prev, expected_seq, f"event #{expected_seq} is missing")
        if event.prev_hash != prev:
            return VerifyResult(False, checked, prev, event.seq, "its link to the previous event does not match")
        if _hash_of(event, prev) != event.hash:
            return VerifyResult(False, checked, prev, event.seq, "its content was changed after it was written")
        prev = event.hash
        expected_seq += 1
        checked += 1
    head = session.get(EventChainHead, 1)
    if head is not None and (head.seq != checked or head.hash != prev):
        return VerifyResult(
            False, checked, prev, checked + 1,
            f"the chain head says {head.seq} events but {checked} were found (events removed at the end)",
        )
    return VerifyResult(True, checked, prev)
