"""Resident and staff notices: templates, delivery channels and the durable outbox sender.

The composition root builds, in order::

    policy = NoticePolicy.from_settings(settings)
    channels = Channels.from_settings(settings)
    sender = OutboxSender(db, channels, clock, templates=TemplateStore(db), policy=policy)

and hands ``sender`` to the job scheduler (:func:`kiosk.jobs.scheduler.build_scheduler`).
"""

from kiosk.notifications.channels import (
    ChannelConfigError,
    Channels,
    DeliveryError,
    validate_email,
    validate_mobile,
)
from kiosk.notifications.outbox import Backlog, OutboxSender, SendReport
from kiosk.notifications.policy import Clock, NoticePolicy, system_clock
from kiosk.notifications.templates import RenderedMessage, TemplateError, TemplateStore

__all__ = [
    "Backlog",
    "ChannelConfigError",
    "Channels",
    "Clock",
    "DeliveryError",
    "NoticePolicy",
    "OutboxSender",
    "RenderedMessage",
    "SendReport",
    "TemplateError",
    "TemplateStore",
    "system_clock",
    "validate_email",
    "validate_mobile",
]
