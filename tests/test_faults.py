"""Faults inflicted on the core services in one process: a write refused by the database in the
middle of an intake must leave nothing behind — in the database or in the service's memory."""

from __future__ import annotations

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import func, select, text

from kiosk import eventlog
from kiosk.persistence.models import Carrier, Event, EventChainHead, Parcel
from kiosk.persistence.uow import Database
from kiosk.services.parcels import IntakeRequest
from tests.factories import fedex_number, make_building, ups_number


def _refuse_transitions_of(db: Database, tracking: str) -> None:
    """A fault: the database refuses the custody record of one parcel (as a full disk would)."""
    with db.uow() as uow:
        uow.session.execute(text(
            "CREATE TRIGGER fault BEFORE INSERT ON parcel_transitions "
            f"WHEN (SELECT tracking_number FROM parcels WHERE id = NEW.parcel_id) = '{tracking}' "
            "BEGIN SELECT RAISE(ABORT, 'injected fault'); END"))
        uow.commit()


def test_an_intake_rolled_back_after_adding_its_carrier_does_not_break_later_intakes(db: Database) -> None:
    building = make_building(db)  # no carriers yet: the first UPS parcel adds UPS
    maria = building.residents["101:Maria"]
    doomed = ups_number()
    _refuse_transitions_of(db, doomed)
    with pytest.raises(sa_exc.DBAPIError, match="injected fault"):
        building.parcels.intake(IntakeRequest(doomed, resident_id=maria), building.staff)
    with db.reader() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Carrier)) == 0, "the carrier was rolled back"
        assert uow.session.scalar(select(func.count()).select_from(Parcel)) == 0
    # The same service (the same running kiosk) takes the next UPS parcel as if nothing happened.
    result = building.parcels.intake(IntakeRequest(ups_number(), resident_id=maria), building.staff)
    assert result.parcel.carrier == "ups"
    assert building.parcels.intake(IntakeRequest(fedex_number(), resident_id=maria), building.staff).parcel.carrier \
        == "fedex"
    with db.reader() as uow:
        assert eventlog.verify(uow.session).ok


def test_the_first_event_of_a_new_database_creates_the_chain_head_once(db: Database) -> None:
    building = make_building(db)
    with db.reader() as uow:
        assert uow.session.get(EventChainHead, 1) is None
    building.parcels.intake(IntakeRequest(ups_number(), resident_id=building.residents["101:Pedro"]), building.staff)
    building.parcels.intake(IntakeRequest(ups_number(), resident_id=building.residents["202:Wei"]), building.staff)
    with db.reader() as uow:
        head = uow.session.get(EventChainHead, 1)
        events = uow.session.scalar(select(func.count()).select_from(Event))
        assert head is not None and head.seq == events
        assert eventlog.verify(uow.session).ok
