"""Notice templates: defaults per kind × channel × language, admin overrides, rendering.

Resolution order for (kind, channel, language): the admin's override in ``message_templates``,
then the built-in default in that language, then the override in English, then the English
default. Placeholders are :class:`string.Template` names from :data:`PLACEHOLDERS`; an unknown
one is refused when the template is saved (:class:`TemplateError` names it).

SMS texts must fit two segments: 306 GSM-7 septets, or 134 UTF-16 units as soon as one character
outside GSM 03.38 appears (ñ, é, ü, ¿, ¡ are in GSM-7; á, í, ó, ú are not, so most Spanish texts
are UCS-2). Rendering shortens the soft parts — the instructions first — and never the code.
E-mail gets an HTML alternative with the pickup code as an inline QR image (Content-ID).
"""

from __future__ import annotations

import html
import io
import logging
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field

import qrcode
from sqlalchemy import delete, select

from kiosk import eventlog
from kiosk.eventlog import Actor
from kiosk.notifications.texts import (
    DEFAULT_TEXTS,
    KINDS,
    LANGUAGES,
    PLACEHOLDERS,
    SOFT_PLACEHOLDERS,
)
from kiosk.persistence.models import Channel, MessageTemplate
from kiosk.persistence.uow import Database

log = logging.getLogger(__name__)

SMS_MAX_SEGMENTS = 2
ELLIPSIS = "…"

# GSM 03.38 basic character set (one septet each) and its extension table (two septets each).
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = frozenset("^{}\\[~]|€\f")


class TemplateError(ValueError):
    """A template cannot be saved or rendered; the message says which placeholder or limit."""


@dataclass(frozen=True)
class InlineImage:
    """An image carried inside an e-mail and referenced from its HTML as ``cid:<content_id>``."""

    content_id: str  # without angle brackets
    data: bytes
    subtype: str = "png"
    filename: str = "pickup-code.png"


@dataclass(frozen=True)
class RenderedMessage:
    """A notice ready for a channel: subject (e-mail only), plain text, optional HTML and images."""

    subject: str
    body: str
    html: str | None = None
    images: tuple[InlineImage, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class TemplateText:
    """The template in force for one kind, channel and language, and where it came from."""

    kind: str
    channel: Channel
    language: str
    subject: str
    body: str
    overridden: bool
    fell_back_to_english: bool


@dataclass(frozen=True)
class SmsLength:
    """How an SMS text is encoded and how many segments it takes."""

    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2)
    segments: int

    @property
    def fits(self) -> bool:
        return self.segments <= SMS_MAX_SEGMENTS


def _is_gsm7(text: str) -> bool:
    return all(ch in GSM7_BASIC or ch in GSM7_EXTENDED for ch in text)


def sms_length(text: str) -> SmsLength:
    """Encoding, length and segment count of ``text`` as a carrier would send it.

    Concatenated segments carry 153 septets (GSM-7) or 67 UTF-16 units (UCS-2); an escaped
    GSM-7 character or a surrogate pair is never split across two segments.
    """
    if _is_gsm7(text):
        costs = [2 if ch in GSM7_EXTENDED else 1 for ch in text]
        single, multi, encoding = 160, 153, "GSM-7"
    else:
        costs = [len(ch.encode("utf-16-le")) // 2 for ch in text]
        single, multi, encoding = 70, 67, "UCS-2"
    units = sum(costs)
    if units <= single:
        return SmsLength(encoding, units, 1 if units else 0)
    segments, used = 1, 0
    for cost in costs:
        if used + cost > multi:
            segments += 1
            used = 0
        used += cost
    return SmsLength(encoding, units, segments)


def placeholders_in(text: str) -> list[str]:
    """The placeholder names a template uses; raises TemplateError on malformed ``$`` use."""
    template = string.Template(text)
    if not template.is_valid():
        bad = _first_invalid(text)
        raise TemplateError(
            f"the template has a stray '$' near {bad!r}; write $$ for a dollar sign"
        )
    return template.get_identifiers()


def _first_invalid(text: str) -> str:
    for match in string.Template.pattern.finditer(text):
        if match.group("invalid") is not None:
            start = match.start("invalid")
            return text[max(0, start - 5) : start + 10]
    return text[:15]


def validate_template(subject: str, body: str) -> None:
    """Refuse unknown placeholders, naming the first one found."""
    for part in (subject, body):
        for name in placeholders_in(part):
            if name not in PLACEHOLDERS:
                known = ", ".join(sorted(PLACEHOLDERS))
                raise TemplateError(f"unknown placeholder ${name} (known: {known})")


def _channel_key(channel: Channel) -> str:
    return "email" if channel == Channel.EMAIL else "sms"


def normalise_language(language: str) -> str:
    return (language or "en").strip().lower()[:2] or "en"


# --------------------------------------------------------------------------- QR codes


def qr_png(text: str, box_size: int = 6) -> bytes:
    """A PNG QR code for ``text`` (medium error correction, quiet zone of 4 modules)."""
    code = qrcode.QRCode(
        box_size=box_size, border=4, error_correction=qrcode.constants.ERROR_CORRECT_M
    )
    code.add_data(text)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- rendering


def _substitute(text: str, values: Mapping[str, str]) -> str:
    full = {name: values.get(name, "") for name in PLACEHOLDERS}
    return string.Template(text).safe_substitute(full)


def _tidy(text: str) -> str:
    """Collapse the blank lines and double spaces that empty placeholders leave behind."""
    lines = [re.sub(r"[ \t]{2,}", " ", line).rstrip() for line in text.splitlines()]
    tidy: list[str] = []
    for line in lines:
        if not line.strip() and (not tidy or not tidy[-1].strip()):
            continue
        tidy.append(line)
    result = "\n".join(tidy).strip()
    result = re.sub(r"[ \t]+([.,;:])(?=\s|$)", r"\1", result)  # "Shelf . Hours"
    result = re.sub(r"(?<!\.)\.\.(?!\.)", ".", result)  # "way out.." (value and template)
    result = re.sub(r"\.{4,}", "...", result)  # "A1...." (shortened value and template)
    result = re.sub(r"([…:])\.", r"\1", result)  # "A1…." / "Where:."
    return result


def _shorten(value: str, limit: int, ellipsis: str = ELLIPSIS) -> str:
    if limit <= 0:
        return ""
    if len(value) <= limit:
        return value
    cut = value[: max(0, limit - len(ellipsis))].rstrip()
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return (cut.rstrip(" ,;:.") + ellipsis) if cut else ""


def fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with its placeholders filled and tidied, shortening nothing (editor previews)."""
    return _tidy(_substitute(text, values))


def fit_sms(body_template: str, values: Mapping[str, str]) -> str:
    """Render an SMS, shortening soft placeholders (instructions first) to fit two segments."""
    current = dict(values)
    text = _tidy(_substitute(body_template, current))
    if sms_length(text).fits:
        return text
    # "…" is not GSM-7: in an otherwise GSM-7 text it would halve the room (306 → 134)
    ellipsis = "..." if _is_gsm7(text) else ELLIPSIS
    for name in SOFT_PLACEHOLDERS:
        original = current.get(name, "")
        if not original:
            continue
        low, high, best = 0, len(original), ""
        while low <= high:  # the longest prefix of this part that still fits
            middle = (low + high) // 2
            candidate = dict(current, **{name: _shorten(original, middle, ellipsis)})
            if sms_length(_tidy(_substitute(body_template, candidate))).fits:
                best, low = candidate[name], middle + 1
            else:
                high = middle - 1
        current[name] = best
        text = _tidy(_substitute(body_template, current))
        if sms_length(text).fits:
            return text
    log.warning(
        "an SMS text is still %d segments after shortening; check the template",
        sms_length(text).segments,
    )
    return text


def _html_body(text: str, pickup_code: str | None, image: InlineImage | None, qr_alt: str) -> str:
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    parts = []
    for paragraph in paragraphs:
        escaped = html.escape(paragraph).replace("\n", "<br>\n")
        if pickup_code:
            escaped = escaped.replace(
                html.escape(pickup_code),
                '<strong style="font-size:1.4em;letter-spacing:0.1em">'
                f"{html.escape(pickup_code)}</strong>",
            )
        parts.append(f"<p>{escaped}</p>")
    if image is not None:
        parts.append(
            f'<p><img src="cid:{image.content_id}" alt="{html.escape(qr_alt)}" '
            'width="180" height="180" style="image-rendering:pixelated"></p>'
        )
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head>\n'
        '<body style="font-family:sans-serif;font-size:16px;line-height:1.4">\n'
        + "\n".join(parts)
        + "\n</body></html>\n"
    )


SAMPLE_VALUES: dict[str, str] = {
    "first_name": "Maria",
    "property_name": "Packroom Demo Residences",
    "pickup_code": "482913",
    "parcel_count": "2",
    "parcels": "2 parcels",
    "parcel_list": "• 7K4MPX2Q — Shelf A1\n• W9RT3HNB — Shelf A2",
    "shelves": "A1, A2",
    "room_hours": "07:00-22:00",
    "instructions": "Enter your code on the kiosk keypad in the package room, take your parcels "
    "from "
    "the shelves shown and scan each label on the way out.",
    "qr_hint": "At the kiosk you can also scan the QR code in this e-mail.",
    "days_waiting": "5",
    "return_date": "March 14",
    "hold_until": "March 20",
    "report_date": "March 9",
    "details": "Parcels received: 42\nParcels picked up: 37\nWaiting now: 18",
}


class TemplateStore:
    """Reads, saves and renders notice templates; overrides live in ``message_templates``."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # ------------------------------------------------------------------ reading

    def get(self, kind: str, channel: Channel, language: str) -> TemplateText:
        """The template in force (override, default, or the English fallback)."""
        language = normalise_language(language)
        key = _channel_key(channel)
        stored_channel = Channel.EMAIL if key == "email" else Channel.SMS
        with self._db.reader() as uow:
            rows = {  # plain tuples: ORM rows expire when the unit of work closes
                row.language: (row.subject, row.body)
                for row in uow.session.scalars(
                    select(MessageTemplate).where(
                        MessageTemplate.kind == kind,
                        MessageTemplate.channel == stored_channel,
                        MessageTemplate.language.in_([language, "en"]),
                    )
                )
            }
        for candidate in dict.fromkeys([language, "en"]):
            stored = rows.get(candidate)
            if stored is not None:
                return TemplateText(
                    kind, channel, candidate, stored[0], stored[1], True, candidate != language
                )
            default = DEFAULT_TEXTS.get((kind, key, candidate))
            if default is not None:
                return TemplateText(
                    kind, channel, candidate, default[0], default[1], False, candidate != language
                )
        raise TemplateError(f"there is no template for notices of kind {kind!r}")

    def kinds(self) -> tuple[str, ...]:
        return KINDS

    def languages(self) -> tuple[str, ...]:
        return LANGUAGES

    # ------------------------------------------------------------------ editing

    def save(
        self,
        kind: str,
        channel: Channel,
        language: str,
        subject: str,
        body: str,
        actor: Actor = eventlog.SYSTEM,
    ) -> TemplateText:
        """Validate and store an admin's template; it wins over the default from now on."""
        language = normalise_language(language)
        if kind not in KINDS:
            raise TemplateError(f"unknown notice kind {kind!r} (known: {', '.join(KINDS)})")
        if not body.strip():
            raise TemplateError("the message text is empty")
        validate_template(subject, body)
        stored_channel = Channel.EMAIL if _channel_key(channel) == "email" else Channel.SMS
        if stored_channel == Channel.SMS:
            bare = _tidy(
                _substitute(body, {**SAMPLE_VALUES, **dict.fromkeys(SOFT_PLACEHOLDERS, "")})
            )
            if not sms_length(bare).fits:
                raise TemplateError(
                    f"the SMS text is too long: even without instructions it takes "
                    f"{sms_length(bare).segments} segments (at most {SMS_MAX_SEGMENTS})"
                )
        with self._db.uow() as uow:
            row = uow.session.scalar(
                select(MessageTemplate).where(
                    MessageTemplate.kind == kind,
                    MessageTemplate.channel == stored_channel,
                    MessageTemplate.language == language,
                )
            )
            if row is None:
                row = MessageTemplate(
                    kind=kind, channel=stored_channel, language=language, subject=subject, body=body
                )
                uow.session.add(row)
            else:
                row.subject, row.body = subject, body
            uow.session.flush()
            eventlog.append(
                uow.session,
                "template.saved",
                actor,
                subject_kind="template",
                subject_id=row.id,
                data={"kind": kind, "channel": stored_channel.value, "language": language},
            )
            uow.commit()
        return self.get(kind, channel, language)

    def reset(
        self, kind: str, channel: Channel, language: str, actor: Actor = eventlog.SYSTEM
    ) -> None:
        """Drop an override so the built-in default applies again."""
        stored_channel = Channel.EMAIL if _channel_key(channel) == "email" else Channel.SMS
        with self._db.uow() as uow:
            removed = uow.session.execute(
                delete(MessageTemplate).where(
                    MessageTemplate.kind == kind,
                    MessageTemplate.channel == stored_channel,
                    MessageTemplate.language == normalise_language(language),
                )
            )
            if getattr(removed, "rowcount", 0):
                eventlog.append(
                    uow.session,
                    "template.reset",
                    actor,
                    subject_kind="template",
                    data={
                        "kind": kind,
                        "channel": stored_channel.value,
                        "language": normalise_language(language),
                    },
                )
            uow.commit()

    # ------------------------------------------------------------------ rendering

    def render(
        self,
        kind: str,
        channel: Channel,
        language: str,
        values: Mapping[str, str],
        *,
        content_id: str = "pickup-code@packroom",
    ) -> RenderedMessage:
        """Fill a template; SMS is fitted to two segments, e-mail gets HTML and the QR image.

        ``values`` holds the placeholders plus two rendering hints: ``qr_code`` (the text the
        inline QR image encodes; none when empty) and ``qr_alt`` (its alternative text).
        """
        template = self.get(kind, channel, language)
        return render_text(template.subject, template.body, channel, values, content_id=content_id)

    def preview(
        self,
        kind: str,
        channel: Channel,
        language: str,
        sample: Mapping[str, str] | None = None,
        draft: tuple[str, str] | None = None,
    ) -> RenderedMessage:
        """Render with sample values; ``draft`` (subject, body) previews unsaved text, validated."""
        values = {**SAMPLE_VALUES, **(sample or {})}
        values.setdefault("qr_code", values["pickup_code"])
        if draft is not None:
            validate_template(*draft)
            return render_text(draft[0], draft[1], channel, values)
        return self.render(kind, channel, language, values)


def render_text(
    subject: str,
    body: str,
    channel: Channel,
    values: Mapping[str, str],
    *,
    content_id: str = "pickup-code@packroom",
) -> RenderedMessage:
    """Fill one subject/body pair for a channel (see :meth:`TemplateStore.render`)."""
    if _channel_key(channel) == "sms":
        return RenderedMessage("", fit_sms(body, values))
    rendered_subject = _tidy(_substitute(subject, values)).replace("\n", " ")
    rendered_body = _tidy(_substitute(body, values)) + "\n"
    code = values.get("qr_code") or ""
    image = InlineImage(content_id, qr_png(code)) if code else None
    qr_alt = values.get("qr_alt") or "QR code"
    return RenderedMessage(
        rendered_subject,
        rendered_body,
        _html_body(rendered_body, code or None, image, qr_alt),
        (image,) if image else (),
    )
