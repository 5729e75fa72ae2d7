"""``packroom lockers import FILE [--dry-run]`` and ``packroom lockers list``: describe locker banks
from a CSV and show what is set up.

The CSV has one row per compartment: ``bank, board_url, compartment, size, board, channel``
(see :meth:`kiosk.services.lockers.LockerService.import_csv`). The import is all or nothing:
``import`` exits 0 when the file was imported (or a dry run found no problem), 1 when rows had
errors — each listed with its spreadsheet row number, column and reason, and nothing written —
and 2 with a one-line reason when the file cannot be read.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk.eventlog import Actor


def register(subparsers: Any) -> None:
    """Add the ``lockers`` command and its sub-commands to the ``packroom`` parser."""
    lockers = subparsers.add_parser("lockers", help="describe locker banks from a CSV; list them")
    sub = lockers.add_subparsers(dest="lockers_command", required=True, metavar="COMMAND")
    importing = sub.add_parser(
        "import", help="import locker banks from a CSV, all-or-nothing (exit 1 if any row has an error)",
        description="Describe locker banks from a CSV with the columns bank, board_url, compartment, size "
                    "(S, M, L, XL), board and channel, one row per compartment. Every row is checked first; "
                    "if any has an error nothing is written and each error is listed with its spreadsheet "
                    "row and column. Each bank the file names is described completely by it: its "
                    "compartments missing from the file are removed (refused while one holds a parcel).")
    importing.add_argument("file", metavar="FILE", help="the CSV file describing the banks")
    importing.add_argument("--dry-run", action="store_true",
                           help="check the file and show what would be added, updated and removed; write nothing")
    importing.set_defaults(func=_cmd_import)
    listing = sub.add_parser("list", help="every locker bank with its compartments and their state")
    listing.set_defaults(func=_cmd_list)


def _service(db: Any) -> Any:
    from kiosk.services.credentials import CredentialService, load_hasher
    from kiosk.services.lockers import LockerService
    from kiosk.services.parcels import ParcelService

    credentials = CredentialService(db, load_hasher(db))
    return LockerService(db, ParcelService(db, credentials), kiosk_id="cli")


def _cmd_import(args: argparse.Namespace) -> int:
    from kiosk.cli import CliError, open_database, settings_from
    from kiosk.services.lockers import LockerError

    path = Path(args.file).expanduser()
    if not path.is_file():
        raise CliError(f"{path}: no such file" if not path.exists() else f"{path} is not a file")
    db = open_database(settings_from(args))
    try:
        report = _service(db).import_csv(path, Actor.system("packroom lockers import"), dry_run=args.dry_run)
    except LockerError as exc:
        raise CliError(str(exc)) from None
    finally:
        db.dispose()
    print(report.summary())
    if report.ok and report.dry_run:
        print("dry run: nothing was written")
    return 0 if report.ok else 1


def _cmd_list(args: argparse.Namespace) -> int:
    from kiosk.cli import open_database, settings_from

    db = open_database(settings_from(args))
    try:
        banks = _service(db).banks()
    finally:
        db.dispose()
    if not banks:
        print("no locker banks are set up (packroom lockers import FILE describes one)")
        return 0
    for bank in banks:
        states: dict[str, int] = {}
        for compartment in bank.compartments:
            states[compartment.state.value] = states.get(compartment.state.value, 0) + 1
        summary = ", ".join(f"{count} {state.replace('_', ' ')}" for state, count in states.items())
        print(f"{bank.name}  {bank.board_url}  {len(bank.compartments)} compartment(s): {summary}")
        for c in bank.compartments:
            inside = f"  parcel {c.parcel_code} (unit {c.unit})" if c.parcel_code else ""
            detail = f"  {c.detail}" if c.detail else ""
            print(f"  {c.label:<8} {c.size.value:<3} board {c.board:<3} channel {c.channel:<3} "
                  f"{c.state.value.replace('_', ' ')}{inside}{detail}")
    return 0
