"""A resident's own notice preferences, changed at the kiosk after signing in with their code.

Only the signed-in resident's record is read or written (the id comes from their verified
credential), and what goes back to the screen is masked: the kiosk stands in a shared room, so
it never shows a full address or number. Each change is one transaction with an event whose
actor is the resident; like staff edits, the event names the fields, never personal values.
The arrival notice itself cannot be turned off; only the later reminders can.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import update

from kiosk import eventlog
from kiosk.eventlog import Actor
from kiosk.notifications.texts import LANGUAGES
from kiosk.persistence.models import ActorKind, OutboxMessage, OutboxStatus, Resident, ResidentStatus
from kiosk.persistence.uow import Database
from kiosk.residents.directory import ResidentNotFound
from kiosk.services.credentials import CredentialMatch

MASK = "•••"


def mask_email(email: str | None) -> str:
    """``maria@example.com`` → ``m•••@example.com`` ("" when there is none)."""
    if not email:
        return ""
    local, _, domain = email.partition("@")
    return f"{local[:1]}{MASK}@{domain}" if domain else f"{local[:1]}{MASK}"


def mask_mobile(mobile: str | None) -> str:
    """``+15550100001`` → ``•••• 0001`` ("" when there is none)."""
    digits = "".join(ch for ch in mobile or "" if ch.isdigit())
    return f"•••• {digits[-4:]}" if digits else ""


@dataclass(frozen=True)
class ResidentPrefs:
    """What the preferences screen shows: masked contacts and the switches."""

    resident_id: int
    email: str  # masked; "" when there is no address on file
    mobile: str  # masked; "" when there is no number on file
    notify_email: bool
    notify_sms: bool
    language: str
    reminders_opt_out: bool
    email_bounced: bool
    sms_failed: bool

    @property
    def email_active(self) -> bool:
        return bool(self.email) and self.notify_email and not self.email_bounced

    @property
    def sms_active(self) -> bool:
        return bool(self.mobile) and self.notify_sms and not self.sms_failed

    @property
    def no_channel(self) -> bool:
        """No notice reaches this resident: parcels are only listed at the kiosk."""
        return not (self.email_active or self.sms_active)


@dataclass(frozen=True)
class PrefsChange:
    notify_email: bool
    notify_sms: bool
    language: str
    reminders_opt_out: bool


class PreferenceError(ValueError):
    """A change was refused; the message is fit to show the resident."""


class ResidentPrefsService:
    """Read and change the signed-in resident's own notice preferences."""

    def __init__(self, db: Database, kiosk_id: str = "") -> None:
        self._db = db
        self._kiosk = kiosk_id

    def get(self, match: CredentialMatch) -> ResidentPrefs:
        with self._db.reader() as uow:
            return _prefs(_resident(uow.session.get(Resident, match.resident_id), match))

    def save(self, match: CredentialMatch, change: PrefsChange, now: datetime | None = None) -> ResidentPrefs:
        """Store the change; the event log records which switches the resident changed."""
        if change.language not in LANGUAGES:
            raise PreferenceError(f"unknown language {change.language!r}")
        now = now or datetime.now(UTC)
        with self._db.uow() as uow:
            session = uow.session
            resident = _resident(session.get(Resident, match.resident_id, with_for_update=True), match)
            changed = []
            for name in ("notify_email", "notify_sms", "language", "reminders_opt_out"):
                value = getattr(change, name)
                if getattr(resident, name) != value:
                    setattr(resident, name, value)
                    changed.append(name)
            if "language" in changed:
                # Notices still waiting to go out follow the new language (they merge with new ones).
                session.execute(update(OutboxMessage)
                                .where(OutboxMessage.resident_id == resident.id,
                                       OutboxMessage.status == OutboxStatus.PENDING)
                                .values(language=change.language)
                                .execution_options(synchronize_session=False))
            if changed:
                resident.updated_at = now
                eventlog.append(session, "resident.preferences_changed",
                                Actor(ActorKind.RESIDENT, resident.id, match.resident_display),
                                subject_kind="resident", subject_id=resident.id, kiosk=self._kiosk, at=now,
                                data={"fields": changed, "credential_id": match.credential_id})
            prefs = _prefs(resident)
            uow.commit()
        return prefs


def _resident(resident: Resident | None, match: CredentialMatch) -> Resident:
    if resident is None or resident.status == ResidentStatus.MOVED_OUT or resident.anonymised_at is not None:
        raise ResidentNotFound(f"no current resident with id {match.resident_id}")
    return resident


def _prefs(resident: Resident) -> ResidentPrefs:
    return ResidentPrefs(resident.id, mask_email(resident.email), mask_mobile(resident.mobile),
                         bool(resident.notify_email), bool(resident.notify_sms), resident.language or "en",
                         bool(resident.reminders_opt_out), bool(resident.email_bounced), bool(resident.sms_failed))


__all__ = ["PreferenceError", "PrefsChange", "ResidentPrefs", "ResidentPrefsService", "mask_email", "mask_mobile"]
