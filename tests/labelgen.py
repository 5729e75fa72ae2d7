"""Realistic 4×6 in shipping labels, photographed-looking variants, a roster with near-duplicates.

Independent of Packroom (Pillow, numpy, OpenCV and zxing-cpp only) so that it tests the label
reader rather than repeating it: its own check digits, its own layouts, its own names.

* :func:`render_label` draws a :class:`Shipment` as a 203-dpi thermal label (812×1218 dots) in
  the manner of a UPS (MaxiCode, postal Code 128, tracking Code 128), FedEx (PDF417, 34-digit
  Code 128), USPS (GS1-128 with ``420`` + ZIP, Data Matrix) or Amazon (QR, ``TBA`` Code 128,
  an order-number Code 128) label, with a sender block and a ship-to block.
* :func:`photograph` turns a label into a 1600×1200 BGR camera frame: on cardboard, rotated,
  in perspective, blurred, with glare, in low light or crumpled.
* :func:`make_roster` and :func:`write_roster` build a building with same-surname neighbours,
  one name in two units, households and moved-out residents, as a ``generic`` rent-roll CSV.
* :func:`make_dataset` writes images, ``truth.csv`` (image, tracking_number, resident_unit,
  resident_name), ``address.txt``, ``roster.csv`` and ``roster-before.csv`` (last year's, when the
  moved-out residents still lived here) for ``packroom labels evaluate``.

``python -m tests.labelgen OUT_DIR [--count 40] [--variants clean,rotate,...] [--seed 1]``
"""

from __future__ import annotations

import argparse
import csv
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
import zxingcpp
from PIL import Image, ImageDraw, ImageFont

DPI = 203
LABEL_SIZE = (812, 1218)  # 4 × 6 in at 203 dpi
FRAME_SIZE = (1600, 1200)
GS, RS, EOT = "\x1d", "\x1e", "\x04"

VARIANTS = ("clean", "rotate", "perspective", "blur", "glare", "lowlight", "crumple")
DEGRADED = VARIANTS[1:]
CARRIERS = ("ups", "fedex", "usps", "amazon")

# --------------------------------------------------------------------------- the building


@dataclass(frozen=True)
class Site:
    """The building the roster lives in (what ``Property.address`` holds)."""

    number: str = "1200"
    street: str = "Harbor View Drive"
    street_short: str = "HARBOR VIEW DR"
    city: str = "Springfield"
    state: str = "IL"
    zip5: str = "62704"

    @property
    def address(self) -> str:
        return f"{self.number} {self.street}, {self.city}, {self.state} {self.zip5}"


SITE = Site()
NEIGHBOUR_NUMBERS = ("1210", "1180", "1220", "1250")

FIRST_NAMES = (
    "Maria", "James", "Lucia", "Wei", "Aisha", "Noah", "Olivia", "Liam", "Sofia", "Ethan", "Priya",
    "Mateo", "Hannah", "Kenji", "Fatima", "Daniel", "Chloe", "Omar", "Grace", "Lucas", "Amara",
    "Benjamin", "Isabel", "Samuel", "Yuki", "Elena", "David", "Nadia", "Carlos", "Emily", "Hiroshi",
    "Zoe", "Andre", "Leila", "Marcus", "Ingrid", "Tomas", "Rosa", "Victor", "Mei", "Patrick",
    "Ananya", "Gabriel", "Sarah", "Dmitri", "Julia", "Kwame", "Laura", "Rafael", "Nina",
)
LAST_NAMES = (
    "Okafor", "Johansson", "Nakamura", "Petrov", "Haddad", "Fitzgerald", "Castillo", "Lindqvist",
    "Abernathy", "Mwangi", "Kowalski", "Delacroix", "Oyelaran", "Sorensen", "Vasquez", "Thornton",
    "Ramanathan", "Bergstrom", "Moreau", "Gallagher", "Achebe", "Takahashi", "Novak", "Ferreira",
    "Whitfield", "Sandoval", "Kaminski", "Obi", "Hoffmann", "Quintero", "Albright", "Yamamoto",
    "Rasmussen", "Dubois", "Mahmoud", "Pellegrino", "Carmichael", "Eriksen", "Szabo", "Montoya",
    "Blackwood", "Adeyemi", "Lachance", "Varga", "Holloway", "Ibrahim", "Kristensen", "Barros",
    "Winslow", "Tanaka", "Chen", "Garcia", "Smith", "Lee", "Nguyen", "Patel", "Kim", "Brown",
)
# People who send parcels or live elsewhere: never on the roster, some sharing a roster surname.
STRANGER_FIRST = ("Harold", "Bridget", "Xavier", "Penelope", "Ulrich", "Matilda", "Desmond",
                  "Ophelia", "Reginald", "Winifred", "Cornelius", "Delphine", "Ignatius", "Rosalind")
NICKNAMES = {"Robert": "Bob", "William": "Bill", "Elizabeth": "Liz", "Katherine": "Kate",
             "Alexander": "Alex", "Margaret": "Peggy", "Jonathan": "Jon", "Richard": "Rick"}
SENDERS = (
    ("AMAZON.COM SERVICES LLC", "1850 MERCER RD", "LEXINGTON KY 40511"),
    ("CHEWY INC", "7700 W SUNRISE BLVD", "PLANTATION FL 33322"),
    ("B&H PHOTO VIDEO", "420 NINTH AVE", "NEW YORK NY 10001"),
    ("ZAPPOS RETURNS", "376 ZAPPOS BLVD", "SHEPHERDSVILLE KY 40165"),
    ("WAYFAIR LLC", "4 COPLEY PL", "BOSTON MA 02116"),
    ("BACKCOUNTRY GEAR", "1678 W REDSTONE CENTER DR", "PARK CITY UT 84098"),
    ("TARGET.COM", "7000 TARGET PKWY N", "BROOKLYN PARK MN 55445"),
    ("ETSY SELLER LOOMCRAFT", "88 MILL ST STE 2", "ASHEVILLE NC 28801"),
)


@dataclass(frozen=True)
class Person:
    """One roster row: ``status`` is ``current`` or ``past`` (moved out)."""

    unit: str
    first_name: str
    last_name: str
    status: str = "current"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


def _units() -> list[str]:
    return [f"{floor}{number:02d}" for floor in range(1, 13) for number in range(1, 13)]


def make_roster(rng: random.Random, size: int = 120) -> list[Person]:
    """A roster with the hard cases built in, then filled with distinct random names.

    Hard cases: the same surname in several units (Garcia in 204, 1107 and 512: Maria, Mario
    and Marie), one full name in two units (John Smith in 305 and 1102), a household (Pedro
    and Maria Garcia in 204), look-alikes (Jon Smyth, Anne Li beside Ann Lee), a resident with
    a formal first name labels shorten (Robert Chen, "Bob Chen"), and moved-out residents, one
    of them replaced in the same unit.
    """
    people = [
        Person("204", "Maria", "Garcia"), Person("204", "Pedro", "Garcia"),
        Person("1107", "Mario", "Garcia"), Person("512", "Marie", "Garcia"),
        Person("305", "John", "Smith"), Person("1102", "John", "Smith"),
        Person("808", "Jon", "Smyth"), Person("611", "Ann", "Lee"), Person("906", "Anne", "Li"),
        Person("710", "Robert", "Chen"), Person("1001", "Wei", "Chen"),
        Person("402", "Priya", "Patel"), Person("1203", "Priya", "Patil"),
        Person("107", "Daniel", "Nguyen"), Person("107", "Linh", "Nguyen"),
        Person("1009", "Old", "Tenant", "past"), Person("1009", "Nadia", "Haddad"),
        Person("303", "Kevin", "Brown", "past"),
    ]
    used_units = {p.unit for p in people}
    used_names = {(p.first_name, p.last_name) for p in people}
    free = [u for u in _units() if u not in used_units]
    rng.shuffle(free)
    while len(people) < size and free:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES[:50])
        if (first, last) in used_names:
            continue
        used_names.add((first, last))
        unit = free.pop()
        people.append(Person(unit, first, last))
        if rng.random() < 0.25 and len(people) < size:  # a second adult in the unit
            partner = rng.choice(FIRST_NAMES)
            if (partner, last) not in used_names and partner != first:
                used_names.add((partner, last))
                people.append(Person(unit, partner, last))
    return people


def everyone_current(people: Iterable[Person]) -> list[Person]:
    """The roster as it was before anyone moved out (import it first to have moved-out residents)."""
    return [replace(p, status="current") for p in people]


def write_roster(path: Path, people: Iterable[Person]) -> Path:
    """The roster as a ``generic`` rent-roll CSV (what ``packroom residents import`` reads)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["unit", "building", "first_name", "last_name", "email", "mobile", "language",
                         "move_in", "move_out", "status", "badge_id", "external_id"])
        for i, p in enumerate(people, 1):
            move_out = "2025-06-30" if p.status == "past" else ""
            writer.writerow([p.unit, "", p.first_name, p.last_name,
                             f"{p.first_name}.{p.last_name}{i}@example.com".lower(), "", "en",
                             "2023-01-01", move_out, p.status, "", f"R-{i:04d}"])
    return path


# --------------------------------------------------------------------------- tracking numbers


def _gs1_check(body: str) -> str:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str((10 - total % 10) % 10)


def _ups_value(ch: str) -> int:
    return int(ch) if ch.isdigit() else (ord(ch) - 63) % 10


def ups_number(rng: random.Random) -> str:
    body = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXY0123456789") for _ in range(6))
    body += rng.choice(("01", "02", "03", "12", "13")) + "".join(rng.choice("0123456789") for _ in range(7))
    total = sum(_ups_value(c) * (2 if i % 2 else 1) for i, c in enumerate(body))
    return f"1Z{body}{(10 - total % 10) % 10}"


def fedex_number(rng: random.Random) -> str:
    while True:
        body = "7" + "".join(rng.choice("0123456789") for _ in range(10))
        total = sum(int(d) * (1, 3, 7)[i % 3] for i, d in enumerate(reversed(body)))
        if total % 11 != 10:
            return body + str(total % 11)


def usps_number(rng: random.Random) -> str:
    body = "9400" + "".join(rng.choice("0123456789") for _ in range(17))
    return body + _gs1_check(body)


def amazon_number(rng: random.Random) -> str:
    return "TBA" + "".join(rng.choice("0123456789") for _ in range(12))


NUMBERS = {"ups": ups_number, "fedex": fedex_number, "usps": usps_number, "amazon": amazon_number}


# --------------------------------------------------------------------------- shipments


@dataclass(frozen=True)
class Shipment:
    """Everything printed on one label. ``name`` etc. are as printed (case, spelling)."""

    carrier: str
    tracking: str
    name: str
    street: str  # "1200 HARBOR VIEW DR" (maybe with the unit inline)
    unit_line: str | None  # "APT 204" on a line of its own, or None
    city_line: str  # "SPRINGFIELD IL 62704-1234"
    zip5: str
    sender: tuple[str, ...]
    company: str | None = None
    phone: str = ""
    seed: int = 0


@dataclass(frozen=True)
class Truth:
    """What a reader should conclude: the resident (unit and roster name) or nobody here."""

    tracking: str
    unit: str | None
    name: str | None


_UNIT_STYLES = ("APT {u}", "APT {u}", "UNIT {u}", "#{u}", "STE {u}", "APARTMENT {u}", "APT. {u}", "Apt {u}")


def _case(text: str, upper: bool) -> str:
    return text.upper() if upper else text


def address_lines(rng: random.Random, number: str, unit: str | None, upper: bool) -> tuple[str, str | None]:
    """The street line and the unit line (None when the unit is inline or missing)."""
    street = _case(f"{number} {rng.choice((SITE.street_short, SITE.street_short, SITE.street.upper()))}",
                   upper)
    if not upper:
        street = f"{number} {rng.choice(('Harbor View Dr', 'Harbor View Drive'))}"
    if unit is None:
        return street, None
    style = rng.choice(_UNIT_STYLES).format(u=unit)
    style = _case(style, upper)
    if rng.random() < 0.45:
        separator = rng.choice((" ", ", ", " "))
        return f"{street}{separator}{style}", None
    return street, style


def _city_line(rng: random.Random, upper: bool) -> str:
    zip_text = SITE.zip5 + (f"-{rng.randint(1000, 9999)}" if rng.random() < 0.5 else "")
    city = SITE.city.upper() if upper else SITE.city
    return f"{city} {SITE.state} {zip_text}" if rng.random() < 0.7 else f"{city}, {SITE.state} {zip_text}"


def _printed_name(rng: random.Random, first: str, last: str, upper: bool) -> str:
    roll = rng.random()
    if roll < 0.12:
        name = f"{first} {rng.choice('ABCDEFGHJKLMNPRSTW')} {last}"
    elif roll < 0.18:
        name = f"{first} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {last}"
    else:
        name = f"{first} {last}"
    return name.upper() if upper else name


def _sender(rng: random.Random) -> tuple[str, ...]:
    company, street, city = rng.choice(SENDERS)
    if rng.random() < 0.3:  # a gift from a person: a name that is not on the roster
        person = f"{rng.choice(STRANGER_FIRST)} {rng.choice(LAST_NAMES)}".upper()
        return (person, street, city)
    return (company, street, city)


def make_shipment(rng: random.Random, carrier: str, name: str, unit: str | None, *,
                  number: str = SITE.number, upper: bool | None = None) -> Shipment:
    upper = rng.random() < 0.8 if upper is None else upper
    street, unit_line = address_lines(rng, number, unit, upper)
    company = None
    if rng.random() < 0.08:
        company = _case(rng.choice(("Northwind Consulting", "Blue Fern Design", "Acme Widgets Inc")), upper)
    phone = f"({rng.randint(201, 989)}) 555-{rng.randint(0, 9999):04d}" if rng.random() < 0.6 else ""
    return Shipment(carrier, NUMBERS[carrier](rng), name, street, unit_line, _city_line(rng, upper),
                    SITE.zip5, _sender(rng), company, phone, rng.randrange(1 << 30))


def shipment_for(rng: random.Random, person: Person, carrier: str | None = None,
                 unit_shown: bool = True, name: str | None = None) -> tuple[Shipment, Truth]:
    """A parcel for ``person`` (a current resident): the truth names them."""
    carrier = carrier or rng.choice(CARRIERS)
    upper = rng.random() < 0.8
    printed = name or _printed_name(rng, person.first_name, person.last_name, upper)
    shipment = make_shipment(rng, carrier, printed, person.unit if unit_shown else None, upper=upper)
    return shipment, Truth(shipment.tracking, person.unit, person.full_name)


def shipment_for_nobody(rng: random.Random, roster: Sequence[Person], kind: str,
                        carrier: str | None = None) -> tuple[Shipment, Truth]:
    """A parcel no current resident should get.

    ``stranger``: a name not on the roster at a real unit; ``surname``: a stranger sharing a
    roster surname, at that family's unit; ``moved_out``: a resident who has moved out;
    ``neighbour``: a resident's name, unit and street, but the building next door.
    """
    carrier = carrier or rng.choice(CARRIERS)
    current = [p for p in roster if p.status == "current"]
    if kind == "stranger":
        name = f"{rng.choice(STRANGER_FIRST)} {rng.choice(LAST_NAMES[:50])}"
        unit: str | None = rng.choice(current).unit
        number = SITE.number
    elif kind == "surname":
        host = rng.choice(current)
        name, unit, number = f"{rng.choice(STRANGER_FIRST)} {host.last_name}", host.unit, SITE.number
    elif kind == "moved_out":
        gone = rng.choice([p for p in roster if p.status != "current"])
        name, unit, number = gone.full_name, gone.unit, SITE.number
    elif kind == "neighbour":
        host = rng.choice(current)
        name, unit, number = host.full_name, host.unit, rng.choice(NEIGHBOUR_NUMBERS)
    else:
        raise ValueError(f"unknown kind {kind!r}")
    upper = rng.random() < 0.8
    shipment = make_shipment(rng, carrier, name.upper() if upper else name, unit, number=number, upper=upper)
    return shipment, Truth(shipment.tracking, None, None)


# --------------------------------------------------------------------------- drawing

_FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF")


@lru_cache(maxsize=64)
def _font(size: int, bold: bool = False, mono: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    name = ("DejaVuSansMono" if mono else "DejaVuSans") + ("-Bold" if bold else "") + ".ttf"
    for folder in _FONT_DIRS:
        path = Path(folder) / name
        if path.is_file():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def symbol(content: str, fmt: str, module: int = 2, height: int | None = None) -> Image.Image:
    """A barcode drawn by zxing-cpp at ``module`` dots per module (1D: bars ``height`` tall)."""
    code = zxingcpp.create_barcode(content, getattr(zxingcpp.BarcodeFormat, fmt))
    array = np.asarray(code.to_image(scale=1, add_quiet_zones=False, add_hrt=False))
    if array.ndim == 3:
        array = array[:, :, 0]
    if fmt in ("Code128", "Code39", "ITF"):
        row = array[array.shape[0] // 2]
        array = np.repeat(np.repeat(row[None, :], height or 120, axis=0), module, axis=1)
    else:
        array = np.repeat(np.repeat(array, module, axis=0), module, axis=1)
    return Image.fromarray(np.ascontiguousarray(array.astype(np.uint8)), "L")


class _Canvas:
    def __init__(self) -> None:
        self.image = Image.new("L", LABEL_SIZE, 255)
        self.draw = ImageDraw.Draw(self.image)

    def text(self, xy: tuple[int, int], text: str, size: int, bold: bool = False, mono: bool = False) -> int:
        """Draw one line, smaller if it would run off the label; return the y below it."""
        font = _font(size, bold, mono)
        step = size
        while step > 12 and self.draw.textlength(text, font=font) > LABEL_SIZE[0] - xy[0] - 16:
            step -= 2
            font = _font(step, bold, mono)
        self.draw.text(xy, text, font=font, fill=0)
        return xy[1] + round(size * 1.22)

    def lines(self, x: int, y: int, lines: Iterable[str], size: int, bold: bool = False) -> int:
        for line in lines:
            y = self.text((x, y), line, size, bold)
        return y

    def rule(self, y: int, thickness: int = 4) -> None:
        self.draw.rectangle((0, y, LABEL_SIZE[0], y + thickness - 1), fill=0)

    def paste(self, symbol_image: Image.Image, xy: tuple[int, int]) -> None:
        self.image.paste(symbol_image, xy)

    def box(self, xy: tuple[int, int, int, int], width: int = 4) -> None:
        self.draw.rectangle(xy, outline=0, width=width)


def _recipient_lines(s: Shipment) -> list[str]:
    lines = [s.name]
    if s.company:
        lines.append(s.company)
    lines.append(s.street)
    if s.unit_line:
        lines.append(s.unit_line)
    lines.append(s.city_line)
    return lines


def _grouped(text: str, sizes: Sequence[int]) -> str:
    parts, i = [], 0
    for size in sizes:
        parts.append(text[i:i + size])
        i += size
    if i < len(text):
        parts.append(text[i:])
    return " ".join(p for p in parts if p)


def _ups(s: Shipment, rng: random.Random) -> Image.Image:
    c = _Canvas()
    y = c.lines(24, 20, s.sender, 22)
    c.lines(560, 20, (f"{rng.randint(1, 30)} LBS", "1 OF 1", "DWT: 12,10,6"), 24, bold=True)
    y = max(y, 120) + 24
    c.text((24, y), "SHIP TO:" if rng.random() < 0.8 else "SHIP", 24, bold=True)
    lines = _recipient_lines(s)
    if s.phone:
        lines.insert(1, s.phone)
    y = c.lines(70, y + 36, lines, 32, bold=True)
    y += 16
    c.rule(y)
    short = rng.random() < 0.5  # UPS often carries only "1Z" + the last 8 characters
    field = "1Z" + s.tracking[10:] if short else s.tracking
    maxi = (f"[)>{RS}01{GS}96{s.zip5}0000{GS}840{GS}0{s.tracking[8:10]}{GS}{field}{GS}UPSN{GS}"
            f"{s.tracking[2:8]}{GS}{rng.randint(1, 365):03d}{GS}{GS}1/1{GS}{rng.randint(1, 30)}{GS}Y{GS}"
            f"{GS}{GS}{SITE.state}{RS}{EOT}")
    top = y + 20
    mc = symbol(maxi, "MaxiCode", 1).resize((250, 240), Image.Resampling.NEAREST)
    c.paste(mc, (24, top))
    c.text((320, top + 10), f"{SITE.state} {s.zip5[:3]} 9-{rng.randint(1, 99):02d}", 64, bold=True)
    c.paste(symbol(f"420{s.zip5}", "Code128", 3, 110), (330, top + 110))
    y = top + 260
    c.rule(y)
    c.text((24, y + 12), rng.choice(("UPS GROUND", "UPS NEXT DAY AIR", "UPS 2ND DAY AIR")), 50, bold=True)
    c.text((24, y + 80), "TRACKING #: " + _grouped(s.tracking, (2, 3, 3, 2, 4, 4)), 26, bold=True)
    y += 120
    c.rule(y, 8)
    c.paste(symbol(s.tracking, "Code128", 3, 190), (70, y + 26))
    y += 240
    c.rule(y, 4)
    c.text((24, y + 14), f"BILLING: P/P   REF 1: {rng.randint(10 ** 7, 10 ** 8)}", 22)
    c.text((24, y + 44), "CWT 27.0A 04/2026", 18)
    return c.image


def _fedex(s: Shipment, rng: random.Random) -> Image.Image:
    c = _Canvas()
    c.text((24, 16), f"ORIGIN ID:{''.join(rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ') for _ in range(4))}  "
                     f"({rng.randint(201, 989)}) 555-{rng.randint(0, 9999):04d}", 20)
    y = c.lines(24, 44, s.sender, 20)
    c.lines(520, 16, ("SHIP DATE: 24NOV26", f"ACTWGT: {rng.randint(1, 40)}.00 LB", "CAD: 6991234/INET",
                      "BILL SENDER"), 20)
    y = max(y, 150) + 30
    c.text((24, y + 4), "TO", 30, bold=True)
    lines = _recipient_lines(s)
    y = c.lines(90, y, lines, 32, bold=True)
    if s.phone:
        y = c.text((90, y), s.phone, 22)
    c.text((90, y + 2), f"REF: {rng.randint(10 ** 5, 10 ** 6)}", 20)
    y += 40
    c.rule(y)
    payload = (f"[)>{RS}01{GS}02{s.zip5}{GS}840{GS}92{GS}{s.tracking}{GS}FDEG{GS}{rng.randint(10 ** 6, 10 ** 7)}"
               f"{GS}{rng.randint(1, 365):03d}{GS}{GS}1/1{GS}{rng.randint(1, 40)}.00LB{GS}N{GS}{s.street}{GS}"
               f"{SITE.city.upper()}{GS}{SITE.state}{GS}{s.name.upper()}{RS}{EOT}")
    pdf = symbol(payload, "PDF417", 2)
    pdf = pdf.resize((min(pdf.width, 440), pdf.height), Image.Resampling.NEAREST)
    c.paste(pdf, (LABEL_SIZE[0] - pdf.width - 24, y + 20))
    c.text((24, y + 24), "FedEx", 56, bold=True)
    c.text((24, y + 96), "Ground", 34, bold=True)
    y = max(y + 150, y + 40 + pdf.height)
    c.rule(y)
    c.text((24, y + 14), "TRK# " + _grouped(s.tracking, (4, 4, 4)), 34, bold=True)
    c.text((560, y + 14), f"{rng.randint(1000, 9999)}", 30, bold=True)
    c.text((24, y + 64), f"XH {''.join(rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ') for _ in range(4))}", 56,
           bold=True)
    c.text((440, y + 76), f"{s.zip5} {SITE.state}-US", 30, bold=True)
    y += 150
    long = ("9622" + "0019" + "0" + s.zip5 + "0000000")[:21] + "0" + s.tracking
    c.paste(symbol(long, "Code128", 3, 200), (40, y + 20))
    return c.image


def _usps(s: Shipment, rng: random.Random) -> Image.Image:
    c = _Canvas()
    c.box((20, 20, 200, 200), 8)
    c.text((70, 30), "P", 130, bold=True)
    c.lines(230, 40, ("US POSTAGE AND FEES PAID", "PRIORITY MAIL", f"ZONE {rng.randint(1, 8)}", "Commercial"), 22)
    c.rule(222, 6)
    c.text((24, 240), "USPS PRIORITY MAIL\u00ae", 40, bold=True)
    c.rule(300, 6)
    y = c.lines(24, 320, s.sender, 22)
    c.text((620, 320), "0006", 24)
    y = max(y, 400) + 30
    c.text((24, y), "SHIP", 22, bold=True)
    c.text((24, y + 26), "TO:", 22, bold=True)
    y = c.lines(110, y, _recipient_lines(s), 32, bold=True)
    dm = symbol(f"420{s.zip5}{GS}{s.tracking}", "DataMatrix", 4)
    c.paste(dm, (LABEL_SIZE[0] - dm.width - 24, 30))
    y += 24
    c.rule(y, 10)
    c.text((180, y + 16), "USPS TRACKING # EP", 30, bold=True)
    c.paste(symbol(f"420{s.zip5}{GS}{s.tracking}", "Code128", 2, 200), (60, y + 66))
    c.text((150, y + 280), _grouped(s.tracking, (4, 4, 4, 4, 4, 2)), 30, bold=True)
    c.rule(y + 330, 10)
    return c.image


def _amazon(s: Shipment, rng: random.Random) -> Image.Image:
    c = _Canvas()
    c.lines(24, 20, ("Amazon.com", "1850 Mercer Rd", "Lexington, KY 40511"), 20)
    c.text((520, 20), "DBO1", 64, bold=True)
    c.text((520, 100), f"CYCLE {rng.randint(1, 3)}", 32, bold=True)
    c.text((620, 150), f"A.{rng.randint(1, 9)}", 60, bold=True)
    y = 230
    c.rule(y, 4)
    y = c.lines(24, y + 24, _recipient_lines(s), 34, bold=True)
    y += 20
    c.rule(y, 4)
    qr = symbol(f"AMZN{GS}{s.tracking}{GS}DBO1{GS}{rng.randint(10 ** 8, 10 ** 9)}", "QRCode", 6)
    c.paste(qr, (24, y + 24))
    c.text((300, y + 40), f"{rng.randint(1, 99)}  {SITE.state}", 48, bold=True)
    order = f"{rng.randint(100, 999)}-{rng.randint(10 ** 6, 10 ** 7 - 1)}-{rng.randint(10 ** 6, 10 ** 7 - 1)}"
    c.paste(symbol(order, "Code128", 2, 70), (300, y + 120))
    y += max(qr.height + 50, 230)
    c.rule(y, 4)
    c.paste(symbol(s.tracking, "Code128", 3, 200), (60, y + 30))
    c.text((200, y + 250), s.tracking, 36, bold=True)
    return c.image


_LAYOUTS = {"ups": _ups, "fedex": _fedex, "usps": _usps, "amazon": _amazon}


def render_label(shipment: Shipment) -> Image.Image:
    """The label as printed: an 812×1218 8-bit image, black on white."""
    image = _LAYOUTS[shipment.carrier](shipment, random.Random(shipment.seed))
    return image.point(lambda v: 0 if v < 140 else 255)  # a thermal print is 1-bit


# --------------------------------------------------------------------------- photographing


def _noise(rng: np.random.Generator, shape: tuple[int, ...], sigma: float) -> np.ndarray:
    return rng.standard_normal(shape, dtype=np.float32) * np.float32(sigma)


def _cardboard(rng: np.random.Generator, size: tuple[int, int]) -> np.ndarray:
    w, h = size
    base = np.array([92, 140, 178], dtype=np.float32) * np.float32(rng.uniform(0.8, 1.1))  # BGR kraft
    texture = cv2.resize(_noise(rng, (h // 16, w // 16), 10), (w, h)) + _noise(rng, (h, w), 4)
    return base[None, None, :] + texture[:, :, None]


def _crumple(label: np.ndarray, rng: np.random.Generator, amount: float) -> tuple[np.ndarray, np.ndarray]:
    """Bend the paper: a smooth random displacement field plus the shading of its slopes."""
    h, w = label.shape[:2]
    dx = cv2.resize(rng.normal(0, 1, (7, 5)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    dy = cv2.resize(rng.normal(0, 1, (7, 5)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    xs, ys = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
    warped = cv2.remap(label, xs + dx * amount, ys + dy * amount, cv2.INTER_LINEAR,
                       borderMode=cv2.BORDER_CONSTANT, borderValue=255)
    slope = cv2.Sobel(dx + dy, cv2.CV_32F, 1, 1, ksize=5)
    shade = 1.0 - np.clip(np.abs(slope) * 400, 0, 0.18)
    return warped, shade


def photograph(label: Image.Image, variant: str, seed: int = 0) -> np.ndarray:
    """A 1600×1200 BGR camera frame of ``label`` stuck on a box, degraded as ``variant`` says.

    ``clean`` is the label flat, square-on and well lit (a small tilt); the others add one
    problem each: ``rotate`` (any angle), ``perspective`` (held at a slant), ``blur`` (out of
    focus or moving), ``glare`` (a specular highlight), ``lowlight`` (dark and noisy) and
    ``crumple`` (bent paper with shading).
    """
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}")
    rng = np.random.default_rng(seed)
    gray = np.asarray(label.convert("L"), dtype=np.float32)
    shade = np.ones_like(gray)
    if variant == "crumple":
        gray, shade = _crumple(gray, rng, rng.uniform(6, 10))
    h, w = gray.shape
    fw, fh = FRAME_SIZE
    scale = rng.uniform(0.9, 1.0) * min(fw / h, fh / w)  # the portrait label turned to fill the frame
    angle = rng.uniform(-6, 6)
    if variant == "rotate":
        angle = float(rng.choice([0.0, 90.0, 180.0, 270.0])) + rng.uniform(-25, 25)
    else:
        angle += 90.0  # portrait label in a landscape frame
    corners = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
    centre = np.array([fw / 2 + rng.uniform(-40, 40), fh / 2 + rng.uniform(-30, 30)])
    theta = np.deg2rad(angle)
    rot = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    placed = ((corners - [w / 2, h / 2]) * scale) @ rot.T + centre
    if variant == "perspective":
        side = scale * max(w, h)
        placed = placed + rng.uniform(-0.09, 0.09, placed.shape) * side
        shrink = rng.uniform(0.7, 0.85)  # the near edge is bigger: pull one side in
        edge = int(rng.integers(4))
        a, b = placed[edge], placed[(edge + 1) % 4]
        mid = (a + b) / 2
        placed[edge], placed[(edge + 1) % 4] = mid + (a - mid) * shrink, mid + (b - mid) * shrink
    # keep the label inside the frame (a reader is not asked to see what the camera did not)
    low, high = placed.min(axis=0), placed.max(axis=0)
    fit = min(1.0, (fw - 20) / (high[0] - low[0]), (fh - 20) / (high[1] - low[1]))
    placed = (placed - placed.mean(axis=0)) * fit + [fw / 2, fh / 2]
    matrix = cv2.getPerspectiveTransform(corners, placed.astype(np.float32))
    size = (fw, fh)
    paper = cv2.warpPerspective(gray * shade, matrix, size, flags=cv2.INTER_AREA, borderValue=0)
    mask = cv2.warpPerspective(np.ones_like(gray), matrix, size, flags=cv2.INTER_LINEAR, borderValue=0)
    background = _cardboard(rng, size)
    tint = np.array([rng.uniform(0.93, 1.0), rng.uniform(0.96, 1.0), 1.0], dtype=np.float32)  # warm light
    # even a clean photo has uneven light and some sensor noise
    ys, xs = np.mgrid[0:fh, 0:fw].astype(np.float32)
    light = np.float32(1.0) - np.float32(0.12) * ((xs / fw - np.float32(rng.uniform(0, 1))) ** 2
                                                  + (ys / fh - np.float32(rng.uniform(0, 1))) ** 2)
    frame = cv2.merge([background[:, :, i] * (1 - mask) + paper * mask * tint[i] for i in range(3)])
    frame *= light[:, :, None]
    if variant == "glare":
        gx, gy = rng.uniform(0.2, 0.8) * fw, rng.uniform(0.2, 0.8) * fh
        radius = rng.uniform(0.10, 0.18) * fw
        ratio = rng.uniform(0.4, 0.8)
        blob = np.exp(-(((xs - np.float32(gx)) / np.float32(radius)) ** 2
                        + ((ys - np.float32(gy)) / np.float32(radius * ratio)) ** 2))
        frame += (blob * np.float32(rng.uniform(150, 230)))[:, :, None]
    if variant == "lowlight":
        frame *= np.float32(rng.uniform(0.22, 0.35))
        frame += _noise(rng, frame.shape, rng.uniform(4, 7))
    else:
        frame += _noise(rng, frame.shape, 2.0)
    frame = np.clip(frame, 0, 255).astype(np.uint8)
    if variant == "blur":
        if rng.random() < 0.5:
            sigma = rng.uniform(1.4, 2.0)
            frame = cv2.GaussianBlur(frame, (0, 0), sigma)
        else:
            length = int(rng.integers(5, 9))
            kernel = np.zeros((length, length), np.float32)
            kernel[length // 2, :] = 1.0 / length
            rotation = cv2.getRotationMatrix2D((length / 2 - 0.5, length / 2 - 0.5), float(rng.uniform(0, 180)), 1)
            kernel = cv2.warpAffine(kernel, rotation, (length, length))
            frame = cv2.filter2D(frame, -1, kernel / kernel.sum())
    else:
        frame = cv2.GaussianBlur(frame, (0, 0), 0.6)  # no lens is perfectly sharp
    return frame


# --------------------------------------------------------------------------- data sets


@dataclass
class Dataset:
    folder: Path
    roster: list[Person]
    roster_csv: Path
    truth: list[tuple[str, Truth]] = field(default_factory=list)


NOBODY_KINDS = ("stranger", "surname", "moved_out", "neighbour")


def sample_parcels(rng: random.Random, roster: Sequence[Person], count: int,
                   nobody_share: float = 0.2, no_unit_share: float = 0.1) -> list[tuple[Shipment, Truth]]:
    """``count`` shipments: most for current residents (some without a unit), some for nobody."""
    current = [p for p in roster if p.status == "current"]
    parcels = []
    for i in range(count):
        carrier = CARRIERS[i % len(CARRIERS)]
        if rng.random() < nobody_share:
            parcels.append(shipment_for_nobody(rng, roster, rng.choice(NOBODY_KINDS), carrier))
        else:
            person = rng.choice(current)
            parcels.append(shipment_for(rng, person, carrier, unit_shown=rng.random() >= no_unit_share))
    return parcels


def write_truth(folder: Path, rows: Iterable[tuple[str, Truth]]) -> Path:
    path = folder / "truth.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["image", "tracking_number", "resident_unit", "resident_name"])
        for image, truth in rows:
            writer.writerow([image, truth.tracking, truth.unit or "", truth.name or ""])
    return path


def make_dataset(folder: Path, count: int, variants: Sequence[str] = ("clean",), seed: int = 1,
                 roster_size: int = 120, nobody_share: float = 0.2) -> Dataset:
    """Write ``count`` labels × ``variants`` photos, ``truth.csv``, ``roster.csv`` and ``address.txt``."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    roster = make_roster(rng, roster_size)
    dataset = Dataset(folder, roster, write_roster(folder / "roster.csv", roster))
    write_roster(folder / "roster-before.csv", everyone_current(roster))
    (folder / "address.txt").write_text(SITE.address + "\n", encoding="utf-8")
    for i, (shipment, truth) in enumerate(sample_parcels(rng, roster, count, nobody_share)):
        label = render_label(shipment)
        for variant in variants:
            name = f"{i:04d}-{shipment.carrier}-{variant}"
            if variant == "clean" and (i % 2 == 0):
                name += ".png"
                label.save(folder / name)  # as a flatbed scan would give it
            else:
                name += ".jpg"
                frame = photograph(label, variant, seed=seed * 100_003 + i * 17 + VARIANTS.index(variant))
                cv2.imwrite(str(folder / name), frame, [cv2.IMWRITE_JPEG_QUALITY, 92])
            dataset.truth.append((name, truth))
    write_truth(folder, dataset.truth)
    return dataset


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--count", type=int, default=40, help="labels (each photographed once per variant)")
    parser.add_argument("--variants", default="clean", help=f"comma-separated: {', '.join(VARIANTS)}")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    for variant in variants:
        if variant not in VARIANTS:
            parser.error(f"unknown variant {variant!r}")
    dataset = make_dataset(args.folder, args.count, variants, args.seed)
    print(f"{len(dataset.truth)} images, {len(dataset.roster)} residents in {args.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
