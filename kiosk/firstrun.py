"""First-run set-up: tell a fresh install, and turn the wizard's answers into a configuration.

A fresh install has no configuration file and a database with no staff accounts and no
parcels (residents may already be there from ``packroom residents import``). Instead of the
demo building, the kiosk then runs the set-up wizard, which ends in :meth:`FirstRunSetup.complete`:

1. the answers are validated as settings (nothing is written if one is wrong);
2. the configuration is written to a temporary file beside its final place (proving the
   folder is writable);
3. the resident CSV, if one was chosen, is imported (all-or-nothing, as on the command line);
4. the first administrator is created (Argon2id PIN hash), with a ``staff.created`` event;
5. the configuration file is moved into place, last, so that a set-up interrupted before
   this point runs again at the next start.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from kiosk import eventlog
from kiosk.config import SETTINGS, ConfigError, Settings, load_settings
from kiosk.eventlog import Actor
from kiosk.notifications.channels import ChannelConfigError, Channels, DeliveryError, OutgoingNotice
from kiosk.notifications.templates import RenderedMessage
from kiosk.persistence.models import Channel, Parcel, Role, StaffUser
from kiosk.persistence.uow import Database
from kiosk.residents.importer import import_residents
from kiosk.residents.presets import RentRollError
from kiosk.residents.report import ImportReport
from kiosk.security import hash_pin

log = logging.getLogger(__name__)

SETUP_ACTOR = Actor.system("setup")
#: The settings the wizard asks for; everything else keeps its default.
WIZARD_KEYS = (
    "property.name",
    "devices.scanner",
    "devices.printer",
    "devices.door",
    "devices.camera",
    "notifications.email_url",
    "notifications.sms_url",
)


class SetupError(ValueError):
    """An answer cannot be used, or the set-up could not be saved; the message says which and why."""


def is_fresh_database(db: Database) -> bool:
    """True when nobody has set this database up: no staff accounts and no parcels."""
    with db.reader() as uow:
        staff = uow.session.scalar(select(func.count()).select_from(StaffUser))
        parcels = uow.session.scalar(select(func.count()).select_from(Parcel))
    return not staff and not parcels


def needs_setup(settings: Settings, db: Database, *, demo_requested: bool = False) -> bool:
    """Whether ``packroom run`` should open the set-up wizard rather than the kiosk."""
    if demo_requested or settings["kiosk.demo"] or settings.source is not None:
        return False
    return is_fresh_database(db)


def check_pin(pin: str, confirmation: str) -> str:
    """The PIN if it is usable (4–12 digits, typed the same twice), else :class:`SetupError`."""
    pin = pin.strip()
    if not (pin.isdigit() and 4 <= len(pin) <= 12):
        raise SetupError("the PIN must be 4 to 12 digits")
    if len(set(pin)) == 1 or pin in "0123456789012" or pin in "9876543210987":
        raise SetupError("choose a PIN that is not all one digit or a run like 1234")
    if pin != confirmation.strip():
        raise SetupError("the two PINs are not the same")
    return pin


def toml_document(values: Mapping[str, Any], header: str = "") -> str:
    """A TOML document for ``values`` (dotted keys), grouped in sections in declaration order."""
    order = {s.key: i for i, s in enumerate(SETTINGS)}
    sections: dict[str, list[str]] = {}
    for key in sorted(values, key=lambda k: order.get(k, len(order))):
        section, name = key.rsplit(".", 1)
        sections.setdefault(section, []).append(f"{name} = {_toml_value(values[key])}")
    parts = [f"# {line}".rstrip() for line in header.splitlines()] if header else []
    for section, lines in sections.items():
        parts.append(f"\n[{section}]" if parts else f"[{section}]")
        parts.extend(lines)
    return "\n".join(parts) + "\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
        return f'"{escaped}"'
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    raise SetupError(f"cannot write {value!r} to a configuration file")


def write_config(path: Path, values: Mapping[str, Any], header: str = "") -> Path:
    """Validate ``values`` and write them as ``path`` atomically (owner-only: URLs hold passwords)."""
    try:
        Settings(values)
    except ConfigError as exc:
        raise SetupError(str(exc)) from None
    staged = _stage(path, toml_document(values, header))
    os.replace(staged, path)
    return path


def _stage(path: Path, text: str) -> Path:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(name, 0o600)
    except OSError as exc:
        raise SetupError(f"cannot write the configuration in {path.parent}: {exc.strerror or exc}") from None
    return Path(name)


@dataclass(frozen=True)
class SetupAnswers:
    """Everything the wizard asked, as plain data."""

    property_name: str
    admin_name: str
    admin_pin: str
    devices: Mapping[str, str] = field(default_factory=dict)  # "scanner" -> URL
    email_url: str = ""
    sms_url: str = ""
    residents_csv: Path | None = None
    residents_preset: str | None = None

    def settings_values(self, base: Mapping[str, Any] | None = None) -> dict[str, Any]:
        values = dict(base or {})
        values["property.name"] = self.property_name.strip()
        for kind, url in self.devices.items():
            values[f"devices.{kind}"] = url.strip()
        values["notifications.email_url"] = self.email_url.strip()
        values["notifications.sms_url"] = self.sms_url.strip()
        return values


@dataclass(frozen=True)
class SetupResult:
    config_path: Path
    settings: Settings
    admin_id: int
    residents: ImportReport | None


class FirstRunSetup:
    """The work behind the set-up wizard; each method is a plain call the UI runs off its thread."""

    def __init__(self, db: Database, config_path: Path, *, kiosk_id: str = "") -> None:
        self._db = db
        self.config_path = config_path
        self._kiosk = kiosk_id

    def preview_residents(self, path: Path, property_name: str, preset: str | None = None) -> ImportReport:
        """What importing ``path`` would do (a dry run); :class:`SetupError` for an unusable file."""
        try:
            return import_residents(self._db, path, preset=preset, dry_run=True,
                                    property_name=property_name or None, actor=SETUP_ACTOR)
        except (RentRollError, OSError) as exc:
            raise SetupError(f"{path.name}: {exc}") from None

    def send_test(self, channel: str, url: str, recipient: str, property_name: str = "",
                  timeout_s: float = 20.0) -> str:
        """Send one test message through ``url`` to ``recipient``; return what happened."""
        url, recipient = url.strip(), recipient.strip()
        if not url:
            raise SetupError(f"enter the {channel} URL first")
        if not recipient:
            raise SetupError("enter where the test message should go")
        key = "notifications.email_url" if channel == "email" else "notifications.sms_url"
        try:
            channels = Channels.from_settings({key: url}, timeout_s=timeout_s)
        except ChannelConfigError as exc:
            raise SetupError(str(exc)) from None
        sender = channels.get(Channel.EMAIL if channel == "email" else Channel.SMS)
        if sender is None:
            raise SetupError(f"unknown channel {channel!r}")
        now = datetime.now(UTC)
        name = property_name.strip() or "Packroom"
        message = RenderedMessage(
            subject=f"{name}: Packroom test message",
            body=f"This is a test message from the Packroom kiosk at {name}. Notices will arrive like this.",
        )
        try:
            sender.send(OutgoingNotice(f"setup-test:{channel}:{now.timestamp()}", recipient, message, now))
        except DeliveryError as exc:
            raise SetupError(f"the test {channel} was not sent: {exc}") from None
        return f"test {channel} sent to {recipient} through {sender.describe()}"

    def complete(self, answers: SetupAnswers) -> SetupResult:
        """Import, create the administrator and write the configuration (see the module's steps)."""
        name = answers.property_name.strip()
        if not name:
            raise SetupError("give the property's name")
        if not answers.admin_name.strip():
            raise SetupError("give the administrator's name")
        check_pin(answers.admin_pin, answers.admin_pin)
        values = answers.settings_values()
        try:
            Channels.from_settings(Settings(values))
        except (ConfigError, ChannelConfigError) as exc:
            raise SetupError(str(exc)) from None
        header = (f"Packroom configuration written by the set-up wizard on {datetime.now(UTC):%Y-%m-%d}.\n"
                  "`packroom config --defaults` lists every setting with its default.")
        staged = _stage(self.config_path, toml_document(values, header))
        try:
            report = None
            if answers.residents_csv is not None:
                report = self._import(answers.residents_csv, name, answers.residents_preset)
            admin_id = self._create_admin(answers.admin_name, answers.admin_pin)
            os.replace(staged, self.config_path)
        except BaseException:
            staged.unlink(missing_ok=True)
            raise
        log.info("first-run set-up complete: %s written, administrator %d created", self.config_path, admin_id)
        settings = load_settings(self.config_path, env={})
        return SetupResult(self.config_path, settings, admin_id, report)

    def _import(self, path: Path, property_name: str, preset: str | None) -> ImportReport:
        try:
            report = import_residents(self._db, path, preset=preset, property_name=property_name,
                                      actor=SETUP_ACTOR)
        except (RentRollError, OSError) as exc:
            raise SetupError(f"{path.name}: {exc}") from None
        if not report.committed:
            first = report.errors[0] if report.errors else "nothing imported"
            raise SetupError(f"{path.name}: {len(report.errors)} rows have errors (first: {first}); "
                             "nothing was imported")
        return report

    def _create_admin(self, name: str, pin: str) -> int:
        with self._db.uow() as uow:
            session = uow.session
            if session.scalar(select(func.count()).select_from(StaffUser)):
                raise SetupError("this database already has staff accounts: it is not a fresh install")
            staff = StaffUser(name=name.strip(), role=Role.ADMIN, pin_hash=hash_pin(pin.strip()))
            session.add(staff)
            session.flush()
            eventlog.append(session, "staff.created", SETUP_ACTOR, subject_kind="staff", subject_id=staff.id,
                            kiosk=self._kiosk, data={"role": Role.ADMIN.value, "by": "first-run set-up"})
            uow.commit()
            return int(staff.id)
