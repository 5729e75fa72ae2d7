"""Settings: every setting declared once, typed, with a default and a description.

The file is TOML (``--config PATH``, else ``$PACKROOM_CONFIG``, else ``packroom.toml`` in the
platform's config directory). ``PACKROOM_DATABASE_URL`` overrides ``database.url``. Unknown
keys and wrong types are refused at start-up with a message naming the key and the value.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "packroom"
CONFIG_ENV = "PACKROOM_CONFIG"
DATABASE_ENV = "PACKROOM_DATABASE_URL"
DATA_DIR_ENV = "PACKROOM_DATA_DIR"


class ConfigError(ValueError):
    """The configuration is unusable; the message names the key, the value and what is expected."""


@dataclass(frozen=True)
class Setting:
    """One declared setting: its dotted key, type, default and a sentence for people."""

    key: str
    type: type
    default: Any
    description: str
    choices: tuple[Any, ...] | None = None
    check: Callable[[Any], str | None] | None = None


def _positive(value: Any) -> str | None:
    return None if value > 0 else "must be greater than 0"


def _non_negative(value: Any) -> str | None:
    return None if value >= 0 else "must be 0 or more"


def _up_to(limit: float, *, zero: bool = False) -> Callable[[Any], str | None]:
    """Greater than 0 (with ``zero``: 0 or more) and at most ``limit``. Beyond the limit a value is
    a typo, and would overflow a timer or a date later, at a worse moment than start-up."""

    def check(value: Any) -> str | None:
        if not (value >= 0 if zero else value > 0):
            return "must be 0 or more" if zero else "must be greater than 0"
        return None if value <= limit else f"must be at most {limit:g}"

    return check


def _code_length(value: Any) -> str | None:
    return None if 4 <= value <= 12 else "must be between 4 and 12 (the keypad takes 4 to 12 digits)"


def _days(value: Any) -> str | None:
    if all(isinstance(day, int) and not isinstance(day, bool) and 1 <= day <= 365 for day in value):
        return None
    return "must be a list of whole numbers of days from 1 to 365"


def _hhmm(value: Any) -> str | None:
    try:
        hours, minutes = (int(part) for part in str(value).split(":"))
    except ValueError:
        return "must be a time as HH:MM"
    return None if 0 <= hours <= 24 and 0 <= minutes < 60 else "must be a time as HH:MM"


SETTINGS: tuple[Setting, ...] = (
    # property
    Setting("property.name", str, "Packroom Demo Residences", "Property name shown on screens, labels and notices."),
    Setting("property.timezone", str, "", "IANA time zone of the building (empty = the PC's)."),
    # database
    Setting("database.url", str, "", "SQLAlchemy URL; empty = SQLite file in the data directory. "
            "Use postgresql+psycopg://user:pass@host/db for several kiosks."),
    Setting("database.backup_on_upgrade", bool, True, "Back up the SQLite file before applying migrations."),
    Setting("database.busy_timeout_ms", int, 5000, "How long SQLite waits for a lock before giving up.",
            check=_up_to(600_000)),
    # paths
    Setting("paths.data_dir", str, "", "Where the database, photos and backups live (empty = platform data dir)."),
    Setting("paths.log_dir", str, "", "Where the rotating log file is written (empty = platform log dir)."),
    # kiosk behaviour
    Setting("kiosk.language", str, "en", "Default language of the resident screens.", choices=("en", "es")),
    Setting("kiosk.idle_reset_seconds", int, 45, "Resident screens return to the start after this idle time.",
            check=_up_to(86_400)),
    Setting("kiosk.staff_idle_signout_seconds", int, 300, "Staff are signed out after this idle time.",
            check=_up_to(86_400)),
    Setting("kiosk.fullscreen", bool, False, "Run full screen with no window chrome (kiosk lockdown)."),
    Setting("kiosk.demo", bool, False, "Seed the demo building on an empty database."),
    # pickup credentials
    Setting("pickup.code_length", int, 6, "Digits in a resident's pickup code.", check=_code_length),
    Setting("pickup.code_valid_days", int, 14, "Days a pickup code stays valid.", check=_up_to(365)),
    Setting("pickup.max_attempts", int, 5, "Wrong codes before the keypad locks.", check=_up_to(100)),
    Setting("pickup.lockout_seconds", int, 30, "First keypad lock-out; it doubles on each further lock-out.",
            check=_up_to(86_400)),
    # room
    Setting("room.hours_open", str, "00:00", "Room opens for residents (HH:MM).", check=_hhmm),
    Setting("room.hours_close", str, "24:00", "Room closes for residents (HH:MM).", check=_hhmm),
    Setting("room.perishable_alert_hours", int, 4, "Perishables waiting longer than this turn red.",
            check=_up_to(720)),
    # staff
    Setting("staff.max_pin_attempts", int, 5, "Wrong staff PINs before sign-in locks.", check=_up_to(100)),
    # devices
    Setting("devices.scanner", str, "sim:", "Barcode scanner URL: keyboard:, hid://VID:PID, "
            "serial:///dev/ttyACM0?baudrate=9600, camera://0 or sim:."),
    Setting("devices.camera", str, "sim:", "Camera URL: camera://INDEX, file://DIR_OR_VIDEO or sim: (empty = none)."),
    Setting("devices.printer", str, "sim:", "Label printer URL: escpos-usb://VID:PID, "
            "escpos-serial:///dev/ttyUSB0?baudrate=19200, escpos-tcp://HOST:9100, "
            "escpos-file:///dev/usb/lp0 or sim:."),
    Setting("devices.label_width_dots", int, 576, "Label width in printer dots (576 = 80 mm, 384 = 58 mm).",
            choices=(384, 576)),
    Setting("devices.door", str, "sim:", "Door controller URL: usbrelay://16c0:05df?relay=1, "
            "lcus:///dev/ttyUSB1?channel=1, shelly://HOST?id=0, uhppote://HOST?serial=N&door=1 or sim:."),
    Setting("devices.door_sensor", str, "", "Door contact URL where the controller has none (empty = from the "
            "door controller, or absent)."),
    Setting("devices.door_pulse_seconds", float, 5.0, "How long the strike stays unlocked per opening.",
            check=_up_to(300)),
    Setting("devices.door_held_open_seconds", float, 60.0, "Door open longer than this raises an alarm.",
            check=_up_to(86_400)),
    # notifications
    Setting("notifications.email_url", str, "", "Apprise URL for e-mail (e.g. mailtos://user:pass@host).", ),
    Setting("notifications.sms_url", str, "", "Apprise URL for SMS (e.g. twilio://SID:TOKEN@FROM)."),
    Setting("notifications.quiet_hours_start", str, "21:00", "No SMS from this time (HH:MM).", check=_hhmm),
    Setting("notifications.quiet_hours_end", str, "08:00", "…until this time (HH:MM).", check=_hhmm),
    Setting("notifications.batch_minutes", int, 2, "Parcels for one resident within this many minutes "
            "go out as one notice.", check=_up_to(1440, zero=True)),
    Setting("notifications.perishable_overrides_quiet_hours", bool, True,
            "Perishable notices are sent even in quiet hours."),
    Setting("notifications.staff_email", str, "", "Where staff alerts and the daily digest go (empty = none)."),
    Setting("notifications.manager_email", str, "", "Where the manager's weekly summary goes (empty = none)."),
    Setting("notifications.digest_language", str, "en", "Language of staff and manager e-mails.",
            choices=("en", "es")),
    Setting("notifications.smtp_timeout_seconds", float, 20.0, "Give up on an SMTP server after this.",
            check=_up_to(600)),
    # reports
    Setting("reports.folder", str, "", "Where the weekly report PDF is saved, e.g. a USB stick or a network share "
            "(empty = reports/ in the data directory)."),
    # label reading
    Setting("labels.match_threshold", float, 0.85, "A resident read from a shipping label is proposed only at or "
            "above this confidence (0–1); below it the best three are offered.", check=_up_to(1.0)),
    Setting("labels.tessdata_dir", str, "", "Tesseract language data directory (empty = found automatically)."),
    # jobs
    Setting("jobs.reminder_days", list, [2, 5, 9], "Days after arrival on which reminders go out.", check=_days),
    Setting("jobs.return_after_days", int, 15, "Unclaimed parcels join the return-to-sender list after this.",
            check=_up_to(365)),
    Setting("jobs.backup_keep", int, 14, "Nightly backups kept.", check=_up_to(10_000, zero=True)),
    Setting("jobs.retention_days", int, 365, "Personal data of moved-out residents is purged after this.",
            check=_up_to(36_500)),
)

_BY_KEY: dict[str, Setting] = {s.key: s for s in SETTINGS}


class Settings(Mapping[str, Any]):
    """Validated settings: ``settings["devices.printer"]`` or ``settings.get("kiosk.language")``."""

    def __init__(self, values: Mapping[str, Any] | None = None, source: Path | None = None) -> None:
        merged = {s.key: s.default for s in SETTINGS}
        for key, value in (values or {}).items():
            merged[key] = _validate(key, value)
        self._values = merged
        self.source = source

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def replace(self, **changes: Any) -> Settings:
        """A copy with some settings changed; keys use ``__`` for dots (``devices__printer=...``)."""
        values = dict(self._values)
        for name, value in changes.items():
            values[name.replace("__", ".")] = value
        return Settings(values, self.source)

    @property
    def data_dir(self) -> Path:
        configured = self["paths.data_dir"] or os.environ.get(DATA_DIR_ENV, "")
        return Path(configured) if configured else Path(platformdirs.user_data_dir(APP_NAME, False))

    @property
    def log_dir(self) -> Path:
        configured = self["paths.log_dir"]
        return Path(configured) if configured else Path(platformdirs.user_log_dir(APP_NAME, False))

    @property
    def database_url(self) -> str:
        return str(self["database.url"]) or f"sqlite:///{self.data_dir / 'packroom.sqlite3'}"


def _validate(key: str, value: Any) -> Any:
    setting = _BY_KEY.get(key)
    if setting is None:
        close = difflib.get_close_matches(key, _BY_KEY, n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ConfigError(f"unknown setting {key!r}{hint}")
    expected = setting.type
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise ConfigError(
            f"setting {key!r} = {value!r}: expected {expected.__name__}, got {type(value).__name__}"
        )
    if setting.choices is not None and value not in setting.choices:
        raise ConfigError(f"setting {key!r} = {value!r}: must be one of {', '.join(map(repr, setting.choices))}")
    if setting.check is not None and (problem := setting.check(value)):
        raise ConfigError(f"setting {key!r} = {value!r}: {problem}")
    return value


def _flatten(table: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for name, value in table.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict):
            yield from _flatten(value, key + ".")
        else:
            yield key, value


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, False)) / "packroom.toml"


def load_settings(path: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Load and validate the configuration; an absent default file means all defaults."""
    env = os.environ if env is None else env
    explicit = path is not None or bool(env.get(CONFIG_ENV))
    config_path = Path(path) if path is not None else Path(env.get(CONFIG_ENV) or default_config_path())
    values: dict[str, Any] = {}
    if config_path.exists():
        try:
            with config_path.open("rb") as handle:
                document = tomllib.load(handle)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{config_path}: not valid TOML: {exc}") from None
        except UnicodeDecodeError:
            raise ConfigError(f"{config_path}: not valid TOML: the file is not UTF-8 text") from None
        except OSError as exc:
            raise ConfigError(f"{config_path}: cannot be read: {exc.strerror}") from None
        values.update(_flatten(document))
    elif explicit:
        raise ConfigError(f"configuration file {config_path} does not exist")
    if env.get(DATABASE_ENV):
        values["database.url"] = env[DATABASE_ENV]
    try:
        return Settings(values, config_path if config_path.exists() else None)
    except ConfigError as exc:
        raise ConfigError(f"{config_path}: {exc}") from None


def describe_settings() -> str:
    """A commented TOML document with every setting and its default (``packroom config --defaults``)."""
    lines: list[str] = []
    section = ""
    for setting in SETTINGS:
        head, name = setting.key.rsplit(".", 1)
        if head != section:
            section = head
            lines.append(f"\n[{section}]")
        lines.append(f"# {setting.description}")
        lines.append(f"{name} = {_toml_value(setting.default)}")
    return "\n".join(lines).lstrip() + "\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return repr(value)
