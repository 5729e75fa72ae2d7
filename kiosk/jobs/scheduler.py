"""When the jobs run: APScheduler 3.11's ``BackgroundScheduler`` around the plain job functions.

Cadence: outbox every 10 s, perishables every 5 min, reminders and holds hourly, the weekly report
on Mondays at 06:30, backup at 02:30, retention at 03:15 and the digest at 07:00 (property time
zone). Each job's last run is kept in ``app_state`` under ``job:{name}`` (JSON: last_success, last_attempt, last_error,
summary), so the staff screen can show it and a restart knows what was missed.

Missed runs: APScheduler keeps its jobs in memory, so after the PC was off it cannot know that
last night's backup did not happen. On :meth:`JobSchedule.start`, each daily job whose most
recent slot (e.g. today 02:30, or yesterday's if it is not 02:30 yet) is later than its last
success is run once, in the background. "Once, never twice": however many nights were missed
it runs once (coalesced), a run for a slot re-checks the persisted marker under a per-job lock
and skips if that slot was already done, and APScheduler itself runs with ``coalesce=True``,
``max_instances=1`` and a misfire grace time. Interval jobs simply run soon after start.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import select

from kiosk.config import Settings
from kiosk.jobs.backup import backup_database
from kiosk.jobs.digest import queue_digest
from kiosk.jobs.holds import release_expired_holds
from kiosk.jobs.perishables import escalate_perishables
from kiosk.jobs.reminders import send_reminders
from kiosk.jobs.retention import purge_personal_data
from kiosk.jobs.weekly_report import weekly_report
from kiosk.notifications.outbox import OutboxSender
from kiosk.notifications.policy import Clock, property_tz
from kiosk.persistence.models import AppState
from kiosk.persistence.uow import Database

log = logging.getLogger(__name__)

STATE_PREFIX = "job:"
MISFIRE_GRACE_S = 6 * 3600


@dataclass(frozen=True)
class JobSpec:
    """One scheduled job: either every ``every`` or daily at ``at`` (local time)."""

    name: str
    description: str
    run: Callable[[datetime], str]  # the job body; returns a one-line summary ("" = nothing done)
    every: timedelta | None = None
    at: time | None = None
    quiet: bool = False  # frequent job: persist its state only when it did something or failed


@dataclass(frozen=True)
class JobRun:
    """The outcome of one run, for listeners (the staff UI turns it into a Qt signal)."""

    name: str
    ok: bool
    started_at: datetime
    summary: str
    skipped: bool = False


@dataclass(frozen=True)
class JobInfo:
    """A row of the staff screen's job list."""

    name: str
    description: str
    next_run_at: datetime | None
    last_success_at: datetime | None
    last_attempt_at: datetime | None
    last_error: str
    last_summary: str
    running: bool


@dataclass(frozen=True)
class JobState:
    last_success: datetime | None = None
    last_attempt: datetime | None = None
    last_error: str = ""
    summary: str = ""


def previous_slot(now: datetime, at: time, tz: tzinfo) -> datetime:
    """The latest instant ≤ ``now`` that is ``at`` o'clock in ``tz`` (UTC)."""
    local = now.astimezone(tz)
    slot = datetime.combine(local.date(), at, tzinfo=tz)
    if slot > local:
        slot = datetime.combine(local.date() - timedelta(days=1), at, tzinfo=tz)
    return slot.astimezone(UTC)


def _parse_time(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


class JobSchedule:
    """The running schedule: start/stop, run a job now, list next runs."""

    def __init__(self, db: Database, specs: list[JobSpec], clock: Clock, tz: tzinfo) -> None:
        self._db = db
        self._specs = {spec.name: spec for spec in specs}
        self._clock = clock
        self._tz = tz
        self._locks = {name: threading.Lock() for name in self._specs}
        self._listeners: list[Callable[[JobRun], None]] = []
        self._scheduler = BackgroundScheduler(
            timezone=tz,
            executors={"default": ThreadPoolExecutor(max_workers=4)},
            job_defaults={
                "coalesce": True,
                "max_instances": 1,
                "misfire_grace_time": MISFIRE_GRACE_S,
            },
        )
        for spec in specs:
            if spec.every is not None:
                trigger: Any = IntervalTrigger(seconds=spec.every.total_seconds(), timezone=tz)
            elif spec.at is not None:
                trigger = CronTrigger(hour=spec.at.hour, minute=spec.at.minute, timezone=tz)
            else:
                raise ValueError(f"job {spec.name} has neither an interval nor a time of day")
            self._scheduler.add_job(
                self._scheduled,
                trigger,
                args=[spec.name],
                id=spec.name,
                name=spec.description,
                replace_existing=True,
            )

    # ------------------------------------------------------------------ public

    @property
    def names(self) -> list[str]:
        return list(self._specs)

    @property
    def running(self) -> bool:
        return bool(self._scheduler.running)

    def add_listener(self, callback: Callable[[JobRun], None]) -> None:
        """Call ``callback(JobRun)`` after every run (from a scheduler thread)."""
        self._listeners.append(callback)

    def start(self) -> list[str]:
        """Start the scheduler and queue one catch-up run of each missed daily job (returned)."""
        missed = self.missed()
        self._scheduler.start()
        real_now = datetime.now(UTC)
        for spec in self._specs.values():
            if spec.every is not None:  # interval jobs: first run right away, then every N
                self._scheduler.modify_job(spec.name, next_run_time=real_now)
        for name in missed:
            log.info("job %s missed its last run; running it now", name)
            self._scheduler.add_job(
                self._catch_up,
                args=[name],
                id=f"{name}:catch-up",
                replace_existing=True,
                next_run_time=real_now,
            )
        return missed

    def stop(self, wait: bool = True) -> None:
        if self._scheduler.running:
            self._scheduler.shutdown(wait=wait)

    def missed(self) -> list[str]:
        """Daily jobs whose most recent slot is later than their last successful run."""
        now = self._clock()
        found = []
        for spec in self._specs.values():
            if spec.at is None:
                continue
            state = self.state(spec.name)
            if state.last_success is None or state.last_success < previous_slot(
                now, spec.at, self._tz
            ):
                found.append(spec.name)
        return found

    def run_missed(self) -> list[JobRun]:
        """Run each missed daily job once, now, in the calling thread (start() does it in the
        background); a job whose slot is done meanwhile is skipped, so this never runs twice."""
        runs = []
        for name in self.missed():
            run = self._catch_up(name)
            if run is not None and not run.skipped:
                runs.append(run)
        return runs

    def run_now(self, name: str, *, wait: bool = False) -> JobRun | None:
        """Run a job now (the staff UI's button). ``wait=True`` runs it in the calling thread."""
        if name not in self._specs:
            raise KeyError(f"no job named {name!r} (jobs: {', '.join(self._specs)})")
        if wait:
            return self._execute(name)
        if self._scheduler.running:
            self._scheduler.add_job(
                self._execute,
                args=[name],
                id=f"{name}:now",
                replace_existing=True,
                next_run_time=datetime.now(UTC),
            )
        else:
            threading.Thread(
                target=self._execute, args=[name], name=f"job-{name}", daemon=True
            ).start()
        return None

    def next_runs(self) -> list[JobInfo]:
        """Every job with its next run and last outcome, in schedule order."""
        infos = []
        real_now = datetime.now(UTC)
        for spec in self._specs.values():
            job = self._scheduler.get_job(spec.name)
            next_run = getattr(job, "next_run_time", None) if job is not None else None
            if next_run is None and job is not None and not self._scheduler.running:
                next_run = job.trigger.get_next_fire_time(None, real_now.astimezone(self._tz))
            state = self.state(spec.name)
            infos.append(
                JobInfo(
                    spec.name,
                    spec.description,
                    next_run.astimezone(UTC) if next_run else None,
                    state.last_success,
                    state.last_attempt,
                    state.last_error,
                    state.summary,
                    self._locks[spec.name].locked(),
                )
            )
        return sorted(infos, key=lambda info: info.next_run_at or datetime.max.replace(tzinfo=UTC))

    def state(self, name: str) -> JobState:
        with self._db.reader() as uow:
            value = uow.session.scalar(
                select(AppState.value).where(AppState.key == STATE_PREFIX + name)
            )
        if value is None:
            return JobState()
        try:
            data = json.loads(value)
        except ValueError:
            return JobState()
        return JobState(
            _parse_time(data.get("last_success")),
            _parse_time(data.get("last_attempt")),
            str(data.get("last_error", "")),
            str(data.get("summary", "")),
        )

    # ------------------------------------------------------------------ running

    def _scheduled(self, name: str) -> None:
        spec = self._specs[name]
        slot = previous_slot(self._clock(), spec.at, self._tz) if spec.at is not None else None
        self._execute(name, slot=slot)

    def _catch_up(self, name: str) -> JobRun | None:
        spec = self._specs[name]
        if spec.at is None:
            return None
        return self._execute(name, slot=previous_slot(self._clock(), spec.at, self._tz))

    def _execute(self, name: str, slot: datetime | None = None) -> JobRun | None:
        spec = self._specs[name]
        lock = self._locks[name]
        if not lock.acquire(blocking=False):
            log.info("job %s is already running; this run is skipped", name)
            return None
        try:
            started = self._clock()
            if slot is not None:
                done = self.state(name).last_success
                if done is not None and done >= slot:
                    log.info("job %s already ran for %s; skipped", name, slot.isoformat())
                    return JobRun(name, True, started, "already done", skipped=True)
            try:
                summary = spec.run(started)
            except Exception as exc:
                log.exception("job %s failed", name)
                error = f"{type(exc).__name__}: {exc}"[:400]
                self._save(name, started, success=False, error=error, summary="")
                run = JobRun(name, False, started, error)
            else:
                if not spec.quiet or summary:
                    self._save(name, started, success=True, error="", summary=summary)
                run = JobRun(name, True, started, summary)
        finally:
            lock.release()
        for listener in self._listeners:
            try:
                listener(run)
            except Exception:
                log.exception("a job listener failed")
        return run

    def _save(self, name: str, at: datetime, *, success: bool, error: str, summary: str) -> None:
        previous = self.state(name)
        data = {
            "last_success": (at if success else previous.last_success),
            "last_attempt": at,
            "last_error": error,
            "summary": summary if success else previous.summary,
        }
        value = json.dumps(
            {k: v.isoformat() if isinstance(v, datetime) else v for k, v in data.items()}
        )
        with self._db.uow() as uow:
            row = uow.session.get(AppState, STATE_PREFIX + name, with_for_update=True)
            if row is None:
                uow.session.add(AppState(key=STATE_PREFIX + name, value=value, updated_at=at))
            else:
                row.value = value
                row.updated_at = at
            uow.commit()


def build_scheduler(
    db: Database, settings: Settings, sender: OutboxSender, clock: Clock
) -> JobSchedule:
    """Every job at its cadence; the composition root calls ``.start()``, on exit ``.stop()``."""

    def outbox(now: datetime) -> str:
        report = sender.send_due()
        if not (report.claimed or report.deferred or report.cancelled):
            return ""
        return (
            f"{report.sent} sent ({report.merged} merged), {report.retried} to retry, "
            f"{report.failed} failed, {report.deferred} deferred"
        )

    def backup(now: datetime) -> str:
        return f"backup written: {backup_database(settings, db.engine, now).name}"

    def digest(now: datetime) -> str:
        report = queue_digest(db, settings, now)
        return (
            "digest queued"
            if report.queued
            else (
                "digest already queued"
                if report.recipient_configured
                else "no manager e-mail configured"
            )
        )

    def weekly(now: datetime) -> str:
        if now.astimezone(property_tz(settings)).weekday() != 0:
            return ""  # the week's report is made on Monday morning, for Monday to Sunday before
        return weekly_report(db, settings, now).summary()

    specs = [
        JobSpec("outbox", "Send queued notices", outbox, every=timedelta(seconds=10), quiet=True),
        JobSpec(
            "perishables",
            "Escalate perishables waiting too long",
            lambda now: escalate_perishables(db, settings, now).summary(),
            every=timedelta(minutes=5),
            quiet=True,
        ),
        JobSpec(
            "reminders",
            "Reminders and final notices",
            lambda now: send_reminders(db, settings, now).summary(),
            every=timedelta(hours=1),
        ),
        JobSpec(
            "holds",
            "Release expired holds",
            lambda now: release_expired_holds(db, settings, now).summary(),
            every=timedelta(hours=1),
        ),
        JobSpec("backup", "Nightly database backup", backup, at=time(2, 30)),
        JobSpec(
            "retention",
            "Purge personal data of former residents",
            lambda now: purge_personal_data(db, settings, now).summary(),
            at=time(3, 15),
        ),
        JobSpec("digest", "Managers' daily digest", digest, at=time(7, 0)),
        JobSpec("weekly_report", "Weekly report PDF (Mondays)", weekly, at=time(6, 30)),
    ]
    return JobSchedule(db, specs, clock, property_tz(settings))
