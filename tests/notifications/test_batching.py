"""Batching (several parcels, one notice, one code), quiet hours for SMS, and reminder opt-out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from kiosk.jobs.reminders import send_reminders
from kiosk.persistence.models import OutboxMessage, OutboxStatus, Resident
from kiosk.persistence.uow import Database
from tests.factories import Building
from tests.notifications.conftest import SenderFactory, policy_for_tests
from tests.notifications.servers import FakeClock, HttpRecorder, SmtpServer
from tests.notifications.test_delivery import intake, outbox_rows, qr_text


def test_three_intakes_within_the_window_become_one_email_with_one_code(
    building: Building,
    smtp_server: SmtpServer,
    make_sender: SenderFactory,
    clock: FakeClock,
    db: Database,
) -> None:
    sender = make_sender(email=smtp_server.url)
    results = []
    for _ in range(3):
        results.append(intake(building, "101:Pedro", clock))
        clock.advance(minutes=3)
        assert sender.send_due().sent == 0  # the first notice waits for the window
    codes = [r.parcel.code for r in results]
    pickup_code = results[0].pickup_code
    assert pickup_code and results[1].pickup_code is None  # later parcels join the open code
    clock.set(results[0].parcel.received_at + timedelta(minutes=10))
    report = sender.send_due()
    assert (report.sent, report.merged) == (1, 2)

    (mail,) = smtp_server.messages
    text = mail.message.get_body(preferencelist=("plain",)).get_content()
    assert "3 parcels" in mail.message["Subject"]
    assert all(code in text for code in codes) and text.count(pickup_code) == 1
    assert qr_text(mail) == [pickup_code]
    leader, *merged = outbox_rows(db)
    assert leader.status == OutboxStatus.SENT and leader.last_error == ""
    assert [(m.status, m.last_error) for m in merged] == [
        (OutboxStatus.SENT, f"merged into #{leader.id}")
    ] * 2
    assert all(m.payload["merged_into"] == leader.id for m in merged)
    clock.advance(hours=1)
    assert sender.send_due().claimed == 0 and len(smtp_server.messages) == 1


def test_a_parcel_after_the_notice_went_gets_its_own_notice(
    building: Building, smtp_server: SmtpServer, make_sender: SenderFactory, clock: FakeClock
) -> None:
    sender = make_sender(email=smtp_server.url)
    intake(building, "101:Pedro", clock)
    clock.advance(minutes=10)
    assert sender.send_due().sent == 1
    clock.advance(minutes=1)
    later = intake(building, "101:Pedro", clock)
    clock.advance(minutes=10)
    assert sender.send_due().sent == 1
    second = smtp_server.messages[1].message.get_body(preferencelist=("plain",)).get_content()
    assert later.parcel.code in second and "the code from your earlier message" in second
    assert qr_text(smtp_server.messages[1]) == []  # no plaintext code left to draw


def test_quiet_hours_delay_sms_but_not_email(
    building: Building,
    smtp_server: SmtpServer,
    http_recorder: HttpRecorder,
    make_sender: SenderFactory,
    clock: FakeClock,
    db: Database,
) -> None:
    clock.set(datetime(2026, 3, 9, 21, 30, tzinfo=UTC))  # quiet hours 21:00–08:00 (UTC building)
    sender = make_sender(email=smtp_server.url, sms=http_recorder.url)
    intake(building, "101:Maria", clock)
    clock.advance(minutes=10)
    report = sender.send_due()
    assert report.sent == 1 and report.deferred == 1
    assert len(smtp_server.messages) == 1 and http_recorder.requests == []
    sms = next(r for r in outbox_rows(db) if r.channel.value == "sms")
    assert sms.not_before == datetime(2026, 3, 10, 8, 0, tzinfo=UTC) and sms.attempts == 0
    clock.set(datetime(2026, 3, 10, 7, 59, tzinfo=UTC))
    assert sender.send_due().sent == 0
    clock.set(datetime(2026, 3, 10, 8, 0, tzinfo=UTC))
    assert sender.send_due().sent == 1
    assert len(http_recorder.requests) == 1


def test_quiet_hours_follow_the_property_time_zone(
    building: Building, http_recorder: HttpRecorder, make_sender: SenderFactory, clock: FakeClock
) -> None:
    from zoneinfo import ZoneInfo

    from kiosk.notifications.policy import QuietHours, parse_hhmm

    chicago = ZoneInfo("America/Chicago")
    policy = policy_for_tests(
        tz=chicago, quiet_hours=QuietHours(parse_hhmm("21:00"), parse_hhmm("08:00"), chicago)
    )
    clock.set(datetime(2026, 3, 10, 2, 0, tzinfo=UTC))  # 21:00 in Chicago (CDT, UTC-5)
    sender = make_sender(sms=http_recorder.url, policy=policy)
    intake(building, "202:Wei", clock)
    clock.advance(minutes=10)
    assert sender.send_due().deferred == 1
    clock.set(datetime(2026, 3, 10, 12, 59, tzinfo=UTC))  # 07:59 local
    assert sender.send_due().sent == 0
    clock.set(datetime(2026, 3, 10, 13, 0, tzinfo=UTC))  # 08:00 local
    assert sender.send_due().sent == 1


def test_perishable_sms_overrides_quiet_hours_unless_turned_off(
    building: Building, http_recorder: HttpRecorder, make_sender: SenderFactory, clock: FakeClock
) -> None:
    clock.set(datetime(2026, 3, 9, 23, 0, tzinfo=UTC))
    intake(building, "202:Wei", clock, perishable=True)
    assert make_sender(sms=http_recorder.url).send_due().sent == 1  # perishables are not batched
    assert "PERISHABLE" in http_recorder.requests[0].body["message"]

    intake(building, "101:Maria", clock, perishable=True)
    strict = make_sender(
        sms=http_recorder.url, policy=policy_for_tests(perishable_overrides_quiet_hours=False)
    )
    assert strict.send_due().deferred == 1 and len(http_recorder.requests) == 1


def test_reminder_opt_out_is_honoured_but_the_arrival_still_goes(
    building: Building,
    smtp_server: SmtpServer,
    make_sender: SenderFactory,
    clock: FakeClock,
    db: Database,
    settings: object,
) -> None:
    pedro = building.residents["101:Pedro"]
    with db.uow() as uow:
        uow.session.get(Resident, pedro).reminders_opt_out = True
        uow.commit()
    sender = make_sender(email=smtp_server.url)
    intake(building, "101:Pedro", clock)
    clock.advance(minutes=10)
    assert sender.send_due().sent == 1  # the arrival notice is not a reminder
    for day in range(1, 12):
        send_reminders(db, {"property.timezone": "UTC"}, clock() + timedelta(days=day))
    with db.reader() as uow:
        kinds = list(
            uow.session.scalars(
                select(OutboxMessage.kind).where(OutboxMessage.resident_id == pedro)
            )
        )
    assert kinds == ["arrival"]


def test_a_reminder_queued_before_opting_out_is_cancelled(
    building: Building,
    smtp_server: SmtpServer,
    make_sender: SenderFactory,
    clock: FakeClock,
    db: Database,
) -> None:
    intake(building, "101:Pedro", clock)
    clock.advance(minutes=10)
    sender = make_sender(email=smtp_server.url)
    sender.send_due()
    clock.advance(days=2)
    assert send_reminders(db, {"property.timezone": "UTC"}, clock()).reminders == 1
    with db.uow() as uow:
        uow.session.get(Resident, building.residents["101:Pedro"]).reminders_opt_out = True
        uow.commit()
    assert sender.send_due().cancelled == 1
    assert len(smtp_server.messages) == 1
