"""The composition root: ``main(argv)`` is the ``packroom`` command; ``build_application``
wires the whole kiosk from a settings object, in order, with every dependency passed explicitly:

settings → logging → database (+ migrations) → core services → devices → view-models → views.

Tests call :func:`build_application` with their own settings and drive the real window.
"""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import socket
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import resources
from kiosk.cli import CliError, build_parser, open_database, run_command, settings_from
from kiosk.config import Settings
from kiosk.jobs.scheduler import JobSchedule, build_scheduler
from kiosk.notifications import (
    Backlog,
    ChannelConfigError,
    Channels,
    NoticePolicy,
    OutboxSender,
    TemplateStore,
    system_clock,
)
from kiosk.persistence.uow import Database
from kiosk.residents.directory import ResidentDirectory
from kiosk.services.credentials import CredentialPolicy, CredentialService, load_hasher
from kiosk.services.demo import is_empty, seed_demo
from kiosk.services.doors import DoorService
from kiosk.services.parcels import ParcelService
from kiosk.services.staff import StaffService
from ui.i18n import LanguageManager
from ui.idle import IdleWatcher
from ui.main_window import MainWindow
from ui.screens.staff.intake import IntakeScreen
from ui.screens.staff.parcels import ParcelListScreen
from ui.screens.staff.shell import StaffShell
from ui.tasks import TaskRunner
from ui.viewmodels.intake import IntakeViewModel
from ui.viewmodels.parcel_list import ParcelListViewModel
from ui.viewmodels.pickup import PickupViewModel
from ui.viewmodels.staff_session import StaffSessionViewModel
from ui.widgets.health_bar import HealthBar

log = logging.getLogger(__name__)


@dataclass
class KioskApplication:
    """Everything the running kiosk is made of; tests reach the parts through it."""

    settings: Settings
    db: Database
    credentials: CredentialService
    parcels: ParcelService
    staff: StaffService
    directory: ResidentDirectory
    runner: TaskRunner
    languages: LanguageManager
    pickup: PickupViewModel
    staff_session: StaffSessionViewModel
    intake: IntakeViewModel
    parcel_list: ParcelListViewModel
    health: HealthBar
    window: MainWindow
    idle: IdleWatcher
    staff_idle: IdleWatcher
    sender: OutboxSender
    jobs: JobSchedule
    extras: dict[str, Any] = field(default_factory=dict)

    def start(self) -> None:
        """Start the background work: scheduled jobs (the outbox sender among them)."""
        if not self.jobs.running:
            self.jobs.start()

    def close(self) -> None:
        if self.jobs.running:
            self.jobs.stop(wait=True)
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)
            app.removeEventFilter(self.staff_idle)
        self.languages.set_language("en")
        self.window.close()
        self.runner.shutdown()
        self.db.dispose()


def setup_logging(settings: Settings, verbose: bool = False) -> None:
    """A rotating log file in the platform log directory, and an excepthook that logs crashes."""
    log_dir = settings.log_dir
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(log_dir / "packroom.log", maxBytes=5_000_000,
                                                       backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    except OSError as exc:
        print(f"packroom: cannot write logs to {log_dir}: {exc.strerror}", file=sys.stderr)

    def excepthook(kind: type[BaseException], value: BaseException, tb: Any) -> None:
        logging.getLogger("packroom.crash").critical("unhandled exception", exc_info=(kind, value, tb))
        sys.__excepthook__(kind, value, tb)

    sys.excepthook = excepthook


def build_application(settings: Settings, *, db: Database | None = None, runner: TaskRunner | None = None,
                      kiosk_id: str | None = None, demo: bool | None = None) -> KioskApplication:
    """Wire the whole kiosk from ``settings`` (a QApplication must exist)."""
    kiosk_id = kiosk_id or socket.gethostname()
    db = db or open_database(settings)
    if demo if demo is not None else (settings["kiosk.demo"] and is_empty(db)):
        seed_demo(db)
    policy = CredentialPolicy(
        code_length=settings["pickup.code_length"], valid_days=settings["pickup.code_valid_days"],
        max_attempts=settings["pickup.max_attempts"], lockout_seconds=settings["pickup.lockout_seconds"],
    )
    credentials = CredentialService(db, load_hasher(db), policy, kiosk_id=kiosk_id)
    parcels = ParcelService(db, credentials, kiosk_id=kiosk_id)
    staff = StaffService(db, max_attempts=settings["staff.max_pin_attempts"], kiosk_id=kiosk_id)
    directory = ResidentDirectory(db)
    try:
        channels = Channels.from_settings(settings)
    except ChannelConfigError as exc:  # a bad URL must not keep the kiosk from starting
        log.error("notifications are off until the settings are fixed: %s", exc)
        channels = Channels()
    sender = OutboxSender(db, channels, system_clock, templates=TemplateStore(db),
                          policy=NoticePolicy.from_settings(settings))
    jobs = build_scheduler(db, settings, sender, system_clock)

    runner = runner or TaskRunner()
    languages = LanguageManager(settings["kiosk.language"])
    staff_session = StaffSessionViewModel(staff, runner, scope=f"keypad:{kiosk_id}")
    pickup = PickupViewModel(credentials, parcels, runner, scope=f"keypad:{kiosk_id}", staff=staff_session,
                             door=None, doors=DoorService(db, parcels, kiosk_id=kiosk_id))
    intake = IntakeViewModel(parcels, directory, runner, staff=lambda: staff_session.session)
    parcel_list = ParcelListViewModel(parcels, runner, staff=lambda: staff_session.session,
                                      perishable_alert_hours=settings["room.perishable_alert_hours"])

    health = HealthBar()
    shell = StaffShell(staff_session, [
        ("Intake", IntakeScreen(intake)),
        ("Parcels", ParcelListScreen(parcel_list)),
    ], health_bar=health)
    backlog_timer = QTimer(shell)
    backlog_timer.setInterval(10_000)

    def show_backlog(backlog: Backlog) -> None:
        health.set_backlog(backlog, configured=bool(channels.configured))

    backlog_timer.timeout.connect(lambda: runner.submit(sender.backlog, show_backlog))

    def _backlog_now(_session: object) -> None:
        backlog_timer.start()
        runner.submit(sender.backlog, show_backlog)

    staff_session.signed_in.connect(_backlog_now)
    staff_session.signed_out.connect(lambda _r: backlog_timer.stop())
    window = MainWindow(pickup, languages, settings["property.name"], staff_session, shell)

    idle = IdleWatcher(settings["kiosk.idle_reset_seconds"])
    idle.idle.connect(pickup.reset)
    idle.idle.connect(languages.reset)
    staff_idle = IdleWatcher(settings["kiosk.staff_idle_signout_seconds"])
    staff_idle.idle.connect(lambda: staff_session.sign_out("idle"))
    staff_session.signed_in.connect(lambda _s: staff_idle.poke())
    staff_session.signed_out.connect(lambda _r: intake.reset())
    # A parcel just logged: send its notice now rather than at the next outbox pass.
    intake.saved.connect(lambda _result: jobs.run_now("outbox") if jobs.running else None)
    app = QApplication.instance()
    if app is not None:
        app.installEventFilter(idle)
        app.installEventFilter(staff_idle)
        if isinstance(app, QApplication):
            app.setStyleSheet(resources.text("styles", "kiosk.qss"))
    return KioskApplication(settings=settings, db=db, credentials=credentials, parcels=parcels, staff=staff,
                            directory=directory, runner=runner, languages=languages, pickup=pickup,
                            staff_session=staff_session, intake=intake, parcel_list=parcel_list, health=health,
                            window=window, idle=idle, staff_idle=staff_idle, sender=sender, jobs=jobs)


def _cmd_run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    if args.fullscreen:
        settings = settings.replace(kiosk__fullscreen=True)
    setup_logging(settings, args.verbose)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Packroom")
    # With no configuration file at all, an empty database becomes the demo building.
    demo = True if args.demo else None
    if demo is None and settings.source is None:
        settings = settings.replace(kiosk__demo=True)
    kiosk = build_application(settings, demo=demo)
    kiosk.start()
    if settings["kiosk.fullscreen"]:
        kiosk.window.lock_down()
    else:
        kiosk.window.resize(1280, 800)
        kiosk.window.show()
    if args.screenshot:
        def _shoot() -> None:
            kiosk.window.grab().save(args.screenshot)
            app.quit()

        QTimer.singleShot(1500, _shoot)
    code = app.exec()
    kiosk.close()
    return int(code)


def register_run(sub: Any) -> None:
    run = sub.add_parser("run", help="start the kiosk (demo building on an empty database with no config)")
    run.add_argument("--demo", action="store_true", help="seed the demo building if the database is empty")
    run.add_argument("--fullscreen", action="store_true", help="kiosk lockdown: full screen, no window chrome")
    run.add_argument("--screenshot", metavar="PNG", help=argparse.SUPPRESS)
    run.set_defaults(func=_cmd_run)


def _registrars() -> list[Any]:
    registrars: list[Any] = [register_run]
    try:
        from hardware.cli import register as register_hardware
    except ImportError:  # the hardware CLI is optional in a stripped-down build
        log.debug("hardware commands unavailable", exc_info=True)
    else:
        registrars.append(register_hardware)
    return registrars


def main(argv: Sequence[str] | None = None) -> int:
    """The ``packroom`` console entry point."""
    parser = build_parser(_registrars())
    return run_command(parser, list(sys.argv[1:] if argv is None else argv))


__all__ = ["CliError", "KioskApplication", "build_application", "main"]
