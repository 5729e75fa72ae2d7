"""The building's storage: shelves, bins, zones, the fridge and oversize areas, and their labels.

Viewing is for managers and admins, changes for admins only. Every change is one transaction with
its event in the log. A location with parcels on it cannot be deactivated (they would vanish from
the pickup screens' directions); lockers are set up with their lock boards, not here.
"""

from __future__ import annotations

import logging
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PIL import Image
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk import eventlog
from kiosk.labels import WIDTH_80MM, render_shelf_label
from kiosk.persistence.models import WAITING_STATUSES, LocationKind, Parcel, Role, StorageLocation
from kiosk.persistence.uow import Database
from kiosk.security import PARCEL_CODE_ALPHABET
from kiosk.services.access import require
from kiosk.services.staff import StaffSession

log = logging.getLogger(__name__)

EDITABLE_KINDS = (LocationKind.SHELF, LocationKind.BIN, LocationKind.ZONE, LocationKind.FRIDGE,
                  LocationKind.OVERSIZE)
MAX_CAPACITY = 1000
MAP_MAX = 39  # the room map is at most 40 x 40 grid cells
_CODE = re.compile(r"[A-Z0-9][A-Z0-9-]{0,15}")
_LIKE_PARCEL_CODE = re.compile(f"[{PARCEL_CODE_ALPHABET}]{{8}}")


class BuildingError(ValueError):
    """A change to the building was refused; the message is fit to show staff."""


@dataclass(frozen=True)
class LocationInfo:
    id: int
    code: str
    name: str
    kind: LocationKind
    zone: str
    capacity: int
    active: bool
    out_of_service: bool
    waiting: int  # parcels waiting there now
    map_x: int | None = None  # grid column on the resident room map (None: not on the map)
    map_y: int | None = None  # grid row, 0 = the back wall


@dataclass(frozen=True)
class ShelfLabel:
    """A rendered shelf label and the print-queue job id to send it under (unique per print)."""

    job_id: str
    code: str
    name: str
    image: Image.Image


def check_code(text: str) -> str:
    """A location code as printed on its barcode (upper case), or :class:`BuildingError`."""
    code = (text or "").strip().upper()
    if not code:
        raise BuildingError("enter a code, such as B4")
    if not _CODE.fullmatch(code):
        raise BuildingError("a code is 1 to 16 letters, digits or dashes, such as B4 or COLD-1")
    if _LIKE_PARCEL_CODE.fullmatch(code):
        raise BuildingError("that code looks like a parcel code; use a shorter one, such as B4")
    return code


def check_name(text: str) -> str:
    name = " ".join((text or "").split())
    if not name:
        raise BuildingError("enter a name")
    if len(name) > 80:
        raise BuildingError("a name is at most 80 characters")
    return name


def check_capacity(value: int) -> int:
    if not 1 <= int(value) <= MAX_CAPACITY:
        raise BuildingError(f"capacity is 1 to {MAX_CAPACITY} parcels")
    return int(value)


class BuildingService:
    def __init__(self, db: Database, kiosk_id: str = "") -> None:
        self._db = db
        self._kiosk = kiosk_id

    # ------------------------------------------------------------------ reading

    def locations(self, include_inactive: bool = True) -> list[LocationInfo]:
        """Every storage location in walking order, with how many parcels wait on each."""
        with self._db.reader() as uow:
            load = (select(Parcel.location_id, func.count().label("n"))
                    .where(Parcel.status.in_(WAITING_STATUSES)).group_by(Parcel.location_id).subquery())
            query = (select(StorageLocation, func.coalesce(load.c.n, 0))
                     .outerjoin(load, load.c.location_id == StorageLocation.id)
                     .order_by(StorageLocation.active.desc(), StorageLocation.sort_order, StorageLocation.code))
            if not include_inactive:
                query = query.where(StorageLocation.active.is_(True))
            return [self._info(loc, int(n)) for loc, n in uow.session.execute(query).all()]

    @staticmethod
    def _info(loc: StorageLocation, waiting: int) -> LocationInfo:
        return LocationInfo(loc.id, loc.code, loc.name, LocationKind(loc.kind), loc.zone, loc.capacity, loc.active,
                            loc.out_of_service, waiting, loc.map_x, loc.map_y)

    def shelf_label(self, by: StaffSession, location_id: int, width_dots: int = WIDTH_80MM) -> ShelfLabel:
        """The location's label (name large, code as a Code 128), to print."""
        require(by, Role.MANAGER, "print shelf labels")
        with self._db.reader() as uow:
            loc = uow.session.get(StorageLocation, location_id)
            if loc is None:
                raise BuildingError(f"no storage location with id {location_id}")
            code, name = loc.code, loc.name
        image = render_shelf_label(code, name, width_dots)
        return ShelfLabel(f"shelf:{code}:{uuid.uuid4().hex[:12]}", code, name, image)

    # ------------------------------------------------------------------ changes (admin)

    def add_location(self, by: StaffSession, code: str, name: str, kind: LocationKind = LocationKind.SHELF,
                     capacity: int = 20, zone: str = "", now: datetime | None = None) -> LocationInfo:
        require(by, Role.ADMIN, "add shelves and zones")
        now = now or datetime.now(UTC)
        code = check_code(code)
        name = check_name(name or code)
        capacity = check_capacity(capacity)
        kind = LocationKind(kind)
        if kind not in EDITABLE_KINDS:
            raise BuildingError("lockers are set up with their lock boards, not here")
        zone = " ".join((zone or "").split())[:40]
        with self._db.uow() as uow:
            session = uow.session
            if session.scalar(select(StorageLocation.id).where(func.upper(StorageLocation.code) == code)) is not None:
                raise BuildingError(f"there is already a location with the code {code}")
            order = session.scalar(select(func.max(StorageLocation.sort_order))) or 0
            loc = StorageLocation(code=code, name=name, kind=kind, zone=zone, capacity=capacity, sort_order=order + 1)
            session.add(loc)
            session.flush()
            self._event(session, "location.added", by, loc, now,
                        {"code": code, "name": name, "kind": kind.value, "capacity": capacity, "zone": zone})
            info = self._info(loc, 0)
            uow.commit()
        return info

    def rename_location(self, by: StaffSession, location_id: int, name: str,
                        now: datetime | None = None) -> LocationInfo:
        require(by, Role.ADMIN, "rename shelves and zones")
        name = check_name(name)
        return self._change(by, location_id, "location.renamed", now, name=name)

    def set_capacity(self, by: StaffSession, location_id: int, capacity: int,
                     now: datetime | None = None) -> LocationInfo:
        require(by, Role.ADMIN, "change capacities")
        return self._change(by, location_id, "location.capacity_changed", now, capacity=check_capacity(capacity))

    def set_active(self, by: StaffSession, location_id: int, active: bool,
                   now: datetime | None = None) -> LocationInfo:
        require(by, Role.ADMIN, "deactivate shelves and zones")
        kind = "location.reactivated" if active else "location.deactivated"
        return self._change(by, location_id, kind, now, active=bool(active))

    def set_map_position(self, by: StaffSession, location_id: int, x: int | None, y: int | None,
                         now: datetime | None = None) -> LocationInfo:
        """Place the location on the residents' room map (grid column ``x``, row ``y``), or take it off (None)."""
        require(by, Role.ADMIN, "place shelves on the room map")
        if (x is None) != (y is None):
            raise BuildingError("give both the column and the row, or neither to take it off the map")
        if x is not None and y is not None and not (0 <= int(x) <= MAP_MAX and 0 <= int(y) <= MAP_MAX):
            raise BuildingError(f"map columns and rows are 0 to {MAP_MAX}")
        values = {"map_x": None if x is None else int(x), "map_y": None if y is None else int(y)}
        return self._change(by, location_id, "location.map_moved", now, **values)

    def _change(self, by: StaffSession, location_id: int, kind: str, now: datetime | None,
                **values: Any) -> LocationInfo:
        now = now or datetime.now(UTC)
        with self._db.uow() as uow:
            session = uow.session
            loc = session.get(StorageLocation, location_id, with_for_update=True)
            if loc is None:
                raise BuildingError(f"no storage location with id {location_id}")
            waiting = session.scalar(select(func.count()).select_from(Parcel).where(
                Parcel.location_id == loc.id, Parcel.status.in_(WAITING_STATUSES))) or 0
            if values.get("active") is False and waiting:
                raise BuildingError(f"{loc.name} still holds {waiting} waiting parcel{'s' if waiting != 1 else ''}; "
                                    "move them to another shelf first")
            before = {name: getattr(loc, name) for name in values}
            if before == values:
                return self._info(loc, int(waiting))
            for name, value in values.items():
                setattr(loc, name, value)
            self._event(session, kind, by, loc, now, {"code": loc.code, "before": before, "after": values})
            info = self._info(loc, int(waiting))
            uow.commit()
        return info

    def _event(self, session: Session, kind: str, by: StaffSession, loc: StorageLocation, now: datetime,
               data: dict[str, Any]) -> None:
        eventlog.append(session, kind, by.actor, subject_kind="location", subject_id=loc.id, kiosk=self._kiosk,
                        at=now, data=data)
