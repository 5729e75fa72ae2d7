"""The package-room door at pickup: which parcels may leave through it, and its custody record.

The kiosk unlocks the door itself (the hardware layer, driven by the UI); this service writes
what that meant into the chain of custody, one transaction per fact, in the same style as the
other services:

* :meth:`DoorService.held` — which of a resident's waiting parcels are on hold (their own, or
  the resident's vacation hold): those are handed over at the front desk, not through the door;
* :meth:`DoorService.log_unlocked` — after a successful unlock: a ``door.unlocked`` event
  naming the resident (and the credential) who opened it. Nothing is released: the resident
  confirms at the kiosk which parcels they took (:mod:`kiosk.services.pickup_confirm`);
* :meth:`DoorService.record_unlocked` — the opening and then every parcel shown released at once
  (for callers that confirm everything with the opening: the multi-kiosk test worker, benches);
* :meth:`DoorService.record_unlock_failed` — the controller did not unlock: a
  ``door.unlock_failed`` event with the device's message, for staff. Nothing is released.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import and_, or_, select

from kiosk import eventlog
from kiosk.eventlog import Actor
from kiosk.persistence.models import ActorKind, Hold, HoldKind, Parcel
from kiosk.persistence.uow import Database
from kiosk.services.credentials import CredentialMatch
from kiosk.services.parcels import ParcelError, ParcelService

log = logging.getLogger(__name__)

UNLOCKED = "door.unlocked"
UNLOCK_FAILED = "door.unlock_failed"
PICKUP_REASON = "collected through the package-room door"


@dataclass(frozen=True)
class DoorOpening:
    """What the kiosk recorded for one opening: parcels released, and parcels it could not release."""

    event_seq: int
    released: tuple[str, ...]  # parcel codes now picked up
    not_released: tuple[tuple[str, str], ...]  # (parcel code or #id, reason), e.g. released elsewhere


def resident_actor(match: CredentialMatch) -> Actor:
    """The resident a pickup credential belongs to, as the actor of what they do at the kiosk."""
    return Actor(ActorKind.RESIDENT, match.resident_id, match.resident_display)



def release_each(parcels: ParcelService, match: CredentialMatch, actor: Actor, parcel_ids: Sequence[int],
                 now: datetime, why: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Release each parcel in its own transaction → (codes released, (parcel, reason) skipped): a parcel
    released meanwhile elsewhere, or no longer the resident's, is skipped and logged."""
    released: list[str] = []
    skipped: list[tuple[str, str]] = []
    for parcel_id in parcel_ids:
        try:
            info = parcels.release(parcel_id, actor, for_resident_id=match.resident_id, reason=PICKUP_REASON, now=now)
        except ParcelError as exc:
            log.warning("%s for resident %s but parcel #%s was not released: %s", why, match.resident_id,
                        parcel_id, exc)
            skipped.append((f"#{parcel_id}", str(exc)))
        else:
            released.append(info.code)
    return released, skipped

class DoorService:
    def __init__(self, db: Database, parcels: ParcelService, kiosk_id: str = "") -> None:
        self._db = db
        self._parcels = parcels
        self._kiosk = kiosk_id

    def held(self, parcel_ids: Sequence[int], today: date | None = None) -> frozenset[int]:
        """The parcels among ``parcel_ids`` under an active hold (their own or their resident's vacation)."""
        if not parcel_ids:
            return frozenset()
        today = today or datetime.now().astimezone().date()
        active = and_(
            Hold.released_at.is_(None),
            Hold.starts_on <= today,
            or_(Hold.ends_on.is_(None), Hold.ends_on >= today),
        )
        with self._db.reader() as uow:
            rows = uow.session.scalars(
                select(Parcel.id)
                .join(Hold, or_(Hold.parcel_id == Parcel.id,
                                and_(Hold.kind == HoldKind.VACATION, Hold.resident_id == Parcel.resident_id)))
                .where(Parcel.id.in_(list(parcel_ids)), active)
            ).all()
        return frozenset(rows)

    def log_unlocked(self, match: CredentialMatch, parcel_ids: Sequence[int], *, scope: str,
                     pulse_seconds: float, now: datetime | None = None) -> int:
        """Log that ``match``'s resident unlocked the door (``parcel_ids``: the parcels they were shown);
        returns the event's seq. Call only after the controller confirmed the unlock."""
        with self._db.uow() as uow:
            event = eventlog.append(
                uow.session, UNLOCKED, resident_actor(match), subject_kind="credential",
                subject_id=match.credential_id, kiosk=self._kiosk, at=now or datetime.now(UTC),
                data={"scope": scope, "reason": "pickup", "pulse_seconds": pulse_seconds,
                      "parcel_ids": list(parcel_ids)},
            )
            uow.commit()
            return event.seq

    def record_unlocked(self, match: CredentialMatch, parcel_ids: Sequence[int], *, scope: str,
                        pulse_seconds: float, now: datetime | None = None) -> DoorOpening:
        """Log the opening (:meth:`log_unlocked`), then release every parcel the resident was shown.

        The kiosk itself no longer does this: it asks the resident to confirm each parcel. The event
        is committed first, on its own: the door did open, whatever happens to the releases. Each
        release is its own transaction (:meth:`ParcelService.release`); a parcel released meanwhile
        elsewhere (or no longer theirs) is skipped and reported in ``not_released``.
        """
        now = now or datetime.now(UTC)
        actor = resident_actor(match)
        seq = self.log_unlocked(match, parcel_ids, scope=scope, pulse_seconds=pulse_seconds, now=now)
        released, skipped = release_each(self._parcels, match, actor, parcel_ids, now, "the door opened")
        return DoorOpening(seq, tuple(released), tuple(skipped))

    def record_unlock_failed(self, match: CredentialMatch, parcel_ids: Sequence[int], *, scope: str,
                             error: str, now: datetime | None = None) -> int:
        """Log, for staff, that the door did not unlock for ``match``'s resident; returns the event's seq."""
        now = now or datetime.now(UTC)
        with self._db.uow() as uow:
            event = eventlog.append(
                uow.session, UNLOCK_FAILED, resident_actor(match), subject_kind="credential",
                subject_id=match.credential_id, kiosk=self._kiosk, at=now,
                data={"scope": scope, "error": error[:500], "parcel_ids": list(parcel_ids)},
            )
            uow.commit()
            return event.seq
