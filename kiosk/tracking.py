"""Tracking numbers: recognise the carrier, verify the check digit, normalise the text.

The intake screen hands us whatever the barcode scanner (or a person at the touch keyboard)
produced. :func:`parse` turns that into a :class:`TrackingNumber` saying which carrier the
number belongs to, whether it is *valid*, and the canonical form to store and search on.
:func:`pick_tracking` chooses the tracking number among all the barcodes read off one label.

This module is pure standard library and never raises on any ``str``: a kiosk must not crash
because somebody scanned a coffee cup.

What "valid" means
==================
``valid`` is True when the text has exactly the layout of a known format **and** the
format's check digit holds. Some formats publish no check digit (Amazon ``TBA``, LaserShip,
DHL eCommerce and piece IDs, Purolator piece numbers, FedEx door tags): for those the exact
layout is all there is to check, so an exact layout match counts as valid.
:attr:`TrackingNumber.check_digit_verified` tells the two kinds of "valid" apart.

Formats and check digits (sources: the carriers' published label specifications as
collected in the open ``tracking_number_data`` project, the UPU S10 standard, and the
MaxiCode examples in printer manuals)

============  ==========================================  ==============================
carrier       layout                                      check
============  ==========================================  ==============================
ups           ``1Z`` + 6 shipper + 2 service + 7 + check  UPS mod 10 (letters mapped)
fedex         12 digits (Express)                         mod 11, weights 1,3,7 from right
fedex         15 digits (Ground)                          GS1 mod 10
fedex         22 digits ``96…`` (Ground "96" barcode)     embedded 15 (or 0-padded 12)
fedex         34 digits ``96…``/``100…`` (1D barcode)     embedded 12-digit number
fedex         20 digits SmartPost (IMpb without ``92``)   GS1 mod 10 over ``92`` + number
fedex         ``DT`` + 12 digits (door tag)               format only
usps          22/26/30/34 digits ``9[1-5]…`` (IMpb)       GS1 mod 10
usps          20 digits (legacy, or IMpb without ``91``)  GS1 mod 10
usps          ``420`` + ZIP5/ZIP9 [+ GS] + number         routing stripped, rest checked
usps          S10 ending ``US``                           S10 mod 11
canada_post   16 digits; S10 ending ``CA``                GS1 mod 10; S10 mod 11
s10           S10 of any other country                    S10 mod 11 + ISO country code
dhl           10 or 11 digits (Express waybill)           mod 7
dhl           ``GM|LX|RX|UV|CN|SG|TH|IN|HK|MY`` + 10-39   format only (eCommerce)
dhl           ``JJD``/``JVGL`` + 9-20 digits              format only (piece ID)
amazon        ``TBA`` + 12 digits                         format only
ontrac        ``C``/``D`` + 14 digits                     UPS mod 10 (C=4, D=5)
lasership     ``1LS`` + 12 digits; ``L`` + letter + 8     format only
purolator     12 digits starting 0-5                      Luhn
purolator     3 letters + 9 digits                        format only
============  ==========================================  ==============================

Where shapes overlap the check digit decides; if two check digits pass, the order below
decides (most common at a North-American front desk first):

* 12 digits: FedEx Express (mod 11), then Purolator (Luhn). About one Purolator number in
  ten also passes FedEx's check and is reported as FedEx: digits alone cannot tell.
* 20 digits: the three 20-digit rules (plain USPS, USPS with ``91``, FedEx SmartPost with
  ``92``) can never pass together, the implied prefixes shift the sum by different amounts.
  The flip side: three of every ten arbitrary 20-digit strings pass one of them, so a
  20-digit "valid" is weaker evidence than most.
  ``00`` + 18 digits is a GS1 SSCC (a shipper's pallet/carton code), never a tracking number.
* 22 digits: ``9[1-5]`` is USPS (``92`` too: SmartPost parcels are delivered and tracked by
  USPS), ``96`` is FedEx Ground.
* 10 digits: DHL Express when mod 7 holds. A bare ten-digit phone number that happens to pass
  mod 7 is indistinguishable from a waybill; written with ``(``, ``)``, ``+`` or ``.`` (which
  are not stripped) it is never mistaken.
* ``JJD`` + 9 digits is DHL, not Purolator's 3-letters-9-digits.

Other decisions
===============
* S10 numbers ending ``US`` are ``usps`` and ``CA`` are ``canada_post`` (service "S10"),
  since those posts track them; every other country's stay ``s10``.
* ``1LS…`` numbers are ``lasership``: the prefix is LaserShip's, even though LaserShip has
  traded as OnTrac since the two merged. ``C``/``D`` numbers are ``ontrac``.
* UPS MaxiCode and FedEx PDF417 payloads (ISO/IEC 15434 ``[)>`` messages) are searched for
  the number they carry, also by :func:`parse`. A MaxiCode that holds only "1Z" + the last 8
  characters gets its full number rebuilt from the shipper and service fields.

Identification by shape alone
=============================
A check-digit failure still names the carrier when the shape cannot belong to anyone else
(``1Z…``, ``TBA…``, ``C``/``D`` + 14 digits, ``9[1-5]`` IMpb lengths, FedEx ``96``/``100``
barcodes, S10): staff see "UPS, but the check digit is wrong" and rescan. A bare run of
digits of a common length (10, 12, 15, 16, 20) whose check fails names nobody, since ZIP
codes, phone numbers, order numbers and SKUs look just like it.

Normalisation
=============
Leading/trailing whitespace, a leading AIM symbology identifier (``]C1``, ``]Q1``, …),
spaces and dashes anywhere, and lower case are all tolerated. GS1 group separators arrive as
ASCII GS (0x1D) or as the text ``<GS>``, ``{GS}``, ``\\x1d`` or ``␝``; they are removed from
the number but used to find where a ``420`` + ZIP routing prefix ends. Full-width digits and
letters typed on a phone keyboard are folded to ASCII (NFKC). Anything over 100 characters
after normalisation (4096 before) is not a tracking number.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice
from typing import Final, NamedTuple

__all__ = ["TrackingNumber", "is_tracking_number", "parse", "pick_tracking"]

# Work caps. A scan longer than _MAX_RAW is refused before any processing so a pasted
# 10 MB string costs nothing; MaxiCode and PDF417 payloads (a few hundred characters) fit.
_MAX_RAW: Final = 4096
# The longest real number here is 34 digits + a 9-digit ZIP routing prefix; 100 leaves room
# for formats we do not know while keeping every stored number short.
_MAX_NUMBER: Final = 100
# pick_tracking looks at this many candidates at most (one label has a handful of barcodes).
_MAX_CANDIDATES: Final = 64

_GS: Final = "\x1d"
_RS: Final = "\x1e"
_EOT: Final = "\x04"


@dataclass(frozen=True)
class TrackingNumber:
    """What :func:`parse` made of one scanned or typed text.

    ``number`` is what to store and search on: upper-case, separators removed, a USPS
    ``420`` + ZIP routing prefix stripped and a FedEx barcode reduced to the tracking number
    printed on the label. It is empty when the text was empty or far too long to be a
    tracking number. For a valid result, ``parse(result.number)`` gives back the same number
    and carrier.
    """

    input: str
    carrier: str | None
    valid: bool
    number: str
    service: str | None = None
    #: True when a check digit was computed and matched; False for formats that have none
    #: (their ``valid`` means "exact layout match") and for invalid results.
    check_digit_verified: bool = False

    def as_json(self) -> dict[str, str | bool | None]:
        """The four public fields, for the CLI's ``--json`` output and the event log."""
        return {
            "input": self.input,
            "carrier": self.carrier,
            "valid": self.valid,
            "number": self.number,
        }


class _Hit(NamedTuple):
    """An identification, before the caller's input text is attached."""

    carrier: str | None
    valid: bool
    number: str
    service: str | None
    verified: bool


def _valid(carrier: str, number: str, service: str, *, verified: bool) -> _Hit:
    return _Hit(carrier, True, number, service, verified)


def _invalid(carrier: str | None, number: str, service: str | None) -> _Hit:
    return _Hit(carrier, False, number, service, False)


def _checked(carrier: str, number: str, service: str, ok: bool) -> _Hit:
    """A shape-identified number whose check digit decided ``valid``."""
    return _Hit(carrier, ok, number, service, ok)


# --------------------------------------------------------------------------- check digits
#
# Every function takes ASCII text already matched by a regular expression, so int() and
# indexing cannot fail.


def _gs1_mod10_ok(digits: str) -> bool:
    """GS1 mod 10: weights 3, 1, 3, … from the right over everything but the last digit.

    Used by USPS IMpb, FedEx Ground (15 digits and the "96" barcode), FedEx SmartPost,
    SSCC-18 and Canada Post's 16-digit numbers.
    """
    body, check = digits[:-1], int(digits[-1])
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def _ups_value(ch: str) -> int:
    # UPS maps letters to digits by their code: A=2, B=3, … H=9, I=0, J=1, … (ord - 63) % 10.
    return int(ch) if ch.isdigit() else (ord(ch) - 63) % 10


def _ups_mod10_ok(chars: str) -> bool:
    """UPS mod 10 over ``chars`` (check character last).

    Letters are mapped with :func:`_ups_value`; counting from the left from 0, characters at
    odd positions are doubled (no digit sum); check = (10 - total % 10) % 10. UPS applies it
    to the 15 characters after ``1Z``; OnTrac to its whole number with C=4, D=5, which is
    the same letter mapping.
    """
    body, check = chars[:-1], chars[-1]
    if not check.isdigit():
        return False
    total = sum(_ups_value(c) * (2 if i % 2 else 1) for i, c in enumerate(body))
    return (10 - total % 10) % 10 == int(check)


def _fedex_mod11_ok(digits: str) -> bool:
    """FedEx Express: weights 1, 3, 7, 1, 3, 7, … from the right over all but the last digit;
    check = total % 11, where a remainder of 10 becomes 0."""
    body, check = digits[:-1], int(digits[-1])
    weights = (1, 3, 7)
    total = sum(int(d) * weights[i % 3] for i, d in enumerate(reversed(body)))
    return total % 11 % 10 == check


def _luhn_ok(digits: str) -> bool:
    """Luhn (ISO/IEC 7812): double every second digit from the right, digit-sum, total % 10 == 0."""
    total = 0
    for i, d in enumerate(reversed(digits)):
        value = int(d)
        if i % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _mod7_ok(digits: str) -> bool:
    """DHL Express waybill: the number without its last digit, modulo 7, is the last digit."""
    return int(digits[:-1]) % 7 == int(digits[-1])


_S10_WEIGHTS: Final = (8, 6, 4, 2, 3, 5, 9, 7)


def _s10_ok(serial_and_check: str) -> bool:
    """UPU S10: weights 8,6,4,2,3,5,9,7 over the 8 serial digits; check = 11 - total % 11,
    with 10 written as 0 and 11 as 5."""
    total = sum(int(d) * w for d, w in zip(serial_and_check[:8], _S10_WEIGHTS, strict=True))
    check = 11 - total % 11
    check = {10: 0, 11: 5}.get(check, check)
    return check == int(serial_and_check[8])


# ISO 3166-1 alpha-2, the country codes S10 numbers end with. "RB123456785XX" has a good
# check digit but no issuing post office, so it is not a valid number.
_COUNTRY_CODES: Final = """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
    BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
    DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS
    GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
    KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
    MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
    PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
    SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
    VN VU WF WS YE YT ZA ZM ZW
"""
_COUNTRIES: Final = frozenset(_COUNTRY_CODES.split())

# S10 numbers issued by these posts are tracked by the carrier itself; the rest stay "s10".
_S10_CARRIER: Final = {"US": "usps", "CA": "canada_post"}


# ------------------------------------------------------------------------------ shapes

def _rx(pattern: str) -> re.Pattern[str]:
    # ASCII so that \d never matches Arabic-Indic or other Unicode digits int() would accept.
    return re.compile(pattern, re.ASCII)


_ALNUM = _rx(r"[A-Z0-9]+")
_UPS = _rx(r"1Z[A-Z0-9]{16}")
_S10 = _rx(r"[A-Z]{2}[0-9]{9}[A-Z]{2}")
_AMAZON = _rx(r"TBA[0-9]{12}")
_ONTRAC = _rx(r"[CD][0-9]{14}")
_LASERSHIP = _rx(r"1LS[0-9]{12}|L[A-Z][0-9]{8}")
_DHL_ECOMMERCE = _rx(r"(?:GM|LX|RX|UV|CN|SG|TH|IN|HK|MY)[0-9]{10,39}")
_DHL_PIECE = _rx(r"(?:JJD|JVGL)[0-9]{9,20}")
_FEDEX_DOOR_TAG = _rx(r"DT[0-9]{12}")
_PUROLATOR_PIECE = _rx(r"[A-Z]{3}[0-9]{9}")
_IMPB_PREFIX = _rx(r"9[1-5]")
_IMPB_LENGTHS: Final = frozenset({22, 26, 30, 34})
# GS1 AI 420 "ship to postal code" with a US ZIP or ZIP+4: the routing part of a USPS label.
_ROUTING = _rx(r"420(?:[0-9]{5}|[0-9]{9})")


def _identify(s: str) -> _Hit | None:
    """Identify one compact upper-case ``[A-Z0-9]+`` string (no routing prefix handling)."""
    if s.isdigit():  # s is ASCII here, so isdigit() means 0-9
        return _identify_digits(s)
    return _identify_alphanumeric(s)


def _identify_alphanumeric(s: str) -> _Hit | None:
    # Prefix-owned shapes first: "1Z" and "TBA" belong to one carrier whatever follows, so a
    # truncated or mistyped number is still attributed (and reported invalid).
    if s.startswith("1Z"):
        ok = _UPS.fullmatch(s) is not None and _ups_mod10_ok(s[2:])
        return _checked("ups", s, "1Z", ok)
    if s.startswith("TBA"):
        if _AMAZON.fullmatch(s):
            return _valid("amazon", s, "Logistics", verified=False)
        return _invalid("amazon", s, "Logistics")
    if _S10.fullmatch(s):
        country = s[-2:]
        ok = _s10_ok(s[2:11]) and country in _COUNTRIES
        return _checked(_S10_CARRIER.get(country, "s10"), s, "S10", ok)
    if _ONTRAC.fullmatch(s):
        return _checked("ontrac", s, s[0], _ups_mod10_ok(s))
    if _LASERSHIP.fullmatch(s):
        return _valid("lasership", s, "1LS" if s.startswith("1LS") else "L", verified=False)
    if _DHL_ECOMMERCE.fullmatch(s):
        return _valid("dhl", s, "eCommerce", verified=False)
    if _DHL_PIECE.fullmatch(s):
        # Checked before Purolator: "JJD" + 9 digits also fits 3 letters + 9 digits.
        return _valid("dhl", s, "Piece ID", verified=False)
    if _FEDEX_DOOR_TAG.fullmatch(s):
        return _valid("fedex", s, "Door Tag", verified=False)
    if _PUROLATOR_PIECE.fullmatch(s):
        return _valid("purolator", s, "Piece", verified=False)
    return None


def _identify_digits(s: str) -> _Hit | None:
    n = len(s)
    if n in (10, 11):
        return _valid("dhl", s, "Express", verified=True) if _mod7_ok(s) else None
    if n == 12:
        if _fedex_mod11_ok(s):
            return _valid("fedex", s, "Express 12", verified=True)
        if s[0] in "012345" and _luhn_ok(s):
            return _valid("purolator", s, "12-digit", verified=True)
        return None
    if n == 15:
        return _valid("fedex", s, "Ground 15", verified=True) if _gs1_mod10_ok(s) else None
    if n == 16:
        return _valid("canada_post", s, "16-digit", verified=True) if _gs1_mod10_ok(s) else None
    if n == 20:
        return _identify_20(s)
    if n in _IMPB_LENGTHS and _IMPB_PREFIX.match(s):
        return _checked("usps", s, "IMpb", _gs1_mod10_ok(s))
    if n == 22 and s.startswith("96"):
        return _fedex_96(s)
    if n == 34 and s.startswith(("96", "100")):
        return _fedex_34(s)
    return None


def _identify_20(s: str) -> _Hit | None:
    """Twenty digits: three published rules, at most one of which can pass (see module doc)."""
    if s.startswith("00"):
        # GS1 AI 00 + SSCC-18. Its check digit also satisfies the plain 20-digit rule (a
        # leading "00" adds nothing), so it has to be excluded by prefix. It is the
        # shipper's carton code, not something a carrier tracks.
        return None
    if _gs1_mod10_ok(s):
        return _valid("usps", s, "20-digit", verified=True)
    if _gs1_mod10_ok("91" + s):
        # An IMpb printed without its "91" channel application identifier.
        return _valid("usps", s, "IMpb", verified=True)
    if _gs1_mod10_ok("92" + s):
        # FedEx SmartPost shows its IMpb without the leading "92".
        return _valid("fedex", s, "SmartPost", verified=True)
    return None


def _fedex_96(s: str) -> _Hit:
    """FedEx Ground "96" barcode: 96 + 2 + 3-digit service + the 15-digit tracking number.

    Since 2013 FedEx also issues 12-digit numbers for Ground; in this barcode they sit
    zero-padded in the 15-digit field. Only then ("000" in front) is the 12-digit check
    tried, so a misread 15-digit number does not get a second, one-in-eleven chance.
    """
    if _gs1_mod10_ok(s[-15:]):
        return _valid("fedex", s[-15:], "Ground 96", verified=True)
    if s[-15:-12] == "000" and _fedex_mod11_ok(s[-12:]):
        return _valid("fedex", s[-12:], "Ground 96", verified=True)
    return _invalid("fedex", s, "Ground 96")


def _fedex_34(s: str) -> _Hit:
    """FedEx 34-digit 1D barcode: ``100…`` (Express) or ``96…`` (Ground).

    Layout: prefix and routing data, then a 13-digit serial and a check digit computed with
    the Express weights (1, 3, 7 from the right) over all 13. With the serial's leading digit
    0, that is exactly the 12-digit number printed on the label, which is what we keep. The
    layout has no 15-digit variant, so none is tried.
    """
    service = "Express 34" if s.startswith("100") else "Ground 96"
    if s[-13] == "0" and _fedex_mod11_ok(s[-12:]):
        return _valid("fedex", s[-12:], service, verified=True)
    return _invalid("fedex", s, service)


def _rank(hit: _Hit | None) -> tuple[bool, bool, bool]:
    if hit is None:
        return (False, False, False)
    return (hit.valid, hit.verified, hit.carrier is not None)


def _identify_segments(segments: list[str], gs1: bool) -> _Hit | None:
    """Identify GS-separated segments, handling the USPS ``420`` + ZIP routing prefix.

    With a separator after ``420`` + ZIP we know exactly where the routing part ends and the
    rest may be any carrier's number. Without one, the ZIP may be 5 or 9 digits: both cuts
    are tried, but only USPS-style remainders are accepted (20 digits or an IMpb), because a
    run of digits cut at an arbitrary place passes some 12-digit check one time in ten.
    """
    joined = "".join(segments)
    if len(segments) > 1 and _ROUTING.fullmatch(segments[0]):
        rest = "".join(segments[1:])
        return _identify(rest) or _invalid(None, rest, None)
    if _ROUTING.fullmatch(joined) and gs1:
        # Only the routing barcode: a ZIP code, not a tracking number.
        return _invalid(None, joined, "routing code")
    whole = _identify(joined)
    if joined.startswith("420") and len(joined) > 12:
        for cut in (12, 8):  # ZIP+4 first: it is what USPS labels print
            rest = joined[cut:]
            usps_shaped = len(rest) == 20 or (
                len(rest) in _IMPB_LENGTHS and _IMPB_PREFIX.match(rest) is not None
            )
            if not usps_shaped:
                continue
            hit = _identify(rest)
            if hit is not None and _rank(hit) > _rank(whole):
                whole = hit
    return whole


# ----------------------------------------------------------------------- normalisation

# Textual stand-ins scanners and people use for the ASCII control characters.
_SEPARATOR_TEXT = re.compile(
    r"<GS>|\{GS\}|\\x1d|\u241d|<RS>|\{RS\}|\\x1e|\u241e|<EOT>|\{EOT\}|\\x04|\u2404",
    re.IGNORECASE,
)
_SEPARATOR_CHAR: Final = {
    "GS": _GS, "X1D": _GS, "\u241d": _GS,
    "RS": _RS, "X1E": _RS, "\u241e": _RS,
    "EOT": _EOT, "X04": _EOT, "\u2404": _EOT,
}
# AIM symbology identifier (ISO/IEC 15424): "]" + code character + modifier. No tracking
# number contains "]", so stripping any such prefix cannot damage one.
_AIM = _rx(r"\][A-Za-z][0-9A-Za-z]")
# Identifiers whose symbol carries GS1 element strings (FNC1 first): GS1-128, GS1 QR,
# GS1 DataMatrix, GS1 DataBar. For those a lone "420" + ZIP is certainly a routing code.
_GS1_AIM: Final = frozenset({"]C1", "]Q3", "]Q4", "]d2", "]d5", "]e0"})
# Hyphen-minus and the Unicode dashes people paste from documents and e-mails.
_DASHES = re.compile("[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d]")


def _separator(match: re.Match[str]) -> str:
    token = match.group(0).upper().strip("<>{}\\")
    return _SEPARATOR_CHAR.get(token, _GS)


def _compact(text: str) -> str:
    """Upper-case with all whitespace and dashes removed (no separators inside)."""
    # str.split() also splits on GS/RS, so callers split on those first.
    return _DASHES.sub("", "".join(text.split())).upper()


class _Scan(NamedTuple):
    text: str  # separators as control characters, AIM prefix removed, stripped
    gs1: bool  # an AIM GS1 identifier or a GS separator was present


def _prepare(text: str) -> _Scan | None:
    """Undo the scanner's transport quirks; None when the text is too long to bother."""
    if len(text) > _MAX_RAW:
        return None
    s = unicodedata.normalize("NFKC", text)
    s = _SEPARATOR_TEXT.sub(_separator, s)
    gs1 = _GS in s
    s = s.strip()
    aim = _AIM.match(s)
    if aim:
        gs1 = gs1 or aim.group(0) in _GS1_AIM
        s = s[aim.end():].strip()
    return _Scan(s, gs1)


def _is_structured(s: str) -> bool:
    """An ISO/IEC 15434 message (MaxiCode, PDF417) rather than a single number."""
    if "[)>" in s or _RS in s or _EOT in s:
        return True
    return sum(1 for field in s.split(_GS) if field.strip()) >= 3


# ------------------------------------------------------------------ structured payloads

# Standard Carrier Alpha Codes seen in the payloads: they tell whose number to look for.
_SCAC: Final = {
    "UPSN": "ups", "UPSS": "ups",
    "FDE": "fedex", "FDEG": "fedex", "FDEN": "fedex", "FDX": "fedex", "FDXE": "fedex",
    "FDXG": "fedex", "FEDEX": "fedex",
    "USPS": "usps",
}
_UPS_SHORT = _rx(r"1Z[A-Z0-9]{8}")
_UPS_SHIPPER = _rx(r"[A-Z0-9]{6}")
_UPS_CLASS = _rx(r"[0-9]{3}")


def _ups_maxicode(fields: list[str], i: int) -> str | None:
    """Rebuild the full 1Z number from a UPS MaxiCode whose tracking field is short.

    UPS MaxiCode puts "1Z" + the last 8 characters (package number and check digit) in the
    tracking field; the 3-digit class of service is the field before it, the SCAC ("UPSN")
    the field after it and the 6-character shipper number the one after that. The full
    number is "1Z" + shipper + the last two digits of the class + those 8 characters (the
    worked examples in the UPS/ISO MaxiCode documentation all pass the check digit this
    way). The rebuilt number still has to pass the UPS check digit before it counts.
    """
    if i < 1 or i + 2 >= len(fields) or _SCAC.get(fields[i + 1]) != "ups":
        return None
    service_class, shipper = fields[i - 1], fields[i + 2]
    if not (_UPS_CLASS.fullmatch(service_class) and _UPS_SHIPPER.fullmatch(shipper)):
        return None
    return "1Z" + shipper + service_class[-2:] + fields[i][2:]


def _from_structured(s: str) -> _Hit:
    """Find the tracking number inside a MaxiCode/PDF417 message.

    Fields are separated by GS/RS/EOT. The field after the format header ("01") begins with
    the postal code, so it is skipped: an 11-digit ZIP+4 with its "96" header glued on would
    otherwise pass DHL's mod 7 now and then. When the payload names its carrier (SCAC), only
    that carrier's numbers count.
    """
    fields = [_compact(f) for f in re.split("[\x1d\x1e\x04]", s)]
    scac = next((_SCAC[f] for f in fields if f in _SCAC), None)
    postal = fields.index("01") + 1 if "01" in fields else -1
    best: _Hit | None = None
    for i, field in enumerate(fields):
        if i == postal or not field or len(field) > _MAX_NUMBER or not _ALNUM.fullmatch(field):
            continue
        hit = _identify_segments([field], gs1=False)
        if _UPS_SHORT.fullmatch(field) and scac in (None, "ups"):
            full = _ups_maxicode(fields, i)
            if full is not None:
                hit = _identify(full)
        if hit is None or hit.carrier is None:
            continue
        if scac is not None and hit.carrier != scac:
            continue
        if scac is None and not hit.verified:
            continue  # without a SCAC, only a check digit is evidence enough
        if best is None or _rank(hit) > _rank(best):
            best = hit
    return best or _invalid(None, "", "structured payload")


# --------------------------------------------------------------------------- public API


def _parse_hit(text: str) -> _Hit:
    scan = _prepare(text)
    if scan is None:
        return _invalid(None, "", None)
    if _is_structured(scan.text):
        return _from_structured(scan.text)
    segments = [c for c in (_compact(seg) for seg in scan.text.split(_GS)) if c]
    joined = "".join(segments)
    if len(joined) > _MAX_NUMBER:
        return _invalid(None, "", None)
    if not joined or not _ALNUM.fullmatch(joined):
        return _invalid(None, joined, None)
    return _identify_segments(segments, scan.gs1) or _invalid(None, joined, None)


def parse(text: str) -> TrackingNumber:
    """Identify the carrier of ``text``, verify its check digit and normalise it.

    Never raises. Unknown text comes back with ``carrier=None, valid=False`` and ``number``
    set to the compact upper-case text (empty when there is none or it is too long).
    """
    hit = _parse_hit(text)
    return TrackingNumber(
        input=text,
        carrier=hit.carrier,
        valid=hit.valid,
        number=hit.number,
        service=hit.service,
        check_digit_verified=hit.verified,
    )


def is_tracking_number(text: str) -> bool:
    """True when ``text`` is a valid tracking number of a known carrier."""
    return parse(text).valid


def _routing_only(text: str) -> bool:
    """A bare ``420`` + ZIP barcode (which, read alone, may look like a 12-digit number)."""
    scan = _prepare(text)
    return scan is not None and _ROUTING.fullmatch(_compact(scan.text.replace(_GS, ""))) is not None


def pick_tracking(candidates: Iterable[str]) -> TrackingNumber | None:
    """From all the barcodes read off one shipping label, pick the tracking number.

    Every candidate is parsed (MaxiCode and PDF417 payloads have their embedded number
    extracted). Routing codes (``420`` + ZIP) and anything no carrier claims are passed
    over. Among the rest the order of preference is: valid, check digit verified, the number
    seen in the most barcodes (a UPS label repeats the 1Z number in its MaxiCode), then the
    first scanned. If nothing is valid, the best carrier-shaped reading is returned so the
    screen can say "UPS, but the check digit is wrong"; None when there is nothing at all.
    """
    readings: list[tuple[int, bool, TrackingNumber]] = []
    for index, text in enumerate(islice(candidates, _MAX_CANDIDATES)):
        if not isinstance(text, str):
            continue  # defensive: a driver handing over bytes must not break intake
        result = parse(text)
        if result.carrier is not None and result.number:
            readings.append((index, _routing_only(text), result))
    if not readings:
        return None
    seen: dict[str, int] = {}
    for _, _, result in readings:
        seen[result.number] = seen.get(result.number, 0) + 1

    def preference(reading: tuple[int, bool, TrackingNumber]) -> tuple[bool, bool, bool, int, int]:
        index, routing, result = reading
        return (
            not routing,
            result.valid,
            result.check_digit_verified,
            seen[result.number],
            -index,
        )

    return max(readings, key=preference)[2]
