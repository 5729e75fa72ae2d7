"""Learning from staff corrections: an event in the chain-of-custody log and a name alias."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from kiosk.eventlog import Actor, verify
from kiosk.labelread.address import ShipTo, parse_address
from kiosk.labelread.match import RecipientMatcher
from kiosk.labelread.service import EVENT_CORRECTED, property_address, record_correction
from kiosk.persistence.models import ActorKind, Event, Property, ResidentAlias
from kiosk.residents.directory import ResidentNotFound
from tests.labelgen import SITE
from tests.labelread.conftest import Building

STAFF = Actor(ActorKind.STAFF, 7, "Sam Staff")


def ship(name: str, unit: str | None) -> ShipTo:
    return ShipTo(names=(name,), unit=unit, street_number="1200", street="HARBOR VIEW DR")


@dataclass(frozen=True)
class Logged:
    actor: tuple[ActorKind, int | None]
    subject: tuple[str, int | None]
    kiosk: str
    data: dict[str, Any]


def events(building: Building) -> list[Logged]:
    with building.db.reader() as uow:
        rows = uow.session.scalars(select(Event).where(Event.kind == EVENT_CORRECTED).order_by(Event.seq))
        return [Logged((e.actor_kind, e.actor_id), (e.subject_kind, e.subject_id), e.kiosk, dict(e.data))
                for e in rows]


def test_correction_teaches_the_name_so_the_next_parcel_matches(building: Building) -> None:
    matcher = RecipientMatcher(building.directory, parse_address(SITE.address))
    robert = building.resident_id("710", "Robert Chen")
    first = matcher.match(ship("BOB CHEN", "710"))
    assert first.proposed is None and first.candidates[0].resident_id == robert

    done = record_correction(building.db, resident_id=robert, label_name="BOB CHEN", actor=STAFF,
                             proposed_resident_id=None, confidence=first.confidence,
                             tracking_number="1Z999AA10123456784", label_unit="710", kiosk="desk-1")
    assert done.alias_added == "Bob Chen" and done.reason == ""
    assert building.directory.search("bob chen")[0].resident_id == robert  # the directory finds the alias
    assert building.directory.get(robert).aliases == ("Bob Chen",)

    again = matcher.match(ship("BOB CHEN", "710"))
    assert again.proposed is not None and again.proposed.resident_id == robert

    [event] = events(building)
    assert (event.actor, event.subject, event.kiosk) == ((ActorKind.STAFF, 7), ("resident", robert), "desk-1")
    assert event.data["alias_added"] == "Bob Chen"
    assert event.data["tracking_number"] == "1Z999AA10123456784"
    with building.db.reader() as uow:
        assert verify(uow.session).ok


def test_a_name_the_resident_already_has_adds_no_alias(building: Building) -> None:
    maria = building.resident_id("204", "Maria Garcia")
    done = record_correction(building.db, resident_id=maria, label_name="MARIA L GARCIA", actor=STAFF)
    assert done.alias_added is None and "already" in done.reason
    assert events(building)[0].data["alias_added"] is None  # the correction is still on record
    with building.db.reader() as uow:
        assert uow.session.scalars(select(ResidentAlias)).all() == []


def test_another_residents_name_is_not_taught(building: Building) -> None:
    """A parcel for Maria that Pedro takes must not make Maria's next parcel ambiguous."""
    pedro = building.resident_id("204", "Pedro Garcia")
    done = record_correction(building.db, resident_id=pedro, label_name="MARIA GARCIA", actor=STAFF)
    assert done.alias_added is None and "another resident" in done.reason


def test_unusable_label_name_adds_no_alias(building: Building) -> None:
    wei = building.resident_id("1001", "Wei Chen")
    for name in ("", None, "|| ;", "A1"):
        assert record_correction(building.db, resident_id=wei, label_name=name).alias_added is None


def test_unknown_resident_writes_nothing(building: Building) -> None:
    with pytest.raises(ResidentNotFound):
        record_correction(building.db, resident_id=999_999, label_name="BOB CHEN")
    assert events(building) == []


def test_company_name_becomes_an_alias(building: Building) -> None:
    wei = building.resident_id("1001", "Wei Chen")
    done = record_correction(building.db, resident_id=wei, label_name="BLUE FERN DESIGN LLC")
    assert done.alias_added == "Blue Fern Design Llc"
    matcher = RecipientMatcher(building.directory, parse_address(SITE.address))
    match = matcher.match(ship("BLUE FERN DESIGN LLC", "1001"))
    assert match.proposed is not None and match.proposed.resident_id == wei


def test_property_address(building: Building) -> None:
    assert property_address(building.db) == SITE.address
    with building.db.uow() as uow:
        uow.session.add(Property(name="Across the street", address="1 Other Rd, Springfield, IL 62704"))
        uow.commit()
    assert property_address(building.db) == ""  # two buildings: the kiosk must say which
    assert property_address(building.db, 1) == SITE.address
