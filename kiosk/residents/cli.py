"""``packroom residents import|search``: rent-roll import and resident look-up on the command line.

``import`` prints the report and exits 0 when the file was imported (or a dry run found no
problem), 1 when rows had errors (nothing was written), and 2 with a one-line reason when the
file cannot be read or the preset is unknown.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import Any

from kiosk.eventlog import Actor
from kiosk.residents.presets import RentRollError, get_preset, preset_names

log = logging.getLogger(__name__)


def register(subparsers: Any) -> None:
    """Add the ``residents`` command and its sub-commands to the ``packroom`` parser."""
    residents = subparsers.add_parser("residents",
                                      help="import residents from a rent roll; search them")
    sub = residents.add_subparsers(dest="residents_command", required=True, metavar="COMMAND")

    importing = sub.add_parser(
        "import",
        help="import a rent-roll CSV, all-or-nothing (exit 1 if any row has an error)",
        description="Import residents from a rent-roll CSV export. Every row is checked first; "
                    "if any has an error nothing is written and each error is listed with its "
                    "spreadsheet row and column. Residents missing from a full roster, or whose "
                    "move-out date has passed, are marked moved out and their waiting parcels are "
                    "flagged for attention.",
    )
    importing.add_argument("file", metavar="FILE",
                           help="the CSV file exported from the property system")
    importing.add_argument("--preset", metavar="NAME",
                           help=f"column layout: {', '.join(preset_names())} (default: detected "
                                "from the column headers)")
    importing.add_argument("--dry-run", action="store_true",
                           help="show what would be added, updated and moved out; write nothing")
    importing.add_argument("--partial", action="store_true",
                           help="the file lists only some residents: nobody is moved out for "
                                "being absent from it")
    importing.add_argument("--property", metavar="NAME",
                           help="property to import into (default: the only one in the database)")
    importing.set_defaults(func=_cmd_import)

    search = sub.add_parser("search",
                            help="find residents by name (typos forgiven), unit or phone digits")
    search.add_argument("query", nargs="+", metavar="QUERY",
                        help="a name, a unit, or the last 4+ digits of a phone number")
    search.add_argument("--limit", type=int, default=10, help="most results to show (default 10)")
    search.add_argument("--all", action="store_true", help="include residents who moved out")
    search.set_defaults(func=_cmd_search)


def _cmd_import(args: argparse.Namespace) -> int:
    from kiosk.cli import CliError, open_database, settings_from
    from kiosk.residents.importer import import_residents

    path = Path(args.file).expanduser()
    try:
        if args.preset:
            get_preset(args.preset)  # before the database is opened: a typo costs nothing
    except RentRollError as exc:
        raise CliError(str(exc)) from None
    if not path.is_file():
        raise CliError(f"{path}: no such file" if not path.exists() else f"{path} is not a file")
    db = open_database(settings_from(args))
    try:
        report = import_residents(db, path, preset=args.preset, dry_run=args.dry_run,
                                  property_name=args.property, full_roster=not args.partial,
                                  actor=Actor.system("packroom residents import"))
    except RentRollError as exc:
        raise CliError(str(exc)) from None
    finally:
        db.dispose()
    print(report.summary())
    return 0 if report.ok else 1


def _cmd_search(args: argparse.Namespace) -> int:
    from kiosk.cli import open_database, settings_from
    from kiosk.residents.directory import ResidentDirectory

    query = " ".join(args.query)
    db = open_database(settings_from(args))
    try:
        hits = ResidentDirectory(db, max_age=None).search(query, limit=max(args.limit, 1),
                                                          include_moved_out=args.all)
    finally:
        db.dispose()
    if not hits:
        print(f"no resident matches {query!r}")
        return 1
    for hit in hits:
        unit = f"{hit.building}-{hit.unit}" if hit.building else hit.unit
        print(f"{hit.resident_id:>6}  {hit.full_name:<32} unit {unit:<8} {hit.status.value:<9} "
              f"{hit.score:5.1f}  {hit.matched_on}")
    return 0
