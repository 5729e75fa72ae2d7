"""The ``packroom`` command line: core commands, and the plumbing other layers register into.

Each command module offers ``register(subparsers)`` adding its sub-command with a ``func``
that takes the parsed arguments and returns an exit code. Bad input raises :class:`CliError`,
printed as one line naming what is wrong, with exit code 2.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kiosk import __version__
from kiosk.config import ConfigError, Settings, describe_settings, load_settings
from kiosk.persistence.database import (
    SCHEMA_HEAD,
    DatabaseError,
    check_sqlite_file,
    create_db_engine,
    sqlite_path,
    stored_revision,
    take_clean_shutdown,
)
from kiosk.persistence.database import mark_clean_shutdown as mark_sqlite_clean
from kiosk.persistence.uow import Database

log = logging.getLogger(__name__)

Registrar = Callable[[Any], None]


class CliError(Exception):
    """A command cannot go on; the message is the one line the user sees."""


def settings_from(args: argparse.Namespace) -> Settings:
    try:
        return load_settings(getattr(args, "config", None))
    except ConfigError as exc:
        raise CliError(f"configuration: {exc}") from None


def open_database(settings: Settings, *, migrate: bool = True, startup: bool = False) -> Database:
    """Open the configured database, refusing corrupt files; apply pending migrations if asked.

    ``startup`` is the kiosk starting: after a clean shutdown (:func:`mark_clean_shutdown`) the
    SQLite file gets the quick check of its header and schema instead of reading every page, and
    a database already at :data:`SCHEMA_HEAD` is opened without loading Alembic.
    """
    url = settings.database_url
    path = sqlite_path(url)
    try:
        if path is not None:
            check_sqlite_file(path, thorough=not (startup and take_clean_shutdown(path)))
        engine = create_db_engine(url, busy_timeout_ms=settings["database.busy_timeout_ms"])
        if not (startup and migrate and stored_revision(engine) == SCHEMA_HEAD):
            from kiosk.persistence import migrate as migrations  # alembic is slow to import

            if migrate:
                backup_dir = settings.data_dir / "backups" if settings["database.backup_on_upgrade"] else None
                migrations.upgrade(engine, backup_dir=backup_dir)
            else:
                migrations.check_not_newer(engine)
    except DatabaseError as exc:
        raise CliError(str(exc)) from None
    except Exception as exc:  # driver errors: server down, bad credentials, locked file
        raise CliError(f"cannot open the database {_safe_url(url)}: {_first_line(exc)}") from None
    return Database(engine)


def mark_clean_shutdown(settings: Settings) -> None:
    """The kiosk is closing and has released the database: its next start may trust the file."""
    path = sqlite_path(settings.database_url)
    if path is not None and path.exists():
        mark_sqlite_clean(path)


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# --------------------------------------------------------------------------- commands


def _cmd_db_upgrade(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    from kiosk.persistence import migrate as migrations

    db = open_database(settings, migrate=False)
    try:
        before = migrations.current_revision(db.engine)
        backup_dir = settings.data_dir / "backups" if settings["database.backup_on_upgrade"] else None
        backup = migrations.upgrade(db.engine, backup_dir=backup_dir)
        after = migrations.current_revision(db.engine)
    except DatabaseError as exc:
        raise CliError(str(exc)) from None
    if before == after:
        print(f"database is up to date (revision {after})")
    else:
        print(f"database upgraded from {before or 'empty'} to {after}" + (f"; backup: {backup}" if backup else ""))
    return 0


def _cmd_db_status(args: argparse.Namespace) -> int:
    from kiosk.persistence import migrate as migrations

    settings = settings_from(args)
    db = open_database(settings, migrate=False)
    current = migrations.current_revision(db.engine)
    head = migrations.head_revision()
    print(f"database: {_safe_url(settings.database_url)}")
    print(f"revision: {current or 'empty'} (this Packroom: {head})")
    return 0 if current == head else 1


def _cmd_demo(args: argparse.Namespace) -> int:
    from kiosk.services.demo import seed_demo

    db = open_database(settings_from(args))
    summary = seed_demo(db, parcels=args.parcels, force=args.force)
    print(summary)
    return 0


def _cmd_tracking(args: argparse.Namespace) -> int:
    from kiosk.tracking import parse

    all_valid = True
    for text in args.numbers:
        result = parse(text)
        all_valid &= result.valid
        if args.json:
            print(json.dumps(result.as_json(), ensure_ascii=False))
        else:
            verdict = "valid" if result.valid else "INVALID"
            print(f"{text}\t{result.carrier or 'unknown'}\t{verdict}\t{result.number}")
    return 0 if all_valid else 1


def _cmd_log_verify(args: argparse.Namespace) -> int:
    from kiosk.eventlog import verify

    db = open_database(settings_from(args), migrate=False)
    with db.reader() as uow:
        result = verify(uow.session)
    print(result.describe())
    return 0 if result.ok else 1


def _cmd_config(args: argparse.Namespace) -> int:
    if args.defaults:
        sys.stdout.write(describe_settings())
        return 0
    settings = settings_from(args)
    print(f"# configuration file: {settings.source or '(none, defaults)'}")
    print(f"# database: {_safe_url(settings.database_url)}")
    print(f"# data directory: {settings.data_dir}")
    for key in settings:
        print(f"{key} = {settings[key]!r}")
    return 0


def register_core(sub: Any) -> None:
    """Add the core commands (database, demo, tracking, log, config) to the parser."""
    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="COMMAND")
    db_sub.add_parser("upgrade", help="apply pending schema migrations (backs up SQLite first)").set_defaults(
        func=_cmd_db_upgrade
    )
    db_sub.add_parser("status", help="show the schema revision; exit 1 if migrations are pending").set_defaults(
        func=_cmd_db_status
    )

    demo = sub.add_parser("demo", help="seed the demo building (residents, shelves, parcels) into the database")
    demo.add_argument("--parcels", type=int, default=24, help="waiting parcels to create (default 24)")
    demo.add_argument("--force", action="store_true", help="seed even if the database already has residents")
    demo.set_defaults(func=_cmd_demo)

    tracking = sub.add_parser(
        "tracking", help="identify carrier and check digit of tracking numbers; exit 1 if any is invalid"
    )
    tracking.add_argument("numbers", nargs="+", metavar="NUMBER")
    tracking.add_argument("--json", action="store_true", help="one JSON object per line: input, carrier, valid, number")
    tracking.set_defaults(func=_cmd_tracking)

    log_parser = sub.add_parser("log", help="the chain-of-custody event log")
    log_sub = log_parser.add_subparsers(dest="log_command", required=True, metavar="COMMAND")
    log_sub.add_parser(
        "verify", help="recompute the hash chain; report the first broken link (exit 1 if broken)"
    ).set_defaults(func=_cmd_log_verify)

    config = sub.add_parser("config", help="show the effective configuration")
    config.add_argument("--defaults", action="store_true", help="print every setting with its default, as TOML")
    config.set_defaults(func=_cmd_config)


def build_parser(registrars: Sequence[Registrar] = ()) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="packroom",
        description="Packroom: the front-desk kiosk that runs a building's package room.",
    )
    parser.add_argument("--version", action="version", version=f"packroom {__version__}")
    parser.add_argument(
        "--config", metavar="PATH", help="configuration file (default: $PACKROOM_CONFIG or the platform config dir)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    register_core(sub)
    from kiosk.residents.cli import register as register_residents

    register_residents(sub)
    for registrar in registrars:
        registrar(sub)
    return parser


def run_command(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> int:
    """Parse and run one command; turn expected failures into one line on stderr."""
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    try:
        return int(func(args))
    except CliError as exc:
        print(f"packroom: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def resolve(path: str) -> Path:
    return Path(path).expanduser()
