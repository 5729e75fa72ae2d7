"""Column-mapping presets for the rent-roll exports of AppFolio, Yardi, RealPage and Entrata.

A preset names, for each field Packroom keeps, the column headers a system uses for it, best
first. Headers are compared case-, space- and punctuation-insensitively ("Move-In Date",
"move_in_date" and "MOVE IN DATE" are one header), so an export that differs by a hyphen still
imports. :func:`detect_preset` picks the preset that explains most of a file's columns, helped by
headers only one system writes (AppFolio's "Tenant Phone Number", Yardi's tenant code).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from kiosk.residents.values import RowStatus, fold, printable

log = logging.getLogger(__name__)

#: The fields a row can carry. ``bldg_unit`` is a combined "Bldg/Unit" cell; ``name`` a full name.
FIELDS = ("property", "building", "unit", "bldg_unit", "external_id", "name", "first_name",
          "last_name", "email", "mobile", "language", "move_in", "move_out", "status", "badge_id")


class RentRollError(ValueError):
    """The file as a whole cannot be imported (unreadable, too big, unknown layout or preset)."""


class UnknownPreset(RentRollError):
    """A preset name that does not exist; the message lists the valid ones."""


def normalise_header(text: str) -> str:
    """A header reduced to lower-case letters and digits: "Tenant Phone #" → "tenantphone"."""
    return "".join(ch for ch in fold(text) if ch.isalnum())


def _headers(*names: str) -> tuple[str, ...]:
    return tuple(normalise_header(name) for name in names)


@dataclass(frozen=True)
class ColumnMap:
    """Which columns of one file feed which field, under one preset (best column first)."""

    preset: Preset
    headers: tuple[str, ...]
    columns: Mapping[str, tuple[int, ...]]

    @property
    def has_unit(self) -> bool:
        return "unit" in self.columns or "bldg_unit" in self.columns

    @property
    def has_name(self) -> bool:
        return any(f in self.columns for f in ("name", "first_name", "last_name"))

    @property
    def usable(self) -> bool:
        """A unit and a name column were found: the least a rent roll must have."""
        return self.has_unit and self.has_name

    @property
    def ignored(self) -> tuple[str, ...]:
        """Headers no field uses (rent, deposits, balances…): shown to the user, never an error."""
        used = {index for indexes in self.columns.values() for index in indexes}
        return tuple(h for i, h in enumerate(self.headers) if i not in used and h.strip())

    def header(self, name: str) -> str:
        """The file's own header text for a field, as the user sees it in the spreadsheet."""
        indexes = self.columns.get(name)
        return self.headers[indexes[0]].strip() if indexes else name

    def value(self, row: Sequence[str], name: str) -> tuple[str, str]:
        """(header, text) of the first non-empty column for a field; ("", "") if none has one."""
        for index in self.columns.get(name, ()):
            if index < len(row) and row[index].strip():
                return self.headers[index].strip(), row[index]
        return "", ""

    def problem(self) -> str:
        """Why the map is not usable, naming the headers the preset looks for."""
        wanted = []
        if not self.has_unit:
            wanted.append("a unit column (" + self.preset.describe("unit", "bldg_unit") + ")")
        if not self.has_name:
            names = self.preset.describe("name", "first_name", "last_name")
            wanted.append(f"a name column ({names})")
        return f"preset {self.preset.name}: the file has no " + " and no ".join(wanted)


@dataclass(frozen=True)
class Preset:
    """The column headers one system's export uses for each field."""

    name: str
    title: str
    synonyms: Mapping[str, tuple[str, ...]]
    signature: frozenset[str] = frozenset()
    status_codes: Mapping[str, RowStatus] = field(default_factory=dict)
    examples: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def lookup(self) -> dict[str, tuple[str, int]]:
        """normalised header → (field, priority); a header feeds one field only."""
        table: dict[str, tuple[str, int]] = {}
        for name, headers in self.synonyms.items():
            for priority, header in enumerate(headers):
                table.setdefault(header, (name, priority))
        return table

    def match(self, headers: Sequence[str]) -> ColumnMap:
        """Map a file's headers onto fields."""
        table = self.lookup()
        found: dict[str, list[tuple[int, int]]] = {}
        for index, header in enumerate(headers):
            hit = table.get(normalise_header(header))
            if hit is not None:
                found.setdefault(hit[0], []).append((hit[1], index))
        columns = {name: tuple(index for _, index in sorted(hits)) for name, hits in found.items()}
        return ColumnMap(self, tuple(headers), columns)

    def describe(self, *names: str) -> str:
        """The example headers of some fields, for messages: "Unit, Bldg/Unit"."""
        shown = [h for n in names for h in self.examples.get(n, ())]
        return ", ".join(shown) if shown else ", ".join(names)


def _preset(preset_name: str, title: str, /, signature: Iterable[str] = (),
            status_codes: Mapping[str, RowStatus] | None = None,
            **fields: tuple[str, ...]) -> Preset:
    # A mistake in the table below must fail at import, not at a customer's desk.
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise RuntimeError(f"preset {preset_name}: unknown fields {sorted(unknown)}")
    synonyms = {f: tuple(dict.fromkeys(_headers(*headers))) for f, headers in fields.items()}
    owners: dict[str, str] = {}
    for name, headers in synonyms.items():
        for header in headers:
            if owners.setdefault(header, name) != name:
                raise RuntimeError(f"preset {preset_name}: header {header!r} is given to both "
                                   f"{owners[header]} and {name}")
    return Preset(
        name=preset_name,
        title=title,
        synonyms=synonyms,
        signature=frozenset(_headers(*signature)),
        status_codes=dict(status_codes or {}),
        examples={f: headers[:2] for f, headers in fields.items()},
    )


_LANGUAGE = ("Language", "Preferred Language", "Lang", "Locale")
_BADGE = ("Badge ID", "Badge", "Fob", "Fob ID", "Key Fob", "Access Card")

# Yardi Voyager's tenant status codes (tenant.istatus), which some exports print as numbers.
YARDI_STATUS_CODES = {"0": RowStatus.ACTIVE, "1": RowStatus.PAST, "2": RowStatus.FUTURE,
                      "3": RowStatus.ACTIVE, "4": RowStatus.ACTIVE, "5": RowStatus.NOT_RESIDENT,
                      "6": RowStatus.NOT_RESIDENT, "7": RowStatus.NOT_RESIDENT,
                      "8": RowStatus.NOT_RESIDENT, "9": RowStatus.NOT_RESIDENT}

PRESETS: dict[str, Preset] = {p.name: p for p in (
    _preset(
        "appfolio", "AppFolio (rent roll, tenant directory, tenant tickler)",
        signature=("Tenant", "Tenant Phone Number", "Tenant Email", "Tenant Status", "Tenant ID",
                   "Phone Numbers", "Emails", "Occupancy ID", "Tenant Tags"),
        property=("Property", "Property Name"),
        unit=("Unit", "Unit Name", "Unit Number"),
        building=("Building",),
        external_id=("Tenant ID",),
        name=("Tenant", "Tenant Name", "Name"),
        first_name=("First Name", "Tenant First Name"),
        last_name=("Last Name", "Tenant Last Name"),
        email=("Tenant Email", "Emails", "Email", "Email Address"),
        mobile=("Tenant Mobile Phone", "Mobile Phone", "Tenant Phone Number", "Phone Numbers",
                "Phone Number", "Phone"),
        move_in=("Move In Date", "Move In", "Lease From"),
        move_out=("Move Out Date", "Move Out"),
        status=("Tenant Status", "Status"),
        language=_LANGUAGE,
        badge_id=_BADGE,
    ),
    _preset(
        "yardi", "Yardi Voyager (resident directory, rent roll with tenant codes)",
        signature=("Resident Code", "Tenant Code", "Tcode", "Unit Code", "Property Code",
                   "Tstatus", "Cell Phone"),
        status_codes=YARDI_STATUS_CODES,
        property=("Property", "Property Code", "Property Name"),
        unit=("Unit", "Unit Code", "Unit Number"),
        building=("Building", "Bldg"),
        # In Yardi's rent roll "Resident" holds the tenant code (t0012345), not the name.
        external_id=("Resident Code", "Tenant Code", "Tcode", "Resident", "Tenant"),
        name=("Name", "Resident Name", "Tenant Name"),
        first_name=("First Name", "First"),
        last_name=("Last Name", "Last"),
        email=("Email", "Email Address", "E-mail"),
        mobile=("Cell Phone", "Mobile Phone", "Cell", "Mobile", "Phone", "Phone Number",
                "Home Phone", "Office Phone"),
        move_in=("Move In", "Move In Date", "Move-In"),
        move_out=("Move Out", "Move Out Date", "Move-Out"),
        status=("Status", "Tenant Status", "Resident Status", "Tstatus"),
        language=_LANGUAGE,
        badge_id=_BADGE,
    ),
    _preset(
        "realpage", "RealPage OneSite (rent roll, resident list)",
        signature=("Bldg/Unit", "Lease Status", "Res ID", "Resident ID", "Resident Name", "Bldg"),
        property=("Property", "Site", "Property Name"),
        bldg_unit=("Bldg/Unit", "Bldg-Unit", "Building/Unit"),
        unit=("Unit", "Unit Number", "Unit #"),
        building=("Bldg", "Building"),
        external_id=("Resident ID", "Res ID", "Resident Number"),
        name=("Resident", "Resident Name", "Name", "Residents"),
        first_name=("First Name",),
        last_name=("Last Name",),
        email=("Email", "Email Address", "Resident Email"),
        mobile=("Mobile Phone", "Cell Phone", "Mobile", "Phone", "Phone Number", "Home Phone"),
        move_in=("Move-In", "Move In", "Move-In Date", "Move In Date"),
        move_out=("Move-Out", "Move Out", "Move-Out Date", "Move Out Date"),
        status=("Lease Status", "Status", "Resident Status"),
        language=_LANGUAGE,
        badge_id=_BADGE,
    ),
    _preset(
        "entrata", "Entrata (resident data, rent roll)",
        signature=("Customer ID", "Name First", "Name Last", "Mobile Number", "Lease ID",
                   "Primary Phone", "Customer Status"),
        property=("Property", "Property Name"),
        bldg_unit=("Bldg-Unit", "Bldg/Unit", "Building-Unit"),
        unit=("Unit", "Unit Number", "Space"),
        building=("Building", "Bldg"),
        external_id=("Customer ID", "Resident ID", "Lease ID"),
        name=("Resident", "Resident Name", "Name", "Customer Name"),
        first_name=("Name First", "First Name"),
        last_name=("Name Last", "Last Name"),
        email=("Email", "Email Address", "Primary Email"),
        mobile=("Mobile Number", "Mobile Phone", "Primary Phone", "Phone Number", "Phone",
                "Cell Phone"),
        move_in=("Move-In Date", "Move-In", "Move In Date"),
        move_out=("Move-Out Date", "Move-Out", "Move Out Date"),
        status=("Lease Status", "Status", "Customer Status", "Resident Status"),
        language=_LANGUAGE,
        badge_id=_BADGE,
    ),
    _preset(
        "generic", "Generic (Packroom's own column names)",
        signature=("first_name", "last_name", "mobile", "badge_id", "external_id", "language"),
        property=("property",),
        unit=("unit", "unit_number", "apt", "apartment"),
        building=("building", "bldg", "tower"),
        external_id=("external_id", "resident_id", "tenant_id", "id"),
        name=("name", "full_name", "resident"),
        first_name=("first_name", "first", "given_name", "forename"),
        last_name=("last_name", "last", "surname", "family_name"),
        email=("email", "email_address", "e_mail", "mail"),
        mobile=("mobile", "mobile_phone", "cell", "cell_phone", "phone", "phone_number", "sms"),
        language=("language", "lang", "preferred_language", "locale"),
        move_in=("move_in", "move_in_date", "lease_start"),
        move_out=("move_out", "move_out_date"),
        status=("status", "resident_status", "lease_status"),
        badge_id=("badge_id", "badge", "fob", "fob_id", "key_fob"),
    ),
)}

# When two presets explain a file equally well, the neutral one is the honest answer.
_TIE_ORDER = ("generic", "appfolio", "yardi", "realpage", "entrata")


def preset_names() -> list[str]:
    return sorted(PRESETS)


def get_preset(name: str) -> Preset:
    """The preset called ``name`` (any case); :class:`UnknownPreset` lists the valid names."""
    key = re.sub(r"\s+", "", name or "").lower()
    if key not in PRESETS:
        raise UnknownPreset(f"unknown preset {name!r}; valid presets: {', '.join(preset_names())}")
    return PRESETS[key]


def detect_preset(headers: Sequence[str]) -> Preset:
    """The preset that explains most of these headers (distinctive headers count triple).

    Raises :class:`RentRollError` when no preset finds both a unit and a name column.
    """
    normalised = {normalise_header(h) for h in headers}
    best: tuple[int, int, Preset] | None = None
    for rank, name in enumerate(reversed(_TIE_ORDER)):
        preset = PRESETS[name]
        mapped = preset.match(headers)
        if not mapped.usable:
            continue
        score = len(mapped.columns) + 3 * len(preset.signature & normalised)
        if best is None or (score, rank) > best[:2]:
            best = (score, rank, preset)
    if best is None:
        shown = ", ".join(printable(h, 30) for h in headers if h.strip())[:200] or "(none)"
        raise RentRollError(
            f"no preset recognises these columns ({shown}): a unit column and a name column are "
            f"needed; name the system with --preset ({', '.join(preset_names())})"
        )
    log.debug("detected preset %s (score %d)", best[2].name, best[0])
    return best[2]
