"""First-run set-up in the core: when it is due, the TOML it writes, and what completing it does."""

from __future__ import annotations

import stat
import tomllib
from pathlib import Path

import pytest

from kiosk import eventlog
from kiosk.config import Settings, load_settings
from kiosk.firstrun import (
    FirstRunSetup,
    SetupAnswers,
    SetupError,
    check_pin,
    is_fresh_database,
    needs_setup,
    toml_document,
    write_config,
)
from kiosk.persistence.uow import Database
from kiosk.services.demo import seed_demo
from kiosk.services.staff import StaffService

RENTROLL = Path(__file__).parent / "data" / "rentroll"


def test_a_fresh_install_needs_setup_unless_demo_or_configured(db: Database, tmp_path: Path) -> None:
    unconfigured = Settings()
    assert unconfigured.source is None
    assert needs_setup(unconfigured, db)
    assert not needs_setup(unconfigured, db, demo_requested=True)
    assert not needs_setup(unconfigured.replace(kiosk__demo=True), db)
    config = tmp_path / "packroom.toml"
    config.write_text('[property]\nname = "X"\n', encoding="utf-8")
    assert not needs_setup(load_settings(config, env={}), db)


def test_a_database_in_use_is_not_fresh(db: Database) -> None:
    assert is_fresh_database(db)
    seed_demo(db, parcels=2)
    assert not is_fresh_database(db)
    assert not needs_setup(Settings(), db)


def test_residents_alone_do_not_make_a_database_in_use(db: Database) -> None:
    setup = FirstRunSetup(db, Path("unused.toml"))
    setup._import(RENTROLL / "generic.csv", "Harbor View", None)  # as `packroom residents import` would
    assert is_fresh_database(db)


@pytest.mark.parametrize(("pin", "again", "problem"), [
    ("12", "12", "4 to 12 digits"), ("12ab", "12ab", "4 to 12 digits"), ("0000", "0000", "all one digit"),
    ("1234", "1234", "a run like 1234"), ("4826", "4862", "not the same"),
])
def test_pins_that_are_refused(pin: str, again: str, problem: str) -> None:
    with pytest.raises(SetupError, match=problem):
        check_pin(pin, again)


def test_a_good_pin_is_accepted() -> None:
    assert check_pin(" 482613 ", "482613") == "482613"


def test_the_toml_round_trips_through_the_settings_loader(tmp_path: Path) -> None:
    values = {
        "property.name": 'The "Quay" \\ Lofts',
        "devices.printer": "escpos-usb://0416:5011?width=576",
        "devices.door_pulse_seconds": 3.5,
        "pickup.code_length": 8,
        "kiosk.fullscreen": True,
        "jobs.reminder_days": [1, 3],
    }
    path = write_config(tmp_path / "etc" / "packroom.toml", values, header="written by a test")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# written by a test\n")
    assert text.index("[property]") < text.index("[kiosk]") < text.index("[pickup]") < text.index("[devices]")
    loaded = load_settings(path, env={})
    for key, value in values.items():
        assert loaded[key] == value
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # notification URLs carry passwords
    assert [p.name for p in path.parent.iterdir()] == ["packroom.toml"]  # no temporary file left


def test_a_bad_value_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(SetupError, match=r"kiosk\.language"):
        write_config(tmp_path / "packroom.toml", {"kiosk.language": "fr"})
    assert not (tmp_path / "packroom.toml").exists()
    with pytest.raises(SetupError, match="cannot write"):
        toml_document({"property.name": object()})


def test_complete_writes_the_config_imports_residents_and_creates_the_admin(db: Database, tmp_path: Path) -> None:
    config = tmp_path / "config" / "packroom.toml"
    setup = FirstRunSetup(db, config, kiosk_id="test")
    answers = SetupAnswers(
        property_name="Harbor View", admin_name="Dana Admin", admin_pin="482613",
        devices={"scanner": "keyboard:", "printer": "sim:", "door": "sim:", "camera": ""},
        residents_csv=RENTROLL / "generic.csv",
    )
    result = setup.complete(answers)
    assert result.config_path == config
    document = tomllib.loads(config.read_text(encoding="utf-8"))
    assert document["property"] == {"name": "Harbor View"}
    assert document["devices"] == {"scanner": "keyboard:", "camera": "", "printer": "sim:", "door": "sim:"}
    assert result.settings["property.name"] == "Harbor View" and result.settings.source == config
    assert result.residents is not None and result.residents.committed and len(result.residents.added) == 19
    session = StaffService(db).sign_in_pin("482613", scope="test")
    assert session.name == "Dana Admin" and session.role.value == "admin"
    with db.reader() as uow:
        assert eventlog.verify(uow.session).ok
    assert not is_fresh_database(db)
    with pytest.raises(SetupError, match="not a fresh install"):
        FirstRunSetup(db, tmp_path / "again.toml").complete(answers)
    assert not (tmp_path / "again.toml").exists()


def test_a_bad_csv_leaves_no_admin_and_no_config(db: Database, tmp_path: Path) -> None:
    config = tmp_path / "packroom.toml"
    answers = SetupAnswers(property_name="Harbor View", admin_name="Dana", admin_pin="482613",
                           residents_csv=RENTROLL / "broken.csv")
    with pytest.raises(SetupError, match="nothing was imported"):
        FirstRunSetup(db, config).complete(answers)
    assert not config.exists() and not list(tmp_path.glob("*.toml*")) and not list(tmp_path.glob(".*"))
    assert is_fresh_database(db)


def test_a_bad_notification_url_is_refused_before_anything_is_written(db: Database, tmp_path: Path) -> None:
    answers = SetupAnswers(property_name="Harbor View", admin_name="Dana", admin_pin="482613",
                           email_url="mailto://")
    with pytest.raises(SetupError):
        FirstRunSetup(db, tmp_path / "packroom.toml").complete(answers)
    assert is_fresh_database(db) and not (tmp_path / "packroom.toml").exists()

