"""``packroom self-test`` (also ``packroom --self-test``): is this installation whole?

Prints the versions of Packroom and what it is built on, then checks, each on one line:

- **resources**: the style sheet, every ``.qm`` translation (loaded into Qt), the Alembic
  migrations and the Qt platform plugins (xcb, wayland, offscreen / windows);
- **decoders**: a QR code rendered here is read back by zxing-cpp and by libzbar (pyzbar);
- **notifications**: the e-mail and SMS channels can be built (Apprise finds its plugins),
  without sending anything;
- **database**: a new SQLite file in a temporary folder is migrated to the head revision,
  written to and its event log verified; ``--database configured`` checks the configured
  database instead, *without changing it*: reachable, not newer than this Packroom, at head;
- **devices**: each device URL is opened, ``sim:`` by default (each simulated device is driven:
  a label printed, the door pulsed, a scan and a camera frame decoded); ``--devices configured``
  opens the configured devices and asks their state, changing nothing (no label, no pulse);
- **window**: an offscreen Qt application builds the whole kiosk window through the
  composition root, on the temporary database, and switches it to Spanish and back.

Exit status 0 only if every check passed, else 1. Installers and CI run
``dist/packroom/packroom --self-test`` on the built bundle.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import resources
from kiosk import __version__
from kiosk.config import Settings

DEVICE_KINDS = ("scanner", "printer", "door", "camera")
GLOBAL_FLAGS = frozenset({"-v", "--verbose"})
GLOBAL_OPTIONS = frozenset({"--config"})


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str
    seconds: float = 0.0

    def line(self) -> str:
        return f"{'ok  ' if self.ok else 'FAIL'}  {self.name:<16} {self.detail}"


def self_test_argv(argv: Sequence[str]) -> list[str]:
    """Turn ``--self-test`` among the global options into the ``self-test`` command.

    ``packroom --config X --self-test`` becomes ``packroom --config X self-test``; anything
    after the first non-global argument is left alone (so ``run --self-test`` still fails).
    """
    args = list(argv)
    prefix: list[str] = []
    found = False
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--self-test":
            found = True
        elif arg in GLOBAL_FLAGS or arg.startswith("--config="):
            prefix.append(arg)
        elif arg in GLOBAL_OPTIONS and index + 1 < len(args):
            prefix += [arg, args[index + 1]]
            index += 1
        else:
            break
        index += 1
    if not found:
        return args
    return [*prefix, "self-test", *args[index:]]


# --------------------------------------------------------------------------- versions


def versions() -> list[tuple[str, str]]:
    """(component, version) pairs for the first lines of the report."""
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    frozen = " (bundled)" if getattr(sys, "frozen", False) else ""
    rows = [
        ("Packroom", __version__),
        ("Python", f"{platform.python_version()}{frozen} on {platform.system()} {platform.machine()}"),
        ("Qt", f"{qVersion()} (PySide6 {pyside_version})"),
    ]
    for label, module, dist in (("SQLAlchemy", "sqlalchemy", "SQLAlchemy"), ("Alembic", "alembic", "alembic"),
                                ("zxing-cpp", "zxingcpp", "zxing-cpp"), ("OpenCV", "cv2", "opencv-python-headless")):
        rows.append((label, _module_version(module, dist)))
    rows.append(("zbar", zbar_version()))
    return rows


def _module_version(module: str, dist: str) -> str:
    try:
        imported = __import__(module)
    except Exception as exc:  # a missing or broken extension module is itself the finding
        return f"unavailable ({type(exc).__name__}: {exc})"
    version = getattr(imported, "__version__", None)
    if version:
        return str(version)
    try:
        from importlib.metadata import version as dist_version

        return dist_version(dist)
    except Exception:
        return "unknown"


def zbar_version() -> str:
    """The version of the libzbar pyzbar loads, and where it was loaded from."""
    try:
        from pyzbar import zbar_library

        library, _dependencies = zbar_library.load()
    except Exception as exc:
        return f"unavailable ({exc})"
    major, minor, patch = ctypes.c_uint(0), ctypes.c_uint(0), ctypes.c_uint(0)
    try:
        library.zbar_version(ctypes.byref(major), ctypes.byref(minor), ctypes.byref(patch))
    except AttributeError:
        return f"unknown version ({library._name})"
    numbers = f"{major.value}.{minor.value}" + (f".{patch.value}" if patch.value else "")
    return f"{numbers} ({library._name})"


# --------------------------------------------------------------------------- checks


def check_resources() -> str:
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from kiosk.persistence.migrate import MIGRATIONS_DIR, head_revision

    problems: list[str] = []
    qss = resources.path("styles", "kiosk.qss")
    if not qss.is_file() or not qss.read_text(encoding="utf-8").strip():
        problems.append(f"style sheet {qss} missing or empty")
    translations = sorted(resources.path("translations").glob("*.qm"))
    if not translations:
        problems.append(f"no .qm translations in {resources.path('translations')}")
    for qm in translations:
        if not QTranslator().load(str(qm)):
            problems.append(f"translation {qm.name} does not load")
    revisions = sorted((MIGRATIONS_DIR / "versions").glob("*.py"))
    if not (MIGRATIONS_DIR / "env.py").is_file() or not revisions:
        problems.append(f"migrations missing in {MIGRATIONS_DIR}")
    head = head_revision() if not problems else "?"
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    wanted = ("qwindows",) if sys.platform == "win32" else ("qxcb", "qwayland", "qoffscreen")
    present = {p.name for p in plugins.glob("*")} if plugins.is_dir() else set()
    missing = [name for name in wanted if not any(name in file for file in present)]
    if missing:
        problems.append(f"Qt platform plugins {', '.join(missing)} missing in {plugins}")
    if problems:
        raise RuntimeError("; ".join(problems))
    languages = ", ".join(qm.stem.removeprefix("packroom_") for qm in translations)
    return (f"style sheet, translations ({languages}), migrations ({len(revisions)} files, head {head}), "
            f"Qt platforms {', '.join(wanted)}")


def check_decoders() -> str:
    import numpy as np
    import qrcode
    import zxingcpp
    from pyzbar import pyzbar

    text = "PACKROOM-SELF-TEST"
    image = qrcode.make(text, box_size=6, border=4).get_image().convert("L")
    pixels = np.asarray(image)
    read_zxing = [r.text for r in zxingcpp.read_barcodes(pixels)]
    read_zbar = [r.data.decode() for r in pyzbar.decode(image)]
    if text not in read_zxing or text not in read_zbar:
        raise RuntimeError(f"QR not read back: zxing-cpp {read_zxing}, zbar {read_zbar}")
    return "zxing-cpp and zbar both read a QR code back"


def check_notifications() -> str:
    """The e-mail and SMS channels can be built (Apprise finds its plugins); nothing is sent."""
    from kiosk.notifications import Channels

    channels = Channels.from_settings({"notifications.email_url": "mailto://127.0.0.1:25?mode=insecure",
                                       "notifications.sms_url": "json://127.0.0.1:9/sms"})
    return f"e-mail and SMS channels build ({', '.join(sorted(channels.describe()))}); nothing sent"


def check_temp_database(url: str) -> str:
    from kiosk import eventlog
    from kiosk.cli import open_database
    from kiosk.persistence.migrate import current_revision, head_revision

    db = open_database(Settings({"database.url": url}))
    try:
        revision = current_revision(db.engine)
        if revision != head_revision():
            raise RuntimeError(f"migrated to {revision}, expected {head_revision()}")
        with db.uow() as uow:
            eventlog.append(uow.session, "system.self_test", eventlog.Actor.system("self-test"))
            uow.commit()
        with db.reader() as uow:
            chain = eventlog.verify(uow.session)
        if not chain.ok:
            raise RuntimeError(chain.describe())
    finally:
        db.dispose()
    return f"new SQLite database migrated to {revision}, written and its event log verified"


def check_configured_database(settings: Settings) -> str:
    """The configured database, opened without migrating or writing."""
    from kiosk.cli import open_database
    from kiosk.persistence.database import sqlite_path
    from kiosk.persistence.migrate import current_revision, head_revision

    path = sqlite_path(settings.database_url)
    if path is not None and not path.exists():
        return f"{path} does not exist yet (it is created at the first start)"
    db = open_database(settings, migrate=False)  # refuses corrupt files and newer schemas
    try:
        revision = current_revision(db.engine)
    finally:
        db.dispose()
    head = head_revision()
    if revision is None:
        return "the configured database is empty (migrations run at the first start)"
    if revision != head:
        raise RuntimeError(f"the database is at schema {revision}, this Packroom at {head}: "
                           "run `packroom db upgrade` (it backs up first)")
    return f"the configured database is at the head revision {head}"


def check_device(kind: str, url: str, settings: Settings, configured: bool) -> str:
    from hardware.probe import ProbeOptions, exercise, reach

    options = ProbeOptions(timeout=10.0, label_width=settings["devices.label_width_dots"],
                           property_name=settings["property.name"], pulse_seconds=0.2)
    if configured and not url.startswith("sim:"):
        return reach(kind, url, options)
    return exercise(kind, url, options)


def check_window(settings: Settings) -> str:
    from PySide6.QtWidgets import QApplication

    from ui.app import build_application

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("no QApplication")
    kiosk = build_application(settings, kiosk_id="self-test", demo=False)
    try:
        window = kiosk.window
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        kiosk.languages.set_language("es")
        app.processEvents()
        spanish = kiosk.languages.current == "es"
        kiosk.languages.set_language("en")
        if window.current_screen is not window.welcome:
            raise RuntimeError("the window does not open on the welcome screen")
        if not spanish:
            raise RuntimeError("switching to Spanish failed")
        size = f"{window.width()}x{window.height()}"
    finally:
        kiosk.close()
    return f"kiosk window built on the {app.platformName()} platform ({size}), welcome screen, English/Spanish"


# --------------------------------------------------------------------------- running


@contextmanager
def _offscreen_application() -> Iterator[Any]:
    """A QApplication on the offscreen platform (unless one exists already)."""
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if existing is not None:
        yield existing
        return
    previous = os.environ.get("QT_QPA_PLATFORM")
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        app = QApplication(["packroom-self-test"])
        yield app
    finally:
        if previous is None:
            os.environ.pop("QT_QPA_PLATFORM", None)
        else:
            os.environ["QT_QPA_PLATFORM"] = previous


def run_self_test(settings: Settings, *, database: str = "temp", devices: str = "sim",
                  out: TextIO | None = None) -> bool:
    """Run every check, printing as it goes; True only if all passed."""
    out = out or sys.stdout
    print("Packroom self-test", file=out)
    for name, version in versions():
        print(f"  {name:<11} {version}", file=out)
    results: list[CheckResult] = []

    def check(name: str, fn: Callable[[], str]) -> None:
        started = time.monotonic()
        try:
            result = CheckResult(name, True, fn(), time.monotonic() - started)
        except Exception as exc:
            detail = " ".join(str(exc).split()) or type(exc).__name__
            result = CheckResult(name, False, detail, time.monotonic() - started)
        results.append(result)
        print(result.line(), file=out, flush=True)

    with tempfile.TemporaryDirectory(prefix="packroom-self-test-") as tmp, _offscreen_application():
        temp = Path(tmp)
        temp_settings = settings.replace(
            database__url=f"sqlite:///{temp / 'self-test.sqlite3'}", paths__data_dir=str(temp / "data"),
            paths__log_dir=str(temp / "logs"), notifications__email_url="", notifications__sms_url="",
            kiosk__fullscreen=False, kiosk__demo=False,
            **{f"devices__{kind}": "sim:" for kind in DEVICE_KINDS},
        )
        check("resources", check_resources)
        check("decoders", check_decoders)
        check("notifications", check_notifications)
        if database == "configured":
            check("database", lambda: check_configured_database(settings))
        else:
            check("database", lambda: check_temp_database(temp_settings.database_url))
        for kind in DEVICE_KINDS:
            url = settings[f"devices.{kind}"] if devices == "configured" else "sim:"
            check(f"device {kind}", lambda k=kind, u=url: check_device(k, u, settings, devices == "configured"))
        check("window", lambda: check_window(temp_settings))
    failed = [r for r in results if not r.ok]
    if failed:
        print(f"self-test FAILED: {len(failed)} of {len(results)} checks ({', '.join(r.name for r in failed)})",
              file=out)
    else:
        print(f"self-test passed: {len(results)} checks", file=out)
    return not failed


def _cmd_self_test(args: argparse.Namespace) -> int:
    from kiosk.cli import settings_from

    settings = settings_from(args)
    return 0 if run_self_test(settings, database=args.database, devices=args.devices) else 1


def register(sub: Any) -> None:
    """Add ``packroom self-test`` (``packroom --self-test`` is turned into it by :func:`self_test_argv`)."""
    parser = sub.add_parser(
        "self-test", help="check this installation: versions, resources, database, devices, window; exit 0 if whole",
        description="Check that this Packroom installation is whole. Changes nothing in the configured database "
        "or devices. Exit 0 only if every check passed.",
    )
    parser.add_argument("--database", choices=("temp", "configured"), default="temp",
                        help="temp: migrate a new database in a temporary folder (default); configured: check the "
                        "configured database without changing it")
    parser.add_argument("--devices", choices=("sim", "configured"), default="sim",
                        help="sim: drive simulated devices (default); configured: open the configured devices and "
                        "ask their state, without printing or opening the door")
    parser.set_defaults(func=_cmd_self_test)
