"""Import residents from a rent-roll CSV: all-or-nothing, previewable, with move-out detection.

The file is read and every row checked first; errors carry the row number a spreadsheet shows
(header = row 1), the column and the reason. Only a file without a single bad row is written,
in one transaction together with one ``residents.imported`` event, so the building never has
half a roster. A dry run computes exactly the same plan and writes nothing.

Matching: a row is the same person as a resident already known when the export's resident id
(tenant code, Tenant ID…) matches, else when unit and name match (accents, case and punctuation
ignored). A full roster is the whole truth: residents it no longer lists are marked moved out,
and their waiting parcels go to the needs-attention list. An empty cell never erases what
Packroom already knows (a mobile number staff added, say).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk import eventlog
from kiosk.eventlog import SYSTEM, Actor
from kiosk.persistence.models import (
    WAITING_STATUSES,
    Parcel,
    Property,
    Resident,
    ResidentAlias,
    ResidentStatus,
    Unit,
)
from kiosk.persistence.uow import Database
from kiosk.residents import directory
from kiosk.residents.csvfile import Source, read_source
from kiosk.residents.presets import (
    RentRollError,
    get_preset,
)
from kiosk.residents.report import ImportReport, MoveOut, ResidentChange, RowError
from kiosk.residents.rows import (
    ParsedRow,
    PersonKey,
    UnitKey,
    parse_file,
    unit_key_of,
    unit_label,
)
from kiosk.residents.values import (
    fold,
    name_key,
)

__all__ = ["ATTENTION_MOVED_OUT", "ImportReport", "MoveOut", "RentRollError", "ResidentChange",
           "RowError", "import_residents"]

log = logging.getLogger(__name__)

ATTENTION_MOVED_OUT = "recipient moved out"
EVENT_KIND = "residents.imported"
DEFAULT_PROPERTY_NAME = "Main property"
# A "full roster" that would move out most of the building is far more likely a partial export.
MASS_MOVE_OUT_MIN = 5
MASS_MOVE_OUT_SHARE = 0.5
_FIELD_ORDER = ("unit", "first_name", "last_name", "email", "mobile", "language", "badge_id",
                "external_id", "status", "move_in", "move_out")

# --------------------------------------------------------------------------- database state


@dataclass(frozen=True)
class _Known:
    """A resident already in the database, as plain values."""

    id: int
    unit_id: int
    building: str
    unit: str
    external_id: str | None
    first_name: str
    last_name: str
    email: str | None
    mobile: str | None
    language: str
    badge_id: str | None
    status: ResidentStatus
    move_in: date | None
    move_out: date | None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def person_key(self) -> PersonKey:
        unit = unit_key_of(self.building, self.unit)
        return (*unit, name_key(self.first_name), name_key(self.last_name))


@dataclass
class _State:
    property_id: int | None
    property_name: str
    residents: list[_Known]
    units: dict[UnitKey, int]
    badges: dict[str, tuple[int, ResidentStatus, str]]  # badge → holder id, status, "name, unit"
    waiting: dict[int, int]  # resident id → waiting parcels


def _load_state(session: Session, prop: Property | None, name: str) -> _State:
    badges = {
        badge: (rid, status, f"{first} {last}".strip())
        for rid, badge, status, first, last in session.execute(
            select(Resident.id, Resident.badge_id, Resident.status, Resident.first_name,
                   Resident.last_name).where(Resident.badge_id.is_not(None)))
        if badge
    }
    if prop is None:
        return _State(None, name, [], {}, badges, {})
    rows = session.execute(
        select(Resident.id, Resident.unit_id, Unit.building, Unit.number.label("unit"),
               Resident.external_id,
               Resident.first_name, Resident.last_name, Resident.email, Resident.mobile,
               Resident.language, Resident.badge_id, Resident.status, Resident.move_in,
               Resident.move_out)
        .join(Unit, Resident.unit_id == Unit.id)
        .where(Unit.property_id == prop.id)
        .order_by(Resident.id)
    ).all()
    residents = [_Known(**row._asdict()) for row in rows]
    units = {unit_key_of(b, n): uid for uid, b, n in session.execute(
        select(Unit.id, Unit.building, Unit.number).where(Unit.property_id == prop.id))}
    waiting = {rid: count for rid, count in session.execute(
        select(Parcel.resident_id, func.count())
        .join(Resident, Parcel.resident_id == Resident.id)
        .join(Unit, Resident.unit_id == Unit.id)
        .where(Unit.property_id == prop.id, Parcel.status.in_(WAITING_STATUSES))
        .group_by(Parcel.resident_id)
    ) if rid is not None}
    return _State(prop.id, prop.name, residents, units, badges, waiting)


def _choose_property(
    session: Session, requested: str | None, rows: list[ParsedRow]
) -> tuple[Property | None, str, list[ParsedRow], int, list[RowError]]:
    """The property to import into, the rows that belong to it, rows left out, and any error."""
    in_file = sorted({r.property_name for r in rows if r.property_name}, key=fold)
    listed = ", ".join(in_file[:8]) + (" …" if len(in_file) > 8 else "")
    properties = list(session.scalars(select(Property).order_by(Property.id)))
    if requested:
        wanted = name_key(requested)
        prop = next((p for p in properties if name_key(p.name) == wanted), None)
        kept = rows
        if len(in_file) > 1:
            kept = [r for r in rows if not r.property_name or name_key(r.property_name) == wanted]
            if not any(r.property_name for r in kept):
                return prop, requested, [], 0, [RowError(
                    0, "", f"no row is for property {requested!r}; the file lists {listed}")]
        return prop, prop.name if prop else requested[:120], kept, len(rows) - len(kept), []
    if len(properties) > 1:
        names = ", ".join(p.name for p in properties)
        return None, "", rows, 0, [RowError(
            0, "", f"the database holds several properties ({names}); name one with --property")]
    if len(in_file) > 1:
        return None, "", rows, 0, [RowError(
            0, "", f"the file lists several properties ({listed}); name the one to import with "
                   "--property")]
    if properties:
        return properties[0], properties[0].name, rows, 0, []
    return None, (in_file[0] if in_file else DEFAULT_PROPERTY_NAME)[:120], rows, 0, []


# --------------------------------------------------------------------------- the plan


@dataclass
class _Plan:
    creates: list[tuple[ParsedRow, ResidentStatus]] = field(default_factory=list)
    updates: list[tuple[_Known, dict[str, Any], ParsedRow]] = field(default_factory=list)
    quiet_updates: list[tuple[_Known, dict[str, Any]]] = field(default_factory=list)
    aliases: list[tuple[int, str]] = field(default_factory=list)
    move_outs: list[MoveOut] = field(default_factory=list)
    badge_releases: list[int] = field(default_factory=list)
    unchanged: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)


def _diff(known: _Known, row: ParsedRow, target: ResidentStatus) -> dict[str, Any]:
    """What would change on a known resident; empty cells change nothing."""
    changes: dict[str, Any] = {}
    if unit_key_of(known.building, known.unit) != row.unit_key:
        changes["unit"] = (row.building, row.unit)
    if row.first_name != known.first_name:
        changes["first_name"] = row.first_name
    if row.last_name != known.last_name:
        changes["last_name"] = row.last_name
    for name in ("email", "mobile", "language", "external_id", "move_in", "move_out"):
        value = getattr(row, name)
        if value is not None and value != getattr(known, name):
            changes[name] = value
    moving_out = target is ResidentStatus.MOVED_OUT
    if row.badge_id is not None and row.badge_id != known.badge_id and not moving_out:
        changes["badge_id"] = row.badge_id
    if target is not known.status:
        changes["status"] = target
        if known.status is ResidentStatus.MOVED_OUT and row.move_out is None and known.move_out:
            changes["move_out"] = None  # back again: the old move-out date no longer holds
    return changes


def _match(rows: list[ParsedRow], known: list[_Known]) -> dict[int, _Known]:
    """Row number → the known resident it is: by resident id first, then by unit and name."""
    by_id = {k.external_id: k for k in known if k.external_id}
    by_person: dict[PersonKey, list[_Known]] = defaultdict(list)
    for k in known:
        by_person[k.person_key].append(k)
    matched: dict[int, _Known] = {}
    claimed: set[int] = set()
    for row in rows:
        hit = by_id.get(row.external_id) if row.external_id else None
        if hit is not None and hit.id not in claimed:
            matched[row.row] = hit
            claimed.add(hit.id)
    for row in rows:
        if row.row in matched:
            continue
        candidates = [k for k in by_person.get(row.person_key, ()) if k.id not in claimed]
        if candidates:
            # The current record before an old moved-out one; the newest among equals.
            hit = max(candidates, key=lambda k: (k.status is not ResidentStatus.MOVED_OUT, k.id))
            matched[row.row] = hit
            claimed.add(hit.id)
    return matched


def _plan(rows: list[ParsedRow], state: _State, today: date, full_roster: bool) -> _Plan:
    plan = _Plan()
    matched = _match(rows, state.residents)
    final_status = {k.id: k.status for k in state.residents}
    badge_claims: list[tuple[ParsedRow, int | None]] = []
    for row in rows:
        known = matched.get(row.row)
        if not row.valid:
            continue  # its errors are reported; it only keeps its resident from looking absent
        target, reason = row.target(today)
        if known is None:
            if target is ResidentStatus.MOVED_OUT:
                plan.skipped += 1  # a past resident Packroom never knew: nothing to do
                continue
            plan.creates.append((row, target))
            if row.badge_id:
                badge_claims.append((row, None))
            continue
        changes = _diff(known, row, target)
        if "badge_id" in changes:
            badge_claims.append((row, known.id))
        renamed = "first_name" in changes or "last_name" in changes
        if renamed and known.full_name and name_key(known.full_name) != name_key(row.full_name):
            plan.aliases.append((known.id, known.full_name))  # parcels still come in the old name
        if target is ResidentStatus.MOVED_OUT and known.status is not ResidentStatus.MOVED_OUT:
            when = row.move_out if row.move_out is not None and row.move_out <= today else today
            plan.move_outs.append(_move_out(known, when, reason, row.row, state))
            final_status[known.id] = ResidentStatus.MOVED_OUT
            changes = {k: v for k, v in changes.items() if k not in ("status", "move_out")}
            if changes:
                plan.quiet_updates.append((known, changes))
        elif changes:
            plan.updates.append((known, changes, row))
            final_status[known.id] = changes.get("status", known.status)
        else:
            plan.unchanged += 1
    if full_roster:
        seen = {k.id for k in matched.values()}
        absent = [k for k in state.residents
                  if k.id not in seen and k.status is not ResidentStatus.MOVED_OUT]
        current = sum(k.status is not ResidentStatus.MOVED_OUT for k in state.residents)
        if len(absent) > MASS_MOVE_OUT_MIN and len(absent) > MASS_MOVE_OUT_SHARE * current:
            plan.errors.append(RowError(
                0, "", f"{len(absent)} of {current} current residents are missing from the file; "
                       "if it lists only some residents, import it as a partial list (--partial)"))
        for k in absent:
            plan.move_outs.append(_move_out(k, today, "not in the roster", None, state))
            final_status[k.id] = ResidentStatus.MOVED_OUT
    _check_badges(plan, state, badge_claims, final_status)
    return plan


def _move_out(known: _Known, when: date, reason: str, row: int | None, state: _State) -> MoveOut:
    return MoveOut(resident_id=known.id, name=known.full_name,
                   unit=unit_label(known.building, known.unit), move_out=when, reason=reason,
                   row=row, parcels_flagged=state.waiting.get(known.id, 0))


def _check_badges(plan: _Plan, state: _State, claims: list[tuple[ParsedRow, int | None]],
                  final_status: dict[int, ResidentStatus]) -> None:
    """A badge opens the room for one person: taken from a moved-out holder, refused otherwise."""
    seen: dict[str, int] = {}
    for row, resident_id in claims:
        badge = row.badge_id or ""
        if badge in seen:
            plan.errors.append(RowError(row.row, "badge",
                                        f"badge {badge!r} is also on row {seen[badge]}"))
            continue
        seen[badge] = row.row
        holder = state.badges.get(badge)
        if holder is None or holder[0] == resident_id:
            continue
        holder_id, holder_status, holder_name = holder
        if final_status.get(holder_id, holder_status) is ResidentStatus.MOVED_OUT:
            plan.badge_releases.append(holder_id)
        else:
            plan.errors.append(RowError(row.row, "badge",
                                        f"badge {badge!r} already belongs to {holder_name}"))


# --------------------------------------------------------------------------- writing


def _apply(session: Session, plan: _Plan, state: _State, prop: Property) -> None:
    """Write the plan in the caller's transaction."""
    if plan.badge_releases:
        for resident in _residents(session, plan.badge_releases):
            resident.badge_id = None
        session.flush()  # free the badges before anyone else takes them (unique constraint)

    unit_ids = dict(state.units)

    def unit_id(key: UnitKey, building: str, number: str) -> int:
        if key not in unit_ids:
            unit = Unit(property_id=prop.id, building=building, number=number)
            session.add(unit)
            session.flush()
            unit_ids[key] = unit.id
        return unit_ids[key]

    for row, status in plan.creates:
        session.add(Resident(
            unit_id=unit_id(row.unit_key, row.building, row.unit), external_id=row.external_id,
            first_name=row.first_name, last_name=row.last_name, email=row.email, mobile=row.mobile,
            language=row.language or "en", badge_id=row.badge_id, status=status,
            move_in=row.move_in, move_out=row.move_out,
        ))
    edits = [(known.id, changes) for known, changes, _ in plan.updates] + [
        (known.id, changes) for known, changes in plan.quiet_updates]
    loaded = {r.id: r for r in _residents(session, [rid for rid, _ in edits])}
    for rid, changes in edits:
        resident = loaded[rid]
        for name, value in changes.items():
            if name == "unit":
                resident.unit_id = unit_id(unit_key_of(*value), *value)
            else:
                setattr(resident, name, value)
    for rid, alias in plan.aliases:
        exists = session.scalar(select(ResidentAlias.id).where(
            ResidentAlias.resident_id == rid, ResidentAlias.alias == alias))
        if exists is None:
            session.add(ResidentAlias(resident_id=rid, alias=alias[:160]))

    moving = {m.resident_id: m for m in plan.move_outs}
    for resident in _residents(session, list(moving)):
        resident.status = ResidentStatus.MOVED_OUT
        resident.move_out = moving[resident.id].move_out
    for chunk in _chunks(list(moving)):
        for parcel in session.scalars(select(Parcel).where(Parcel.resident_id.in_(chunk),
                                                           Parcel.status.in_(WAITING_STATUSES))):
            parcel.needs_attention = True
            parcel.attention_reason = ATTENTION_MOVED_OUT
    session.flush()


def _chunks(ids: list[int], size: int = 500) -> list[list[int]]:
    return [ids[i:i + size] for i in range(0, len(ids), size)]


def _residents(session: Session, ids: list[int]) -> list[Resident]:
    found: list[Resident] = []
    for chunk in _chunks(ids):
        found.extend(session.scalars(select(Resident).where(Resident.id.in_(chunk))))
    return found


# --------------------------------------------------------------------------- the service


def import_residents(
    db: Database,
    source: Source,
    preset: str | None = None,
    dry_run: bool = False,
    today: date | None = None,
    property_name: str | None = None,
    *,
    full_roster: bool = True,
    actor: Actor = SYSTEM,
) -> ImportReport:
    """Import a rent-roll CSV (path or open file) all-or-nothing; ``dry_run`` previews only.

    ``preset`` names the export's system (None: detected from the headers). ``full_roster``
    False imports a partial list: nobody is moved out for being absent from it. File-level
    problems (unreadable, too big, unknown preset or layout) raise :class:`RentRollError`;
    row problems are returned in :attr:`ImportReport.errors`, and then nothing is written.
    """
    today = today or date.today()
    chosen = get_preset(preset) if preset else None  # an unknown preset fails before any reading
    text = read_source(source)
    parsed = parse_file(text, chosen)
    with (db.reader() if dry_run else db.uow()) as uow:
        session = uow.session
        prop, prop_name, rows, other_property, errors = _choose_property(
            session, property_name, parsed.rows)
        state = _load_state(session, prop, prop_name)
        plan = _plan(rows, state, today, full_roster)
        all_errors = sorted([*parsed.errors, *errors, *plan.errors],
                            key=lambda e: (e.row, e.column))

        def report(committed: bool) -> ImportReport:
            return ImportReport(
                source=text.name, preset=parsed.preset.name, property_name=prop_name,
                rows=parsed.count,
                added=tuple(ResidentChange(r.row, r.full_name, unit_label(r.building, r.unit))
                            for r, _ in plan.creates),
                updated=tuple(ResidentChange(r.row, r.full_name, unit_label(r.building, r.unit),
                                             tuple(f for f in _FIELD_ORDER if f in changes))
                              for _, changes, r in plan.updates),
                unchanged=plan.unchanged, moved_out=tuple(plan.move_outs),
                skipped=parsed.skipped + plan.skipped + other_property, errors=tuple(all_errors),
                warnings=tuple(parsed.warnings), dry_run=dry_run, committed=committed,
                full_roster=full_roster,
            )

        if all_errors or dry_run:
            return report(committed=False)
        if prop is None:
            prop = Property(name=prop_name)
            session.add(prop)
            session.flush()
        _apply(session, plan, state, prop)
        result = report(committed=True)
        eventlog.append(session, EVENT_KIND, actor, subject_kind="property", subject_id=prop.id,
                        data={"source": result.source, "preset": result.preset,
                              "full_roster": full_roster, **result.counts(),
                              "moved_out_ids": [m.resident_id for m in plan.move_outs]})
        uow.commit()
    directory.notify_changed()
    log.info("imported %s (%s): %s", result.source, result.preset, result.counts())
    return result
