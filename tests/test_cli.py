"""The ``packroom`` command as a user runs it: a real process, real files, exit codes and messages."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import ups_number

REPO = Path(__file__).resolve().parents[1]
PACKROOM = [sys.executable, "-c", "import sys; from ui.app import main; sys.exit(main())"]


def packroom(*args: str, env: dict[str, str] | None = None, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PACKROOM, *args], capture_output=True, text=True, cwd=cwd, timeout=120,
                          env={**os.environ, **(env or {})})


@pytest.fixture
def db_env(tmp_path: Path) -> dict[str, str]:
    return {"PACKROOM_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
            "PACKROOM_DATA_DIR": str(tmp_path / "data")}


def test_help_lists_every_command() -> None:
    done = packroom("--help")
    assert done.returncode == 0
    for command in ("run", "db", "demo", "residents", "tracking", "log", "config"):
        assert command in done.stdout


def test_db_upgrade_then_up_to_date(db_env: dict[str, str]) -> None:
    first = packroom("db", "upgrade", env=db_env)
    assert first.returncode == 0 and "upgraded from empty" in first.stdout
    second = packroom("db", "upgrade", env=db_env)
    assert second.returncode == 0 and "up to date" in second.stdout
    assert packroom("db", "status", env=db_env).returncode == 0


def test_demo_then_log_verify(db_env: dict[str, str]) -> None:
    demo = packroom("demo", "--parcels", "6", env=db_env)
    assert demo.returncode == 0, demo.stderr
    assert "6 waiting parcels" in demo.stdout and "246810" in demo.stdout
    again = packroom("demo", env=db_env)
    assert "nothing seeded" in again.stdout
    verify = packroom("log", "verify", env=db_env)
    assert verify.returncode == 0 and "event log intact" in verify.stdout


def test_log_verify_reports_the_first_tampered_row(db_env: dict[str, str], tmp_path: Path) -> None:
    assert packroom("demo", "--parcels", "4", env=db_env).returncode == 0
    with sqlite3.connect(tmp_path / "cli.sqlite3") as connection:
        # An attacker with the file drops the guard and edits history.
        connection.execute("DROP TRIGGER events_no_update")
        connection.execute("UPDATE events SET data = '{\"code\": \"FORGED\"}' WHERE seq = 3")
    verify = packroom("log", "verify", env=db_env)
    assert verify.returncode == 1
    assert "BROKEN at event #3" in verify.stdout and "changed" in verify.stdout


def test_tracking_json_lines(tmp_path: Path) -> None:
    number = ups_number()
    done = packroom("tracking", "--json", number, "12345")
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert lines[0] == {"input": number, "carrier": "ups", "valid": True, "number": number}
    assert lines[1]["valid"] is False and lines[1]["input"] == "12345"
    assert done.returncode == 1  # not every number was valid


def test_config_with_a_typo_exits_with_one_line(tmp_path: Path) -> None:
    config = tmp_path / "packroom.toml"
    config.write_text('[devices]\nprintr = "sim:"\n')
    done = packroom("--config", str(config), "db", "status")
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0
    assert "unknown setting 'devices.printr'" in done.stderr


def test_corrupt_database_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    bad = tmp_path / "broken.sqlite3"
    bad.write_bytes(b"this is not a database" * 100)
    before = bad.read_bytes()
    done = packroom("db", "upgrade", env={"PACKROOM_DATABASE_URL": f"sqlite:///{bad}"})
    assert done.returncode == 2
    assert "not a SQLite database" in done.stderr
    assert bad.read_bytes() == before


def test_unreachable_postgres_is_one_clear_line() -> None:
    done = packroom("db", "status", env={"PACKROOM_DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"})
    assert done.returncode == 2
    assert "cannot open the database" in done.stderr and "***" not in done.stderr


def test_console_script_is_installed() -> None:
    script = shutil.which("packroom", path=str(Path(sys.executable).parent))
    assert script is not None
    done = subprocess.run([script, "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("packroom ")
