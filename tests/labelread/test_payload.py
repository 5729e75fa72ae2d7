"""MaxiCode and PDF417 payloads: ship-to postal code, street and name besides the number."""

from __future__ import annotations

from kiosk.labelread.payload import parse_payload

GS, RS, EOT = "\x1d", "\x1e", "\x04"

UPS = (f"[)>{RS}01{GS}96902101234{GS}840{GS}003{GS}1Z5R89390357567127{GS}UPSN{GS}5R8939{GS}089{GS}"
       f"{GS}1/1{GS}10{GS}Y{GS}123 MAIN ST{GS}BEVERLY HILLS{GS}CA{RS}{EOT}")
UPS_SHORT = (f"[)>{RS}01{GS}96841706672{GS}840{GS}001{GS}1Z12345675{GS}UPSN{GS}12345E{GS}089{GS}"
             f"{GS}1/1{GS}10.1{GS}Y{GS}{GS}{GS}UT{RS}{EOT}")
FEDEX = (f"[)>{RS}01{GS}0238119{GS}840{GS}92{GS}794808390594{GS}FDEG{GS}1234567{GS}123{GS}"
         f"{GS}1/1{GS}10.00LB{GS}N{GS}123 MAIN ST{GS}MEMPHIS{GS}TN{GS}JANE DOE{RS}{EOT}")


def test_ups_maxicode_fields() -> None:
    payload = parse_payload(UPS)
    assert payload is not None
    assert (payload.carrier, payload.tracking_number, payload.postal_code, payload.zip5) == (
        "ups", "1Z5R89390357567127", "902101234", "90210")
    assert (payload.country, payload.service_class) == ("840", "003")
    assert (payload.street, payload.city, payload.state, payload.recipient) == (
        "123 MAIN ST", "BEVERLY HILLS", "CA", None)


def test_ups_maxicode_with_the_short_tracking_field_gives_the_full_number() -> None:
    payload = parse_payload(UPS_SHORT)
    assert payload is not None
    assert (payload.tracking_number, payload.zip5, payload.street, payload.state) == (
        "1Z12345E0112345675", "84170", None, "UT")


def test_fedex_pdf417_fields_include_the_recipient() -> None:
    payload = parse_payload(FEDEX)
    assert payload is not None
    assert (payload.carrier, payload.tracking_number, payload.zip5, payload.recipient) == (
        "fedex", "794808390594", "38119", "JANE DOE")


def test_separators_sent_as_text_are_understood() -> None:
    text = UPS.replace(GS, "<GS>").replace(RS, "<RS>").replace(EOT, "<EOT>")
    payload = parse_payload(text)
    assert payload is not None and payload.zip5 == "90210"


def test_anything_else_is_no_payload() -> None:
    for text in ("", "1Z5R89390357567127", "[)>", f"[)>{RS}06{GS}foo{RS}{EOT}", "x" * 5000):
        assert parse_payload(text) is None
