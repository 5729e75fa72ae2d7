"""Match a label's ship-to block against the resident directory, with a confidence 0..1.

Candidates come from the directory's fuzzy name search (aliases included) for each name line,
and from everyone living in the unit printed on the label; moved-out residents are looked at
too, so that a parcel for someone who left is recognised as such instead of being given to a
namesake. Each candidate is scored:

====================================  =========================================
evidence                              confidence before the checks below
====================================  =========================================
unit exact                            0.25 + 0.75 × name similarity
unit differs only by OCR look-alikes  0.15 + 0.75 × name similarity
unit differs in one character         0.10 + 0.75 × name similarity (a perfect name only)
no unit printed                       0.92 × name similarity
unit printed and different            0.60 × name similarity
name similarity under 0.55            at most 0.45: a unit alone names nobody
====================================  =========================================

Name similarity compares first and last names separately (the geometric mean of the two), so
a stranger who shares a resident's surname and unit ("Harold Garcia" at Maria Garcia's) stays
well under the threshold, and middle initials or "GARCIA, MARIA" do not matter. Then:

* a close second (another resident within 0.2) lowers the confidence by the shortfall and
  sets ``ambiguous``: two John Smiths, or Maria and Marie Garcia on a label without a unit;
* another building number on the property's street (``other_building``), another ZIP code
  carried by the label's MaxiCode/PDF417 (``other_postal_code``) or a best match who moved
  out (``moved_out``) halve it.

Only a confidence at or above the threshold (``labels.match_threshold``) is a proposal; below
it the best three are offered. Nothing is ever assigned here: staff confirm.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from kiosk.labelread.address import (
    ShipTo,
    StreetAddress,
    street_similarity,
    unit_confusable,
    unit_key,
    unit_one_off,
)
from kiosk.labelread.defaults import DEFAULT_THRESHOLD as DEFAULT_THRESHOLD
from kiosk.persistence.models import ResidentStatus
from kiosk.residents.directory import ResidentDirectory, ResidentHit, ResidentNotFound
from kiosk.residents.values import fold

AMBIGUITY_MARGIN = 0.2

# Flags a reading may carry (plain strings, so the UI can translate them).
AMBIGUOUS = "ambiguous"  # another resident matches nearly as well
MOVED_OUT = "moved_out"  # the best match has moved out
OTHER_BUILDING = "other_building"  # same street, another building number
OTHER_POSTAL_CODE = "other_postal_code"  # the barcode's ship-to ZIP is not the property's
UNIT_MISMATCH = "unit_mismatch"  # the best match lives in another unit than the label says
NO_RECIPIENT = "no_recipient"  # no ship-to name could be read

_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "jr", "sr", "ii", "iii", "iv"}


@dataclass(frozen=True)
class Candidate:
    """A resident the label may be for, as plain data for the intake screen."""

    resident_id: int
    display_name: str  # "Maria G."
    full_name: str
    unit: str
    building: str
    moved_out: bool
    confidence: float  # 0..1
    matched_on: str  # "name and unit", "alias", "name", "unit", …

    @property
    def label(self) -> str:
        """What a button shows: "Maria G. · 204" (building too where units repeat)."""
        unit = f"{self.building}-{self.unit}" if self.building else self.unit
        return f"{self.display_name} · {unit}" if unit else self.display_name


@dataclass(frozen=True)
class RecipientMatch:
    """The outcome: a proposal above the threshold, or up to three candidates; and flags."""

    proposed: Candidate | None
    candidates: tuple[Candidate, ...]
    flags: frozenset[str]

    @property
    def confidence(self) -> float:
        return self.candidates[0].confidence if self.candidates else 0.0


# What OCR reads for letters in a name: "ME!" is "MEI", "5MITH" is "SMITH".
_LETTER_FIX = str.maketrans({"!": "i", "|": "i", "1": "i", "0": "o", "5": "s", "8": "b", "$": "s", "@": "a"})


def name_tokens(text: str) -> list[str]:
    """Folded name words without initials, titles or suffixes: "MS. MARIA L. GARCIA" → maria, garcia."""
    words = re.sub(r"[^a-z]+", " ", fold(text or "").lower().translate(_LETTER_FIX)).split()
    return [w for w in words if len(w) > 1 and w not in _TITLES]


def _word(a: str, b: str) -> float:
    return fuzz.ratio(a, b) / 100.0


def name_similarity(label: str, known: str) -> float:
    """0..1: how well a name read off a label fits a resident's name (or alias)."""
    a, b = name_tokens(label), name_tokens(known)
    if not a or not b:
        return 0.0
    if len(a) == 1 or len(b) == 1:
        return fuzz.token_sort_ratio(" ".join(a), " ".join(b)) / 100.0
    best = 0.0
    # OCR glues stray words on ("SHIP" read as "SUE" before the name): try the label's name
    # without its first or last words, at a small cost per word left out.
    for start in range(min(2, len(a) - 1)):
        for end in range(len(a), max(start + 1, len(a) - 2), -1):
            words = a[start:end]
            cost = 0.97 ** (len(a) - len(words))
            first = _word(words[0], b[0])
            last = max(_word(words[-1], word) for word in b[1:])
            swapped = _word(words[-1], b[0]) * max(_word(words[0], word) for word in b[1:])  # "GARCIA MARIA"
            best = max(best, cost * math.sqrt(max(first * last, swapped)))
    return best


@dataclass
class _Scored:
    hit: ResidentHit
    names: tuple[str, ...]
    raw: float = 0.0
    how: str = ""


class RecipientMatcher:
    """Scores residents against a ship-to block; see the module docstring for the rules."""

    def __init__(self, directory: ResidentDirectory, address: StreetAddress | None = None,
                 threshold: float = DEFAULT_THRESHOLD) -> None:
        self.directory = directory
        self.address = address
        self.threshold = threshold

    def _candidates(self, names: Sequence[str], unit: str | None) -> dict[int, _Scored]:
        found: dict[int, _Scored] = {}
        hits: list[ResidentHit] = []
        for name in names[:3]:
            if len(name_tokens(name)) >= 1:
                hits += self.directory.search(name, limit=8, include_moved_out=True)
        if unit:
            hits += self.directory.by_unit(unit, include_moved_out=True)
        for hit in hits:
            if hit.resident_id in found:
                continue
            try:
                aliases = self.directory.get(hit.resident_id).aliases
            except ResidentNotFound:  # removed since the index was built
                continue
            found[hit.resident_id] = _Scored(hit, (hit.full_name, *aliases))
        return found

    def _score(self, scored: _Scored, names: Sequence[str], unit: str | None) -> None:
        best_name, how = 0.0, "name"
        for label_name in names:
            for i, known in enumerate(scored.names):
                similarity = name_similarity(label_name, known)
                if similarity > best_name:
                    best_name, how = similarity, "name" if i == 0 else "alias"
        if unit is None:
            raw = 0.92 * best_name
        else:
            label_unit, resident_unit = unit_key(unit), unit_key(scored.hit.unit)
            building_unit = unit_key(scored.hit.building + scored.hit.unit)
            if label_unit in (resident_unit, building_unit):
                raw, how = 0.25 + 0.75 * best_name, f"{how} and unit"
            elif unit_confusable(label_unit, resident_unit):
                raw, how = 0.15 + 0.75 * best_name, f"{how} and unit"
            elif unit_one_off(label_unit, resident_unit):
                raw, how = 0.10 + 0.75 * best_name, f"{how} and unit"
            else:
                raw = 0.60 * best_name
        if best_name < 0.55:
            raw = min(raw, 0.45)
            if unit is not None and how.endswith("unit"):
                how = "unit"
        scored.raw, scored.how = raw, how

    def _address_flags(self, ship: ShipTo, postal_hint: str | None) -> set[str]:
        flags: set[str] = set()
        prop = self.address
        if prop is None:
            return flags
        if ship.street_number and ship.street and prop.number and \
                street_similarity(ship.street, prop.street) >= 0.75 and \
                unit_key(ship.street_number) != unit_key(prop.number):
            flags.add(OTHER_BUILDING)
        if postal_hint and prop.postal_code and postal_hint[:5] != prop.postal_code[:5]:
            flags.add(OTHER_POSTAL_CODE)
        return flags

    def match(self, ship: ShipTo | None, *, extra_names: Iterable[str] = (), postal_hint: str | None = None,
              street_number: str | None = None) -> RecipientMatch:
        """Score the residents the label may be for.

        ``extra_names`` are names from a barcode payload (FedEx PDF417 carries the recipient);
        ``postal_hint`` the ship-to ZIP from a payload; ``street_number`` a building number
        from a payload, preferred to the OCR'd one.
        """
        names = [n for n in (*extra_names, *(ship.names if ship else ())) if n]
        unit = ship.unit if ship else None
        flags: set[str] = set()
        if ship is not None:
            if street_number:
                ship = ShipTo(ship.names, ship.unit, street_number, ship.street, ship.city, ship.state,
                              ship.postal_code, ship.lines, ship.anchored, ship.score)
            flags |= self._address_flags(ship, postal_hint)
        elif postal_hint and self.address and self.address.postal_code and \
                postal_hint[:5] != self.address.postal_code[:5]:
            flags.add(OTHER_POSTAL_CODE)
        if not names:
            flags.add(NO_RECIPIENT)
        pool = self._candidates(names, unit)
        for scored in pool.values():
            self._score(scored, names, unit)
        ranked = sorted(pool.values(), key=lambda s: (-s.raw, s.hit.status is ResidentStatus.MOVED_OUT,
                                                      s.hit.full_name))
        if not ranked:
            return RecipientMatch(None, (), frozenset(flags))
        best = ranked[0]
        confidence = best.raw
        if len(ranked) > 1:
            gap = best.raw - ranked[1].raw
            if gap < AMBIGUITY_MARGIN and ranked[1].raw >= 0.5:
                confidence -= AMBIGUITY_MARGIN - gap
                flags.add(AMBIGUOUS)
        if best.hit.status is ResidentStatus.MOVED_OUT:
            flags.add(MOVED_OUT)
        if unit is not None and "unit" not in best.how and best.raw >= 0.5:
            flags.add(UNIT_MISMATCH)
        if flags & {OTHER_BUILDING, OTHER_POSTAL_CODE, MOVED_OUT}:
            confidence *= 0.5
        candidates = []
        for i, scored in enumerate(ranked[:3]):
            value = confidence if i == 0 else min(scored.raw, confidence)
            if i > 0 and flags & {OTHER_BUILDING, OTHER_POSTAL_CODE}:
                value = min(value, scored.raw * 0.5)
            candidates.append(self._candidate(scored, max(0.0, min(1.0, value))))
        proposed = candidates[0] if candidates[0].confidence >= self.threshold else None
        return RecipientMatch(proposed, tuple(candidates), frozenset(flags))

    @staticmethod
    def _candidate(scored: _Scored, confidence: float) -> Candidate:
        hit = scored.hit
        return Candidate(hit.resident_id, hit.display_name, hit.full_name, hit.unit, hit.building,
                         hit.status is ResidentStatus.MOVED_OUT, round(confidence, 3), scored.how)
