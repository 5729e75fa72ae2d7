"""The schedule: every job listed with its next run, runs persisted in app_state, failures
recorded, and a nightly backup missed while the PC was off run exactly once after a restart."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, time

import pytest

from kiosk.config import Settings
from kiosk.jobs.backup import list_backups
from kiosk.jobs.scheduler import JobRun, JobSchedule, JobSpec, build_scheduler, previous_slot
from kiosk.notifications.channels import Channels
from kiosk.notifications.outbox import OutboxSender
from kiosk.persistence.models import AppState
from kiosk.persistence.uow import Database
from tests.factories import Building
from tests.notifications.servers import FakeClock

NOW = datetime(2026, 3, 11, 9, 0, tzinfo=UTC)  # Wednesday 09:00 in a UTC building


def schedule_for(db: Database, settings: Settings, clock: FakeClock) -> JobSchedule:
    sender = OutboxSender(db, Channels(), clock)
    return build_scheduler(db, settings, sender, clock)


def mark_done(db: Database, name: str, at: datetime) -> None:
    with db.uow() as uow:
        uow.session.merge(
            AppState(
                key=f"job:{name}",
                value=json.dumps(
                    {
                        "last_success": at.isoformat(),
                        "last_attempt": at.isoformat(),
                        "last_error": "",
                        "summary": "ok",
                    }
                ),
            )
        )
        uow.commit()


def test_previous_slot() -> None:
    assert previous_slot(NOW, time(2, 30), UTC) == datetime(2026, 3, 11, 2, 30, tzinfo=UTC)
    assert previous_slot(NOW, time(9, 30), UTC) == datetime(2026, 3, 10, 9, 30, tzinfo=UTC)


def test_every_job_is_listed_and_run_now_persists_its_last_run(
    building: Building, db: Database, job_settings: Settings, clock: FakeClock
) -> None:
    clock.set(NOW)
    schedule = schedule_for(db, job_settings, clock)
    infos = {info.name: info for info in schedule.next_runs()}
    assert set(infos) == {
        "outbox",
        "perishables",
        "reminders",
        "holds",
        "backup",
        "retention",
        "digest",
        "weekly_report",
    }
    assert all(info.next_run_at is not None for info in infos.values())
    assert infos["backup"].next_run_at.time() == time(2, 30)
    assert infos["digest"].next_run_at.time() == time(7, 0)
    assert infos["weekly_report"].next_run_at.time() == time(6, 30)

    run = schedule.run_now("reminders", wait=True)
    assert run is not None and run.ok and "reminder" in run.summary
    state = schedule.state("reminders")
    assert state.last_success == NOW and state.last_error == ""
    assert {info.name: info for info in schedule.next_runs()}["reminders"].last_success_at == NOW
    with pytest.raises(KeyError, match="no job named"):
        schedule.run_now("coffee")


def test_a_failing_job_records_its_error_and_tells_listeners(
    db: Database, clock: FakeClock
) -> None:
    def broken(now: datetime) -> str:
        raise RuntimeError("disk full")

    schedule = JobSchedule(
        db, [JobSpec("broken", "Always fails", broken, at=time(2, 0))], clock, UTC
    )
    seen: list[JobRun] = []
    schedule.add_listener(seen.append)
    run = schedule.run_now("broken", wait=True)
    assert run is not None and not run.ok and "disk full" in run.summary
    assert seen == [run]
    state = schedule.state("broken")
    assert state.last_success is None and "RuntimeError: disk full" in state.last_error
    assert schedule.missed() == ["broken"]  # a failed run does not count as done


def test_missed_nightly_backup_runs_exactly_once_after_restart(
    building: Building, db: Database, job_settings: Settings, clock: FakeClock
) -> None:
    clock.set(NOW)
    mark_done(
        db, "backup", datetime(2026, 3, 9, 2, 31, tzinfo=UTC)
    )  # then the PC was off two nights
    mark_done(db, "retention", datetime(2026, 3, 11, 3, 15, tzinfo=UTC))
    mark_done(db, "digest", datetime(2026, 3, 11, 7, 0, tzinfo=UTC))
    mark_done(db, "weekly_report", datetime(2026, 3, 11, 6, 30, tzinfo=UTC))
    backups = job_settings.data_dir / "backups"

    schedule = schedule_for(db, job_settings, clock)
    assert schedule.missed() == ["backup"]
    finished = threading.Event()
    schedule.add_listener(lambda run: finished.set() if run.name == "backup" else None)
    assert schedule.start() == ["backup"]
    try:
        assert finished.wait(30), "the missed backup did not run"
    finally:
        schedule.stop()
    assert len(list_backups(backups)) == 1
    assert schedule.state("backup").last_success == NOW
    assert schedule.state("reminders").last_success == NOW  # interval jobs ran on start too

    restarted = schedule_for(db, job_settings, clock)  # the kiosk restarts the same morning
    assert restarted.missed() == []
    assert restarted.run_missed() == []
    assert restarted.start() == []
    restarted.stop()
    assert len(list_backups(backups)) == 1, "the nightly backup ran twice"


def test_catching_up_twice_in_a_row_runs_once(
    building: Building, db: Database, job_settings: Settings, clock: FakeClock
) -> None:
    clock.set(NOW)
    for name in ("retention", "digest", "weekly_report"):
        mark_done(db, name, NOW)
    schedule = schedule_for(db, job_settings, clock)
    results: list[list[JobRun]] = []
    threads = [
        threading.Thread(target=lambda: results.append(schedule.run_missed())) for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(len(r) for r in results) == [0, 1]
    assert len(list_backups(job_settings.data_dir / "backups")) == 1
