"""The ship-to block out of a label's OCR text: name, unit, building number, street, city, ZIP.

A shipping label carries two or three address blocks (sender, recipient, sometimes a return
address) plus routing codes, weights and references, and OCR reads them in no reliable
order, often gluing two columns into one line. So:

1. OCR words are regrouped into :class:`TextLine` segments: a Tesseract line is cut where
   the gap between two words is wide (another column).
2. Every segment is classified: "city ST 12345" line, street line ("1200 HARBOR VIEW DR APT
   4B"), unit line ("APT 4B", "UNIT 4B", "#4B", "STE 4B"), phone, anchor ("SHIP TO:", "TO").
3. Address blocks are grown upwards from each city line (and from street lines and anchors
   when the city line was lost): the segments just above, left-aligned with it.
4. Each block is scored as the ship-to: after an anchor, the property's street and ZIP,
   a unit, large type; a "FROM"/"RETURN" block is penalised. The best one is parsed.

OCR noise is tolerated where it is predictable: letters read for digits in numbers
(O→0, I/L→1, S→5, B→8, Z→2), designators misread ("UNlT", "APT."), stray punctuation.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from kiosk.labelread.ocr import OcrWord
from kiosk.residents.values import fold

Box = tuple[int, int, int, int]

# --------------------------------------------------------------------------- vocabulary

_DIGIT_FIX = str.maketrans({"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "|": "1", "!": "1",
                            "S": "5", "B": "8", "Z": "2", "G": "6", "T": "7"})
_SUFFIXES = {
    "STREET": "ST", "STR": "ST", "AVENUE": "AVE", "AV": "AVE", "DRIVE": "DR", "DRV": "DR", "ROAD": "RD",
    "BOULEVARD": "BLVD", "LANE": "LN", "COURT": "CT", "PLACE": "PL", "PARKWAY": "PKWY",
    "TERRACE": "TER", "CIRCLE": "CIR", "HIGHWAY": "HWY", "SQUARE": "SQ", "TRAIL": "TRL",
    "WAY": "WAY", "PLAZA": "PLZ", "ALLEY": "ALY", "CRESCENT": "CRES",
    "NORTH": "N", "SOUTH": "S", "EAST": "E", "WEST": "W",
    "NORTHEAST": "NE", "NORTHWEST": "NW", "SOUTHEAST": "SE", "SOUTHWEST": "SW",
}
# unit designators, with the misreadings OCR makes of them
_DESIGNATOR = (r"(?:APARTMENT|APT|AP[T7]|A[PF]T|UN[I1L|!]T|SU[I1L|]TE|S[T7]E|RM|ROOM|NO|NUM|"
               r"BLDG|PH|LOT|FL(?:OOR)?|#)")
_UNIT_VALUE = r"[A-Z0-9][A-Z0-9-]{0,7}"
_UNIT_LINE = re.compile(rf"^{_DESIGNATOR}\.?\s*[#:]?\s*(?P<unit>{_UNIT_VALUE})$")
_UNIT_TAIL = re.compile(rf"^(?P<street>.*?)[\s,]+{_DESIGNATOR}\.?\s*[#:]?\s*(?P<unit>{_UNIT_VALUE})$")
_HASH_TAIL = re.compile(rf"^(?P<street>.*?)\s*#\s*(?P<unit>{_UNIT_VALUE})$")
_STREET = re.compile(r"^(?P<number>[0-9OILSBZ]{1,6}[A-Z]?)(?:-[0-9]{1,4})?\s+(?P<rest>[A-Z0-9][A-Z0-9 .'#,/-]*)$")
_CITY = re.compile(r"^(?P<city>[A-Z][A-Z .'-]*?)[\s,.]+(?P<state>[A-Z]{2})[\s,.]+"
                   r"(?P<zip>[0-9OILSBZ]{5})(?:\s*[-–—.]?\s*(?P<plus4>[0-9OILSBZ]{4}))?\b")
_PHONE = re.compile(r"\(?\d{3}\)?[\s.-]*\d{3}[\s.-]*\d{4}")
_ANCHOR = re.compile(r"^(?:SHIP\s*TO|DELIVER(?:Y)?\s*TO|SHIP|T[O0]|RECIPIENT|DELIVER\s*TO)\b\s*[:;.,]?\s*")
_CARE_OF = re.compile(r"^(?:C\s*/\s*O|CARE\s+OF|ATTN|ATTENTION)\b\s*[:;.,]?\s*")
_FROM = re.compile(r"\b(?:FROM|SHIP\s*FROM|SENDER|RETURN|RETURNS|ORIGIN)\b")
_COMPANY = re.compile(r"\b(?:INC|LLC|L\.L\.C|CORP|CORPORATION|CO|LTD|LLP|SERVICES|COMPANY|GROUP|STUDIO|"
                      r"CONSULTING|DESIGN|WIDGETS|ENTERPRISES|HOLDINGS|PARTNERS|ASSOCIATES|FOUNDATION)\b\.?")
_NOT_NAME = re.compile(r"\b(?:LBS?|KG|OF|DATE|WT|DWT|REF|INV|PO|DEPT|BILLING|TRACKING|TRK|ZONE|USPS|UPS|FEDEX|"
                       r"PRIORITY|GROUND|MAIL|POSTAGE|PAID|SHIP|CAD|ACTWGT|COMMERCIAL)\b")
_TITLES = {"MR", "MRS", "MS", "MISS", "MX", "DR", "PROF"}


def normalise_street(text: str) -> str:
    """Street words in a comparable form: "Harbor View Drive" → "HARBOR VIEW DR"."""
    words = re.sub(r"[^A-Z0-9 ]+", " ", fold(text).upper()).split()
    return " ".join(_SUFFIXES.get(w, w) for w in words)


def _digits(token: str) -> str | None:
    """A number as OCR read it, with letter look-alikes turned back into digits; None if not one."""
    fixed = token.upper().translate(_DIGIT_FIX)
    return fixed if fixed.isdigit() else None


def _house_number(token: str) -> str | None:
    """"12OO" → "1200", "1200B" → "1200B"; None when it is not a number at all."""
    token = token.upper()
    if len(token) > 1 and token[-1].isalpha() and token[:-1].isdigit():
        return token
    fixed = _digits(token)
    if fixed is None or not any(ch.isdigit() for ch in token):  # all look-alikes: a word
        return None
    return fixed


def unit_key(text: str) -> str:
    """A unit as compared: upper case, letters and digits only, leading zeros dropped ("#0402" → "402")."""
    key = re.sub(r"[^A-Z0-9]", "", fold(text).upper())
    return key.lstrip("0") or key


def unit_confusable(a: str, b: str) -> bool:
    """Two units that OCR could mistake for one another ("4B" and "48", "1O7" and "107")."""
    return len(a) == len(b) and a.translate(_DIGIT_FIX) == b.translate(_DIGIT_FIX)


def unit_one_off(a: str, b: str) -> bool:
    """Two units of one length that differ in one character ("1019" read for "1010")."""
    return len(a) == len(b) > 1 and sum(x != y for x, y in zip(a, b, strict=True)) == 1


# --------------------------------------------------------------------------- the property


@dataclass(frozen=True)
class StreetAddress:
    """A building's address, parsed: number, normalised street, city, state, ZIP."""

    number: str
    street: str
    city: str = ""
    state: str = ""
    postal_code: str = ""


def parse_address(text: str) -> StreetAddress | None:
    """Parse ``Property.address`` ("1200 Harbor View Drive, Springfield, IL 62704"); None if no number."""
    upper = fold(text or "").upper()
    parts = [p.strip() for p in re.split(r"[,\n]", upper) if p.strip()]
    if not parts:
        return None
    match = re.match(r"^\s*(\d{1,6}[A-Z]?)(?:-\d+)?\s+(.+)$", parts[0])
    if not match:
        return None
    city = state = postal = ""
    rest = " ".join(parts[1:])
    tail = re.search(r"(?:^|\s)([A-Z]{2})\s+(\d{5})(?:-\d{4})?\s*$", rest)
    if tail:
        state, postal = tail.group(1), tail.group(2)
        rest = rest[:tail.start()].strip()
    else:
        zip_only = re.search(r"(\d{5})(?:-\d{4})?\s*$", rest)
        if zip_only:
            postal = zip_only.group(1)
            rest = rest[:zip_only.start()].strip()
    city = rest.strip(" ,")
    return StreetAddress(match.group(1), normalise_street(match.group(2)), city, state, postal)


def street_similarity(a: str, b: str) -> float:
    """0–1: how alike two normalised street names are (OCR noise forgiven)."""
    if not a or not b:
        return 0.0
    return fuzz.ratio(a, b) / 100.0


# --------------------------------------------------------------------------- lines


@dataclass(frozen=True)
class TextLine:
    """A run of words on one line of the label, in one column: text, box, mean confidence."""

    text: str
    box: Box
    conf: float

    @property
    def height(self) -> int:
        return self.box[3]

    @property
    def left(self) -> int:
        return self.box[0]

    @property
    def top(self) -> int:
        return self.box[1]

    @property
    def bottom(self) -> int:
        return self.box[1] + self.box[3]


def lines_from_words(words: Iterable[OcrWord], gap: float = 1.8, offset: tuple[int, int] = (0, 0)) -> list[TextLine]:
    """Group OCR words into line segments, cutting a line where two words are far apart.

    ``gap`` is in multiples of the line's median word height: "SHIP TO" words sit a space
    apart, the sender block and the weight column across the label are many heights apart.
    """
    by_line: dict[int, list[OcrWord]] = {}
    for word in words:
        by_line.setdefault(word.line, []).append(word)
    segments: list[TextLine] = []
    dx, dy = offset
    for line_words in by_line.values():
        line_words.sort(key=lambda w: w.box[0])
        height = statistics.median(w.box[3] for w in line_words)
        run: list[OcrWord] = []
        for word in line_words:
            if run and word.box[0] - (run[-1].box[0] + run[-1].box[2]) > gap * height:
                segments.append(_segment(run, dx, dy))
                run = []
            run.append(word)
        if run:
            segments.append(_segment(run, dx, dy))
    segments.sort(key=lambda s: (s.top, s.left))
    return segments


def _segment(words: Sequence[OcrWord], dx: int, dy: int) -> TextLine:
    left = min(w.box[0] for w in words)
    top = min(w.box[1] for w in words)
    right = max(w.box[0] + w.box[2] for w in words)
    bottom = max(w.box[1] + w.box[3] for w in words)
    text = " ".join(w.text for w in words)
    conf = sum(w.conf for w in words) / len(words)
    return TextLine(text, (left + dx, top + dy, right - left, bottom - top), conf)


def _clean(text: str) -> str:
    """Upper case, accents folded, OCR's stray quotes and rules trimmed from both ends."""
    text = fold(text).upper()
    text = text.replace("\u2014", "-").replace("\u2013", "-").replace("|", " ")
    text = re.sub(r"^[^A-Z0-9#(]+", "", text)
    text = re.sub(r"[^A-Z0-9)]+$", "", text)
    return " ".join(text.split())


# --------------------------------------------------------------------------- classification


@dataclass(frozen=True)
class _Parsed:
    line: TextLine
    text: str  # cleaned, anchor removed
    anchor: bool = False
    city: tuple[str, str, str] | None = None  # city, state, zip
    street: tuple[str, str, str | None] | None = None  # number, street, unit
    unit: str | None = None
    phone: bool = False
    sender: bool = False


def _classify(line: TextLine) -> _Parsed:
    text = _clean(line.text)
    anchor = False
    stripped = _ANCHOR.sub("", text, count=1)
    if stripped != text:
        anchor = True
        text = stripped
    sender = bool(_FROM.search(text))
    city = None
    match = _CITY.match(text)
    if match:
        zip5 = _digits(match.group("zip"))
        if zip5 is not None and not re.search(r"\d", match.group("city")):
            city = (match.group("city").strip(" .,"), match.group("state"), zip5)
    street = None
    match = _STREET.match(text)
    if match and city is None:
        number = _house_number(match.group("number"))
        rest = match.group("rest").strip(" ,")
        if number is not None and re.search(r"[A-Z]{2}", rest):
            unit = None
            tail = _UNIT_TAIL.match(rest) or _HASH_TAIL.match(rest)
            if tail and re.search(r"[A-Z]{2}", tail.group("street")) and re.search(r"\d", tail.group("unit")):
                rest, unit = tail.group("street").strip(" ,"), tail.group("unit")
            street = (number, normalise_street(rest), unit)
    unit_only = None
    match = _UNIT_LINE.match(text)
    if match and re.search(r"\d", match.group("unit")) and street is None:
        unit_only = match.group("unit")
    phone = bool(_PHONE.search(text)) and len(re.sub(r"\D", "", text)) >= 10 and city is None
    return _Parsed(line, text, anchor, city, street, unit_only, phone, sender)


# --------------------------------------------------------------------------- the ship-to


@dataclass(frozen=True)
class ShipTo:
    """The recipient block as read off a label.

    ``names`` holds the name lines, the person first (after a "C/O" or "ATTN" too), then a
    company line; ``unit`` is the apartment as printed ("4B"), ``street_number`` the building
    number, ``street`` the normalised street ("HARBOR VIEW DR").
    """

    names: tuple[str, ...] = ()
    unit: str | None = None
    street_number: str | None = None
    street: str | None = None
    city: str | None = None
    state: str | None = None
    postal_code: str | None = None
    lines: tuple[str, ...] = ()
    anchored: bool = False
    score: float = 0.0

    @property
    def name(self) -> str | None:
        return self.names[0] if self.names else None

    @property
    def text(self) -> str:
        """The block as one line, for ``Parcel.recipient_text`` and the staff screen."""
        return " / ".join(self.lines)


@dataclass
class _Block:
    members: list[_Parsed] = field(default_factory=list)  # top to bottom

    @property
    def anchored(self) -> bool:
        return any(m.anchor for m in self.members)


def _near_above(upper: _Parsed, lower: _Parsed, height: float) -> bool:
    """``upper`` is the line just above ``lower`` in the same column."""
    gap = lower.line.top - upper.line.bottom
    if gap < -0.5 * height or gap > 1.7 * height:
        return False
    return abs(upper.line.left - lower.line.left) <= 3.0 * height


def _grow(parsed: list[_Parsed], start: int) -> _Block:
    """The block that ends at ``parsed[start]``: lines just above it, up to six, to an anchor."""
    members = [parsed[start]]
    height = max(8.0, float(parsed[start].line.height))
    current = parsed[start]
    while len(members) < 6:
        above = [p for p in parsed if p is not current and p not in members and _near_above(p, current, height)]
        if not above:
            break
        nearest = min(above, key=lambda p: (current.line.top - p.line.bottom, abs(p.line.left - current.line.left)))
        if nearest.city is not None:  # another block's last line
            break
        members.insert(0, nearest)
        current = nearest
        if nearest.anchor and not nearest.text:
            break
    # a lone "SHIP TO" / "TO" word to the left of the first lines belongs to the block too
    first = members[0]
    for p in parsed:
        if p.anchor and p not in members and p.line.left < first.line.left and \
                abs(p.line.top - first.line.top) <= 2.5 * height:
            members.insert(0, p)
            break
    return _Block(members)


def _block_below_anchor(parsed: list[_Parsed], start: int) -> _Block:
    """When the city line was lost: the anchor and the lines under it, up to five."""
    members = [parsed[start]]
    height = max(8.0, float(parsed[start].line.height))
    current = parsed[start]
    while len(members) < 6:
        below = [p for p in parsed if p not in members and _near_above(current, p, height * 1.4)]
        if not below:
            break
        nearest = min(below, key=lambda p: p.line.top)
        members.append(nearest)
        current = nearest
        if nearest.city is not None:
            break
    return _Block(members)


def _name_parts(text: str) -> str | None:
    """A person's or company's name from a line, or None if the line is no name at all."""
    text = _CARE_OF.sub("", text)
    if _PHONE.search(text) or _NOT_NAME.search(text):
        return None
    tokens = [t for t in re.split(r"\s+", text) if t]
    # columns and specks glued on by OCR: drop number and punctuation tokens at either end
    # ("ROSALIND BERGSTROM 0006", '3." HIROSHI DUBOIS')
    while tokens and (re.search(r"\d", tokens[-1]) or not re.search(r"[A-Z]", tokens[-1])):
        tokens.pop()
    while tokens and (re.search(r"\d", tokens[0]) or not re.search(r"[A-Z]", tokens[0])):
        tokens.pop(0)
    if any(re.search(r"\d", t) for t in tokens):
        return None
    words = [t.strip(".,'-") for t in tokens]
    letters = [w for w in words if len(w) >= 2 and w.isalpha()]
    if len(letters) < 1 or len(words) > 6 or sum(len(w) for w in letters) < 4:
        return None
    return " ".join(t.strip(",") for t in tokens)


def _parse_block(block: _Block, prop: StreetAddress | None) -> ShipTo:
    names: list[str] = []
    companies: list[str] = []
    unit = number = street = city = state = postal = None
    lines = []
    for member in block.members:
        if member.text:
            lines.append(member.text)
        if member.city:
            city, state, postal = member.city
            continue
        if member.street:
            number, street, inline_unit = member.street
            unit = unit or inline_unit
            continue
        if member.unit:
            unit = unit or member.unit
            continue
        if member.phone or not member.text or street is not None:
            continue  # lines under the street are not names
        name = _name_parts(member.text)
        if name is None:
            continue
        care_of = bool(_CARE_OF.match(member.text))
        if _COMPANY.search(name) and not care_of:
            companies.append(name)
        elif care_of:
            names.insert(0, name)
        else:
            names.append(name)
    names = [n for n in names if n.split()[0] not in _TITLES or len(n.split()) > 1]
    return ShipTo(tuple(names + companies), unit, number, street, city, state, postal, tuple(lines),
                  block.anchored)


def _score(ship: ShipTo, block: _Block, prop: StreetAddress | None, postal_hint: str | None,
           largest: float, bottom: float) -> float:
    score = 0.0
    if block.anchored:
        score += 3.0
    if prop is not None and ship.street:
        similarity = street_similarity(ship.street, prop.street)
        score += 3.0 * similarity if similarity >= 0.75 else 0.0
    wanted = {z for z in (postal_hint, prop.postal_code if prop else None) if z}
    if ship.postal_code and ship.postal_code in wanted:
        score += 2.0
    if ship.unit:
        score += 1.0
    if ship.names:
        score += 0.5
    if ship.street:
        score += 0.5
    if any(m.sender for m in block.members):
        score -= 3.0
    heights = [m.line.height for m in block.members if m.text]
    if heights and largest:
        score += statistics.median(heights) / largest
    if bottom:
        score += 0.3 * block.members[-1].line.bottom / bottom  # the recipient sits below the sender
    return score


def find_ship_to(lines: Sequence[TextLine], prop: StreetAddress | None = None,
                 postal_hint: str | None = None) -> ShipTo | None:
    """The most likely recipient block among ``lines``; None if there is no address at all.

    ``prop`` (the property's own address) and ``postal_hint`` (the ship-to ZIP a MaxiCode or
    PDF417 carried) help tell the recipient from the sender.
    """
    parsed = [_classify(line) for line in lines if line.text.strip()]
    if not parsed:
        return None
    blocks: list[_Block] = []
    seen: set[int] = set()
    for i, p in enumerate(parsed):
        if p.city is not None:
            block = _grow(parsed, i)
            blocks.append(block)
            seen.update(id(m) for m in block.members)
    for i, p in enumerate(parsed):  # street lines and anchors whose city line was not read
        if id(p) in seen:
            continue
        if p.street is not None:
            block = _grow(parsed, i)
            below = [q for q in parsed if q not in block.members and _near_above(p, q, max(8.0, p.line.height))]
            block.members.extend(sorted(below, key=lambda q: q.line.top)[:1])
            blocks.append(block)
        elif p.anchor:
            blocks.append(_block_below_anchor(parsed, i))
    if not blocks:
        return None
    largest = max(p.line.height for p in parsed)
    bottom = max(p.line.bottom for p in parsed)
    best: ShipTo | None = None
    for block in blocks:
        ship = _parse_block(block, prop)
        if not (ship.names or ship.street or ship.unit):
            continue
        scored = ShipTo(ship.names, ship.unit, ship.street_number, ship.street, ship.city, ship.state,
                        ship.postal_code, ship.lines, ship.anchored,
                        _score(ship, block, prop, postal_hint, largest, bottom))
        if best is None or scored.score > best.score:
            best = scored
    return best
