"""Retention anonymises former residents but keeps parcels and counts; the daily digest."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from sqlalchemy import func, select

from kiosk import eventlog
from kiosk.config import Settings
from kiosk.jobs.digest import queue_digest
from kiosk.jobs.retention import FORMER_RESIDENT, purge_personal_data
from kiosk.persistence.models import (
    Event,
    OutboxMessage,
    OutboxStatus,
    Parcel,
    ParcelMedia,
    Proxy,
    Resident,
    ResidentAlias,
    ResidentStatus,
)
from kiosk.persistence.uow import Database
from tests.factories import Building
from tests.notifications.conftest import T0, SenderFactory
from tests.notifications.servers import FakeClock, SmtpServer
from tests.notifications.test_delivery import intake


def test_retention_anonymises_former_residents_and_keeps_their_parcels(
    building: Building, clock: FakeClock, db: Database, job_settings: Settings
) -> None:
    pedro, maria = building.residents["101:Pedro"], building.residents["101:Maria"]
    parcels = [intake(building, "101:Pedro", clock).parcel for _ in range(2)]
    intake(building, "101:Maria", clock)
    with db.uow() as uow:
        s = uow.session
        for resident_id, moved_out in ((pedro, date(2025, 1, 10)), (maria, date(2026, 3, 1))):
            resident = s.get(Resident, resident_id)
            resident.status, resident.move_out, resident.badge_id = (
                ResidentStatus.MOVED_OUT,
                moved_out,
                f"B{resident_id}",
            )
        s.add(ResidentAlias(resident_id=pedro, alias="P. Garcia Inc"))
        s.add(
            Proxy(
                resident_id=pedro,
                name="Rosa Proxy",
                phone="+15550100009",
                valid_from=T0,
                valid_until=T0,
            )
        )
        for parcel in parcels:
            s.add(
                ParcelMedia(
                    parcel_id=parcel.id,
                    kind="photo",
                    data=b"\x89PNG photo",
                    sha256=hashlib.sha256(b"\x89PNG photo").hexdigest(),
                )
            )
        uow.commit()
    with db.reader() as uow:
        parcels_before = uow.session.scalar(select(func.count()).select_from(Parcel))

    report = purge_personal_data(db, job_settings, T0)  # retention 365 days: Pedro only
    assert (report.residents, report.photos, report.parcels_kept) == (1, 2, 2)
    with db.reader() as uow:
        s = uow.session
        gone = s.get(Resident, pedro)
        assert (gone.first_name, gone.last_name, gone.email, gone.mobile, gone.badge_id) == (
            FORMER_RESIDENT,
            "",
            None,
            None,
            None,
        )
        assert gone.anonymised_at == T0 and gone.display_name == FORMER_RESIDENT
        assert s.get(Resident, maria).first_name == "Maria"  # moved out 8 days ago: kept
        assert s.scalar(select(func.count()).select_from(Parcel)) == parcels_before
        assert all(m.data == b"" and m.purged_at == T0 for m in s.scalars(select(ParcelMedia)))
        assert s.scalar(select(func.count()).select_from(ResidentAlias)) == 0
        assert s.scalars(select(Proxy)).one().name == "Former proxy"
        messages = list(s.scalars(select(OutboxMessage).where(OutboxMessage.resident_id == pedro)))
        assert messages and all(
            m.recipient == "" and m.status == OutboxStatus.CANCELLED for m in messages
        )
        assert [m.payload for m in messages] == [{"parcel_codes": [p.code]} for p in parcels]
        event = s.scalars(select(Event).where(Event.kind == "retention.purged")).one()
        assert event.data["residents"] == 1 and event.data["photos"] == 2
        assert "Pedro" not in str(event.data) and "pedro@" not in str(event.data)
        assert eventlog.verify(s).ok
    assert purge_personal_data(db, job_settings, T0 + timedelta(days=1)).residents == 0


def test_daily_digest_counts_and_is_queued_once_a_day(
    building: Building,
    smtp_server: SmtpServer,
    make_sender: SenderFactory,
    clock: FakeClock,
    db: Database,
    job_settings: Settings,
) -> None:
    yesterday = T0 - timedelta(days=1)
    clock.set(yesterday - timedelta(days=3))
    oldest = intake(building, "101:Pedro", clock).parcel
    clock.set(yesterday)
    a = intake(building, "101:Maria", clock).parcel
    intake(building, "202:Wei", clock, perishable=True)
    building.parcels.release(a.id, building.staff, now=yesterday + timedelta(hours=2))
    with db.uow() as uow:
        uow.session.add(
            OutboxMessage(
                idempotency_key="x",
                kind="arrival",
                channel="email",
                recipient="x@y.z",
                status=OutboxStatus.FAILED,
                created_at=yesterday,
                next_attempt_at=yesterday,
            )
        )
        uow.commit()
    clock.set(T0.replace(hour=7))
    report = queue_digest(db, job_settings, clock(), to="manager@t.example")
    stats = report.stats
    assert report.queued and stats.day == yesterday.date()
    assert (
        stats.received,
        stats.picked_up,
        stats.waiting,
        stats.perishable_waiting,
        stats.failed_notices,
    ) == (2, 1, 2, 1, 1)
    assert (stats.oldest_code, stats.oldest_days) == (oldest.code, 4)
    assert not queue_digest(
        db, job_settings, clock() + timedelta(hours=1), to="manager@t.example"
    ).queued
    assert not queue_digest(db, job_settings, clock()).recipient_configured  # no manager e-mail set

    make_sender(email=smtp_server.url).send_due()
    (digest,) = [m for m in smtp_server.messages if m.rcpt_tos == ["manager@t.example"]]
    text = digest.message.get_body(preferencelist=("plain",)).get_content()
    assert "March 8" in digest.message["Subject"]
    for line in (
        "Parcels received: 2",
        "Parcels picked up: 1",
        "Waiting now: 2",
        "Perishables waiting: 1",
        f"Oldest waiting: {oldest.code} on A1, 4 days",
        "Failed notices: 1",
    ):
        assert line in text
