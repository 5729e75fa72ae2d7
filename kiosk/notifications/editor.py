"""The admin's template editor behind the staff "Messages" screen: load, preview, save, reset.

The preview fills the text being edited with sample values built the way real notices are
(:func:`kiosk.notifications.content.notice_values` over a sample payload), so the property name,
room hours and phrases are this building's and in the template's language. SMS previews say how
the text is encoded and how many segments it takes before and after shortening. Only an admin may
save or reset; the template store logs who did it in the event log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from kiosk.notifications.content import notice_values
from kiosk.notifications.policy import NoticePolicy
from kiosk.notifications.templates import (
    SMS_MAX_SEGMENTS,
    SmsLength,
    TemplateError,
    TemplateStore,
    TemplateText,
    fill,
    render_text,
    sms_length,
    validate_template,
)
from kiosk.notifications.texts import PLACEHOLDERS
from kiosk.persistence.models import Channel, Event, Role
from kiosk.persistence.uow import Database
from kiosk.services.access import require
from kiosk.services.staff import StaffSession

SUBJECT_MAX = 200  # the column's width

# A made-up resident's notice, as intake and the jobs would queue it.
SAMPLE_FIRST_NAME = "Maria"


def sample_payload(today: date | None = None) -> dict[str, object]:
    today = today or date.today()
    return {
        "parcels": [{"code": "7K4MPX2Q", "shelf": "A1"}, {"code": "W9RT3HNB", "shelf": "A2"}],
        "parcel_codes": ["7K4MPX2Q", "W9RT3HNB"],
        "pickup_code": "482913",
        "days": 5,
        "return_on": (today + timedelta(days=9)).isoformat(),
        "hold_until": (today + timedelta(days=14)).isoformat(),
        "report_date": today.isoformat(),
        "details": "Parcel 7K4MPX2Q, shelf A1: found on the wrong shelf.",
    }


@dataclass(frozen=True)
class Preview:
    """A template filled with sample values, and what an admin should know about it."""

    subject: str
    body: str
    sms: SmsLength | None  # the text as sent (after shortening); None for e-mail
    sms_unshortened: SmsLength | None  # the text before the soft parts were shortened
    sample: dict[str, str]

    @property
    def too_long(self) -> bool:
        return self.sms is not None and not self.sms.fits

    @property
    def shortened(self) -> bool:
        return self.sms_unshortened is not None and not self.sms_unshortened.fits and not self.too_long


@dataclass(frozen=True)
class TemplateChange:
    """The last save or reset of one template: who and when."""

    action: str  # "saved" | "reset"
    by: str
    at: datetime


class TemplateEditor:
    """Read, preview, save and reset notice templates for the staff "Messages" screen."""

    def __init__(self, db: Database, store: TemplateStore, policy: NoticePolicy) -> None:
        self._db = db
        self._store = store
        self._policy = policy

    def kinds(self) -> tuple[str, ...]:
        return self._store.kinds()

    def languages(self) -> tuple[str, ...]:
        return self._store.languages()

    @staticmethod
    def placeholders() -> list[tuple[str, str]]:
        """(name, what it is) of every placeholder a template may use."""
        return list(PLACEHOLDERS.items())

    def load(self, kind: str, channel: Channel, language: str) -> TemplateText:
        return self._store.get(kind, channel, language)

    def sample_values(self, kind: str, channel: Channel, language: str) -> dict[str, str]:
        values = notice_values(kind, channel, language, sample_payload(), SAMPLE_FIRST_NAME, self._policy)
        values["qr_code"] = ""  # the preview shows no QR image
        return values

    def preview(self, kind: str, channel: Channel, language: str, subject: str, body: str) -> Preview:
        """Fill ``subject``/``body`` (unsaved text) with sample values; TemplateError if it is refused."""
        check(subject, body)
        values = self.sample_values(kind, channel, language)
        rendered = render_text(subject, body, channel, values)
        if channel == Channel.EMAIL:
            return Preview(rendered.subject, rendered.body, None, None, values)
        return Preview("", rendered.body, sms_length(rendered.body), sms_length(fill(body, values)), values)

    def save(self, by: StaffSession | None, kind: str, channel: Channel, language: str, subject: str,
             body: str) -> TemplateText:
        staff = require(by, Role.ADMIN, "change message templates")
        check(subject, body)
        return self._store.save(kind, channel, language, subject if channel == Channel.EMAIL else "", body,
                                actor=staff.actor)

    def reset(self, by: StaffSession | None, kind: str, channel: Channel, language: str) -> TemplateText:
        staff = require(by, Role.ADMIN, "change message templates")
        self._store.reset(kind, channel, language, actor=staff.actor)
        return self._store.get(kind, channel, language)

    def last_change(self, kind: str, channel: Channel, language: str, scan: int = 500) -> TemplateChange | None:
        """Who last saved or reset this template (from the event log), if anyone did."""
        with self._db.reader() as uow:
            events = uow.session.execute(
                select(Event.kind, Event.actor_label, Event.at, Event.data)
                .where(Event.kind.in_(("template.saved", "template.reset")))
                .order_by(Event.seq.desc()).limit(scan)).all()
        for event_kind, label, at, data in events:
            data = data or {}
            if (data.get("kind"), data.get("channel"), data.get("language")) == (kind, channel.value, language):
                return TemplateChange(event_kind.removeprefix("template."), label, at)
        return None


def check(subject: str, body: str) -> None:
    """The checks a template must pass before it can be previewed or saved."""
    if not body.strip():
        raise TemplateError("the message text is empty")
    if len(subject) > SUBJECT_MAX:
        raise TemplateError(f"the subject is too long: at most {SUBJECT_MAX} characters")
    validate_template(subject, body)


__all__ = ["SMS_MAX_SEGMENTS", "Preview", "TemplateChange", "TemplateEditor", "check", "sample_payload"]
