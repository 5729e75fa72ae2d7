"""Rows of a rent roll, parsed and checked: each value validated, duplicates found.

The header may sit below a report title; each row's number is the one a spreadsheet shows
(header = row 1 when there is no title). A row with errors is kept, marked invalid, so that the
person it names is not mistaken for someone who left.
"""

from __future__ import annotations

import csv
import logging
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from kiosk.persistence.models import ResidentStatus
from kiosk.residents.csvfile import CsvText, records, sniff_delimiter
from kiosk.residents.presets import ColumnMap, Preset, RentRollError, detect_preset
from kiosk.residents.report import RowError
from kiosk.residents.values import (
    RowStatus,
    check_email,
    clean,
    fold,
    name_key,
    normalise_phone,
    parse_date,
    parse_language,
    parse_status,
    parse_unit,
    split_building_unit,
    split_name,
)

log = logging.getLogger(__name__)

HEADER_SEARCH_ROWS = 15  # report titles and "as of" lines some systems put above the header
_LIMITS = {"unit": 20, "building": 40, "first_name": 80, "last_name": 80, "external_id": 64,
           "badge_id": 64}
_NOT_A_PERSON = {"vacant", "vacantunit", "model", "modelunit", "down", "admin", "office", "total"}

UnitKey = tuple[str, str]
PersonKey = tuple[str, str, str, str]


def unit_key_of(building: str, unit: str) -> UnitKey:
    return fold(building.strip()), fold(unit.strip())


def unit_label(building: str, unit: str) -> str:
    return f"{building}-{unit}" if building else unit


# --------------------------------------------------------------------------- rows


@dataclass(frozen=True)
class ParsedRow:
    """One resident row, parsed; ``valid`` False when it had errors (it still claims its person)."""

    row: int
    valid: bool
    property_name: str
    building: str
    unit: str
    external_id: str | None
    first_name: str
    last_name: str
    email: str | None = None
    mobile: str | None = None
    language: str | None = None
    badge_id: str | None = None
    move_in: date | None = None
    move_out: date | None = None
    status: RowStatus | None = None
    status_text: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def unit_key(self) -> UnitKey:
        return unit_key_of(self.building, self.unit)

    @property
    def person_key(self) -> PersonKey:
        return (*self.unit_key, name_key(self.first_name), name_key(self.last_name))

    def target(self, today: date) -> tuple[ResidentStatus, str]:
        """The status the resident should have, and why when that is "moved out"."""
        if self.status is RowStatus.PAST:
            return ResidentStatus.MOVED_OUT, f"status {self.status_text!r}"
        if self.move_out is not None and self.move_out <= today:
            return ResidentStatus.MOVED_OUT, "move-out date passed"
        if self.status in (RowStatus.FUTURE, None) and (
            (self.move_in is not None and self.move_in > today)
            or (self.move_in is None and self.status is RowStatus.FUTURE)
        ):
            return ResidentStatus.FUTURE, ""
        return ResidentStatus.ACTIVE, ""


def parse_row(cm: ColumnMap, cells: list[str],
              number: int) -> tuple[ParsedRow | None, list[RowError]]:
    """A row's values checked one by one; (None, []) for a row that holds no resident."""
    errors: list[RowError] = []

    def cell(name: str) -> tuple[str, str]:
        header, text = cm.value(cells, name)
        return header or cm.header(name), clean(text)

    def parse(name: str, parser: Any) -> Any:
        header, text = cell(name)
        try:
            return parser(text)
        except ValueError as exc:
            errors.append(RowError(number, header, str(exc)))
            return None

    status_header, status_text = cell("status")
    try:
        status = parse_status(status_text, cm.preset.status_codes)
    except ValueError as exc:
        errors.append(RowError(number, status_header, str(exc)))
        status = None
    if status is RowStatus.NOT_RESIDENT:
        return None, []

    first, last = cell("first_name")[1], cell("last_name")[1]
    name_header, name = cell("name")
    if not (first or last) and name:
        if name_key(name) in _NOT_A_PERSON:
            return None, []
        first, last = split_name(name)
    if not (first or last):
        name_header = name_header if "name" in cm.columns else cm.header("first_name")
    external_id = cell("external_id")[1] or None
    email_text, mobile_text = cell("email")[1], cell("mobile")[1]
    if not any((first, last, email_text, mobile_text, external_id)):
        if status in (RowStatus.ACTIVE, RowStatus.FUTURE):
            return None, [*errors, RowError(number, name_header, "the name is missing")]
        return None, []  # a vacant unit, or a totals line
    if not (first or last):
        errors.append(RowError(number, name_header, "the name is missing"))

    building_unit_header, building_unit = cell("bldg_unit")
    if building_unit:
        building, unit = split_building_unit(building_unit)
        unit_header = building_unit_header
    else:
        unit_header, unit_text = cell("unit")
        unit = parse_unit(unit_text)
        building = clean(cell("building")[1]).upper()
    if not unit:
        errors.append(RowError(number, unit_header, "the unit is missing"))

    values = {"unit": unit, "building": building, "first_name": first, "last_name": last,
              "external_id": external_id or "", "badge_id": cell("badge_id")[1]}
    for name_, limit in _LIMITS.items():
        if len(values[name_]) > limit:
            header = unit_header if name_ in ("unit", "building") else cm.header(name_)
            errors.append(RowError(number, header, f"longer than {limit} characters"))

    email = parse("email", check_email)
    mobile = parse("mobile", normalise_phone)
    language = parse("language", parse_language)
    move_in = parse("move_in", parse_date)
    move_out = parse("move_out", parse_date)
    if move_in and move_out and move_out < move_in:
        errors.append(RowError(number, cm.header("move_out"),
                               f"move-out date {move_out} is before the move-in date {move_in}"))
    return ParsedRow(
        row=number, valid=not errors, property_name=cell("property")[1], building=building,
        unit=unit, external_id=external_id, first_name=first, last_name=last, email=email,
        mobile=mobile, language=language, badge_id=values["badge_id"] or None, move_in=move_in,
        move_out=move_out, status=status, status_text=status_text,
    ), errors


@dataclass
class ParsedFile:
    preset: Preset
    rows: list[ParsedRow] = field(default_factory=list)
    count: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _header_map(cells: list[str], chosen: Preset | None) -> ColumnMap | None:
    if chosen is not None:
        mapped = chosen.match(cells)
        return mapped if mapped.usable else None
    try:
        return detect_preset(cells).match(cells)
    except RentRollError:
        return None


def parse_file(source: CsvText, chosen: Preset | None) -> ParsedFile:
    """Find the header (maybe below a title), then parse and check every row."""
    cm: ColumnMap | None = None
    first_cells: list[str] | None = None
    parsed: ParsedFile | None = None
    number = 0
    try:
        for number, cells in records(source.text, sniff_delimiter(source.text)):
            blank = not any(c.strip() for c in cells)
            if blank:
                continue
            if cm is None or parsed is None:
                first_cells = first_cells or cells
                cm = _header_map(cells, chosen)
                if cm is not None:
                    parsed = ParsedFile(cm.preset)
                elif number >= HEADER_SEARCH_ROWS:
                    break
                continue
            parsed.count += 1
            row, errors = parse_row(cm, cells, number)
            parsed.errors.extend(errors)
            if row is not None:
                parsed.rows.append(row)
            elif not errors:
                parsed.skipped += 1
    except csv.Error as exc:
        if parsed is None:
            raise RentRollError(f"{source.name} is not a readable CSV file: {exc}") from None
        parsed.errors.append(RowError(number + 1, "", f"the CSV is malformed here ({exc}); "
                                                       "nothing after this row was read"))
    if cm is None or parsed is None:
        if first_cells is None:
            raise RentRollError(f"{source.name} is empty")
        if chosen is not None:
            raise RentRollError(chosen.match(first_cells).problem())
        detect_preset(first_cells)  # raises, naming the columns it saw
        raise RentRollError(f"{source.name}: no header row found")  # pragma: no cover
    if source.note:
        parsed.warnings.append(source.note)
    if cm.ignored:
        more = len(cm.ignored) - 12
        shown = ", ".join(cm.ignored[:12]) + (f" and {more} more" if more > 0 else "")
        parsed.warnings.append(f"columns not imported: {shown}")
    _check_duplicates(parsed, cm)
    if parsed.count == 0:
        parsed.errors.append(RowError(0, "", "the file has a header but no resident rows"))
    return parsed


def _check_duplicates(parsed: ParsedFile, cm: ColumnMap) -> None:
    """Flag repeated rows; an id shared by different people is a household id, not a person's."""
    by_id: dict[str, list[ParsedRow]] = defaultdict(list)
    for row in parsed.rows:
        if row.external_id:
            by_id[row.external_id].append(row)
    shared = {eid for eid, rows in by_id.items() if len({r.person_key for r in rows}) > 1}
    if shared:
        parsed.warnings.append(
            f"column {cm.header('external_id')!r} repeats for different people (a household or "
            "lease id?); those residents are matched by unit and name instead"
        )
        parsed.rows = [_without_id(r) if r.external_id in shared else r for r in parsed.rows]
    seen: dict[tuple[str, ...], int] = {}
    column = cm.header("name") if "name" in cm.columns else cm.header("last_name")
    checked: list[ParsedRow] = []
    for row in parsed.rows:
        key = ("id", row.external_id) if row.external_id else ("person", *row.person_key)
        if key in seen:
            unit = unit_label(row.building, row.unit)
            parsed.errors.append(RowError(row.row, column, f"duplicate of row {seen[key]} "
                                                           f"({row.full_name}, unit {unit})"))
            row = replace(row, valid=False)
        else:
            seen[key] = row.row
        checked.append(row)
    parsed.rows = checked


def _without_id(row: ParsedRow) -> ParsedRow:
    return replace(row, external_id=None)
