"""Reminders on the configured days (once each), final notices, the return-to-sender list, and
the job's speed on 10,000 waiting parcels."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import insert, select

from kiosk.config import Settings
from kiosk.jobs.reminders import return_to_sender_list, send_reminders
from kiosk.persistence.models import (
    Hold,
    HoldKind,
    OutboxMessage,
    Parcel,
    ParcelStatus,
    Resident,
    Unit,
    tail_key,
)
from kiosk.persistence.uow import Database
from kiosk.services.parcels import IntakeRequest
from tests.factories import Building, ups_number
from tests.notifications.conftest import T0, SenderFactory
from tests.notifications.servers import FakeClock, SmtpServer
from tests.notifications.test_delivery import intake


def queued(db: Database, kind: str) -> list[str]:
    with db.reader() as uow:
        return list(
            uow.session.scalars(
                select(OutboxMessage.idempotency_key)
                .where(OutboxMessage.kind == kind)
                .order_by(OutboxMessage.id)
            )
        )


def test_reminders_on_days_2_5_9_once_each_and_reruns_add_nothing(
    building: Building, clock: FakeClock, db: Database, job_settings: Settings
) -> None:
    intake(building, "101:Pedro", clock)  # e-mail only
    intake(building, "101:Maria", clock)  # e-mail and SMS
    per_day = {}
    for day in range(12):
        first = send_reminders(db, job_settings, T0 + timedelta(days=day))
        again = send_reminders(db, job_settings, T0 + timedelta(days=day, hours=5))
        assert again.reminders == 0 and again.final_notices == 0, f"day {day} re-run added notices"
        per_day[day] = first.reminders
    assert per_day == {0: 0, 1: 0, 2: 3, 3: 0, 4: 0, 5: 3, 6: 0, 7: 0, 8: 0, 9: 3, 10: 0, 11: 0}
    pedro = building.residents["101:Pedro"]
    keys = [k for k in queued(db, "reminder") if k.startswith(f"reminder:{pedro}:")]
    assert keys == [
        f"reminder:{pedro}:{d}:{(T0 + timedelta(days=d)).date()}:email" for d in (2, 5, 9)
    ]


def test_one_reminder_per_resident_lists_all_their_waiting_parcels(
    building: Building,
    smtp_server: SmtpServer,
    make_sender: SenderFactory,
    clock: FakeClock,
    db: Database,
    job_settings: Settings,
) -> None:
    old = intake(building, "101:Pedro", clock)
    clock.advance(days=3)
    new = intake(building, "101:Pedro", clock)
    sender = make_sender(email=smtp_server.url)
    clock.advance(minutes=10)
    sender.send_due()  # the two arrival notices
    clock.set(T0 + timedelta(days=5, hours=1))  # day 5 of the first parcel, day 2 of the second
    assert send_reminders(db, job_settings, clock()).reminders == 1
    assert sender.send_due().sent == 1
    mail = smtp_server.messages[-1]
    text = mail.message.get_body(preferencelist=("plain",)).get_content()
    assert "Reminder" in mail.message["Subject"] and "2 parcels" in text and "5 days" in text
    assert old.parcel.code in text and new.parcel.code in text
    assert old.pickup_code not in text  # the code is not kept in plaintext after the arrival notice


def test_final_notice_and_return_to_sender_list(
    building: Building, clock: FakeClock, db: Database, job_settings: Settings
) -> None:
    parcel = intake(building, "101:Pedro", clock).parcel
    later = T0 + timedelta(days=3)
    building.parcels.intake(
        IntakeRequest(ups_number(), resident_id=building.residents["101:Maria"]),
        building.staff,
        now=later,
    )
    for day in range(16):
        send_reminders(db, job_settings, T0 + timedelta(days=day))
    finals = queued(db, "final_notice")
    pedro = building.residents["101:Pedro"]
    assert finals == [f"final_notice:{pedro}:{(T0 + timedelta(days=13)).date()}:email"]
    with db.reader() as uow:
        payload = uow.session.scalars(
            select(OutboxMessage.payload).where(OutboxMessage.kind == "final_notice")
        ).one()
    assert payload["return_on"] == str((T0 + timedelta(days=15)).date())
    assert payload["parcel_codes"] == [parcel.code]

    assert return_to_sender_list(db, T0 + timedelta(days=14, hours=8), job_settings) == []
    (due,) = return_to_sender_list(db, T0 + timedelta(days=15), job_settings)
    assert (due.code, due.days_waiting, due.unit, due.recipient, due.location) == (
        parcel.code,
        15,
        "101",
        "Pedro G.",
        "A1",
    )
    assert len(return_to_sender_list(db, T0 + timedelta(days=18), job_settings)) == 2


def test_opted_out_residents_get_the_final_notice_but_no_reminders(
    building: Building, clock: FakeClock, db: Database, job_settings: Settings
) -> None:
    pedro = building.residents["101:Pedro"]
    with db.uow() as uow:
        uow.session.get(Resident, pedro).reminders_opt_out = True
        uow.commit()
    intake(building, "101:Pedro", clock)
    for day in range(14):
        send_reminders(db, job_settings, T0 + timedelta(days=day))
    assert queued(db, "reminder") == []
    assert len(queued(db, "final_notice")) == 1


def test_parcels_on_hold_get_no_reminders_and_are_not_returned(
    building: Building, clock: FakeClock, db: Database, job_settings: Settings
) -> None:
    pedro = building.residents["101:Pedro"]
    intake(building, "101:Pedro", clock)
    maria_parcel = intake(building, "101:Maria", clock).parcel
    with db.uow() as uow:
        uow.session.add_all(
            [
                Hold(
                    kind=HoldKind.VACATION,
                    resident_id=pedro,
                    starts_on=T0.date(),
                    ends_on=date(2026, 4, 30),
                ),
                Hold(
                    kind=HoldKind.PARCEL,
                    parcel_id=maria_parcel.id,
                    starts_on=T0.date(),
                    ends_on=None,
                ),
            ]
        )
        uow.commit()
    for day in range(16):
        send_reminders(db, job_settings, T0 + timedelta(days=day))
    assert queued(db, "reminder") == [] and queued(db, "final_notice") == []
    assert return_to_sender_list(db, T0 + timedelta(days=20), job_settings) == []


def test_reminder_job_over_10000_waiting_parcels_reminds_each_due_resident_once(
    db: Database, job_settings: Settings
) -> None:
    seed_waiting_parcels(db, residents=2000, parcels=10_000)
    report = send_reminders(db, job_settings, T0)
    assert report.reminders > 0
    assert send_reminders(db, job_settings, T0 + timedelta(minutes=30)).reminders == 0  # (its speed: bench/)


def seed_waiting_parcels(db: Database, residents: int, parcels: int) -> None:
    """Residents with e-mail and mobile, and waiting parcels received 0–14 days before T0."""
    from kiosk.persistence.models import Property

    with db.uow() as uow:
        s = uow.session
        prop = Property(name="Bench Towers")
        s.add(prop)
        s.flush()
        s.execute(
            insert(Unit),
            [
                {"property_id": prop.id, "number": f"U{i}", "building": "", "floor": ""}
                for i in range(residents)
            ],
        )
        unit_ids = list(s.scalars(select(Unit.id).where(Unit.property_id == prop.id)))
        s.execute(
            insert(Resident),
            [
                {
                    "unit_id": unit_ids[i],
                    "first_name": f"First{i}",
                    "last_name": f"Last{i}",
                    "email": f"r{i}@example.com",
                    "mobile": f"+1555{i:07d}",
                    "language": "en" if i % 3 else "es",
                }
                for i in range(residents)
            ],
        )
        resident_ids = list(s.scalars(select(Resident.id).where(Resident.unit_id.in_(unit_ids))))
        s.execute(
            insert(Parcel),
            [
                {
                    "code": f"W{i:07d}",
                    "tracking_number": f"T{i:010d}",
                    "tracking_tail": tail_key(f"{i:08d}"),
                    "resident_id": resident_ids[i % residents],
                    "unit_id": unit_ids[i % residents],
                    "status": ParcelStatus.RECEIVED,
                    "received_at": T0 - timedelta(days=i % 15, hours=i % 5),
                    "version": 1,
                }
                for i in range(parcels)
            ],
        )
        uow.commit()
