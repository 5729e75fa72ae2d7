"""Label-reading services that touch the database: the property's address, learning from staff.

:func:`record_correction` is called when staff give a parcel to someone other than the
reader proposed (or pick one when it abstained). It writes a ``label.corrected`` event to the
chain-of-custody log and, when the name on the label is one the resident is not known by,
attaches it to them as a :class:`~kiosk.persistence.models.ResidentAlias`; the directory
indexes aliases, so the next parcel under that name matches. Both in one transaction.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from sqlalchemy import select

from kiosk import eventlog
from kiosk.eventlog import SYSTEM, Actor
from kiosk.labelread.match import name_similarity, name_tokens
from kiosk.persistence.models import Property, Resident, ResidentAlias, ResidentStatus
from kiosk.persistence.uow import Database
from kiosk.residents import directory as residents_directory
from kiosk.residents.directory import ResidentNotFound

log = logging.getLogger(__name__)

EVENT_CORRECTED = "label.corrected"
# A label name at least this close to the resident's name or an alias teaches nothing new.
KNOWN_NAME = 0.9
_ALIAS_MAX = 160


@dataclass(frozen=True)
class Correction:
    """What :func:`record_correction` did: the event written and the alias added, if any."""

    event_seq: int
    alias_added: str | None
    reason: str  # why no alias was added ("" when one was)


def property_address(db: Database, property_id: int | None = None) -> str:
    """The property's street address (``Property.address``); "" when unknown or ambiguous."""
    with db.reader() as uow:
        query = select(Property.address).order_by(Property.id)
        if property_id is not None:
            query = query.where(Property.id == property_id)
        addresses = [a for a in uow.session.scalars(query) if a]
    if property_id is None and len(set(addresses)) > 1:
        return ""  # a portfolio: the caller must say which building this kiosk is in
    return addresses[0] if addresses else ""


def _alias_text(label_name: str) -> str:
    """The label's name as an alias: words capitalised, OCR's stray characters dropped."""
    words = re.sub(r"[^\w' .&-]+", " ", label_name).split()
    text = " ".join(w if not w.isupper() or len(w) <= 1 else w.capitalize() for w in words)
    return text[:_ALIAS_MAX]


def record_correction(
    db: Database,
    *,
    resident_id: int,
    label_name: str | None,
    actor: Actor = SYSTEM,
    proposed_resident_id: int | None = None,
    confidence: float | None = None,
    tracking_number: str | None = None,
    label_unit: str | None = None,
    parcel_id: int | None = None,
    kiosk: str = "",
) -> Correction:
    """Record that staff chose ``resident_id`` for a label the reader read as ``label_name``.

    Adds ``label_name`` as an alias of the resident unless it is already their name or an
    alias (similarity ≥ 0.9), is no usable name, or is the name of another current resident
    (teaching "Maria Garcia" to Pedro would only make Maria's next parcel ambiguous). The event
    records the proposal, the choice and the outcome either way. Raises
    :class:`~kiosk.residents.directory.ResidentNotFound` for an unknown resident.
    """
    alias = _alias_text(label_name or "")
    with db.uow() as uow:
        session = uow.session
        resident = session.get(Resident, resident_id)
        if resident is None:
            raise ResidentNotFound(f"no resident with id {resident_id}")
        known = [resident.full_name, *session.scalars(
            select(ResidentAlias.alias).where(ResidentAlias.resident_id == resident_id))]
        reason = ""
        if len(name_tokens(alias)) < 1 or len(re.sub(r"[^A-Za-z]", "", alias)) < 3:
            reason = "no usable name on the label"
        elif max(name_similarity(alias, name) for name in known) >= KNOWN_NAME:
            reason = "the resident is already known by this name"
        else:
            others = session.execute(
                select(Resident.first_name, Resident.last_name)
                .where(Resident.id != resident_id, Resident.status != ResidentStatus.MOVED_OUT)).all()
            if any(name_similarity(alias, f"{first} {last}") >= KNOWN_NAME for first, last in others):
                reason = "another resident has this name"
        if not reason:
            session.add(ResidentAlias(resident_id=resident_id, alias=alias))
        event = eventlog.append(
            session, EVENT_CORRECTED, actor, subject_kind="resident", subject_id=resident_id, kiosk=kiosk,
            data={"label_name": (label_name or "")[:_ALIAS_MAX], "label_unit": label_unit,
                  "tracking_number": tracking_number, "parcel_id": parcel_id,
                  "proposed_resident_id": proposed_resident_id,
                  "confidence": None if confidence is None else round(float(confidence), 3),
                  "chosen_resident_id": resident_id, "alias_added": None if reason else alias,
                  "reason": reason})
        seq = event.seq
        uow.commit()
    if not reason:
        residents_directory.notify_changed()
        log.info("label name %r learnt as an alias of resident %d", alias, resident_id)
    return Correction(seq, None if reason else alias, reason)
