"""Scheduled jobs: reminders, perishable escalation, holds, backups, retention, digest.

Each job body is a plain service function ``job(db, settings, now, ...)`` returning a frozen
report, testable with any ``now``; :mod:`kiosk.jobs.scheduler` only decides when they run.
"""
