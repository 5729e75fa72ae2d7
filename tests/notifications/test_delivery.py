"""End to end over loopback: intake queues notices, the sender delivers them to a real SMTP
server (aiosmtpd) and a real HTTP SMS gateway, retries through an outage and stops on a hard
bounce."""

from __future__ import annotations

import io
from datetime import timedelta

import zxingcpp
from PIL import Image
from sqlalchemy import select

from kiosk import eventlog
from kiosk.notifications.channels import message_id_for
from kiosk.notifications.templates import sms_length
from kiosk.persistence.models import (
    Event,
    OutboxAttempt,
    OutboxMessage,
    OutboxStatus,
    Parcel,
    ParcelStatus,
    Resident,
)
from kiosk.persistence.uow import Database
from kiosk.services.parcels import IntakeRequest, IntakeResult
from tests.factories import Building, ups_number
from tests.notifications.conftest import SenderFactory
from tests.notifications.servers import FakeClock, HttpRecorder, Received, SmtpServer


def intake(building: Building, who: str, clock: FakeClock, **flags: bool) -> IntakeResult:
    return building.parcels.intake(
        IntakeRequest(ups_number(), resident_id=building.residents[who], **flags),
        building.staff,
        now=clock(),
    )


def qr_text(received: Received) -> list[str]:
    """Decode every inline image of an e-mail (the QR code of the pickup code)."""
    found = []
    for part in received.message.walk():
        if part.get_content_maintype() == "image":
            assert part["Content-ID"], "the QR image must be referenced by Content-ID"
            image = Image.open(io.BytesIO(part.get_content()))
            found += [result.text for result in zxingcpp.read_barcodes(image)]
    return found


def html_of(received: Received) -> str:
    part = received.message.get_body(preferencelist=("html",))
    assert part is not None
    return str(part.get_content())


def outbox_rows(db: Database) -> list[OutboxMessage]:
    with db.reader() as uow:
        rows = list(uow.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
        uow.session.expunge_all()  # keep the loaded values after the unit of work closes
        return rows


def test_email_in_the_residents_language_with_code_and_inline_qr(
    building: Building,
    smtp_server: SmtpServer,
    http_recorder: HttpRecorder,
    make_sender: SenderFactory,
    clock: FakeClock,
    db: Database,
) -> None:
    maria = intake(building, "101:Maria", clock)  # Spanish, e-mail and SMS
    pedro = intake(building, "101:Pedro", clock)  # English, e-mail only
    sender = make_sender(email=smtp_server.url, sms=http_recorder.url)
    assert sender.send_due().sent == 0  # still inside the batching window
    clock.advance(minutes=10)
    report = sender.send_due()
    assert (report.sent, report.retried, report.failed) == (3, 0, 0)

    by_rcpt = {r.rcpt_tos[0]: r for r in smtp_server.messages}
    assert set(by_rcpt) == {"maria@example.com", "pedro@example.com"}
    es, en = by_rcpt["maria@example.com"], by_rcpt["pedro@example.com"]
    assert es.message["To"] == "maria@example.com"
    es_text = es.message.get_body(preferencelist=("plain",)).get_content()
    en_text = en.message.get_body(preferencelist=("plain",)).get_content()
    assert "Código de recogida: " + str(maria.pickup_code) in es_text and "Hola Maria" in es_text
    assert "Pickup code: " + str(pedro.pickup_code) in en_text and "Hello Pedro" in en_text
    assert maria.parcel.code in es_text and "Test Towers" in es.message["Subject"]
    assert qr_text(es) == [maria.pickup_code] and qr_text(en) == [pedro.pickup_code]
    image_cid = next(p for p in es.message.walk() if p.get_content_maintype() == "image")[
        "Content-ID"
    ]
    assert f'src="cid:{image_cid.strip("<>")}"' in html_of(es)
    assert es.message["Message-ID"] == message_id_for(
        f"arrival:{maria.parcel.code}:email", "test-towers.example"
    )

    sms = http_recorder.requests[0].body
    assert sms["to"] == "+15550100001" and sms["notice"] == f"arrival:{maria.parcel.code}:sms"
    assert str(maria.pickup_code) in sms["message"] and sms_length(sms["message"]).fits

    rows = outbox_rows(db)
    assert all(r.status == OutboxStatus.SENT and r.sent_at == clock() for r in rows)
    assert all("pickup_code" not in r.payload for r in rows), "codes must not stay in the outbox"
    with db.reader() as uow:
        statuses = set(uow.session.scalars(select(Parcel.status)))
        assert statuses == {ParcelStatus.NOTIFIED}
        assert (
            uow.session.scalar(select(Event.seq).where(Event.kind == "notice.sent").limit(1))
            is not None
        )
        assert eventlog.verify(uow.session).ok
    assert sender.send_due().sent == 0  # nothing left; nothing twice
    assert len(smtp_server.messages) == 2 and len(http_recorder.requests) == 1


def test_sms_over_the_http_gateway_fits_two_segments(
    building: Building, http_recorder: HttpRecorder, make_sender: SenderFactory, clock: FakeClock
) -> None:
    wei = intake(building, "202:Wei", clock, signature_required=True)  # English, SMS only
    maria = intake(building, "101:Maria", clock)
    clock.advance(minutes=10)
    assert make_sender(sms=http_recorder.url).send_due().sent == 2
    bodies = {r.body["to"]: r.body["message"] for r in http_recorder.requests}
    english, spanish = bodies["+15550100003"], bodies["+15550100001"]
    assert sms_length(english).encoding == "GSM-7" and sms_length(english).fits
    assert str(wei.pickup_code) in english and "signature" in english
    assert sms_length(spanish).encoding == "UCS-2" and sms_length(spanish).units <= 134
    assert str(maria.pickup_code) in spanish
    assert all(r.headers["Idempotency-Key"] == r.body["notice"] for r in http_recorder.requests)


def test_smtp_outage_delays_with_backoff_then_each_arrives_exactly_once(
    building: Building,
    smtp_server: SmtpServer,
    make_sender: SenderFactory,
    clock: FakeClock,
    db: Database,
) -> None:
    sender = make_sender(email=smtp_server.url, base_delay_s=30, max_delay_s=600)
    intake(building, "202:Wei", clock)  # SMS only: stays pending (no SMS channel here)
    clock.advance(minutes=10)
    sender.send_due()
    before = intake(building, "101:Pedro", clock)
    clock.advance(minutes=10)
    assert sender.send_due().sent == 1  # the server works...
    smtp_server.stop()  # ...and goes down mid-run
    clock.advance(minutes=1)
    first_created = clock()
    intake(building, "101:Pedro", clock)
    clock.advance(minutes=2)
    intake(building, "101:Maria", clock)
    clock.advance(minutes=10)
    report = sender.send_due()
    assert (report.sent, report.retried) == (0, 2)
    backlog = sender.backlog()
    assert (backlog.pending, backlog.failed) == (4, 0)  # + Maria's and Wei's SMS
    assert backlog.oldest_created_at == first_created - timedelta(minutes=21)  # Wei's SMS
    rows = {r.recipient: r for r in outbox_rows(db) if r.status == OutboxStatus.PENDING}
    first_retry = rows["pedro@example.com"].next_attempt_at
    assert clock() + timedelta(seconds=15) <= first_retry <= clock() + timedelta(seconds=30)
    assert "cannot reach the SMTP server" in rows["pedro@example.com"].last_error

    clock.advance(seconds=5)  # before the backoff: nothing is tried
    assert sender.send_due().claimed == 0
    clock.set(first_retry + timedelta(seconds=1))
    assert sender.send_due().retried >= 1  # still down: second attempt, longer delay
    second_retry = next(
        r for r in outbox_rows(db) if r.id == rows["pedro@example.com"].id
    ).next_attempt_at
    assert second_retry - clock() >= timedelta(seconds=30)  # 60 s ceiling, at least half of it

    smtp_server.start()  # back on the same port
    clock.advance(minutes=5)
    report = sender.send_due()
    assert report.sent == 2
    for _ in range(3):
        clock.advance(hours=1)
        sender.send_due()
    assert sorted(r.rcpt_tos[0] for r in smtp_server.messages) == [
        "maria@example.com",
        "pedro@example.com",
        "pedro@example.com",
    ]
    assert len({r.message_id for r in smtp_server.messages}) == 3
    first_mail = smtp_server.messages[0].message.get_body(preferencelist=("plain",)).get_content()
    assert before.parcel.code in first_mail
    assert sender.backlog().pending == 2  # the SMS: no SMS channel configured in this test
    with db.reader() as uow:
        attempts = uow.session.execute(
            select(OutboxAttempt.message_id, OutboxAttempt.ok).order_by(OutboxAttempt.id)
        ).all()
    assert [ok for mid, ok in attempts if mid == rows["pedro@example.com"].id] == [
        False,
        False,
        True,
    ]


def test_after_max_attempts_a_message_fails_and_is_logged(
    building: Building, make_sender: SenderFactory, clock: FakeClock, db: Database
) -> None:
    from tests.notifications.servers import free_port

    sender = make_sender(
        email=f"mailto://127.0.0.1:{free_port()}?from=desk@t.example", max_attempts=3
    )
    intake(building, "101:Pedro", clock)
    for _ in range(6):
        clock.advance(hours=2)
        sender.send_due()
    (row,) = outbox_rows(db)
    assert (row.status, row.attempts) == (OutboxStatus.FAILED, 3)
    assert sender.backlog().failed == 1 and sender.backlog().pending == 0
    with db.reader() as uow:
        event = uow.session.scalars(select(Event).where(Event.kind == "outbox.failed")).one()
        assert event.data["attempts"] == 3 and not event.data["permanent"]
        assert not uow.session.get(Resident, building.residents["101:Pedro"]).email_bounced


def test_hard_bounce_flags_the_resident_and_is_not_retried(
    building: Building,
    smtp_server: SmtpServer,
    make_sender: SenderFactory,
    clock: FakeClock,
    db: Database,
) -> None:
    smtp_server.handler.refuse["pedro@example.com"] = (
        "550 5.1.1 <pedro@example.com>: mailbox unavailable"
    )
    sender = make_sender(email=smtp_server.url)
    intake(building, "101:Pedro", clock)
    clock.advance(minutes=10)
    report = sender.send_due()
    assert (report.failed, report.bounced, report.retried) == (1, 1, 0)
    (row,) = outbox_rows(db)
    assert (row.status, row.attempts) == (OutboxStatus.FAILED, 1)
    assert "550" in row.last_error and "pickup_code" not in row.payload
    for _ in range(3):
        clock.advance(hours=3)
        assert sender.send_due().claimed == 0
    assert smtp_server.messages == []
    with db.reader() as uow:
        assert uow.session.get(Resident, building.residents["101:Pedro"]).email_bounced
        assert len(list(uow.session.scalars(select(OutboxAttempt)))) == 1
    assert (
        intake(building, "101:Pedro", clock).notices_queued == 0
    )  # intake skips bounced addresses


def test_temporary_4xx_refusal_is_retried(
    building: Building,
    smtp_server: SmtpServer,
    make_sender: SenderFactory,
    clock: FakeClock,
    db: Database,
) -> None:
    smtp_server.handler.refuse["pedro@example.com"] = "451 4.3.0 try again later"
    sender = make_sender(email=smtp_server.url)
    intake(building, "101:Pedro", clock)
    clock.advance(minutes=10)
    assert sender.send_due().retried == 1
    del smtp_server.handler.refuse["pedro@example.com"]
    clock.advance(hours=1)
    assert sender.send_due().sent == 1
    with db.reader() as uow:
        assert not uow.session.get(Resident, building.residents["101:Pedro"]).email_bounced


def test_messages_for_changed_residents_are_cancelled(
    building: Building,
    smtp_server: SmtpServer,
    make_sender: SenderFactory,
    clock: FakeClock,
    db: Database,
) -> None:
    intake(building, "101:Pedro", clock)
    with db.uow() as uow:
        uow.session.get(Resident, building.residents["101:Pedro"]).notify_email = False
        uow.commit()
    clock.advance(minutes=10)
    assert make_sender(email=smtp_server.url).send_due().cancelled == 1
    (row,) = outbox_rows(db)
    assert row.status == OutboxStatus.CANCELLED and "turned e-mail notices off" in row.last_error
    assert smtp_server.messages == []


def test_two_senders_never_send_the_same_message(
    building: Building, smtp_server: SmtpServer, sqlite_url: str, clock: FakeClock
) -> None:
    import threading

    from kiosk.jobs.common import notice_row, queue_notices
    from kiosk.notifications.channels import Channels, EmailChannel
    from kiosk.notifications.outbox import OutboxSender
    from kiosk.persistence.database import create_db_engine
    from kiosk.persistence.models import Channel
    from tests.notifications.conftest import policy_for_tests

    with building.db.uow() as uow:  # 12 notices that are not merged: staff escalations
        queue_notices(
            uow.session,
            [
                notice_row(
                    f"perishable_escalation:P{i}",
                    "perishable_escalation",
                    Channel.EMAIL,
                    f"staff{i}@example.com",
                    resident_id=None,
                    language="en",
                    now=clock(),
                    payload={
                        "escalation": {"code": f"P{i}", "unit": "101", "shelf": "A1", "hours": 5}
                    },
                )
                for i in range(12)
            ],
        )
        uow.commit()
    databases = [Database(create_db_engine(sqlite_url)) for _ in range(2)]
    senders = [
        OutboxSender(
            d, Channels(email=EmailChannel(smtp_server.url)), clock, policy=policy_for_tests()
        )
        for d in databases
    ]
    barrier = threading.Barrier(2)

    def run(sender: OutboxSender) -> None:
        barrier.wait()
        sender.send_due()

    threads = [threading.Thread(target=run, args=(s,)) for s in senders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ids = [r.message_id for r in smtp_server.messages]
    assert len(ids) == 12 and len(set(ids)) == 12
    for database in databases:
        database.dispose()
