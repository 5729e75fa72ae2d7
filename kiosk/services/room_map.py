"""What the resident's parcel screen shows beside the list: the room map and the parcel photos.

The room map is drawn only when staff have placed at least one active location on it (the
``map_x``/``map_y`` grid columns of :class:`StorageLocation`, set on the Building screen). The
grid's column 0 is the left wall as seen from the door, row 0 the back wall; the door (where the
kiosk stands) is in the middle of the front wall, below the last row.

Both lookups are bound to the signed-in resident: a parcel code that is not theirs, or no longer
waiting, is ignored, so nothing of another resident's ever reaches the screen.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError
from sqlalchemy import select

from kiosk.persistence.models import WAITING_STATUSES, Parcel, ParcelMedia, StorageLocation
from kiosk.persistence.uow import Database

log = logging.getLogger(__name__)

PHOTO = "photo"  # ParcelMedia.kind of a photo of the parcel itself (not a signature)
THUMBNAIL_PX = 200


@dataclass(frozen=True)
class MapShelf:
    code: str
    name: str
    x: int  # grid column, 0 = left wall
    y: int  # grid row, 0 = back wall
    yours: bool  # one of the signed-in resident's parcels is here


@dataclass(frozen=True)
class RoomMap:
    shelves: tuple[MapShelf, ...]
    columns: int
    rows: int

    @property
    def yours(self) -> tuple[str, ...]:
        return tuple(shelf.code for shelf in self.shelves if shelf.yours)


class RoomMapService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def room_map(self, resident_id: int, parcel_codes: Iterable[str]) -> RoomMap | None:
        """The room's mapped locations, the resident's own highlighted; None when nothing is mapped."""
        codes = set(parcel_codes)
        with self._db.reader() as uow:
            session = uow.session
            mapped = session.scalars(
                select(StorageLocation)
                .where(StorageLocation.active.is_(True), StorageLocation.map_x.is_not(None),
                       StorageLocation.map_y.is_not(None))
                .order_by(StorageLocation.sort_order, StorageLocation.code)).all()
            if not mapped:
                return None
            yours: set[int] = set()
            if codes:
                yours = {loc_id for loc_id in session.scalars(
                    select(Parcel.location_id).where(Parcel.code.in_(codes), Parcel.resident_id == resident_id,
                                                     Parcel.status.in_(WAITING_STATUSES))) if loc_id is not None}
            shelves = tuple(MapShelf(loc.code, loc.name, max(0, int(loc.map_x or 0)), max(0, int(loc.map_y or 0)),
                                     loc.id in yours) for loc in mapped)
        return RoomMap(shelves, columns=max(s.x for s in shelves) + 1, rows=max(s.y for s in shelves) + 1)

    def photos(self, resident_id: int, parcel_codes: Iterable[str],
               size: int = THUMBNAIL_PX) -> dict[str, bytes]:
        """A PNG thumbnail of the newest photo of each of the resident's waiting parcels that has one."""
        codes = set(parcel_codes)
        if not codes:
            return {}
        with self._db.reader() as uow:
            rows = uow.session.execute(
                select(Parcel.code, ParcelMedia.data)
                .join(ParcelMedia, ParcelMedia.parcel_id == Parcel.id)
                .where(Parcel.code.in_(codes), Parcel.resident_id == resident_id,
                       Parcel.status.in_(WAITING_STATUSES), ParcelMedia.kind == PHOTO,
                       ParcelMedia.purged_at.is_(None))
                .order_by(ParcelMedia.taken_at, ParcelMedia.id)).all()
        newest = {code: data for code, data in rows if data}  # later rows replace earlier ones
        thumbs: dict[str, bytes] = {}
        for code, data in newest.items():
            thumb = thumbnail(data, size)
            if thumb is not None:
                thumbs[code] = thumb
        return thumbs


def thumbnail(data: bytes, size: int = THUMBNAIL_PX) -> bytes | None:
    """``data`` (any image PIL reads) scaled to fit ``size`` px, as PNG; None if it is not an image."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.thumbnail((size, size))
            out = io.BytesIO()
            image.convert("RGB").save(out, format="PNG")
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        log.warning("a parcel photo could not be read: %s", exc)
        return None
    return out.getvalue()
