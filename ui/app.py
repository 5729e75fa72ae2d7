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

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

import resources
from hardware.base import DeviceStatus
from hardware.cli import register as register_hardware
from hardware.door.supervisor import DoorEvent
from hardware.labelread import LazyLabelReader
from hardware.labelread import register as register_labels
from hardware.lockers.coordinator import LockerCoordinator
from hardware.lockers.factory import LockBoards
from hardware.manager import CAMERA, DeviceManager
from hardware.udev import register as register_udev
from kiosk.cli import CliError, build_parser, mark_clean_shutdown, open_database, run_command, settings_from
from kiosk.config import Settings, default_config_path
from kiosk.firstrun import needs_setup
from kiosk.jobs.backup import register as register_backup
from kiosk.jobs.scheduler import JobSchedule, build_scheduler
from kiosk.jobs.weekly_report import reports_folder
from kiosk.labelread.defaults import TESSDATA_SETTING
from kiosk.labelread.ocr import OcrUnavailable, check_available
from kiosk.lockers_cli import register as register_lockers
from kiosk.notifications import (
    Backlog,
    ChannelConfigError,
    Channels,
    NoticePolicy,
    OutboxSender,
    TemplateStore,
    system_clock,
)
from kiosk.notifications.editor import TemplateEditor
from kiosk.notifications.policy import property_tz
from kiosk.persistence.uow import Database
from kiosk.reports.bundle import BundleExporter
from kiosk.reports.cli import register as register_export
from kiosk.reports.service import ReportService
from kiosk.residents.directory import ResidentDirectory
from kiosk.services.audits import AuditService
from kiosk.services.building import BuildingService
from kiosk.services.carrier_access import SNAPSHOT_DIR, CarrierAccessPolicy, CarrierAccessService, carrier_code_length
from kiosk.services.credentials import CredentialPolicy, CredentialService, load_hasher
from kiosk.services.demo import is_empty, seed_demo
from kiosk.services.desk import DeskService
from kiosk.services.device_log import DeviceLog
from kiosk.services.doors import DoorService
from kiosk.services.lockers import LockerService
from kiosk.services.parcels import ParcelService
from kiosk.services.pickup_confirm import PickupConfirmService
from kiosk.services.resident_prefs import ResidentPrefsService
from kiosk.services.residents_admin import ResidentAdminService
from kiosk.services.room_map import RoomMapService
from kiosk.services.staff import StaffService
from kiosk.services.staff_accounts import StaffAccountService
from kiosk.services.tracking_lookup import TrackingLookupService
from ui.devices import DeviceBridge
from ui.i18n import LanguageManager
from ui.idle import IdleWatcher
from ui.main_window import MainWindow
from ui.printing import LabelPrinting
from ui.review.cli import register as register_review
from ui.scan_router import ScanRouter
from ui.screens.carrier import install_carrier
from ui.screens.confirm_pickup import install_pickup_confirm
from ui.screens.locker_pickup import LockerPickupScreen
from ui.screens.my_preferences import install_preferences
from ui.screens.staff.audit import AuditScreen
from ui.screens.staff.building import BuildingScreen, StaffAccountsScreen
from ui.screens.staff.carriers import CarrierCodesScreen
from ui.screens.staff.desk_pickup import DeskPickupScreen
from ui.screens.staff.intake import IntakeScreen
from ui.screens.staff.lockers import LockersScreen
from ui.screens.staff.parcels import ParcelListScreen
from ui.screens.staff.reports import ReportsScreen
from ui.screens.staff.residents import ResidentImportScreen, ResidentsScreen
from ui.screens.staff.shell import StaffShell
from ui.screens.staff.templates import TemplatesScreen
from ui.screens.track import install_tracking
from ui.selftest import register as register_self_test
from ui.selftest import self_test_argv
from ui.tasks import TaskRunner
from ui.viewmodels.audit import AuditViewModel
from ui.viewmodels.building import BuildingViewModel, StaffAccountsViewModel
from ui.viewmodels.carrier import CarrierVisitViewModel
from ui.viewmodels.carrier_codes import CarrierCodesViewModel
from ui.viewmodels.confirm_pickup import ConfirmPickupViewModel
from ui.viewmodels.desk_pickup import DeskPickupViewModel
from ui.viewmodels.intake import IntakeViewModel
from ui.viewmodels.locker_pickup import LockerPickupViewModel
from ui.viewmodels.lockers import LockersViewModel
from ui.viewmodels.parcel_extras import ParcelExtrasViewModel
from ui.viewmodels.parcel_list import ParcelListViewModel
from ui.viewmodels.pickup import PickupViewModel
from ui.viewmodels.preferences import PreferencesViewModel
from ui.viewmodels.report_problem import ReportProblemViewModel
from ui.viewmodels.reports import ReportsViewModel
from ui.viewmodels.residents import ResidentImportViewModel, ResidentsViewModel
from ui.viewmodels.staff_session import StaffSessionViewModel
from ui.viewmodels.templates import TemplatesViewModel
from ui.viewmodels.track import ExpectedViewModel, TrackViewModel
from ui.wedge import WedgeFilter
from ui.widgets.display_toggles import install_display_modes
from ui.widgets.health_bar import HealthBar

log = logging.getLogger(__name__)
CAMERA_OPEN_DELAY = 1.5  # seconds after start (see _devices)


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
    event_filters: list[QObject]
    sender: OutboxSender
    jobs: JobSchedule
    devices: DeviceManager
    bridge: DeviceBridge
    lockers: LockerCoordinator
    label_reader: LazyLabelReader | None
    router: ScanRouter
    printing: LabelPrinting
    extras: dict[str, Any] = field(default_factory=dict)

    def start(self) -> None:
        """Start the background work: scheduled jobs (the outbox sender among them)."""
        if not self.jobs.running:
            self.jobs.start()

    def close(self) -> None:
        # Nothing that outlives the window may reach it any more: idle timers, sign-outs, scans.
        self.idle.stop()
        self.staff_idle.stop()
        for source in (self.staff_session, self.pickup, self.bridge, self.intake):
            source.blockSignals(True)
        if self.jobs.running:
            self.jobs.stop(wait=True)
        app = QApplication.instance()
        if app is not None:
            for event_filter in self.event_filters:
                app.removeEventFilter(event_filter)
        self.bridge.detach()
        self.devices.stop()  # locks the door
        self.lockers.close()
        if self.label_reader is not None:
            self.label_reader.close()
        self.languages.set_language("en")
        self.window.close()
        self.runner.shutdown()
        self.db.dispose()
        mark_clean_shutdown(self.settings)


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


def _notifications(db: Database, settings: Settings) -> tuple[Channels, OutboxSender, JobSchedule]:
    try:
        channels = Channels.from_settings(settings)
    except ChannelConfigError as exc:  # a bad URL must not keep the kiosk from starting
        log.error("notifications are off until the settings are fixed: %s", exc)
        channels = Channels()
    sender = OutboxSender(db, channels, system_clock, templates=TemplateStore(db),
                          policy=NoticePolicy.from_settings(settings))
    return channels, sender, build_scheduler(db, settings, sender, system_clock)


def _devices(settings: Settings, device_log: DeviceLog, runner: TaskRunner) -> tuple[DeviceManager, DeviceBridge]:
    """Open every configured device (a device that fails shows as offline; it never stops the kiosk)."""
    bridge = DeviceBridge()
    # The camera's own decodes are not scans (a label has several barcodes: each would be a parcel); it reads
    # barcodes as the scanner only when devices.scanner names the same camera.
    devices = DeviceManager(settings, on_scan=bridge.on_scan, on_door_event=bridge.on_door_event,
                            on_label_printed=bridge.on_label_printed, camera_scans=False)
    bridge.attach(devices)
    # The camera (and OpenCV with it, a third of a second) a moment after the first screen is up.
    devices.start(open_later={CAMERA: CAMERA_OPEN_DELAY})

    def log_door(event: DoorEvent) -> None:
        runner.submit_write(lambda: device_log.door_event(event.kind, event.actor, event.detail))

    def log_status(status: DeviceStatus) -> None:
        runner.submit_write(lambda: device_log.device_status(status.kind, status.url, status.state, status.detail))

    bridge.door_event.connect(log_door)
    bridge.status_changed.connect(log_status)
    return devices, bridge


class LatestFrame:
    """The newest camera preview frame (the GUI thread keeps it for "Read label")."""

    def __init__(self) -> None:
        self._frame: Any = None

    def set(self, frame: Any) -> None:
        self._frame = frame

    def get(self) -> Any:
        return self._frame


def _label_reader(db: Database, directory: ResidentDirectory, settings: Settings) -> LazyLabelReader | None:
    try:
        check_available(str(settings.get(TESSDATA_SETTING, "") or "") or None)
        return LazyLabelReader(db, directory, settings)
    except OcrUnavailable as exc:  # label reading is a help at intake, never a reason not to start
        log.warning("label reading is off: %s", exc)
        return None


def build_application(settings: Settings, *, db: Database | None = None, runner: TaskRunner | None = None,
                      kiosk_id: str | None = None, demo: bool | None = None) -> KioskApplication:
    """Wire the whole kiosk from ``settings`` (a QApplication must exist)."""
    kiosk_id = kiosk_id or socket.gethostname()
    scope = f"keypad:{kiosk_id}"
    app = QApplication.instance()
    if isinstance(app, QApplication):
        # Before any widget exists: set afterwards, it restyles every widget built so far, shown
        # or not (half a second at start); set first, each widget is styled when it is first shown.
        app.setStyleSheet(resources.text("styles", "kiosk.qss"))
    db = db or open_database(settings, startup=True)
    if demo if demo is not None else (settings["kiosk.demo"] and is_empty(db)):
        seed_demo(db)

    # Core services: plain Python over the database.
    policy = CredentialPolicy(
        code_length=settings["pickup.code_length"], valid_days=settings["pickup.code_valid_days"],
        max_attempts=settings["pickup.max_attempts"], lockout_seconds=settings["pickup.lockout_seconds"],
    )
    credentials = CredentialService(db, load_hasher(db), policy, kiosk_id=kiosk_id)
    parcels = ParcelService(db, credentials, kiosk_id=kiosk_id)
    staff = StaffService(db, max_attempts=settings["staff.max_pin_attempts"], kiosk_id=kiosk_id)
    directory = ResidentDirectory(db)
    channels, sender, jobs = _notifications(db, settings)

    # Devices, and the worker pool every slow call goes through.
    runner = runner or TaskRunner()
    devices, bridge = _devices(settings, DeviceLog(db, kiosk_id), runner)
    printing = LabelPrinting(devices.print_label if settings["devices.printer"] else None, runner,
                             settings["property.name"], devices.label_width_dots)
    bridge.status_changed.connect(
        lambda status: printing.printer_back() if status.kind == "printer" and status.online else None)

    # Locker banks (none until an admin describes one): their boards are opened on first use.
    lockers = LockerService(db, parcels, kiosk_id=kiosk_id)
    locker_coordinator = LockerCoordinator(lockers, LockBoards())

    # View-models.
    languages = LanguageManager(settings["kiosk.language"])
    staff_session = StaffSessionViewModel(staff, runner, scope=scope)
    locker_pickup = LockerPickupViewModel(locker_coordinator, runner)
    # After the door opens the resident confirms each parcel taken (scan or tap); "Something's wrong" reports one.
    confirming = PickupConfirmService(db, parcels, kiosk_id=kiosk_id,
                                      staff_email=str(settings["notifications.staff_email"] or ""),
                                      staff_language=str(settings["notifications.digest_language"] or "en"))
    confirm_vm = ConfirmPickupViewModel(confirming, runner, scope=scope)
    report_vm = ReportProblemViewModel(confirming, runner, scope=scope)
    pickup = PickupViewModel(credentials, parcels, runner, scope=scope, staff=staff_session,
                             door=devices.door, doors=DoorService(db, parcels, kiosk_id=kiosk_id),
                             lockers=locker_pickup, confirm=confirm_vm)
    reader = _label_reader(db, directory, settings) if settings["devices.camera"] else None
    if reader is not None:
        # The OCR engines (~70 MB) serve only staff at intake: loaded off the GUI thread at the
        # first staff sign-in, never for the resident screens.
        def warm_up_reader(_session: object) -> None:
            staff_session.signed_in.disconnect(warm_up_reader)
            runner.submit(reader.warm_up)

        staff_session.signed_in.connect(warm_up_reader)
    frames = LatestFrame()
    bridge.frame.connect(frames.set)
    intake = IntakeViewModel(parcels, directory, runner, staff=lambda: staff_session.session,
                             print_label=printing.print_parcel, lockers=lockers, load_locker=locker_coordinator.load,
                             read_label=reader.read if reader is not None else None,
                             latest_frame=frames.get if reader is not None else None)
    lockers_vm = LockersViewModel(locker_coordinator, runner, staff=lambda: staff_session.session)
    signed_in = staff_session.current
    desk = DeskPickupViewModel(DeskService(db, parcels, credentials, directory, kiosk_id=kiosk_id), directory,
                               runner, signed_in, scope=f"desk:{kiosk_id}")
    resident_admin = ResidentAdminService(db, directory, kiosk_id=kiosk_id)
    residents_vm = ResidentsViewModel(resident_admin, parcels, runner, signed_in)
    import_vm = ResidentImportViewModel(resident_admin, runner, signed_in)
    import_vm.imported.connect(lambda _report: residents_vm.refresh())
    building_vm = BuildingViewModel(BuildingService(db, kiosk_id=kiosk_id), runner, signed_in, printing.print_image,
                                    (settings["room.hours_open"], settings["room.hours_close"]),
                                    label_width=devices.label_width_dots)
    accounts_vm = StaffAccountsViewModel(StaffAccountService(db, staff, kiosk_id=kiosk_id), runner, signed_in)
    audit_vm = AuditViewModel(AuditService(db, parcels, kiosk_id=kiosk_id), runner, signed_in,
                              return_after_days=settings["jobs.return_after_days"],
                              open_compartment=locker_coordinator.open_for_service)
    templates_vm = TemplatesViewModel(TemplateEditor(db, TemplateStore(db), sender.policy), runner, signed_in)
    reports_vm = ReportsViewModel(ReportService(db, settings), runner, BundleExporter(db, settings),
                                  folder=reports_folder(settings))
    parcel_list = ParcelListViewModel(parcels, runner, staff=lambda: staff_session.session,
                                      print_label=printing.print_parcel,
                                      perishable_alert_hours=settings["room.perishable_alert_hours"])
    printing.failed.connect(lambda text: intake.message.emit(text, "warning"))
    # Carrier drop-off: carrier codes (hashed, per carrier, permitted hours in the property's time zone).
    carrier_access = CarrierAccessService(
        db, load_hasher(db), property_tz(settings), parcels=parcels, lockers_intake=lockers.intake,
        policy=CarrierAccessPolicy(code_length=carrier_code_length(settings["pickup.code_length"]),
                                   max_attempts=settings["pickup.max_attempts"],
                                   lockout_seconds=settings["pickup.lockout_seconds"]),
        kiosk_id=kiosk_id, snapshot_dir=settings.data_dir / SNAPSHOT_DIR)
    carrier_vm = CarrierVisitViewModel(carrier_access, runner, f"carrier:{kiosk_id}", door=lambda: devices.door,
                                       latest_frame=frames.get if settings["devices.camera"] else None,
                                       load_locker=locker_coordinator.load)
    carrier_codes_vm = CarrierCodesViewModel(carrier_access, runner, signed_in, printing.print_image,
                                             settings["property.name"], devices.label_width_dots)

    # Views.
    health = HealthBar()
    intake_screen = IntakeScreen(intake)
    parcels_screen = ParcelListScreen(parcel_list)
    lockers_screen = LockersScreen(lockers_vm)
    desk_screen = DeskPickupScreen(desk)
    audit_screen = AuditScreen(audit_vm)
    shell = StaffShell(staff_session, [
        ("Intake", intake_screen), ("Parcels", parcels_screen), ("Desk pickup", desk_screen),
        ("Residents", ResidentsScreen(residents_vm)), ("Import", ResidentImportScreen(import_vm)),
        ("Audit", audit_screen), ("Reports", ReportsScreen(reports_vm)),
        ("Lockers", lockers_screen), ("Building", BuildingScreen(building_vm)),
        ("Staff", StaffAccountsScreen(accounts_vm)), ("Messages", TemplatesScreen(templates_vm)),
        ("Carriers", CarrierCodesScreen(carrier_codes_vm)),
    ], health_bar=health)
    window = MainWindow(pickup, languages, settings["property.name"], staff_session, shell,
                        locker_screen=LockerPickupScreen(locker_pickup))
    # "My settings" on my-parcels: the signed-in resident's own notice preferences.
    install_preferences(window, PreferencesViewModel(ResidentPrefsService(db, kiosk_id=kiosk_id), runner, pickup))
    # Large text and high contrast on the resident screens (staff screens stay normal); the room map and the
    # parcel photos beside the resident's list.
    display_modes = install_display_modes(window, shell)
    window.my_parcels.attach_extras(ParcelExtrasViewModel(RoomMapService(db), pickup, runner))

    # Scans from every scanner, to whichever screen is on show.
    router = ScanRouter(window, pickup)
    # "Is my package here?" for anyone at the kiosk; expected parcels for the signed-in resident.
    tracking = TrackingLookupService(db, kiosk_id=kiosk_id)
    track_vm = TrackViewModel(tracking, runner, scope=f"track:{kiosk_id}")
    expected_vm = ExpectedViewModel(tracking, runner, lambda: pickup.match.resident_id if pickup.match else None)
    install_tracking(window, router, track_vm, expected_vm)
    install_pickup_confirm(window, router, pickup, confirm_vm, report_vm)
    install_carrier(window, router, carrier_vm)  # "Delivery" on the welcome screen
    pickup.state_changed.connect(lambda state: expected_vm.reset() if state != "parcels" else None)
    router.add_staff_target(intake_screen, intake.on_scan)
    router.add_staff_target(parcels_screen, parcel_list.on_scan)
    router.add_staff_target(desk_screen, desk.on_scan)
    router.add_staff_target(audit_screen, audit_vm.on_scan)
    bridge.scanned.connect(router.route)
    wedge = WedgeFilter(devices.wedge_decoder) if devices.wedge_decoder is not None else None
    if wedge is not None:
        wedge.scanned.connect(devices.submit_scan)

    # Health: device states as they change; the outbox backlog while staff are signed in.
    for status in devices.statuses().values():
        health.set_device(status)
    bridge.status_changed.connect(health.set_device)
    backlog_timer = QTimer(shell)
    backlog_timer.setInterval(10_000)

    def show_backlog(backlog: Backlog) -> None:
        health.set_backlog(backlog, configured=bool(channels.configured))

    def refresh_backlog(*_args: object) -> None:
        runner.submit(sender.backlog, show_backlog)

    backlog_timer.timeout.connect(refresh_backlog)

    def refresh_lockers(*_args: object) -> None:
        # Read the boards (nothing to read while no bank exists), then show free/out-of-service/offline.
        runner.submit(lambda: (locker_coordinator.poll(), lockers.banks())[1], health.set_lockers)

    backlog_timer.timeout.connect(refresh_lockers)
    lockers_vm.banks_changed.connect(health.set_lockers)
    staff_session.signed_in.connect(lambda _s: (backlog_timer.start(), refresh_backlog(), refresh_lockers()))
    staff_session.signed_out.connect(lambda _r: backlog_timer.stop())

    # Resets: the resident screens on idle, staff signed out on idle.
    idle = IdleWatcher(settings["kiosk.idle_reset_seconds"])
    idle.idle.connect(pickup.reset)  # the locker screen with it
    idle.idle.connect(window.show_welcome)  # from any further resident screen
    idle.idle.connect(languages.reset)
    idle.idle.connect(carrier_vm.reset)
    idle.idle.connect(display_modes.reset)
    idle.idle.connect(track_vm.reset)
    idle.idle.connect(expected_vm.reset)
    staff_idle = IdleWatcher(settings["kiosk.staff_idle_signout_seconds"])
    staff_idle.idle.connect(lambda: staff_session.sign_out("idle"))
    staff_session.signed_in.connect(lambda _s: staff_idle.poke())
    staff_session.signed_out.connect(lambda _r: intake.reset())
    staff_session.signed_out.connect(lambda _r: desk.reset())
    staff_session.signed_out.connect(lambda _r: residents_vm.reset())
    staff_session.signed_out.connect(lambda _r: templates_vm.reset_view())
    # A parcel just logged: send its notice now rather than at the next outbox pass.
    intake.saved.connect(lambda _result: jobs.run_now("outbox") if jobs.running else None)

    filters: list[QObject] = [idle, staff_idle]
    if wedge is not None:
        filters.append(wedge)  # installed last, so it sees keys first (Qt calls the newest filter first)
    if app is not None:
        for event_filter in filters:
            app.installEventFilter(event_filter)
    return KioskApplication(settings=settings, db=db, credentials=credentials, parcels=parcels, staff=staff,
                            directory=directory, runner=runner, languages=languages, pickup=pickup,
                            staff_session=staff_session, intake=intake, parcel_list=parcel_list, health=health,
                            window=window, idle=idle, staff_idle=staff_idle, event_filters=filters, sender=sender,
                            jobs=jobs, devices=devices, bridge=bridge, lockers=locker_coordinator, label_reader=reader,
                            router=router,
                            printing=printing)


def _cmd_run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    if args.fullscreen:
        settings = settings.replace(kiosk__fullscreen=True)
    setup_logging(settings, args.verbose)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Packroom")
    demo = True if args.demo else None
    db = open_database(settings, startup=True)
    if needs_setup(settings, db, demo_requested=args.demo):
        # A fresh install (no configuration file, no staff, no parcels): the set-up wizard writes
        # the configuration and the administrator, then the kiosk starts on them.
        from ui.screens.setup_wizard import run_setup_wizard

        configured = run_setup_wizard(db, settings, default_config_path(), kiosk_id=socket.gethostname(),
                                      fullscreen=settings["kiosk.fullscreen"])
        if configured is None:  # closed before the end: nothing was saved
            db.dispose()
            return 1
        settings = configured
    elif demo is None and settings.source is None:
        # No configuration file but a database in use (the demo building): keep showing the demo.
        settings = settings.replace(kiosk__demo=True)
    kiosk = build_application(settings, db=db, demo=demo)
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
    return [register_run, register_self_test, register_backup, register_export, register_review, register_hardware,
            register_udev, register_labels, register_lockers]


def main(argv: Sequence[str] | None = None) -> int:
    """The ``packroom`` console entry point."""
    parser = build_parser(_registrars())
    return run_command(parser, self_test_argv(sys.argv[1:] if argv is None else argv))


__all__ = ["CliError", "KioskApplication", "build_application", "main"]
