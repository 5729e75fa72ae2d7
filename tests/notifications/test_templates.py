"""Templates: defaults for every kind, channel and language, admin overrides, validation,
SMS segment counting and fitting, and the e-mail's HTML with an inline QR code."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image

from kiosk.notifications.templates import (
    TemplateError,
    TemplateStore,
    fit_sms,
    sms_length,
    validate_template,
)
from kiosk.notifications.texts import DEFAULT_TEXTS, KINDS, PLACEHOLDERS
from kiosk.persistence.models import Channel
from kiosk.persistence.uow import Database

REQUIRED_KINDS = (
    "arrival",
    "perishable",
    "reminder",
    "final_notice",
    "returned",
    "hold_started",
    "audit_finding",
    "digest",
)


def test_every_kind_has_email_and_sms_defaults_in_english_and_spanish() -> None:
    for kind in REQUIRED_KINDS:
        assert kind in KINDS
        for channel in ("email", "sms"):
            for language in ("en", "es"):
                subject, body = DEFAULT_TEXTS[(kind, channel, language)]
                validate_template(subject, body)
                assert body.strip()
                if channel == "email":
                    assert subject.strip()


def test_unknown_placeholder_is_refused_on_save_naming_it(db: Database) -> None:
    store = TemplateStore(db)
    with pytest.raises(TemplateError, match=r"\$pickup_cod\b"):
        store.save("arrival", Channel.EMAIL, "en", "Hi $first_name", "Your code: $pickup_cod")
    with pytest.raises(TemplateError, match=r"\$colour"):
        store.save("arrival", Channel.EMAIL, "en", "Hi ${colour}", "body")
    with pytest.raises(TemplateError, match="stray"):
        store.save("arrival", Channel.EMAIL, "en", "Costs $5", "body")
    with pytest.raises(TemplateError, match="unknown notice kind"):
        store.save("birthday", Channel.EMAIL, "en", "Hi", "body")


def test_override_wins_and_reset_restores_the_default(db: Database) -> None:
    store = TemplateStore(db)
    assert not store.get("arrival", Channel.EMAIL, "en").overridden
    store.save(
        "arrival", Channel.EMAIL, "en", "Parcel for $first_name", "Code $pickup_code, $$5 fee"
    )
    current = store.get("arrival", Channel.EMAIL, "en")
    assert current.overridden and current.subject == "Parcel for $first_name"
    rendered = store.preview(
        "arrival", Channel.EMAIL, "en", {"first_name": "Ana", "pickup_code": "111222"}
    )
    assert rendered.subject == "Parcel for Ana"
    assert rendered.body.strip() == "Code 111222, $5 fee"
    store.reset("arrival", Channel.EMAIL, "en")
    assert not store.get("arrival", Channel.EMAIL, "en").overridden


def test_unknown_language_falls_back_to_english_and_spanish_override_is_used(db: Database) -> None:
    store = TemplateStore(db)
    french = store.get("reminder", Channel.SMS, "fr")
    assert french.fell_back_to_english and french.language == "en"
    assert store.get("reminder", Channel.SMS, "es").language == "es"
    store.save("reminder", Channel.SMS, "es", "", "Hola $first_name, $parcels esperan.")
    assert store.preview("reminder", Channel.SMS, "es-MX").body == "Hola Maria, 2 parcels esperan."
    store.save("digest", Channel.EMAIL, "en", "Digest $report_date", "$details")
    assert store.get("digest", Channel.EMAIL, "de").overridden  # English override beats nothing


def test_preview_of_an_email_has_html_with_an_inline_qr_of_the_code(db: Database) -> None:
    rendered = TemplateStore(db).preview("arrival", Channel.EMAIL, "en", {"pickup_code": "907153"})
    assert "907153" in rendered.body
    assert rendered.html is not None and len(rendered.images) == 1
    image = rendered.images[0]
    assert f'src="cid:{image.content_id}"' in rendered.html
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(image.data)))
    assert [result.text for result in decoded] == ["907153"]


def test_a_draft_can_be_previewed_before_saving_and_is_validated(db: Database) -> None:
    store = TemplateStore(db)
    rendered = store.preview(
        "arrival", Channel.SMS, "en", draft=("", "Hi $first_name: $pickup_code")
    )
    assert rendered.body == "Hi Maria: 482913"
    with pytest.raises(TemplateError, match="nope"):
        store.preview("arrival", Channel.SMS, "en", draft=("", "Hi $nope"))


def test_placeholders_are_documented() -> None:
    for name in (
        "first_name",
        "property_name",
        "pickup_code",
        "parcel_count",
        "shelves",
        "room_hours",
        "instructions",
        "qr_hint",
    ):
        assert PLACEHOLDERS[name]


# --------------------------------------------------------------------------- SMS length


@pytest.mark.parametrize(
    ("text", "encoding", "units", "segments"),
    [
        ("", "GSM-7", 0, 0),
        ("a" * 160, "GSM-7", 160, 1),
        ("a" * 161, "GSM-7", 161, 2),
        ("a" * 306, "GSM-7", 306, 2),
        ("a" * 307, "GSM-7", 307, 3),
        ("€" * 80, "GSM-7", 160, 1),  # extension table: two septets each
        ("ñandu", "GSM-7", 5, 1),  # ñ is in GSM 03.38
        ("a" * 69 + "á", "UCS-2", 70, 1),  # á is not: the whole text becomes UCS-2
        ("a" * 70 + "á", "UCS-2", 71, 2),
        ("a" * 133 + "ó", "UCS-2", 134, 2),
        ("a" * 134 + "ó", "UCS-2", 135, 3),
    ],
)
def test_sms_length_counts_gsm7_and_ucs2(
    text: str, encoding: str, units: int, segments: int
) -> None:
    length = sms_length(text)
    assert (length.encoding, length.units, length.segments) == (encoding, units, segments)


def test_gsm7_escape_pairs_are_not_split_across_segments() -> None:
    text = "a" * 152 + "€" + "b" * 10  # the escape pair would straddle 153
    assert sms_length(text).units == 164
    assert sms_length(text).segments == 2
    assert sms_length("a" * 152 + "€" * 77).segments == 3  # 152 + 154 = 306 but one pair moves


@pytest.mark.parametrize("language", ["en", "es"])
def test_fit_sms_shortens_instructions_never_the_code(db: Database, language: str) -> None:
    store = TemplateStore(db)
    template = store.get("arrival", Channel.SMS, language)
    values = {
        "first_name": "Maximiliano",
        "property_name": "Riverside Lofts",
        "pickup_code": "55554444",
        "parcels": "3 parcels",
        "shelves": "A1, A2",
        "room_hours": "07:00-22:00",
        "instructions": "Long instructions. " * 30,
    }
    text = fit_sms(template.body, values)
    assert sms_length(text).fits
    assert "55554444" in text
    assert "Long instructions." in text  # shortened, not dropped, while it fits
    if language == "es":
        assert "…" in text
        assert sms_length(text).encoding == "UCS-2" and sms_length(text).units <= 134
    else:  # an English text stays GSM-7 (no "…", no en dash) and gets 306 septets
        assert "..." in text
        assert sms_length(text).encoding == "GSM-7" and 280 <= sms_length(text).units <= 306


def test_an_sms_with_an_unfittable_text_keeps_the_code(db: Database) -> None:
    template = TemplateStore(db).get("arrival", Channel.SMS, "es")
    values = {
        "first_name": "Maximiliano",
        "property_name": "The Very Long Name Residences at the Park",
        "pickup_code": "55554444",
        "parcels": "3 paquetes",
        "shelves": "A1, A2, FRIDGE, OVERSIZE",
        "room_hours": "07:00-22:00",
        "instructions": "Instrucciones largas. " * 30,
    }
    text = fit_sms(template.body, values)
    assert "55554444" in text and sms_length(text).fits
    assert "Instrucciones" not in text  # dropped first, then the shelves were shortened


def test_saving_an_sms_template_whose_fixed_text_is_too_long_is_refused(db: Database) -> None:
    with pytest.raises(TemplateError, match="too long"):
        TemplateStore(db).save("arrival", Channel.SMS, "en", "", "x" * 300 + " $pickup_code ó")
