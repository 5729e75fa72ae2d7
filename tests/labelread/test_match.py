"""Recipient matching against a real resident directory: propose, abstain, flag; never guess."""

from __future__ import annotations

import pytest

from kiosk.labelread.address import ShipTo, parse_address
from kiosk.labelread.match import (
    AMBIGUOUS,
    MOVED_OUT,
    OTHER_BUILDING,
    OTHER_POSTAL_CODE,
    RecipientMatcher,
    name_similarity,
)
from kiosk.persistence.models import ResidentAlias
from kiosk.residents.directory import notify_changed
from tests.labelgen import SITE
from tests.labelread.conftest import Building

THRESHOLD = 0.85


def ship(name: str | None, unit: str | None, number: str = "1200") -> ShipTo:
    return ShipTo(names=(name,) if name else (), unit=unit, street_number=number, street="HARBOR VIEW DR",
                  city="SPRINGFIELD", state="IL", postal_code="62704")


@pytest.fixture
def matcher(building: Building) -> RecipientMatcher:
    return RecipientMatcher(building.directory, parse_address(SITE.address), THRESHOLD)


@pytest.mark.parametrize(("name", "unit", "expected"), [
    ("MARIA GARCIA", "204", ("204", "Maria Garcia")),
    ("PEDRO GARCIA", "204", ("204", "Pedro Garcia")),  # same unit, same surname
    ("MARIE GARCIA", "512", ("512", "Marie Garcia")),  # a near-duplicate name, told apart by unit
    ("JOHN SMITH", "1102", ("1102", "John Smith")),  # one name in two units
    ("JOHN SMITH", "305", ("305", "John Smith")),
    ("GARCIA, MARIA L.", "204", ("204", "Maria Garcia")),
    ("Ms Priya Patel", "402", ("402", "Priya Patel")),
    ("WEI CHEN", None, ("1001", "Wei Chen")),  # no unit, but the name is unique
    ("NADIA HADDAD", "1009", ("1009", "Nadia Haddad")),  # the unit's previous tenant moved out
    ("DAN1EL NGUYEN", "107", ("107", "Daniel Nguyen")),  # OCR read 1 for I
    ("MARIA GARCIA", "2O4", ("204", "Maria Garcia")),  # O for 0 in the unit
    ("WEI CHEN", "1007", ("1001", "Wei Chen")),  # one digit of the unit misread, the name perfect
])
def test_right_resident_is_proposed(matcher: RecipientMatcher, name: str, unit: str | None,
                                    expected: tuple[str, str]) -> None:
    match = matcher.match(ship(name, unit))
    assert match.proposed is not None, match
    assert (match.proposed.unit, match.proposed.full_name) == expected
    assert match.confidence >= THRESHOLD
    assert not match.flags & {AMBIGUOUS, OTHER_BUILDING, MOVED_OUT}


@pytest.mark.parametrize(("name", "unit", "flag"), [
    ("JOHN SMITH", None, AMBIGUOUS),  # two John Smiths, no unit printed
    ("MARIA GARCIA", None, AMBIGUOUS),  # Maria, Marie and Mario Garcia
    ("PRIYA PATEL", None, AMBIGUOUS),  # Priya Patil lives in 1203: one letter of OCR apart
    ("OLD TENANT", "1009", MOVED_OUT),  # moved out; the new tenant is not a namesake
    ("KEVIN BROWN", "303", MOVED_OUT),
])
def test_ambiguous_or_doubtful_labels_abstain(matcher: RecipientMatcher, name: str, unit: str | None,
                                              flag: str) -> None:
    match = matcher.match(ship(name, unit))
    assert match.proposed is None
    assert flag in match.flags
    assert 1 <= len(match.candidates) <= 3
    assert match.confidence < THRESHOLD


def test_ambiguous_label_offers_both_namesakes(matcher: RecipientMatcher) -> None:
    match = matcher.match(ship("JOHN SMITH", None))
    assert {(c.unit, c.full_name) for c in match.candidates[:2]} == {("305", "John Smith"), ("1102", "John Smith")}


@pytest.mark.parametrize(("name", "unit"), [
    ("HAROLD GARCIA", "204"),  # a stranger with the household's surname, at its unit
    ("XAVIER OKAFOR", "611"),
    ("PENELOPE NOVAK", None),
    ("ANNE LEE", "906"),  # Anne Li lives in 906, Ann Lee in 611: the label is inconsistent
    ("BOB CHEN", "710"),  # Robert Chen, perhaps: a nickname is not evidence enough, yet
    ("WEI CHAN", "1007"),  # one letter of the name and one digit of the unit off: too much
])
def test_strangers_are_not_given_a_resident(matcher: RecipientMatcher, name: str, unit: str | None) -> None:
    match = matcher.match(ship(name, unit))
    assert match.proposed is None, match


def test_another_building_on_the_same_street_is_flagged(matcher: RecipientMatcher) -> None:
    match = matcher.match(ship("MARIA GARCIA", "204", number="1210"))
    assert OTHER_BUILDING in match.flags
    assert match.proposed is None
    assert match.candidates[0].full_name == "Maria Garcia"  # offered, for staff to decide


def test_another_postal_code_in_the_barcode_is_flagged(matcher: RecipientMatcher) -> None:
    match = matcher.match(ship("MARIA GARCIA", "204"), postal_hint="90210")
    assert OTHER_POSTAL_CODE in match.flags and match.proposed is None


def test_payload_name_and_street_number_count(matcher: RecipientMatcher) -> None:
    match = matcher.match(ship(None, "204"), extra_names=["MARIA GARCIA"])
    assert match.proposed is not None and match.proposed.full_name == "Maria Garcia"
    moved = matcher.match(ship("MARIA GARCIA", "204"), street_number="1250")
    assert OTHER_BUILDING in moved.flags


def test_alias_matches_after_it_is_added(building: Building, matcher: RecipientMatcher) -> None:
    robert = building.resident_id("710", "Robert Chen")
    assert matcher.match(ship("BOB CHEN", "710")).proposed is None
    with building.db.uow() as uow:
        uow.session.add(ResidentAlias(resident_id=robert, alias="Bob Chen"))
        uow.commit()
    notify_changed()
    match = matcher.match(ship("BOB CHEN", "710"))
    assert match.proposed is not None and match.proposed.resident_id == robert
    assert match.proposed.matched_on.startswith("alias")


def test_nothing_readable_gives_no_candidates(matcher: RecipientMatcher) -> None:
    match = matcher.match(None)
    assert (match.proposed, match.candidates, match.confidence) == (None, (), 0.0)
    unit_only = matcher.match(ship(None, "204"))
    assert unit_only.proposed is None and unit_only.confidence <= 0.45
    assert {c.full_name for c in unit_only.candidates} == {"Maria Garcia", "Pedro Garcia"}


def test_candidates_are_plain_data_with_a_short_label(matcher: RecipientMatcher) -> None:
    match = matcher.match(ship("WEI CHEN", "1001"))
    assert match.proposed is not None
    assert match.proposed.label == "Wei C. · 1001"
    assert 0.0 <= match.proposed.confidence <= 1.0


def test_name_similarity() -> None:
    assert name_similarity("MARIA L GARCIA", "Maria Garcia") == 1.0
    assert name_similarity("GARCIA MARIA", "Maria Garcia") == 1.0
    assert name_similarity("JOSE GARCIA", "José García López") == 1.0
    assert name_similarity("SUE GABRIEL SZABO", "Gabriel Szabo") > 0.95  # a stray word glued on
    assert name_similarity("HAROLD GARCIA", "Maria Garcia") < 0.7
    assert name_similarity("", "Maria Garcia") == 0.0
