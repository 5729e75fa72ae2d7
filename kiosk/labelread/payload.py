"""UPS MaxiCode and FedEx PDF417 payloads: the ship-to fields they carry besides the number.

Both are ISO/IEC 15434 messages in ANSI MH10.8.3 "format 01": ``[)>`` RS ``01`` GS, then
GS-separated fields. The first fields are fixed (this is also the layout of a MaxiCode's
"primary message", which zxing-cpp puts back in this order):

=====  ===================================  ===========================================
field  meaning                              example
=====  ===================================  ===========================================
1      2-digit header + ship-to postal      ``96841706672`` (UPS), ``0238119`` (FedEx)
2      ship-to country (ISO 3166 numeric)   ``840``
3      class of service                     ``001``, ``92``
4      tracking number (UPS may send "1Z"   ``1Z12345675``, ``794808390594``
       + the last 8 characters only)
5      SCAC: whose label this is            ``UPSN``, ``FDEG``
6–11   shipper, pickup day, shipment id,    (not used here)
       n/x, weight, address validation
12–14  ship-to street, city, state          ``123 MAIN ST``, ``MEMPHIS``, ``TN``
15     recipient name (FedEx)               ``JANE DOE``
=====  ===================================  ===========================================

The tracking number itself is found by :func:`kiosk.tracking.parse`, which knows how to
rebuild a short UPS number; this module adds the address fields. A barcode decoded without
error is better evidence than OCR, so the reader prefers these fields where they exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.tracking import parse

_GS, _RS, _EOT = "\x1d", "\x1e", "\x04"
_SCAC = {"UPSN": "ups", "UPSS": "ups", "FDE": "fedex", "FDEG": "fedex", "FDEN": "fedex", "FDX": "fedex",
         "FDXE": "fedex", "FDXG": "fedex", "FEDEX": "fedex", "USPS": "usps"}
_TEXT_SEPARATORS = {"<GS>": _GS, "<RS>": _RS, "<EOT>": _EOT, "\u241d": _GS, "\u241e": _RS, "\u2404": _EOT}


@dataclass(frozen=True)
class CarrierPayload:
    """The fields of one MaxiCode/PDF417 message; any may be None when the label left it out."""

    carrier: str | None
    tracking_number: str | None
    postal_code: str | None  # as carried: 5 or 9 digits in the US, letters and digits elsewhere
    country: str | None
    service_class: str | None
    street: str | None = None
    city: str | None = None
    state: str | None = None
    recipient: str | None = None

    @property
    def zip5(self) -> str | None:
        """The 5-digit US ZIP code of the ship-to address, when the postal code is one."""
        if self.postal_code and self.postal_code[:5].isdigit() and self.country in (None, "840", "US"):
            return self.postal_code[:5]
        return None


def _field(fields: list[str], index: int) -> str | None:
    if index < len(fields):
        value = " ".join(fields[index].split())
        return value or None
    return None


def parse_payload(text: str) -> CarrierPayload | None:
    """Parse a structured carrier message; None if ``text`` is not a format-01 message."""
    if not text or len(text) > 4096:
        return None
    for token, char in _TEXT_SEPARATORS.items():
        text = text.replace(token, char)
    start = text.find("[)>")
    if start < 0:
        return None
    segments = re.split(f"[{_RS}{_EOT}]", text[start + 3:])
    segment = next((s for s in segments if s.startswith(f"01{_GS}")), None)
    if segment is None:
        return None
    fields = segment.split(_GS)
    header = _field(fields, 1) or ""
    postal = header[2:] if len(header) > 2 else None
    scac = (_field(fields, 5) or "").upper()
    number = parse(text)
    return CarrierPayload(
        carrier=_SCAC.get(scac) or number.carrier,
        tracking_number=number.number if number.valid else None,
        postal_code=postal,
        country=_field(fields, 2),
        service_class=_field(fields, 3),
        street=_field(fields, 12),
        city=_field(fields, 13),
        state=_field(fields, 14),
        recipient=_field(fields, 15),
    )
