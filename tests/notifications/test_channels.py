"""Channels: validators, URL parsing and masking, per-recipient Apprise targets."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest

from kiosk.config import Settings
from kiosk.notifications.channels import (
    AppriseChannel,
    ChannelConfigError,
    Channels,
    DeliveryError,
    EmailChannel,
    OutgoingNotice,
    SmtpSettings,
    build_email,
    mask_url,
    message_id_for,
    validate_email,
    validate_mobile,
)
from kiosk.notifications.templates import RenderedMessage
from kiosk.persistence.models import Channel
from tests.notifications.servers import HttpRecorder, free_port


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("maria@example.com", "maria@example.com"),
        ("  Maria.Garcia+parcels@Example.COM ", "Maria.Garcia+parcels@example.com"),
    ],
)
def test_validate_email_accepts_and_normalises(text: str, expected: str) -> None:
    assert validate_email(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "enter an e-mail"),
        ("maria", "exactly one '@'"),
        ("maria@@example.com", "exactly one '@'"),
        ("maria garcia@example.com", "space"),
        (".maria@example.com", "before '@'"),
        ("maria@example", "after '@'"),
        ("maria@exa_mple.com", "after '@'"),
    ],
)
def test_validate_email_explains_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        validate_email(text)


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        ("(650) 253-0000", "US", "+16502530000"),
        ("+1 650 253 0000", "US", "+16502530000"),
        ("612 34 56 78", "ES", "+34612345678"),
    ],
)
def test_validate_mobile_returns_e164(text: str, region: str, expected: str) -> None:
    assert validate_mobile(text, region) == expected


@pytest.mark.parametrize(
    ("text", "region", "message"),
    [
        ("", "US", "enter a mobile"),
        ("call me", "US", "not a phone number"),
        ("12", "US", "wrong number of digits"),
        ("(123) 456-7890", "US", "not a valid phone number"),
        ("+34 912 345 678", "US", "landline"),
    ],
)
def test_validate_mobile_explains_what_is_wrong(text: str, region: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        validate_mobile(text, region)


def test_mask_url_hides_passwords_and_tokens() -> None:
    masked = mask_url(
        "mailtos://desk%40tower.example:s3cr3t-Pa55@smtp.tower.example:587?from=desk@tower.example"
    )
    assert "s3cr3t" not in masked and "****" in masked and "smtp.tower.example:587" in masked
    twilio = mask_url("twilio://AC0123456789abcdef0123456789abcdef:tokentokentoken@15551234567")
    assert "tokentokentoken" not in twilio and "0123456789abcdef" not in twilio
    assert "****" in mask_url("json://hooks.example/sms?token=abcdef123")


def test_smtp_settings_follow_the_mailto_url() -> None:
    insecure = SmtpSettings.parse(
        "mailto://127.0.0.1:2525?mode=insecure&from=Desk%20%3Cdesk@t.example%3E"
    )
    assert (
        insecure.host,
        insecure.port,
        insecure.mode,
        insecure.from_addr,
        insecure.from_name,
    ) == ("127.0.0.1", 2525, "insecure", "desk@t.example", "Desk")
    secure = SmtpSettings.parse("mailtos://desk%40t.example:pw@mail.t.example")
    assert (secure.mode, secure.port, secure.user, secure.password, secure.from_addr) == (
        "starttls",
        587,
        "desk@t.example",
        "pw",
        "desk@t.example",
    )
    ssl = SmtpSettings.parse("mailtos://u:p@t.example?mode=ssl&smtp=smtp.provider.example")
    assert (ssl.host, ssl.port, ssl.from_addr) == ("smtp.provider.example", 465, "u@t.example")
    plain = SmtpSettings.parse("mailto://relay.t.example")
    assert (plain.mode, plain.port, plain.user) == ("insecure", 25, None)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("smtp://host", "mailto://"),
        ("mailto://host?mode=tls", "mode must be"),
        ("mailto://host?from=not-an-address", "sender address"),
        ("mailtos://user:topsecret@", "names no SMTP server"),
    ],
)
def test_bad_email_urls_are_refused_without_showing_the_password(url: str, message: str) -> None:
    with pytest.raises(ChannelConfigError, match=message) as error:
        EmailChannel(url)
    assert "topsecret" not in str(error.value)


def test_apprise_targets_put_the_recipient_where_the_service_expects_it() -> None:
    twilio = AppriseChannel(
        "twilio://AC0123456789abcdef0123456789abcdef:0123456789abcdef0123456789abcdef@15551234567"
    )
    assert twilio.target_url("+15550100001", "k").endswith("@15551234567/%2B15550100001")
    hook = AppriseChannel("json://127.0.0.1:9/sms?method=POST")
    url = hook.target_url("+15550100001", "arrival:ABC:sms")
    assert "%3Ato=%2B15550100001" in url and "%3Anotice=arrival%3AABC%3Asms" in url
    assert "method=POST" in url and "%2BIdempotency-Key=" in url
    with pytest.raises(ChannelConfigError, match="Apprise does not accept"):
        AppriseChannel("nosuchservice://x")


def test_channels_from_settings() -> None:
    channels = Channels.from_settings(
        Settings(
            {
                "notifications.email_url": "mailto://127.0.0.1:25",
                "notifications.sms_url": "json://127.0.0.1:9/x",
            }
        )
    )
    assert channels.configured == {Channel.EMAIL, Channel.SMS}
    assert Channels.from_settings(Settings()).configured == frozenset()
    assert channels.get(Channel.WEBHOOK) is None


def _notice(key: str = "arrival:ABC:email") -> OutgoingNotice:
    return OutgoingNotice(
        key, "maria@example.com", RenderedMessage("s", "b"), datetime(2026, 3, 9, tzinfo=UTC)
    )


def test_message_id_is_stable_per_idempotency_key() -> None:
    sender = SmtpSettings.parse("mailto://127.0.0.1:25?from=desk@t.example")
    first, again = build_email(_notice(), sender), build_email(_notice(), sender)
    assert (
        first["Message-ID"]
        == again["Message-ID"]
        == message_id_for("arrival:ABC:email", "t.example")
    )
    assert build_email(_notice("arrival:XYZ:email"), sender)["Message-ID"] != first["Message-ID"]
    assert first["X-Packroom-Notice"] == "arrival:ABC:email"


def test_unreachable_smtp_server_is_a_soft_failure() -> None:
    channel = EmailChannel(f"mailto://127.0.0.1:{free_port()}?from=desk@t.example", timeout_s=2)
    with pytest.raises(DeliveryError) as error:
        channel.send(_notice())
    assert not error.value.permanent and "cannot reach" in str(error.value)


def test_http_status_decides_hard_or_soft_sms_failures(
    http_recorder: HttpRecorder, caplog: pytest.LogCaptureFixture
) -> None:
    channel = AppriseChannel(http_recorder.url + "?token=hushhush", timeout_s=5)
    http_recorder.status_for = {"+15550100001": 400, "+15550100002": 503}
    notice = OutgoingNotice(
        "k1", "+15550100001", RenderedMessage("", "hi"), datetime(2026, 3, 9, tzinfo=UTC)
    )
    with caplog.at_level(logging.DEBUG), pytest.raises(DeliveryError) as hard:
        channel.send(notice)
    assert hard.value.permanent and hard.value.recipient_refused and "HTTP 400" in str(hard.value)
    with pytest.raises(DeliveryError) as soft:
        channel.send(OutgoingNotice("k2", "+15550100002", RenderedMessage("", "hi"), notice.at))
    assert not soft.value.permanent
    channel.send(OutgoingNotice("k3", "+15550100003", RenderedMessage("", "hi"), notice.at))
    assert [r.body["to"] for r in http_recorder.requests] == [
        "+15550100001",
        "+15550100002",
        "+15550100003",
    ]
    assert "hushhush" not in caplog.text and "hushhush" not in str(hard.value)
