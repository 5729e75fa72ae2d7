"""The resident directory staff search as they type: by name (fuzzy, aliases too), unit or phone.

Every keystroke is answered from an in-memory index built once from the database, never by a
query: p95 stays well under the 5 ms the product brief allows for 5,000 residents. The index is
rebuilt by :meth:`ResidentDirectory.refresh`, at once when this process reports a change through
:func:`notify_changed` (an import does), and on a background thread when it is older than
``max_age`` seconds (changes made by another kiosk or the command line), so that no keystroke
waits for the database.
"""

from __future__ import annotations

import bisect
import logging
import re
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz, process
from sqlalchemy import select

from kiosk.persistence.models import Resident, ResidentAlias, ResidentStatus, Unit
from kiosk.persistence.uow import Database
from kiosk.residents.values import fold

log = logging.getLogger(__name__)

_Offer = Callable[[Iterable[int], float, str], None]  # records a candidate's best score and why


class _Generation:
    """Bumped whenever residents change in this process, so every directory knows to reload."""

    value = 0
    lock = threading.Lock()


def notify_changed() -> None:
    """Tell every directory in this process that residents changed (an import, an edit)."""
    with _Generation.lock:
        _Generation.value += 1


class ResidentNotFound(LookupError):
    """No resident has that id."""


@dataclass(frozen=True)
class ResidentHit:
    """One search result: enough to show and choose a resident, nothing more."""

    resident_id: int
    display_name: str  # "Maria G.": what labels and resident screens show
    full_name: str
    unit: str
    building: str
    status: ResidentStatus
    score: float  # 0–100, higher is better
    matched_on: str  # name, alias, unit, unit and name, phone, email, badge


@dataclass(frozen=True)
class ResidentInfo:
    """A resident's details for the staff screens, as plain data."""

    id: int
    first_name: str
    last_name: str
    full_name: str
    display_name: str
    unit: str
    building: str
    status: ResidentStatus
    email: str | None
    mobile: str | None
    language: str
    notify_email: bool
    notify_sms: bool
    badge_id: str | None
    external_id: str | None
    move_in: date | None
    move_out: date | None
    aliases: tuple[str, ...] = ()


def _text_key(text: str) -> str:
    """Folded words: "José  García-López" → "jose garcia lopez"."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(text)).split())


def _unit_key(text: str) -> str:
    """A unit as typed or stored: "Apt #4b" and "4B" give "4b"."""
    text = re.sub(r"^\s*(?:(?:apt|apartment|unit|suite)\b\.?|#)\s*#?", "", fold(text))
    return re.sub(r"\s+", "", text)


def _display_name(first: str, last: str) -> str:
    return f"{first} {last[:1]}." if last else first


@dataclass(frozen=True, slots=True)
class _Entry:
    id: int
    first_name: str
    last_name: str
    unit: str
    building: str
    status: ResidentStatus
    phone_digits: str
    email: str
    badge_id: str | None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass
class _Names:
    """Name strings for rapidfuzz, with the entry each belongs to and whether it is an alias.

    Scoring every name with ``fuzz.WRatio`` costs about 3 ms for 5,000 residents, most of the
    budget, so the words of all names are indexed too: a cheap pass over the distinct words
    (exact prefix, whole word and prefix with a typo, by ``fuzz.ratio``) picks the candidates,
    and WRatio ranks only those.
    """

    choices: list[str] = field(default_factory=list)
    owners: list[int] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    prefixes: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    words: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    sorted_words: list[str] = field(default_factory=list)
    _word_prefixes: dict[int, tuple[list[str], dict[str, list[str]]]] = field(default_factory=dict)

    def add(self, owner: int, text: str, kind: str) -> None:
        key = _text_key(text)
        if not key:
            return
        position = len(self.choices)
        self.choices.append(key)
        self.owners.append(owner)
        self.kinds.append(kind)
        for word in key.split():
            self.words[word].append(position)
            for size in (1, 2):
                if len(word) >= size and owner not in self.prefixes[word[:size]][-1:]:
                    self.prefixes[word[:size]].append(owner)

    def finish(self) -> None:
        self.sorted_words = sorted(self.words)
        for size in range(3, 13):  # now, at load time, not at a first keystroke
            self._prefixes_of(size)

    def _prefixes_of(self, size: int) -> tuple[list[str], dict[str, list[str]]]:
        """The first ``size`` letters of every longer word, and the words under each."""
        built = self._word_prefixes.get(size)
        if built is None:
            table: dict[str, list[str]] = defaultdict(list)
            for word in self.sorted_words:
                if len(word) > size:
                    table[word[:size]].append(word)
            built = self._word_prefixes[size] = (list(table), dict(table))
        return built

    def words_like(self, typed: str, most: int = 60) -> dict[str, float]:
        """Up to ``most`` indexed words that ``typed`` may start or misspell, with a score.

        Capped because a word matching hundreds of names ("mar…") selects nothing: the best
        and shortest words are kept, and WRatio then ranks the names that hold them.
        """
        found: dict[str, float] = {}
        start = bisect.bisect_left(self.sorted_words, typed)
        for word in self.sorted_words[start:start + most]:
            if not word.startswith(typed):
                break
            found[word] = 100.0
        if len(typed) >= 3:
            for word, score, _ in process.extract(typed, self.sorted_words, scorer=fuzz.ratio,
                                                  processor=None, limit=most, score_cutoff=70):
                found[word] = max(found.get(word, 0.0), float(score))
            keys, prefixes = self._prefixes_of(len(typed))
            for prefix, score, _ in process.extract(typed, keys, scorer=fuzz.ratio,
                                                    processor=None, limit=most, score_cutoff=75):
                for word in prefixes[prefix][:most]:
                    found[word] = max(found.get(word, 0.0), 0.95 * float(score))
        if len(found) > most:
            kept = sorted(found, key=lambda w: (-found[w], len(w), w))[:most]
            found = {word: found[word] for word in kept}
        return found

    def candidates(self, key: str, cap: int = 300) -> list[int]:
        """Name positions worth ranking with WRatio: most query words matched, best first."""
        typed = key.split()
        best: dict[int, list[float]] = {}
        for i, word in enumerate(typed):
            for match, score in self.words_like(word).items():
                for position in self.words[match]:
                    scores = best.setdefault(position, [0.0] * len(typed))
                    if score > scores[i]:
                        scores[i] = score
        return sorted(best, key=lambda p: (sum(s > 0 for s in best[p]), sum(best[p])),
                      reverse=True)[:cap]


@dataclass
class _Index:
    entries: list[_Entry]
    current: _Names  # residents not moved out
    everyone: _Names
    units: dict[str, list[int]]
    unit_prefixes: dict[str, list[int]]
    phones: dict[str, list[int]]  # last four digits → entries
    badges: dict[str, int]
    loaded_at: float
    generation: int


def _build(db: Database) -> _Index:
    generation = _Generation.value
    with db.reader() as uow:
        rows = uow.session.execute(
            select(Resident.id, Resident.first_name, Resident.last_name, Unit.number, Unit.building,
                   Resident.status, Resident.mobile, Resident.email, Resident.badge_id)
            .join(Unit, Resident.unit_id == Unit.id)
            .order_by(Resident.id)
        ).all()
        aliases = uow.session.execute(select(ResidentAlias.resident_id, ResidentAlias.alias)).all()
    entries: list[_Entry] = []
    position: dict[int, int] = {}
    current, everyone = _Names(), _Names()
    units: dict[str, list[int]] = defaultdict(list)
    phones: dict[str, list[int]] = defaultdict(list)
    badges: dict[str, int] = {}
    for rid, first, last, unit, building, status, mobile, email, badge in rows:
        i = len(entries)
        entry = _Entry(rid, first, last, unit, building or "", ResidentStatus(status),
                       re.sub(r"\D", "", mobile or ""), (email or "").casefold(), badge)
        entries.append(entry)
        position[rid] = i
        everyone.add(i, entry.full_name, "name")
        if entry.status is not ResidentStatus.MOVED_OUT:
            current.add(i, entry.full_name, "name")
        units[_unit_key(unit)].append(i)
        if building:
            units[_unit_key(f"{building}{unit}")].append(i)
        if len(entry.phone_digits) >= 4:
            phones[entry.phone_digits[-4:]].append(i)
        if badge:
            badges[badge.strip().casefold()] = i
    for rid, alias in aliases:
        owner = position.get(rid)
        if owner is not None:
            everyone.add(owner, alias, "alias")
            if entries[owner].status is not ResidentStatus.MOVED_OUT:
                current.add(owner, alias, "alias")
    current.finish()
    everyone.finish()
    unit_prefixes: dict[str, list[int]] = defaultdict(list)
    for key in sorted(units, key=lambda k: (len(k), k)):
        for size in range(1, len(key)):
            unit_prefixes[key[:size]].extend(units[key])
    log.debug("resident directory loaded: %d residents, %d aliases", len(entries), len(aliases))
    return _Index(entries, current, everyone, dict(units), dict(unit_prefixes), dict(phones),
                  badges, time.monotonic(), generation)


class ResidentDirectory:
    """Fast resident look-ups for staff screens, from an index held in memory."""

    def __init__(self, db: Database, max_age: float | None = 300.0) -> None:
        self._db = db
        self._max_age = max_age
        self._index: _Index | None = None
        self._lock = threading.Lock()
        self._refresher: threading.Thread | None = None

    def refresh(self) -> None:
        """Reload the index from the database now (after residents were edited elsewhere).

        About 150 ms for 5,000 residents: the composition root calls it once off the GUI thread.
        """
        index = _build(self._db)
        with self._lock:
            self._index = index

    def _current(self) -> _Index:
        index = self._index
        if index is None or index.generation != _Generation.value:
            self.refresh()  # first use, or this process changed residents: wait for the truth
            index = self._index
            if index is None:  # refresh always sets it; this keeps the type checker honest
                raise RuntimeError("resident directory failed to load")
        elif self._max_age is not None and time.monotonic() - index.loaded_at > self._max_age:
            self._refresh_in_background(index)  # keystrokes keep the old index meanwhile
        return index

    def _refresh_in_background(self, stale: _Index) -> None:
        with self._lock:
            if self._refresher is not None and self._refresher.is_alive():
                return
            self._refresher = threading.Thread(target=self._background_refresh, args=(stale,),
                                               name="resident-directory-refresh", daemon=True)
            self._refresher.start()

    def _background_refresh(self, stale: _Index) -> None:
        try:
            self.refresh()
        except Exception:  # the old index still answers; try again after another max_age
            log.exception("resident directory refresh failed; keeping the previous index")
            stale.loaded_at = time.monotonic()

    def wait_for_refresh(self, timeout: float = 5.0) -> None:
        """Wait for a background reload to finish (before shutting down, and in tests)."""
        refresher = self._refresher
        if refresher is not None:
            refresher.join(timeout)

    def __len__(self) -> int:
        return len(self._current().entries)

    # ------------------------------------------------------------------ queries

    def search(self, query: str, limit: int = 10,
               include_moved_out: bool = False) -> list[ResidentHit]:
        """Best matches for what staff typed: a name (typos forgiven), a unit, or phone digits."""
        text = " ".join((query or "").split())
        if not text or limit <= 0:
            return []
        index = self._current()
        best: dict[int, tuple[float, str]] = {}

        def offer(candidates: Iterable[int], score: float, how: str) -> None:
            for i in candidates:
                if not include_moved_out and index.entries[i].status is ResidentStatus.MOVED_OUT:
                    continue
                if i not in best or score > best[i][0]:
                    best[i] = (score, how)

        names = index.everyone if include_moved_out else index.current
        digits = re.sub(r"\D", "", text)
        has_letters = any(ch.isalpha() for ch in text)
        unit = _unit_key(text)
        offer(index.units.get(unit, ()), 100.0, "unit")
        offer(index.unit_prefixes.get(unit, ())[: limit * 4], 88.0, "unit")
        if len(digits) >= 4 and re.fullmatch(r"[\d\s().+-]+", text):
            score = 96.0 if len(digits) >= 7 else 92.0
            tail = index.phones.get(digits[-4:], ())
            phones = (i for i in tail if index.entries[i].phone_digits.endswith(digits))
            offer(phones, score, "phone")
        if "@" in text:
            wanted = text.casefold()
            emails = (i for i, e in enumerate(index.entries) if e.email.startswith(wanted))
            offer(emails, 97.0, "email")
        if has_letters:
            self._by_name(text, names, limit, offer)
            self._by_unit_and_name(text, index, offer)
        def order(item: tuple[int, tuple[float, str]]) -> tuple[float, bool, int, str, str]:
            entry = index.entries[item[0]]
            return (-item[1][0], entry.status is ResidentStatus.MOVED_OUT, len(entry.unit),
                    entry.unit, entry.full_name.casefold())

        ranked = sorted(best.items(), key=order)
        return [self._hit(index.entries[i], score, how) for i, (score, how) in ranked[:limit]]

    @staticmethod
    def _by_name(text: str, names: _Names, limit: int, offer: _Offer) -> None:
        key = _text_key(text)
        if not key:
            return
        if len(key) <= 2:  # one or two letters: first letters of a first or last name
            offer(names.prefixes.get(key, ())[: limit * 4], 80.0, "name")
            return
        shortlist = {position: names.choices[position] for position in names.candidates(key)}
        for _, score, position in process.extract(key, shortlist, scorer=fuzz.WRatio,
                                                  processor=None, limit=limit * 4, score_cutoff=68):
            offer((names.owners[position],), float(score), names.kinds[position])

    @staticmethod
    def _by_unit_and_name(text: str, index: _Index, offer: _Offer) -> None:
        """ "204 maria": the unit narrows, the name picks (staff often type both)."""
        words = text.split()
        if len(words) < 2:
            return
        for word in words:
            members = index.units.get(_unit_key(word))
            if not members:
                continue
            rest = _text_key(" ".join(w for w in words if w != word))
            if not rest:
                continue
            for i in members:
                score = fuzz.WRatio(rest, _text_key(index.entries[i].full_name), processor=None)
                if score >= 60:
                    offer((i,), min(100.0, 90.0 + score / 10), "unit and name")
            return

    def by_unit(self, unit_number: str, building: str | None = None,
                include_moved_out: bool = False) -> list[ResidentHit]:
        """Everyone living in a unit (a building narrows it where unit numbers repeat)."""
        index = self._current()
        hits = [index.entries[i] for i in index.units.get(_unit_key(unit_number), ())]
        if building is not None:
            hits = [e for e in hits if fold(e.building) == fold(building)]
        if not include_moved_out:
            hits = [e for e in hits if e.status is not ResidentStatus.MOVED_OUT]
        hits.sort(key=lambda e: (e.status is ResidentStatus.MOVED_OUT, e.full_name.casefold()))
        return [self._hit(e, 100.0, "unit") for e in hits]

    def by_badge(self, badge_id: str, include_moved_out: bool = False) -> ResidentHit | None:
        """The resident a fob or badge belongs to; None if unknown (or moved out, unless asked)."""
        index = self._current()
        i = index.badges.get((badge_id or "").strip().casefold())
        if i is None:
            return None
        entry = index.entries[i]
        if entry.status is ResidentStatus.MOVED_OUT and not include_moved_out:
            return None
        return self._hit(entry, 100.0, "badge")

    def get(self, resident_id: int) -> ResidentInfo:
        """One resident's details, read from the database (always current)."""
        with self._db.reader() as uow:
            resident = uow.session.get(Resident, resident_id)
            if resident is None:
                raise ResidentNotFound(f"no resident with id {resident_id}")
            unit = uow.session.get(Unit, resident.unit_id)
            aliases = tuple(uow.session.scalars(
                select(ResidentAlias.alias).where(ResidentAlias.resident_id == resident_id)
                .order_by(ResidentAlias.id)))
            return ResidentInfo(
                id=resident.id, first_name=resident.first_name, last_name=resident.last_name,
                full_name=resident.full_name, display_name=resident.display_name,
                unit=unit.number if unit else "", building=unit.building if unit else "",
                status=ResidentStatus(resident.status), email=resident.email,
                mobile=resident.mobile,
                language=resident.language, notify_email=resident.notify_email,
                notify_sms=resident.notify_sms, badge_id=resident.badge_id,
                external_id=resident.external_id, move_in=resident.move_in,
                move_out=resident.move_out, aliases=aliases,
            )

    @staticmethod
    def _hit(entry: _Entry, score: float, how: str) -> ResidentHit:
        return ResidentHit(entry.id, _display_name(entry.first_name, entry.last_name),
                           entry.full_name, entry.unit, entry.building, entry.status,
                           round(score, 1), how)
