"""Configuration: defaults, TOML file, environment overrides, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import SETTINGS, ConfigError, describe_settings, load_settings


def test_defaults_when_no_file_exists(tmp_path: Path) -> None:
    settings = load_settings(env={})
    assert settings["devices.printer"] == "sim:"
    assert settings.database_url.startswith("sqlite:///")
    assert settings.source is None


def test_file_values_and_environment_overrides(tmp_path: Path) -> None:
    config = tmp_path / "packroom.toml"
    config.write_text('[devices]\nprinter = "escpos-tcp://10.0.0.5:9100"\ndoor_pulse_seconds = 3\n'
                      '[kiosk]\nlanguage = "es"\n')
    settings = load_settings(env={"PACKROOM_CONFIG": str(config),
                                  "PACKROOM_DATABASE_URL": "postgresql+psycopg://k@db/packroom"})
    assert settings["devices.printer"] == "escpos-tcp://10.0.0.5:9100"
    assert settings["devices.door_pulse_seconds"] == 3.0
    assert settings["kiosk.language"] == "es"
    assert settings.database_url == "postgresql+psycopg://k@db/packroom"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[devices]\nprinterr = "sim:"\n', "unknown setting 'devices.printerr' (did you mean 'devices.printer'?)"),
        ("[devices]\ndoor_pulse_seconds = \"five\"\n", "'devices.door_pulse_seconds' = 'five': expected float"),
        ("[kiosk]\nlanguage = \"fr\"\n", "must be one of 'en', 'es'"),
        ("[pickup]\nmax_attempts = 0\n", "must be greater than 0"),
        ("[room]\nhours_open = \"25:99\"\n", "must be a time as HH:MM"),
        ("[devices\nprinter = 1\n", "not valid TOML"),
    ],
)
def test_bad_configuration_names_key_and_value(tmp_path: Path, toml: str, message: str) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(toml)
    with pytest.raises(ConfigError) as excinfo:
        load_settings(config, env={})
    assert message in str(excinfo.value)
    assert str(config) in str(excinfo.value)


def test_missing_explicit_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "nope.toml", env={})


def test_every_setting_is_documented_and_the_defaults_round_trip(tmp_path: Path) -> None:
    text = describe_settings()
    config = tmp_path / "defaults.toml"
    config.write_text(text)
    settings = load_settings(config, env={})
    for setting in SETTINGS:
        assert setting.description
        assert settings[setting.key] == setting.default
