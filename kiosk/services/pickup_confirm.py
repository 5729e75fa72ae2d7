"""Closing the custody at a resident pickup: which parcels the resident says they took.

After the door unlocks (or, with no door controller, after the resident says they collected),
the kiosk asks the resident to confirm each parcel, by scanning its label or ticking it:

* :meth:`PickupConfirmService.check_scan` — what a label scanned at the confirm step is: one of
  the resident's parcels shown for the door, one of theirs that must go through the desk, or
  someone else's. Someone else's is refused and the attempt logged (``pickup.wrong_parcel``);
  the resident is told which shelf to put it back on, never whose it is.
* :meth:`PickupConfirmService.finish` — the resident tapped Done (or the screen went idle): a
  ``pickup.confirmed`` event, each confirmed parcel released (:meth:`ParcelService.release`,
  actor the resident), and each unconfirmed parcel left waiting but flagged ``needs_attention``
  (``parcel.pickup_unconfirmed``) for staff and the next audit.
* :meth:`PickupConfirmService.report_problem` — "Something's wrong": a parcel missing from its
  shelf or damaged, logged (``parcel.reported_missing`` / ``parcel.reported_damaged``), flagged
  for staff, and, when ``notifications.staff_email`` is set, a ``pickup_problem`` e-mail queued
  in the outbox (once per parcel and problem).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from kiosk import eventlog
from kiosk.eventlog import Actor
from kiosk.jobs.common import notice_row, queue_notices
from kiosk.persistence.models import WAITING_STATUSES, Channel, Parcel, ParcelStatus, ParcelTransition
from kiosk.persistence.uow import Database
from kiosk.services.credentials import CredentialMatch
from kiosk.services.doors import release_each, resident_actor
from kiosk.services.parcels import NotYourParcel, ParcelError, ParcelInfo, ParcelService
from kiosk.tracking import parse as parse_tracking

log = logging.getLogger(__name__)

WRONG_PARCEL = "pickup.wrong_parcel"
CONFIRMED = "pickup.confirmed"
UNCONFIRMED = "parcel.pickup_unconfirmed"
REPORTED = {"missing": "parcel.reported_missing", "damaged": "parcel.reported_damaged"}
UNCONFIRMED_AFTER_DOOR = "door opened, pickup not confirmed"
UNCONFIRMED_NO_DOOR = "resident said collected, pickup not confirmed"
REPORT_REASONS = {"missing": "resident reported it missing", "damaged": "resident reported it damaged"}
STAFF_NOTICE = "pickup_problem"
_DETAILS = {
    "en": {"missing": "Parcel {code} (unit {unit}, {shelf}): the resident reported it missing from its shelf "
                      "at the kiosk.",
           "damaged": "Parcel {code} (unit {unit}, {shelf}): the resident reported it damaged at the kiosk."},
    "es": {"missing": "Paquete {code} (unidad {unit}, {shelf}): el residente informó en el quiosco que no está "
                      "en su estante.",
           "damaged": "Paquete {code} (unidad {unit}, {shelf}): el residente informó en el quiosco que está "
                      "dañado."},
}

MINE = "mine"  # one of the parcels shown to the resident for the door
SEE_DESK = "see_desk"  # theirs, but handed over at the desk (signature, hold) or through a locker
NOT_YOURS = "not_yours"  # somebody else's: refused and logged
CLOSED = "closed"  # theirs, already picked up (or returned…)
UNKNOWN = "unknown"  # no parcel has that label


@dataclass(frozen=True)
class ScanCheck:
    """What a label scanned at the confirm step turned out to be."""

    kind: str  # MINE, SEE_DESK, NOT_YOURS, CLOSED, UNKNOWN
    parcel_id: int | None = None
    code: str = ""
    shelf: str | None = None  # where it belongs (the sign on its shelf); None: the front desk


@dataclass(frozen=True)
class PickupClosed:
    """What :meth:`PickupConfirmService.finish` recorded."""

    event_seq: int
    released: tuple[str, ...]  # parcel codes now picked up
    not_released: tuple[tuple[str, str], ...]  # (#id, reason): released elsewhere meanwhile, …
    flagged: tuple[str, ...]  # codes left waiting and flagged for staff


@dataclass(frozen=True)
class ProblemReported:
    code: str
    problem: str
    event_seq: int
    staff_notified: bool  # a staff e-mail was queued (else: the staff parcel list only)


class PickupConfirmService:
    def __init__(self, db: Database, parcels: ParcelService, kiosk_id: str = "", *, staff_email: str = "",
                 staff_language: str = "en") -> None:
        self._db = db
        self._parcels = parcels
        self._kiosk = kiosk_id
        self._staff_email = staff_email.strip()
        self._staff_language = staff_language if staff_language in _DETAILS else "en"

    # ------------------------------------------------------------------ scans

    def _find(self, text: str, resident_id: int) -> ParcelInfo | None:
        """The parcel a label names: its Packroom code, or the carrier's tracking number."""
        compact = text.strip().upper().replace(" ", "")
        if not compact or len(compact) > 64:
            return None
        if len(compact) <= 16:
            info = self._parcels.by_code(compact)
            if info is not None:
                return info
        numbers = dict.fromkeys(n for n in (parse_tracking(text).number, compact) if n)
        found = [info for number in numbers for info in self._parcels.by_tracking(number)]
        if not found:
            return None
        # The same tracking number twice (a re-delivery): theirs and waiting first.
        found.sort(key=lambda p: (p.resident_id != resident_id, p.status not in WAITING_STATUSES))
        return found[0]

    def check_scan(self, match: CredentialMatch, text: str, shown_ids: Sequence[int], *, scope: str,
                   now: datetime | None = None) -> ScanCheck:
        """Classify a scanned label; somebody else's parcel is logged as a ``pickup.wrong_parcel`` event."""
        info = self._find(text, match.resident_id)
        if info is None:
            return ScanCheck(UNKNOWN)
        if info.resident_id != match.resident_id:
            with self._db.uow() as uow:
                eventlog.append(uow.session, WRONG_PARCEL, resident_actor(match), subject_kind="parcel",
                                subject_id=info.id, kiosk=self._kiosk, at=now or datetime.now(UTC),
                                data={"code": info.code, "scope": scope, "credential_id": match.credential_id,
                                      "status": info.status.value})
                uow.commit()
            log.info("resident %s scanned parcel %s, which is not theirs", match.resident_id, info.code)
            return ScanCheck(NOT_YOURS, info.id, info.code, info.location_name)
        if info.status not in WAITING_STATUSES:
            return ScanCheck(CLOSED, info.id, info.code, info.location_name)
        if info.id not in shown_ids:
            return ScanCheck(SEE_DESK, info.id, info.code, info.location_name)
        return ScanCheck(MINE, info.id, info.code, info.location_name)

    # ------------------------------------------------------------------ the end of the pickup

    def finish(self, match: CredentialMatch, confirmed: Sequence[int], unconfirmed: Sequence[int], *, scope: str,
               how: str = "done", door_opened: bool = True, now: datetime | None = None) -> PickupClosed:
        """Release what the resident confirmed; flag what they did not (it stays waiting).

        ``how``: ``done`` (the resident tapped Done) or ``idle`` (the screen timed out). The summary
        event is committed first; each release is its own transaction, like at the door before.
        """
        now = now or datetime.now(UTC)
        actor = resident_actor(match)
        with self._db.uow() as uow:
            event = eventlog.append(
                uow.session, CONFIRMED, actor, subject_kind="credential", subject_id=match.credential_id,
                kiosk=self._kiosk, at=now,
                data={"scope": scope, "how": how, "door_opened": door_opened,
                      "confirmed": list(confirmed), "unconfirmed": list(unconfirmed)})
            uow.commit()
            seq = event.seq
        released, skipped = release_each(self._parcels, match, actor, confirmed, now, "the pickup was confirmed")
        reason = UNCONFIRMED_AFTER_DOOR if door_opened else UNCONFIRMED_NO_DOOR
        flagged: list[str] = []
        if unconfirmed:
            with self._db.uow() as uow:
                for parcel_id in unconfirmed:
                    parcel = uow.session.get(Parcel, parcel_id, with_for_update=True)
                    if parcel is None or parcel.resident_id != match.resident_id \
                            or parcel.status not in WAITING_STATUSES:
                        continue
                    self._flag(uow.session, parcel, actor, reason, now)
                    eventlog.append(uow.session, UNCONFIRMED, actor, subject_kind="parcel", subject_id=parcel.id,
                                    kiosk=self._kiosk, at=now,
                                    data={"code": parcel.code, "reason": reason, "how": how, "scope": scope})
                    flagged.append(parcel.code)
                uow.commit()
        return PickupClosed(seq, tuple(released), tuple(skipped), tuple(flagged))

    # ------------------------------------------------------------------ something's wrong

    def report_problem(self, match: CredentialMatch, code: str, problem: str, *, scope: str,
                       now: datetime | None = None) -> ProblemReported:
        """The resident says parcel ``code`` is ``missing`` or ``damaged``: log, flag, tell staff."""
        if problem not in REPORTED:
            raise ParcelError(f"unknown problem {problem!r}")
        now = now or datetime.now(UTC)
        actor = resident_actor(match)
        info = self._parcels.by_code(code)
        if info is None or info.resident_id != match.resident_id:
            raise NotYourParcel("this parcel is not on your list")
        reason = REPORT_REASONS[problem]
        with self._db.uow() as uow:
            parcel = uow.session.get(Parcel, info.id, with_for_update=True)
            assert parcel is not None  # found a moment ago; parcels are never deleted
            if parcel.status in WAITING_STATUSES:
                self._flag(uow.session, parcel, actor, reason, now)
            event = eventlog.append(uow.session, REPORTED[problem], actor, subject_kind="parcel", subject_id=info.id,
                                    kiosk=self._kiosk, at=now,
                                    data={"code": info.code, "problem": problem, "scope": scope,
                                          "status": ParcelStatus(parcel.status).value})
            queued = 0
            if self._staff_email:
                details = _DETAILS[self._staff_language][problem].format(
                    code=info.code, unit=info.unit or "—", shelf=info.location_name or "—")
                queued = queue_notices(uow.session, [notice_row(
                    f"{STAFF_NOTICE}:{info.code}:{problem}", STAFF_NOTICE, Channel.EMAIL, self._staff_email,
                    resident_id=None, language=self._staff_language, now=now,
                    payload={"details": details, "parcel_codes": [info.code]})])
            uow.commit()
            seq = event.seq
        if not self._staff_email:
            log.warning("parcel %s reported %s at the kiosk; notifications.staff_email is empty: "
                        "it is flagged on the staff parcel list only", info.code, problem)
        return ProblemReported(info.code, problem, seq, bool(queued) or bool(self._staff_email))

    @staticmethod
    def _flag(session: Session, parcel: Parcel, actor: Actor, reason: str, now: datetime) -> None:
        """Mark a waiting parcel for staff, keeping an earlier reason; a custody step says why."""
        if parcel.needs_attention and parcel.attention_reason and reason not in parcel.attention_reason:
            reason = f"{parcel.attention_reason}; {reason}"
        parcel.needs_attention = True
        parcel.attention_reason = reason[:200]
        status = ParcelStatus(parcel.status)
        session.add(ParcelTransition(parcel_id=parcel.id, from_status=status, to_status=status, at=now,
                                     actor_kind=actor.kind, actor_id=actor.id, actor_label=actor.label,
                                     location_id=parcel.location_id, reason=reason[:400]))
