"""Tracking-number parsing as the front desk sees it: scan a label, get the right carrier.

Sample numbers come from the public ``tracking_number_data`` project (carriers' published
examples) and from the worked MaxiCode examples in printer manuals. More numbers are built
here with check-digit helpers written independently of ``kiosk.tracking`` (different code,
same published rules), so a bug in the module cannot vouch for itself.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.tracking import TrackingNumber, is_tracking_number, parse, pick_tracking

GS = "\x1d"
RS = "\x1e"
EOT = "\x04"

# ------------------------------------------------------------- independent check digits

_UPS_LETTERS = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "23456789012345678901234567", strict=True))


def ups_check(fifteen: str) -> str:
    """UPS/OnTrac: letters via the published table, odd positions (from 0) doubled."""
    values = [int(_UPS_LETTERS.get(c, c)) for c in fifteen]
    total = sum(values[0::2]) + 2 * sum(values[1::2])
    return str(-total % 10)


def gs1_check(body: str) -> str:
    """GS1 mod 10: the rightmost body digit weighs 3, the next 1, and so on."""
    rev = body[::-1]
    total = 3 * sum(int(d) for d in rev[0::2]) + sum(int(d) for d in rev[1::2])
    return str(-total % 10)


def fedex12_check(eleven: str) -> str:
    """FedEx Express: weights 3,1,7,3,1,7,3,1,7,3,1 left to right, mod 11, 10 -> 0."""
    total = sum(int(d) * w for d, w in zip(eleven, [3, 1, 7] * 3 + [3, 1], strict=True))
    return str(total % 11 % 10)


def s10_check(eight: str) -> str:
    total = sum(int(d) * w for d, w in zip(eight, [8, 6, 4, 2, 3, 5, 9, 7], strict=True))
    check = 11 - total % 11
    return "0" if check == 10 else "5" if check == 11 else str(check)


def luhn_check(eleven: str) -> str:
    digits = [int(d) for d in eleven]
    for i in range(len(digits) - 1, -1, -2):  # double from the rightmost body digit
        digits[i] = digits[i] * 2 - 9 if digits[i] > 4 else digits[i] * 2
    return str(-sum(digits) % 10)


def rand_digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def make_ups(rng: random.Random) -> str:
    body = "".join(rng.choice("0123456789ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(6))
    body += rng.choice(["01", "02", "03", "12", "13", "YW"]) + rand_digits(rng, 7)
    return "1Z" + body + ups_check(body)


def make_fedex12(rng: random.Random) -> str:
    body = rng.choice("4579") + rand_digits(rng, 10)
    return body + fedex12_check(body)


def make_fedex15(rng: random.Random) -> str:
    body = rand_digits(rng, 14)
    return body + gs1_check(body)


def make_impb(rng: random.Random) -> str:
    body = rng.choice(["9400", "9205", "9270", "9361", "9505"]) + rand_digits(rng, 17)
    return body + gs1_check(body)


def make_s10(rng: random.Random, country: str) -> str:
    serial = rand_digits(rng, 8)
    return rng.choice(["RR", "EA", "LZ", "CP"]) + serial + s10_check(serial) + country


def make_dhl(rng: random.Random, length: int = 10) -> str:
    body = rand_digits(rng, length - 1)
    return body + str(int(body) % 7)


def make_canada_post(rng: random.Random) -> str:
    body = rand_digits(rng, 15)
    return body + gs1_check(body)


def make_ontrac(rng: random.Random) -> str:
    body = rng.choice("CD") + rand_digits(rng, 13)
    return body + ups_check(body)


def make_purolator(rng: random.Random) -> str:
    while True:
        body = rng.choice("012345") + rand_digits(rng, 10)
        number = body + luhn_check(body)
        # FedEx is preferred where both check digits pass (documented overlap rule).
        if fedex12_check(number[:11]) != number[11]:
            return number


def with_wrong_last_char(number: str) -> str:
    last = number[-1]
    return number[:-1] + str((int(last) + 1) % 10)


RNG_SEEDS = range(20)

# ------------------------------------------------------------------- published samples

PUBLISHED_VALID = [
    # UPS
    ("1Z5R89390357567127", "ups", "1Z5R89390357567127"),
    ("1Z879E930346834440", "ups", "1Z879E930346834440"),
    ("1Z410E7W0392751591", "ups", "1Z410E7W0392751591"),
    ("1ZXX3150YW44070023", "ups", "1ZXX3150YW44070023"),
    # FedEx Express 12, Ground 15, SmartPost 20, Ground 96 (22), 1D barcodes (34)
    ("986578788855", "fedex", "986578788855"),
    ("477179081230", "fedex", "477179081230"),
    ("799531274483", "fedex", "799531274483"),
    ("0414 4176 0228 964", "fedex", "041441760228964"),
    ("5682 8361 0012 734", "fedex", "568283610012734"),
    ("61299998820821171811", "fedex", "61299998820821171811"),
    ("9611020987654312345672", "fedex", "987654312345672"),
    ("1001921334250001000300779017972697", "fedex", "779017972697"),
    ("1002297871540001000300790695517286", "fedex", "790695517286"),
    ("9622001900000000000000776632517510", "fedex", "776632517510"),
    ("9632001560123456789900794808390594", "fedex", "794808390594"),
    # USPS: 20-digit, IMpb 22 and 26, 420 + ZIP + IMpb, S10 ending US
    ("0307 1790 0005 2348 3741", "usps", "03071790000523483741"),
    ("7196 9010 7560 0307 7385", "usps", "71969010756003077385"),
    ("9400 1112 0108 0805 4830 16", "usps", "9400111201080805483016"),
    ("9361 2898 7870 0317 6337 95", "usps", "9361289878700317633795"),
    ("9261292700768711948021", "usps", "9261292700768711948021"),
    ("92748931507708513018050063", "usps", "92748931507708513018050063"),
    ("420 22153 9101026837331000039521", "usps", "9101026837331000039521"),
    ("4201002334249200190132607600833457", "usps", "9200190132607600833457"),
    ("RB123456785US", "usps", "RB123456785US"),
    # S10 from other posts
    ("RB123456785GB", "s10", "RB123456785GB"),
    (" R B 1 2 3 4 5 6 7 8 5 C F ", "s10", "RB123456785CF"),
    # Canada Post
    ("0073938000549297", "canada_post", "0073938000549297"),
    ("RB123456785CA", "canada_post", "RB123456785CA"),
    # DHL Express (mod 7), Express Air (11), eCommerce and piece IDs (format only)
    ("3318810025", "dhl", "3318810025"),
    ("8487135506", "dhl", "8487135506"),
    ("73891051146", "dhl", "73891051146"),
    ("GM2951173225174494", "dhl", "GM2951173225174494"),
    ("GM 2 9 5 117 32 25 1 7 44 9 4", "dhl", "GM2951173225174494"),
    ("JJD0099999999", "dhl", "JJD0099999999"),
    ("JVGL0999999990", "dhl", "JVGL0999999990"),
    # Amazon Logistics (format only)
    ("TBA502887274000", "amazon", "TBA502887274000"),
    (" T B A 0 0 0 0 0 0 0 0 0 0 0 0 ", "amazon", "TBA000000000000"),
    # OnTrac C and D (check digit)
    ("C11031500001879", "ontrac", "C11031500001879"),
    ("C 110 31 500 00187 9", "ontrac", "C11031500001879"),
    ("D10011354453707", "ontrac", "D10011354453707"),
    ("D10011342332145", "ontrac", "D10011342332145"),
    # LaserShip (format only)
    ("LX17635036", "lasership", "LX17635036"),
    ("1LS717793482164", "lasership", "1LS717793482164"),
    ("1LS724505321754", "lasership", "1LS724505321754"),
    # Purolator 12-digit (Luhn) and piece numbers (format only)
    ("320595463938", "purolator", "320595463938"),
    ("331426749957", "purolator", "331426749957"),
    ("KYV009956937", "purolator", "KYV009956937"),
    ("CGK002986959", "purolator", "CGK002986959"),
]


@pytest.mark.parametrize(("text", "carrier", "number"), PUBLISHED_VALID, ids=lambda v: str(v))
def test_published_carrier_samples_scan_as_valid_with_their_carrier(
    text: str, carrier: str, number: str
) -> None:
    result = parse(text)
    assert (result.carrier, result.valid, result.number) == (carrier, True, number)
    assert is_tracking_number(text)


@pytest.mark.parametrize(
    ("make", "carrier"),
    [
        (make_ups, "ups"),
        (make_fedex12, "fedex"),
        (make_fedex15, "fedex"),
        (make_impb, "usps"),
        (lambda rng: make_s10(rng, "US"), "usps"),
        (lambda rng: make_s10(rng, "DE"), "s10"),
        (lambda rng: make_s10(rng, "CA"), "canada_post"),
        (make_canada_post, "canada_post"),
        (make_dhl, "dhl"),
        (lambda rng: make_dhl(rng, 11), "dhl"),
        (make_ontrac, "ontrac"),
        (make_purolator, "purolator"),
    ],
    ids=[
        "ups", "fedex-express", "fedex-ground", "usps-impb", "usps-s10", "s10-germany",
        "canada-post-s10", "canada-post-16", "dhl-10", "dhl-11", "ontrac", "purolator",
    ],
)
def test_numbers_with_correctly_computed_check_digits_are_valid(
    make: Callable[[random.Random], str], carrier: str
) -> None:
    for seed in RNG_SEEDS:
        number = make(random.Random(seed))
        result = parse(number)
        assert (result.carrier, result.valid, result.number) == (carrier, True, number), number
        assert result.check_digit_verified


def test_fedex_wins_a_12_digit_number_that_passes_both_fedex_and_purolator_checks() -> None:
    # Published as Purolator, but FedEx's mod 11 holds too; the documented order picks FedEx.
    assert fedex12_check("28780946887") == "2"
    assert luhn_check("28780946887") == "2"
    assert parse("287809468872").carrier == "fedex"


# ------------------------------------------------------------ broken check digits rejected

SHAPE_NAMES_CARRIER = [
    ("1Z5R89390357567128", "ups"),
    ("1Z1111111111111111", "ups"),
    ("1Z5R8939035756712", "ups"),  # one character short
    ("9400111201080805483017", "usps"),
    ("4201028200009261290113185417468511", "usps"),
    ("RB123456786US", "usps"),
    ("RB123456786GB", "s10"),
    ("RB123456785XX", "s10"),  # right check digit, no such country
    ("RB123456784CA", "canada_post"),
    ("C11031500001889", "ontrac"),
    ("D10011345983012", "ontrac"),
    ("9600000000000000000001", "fedex"),
    ("1001901781990001000300617767839438", "fedex"),
    ("9622001560001234567100794808390595", "fedex"),
    ("TBA50288727400A", "amazon"),
]


@pytest.mark.parametrize(("text", "carrier"), SHAPE_NAMES_CARRIER)
def test_broken_check_digit_is_invalid_but_the_carrier_is_still_named(
    text: str, carrier: str
) -> None:
    result = parse(text)
    assert (result.carrier, result.valid) == (carrier, False)
    assert not result.check_digit_verified
    assert not is_tracking_number(text)


BARE_DIGIT_LOOKALIKES = [
    "996578788855",  # FedEx Express with a broken check digit
    "320595463939",  # Purolator with a broken check digit
    "568283610012732",  # FedEx Ground, broken
    "0073938000549292",  # Canada Post, broken
    "3318810010",  # DHL, broken
    "73891051149",  # DHL Express Air, broken
    "03071790000523483740",  # 20 digits failing all three 20-digit rules
    "00001234560000000018",  # GS1 SSCC with its AI, a carton code not a tracking number
]


@pytest.mark.parametrize("text", BARE_DIGIT_LOOKALIKES)
def test_digits_failing_their_check_belong_to_no_carrier(text: str) -> None:
    result = parse(text)
    assert (result.carrier, result.valid) == (None, False)


@pytest.mark.parametrize("seed", RNG_SEEDS)
def test_every_wrong_check_digit_on_a_real_number_is_caught(seed: int) -> None:
    rng = random.Random(seed)
    for number in (make_ups(rng), make_impb(rng), make_fedex12(rng), make_fedex15(rng),
                   make_canada_post(rng), make_ontrac(rng)):
        assert not parse(with_wrong_last_char(number)).valid, number


def test_random_12_digit_numbers_are_not_called_fedex_unless_mod_11_holds() -> None:
    rng = random.Random(7)
    for _ in range(500):
        number = rand_digits(rng, 12)
        result = parse(number)
        if result.carrier == "fedex":
            assert fedex12_check(number[:11]) == number[11]


@pytest.mark.parametrize(
    "text",
    [
        "", "   ", "hello", "Hello, world!", "90210", "90210-1234", "K1A 0B1",
        "(555) 867-5309", "+1 212 555 0123", "1 212 555 0123", "212.555.0123", "2125550123",
        "2Z5R89390357567127", "1A5R89390357567127", "TBB000000000000", "GS295117494011169041",
        "XJD0099999998", "LA1763503", "]]]", "[)>", "\x00\x01\x02", "①②③④⑤⑥⑦⑧⑨⑩",
    ],
)
def test_zip_codes_phone_numbers_and_words_are_not_tracking_numbers(text: str) -> None:
    result = parse(text)
    assert (result.carrier, result.valid) == (None, False)


def test_an_empty_scan_gives_an_empty_number() -> None:
    assert parse("").number == ""
    assert parse(" \t\r\n").number == ""


# ------------------------------------------------------------------------- normalisation


@pytest.mark.parametrize(
    "text",
    [
        "1Z5R89390357567127",
        "1z5r89390357567127",
        "  1Z5R89390357567127\r\n",
        "1Z 5R8 939 03 5756 712 7",
        "1Z-5R8939-03-5756712-7",
        "1Z5R8939\u201303\u20145756712\u22127",  # en dash, em dash, minus sign
        "]C01Z5R89390357567127",
        "]C11Z5R89390357567127",
        "]Q11Z5R89390357567127",
        "]d11Z5R89390357567127",
        " ]C0 1z 5r8 939 03 5756 712 7 ",
        "\uff11\uff3a\uff15\uff3289390357567127",  # full-width "1Z5R" from a phone keyboard
        "1Z5R8939\u00a003\u00a05756712\u30007",  # no-break and ideographic spaces
    ],
)
def test_spacing_dashes_case_and_scanner_prefixes_do_not_matter(text: str) -> None:
    result = parse(text)
    assert (result.carrier, result.valid, result.number) == ("ups", True, "1Z5R89390357567127")
    assert result.input == text


IMPB = "9400111201080805483016"


@pytest.mark.parametrize(
    "text",
    [
        f"42090210{IMPB}",  # ZIP5, no separator
        f"420902101234{IMPB}",  # ZIP+4, no separator
        f"42090210{GS}{IMPB}",
        f"420902101234{GS}{IMPB}",
        f"]C142090210{GS}{IMPB}",
        f"]C1{GS}420902101234{GS}{IMPB}",  # FNC1 sent as GS right after the AIM prefix
        f"42090210<GS>{IMPB}",
        f"420902101234{{GS}}{IMPB}",
        f"420902101234<gs>{IMPB}",
        f"42090210\\x1d{IMPB}",  # the four characters a terminal shows for 0x1D
        f"420902101234\u241d{IMPB}",  # the Unicode picture of GS
        f"420 90210-1234 {IMPB[:4]} {IMPB[4:8]} {IMPB[8:12]} {IMPB[12:16]} {IMPB[16:]}",
    ],
)
def test_usps_routing_prefix_is_stripped_with_or_without_separator(text: str) -> None:
    result = parse(text)
    assert (result.carrier, result.valid, result.number) == ("usps", True, IMPB)
    assert result.service == "IMpb"


def test_usps_routing_prefix_before_a_26_digit_impb_is_stripped() -> None:
    assert parse("42022153" + "92748931507708513018050063").number == "92748931507708513018050063"
    assert parse("42022153" + GS + "92748931507708513018050063").valid


def test_routing_prefix_with_separator_before_another_carriers_number_is_stripped() -> None:
    result = parse(f"42090210{GS}1Z5R89390357567127")
    assert (result.carrier, result.valid, result.number) == ("ups", True, "1Z5R89390357567127")


def test_routing_prefix_before_a_broken_impb_is_usps_but_invalid() -> None:
    broken = "9400111201080805483017"
    result = parse(f"420902101234{GS}{broken}")
    assert (result.carrier, result.valid, result.number) == ("usps", False, broken)


@pytest.mark.parametrize(
    "text", ["]C1420902101234", "]C142090210", f"42090210{GS}", "420902101234<GS>"]
)
def test_a_lone_gs1_zip_routing_barcode_is_not_a_tracking_number(text: str) -> None:
    result = parse(text)
    assert (result.carrier, result.valid) == (None, False)
    assert result.service == "routing code"


def test_fedex_96_barcode_is_reduced_to_the_number_printed_on_the_label() -> None:
    ground = make_fedex15(random.Random(3))
    barcode = "9612019" + ground
    result = parse(barcode)
    assert (result.carrier, result.valid, result.number) == ("fedex", True, ground)
    assert result.service == "Ground 96"
    # A 12-digit number zero-padded into the 15-digit field (post-2013 Ground labels).
    express = make_fedex12(random.Random(4))
    padded = "9622019000" + express
    assert gs1_check(padded[-15:-1]) != padded[-1]  # so it is not also a 15-digit number
    result = parse(padded)
    assert (result.carrier, result.valid, result.number) == ("fedex", True, express)
    assert parse(result.number).number == express


def test_fedex_34_digit_barcode_is_reduced_to_the_12_digit_number() -> None:
    express = make_fedex12(random.Random(5))
    barcode = "1001921334250001000300" + express
    assert len(barcode) == 34
    result = parse(barcode)
    assert (result.carrier, result.valid, result.number) == ("fedex", True, express)


@pytest.mark.parametrize(
    ("number", "carrier"),
    [("RB123456785US", "usps"), ("RB123456785CA", "canada_post"), ("RB123456785GB", "s10"),
     ("EE123456785CN", "s10")],
)
def test_international_s10_numbers_go_to_the_post_that_issued_them(
    number: str, carrier: str
) -> None:
    result = parse(number.lower())
    assert (result.carrier, result.valid, result.service) == (carrier, True, "S10")


def test_format_only_carriers_are_valid_but_say_no_check_digit_was_verified() -> None:
    for text in ("TBA502887274000", "LX17635036", "GM2951173225174494", "KYV009956937",
                 "DT123456789012"):
        result = parse(text)
        assert result.valid, text
        assert not result.check_digit_verified, text


def test_json_output_has_exactly_the_four_public_fields() -> None:
    result = parse(" 1z5r89390357567127 ")
    assert result.as_json() == {
        "input": " 1z5r89390357567127 ",
        "carrier": "ups",
        "valid": True,
        "number": "1Z5R89390357567127",
    }


def test_a_result_is_immutable() -> None:
    result = parse("1Z5R89390357567127")
    with pytest.raises(AttributeError):
        result.valid = False  # type: ignore[misc]


# ---------------------------------------------------------------------- size and garbage


def test_anything_over_100_characters_is_not_a_tracking_number() -> None:
    assert parse("1" * 100).valid is False
    long_text = "1Z5R89390357567127" * 6
    result = parse(long_text)
    assert (result.carrier, result.valid, result.number) == (None, False, "")


def test_a_ten_megabyte_paste_is_refused() -> None:
    huge = "1Z5R89390357567127 " * 550_000
    result = parse(huge)
    assert (result.carrier, result.valid, result.number) == (None, False, "")
    assert pick_tracking([huge, huge]) is None


# ------------------------------------------------------------------------ label payloads

UPS_TRACKING = "1Z5R89390357567127"
UPS_MAXICODE_FULL = (
    f"[)>{RS}01{GS}96902101234{GS}840{GS}003{GS}{UPS_TRACKING}{GS}UPSN{GS}5R8939{GS}089{GS}"
    f"{GS}1/1{GS}10{GS}Y{GS}123 MAIN ST{GS}BEVERLY HILLS{GS}CA{RS}{EOT}"
)
# The worked example in the UPS/printer documentation: only "1Z" + the last 8 characters in
# the tracking field; shipper 12345E and class 001 complete it to 1Z12345E0112345675.
UPS_MAXICODE_SHORT = (
    f"[)>{RS}01{GS}96841706672{GS}840{GS}001{GS}1Z12345675{GS}UPSN{GS}12345E{GS}089{GS}"
    f"{GS}1/1{GS}10.1{GS}Y{GS}{GS}{GS}UT{RS}{EOT}"
)
FEDEX_TRACKING = "794808390594"
FEDEX_PDF417 = (
    f"[)>{RS}01{GS}0238119{GS}840{GS}92{GS}{FEDEX_TRACKING}{GS}FDEG{GS}1234567{GS}123{GS}"
    f"{GS}1/1{GS}10.00LB{GS}N{GS}123 MAIN ST{GS}MEMPHIS{GS}TN{GS}JANE DOE{RS}{EOT}"
)


def test_ups_maxicode_payload_yields_its_1z_number() -> None:
    result = parse(UPS_MAXICODE_FULL)
    assert (result.carrier, result.valid, result.number) == ("ups", True, UPS_TRACKING)


def test_ups_maxicode_with_short_tracking_field_is_completed_from_shipper_and_class() -> None:
    result = parse(UPS_MAXICODE_SHORT)
    assert (result.carrier, result.valid, result.number) == ("ups", True, "1Z12345E0112345675")


def test_maxicode_sent_with_text_separators_is_understood() -> None:
    text = UPS_MAXICODE_FULL.replace(GS, "<GS>").replace(RS, "<RS>").replace(EOT, "<EOT>")
    assert parse(text).number == UPS_TRACKING


def test_fedex_pdf417_payload_yields_its_12_digit_number() -> None:
    result = parse(FEDEX_PDF417)
    assert (result.carrier, result.valid, result.number) == ("fedex", True, FEDEX_TRACKING)


def test_pick_finds_the_ups_number_among_routing_code_maxicode_and_1z_barcode() -> None:
    labels = ["420902101234", UPS_MAXICODE_FULL, UPS_TRACKING]
    for order in (labels, labels[::-1], [labels[1], labels[0], labels[2]]):
        picked = pick_tracking(order)
        assert picked is not None
        assert (picked.carrier, picked.valid, picked.number) == ("ups", True, UPS_TRACKING)


def test_pick_extracts_the_number_when_only_the_maxicode_was_read() -> None:
    picked = pick_tracking(["]C1420841706672", UPS_MAXICODE_SHORT])
    assert picked is not None
    assert picked.number == "1Z12345E0112345675"


def test_pick_finds_the_fedex_number_on_a_ground_label() -> None:
    ground_96 = "9622001900000000000000" + FEDEX_TRACKING
    picked = pick_tracking(["42038119", FEDEX_PDF417, ground_96])
    assert picked is not None
    assert (picked.carrier, picked.valid, picked.number) == ("fedex", True, FEDEX_TRACKING)


def test_pick_finds_the_usps_number_on_a_usps_label() -> None:
    picked = pick_tracking(["]C1420902101234", f"]C1420902101234{GS}{IMPB}"])
    assert picked is not None
    assert (picked.carrier, picked.valid, picked.number) == ("usps", True, IMPB)


def test_pick_ignores_a_routing_code_even_when_its_digits_pass_a_check() -> None:
    # Find a ZIP+4 whose "420" + ZIP reads as a valid 12-digit FedEx number.
    zip9 = next(z for z in (f"{n:09d}" for n in range(902100000, 902200000))
                if fedex12_check(("420" + z)[:11]) == z[-1])
    assert parse("420" + zip9).valid  # on its own it really does look like FedEx
    picked = pick_tracking(["420" + zip9, "TBA502887274000"])
    assert picked is not None
    assert picked.carrier == "amazon"


def test_pick_prefers_a_valid_number_over_a_misread_one() -> None:
    picked = pick_tracking(["1Z5R89390357567128", UPS_TRACKING])
    assert picked is not None
    assert picked.valid and picked.number == UPS_TRACKING


def test_pick_returns_a_misread_number_when_nothing_valid_was_scanned() -> None:
    picked = pick_tracking(["42090210", "1Z5R89390357567128"])
    assert picked is not None
    assert (picked.carrier, picked.valid) == ("ups", False)


@pytest.mark.parametrize(
    "candidates",
    [[], ["42090210"], ["]C1420902101234"], ["hello", "", "90210"], [UPS_MAXICODE_FULL[:5]]],
)
def test_pick_returns_nothing_when_no_barcode_is_a_tracking_number(candidates: list[str]) -> None:
    assert pick_tracking(candidates) is None


def test_pick_accepts_any_iterable_such_as_a_generator() -> None:
    picked = pick_tracking(text for text in ["90210", UPS_TRACKING])
    assert picked is not None and picked.number == UPS_TRACKING


# ------------------------------------------------------------------------ property tests

_VALID_SAMPLES = [number for _, _, number in PUBLISHED_VALID]


@st.composite
def decorated_numbers(draw: st.DrawFn) -> str:
    """A known-valid number dressed the way scanners and people dress it."""
    number = draw(st.sampled_from(_VALID_SAMPLES))
    pieces = [draw(st.sampled_from(["", " ", "-", "  "])) + ch for ch in number]
    text = "".join(pieces)
    if draw(st.booleans()):
        text = text.lower()
    prefix = draw(st.sampled_from(["", "]C0", "]C1", "]Q1", "  "]))
    return prefix + text + draw(st.sampled_from(["", "\n", " ", "\r\n"]))


_ANY_TEXT = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.text(alphabet="0123456789 -\x1d<>GS{}]CQ1Z420TBA", max_size=60),
    decorated_numbers(),
    st.from_regex(r"\A(?:1Z[A-Z0-9]{16}|9[1-5][0-9]{20}|420[0-9]{5,9}\x1d?9[0-9]{21})\Z"),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ANY_TEXT)
def test_parse_never_raises_and_valid_numbers_reparse_to_themselves(text: str) -> None:
    result = parse(text)
    assert isinstance(result, TrackingNumber)
    assert result.input == text
    assert len(result.number) <= 100
    if result.valid:
        again = parse(result.number)
        assert again.valid
        assert again.number == result.number
        assert again.carrier == result.carrier


@settings(max_examples=100, deadline=None)
@given(decorated_numbers())
def test_decorated_published_numbers_stay_valid(text: str) -> None:
    assert parse(text).valid


@settings(max_examples=150, deadline=None)
@given(st.lists(_ANY_TEXT, max_size=8))
def test_pick_never_raises_and_picks_one_of_the_candidates(candidates: list[str]) -> None:
    picked = pick_tracking(candidates)
    if picked is not None:
        assert picked.input in candidates
        assert picked.carrier is not None
