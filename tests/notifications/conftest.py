"""Fixtures for the notification tests: real SMTP and HTTP servers, a test clock, a building."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from kiosk.notifications.channels import AppriseChannel, Channels, EmailChannel
from kiosk.notifications.outbox import OutboxSender
from kiosk.notifications.policy import NoticePolicy, QuietHours, parse_hhmm
from kiosk.persistence.uow import Database
from tests.factories import Building, make_building
from tests.notifications.servers import FakeClock, HttpRecorder, SmtpServer

# Monday 2026-03-09 15:00 UTC: inside no quiet hours in UTC.
T0 = datetime(2026, 3, 9, 15, 0, tzinfo=UTC)


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def http_recorder() -> Iterator[HttpRecorder]:
    recorder = HttpRecorder()
    recorder.start()
    yield recorder
    recorder.stop()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def building(db: Database) -> Building:
    return make_building(db)


def policy_for_tests(**changes: Any) -> NoticePolicy:
    values: dict[str, Any] = {
        "property_name": "Test Towers",
        "room_hours_open": "07:00",
        "room_hours_close": "22:00",
        "tz": UTC,
        "batch_window": timedelta(minutes=10),
        "quiet_hours": QuietHours(parse_hhmm("21:00"), parse_hhmm("08:00"), UTC),
    }
    values.update(changes)
    return NoticePolicy(**values)


SenderFactory = Callable[..., OutboxSender]


@pytest.fixture
def make_sender(db: Database, clock: FakeClock) -> SenderFactory:
    """Build a sender on the test database; pass ``email=`` / ``sms=`` URLs and policy changes."""

    def build(
        email: str | None = None,
        sms: str | None = None,
        *,
        policy: NoticePolicy | None = None,
        **kwargs: Any,
    ) -> OutboxSender:
        channels = Channels(
            email=EmailChannel(email, timeout_s=5) if email else None,
            sms=AppriseChannel(sms, timeout_s=5) if sms else None,
        )
        kwargs.setdefault("rng", random.Random(7))
        return OutboxSender(db, channels, clock, policy=policy or policy_for_tests(), **kwargs)

    return build
