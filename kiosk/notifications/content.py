"""From an outbox payload to template values: parcel lists, shelves, hours, localized phrases.

Payloads are plain JSON written by intake and the jobs: ``parcel_codes``, ``shelf`` or
``shelves``, ``parcels`` ([{code, shelf}]), ``pickup_code``, ``perishable``,
``signature_required``, ``days``, ``return_on`` / ``hold_until`` / ``report_date`` (ISO dates),
``details``, ``stats`` (digest) and ``escalation`` (perishable escalation).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from kiosk.notifications.policy import NoticePolicy
from kiosk.notifications.texts import MONTHS, PHRASES
from kiosk.persistence.models import Channel


def phrases(language: str) -> dict[str, str]:
    return PHRASES.get((language or "en")[:2].lower(), PHRASES["en"])


def format_date(value: str | date | None, language: str) -> str:
    """``2026-03-14`` → "March 14" / "14 de marzo"."""
    if not value:
        return ""
    day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    lang = language if language in MONTHS else "en"
    month = MONTHS[lang][day.month - 1]
    return f"{day.day} de {month}" if lang == "es" else f"{month} {day.day}"


def room_hours(policy: NoticePolicy, language: str, *, sms: bool = False) -> str:
    """ "07:00–22:00", or "open 24 hours"; SMS uses a hyphen (an en dash is not GSM-7)."""
    if policy.room_hours_open == "00:00" and policy.room_hours_close in ("24:00", "23:59"):
        return phrases(language)["open_all_day"]
    dash = "-" if sms else "–"
    return f"{policy.room_hours_open}{dash}{policy.room_hours_close}"


def parcel_entries(payload: Mapping[str, Any]) -> list[dict[str, str]]:
    """[{code, shelf}] for a payload from intake (one shelf) or from a merge (per parcel)."""
    if payload.get("parcels"):
        return [
            {"code": str(p.get("code", "")), "shelf": str(p.get("shelf") or "")}
            for p in payload["parcels"]
        ]
    shelf = str(payload.get("shelf") or "")
    return [{"code": str(code), "shelf": shelf} for code in payload.get("parcel_codes") or []]


def merge_payloads(payloads: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """One payload for several arrival notices of one resident: all parcels, one code.

    The first plaintext code wins (later intakes join the resident's open code, so they carry
    none); flags are OR-ed; parcels keep their order of arrival without duplicates.
    """
    merged: dict[str, Any] = {
        "parcels": [],
        "parcel_codes": [],
        "pickup_code": None,
        "perishable": False,
        "signature_required": False,
    }
    seen: set[str] = set()
    for payload in payloads:
        for entry in parcel_entries(payload):
            if entry["code"] not in seen:
                seen.add(entry["code"])
                merged["parcels"].append(entry)
                merged["parcel_codes"].append(entry["code"])
        if merged["pickup_code"] is None and payload.get("pickup_code"):
            merged["pickup_code"] = payload["pickup_code"]
        merged["perishable"] |= bool(payload.get("perishable"))
        merged["signature_required"] |= bool(payload.get("signature_required"))
    return merged


def _count_phrase(n: int, language: str) -> str:
    words = phrases(language)
    return words["parcel_one"] if n == 1 else words["parcel_many"].format(n=n)


def _digest_details(stats: Mapping[str, Any], language: str) -> str:
    words = phrases(language)
    oldest = stats.get("oldest")
    oldest_text = (
        words["digest_days"].format(
            code=oldest.get("code", ""),
            shelf=oldest.get("shelf") or "—",
            days=oldest.get("days", 0),
        )
        if isinstance(oldest, Mapping)
        else words["digest_none"]
    )
    lines = [
        f"{words['digest_in']}: {stats.get('received', 0)}",
        f"{words['digest_out']}: {stats.get('picked_up', 0)}",
        f"{words['digest_waiting']}: {stats.get('waiting', 0)}",
        f"{words['digest_perishable']}: {stats.get('perishable_waiting', 0)}",
        f"{words['digest_oldest']}: {oldest_text}",
        f"{words['digest_failed']}: {stats.get('failed_notices', 0)}",
    ]
    return "\n".join(lines)


def notice_values(
    kind: str,
    channel: Channel,
    language: str,
    payload: Mapping[str, Any],
    first_name: str,
    policy: NoticePolicy,
) -> dict[str, str]:
    """Every placeholder's value for one notice, plus the ``qr_code``/``qr_alt`` rendering hints."""
    words = phrases(language)
    entries = parcel_entries(payload)
    shelves = list(dict.fromkeys(e["shelf"] for e in entries if e["shelf"]))
    if payload.get("shelves"):
        shelves = list(dict.fromkeys([*shelves, *payload["shelves"]]))
    code = payload.get("pickup_code")
    sms = channel != Channel.EMAIL
    instructions = [words["instructions_sms" if sms else "instructions"]]
    if payload.get("signature_required"):
        instructions.insert(0, words["signature"])
    if payload.get("perishable") and kind != "perishable":
        instructions.insert(0, words["perishable"])
    details = str(payload.get("details") or "")
    if not details and isinstance(payload.get("stats"), Mapping):
        details = _digest_details(payload["stats"], language)
    escalation = payload.get("escalation")
    if not details and isinstance(escalation, Mapping):
        details = words["escalation"].format(
            code=escalation.get("code", ""),
            unit=escalation.get("unit") or "—",
            shelf=escalation.get("shelf") or "—",
            hours=escalation.get("hours", 0),
        )
    count = len(entries) or int(payload.get("parcel_count") or 0)
    return {
        "first_name": first_name,
        "property_name": policy.property_name,
        "pickup_code": str(code) if code else words["earlier_code"],
        "parcel_count": str(count),
        "parcels": _count_phrase(count, language),
        "parcel_list": "\n".join(
            f"• {e['code']} — {e['shelf']}" if e["shelf"] else f"• {e['code']}" for e in entries
        ),
        "shelves": ", ".join(shelves),
        "room_hours": room_hours(policy, language, sms=sms),
        "instructions": " ".join(instructions),
        "qr_hint": words["qr_hint"] if (code and not sms) else "",
        "days_waiting": str(payload.get("days") or ""),
        "return_date": format_date(payload.get("return_on"), language),
        "hold_until": format_date(payload.get("hold_until"), language),
        "report_date": format_date(payload.get("report_date"), language),
        "details": details,
        "qr_code": str(code) if (code and not sms) else "",
        "qr_alt": words["qr_alt"],
    }
