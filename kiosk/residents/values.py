"""Rent-roll cell values, checked and normalised: names, units, dates, phones, e-mails, statuses.

Every parser takes the raw cell text and returns the clean value (``None`` for an empty cell) or
raises :class:`ValueError` with a message fit for the row error the user reads. Exports from
property-management systems vary in small ways (``="0101"`` to keep zeros, time stamps on dates,
"Mobile: …, Home: …" in one phone cell), so the parsers accept those forms rather than reject them.
"""

from __future__ import annotations

import enum
import importlib
import logging
import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

log = logging.getLogger(__name__)


def _load_phonenumbers() -> Any:
    """The optional ``phonenumbers`` package (full international validation), or None."""
    try:
        return importlib.import_module("phonenumbers")
    except ImportError:
        log.info("phonenumbers is not installed; phone numbers are checked as North American only")
        return None


_PHONENUMBERS = _load_phonenumbers()
PHONE_LIBRARY = _PHONENUMBERS is not None

# --------------------------------------------------------------------------- text


_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\x00"), None)


def clean(text: str | None) -> str:
    """Trim, collapse inner whitespace, drop invisible characters and Excel's ``="…"`` wrapper."""
    if not text:
        return ""
    text = " ".join(text.translate(_INVISIBLE).split())
    if len(text) >= 3 and text.startswith('="') and text.endswith('"'):
        text = text[2:-1].strip()
    return text


def printable(text: str, limit: int = 60) -> str:
    """Text safe to quote in a one-line message: cleaned, control characters shown as "?"."""
    shown = "".join(ch if ch.isprintable() else "?" for ch in clean(text))
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def fold(text: str) -> str:
    """Case- and accent-insensitive form: "José" and "jose" fold to the same text."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def name_key(text: str) -> str:
    """Letters and digits only, folded: how two spellings of one name are compared."""
    return "".join(ch for ch in fold(text) if ch.isalnum())


# --------------------------------------------------------------------------- names and units

_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof"}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"}
_PARTICLES = {"de", "del", "della", "der", "den", "di", "da", "dos", "das", "du", "la", "le", "van",
              "von", "st", "ste", "bin", "ibn", "al", "el"}


def split_name(text: str) -> tuple[str, str]:
    """(first, last) from "Last, First" or "First [Middle] Last"; "de la Cruz", "Jr." kept whole."""
    text = clean(text)
    if "," in text:
        last, _, first = text.partition(",")
        last_tokens = [t for t in last.split() if name_key(t) not in _TITLES]
        first_tokens = [t for t in first.split() if name_key(t) not in _TITLES]
        # "Smith, Jr., John": the suffix belongs to the last name.
        if first_tokens and "," in " ".join(first_tokens):
            before, _, rest = " ".join(first_tokens).partition(",")
            if name_key(before) in _SUFFIXES:
                last_tokens.append(before.strip())
                first_tokens = rest.split()
        return " ".join(first_tokens), " ".join(last_tokens)
    tokens = [t for t in text.split() if name_key(t) not in _TITLES] or text.split()
    if len(tokens) <= 1:
        return (tokens[0] if tokens else ""), ""
    suffix: list[str] = []
    if len(tokens) > 2 and name_key(tokens[-1]) in _SUFFIXES:
        suffix = [tokens.pop()]
    for index in range(1, len(tokens) - 1):
        if name_key(tokens[index]) in _PARTICLES:
            return " ".join(tokens[:index]), " ".join(tokens[index:] + suffix)
    return " ".join(tokens[:-1]), " ".join(tokens[-1:] + suffix)


_UNIT_PREFIX = re.compile(r"^(?:(?:apt|apartment|unit|suite|ste)\b\.?\s*#?\s*|#\s*)", re.IGNORECASE)


def parse_unit(text: str) -> str:
    """A unit number as printed on labels: "Apt #4b" becomes "4B"."""
    return _UNIT_PREFIX.sub("", clean(text)).strip().upper()


_BUILDING_UNIT = re.compile(r"(?P<building>[^-/]+?)\s*[-/]\s*(?P<unit>.+)")


def split_building_unit(text: str) -> tuple[str, str]:
    """(building, unit) from a combined "Bldg/Unit" cell such as "02-0114" or "B/204"."""
    text = clean(text)
    match = _BUILDING_UNIT.fullmatch(text)
    if match is None:
        return "", parse_unit(text)
    return match["building"].strip().upper(), parse_unit(match["unit"])


# --------------------------------------------------------------------------- dates

_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%m-%d-%Y", "%m-%d-%y", "%Y/%m/%d", "%m.%d.%Y",
                 "%Y%m%d", "%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%d-%b-%Y", "%d-%b-%y", "%d %b %Y",
                 "%d %B %Y")
_TIME_SUFFIX = re.compile(
    r"[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp][Mm])?(?:Z|[+-]\d{2}:?\d{2})?$"
)
_EXCEL_EPOCH = date(1899, 12, 30)


def parse_date(text: str) -> date | None:
    """A date in ISO, US (m/d/Y, m/d/y) or spelled-out form, or an Excel serial; None if empty."""
    text = clean(text)
    if not text:
        return None
    bare = _TIME_SUFFIX.sub("", text).strip()
    if bare.isdigit() and len(bare) == 5:
        return _EXCEL_EPOCH + timedelta(days=int(bare))
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(bare, fmt).date()
        except ValueError:
            continue
        if not 1900 <= parsed.year <= 2100:
            raise ValueError(f"{text!r} is out of range (year {parsed.year})")
        return parsed
    raise ValueError(f"{text!r} is not a date (use YYYY-MM-DD or MM/DD/YYYY)")


# --------------------------------------------------------------------------- contact details

_EMAIL = re.compile(
    r"(?P<local>[^\s@\"(),:;<>\[\]\\]+)@(?P<domain>(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,})"
)


def check_email(text: str) -> str | None:
    """An e-mail address of plausible shape (domain lower-cased), the first of several; or None."""
    text = clean(text)
    if not text:
        return None
    first = re.split(r"[,;\s]+", text)[0]
    match = _EMAIL.fullmatch(first)
    local = match["local"] if match else ""
    dots = local.startswith(".") or local.endswith(".") or ".." in local
    if match is None or dots or len(first) > 254:
        raise ValueError(f"{first!r} is not an e-mail address")
    return f"{local}@{match['domain'].lower()}"


_MOBILE_LABELS = {"mobile", "cell", "cell phone", "mobile phone", "sms", "m", "c"}
_PHONE_LABEL = re.compile(r"^\s*([A-Za-z][A-Za-z .]*?)\s*[:=]\s*")


def _pick_phone(text: str) -> str:
    """One number from a cell that may list several ("Home: …, Mobile: …"): the labelled mobile."""
    parts = [p.strip() for p in re.split(r"[,;\n|]", text) if p.strip()]
    if len(parts) <= 1:
        return _PHONE_LABEL.sub("", text)
    for part in parts:
        label = _PHONE_LABEL.match(part)
        if label and fold(label.group(1)) in _MOBILE_LABELS:
            return _PHONE_LABEL.sub("", part)
    return _PHONE_LABEL.sub("", parts[0])


def nanp_to_e164(text: str) -> str:
    """E.164 without the ``phonenumbers`` package: North American, or "+" and 8–15 digits."""
    body = re.split(r"(?i)\s*(?:ext\.?|x|#)\s*\d+\s*$", text.strip())[0]
    if re.search(r"[A-Za-z]", body):
        raise ValueError(f"{text!r} is not a phone number")
    digits = re.sub(r"\D", "", body)
    if body.lstrip().startswith("+") and not digits.startswith("1"):
        if 8 <= len(digits) <= 15:
            return f"+{digits}"
        raise ValueError(f"{text!r} is not a valid phone number")
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) == 10 and digits[0] in "23456789" and digits[3] in "23456789":
        return f"+1{digits}"
    raise ValueError(f"{text!r} is not a valid phone number (10 digits with area code)")


def normalise_phone(text: str, region: str = "US") -> str | None:
    """A phone number in E.164 ("+12125550123"); None if empty. Invalid numbers raise ValueError."""
    text = clean(text)
    if not text:
        return None
    number_text = _pick_phone(text)
    if _PHONENUMBERS is None:
        return nanp_to_e164(number_text)
    try:
        number = _PHONENUMBERS.parse(number_text, region)
    except _PHONENUMBERS.NumberParseException:
        raise ValueError(f"{number_text!r} is not a phone number") from None
    if not _PHONENUMBERS.is_valid_number(number):
        raise ValueError(f"{number_text!r} is not a valid phone number")
    return str(_PHONENUMBERS.format_number(number, _PHONENUMBERS.PhoneNumberFormat.E164))


# --------------------------------------------------------------------------- status and language


class RowStatus(enum.StrEnum):
    """What a row's status column says about the person, before dates are considered."""

    ACTIVE = "active"
    FUTURE = "future"
    PAST = "past"
    NOT_RESIDENT = "not_resident"  # vacant unit, applicant, cancelled or denied: not imported


_STATUS_WORDS: dict[RowStatus, tuple[str, ...]] = {
    RowStatus.ACTIVE: ("current", "active", "resident", "currentresident", "occupied", "notice",
                       "noticetovacate", "ntv", "onnotice", "occupiedntv", "currentnotice",
                       "currentntv", "noticerented", "noticeunrented", "monthtomonth", "mtm",
                       "renewed", "renewal", "renewing", "holdover", "transfer", "transferin",
                       # Yardi's "Eviction": proceedings under way, the tenant still lives there.
                       "eviction", "evictionpending", "evictionfiled", "undereviction"),
    RowStatus.FUTURE: ("future", "futureresident", "pending", "approved", "moveinpending",
                       "preleased", "leased", "applicantapproved"),
    RowStatus.PAST: ("past", "former", "formerresident", "pastresident", "previous",
                     "previousresident", "movedout", "moved", "evicted", "terminated", "inactive",
                     "skip", "skipped", "vacated", "ended", "expired"),
    RowStatus.NOT_RESIDENT: ("vacant", "vacantrented", "vacantunrented", "applicant", "application",
                             "prospect", "guestcard", "canceled", "cancelled", "denied", "waitlist",
                             "waitinglist", "model", "down", "admin", "guarantor", "void"),
}
STATUS_WORDS: dict[str, RowStatus] = {word: status for status, words in _STATUS_WORDS.items()
                                      for word in words}


def parse_status(text: str, codes: Mapping[str, RowStatus] | None = None) -> RowStatus | None:
    """Map an export's status word (Current, Notice, Future, Past, Former, Evicted…); None if empty.

    ``codes`` maps a system's numeric codes (Yardi's 0 = Current, 1 = Past…) where known.
    """
    text = clean(text)
    if not text:
        return None
    key = name_key(text)
    if codes and key in codes:
        return codes[key]
    if key in STATUS_WORDS:
        return STATUS_WORDS[key]
    raise ValueError(f"unknown status {text!r} (expected e.g. Current, Notice, Future, Past, "
                     "Former, Evicted, Vacant)")


_LANGUAGES = {
    "en": "en", "eng": "en", "english": "en", "es": "es", "spa": "es", "spanish": "es",
    "espanol": "es", "castellano": "es", "fr": "fr", "fre": "fr", "fra": "fr", "french": "fr",
    "francais": "fr", "zh": "zh", "chi": "zh", "zho": "zh", "chinese": "zh", "mandarin": "zh",
    "cantonese": "zh", "pt": "pt", "portuguese": "pt", "portugues": "pt", "ru": "ru",
    "russian": "ru", "ko": "ko", "korean": "ko", "vi": "vi", "vietnamese": "vi", "ar": "ar",
    "arabic": "ar", "ht": "ht", "haitiancreole": "ht", "kreyol": "ht", "tl": "tl", "tagalog": "tl",
    "filipino": "tl", "pl": "pl", "polish": "pl", "de": "de", "german": "de", "deutsch": "de",
    "it": "it", "italian": "it", "ja": "ja", "japanese": "ja", "hi": "hi", "hindi": "hi",
}


def parse_language(text: str) -> str | None:
    """A language code ("en", "es", …) from a code, a locale ("es_MX") or a name ("Spanish")."""
    text = clean(text)
    if not text:
        return None
    key = name_key(text)
    if key in _LANGUAGES:
        return _LANGUAGES[key]
    primary = re.split(r"[-_]", text, maxsplit=1)[0]
    if re.fullmatch(r"[A-Za-z]{2,3}", primary) and name_key(primary) in _LANGUAGES:
        return _LANGUAGES[name_key(primary)]
    if re.fullmatch(r"[A-Za-z]{2}", text):
        return text.lower()
    raise ValueError(f"unknown language {text!r} (use a code such as en or es)")
