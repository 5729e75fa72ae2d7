"""The resident directory staff search per keystroke: names with typos, aliases, units, phone
digits, badges — from an in-memory index, never a query per keystroke, fast for 5,000 residents."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, insert, select

from kiosk.persistence.models import Property, Resident, ResidentAlias, ResidentStatus, Unit
from kiosk.persistence.uow import Database
from kiosk.residents.directory import ResidentDirectory, ResidentHit, ResidentInfo, ResidentNotFound
from kiosk.residents.importer import import_residents

DATA = Path(__file__).parent / "data" / "rentroll"
TODAY = date(2025, 3, 1)


def resident_id(db: Database, first: str, last: str) -> int:
    with db.reader() as uow:
        found = uow.session.scalar(select(Resident.id).where(Resident.first_name == first,
                                                             Resident.last_name == last))
    assert found is not None
    return found


@pytest.fixture
def building(db: Database) -> Database:
    """The AppFolio sample, a company alias for Kenji Tanaka, and one resident moved out."""
    import_residents(db, DATA / "appfolio.csv", today=TODAY)
    kenji = resident_id(db, "Kenji", "Tanaka")
    ava = resident_id(db, "Ava", "Williams")
    with db.uow() as uow:
        uow.session.add(ResidentAlias(resident_id=kenji, alias="Tanaka Design Studio"))
        moved = uow.session.get(Resident, ava)
        assert moved is not None
        moved.status = ResidentStatus.MOVED_OUT
        uow.commit()
    return db


@pytest.fixture
def directory(building: Database) -> ResidentDirectory:
    return ResidentDirectory(building)


def names(hits: list[ResidentHit]) -> list[str]:
    return [h.full_name for h in hits]


def test_misspelt_name_finds_the_resident_first(directory: ResidentDirectory) -> None:
    for typed in ("Mraia Garsia", "maria garcia", "GARCIA MARIA", "Garcia, Maria"):
        hits = directory.search(typed)
        assert hits[0].full_name == "Maria Garcia", typed
        assert hits[0].matched_on == "name"
    assert directory.search("Okafr")[0].full_name == "James Okafor"
    assert directory.search("lucia fernandez")[0].full_name == "Lucía Fernández"  # accents folded


def test_hits_are_plain_data_with_a_short_display_name(directory: ResidentDirectory) -> None:
    hit = directory.search("Maria Garcia")[0]
    assert dataclasses.is_dataclass(hit) and isinstance(hit, ResidentHit)
    assert (hit.display_name, hit.unit, hit.building, hit.status) == ("Maria G.", "101", "",
                                                                      ResidentStatus.ACTIVE)
    with pytest.raises(dataclasses.FrozenInstanceError):
        hit.unit = "999"  # type: ignore[misc]


def test_first_letters_while_typing(directory: ResidentDirectory) -> None:
    assert {"Maria Garcia", "Mateo Rodriguez", "Min-jun Kim"} <= set(names(directory.search("m")))
    assert names(directory.search("ma"))[:2] == ["Maria Garcia", "Mateo Rodriguez"]


def test_by_unit_exact_first_then_prefix(directory: ResidentDirectory) -> None:
    hits = directory.search("101")
    assert names(hits) == ["Maria Garcia", "Pedro Garcia"]
    assert {h.matched_on for h in hits} == {"unit"} and hits[0].score == 100
    assert [h.unit for h in directory.search("30", limit=3)] == ["301", "302", "303"]
    assert names(directory.search("Apt #204")) == ["Min-jun Kim"]
    assert names(directory.search("204 kim"))[0] == "Min-jun Kim"


def test_by_phone_last_digits_or_whole_number(directory: ResidentDirectory) -> None:
    hits = directory.search("0104")
    assert names(hits) == ["James Okafor"] and hits[0].matched_on == "phone"
    assert names(directory.search("(212) 555-0104")) == ["James Okafor"]
    assert names(directory.search("5550104")) == ["James Okafor"]


def test_alias_matches(directory: ResidentDirectory) -> None:
    hit = directory.search("Tanaka Design")[0]
    assert (hit.full_name, hit.matched_on) == ("Kenji Tanaka", "alias")


def test_moved_out_residents_only_when_asked(directory: ResidentDirectory) -> None:
    assert "Ava Williams" not in names(directory.search("Ava Williams"))
    hit = directory.search("Ava Williams", include_moved_out=True)[0]
    assert (hit.full_name, hit.status) == ("Ava Williams", ResidentStatus.MOVED_OUT)
    assert directory.by_unit("206") == []
    assert names(directory.by_unit("206", include_moved_out=True)) == ["Ava Williams"]


def test_get_returns_resident_info(building: Database, directory: ResidentDirectory) -> None:
    info = directory.get(resident_id(building, "Kenji", "Tanaka"))
    assert isinstance(info, ResidentInfo)
    assert (info.full_name, info.display_name, info.unit) == ("Kenji Tanaka", "Kenji T.", "301")
    assert (info.mobile, info.external_id, info.aliases) == ("+12125550114", "1014",
                                                             ("Tanaka Design Studio",))
    with pytest.raises(ResidentNotFound):
        directory.get(999_999)


def test_by_unit_and_by_badge(db: Database) -> None:
    import_residents(db, DATA / "generic.csv", today=TODAY)
    directory = ResidentDirectory(db)
    assert names(directory.by_unit("101")) == ["Ingrid Larsen", "José Álvarez"]
    assert names(directory.by_unit("101", building="B")) == ["Ingrid Larsen"]
    hit = directory.by_badge("fob-0003")
    assert hit is not None and (hit.full_name, hit.matched_on) == ("Ahmed Hassan", "badge")
    assert directory.by_badge("FOB-9999") is None


def test_index_follows_imports_and_refresh(building: Database,
                                           directory: ResidentDirectory) -> None:
    assert directory.search("Camila Diaz") == []
    import_residents(building, DATA / "appfolio_next.csv", today=date(2025, 4, 5))
    # The import bumped the version: the next keystroke sees the new resident.
    assert directory.search("Camila Diaz")[0].full_name == "Camila Diaz"
    with building.uow() as uow:  # a change this process does not announce (another kiosk, say)
        uow.session.add(Resident(unit_id=uow.session.scalar(select(Unit.id).limit(1)),
                                 first_name="Quentin", last_name="Zorro"))
        uow.commit()
    assert directory.search("Quentin Zorro") == []
    directory.refresh()
    assert directory.search("Quentin Zorro")[0].full_name == "Quentin Zorro"


def test_an_old_index_is_reloaded_in_the_background(building: Database) -> None:
    directory = ResidentDirectory(building, max_age=0.0)  # stale from the next keystroke on
    assert directory.search("Maria Garcia")
    with building.uow() as uow:
        uow.session.add(Resident(unit_id=uow.session.scalar(select(Unit.id).limit(1)),
                                 first_name="Quentin", last_name="Zorro"))
        uow.commit()
    assert directory.search("Quentin Zorro") == []  # answered at once from the old index...
    directory.wait_for_refresh()
    assert names(directory.search("Quentin Zorro", limit=1)) == ["Quentin Zorro"]  # ...then fresh
    directory.wait_for_refresh()


def test_empty_or_blank_queries(directory: ResidentDirectory) -> None:
    assert directory.search("") == [] and directory.search("   ") == []
    assert directory.search("maria", limit=0) == []


# --------------------------------------------------------------------------- 5,000 residents

FIRST = ("Maria", "James", "Lucia", "Wei", "Aisha", "Carlos", "Emily", "Noah", "Sofia", "Liam",
         "Olivia", "Mateo", "Ava", "Diego", "Priya", "Ethan", "Valentina", "Kenji", "Fatima",
         "Lucas", "Grace", "Jose", "Hannah", "Omar", "Isabella", "Daniel", "Camila", "Samuel",
         "Chloe", "Andres", "Nadia", "Victor", "Ingrid", "Paolo", "Amara", "Rahul", "Hana", "Olga",
         "Kwame", "Mei", "Tomas", "Elena", "Ahmed", "Marie", "Sean", "Peter", "Rosa", "Ivan")
LAST = ("Garcia", "Okafor", "Fernandez", "Chen", "Khan", "Lopez", "Johnson", "Smith", "Martinez",
        "Brown", "Nguyen", "Rodriguez", "Kim", "Hernandez", "Patel", "Williams", "Torres",
        "Tanaka", "Ali", "Silva", "Davis", "Ramirez", "Miller", "Haddad", "Gomez", "Wilson",
        "Diaz", "Moore", "Cohen", "Rossi", "Larsen", "Bianchi", "Okeke", "Moreau", "Sato",
        "Mehta", "Ivanova", "Mensah", "Lin", "Dubois", "Hassan", "Popescu", "OBrien", "Schmidt")


@pytest.fixture
def big_building(db: Database) -> Iterator[tuple[Database, list[dict[str, Any]]]]:
    rng = random.Random(11)
    with db.uow() as uow:
        s = uow.session
        prop = Property(name="Big Towers")
        s.add(prop)
        s.flush()
        s.execute(insert(Unit), [{"property_id": prop.id, "building": "", "floor": "",
                                  "number": f"{floor}{door:02d}"}
                                 for floor in range(1, 51) for door in range(1, 51)])
        unit_ids = list(s.scalars(select(Unit.id)))
        people = [{"unit_id": unit_ids[i // 2], "first_name": rng.choice(FIRST),
                   "last_name": rng.choice(LAST), "mobile": f"+1212{rng.randint(2000000, 9999999)}",
                   "email": f"r{i}@example.com", "language": "en"} for i in range(5000)]
        s.execute(insert(Resident), people)
        uow.commit()
    yield db, people


def test_every_keystroke_is_answered_from_memory_for_5000_residents(
    big_building: tuple[Database, list[dict[str, Any]]],
) -> None:
    db, people = big_building
    directory = ResidentDirectory(db)
    directory.refresh()
    assert len(directory) == 5000
    rng = random.Random(3)
    queries: list[str] = []
    for person in rng.sample(people, 60):
        name = f"{person['first_name']} {person['last_name']}"
        queries += [name[:n] for n in range(1, len(name) + 1)]  # keystroke by keystroke
        typo = list(name)
        typo[len(typo) // 2] = "x"
        queries.append("".join(typo))
        queries.append(person["mobile"][-4:])
    queries += [f"{rng.randint(1, 50)}{rng.randint(1, 50):02d}" for _ in range(100)]
    queries += [str(rng.randint(1, 50)) for _ in range(50)]

    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    answered = [directory.search(query, limit=8) for query in queries]
    assert statements == []  # the index answered every keystroke: no query (speed: bench/)
    assert all(len(hits) <= 8 for hits in answered)
    full_names = [q for q in queries if q in {f"{p['first_name']} {p['last_name']}" for p in people}]
    assert full_names and all(answered[queries.index(q)] for q in full_names)
