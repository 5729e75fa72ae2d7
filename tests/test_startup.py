"""Start-up after a clean shutdown reads only what it must; after a crash it checks the whole file.

The kiosk marks a clean shutdown when it closes; the next start then checks the SQLite file's
header and schema instead of every page, and opens a database already at the newest schema
without Alembic. A start after a crash (no mark) runs SQLite's full check and refuses a damaged
file with a clear message.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import CliError, mark_clean_shutdown, open_database
from kiosk.config import Settings
from kiosk.persistence.database import CLEAN_SHUTDOWN_SUFFIX, SCHEMA_HEAD, sqlite_path
from kiosk.persistence.migrate import head_revision


def _marker(settings: Settings) -> Path:
    path = sqlite_path(settings.database_url)
    assert path is not None
    return Path(str(path) + CLEAN_SHUTDOWN_SUFFIX)


def test_schema_head_constant_is_the_newest_migration() -> None:
    assert head_revision() == SCHEMA_HEAD, "update SCHEMA_HEAD in kiosk/persistence/database.py"


def test_a_clean_shutdown_mark_is_used_once(settings: Settings) -> None:
    mark_clean_shutdown(settings)
    assert _marker(settings).exists()
    open_database(settings, startup=True).dispose()
    assert not _marker(settings).exists()  # a crash from here on leaves no mark


def _damage_a_data_page(settings: Settings) -> None:
    path = sqlite_path(settings.database_url)
    assert path is not None
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 8 * page
    for offset in range(5 * page, 7 * page):  # pages past the schema: tables' own b-tree pages
        data[offset] = 0xA5
    path.write_bytes(bytes(data))


def test_after_a_crash_a_damaged_file_is_refused_at_start(settings: Settings) -> None:
    _damage_a_data_page(settings)
    with pytest.raises(CliError, match="corrupt"):
        open_database(settings, startup=True)


def test_the_command_line_always_checks_the_whole_file(settings: Settings) -> None:
    mark_clean_shutdown(settings)
    _damage_a_data_page(settings)
    with pytest.raises(CliError, match="corrupt"):
        open_database(settings)


def test_closing_the_kiosk_marks_a_clean_shutdown(qtbot, settings: Settings) -> None:
    from ui.app import build_application

    kiosk = build_application(settings, kiosk_id="startup")
    qtbot.addWidget(kiosk.window)
    assert not _marker(settings).exists()
    kiosk.close()
    assert _marker(settings).exists()


def test_the_kiosk_starts_without_loading_the_camera_and_label_reading_libraries() -> None:
    """OpenCV, NumPy and the label-reading pipeline take a third of the start-up and a quarter of the
    memory: the camera opens, and the reader is built, after the first screen is up. A module-level
    import of any of them on the way to ``ui.app`` would bring them back into every start."""
    heavy = ["cv2", "numpy", "pyzbar", "kiosk.labelread.reader", "kiosk.labelread.match", "hardware.camera.worker",
             "hardware.camera.decoder"]
    probe = f"import sys, ui.app; print([m for m in {heavy!r} if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[1])
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]", f"loaded at import: {done.stdout.strip()}"
