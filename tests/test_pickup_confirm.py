"""Closing the custody at pickup, at the service: what a scanned label is, releasing what the resident
confirmed and flagging the rest, and "Something's wrong" reports reaching staff."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from kiosk import eventlog
from kiosk.persistence.models import ActorKind, Event, OutboxMessage, ParcelStatus
from kiosk.persistence.uow import Database
from kiosk.services.credentials import CredentialMatch
from kiosk.services.parcels import IntakeRequest, NotYourParcel
from kiosk.services.pickup_confirm import (
    CLOSED,
    MINE,
    NOT_YOURS,
    SEE_DESK,
    UNCONFIRMED_AFTER_DOOR,
    UNKNOWN,
    PickupConfirmService,
)
from tests.factories import Building, make_building, ups_number

SCOPE = "keypad:k1"


def _intake(building: Building, who: str, number: str | None = None, **flags: Any) -> int:
    request = IntakeRequest(number or ups_number(), resident_id=building.residents[who], **flags)
    return building.parcels.intake(request, building.staff).parcel.id


def _events(db: Database, kind: str) -> list[tuple[ActorKind, int | None, int | None, dict[str, Any]]]:
    with db.reader() as uow:
        return [(ActorKind(e.actor_kind), e.actor_id, e.subject_id, dict(e.data)) for e in
                uow.session.scalars(select(Event).where(Event.kind == kind).order_by(Event.seq))]


def _maria(building: Building) -> CredentialMatch:
    code = building.credentials.reissue(building.residents["101:Maria"], building.staff, code="135790")
    return building.credentials.verify(code, SCOPE)


def test_a_scanned_label_is_mine_someone_elses_for_the_desk_closed_or_unknown(db: Database) -> None:
    building = make_building(db, kiosk_id="k1")
    number = ups_number()
    shown = [_intake(building, "101:Maria", number), _intake(building, "101:Maria")]
    signature = _intake(building, "101:Maria", signature_required=True)
    picked = _intake(building, "101:Maria")
    building.parcels.release(picked, building.staff)
    wei = _intake(building, "202:Wei", location_code="A2")
    match = _maria(building)
    service = PickupConfirmService(db, building.parcels, kiosk_id="k1")
    code = building.parcels.get

    assert service.check_scan(match, code(shown[1]).code.lower(), shown, scope=SCOPE).kind == MINE
    by_tracking = service.check_scan(match, f" {number} ", shown, scope=SCOPE)
    assert (by_tracking.kind, by_tracking.parcel_id) == (MINE, shown[0])
    assert service.check_scan(match, code(signature).code, shown, scope=SCOPE).kind == SEE_DESK
    assert service.check_scan(match, code(picked).code, shown, scope=SCOPE).kind == CLOSED
    assert service.check_scan(match, "not a label", shown, scope=SCOPE).kind == UNKNOWN
    assert service.check_scan(match, "", shown, scope=SCOPE).kind == UNKNOWN
    assert _events(db, "pickup.wrong_parcel") == []

    other = service.check_scan(match, code(wei).code, shown, scope=SCOPE)
    assert (other.kind, other.shelf) == (NOT_YOURS, "A2")
    [(kind, actor_id, subject_id, data)] = _events(db, "pickup.wrong_parcel")
    assert (kind, actor_id, subject_id) == (ActorKind.RESIDENT, match.resident_id, wei)
    assert data["scope"] == SCOPE and data["code"] == code(wei).code
    assert building.parcels.get(wei).status.is_waiting


def test_finish_releases_the_confirmed_and_flags_the_rest_skipping_one_gone_elsewhere(db: Database) -> None:
    building = make_building(db, kiosk_id="k1")
    ids = [_intake(building, "101:Maria") for _ in range(4)]
    match = _maria(building)
    building.parcels.release(ids[1], building.staff)  # handed over at the desk a moment ago
    service = PickupConfirmService(db, building.parcels, kiosk_id="k1")

    closed = service.finish(match, [ids[0], ids[1]], [ids[2], ids[3]], scope=SCOPE, how="done")

    assert closed.released == (building.parcels.get(ids[0]).code,)
    assert [ref for ref, _reason in closed.not_released] == [f"#{ids[1]}"]
    assert sorted(closed.flagged) == sorted(building.parcels.get(i).code for i in ids[2:])
    assert building.parcels.get(ids[0]).status == ParcelStatus.PICKED_UP
    for pid in ids[2:]:
        info = building.parcels.get(pid)
        assert info.status.is_waiting and info.needs_attention and info.attention_reason == UNCONFIRMED_AFTER_DOOR
        assert building.parcels.history(pid)[-1]["reason"] == UNCONFIRMED_AFTER_DOOR
    [(_kind, actor_id, _subject, data)] = _events(db, "pickup.confirmed")
    assert actor_id == match.resident_id and data["unconfirmed"] == ids[2:] and data["how"] == "done"
    assert len(_events(db, "parcel.pickup_unconfirmed")) == 2
    with db.reader() as uow:
        assert eventlog.verify(uow.session).ok


def test_finish_keeps_an_earlier_reason_for_attention(db: Database) -> None:
    building = make_building(db)
    pid = _intake(building, "101:Maria", attention_reason="label smudged")
    match = _maria(building)
    PickupConfirmService(db, building.parcels).finish(match, [], [pid], scope=SCOPE, door_opened=False)
    reason = building.parcels.get(pid).attention_reason
    assert reason == "label smudged; resident said collected, pickup not confirmed"


def test_a_report_is_logged_flagged_and_sent_to_staff_once(db: Database) -> None:
    building = make_building(db, kiosk_id="k1")
    pid = _intake(building, "101:Maria")
    wei = _intake(building, "202:Wei")
    match = _maria(building)
    service = PickupConfirmService(db, building.parcels, kiosk_id="k1", staff_email="desk@example.com",
                                   staff_language="es")
    code = building.parcels.get(pid).code

    report = service.report_problem(match, code, "damaged", scope=SCOPE)
    service.report_problem(match, code, "damaged", scope=SCOPE)  # tapped twice: one e-mail

    assert report.staff_notified and report.problem == "damaged"
    info = building.parcels.get(pid)
    assert info.needs_attention and info.attention_reason == "resident reported it damaged"
    assert len(_events(db, "parcel.reported_damaged")) == 2
    with db.reader() as uow:
        rows = uow.session.execute(select(OutboxMessage.recipient, OutboxMessage.language, OutboxMessage.payload)
                                   .where(OutboxMessage.kind == "pickup_problem")).all()
    assert [(to, language) for to, language, _payload in rows] == [("desk@example.com", "es")]
    assert code in rows[0][2]["details"] and "dañado" in rows[0][2]["details"]
    with pytest.raises(NotYourParcel):
        service.report_problem(match, building.parcels.get(wei).code, "missing", scope=SCOPE)
    assert not building.parcels.get(wei).needs_attention


def test_without_a_staff_email_a_report_is_flagged_only(db: Database) -> None:
    building = make_building(db)
    pid = _intake(building, "101:Maria")
    report = PickupConfirmService(db, building.parcels).report_problem(
        _maria(building), building.parcels.get(pid).code, "missing", scope=SCOPE)
    assert not report.staff_notified
    assert building.parcels.get(pid).attention_reason == "resident reported it missing"
    with db.reader() as uow:
        assert uow.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "pickup_problem")).first() is None
