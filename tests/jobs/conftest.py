"""Fixtures for the job tests: the notification fixtures plus settings pinned to UTC."""

from __future__ import annotations

import pytest

from kiosk.config import Settings
from tests.notifications.conftest import (  # noqa: F401 - fixtures shared with these tests
    building,
    clock,
    http_recorder,
    make_sender,
    smtp_server,
)


@pytest.fixture
def job_settings(settings: Settings) -> Settings:
    """The test settings with the building in UTC, so local days are predictable."""
    return settings.replace(property__timezone="UTC")
