"""The room map and the parcel photos beside the resident's parcel list, loaded off the GUI thread.

It follows :class:`ui.viewmodels.pickup.PickupViewModel`: when the signed-in resident's parcels
are shown it asks :class:`kiosk.services.room_map.RoomMapService` for the map (their shelves
highlighted) and for photo thumbnails of their parcels; when the screen is cleared (done, idle,
a new person) it forgets both, and drops any answer still on its way for the previous person.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from kiosk.services.room_map import RoomMap, RoomMapService
from ui.tasks import TaskRunner
from ui.viewmodels.pickup import ParcelRow, PickupViewModel

log = logging.getLogger(__name__)


class ParcelExtrasViewModel(QObject):
    map_changed = Signal(object)  # RoomMap | None
    photos_changed = Signal(dict)  # parcel code -> QImage

    def __init__(self, service: RoomMapService, pickup: PickupViewModel, runner: TaskRunner,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._pickup = pickup
        self._runner = runner
        self._generation = 0  # bumped on every change of person: stale answers are dropped
        self.room: RoomMap | None = None
        self.photos: dict[str, QImage] = {}
        pickup.parcels_changed.connect(self._parcels_changed)

    def _parcels_changed(self, _name: str, rows: list[ParcelRow]) -> None:
        self._generation += 1
        generation = self._generation
        match = self._pickup.match
        if not rows or match is None:
            self._clear()
            return
        resident, codes = match.resident_id, [row.code for row in rows]
        service = self._service
        self._runner.submit(lambda: service.room_map(resident, codes),
                            lambda room: self._map_loaded(generation, room), self._failed)

        def load_photos() -> dict[str, QImage]:
            # Decoded here, on the worker: the GUI thread only turns them into pixmaps.
            images = {code: QImage.fromData(png) for code, png in service.photos(resident, codes).items()}
            return {code: image for code, image in images.items() if not image.isNull()}

        self._runner.submit(load_photos, lambda photos: self._photos_loaded(generation, photos), self._failed)

    def _clear(self) -> None:
        if self.room is not None:
            self.room = None
            self.map_changed.emit(None)
        if self.photos:
            self.photos = {}
            self.photos_changed.emit({})

    def _map_loaded(self, generation: int, room: RoomMap | None) -> None:
        if generation == self._generation:
            self.room = room
            self.map_changed.emit(room)

    def _photos_loaded(self, generation: int, photos: dict[str, QImage]) -> None:
        if generation == self._generation:
            self.photos = photos
            self.photos_changed.emit(photos)

    def _failed(self, exc: BaseException) -> None:
        # The list and the shelves are what matter; the map and photos are a help.
        log.error("room map or parcel photos could not be loaded: %s", exc)
