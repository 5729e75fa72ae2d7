"""What an import did, or would do: plain frozen data for the CLI, the UI and the tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

_SHOWN = 50  # lines per section in the summary; the rest are counted


@dataclass(frozen=True)
class RowError:
    """A problem with one row: spreadsheet row (header = 1; 0 = the whole file), column, reason."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" if self.row else "file"
        column = f", {self.column}" if self.column else ""
        return f"{where}{column}: {self.message}"


@dataclass(frozen=True)
class ResidentChange:
    """A resident the import adds or updates; ``fields`` names what changes on an update."""

    row: int
    name: str
    unit: str
    fields: tuple[str, ...] = ()

    def __str__(self) -> str:
        changed = f": {', '.join(self.fields)}" if self.fields else ""
        return f"row {self.row}: {self.name}, unit {self.unit}{changed}"


@dataclass(frozen=True)
class MoveOut:
    """A resident marked moved out, why, and how many waiting parcels now need attention."""

    resident_id: int
    name: str
    unit: str
    move_out: date
    reason: str
    row: int | None = None
    parcels_flagged: int = 0

    def __str__(self) -> str:
        where = f"row {self.row}: " if self.row else ""
        count = self.parcels_flagged
        parcels = f"; {count} waiting parcel{'s' if count != 1 else ''} flagged" if count else ""
        return (f"{where}{self.name}, unit {self.unit}: {self.reason} "
                f"(moved out {self.move_out}){parcels}")


@dataclass(frozen=True)
class ImportReport:
    """The outcome of :func:`kiosk.residents.importer.import_residents` (or its dry-run preview)."""

    source: str
    preset: str
    property_name: str
    rows: int
    added: tuple[ResidentChange, ...]
    updated: tuple[ResidentChange, ...]
    unchanged: int
    moved_out: tuple[MoveOut, ...]
    skipped: int
    errors: tuple[RowError, ...]
    warnings: tuple[str, ...]
    dry_run: bool
    committed: bool
    full_roster: bool = True

    @property
    def ok(self) -> bool:
        """No row had an error (a dry run that would commit, or an import that did)."""
        return not self.errors

    @property
    def parcels_flagged(self) -> int:
        return sum(m.parcels_flagged for m in self.moved_out)

    def counts(self) -> dict[str, int]:
        """The figures recorded in the event log."""
        return {"rows": self.rows, "added": len(self.added), "updated": len(self.updated),
                "unchanged": self.unchanged, "moved_out": len(self.moved_out),
                "skipped": self.skipped, "errors": len(self.errors),
                "parcels_flagged": self.parcels_flagged}

    def summary(self) -> str:
        """Lines a person reads: the figures, who changes, every error, and what was written."""
        lines = [f"{self.source}: preset {self.preset}, property {self.property_name!r}, "
                 f"{self.rows} rows"]
        if not self.errors or self.dry_run:
            lines.append(
                f"  {len(self.added)} to add, {len(self.updated)} to update, "
                f"{self.unchanged} unchanged, {len(self.moved_out)} moved out "
                f"({self.parcels_flagged} waiting parcels flagged), "
                f"{self.skipped} rows skipped"
            )
        for title, items in (("added", self.added), ("updated", self.updated),
                             ("moved out", self.moved_out)):
            if items and (not self.errors or self.dry_run):
                lines.append(f"{title} ({len(items)}):")
                lines.extend(f"  {item}" for item in items[:_SHOWN])
                if len(items) > _SHOWN:
                    lines.append(f"  … and {len(items) - _SHOWN} more")
        for warning in self.warnings:
            lines.append(f"warning: {warning}")
        if self.errors:
            lines.append(f"errors ({len(self.errors)}):")
            lines.extend(f"  {error}" for error in self.errors)
            lines.append("nothing was written: fix these rows and import the file again")
        elif self.dry_run:
            lines.append("dry run: nothing was written; run again without --dry-run to import")
        elif self.committed:
            lines.append("imported: the changes were saved")
        return "\n".join(lines)
