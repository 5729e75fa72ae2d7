"""Perishable escalation (once per parcel) and expiring holds (released, notices go out)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from kiosk.config import Settings
from kiosk.jobs.holds import release_expired_holds
from kiosk.jobs.perishables import escalate_perishables
from kiosk.persistence.models import Event, Hold, HoldKind, OutboxMessage, OutboxStatus, Parcel
from kiosk.persistence.uow import Database
from tests.factories import Building
from tests.notifications.conftest import T0, SenderFactory
from tests.notifications.servers import FakeClock, SmtpServer
from tests.notifications.test_delivery import intake, outbox_rows


def test_perishable_waiting_too_long_is_escalated_to_staff_once(
    building: Building,
    smtp_server: SmtpServer,
    make_sender: SenderFactory,
    clock: FakeClock,
    db: Database,
    job_settings: Settings,
) -> None:
    parcel = intake(building, "101:Pedro", clock, perishable=True).parcel
    intake(building, "101:Maria", clock)  # not perishable
    assert (
        escalate_perishables(
            db, job_settings, T0 + timedelta(hours=3), staff_email="desk@t.example"
        ).overdue
        == 0
    )
    report = escalate_perishables(
        db, job_settings, T0 + timedelta(hours=5), staff_email="desk@t.example"
    )
    assert (report.overdue, report.flagged, report.queued) == (1, 1, 1)
    again = escalate_perishables(
        db, job_settings, T0 + timedelta(hours=6), staff_email="desk@t.example"
    )
    assert (again.overdue, again.flagged, again.queued) == (1, 0, 0)
    with db.reader() as uow:
        flagged = uow.session.get(Parcel, parcel.id)
        assert flagged.needs_attention and "perishable" in flagged.attention_reason
        assert (
            uow.session.scalar(
                select(func.count())
                .select_from(Event)
                .where(Event.kind == "parcel.perishable_overdue")
            )
            == 1
        )
    clock.set(T0 + timedelta(hours=6))
    make_sender(email=smtp_server.url).send_due()
    staff_mail = [m for m in smtp_server.messages if m.rcpt_tos == ["desk@t.example"]]
    assert len(staff_mail) == 1
    text = staff_mail[0].message.get_body(preferencelist=("plain",)).get_content()
    assert parcel.code in text and "unit 101" in text and "5 hours" in text


def test_without_a_staff_email_overdue_perishables_are_flagged_on_screen(
    building: Building, clock: FakeClock, db: Database, job_settings: Settings
) -> None:
    intake(building, "101:Pedro", clock, perishable=True)
    report = escalate_perishables(db, job_settings, T0 + timedelta(hours=5))
    assert (report.flagged, report.queued, report.staff_email_configured) == (1, 0, False)
    with db.reader() as uow:
        assert (
            uow.session.scalar(
                select(func.count())
                .select_from(OutboxMessage)
                .where(OutboxMessage.kind == "perishable_escalation")
            )
            == 0
        )


def test_vacation_hold_defers_arrivals_until_it_expires_then_one_notice_with_the_code(
    building: Building,
    smtp_server: SmtpServer,
    make_sender: SenderFactory,
    clock: FakeClock,
    db: Database,
    job_settings: Settings,
) -> None:
    pedro = building.residents["101:Pedro"]
    with db.uow() as uow:
        uow.session.add(
            Hold(
                kind=HoldKind.VACATION,
                resident_id=pedro,
                starts_on=T0.date(),
                ends_on=T0.date() + timedelta(days=3),
            )
        )
        uow.commit()
    sender = make_sender(email=smtp_server.url)
    first = intake(building, "101:Pedro", clock)
    clock.advance(days=1)
    second = intake(building, "101:Pedro", clock)
    clock.advance(minutes=10)
    assert sender.send_due().sent == 0
    assert release_expired_holds(db, job_settings, T0 + timedelta(days=3, hours=8)).released == 0
    clock.set(T0 + timedelta(days=4))  # 2026-03-13 15:00: the hold ended on the 12th
    report = release_expired_holds(db, job_settings, clock())
    assert (report.released, report.notices_released, report.notices_queued) == (1, 2, 0)
    assert sender.send_due().sent == 1
    (mail,) = smtp_server.messages
    text = mail.message.get_body(preferencelist=("plain",)).get_content()
    assert (
        first.parcel.code in text and second.parcel.code in text and str(first.pickup_code) in text
    )
    with db.reader() as uow:
        hold = uow.session.scalars(select(Hold)).one()
        assert hold.released_at == clock()
        assert (
            uow.session.scalars(select(Event).where(Event.kind == "hold.released")).one().subject_id
            == hold.id
        )
    assert release_expired_holds(db, job_settings, clock() + timedelta(hours=1)).released == 0


def test_expired_hold_with_parcels_from_before_sends_a_hold_ended_notice(
    building: Building,
    smtp_server: SmtpServer,
    make_sender: SenderFactory,
    clock: FakeClock,
    db: Database,
    job_settings: Settings,
) -> None:
    sender = make_sender(email=smtp_server.url)
    parcel = intake(building, "101:Pedro", clock).parcel
    clock.advance(minutes=10)
    assert sender.send_due().sent == 1  # arrival notice went before the hold
    with db.uow() as uow:
        uow.session.add(
            Hold(
                kind=HoldKind.PARCEL,
                parcel_id=parcel.id,
                starts_on=T0.date(),
                ends_on=date(2026, 3, 11),
            )
        )
        uow.commit()
    clock.set(T0 + timedelta(days=3))
    report = release_expired_holds(db, job_settings, clock())
    assert (report.released, report.notices_queued) == (1, 1)
    assert sender.send_due().sent == 1
    text = smtp_server.messages[-1].message.get_body(preferencelist=("plain",)).get_content()
    assert "hold" in smtp_server.messages[-1].message["Subject"] and parcel.code in text
    assert [r.status for r in outbox_rows(db)] == [OutboxStatus.SENT, OutboxStatus.SENT]
