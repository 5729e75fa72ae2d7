"""The review bundle: `packroom export` then `packroom review --verify`, and every kind of tampering caught."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from kiosk.config import Settings
from kiosk.persistence.database import create_db_engine
from kiosk.persistence.uow import Database
from kiosk.reports import bundle
from kiosk.reports.bundle import BundleReader, export_bundle, verify_bundle
from tests.test_reports import END, NOW, START, Week, seed_week

REPO = Path(__file__).resolve().parents[1]
PACKROOM = [sys.executable, "-c",
            "import sys\n"
            "from kiosk.cli import build_parser, run_command\n"
            "from kiosk.reports.cli import register as register_export\n"
            "from ui.review.cli import register as register_review\n"
            "sys.exit(run_command(build_parser([register_export, register_review]), sys.argv[1:]))"]


def packroom(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PACKROOM, *args], capture_output=True, text=True, cwd=REPO, timeout=300,
                          env={**os.environ, **env})


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, _sqlite_template: Path) -> Iterator[tuple[Week, Path, str]]:
    """One seeded week and its bundle for the whole module (seeding and exporting take a while)."""
    folder = tmp_path_factory.mktemp("bundle")
    shutil.copyfile(_sqlite_template, folder / "week.sqlite3")
    url = f"sqlite:///{folder / 'week.sqlite3'}"
    db = Database(create_db_engine(url))
    settings = Settings({"paths.data_dir": str(folder / "data"), "database.url": url, "property.timezone": "UTC"})
    week = seed_week(db, settings)
    out = folder / "review.zip"
    export_bundle(db, settings, START, END, out, now=NOW)
    yield week, out, url
    db.dispose()


@pytest.fixture
def week(seeded: tuple[Week, Path, str]) -> Week:
    return seeded[0]


@pytest.fixture
def exported(seeded: tuple[Week, Path, str], tmp_path: Path) -> Path:
    copy = tmp_path / "review.zip"
    shutil.copyfile(seeded[1], copy)
    return copy


def rebuild(source: Path, target: Path, change: dict[str, bytes], reseal: bool = True) -> None:
    """Copy a bundle with some members replaced, as someone editing it with a zip tool would."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info, change.get(info.filename, old.read(info.filename)))
        new.comment = bundle.SEAL_PREFIX + b"0" * 64
    if reseal:
        bundle._seal(target)


def test_cli_export_then_verify_intact(seeded: tuple[Week, Path, str], tmp_path: Path) -> None:
    env = {"PACKROOM_DATABASE_URL": seeded[2], "PACKROOM_DATA_DIR": str(tmp_path / "data")}
    out = tmp_path / "out" / "week.zip"
    done = packroom("export", "--from", START.isoformat(), "--to", END.isoformat(), "--out", str(out), env=env)
    assert done.returncode == 0, done.stderr
    assert "wrote" in done.stdout and out.is_file()
    verdict = packroom("review", str(out), "--verify", env=env)
    assert verdict.returncode == 0, verdict.stdout + verdict.stderr
    assert verdict.stdout.startswith("INTACT") and "2026-03-02 – 2026-03-08" in verdict.stdout

    raw = bytearray(out.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    tampered = tmp_path / "tampered.zip"
    tampered.write_bytes(bytes(raw))
    verdict = packroom("review", str(tampered), "--verify", env=env)
    assert verdict.returncode == 1 and verdict.stdout.startswith("ALTERED")

    bad = packroom("export", "--from", "2026-03-08", "--to", "2026-03-01", "--out", str(out), env=env)
    assert bad.returncode == 2 and "before" in bad.stderr
    bad = packroom("export", "--from", "March", "--to", "2026-03-01", "--out", str(out), env=env)
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr
    missing = packroom("review", str(tmp_path / "nope.zip"), "--verify", env=env)
    assert missing.returncode == 2 and "no such file" in missing.stderr


def test_the_bundle_holds_reports_data_snapshot_and_manifest(exported: Path) -> None:
    verdict = verify_bundle(exported)
    assert verdict.ok, verdict.problems
    with zipfile.ZipFile(exported) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
        for member in manifest["members"]:
            assert hashlib.sha256(archive.read(member["name"])).hexdigest() == member["sha256"]
        assert {"reports/reports.pdf", "reports/reports.xlsx", "reports/activity.json", "data/parcels.csv",
                "data/events.csv", "data/snapshot.sqlite3", "charts/activity-by_day.png"} <= names
        snapshot = archive.read("data/snapshot.sqlite3")
    assert manifest["period"] == {"from": "2026-03-02", "to": "2026-03-08", "timezone": "UTC",
                                  "since_utc": "2026-03-02T00:00:00+00:00", "until_utc": "2026-03-09T00:00:00+00:00"}
    chain = manifest["event_chain"]
    assert chain["intact_at_export"] and chain["count"] == chain["last_seq"] - chain["first_seq"] + 1
    path = exported.parent / "snap.sqlite3"
    path.write_bytes(snapshot)
    with sqlite3.connect(path) as connection:
        pins = connection.execute("SELECT count(*) FROM staff_users WHERE pin_hash != ''").fetchone()[0]
        contacts = connection.execute("SELECT count(*) FROM residents WHERE email IS NOT NULL").fetchone()[0]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        parcels = connection.execute("SELECT count(*) FROM parcels").fetchone()[0]
    connection.close()
    assert pins == 0 and contacts == 0  # no PIN hashes, no resident e-mail left the kiosk
    assert parcels == 9  # every parcel present in the room at some time in the week (p9 since February)
    assert not tables & {"pickup_credentials", "outbox", "app_state"}


def test_the_reader_shows_the_same_numbers_and_custody(exported: Path, week: Week) -> None:
    fresh = week.service.build("activity", START, END, NOW)
    with BundleReader(exported) as reader:
        assert reader.verdict.ok
        shown = next(r for r in reader.reports if r.key == "activity")
        assert [(m.key, m.value) for m in shown.metrics] == [(m.key, m.value) for m in fresh.metrics]
        assert shown.table("by_day").rows == fresh.table("by_day").rows
        assert len(reader.charts["activity"]) == len(fresh.charts)
        p1 = week.building.parcels.get(week.ids["p1"])
        [match] = reader.find_parcels(p1.code)
        custody = reader.custody(match.id)
        assert [(step.from_status, step.to_status) for step in custody] == [("", "received"),
                                                                             ("received", "picked_up")]


def test_a_flipped_byte_anywhere_is_caught(exported: Path, tmp_path: Path) -> None:
    raw = exported.read_bytes()
    for offset in (10, len(raw) // 3, len(raw) - 200, len(raw) - 5):  # a header, data, the directory, the seal
        changed = bytearray(raw)
        changed[offset] ^= 0x20
        target = tmp_path / f"flip-{offset}.zip"
        target.write_bytes(bytes(changed))
        verdict = verify_bundle(target)
        assert not verdict.ok, f"byte {offset} changed unnoticed"
        assert "ALTERED" in verdict.describe()


def test_an_altered_member_is_named(exported: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(exported) as archive:
        data = json.loads(archive.read("reports/activity.json"))
    data["metrics"][0]["value"] = 600
    target = tmp_path / "edited.zip"
    rebuild(exported, target, {"reports/activity.json": json.dumps(data).encode()})
    verdict = verify_bundle(target)
    assert not verdict.ok
    assert any("reports/activity.json was altered" in p for p in verdict.problems)


def test_an_altered_manifest_is_caught(exported: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(exported) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        edited = archive.read("reports/activity.json").replace(b'"value": 6', b'"value": 7', 1)
    # the member changed and its hash in the manifest "fixed", but not the manifest's own checksum
    for member in manifest["members"]:
        if member["name"] == "reports/activity.json":
            member["sha256"] = hashlib.sha256(edited).hexdigest()
            member["size"] = len(edited)
    target = tmp_path / "manifest.zip"
    rebuild(exported, target, {"reports/activity.json": edited, "manifest.json": json.dumps(manifest).encode()})
    verdict = verify_bundle(target)
    assert not verdict.ok and any("manifest.json was altered" in p for p in verdict.problems)

    manifest["period"]["to"] = "2026-03-31"
    target = tmp_path / "period.zip"
    rebuild(exported, target, {"manifest.json": json.dumps(manifest).encode()}, reseal=False)
    verdict = verify_bundle(target)
    assert not verdict.ok and any("seal" in p for p in verdict.problems)


def test_a_rewritten_event_in_the_snapshot_breaks_the_chain(exported: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(exported) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        (tmp_path / "snap.sqlite3").write_bytes(archive.read("data/snapshot.sqlite3"))
    with sqlite3.connect(tmp_path / "snap.sqlite3") as connection:
        connection.execute("UPDATE events SET actor_label = 'someone else' WHERE kind = 'door.forced_open'")
    connection.close()
    snapshot = (tmp_path / "snap.sqlite3").read_bytes()
    for member in manifest["members"]:  # a forger recomputes every checksum…
        if member["name"] == "data/snapshot.sqlite3":
            member["sha256"], member["size"] = hashlib.sha256(snapshot).hexdigest(), len(snapshot)
    manifest["manifest_sha256"] = bundle._manifest_digest(manifest)
    target = tmp_path / "forged.zip"
    rebuild(exported, target, {"data/snapshot.sqlite3": snapshot, "manifest.json": json.dumps(manifest).encode()})
    verdict = verify_bundle(target)
    assert not verdict.ok  # …but not the hash chain of the event log
    assert verdict.problems == ("event log in the snapshot is broken: event #"
                                f"{_seq_of(tmp_path / 'snap.sqlite3')} was changed after it was written",)


def _seq_of(snapshot: Path) -> int:
    with sqlite3.connect(snapshot) as connection:
        seq = connection.execute("SELECT seq FROM events WHERE kind = 'door.forced_open'").fetchone()[0]
    connection.close()
    return int(seq)


def test_something_that_is_not_a_bundle(tmp_path: Path) -> None:
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("hello.txt", "hi")
    verdict = verify_bundle(other)
    assert not verdict.ok and "no Packroom seal" in verdict.problems[0]
    assert "manifest.json is missing" in verdict.problems[-1]
    text = tmp_path / "notes.txt"
    text.write_text("not a zip")
    assert not verify_bundle(text).ok


def test_export_of_a_week_with_no_events(db: Database, settings: Settings, tmp_path: Path) -> None:
    info = export_bundle(db, settings, date(2020, 1, 1), date(2020, 1, 7), tmp_path / "empty.zip")
    assert info.events == 0
    assert verify_bundle(info.path).ok
