"""``packroom export --from DATE --to DATE --out FILE``: write the offline review bundle.

Exit 0 with a one-line summary when the bundle was written; 2 with a one-line reason on bad
input (dates, an unwritable path). ``packroom review FILE [--verify]`` lives in ``ui/review/cli.py``
because it opens a window; its ``--verify`` path uses :func:`verify_command` from here.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date as YYYY-MM-DD") from None


def register(subparsers: Any) -> None:
    """Add the ``export`` command to the ``packroom`` parser."""
    export = subparsers.add_parser(
        "export", help="write a review bundle (reports, data, checksummed manifest) for a date range",
        description="Write one zip with every report (PDF, XLSX, CSV data, charts), a read-only SQLite "
                    "snapshot of the range and a manifest with the SHA-256 of every member and the "
                    "event-log chain head. Open it anywhere with `packroom review FILE`.")
    export.add_argument("--from", dest="start", type=_date, required=True, metavar="DATE",
                        help="first day, YYYY-MM-DD (building's local time)")
    export.add_argument("--to", dest="end", type=_date, required=True, metavar="DATE",
                        help="last day, YYYY-MM-DD (inclusive)")
    export.add_argument("--out", required=True, metavar="FILE", help="the bundle to write (.zip)")
    export.set_defaults(func=_cmd_export)


def _cmd_export(args: argparse.Namespace) -> int:
    from kiosk.cli import CliError, open_database, settings_from
    from kiosk.reports.bundle import BundleError, export_bundle

    if args.end < args.start:
        raise CliError(f"--to {args.end} is before --from {args.start}")
    out = Path(args.out).expanduser()
    if out.is_dir():
        raise CliError(f"{out} is a folder; give a file name such as {out / 'review.zip'}")
    settings = settings_from(args)
    db = open_database(settings, migrate=False)
    try:
        info = export_bundle(db, settings, args.start, args.end, out)
    except (BundleError, OSError) as exc:
        raise CliError(f"cannot write {out}: {exc}") from None
    finally:
        db.dispose()
    print(f"wrote {info.path} ({info.size / 1_000_000:.1f} MB, {info.members} members, {info.events} events, "
          f"chain head {info.chain_head[:16]}…)")
    return 0


def verify_command(path: str) -> int:
    """Print the verdict on the bundle at ``path``; 0 only if it is intact."""
    from kiosk.reports.bundle import verify_bundle

    verdict = verify_bundle(Path(path))
    print(verdict.describe())
    for problem in verdict.problems[1:] if not verdict.ok else ():
        print(f"  - {problem}")
    return 0 if verdict.ok else 1
