"""The room map and the parcel photos on the resident's parcel screen, over real services and a real
SQLite file: staff place shelves on the map, the resident sees only their own shelves highlighted,
the map stays away when nothing is mapped, and a parcel's photo shows on its card."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSpinBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.config import Settings
from kiosk.persistence.models import Event, ParcelMedia, Role, StaffUser, StorageLocation
from kiosk.persistence.uow import Database
from kiosk.security import hash_pin
from kiosk.services.building import BuildingError, BuildingService
from kiosk.services.parcels import IntakeRequest
from kiosk.services.room_map import RoomMapService
from kiosk.services.staff import PermissionDenied, StaffService, StaffSession
from tests.factories import Building, make_building, ups_number
from tests.qtdrive import by_name
from ui.app import KioskApplication, build_application
from ui.screens.staff.building import BuildingScreen
from ui.tasks import TaskRunner
from ui.viewmodels.building import BuildingViewModel
from ui.widgets.room_map import RoomMap, RoomMapPanel

MARIA_CODE, WEI_CODE = "482913", "735101"


@dataclass
class Site:
    building: Building
    maria: list[str]  # Maria's parcel codes: on A1 and A2
    wei: list[str]  # Wei's: on the fridge


def place(db: Database, **positions: tuple[int, int]) -> None:
    with db.uow() as uow:
        for loc in uow.session.scalars(select(StorageLocation)):
            if loc.code in positions:
                loc.map_x, loc.map_y = positions[loc.code]
        uow.commit()


def add_photo(db: Database, parcel_code: str, colour: str = "red") -> None:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), colour).save(out, format="JPEG")
    data = out.getvalue()
    with db.uow() as uow:
        from kiosk.persistence.models import Parcel

        parcel = uow.session.scalar(select(Parcel).where(Parcel.code == parcel_code))
        assert parcel is not None
        uow.session.add(ParcelMedia(parcel_id=parcel.id, kind="photo", content_type="image/jpeg", data=data,
                                    sha256=hashlib.sha256(data).hexdigest()))
        uow.commit()


@pytest.fixture
def site(db: Database) -> Site:
    building = make_building(db)
    maria, wei = building.residents["101:Maria"], building.residents["202:Wei"]
    intake = building.parcels.intake
    maria_codes = [intake(IntakeRequest(ups_number(), resident_id=maria, location_code=shelf), building.staff)
                   .parcel.code for shelf in ("A1", "A2")]
    wei_codes = [intake(IntakeRequest(ups_number(), resident_id=wei, location_code="FRIDGE", perishable=True),
                        building.staff).parcel.code]
    building.credentials.reissue(maria, building.staff, code=MARIA_CODE)
    building.credentials.reissue(wei, building.staff, code=WEI_CODE)
    return Site(building, maria_codes, wei_codes)


def admin(db: Database) -> StaffSession:
    with db.uow() as uow:
        uow.session.add(StaffUser(name="Alex Admin", role=Role.ADMIN, pin_hash=hash_pin("2468")))
        uow.commit()
    return StaffService(db).sign_in_pin("2468", "test")


# ---------------------------------------------------------------------------- the service


def test_no_map_until_a_shelf_is_placed(db: Database, site: Site) -> None:
    service = RoomMapService(db)
    maria = site.building.residents["101:Maria"]
    assert service.room_map(maria, site.maria) is None
    place(db, A1=(0, 0), A2=(1, 0), FRIDGE=(3, 2))
    room = service.room_map(maria, site.maria)
    assert room is not None
    assert (room.columns, room.rows) == (4, 3)
    assert sorted(room.yours) == ["A1", "A2"]
    assert {s.code for s in room.shelves} == {"A1", "A2", "FRIDGE"}  # OVERSIZE is not on the map


def test_another_residents_parcels_are_never_highlighted_or_shown(db: Database, site: Site) -> None:
    place(db, A1=(0, 0), A2=(1, 0), FRIDGE=(3, 2))
    add_photo(db, site.wei[0])
    service = RoomMapService(db)
    maria = site.building.residents["101:Maria"]
    # Wei's parcel code handed in with Maria's identity: ignored.
    room = service.room_map(maria, site.wei)
    assert room is not None and room.yours == ()
    assert service.photos(maria, site.wei) == {}
    wei = site.building.residents["202:Wei"]
    assert service.room_map(wei, site.wei).yours == ("FRIDGE",)  # type: ignore[union-attr]
    thumb = service.photos(wei, site.wei)[site.wei[0]]
    with Image.open(io.BytesIO(thumb)) as image:
        assert max(image.size) == 200 and image.format == "PNG"


def test_admin_places_a_shelf_on_the_map_with_the_change_logged(db: Database, site: Site) -> None:
    service = BuildingService(db, kiosk_id="desk")
    boss = admin(db)
    a1 = next(loc for loc in service.locations() if loc.code == "A1")
    assert (a1.map_x, a1.map_y) == (None, None)
    moved = service.set_map_position(boss, a1.id, 2, 5)
    assert (moved.map_x, moved.map_y) == (2, 5)
    with pytest.raises(BuildingError, match="both"):
        service.set_map_position(boss, a1.id, 2, None)
    with pytest.raises(BuildingError, match="0 to 39"):
        service.set_map_position(boss, a1.id, 40, 1)
    clerk = StaffService(db).sign_in_pin("1111", "t")
    with pytest.raises(PermissionDenied):
        service.set_map_position(clerk, a1.id, 1, 1)
    off = service.set_map_position(boss, a1.id, None, None)
    assert (off.map_x, off.map_y) == (None, None)
    with db.reader() as uow:
        logged = [e.data for e in uow.session.scalars(select(Event).where(Event.kind == "location.map_moved"))]
    assert [d["after"] for d in logged] == [{"map_x": 2, "map_y": 5}, {"map_x": None, "map_y": None}]


def test_a_broken_photo_is_skipped_not_fatal(db: Database, site: Site) -> None:
    with db.uow() as uow:
        from kiosk.persistence.models import Parcel

        parcel = uow.session.scalar(select(Parcel).where(Parcel.code == site.maria[0]))
        assert parcel is not None
        uow.session.add(ParcelMedia(parcel_id=parcel.id, kind="photo", data=b"not an image", sha256="0" * 64))
        uow.commit()
    add_photo(db, site.maria[1])
    photos = RoomMapService(db).photos(site.building.residents["101:Maria"], site.maria)
    assert list(photos) == [site.maria[1]]


# ---------------------------------------------------------------------------- the staff screen


@pytest.mark.gui
def test_staff_place_a_shelf_from_the_building_screen(qtbot: QtBot, db: Database, site: Site) -> None:
    service = BuildingService(db, kiosk_id="desk")
    boss = admin(db)
    runner = TaskRunner()
    vm = BuildingViewModel(service, runner, staff=lambda: boss, print_image=lambda _j, _i: None,
                           room_hours=("00:00", "24:00"))
    screen = BuildingScreen(vm)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    try:
        qtbot.waitUntil(lambda: len(screen.model.rows) == 4, timeout=5000)
        screen.select_code("A2")
        column, row = by_name(screen, "Map column"), by_name(screen, "Map row")
        assert isinstance(column, QSpinBox) and isinstance(row, QSpinBox)
        column.setValue(3)
        row.setValue(1)
        qtbot.mouseClick(by_name(screen, "Place on map"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: any(r.code == "A2" and r.map_x == 3 for r in screen.model.rows), timeout=5000)
        message = by_name(screen, "Building message")
        assert isinstance(message, QLabel) and "column 3, row 1" in message.text()
        a2 = next(r for r in service.locations() if r.code == "A2")
        assert (a2.map_x, a2.map_y) == (3, 1)
        qtbot.mouseClick(by_name(screen, "Remove from map"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: any(r.code == "A2" and r.map_x is None for r in screen.model.rows), timeout=5000)
        assert "no longer on the room map" in message.text()
    finally:
        runner.shutdown()


# ---------------------------------------------------------------------------- the resident screen


@pytest.fixture
def kiosk(qtbot: QtBot, settings: Settings, db: Database, site: Site) -> Iterator[KioskApplication]:
    app = build_application(settings, kiosk_id="map-test")
    qtbot.addWidget(app.window)
    app.window.resize(1280, 800)
    app.window.show()
    yield app
    app.close()


def sign_in(qtbot: QtBot, app: KioskApplication, code: str) -> None:
    window = app.window
    for digit in code:
        qtbot.mouseClick(by_name(window, f"Digit {digit}"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(by_name(window, "OK"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_screen is window.my_parcels, timeout=5000)


def room_map(window: QWidget) -> RoomMap:
    found = by_name(window, "Room map")
    assert isinstance(found, RoomMap)
    return found


def map_hidden(window: QWidget) -> bool:
    panel = window.findChild(RoomMapPanel)
    return panel is not None and not panel.isVisible()


@pytest.mark.gui
def test_the_map_highlights_only_the_signed_in_residents_shelves(qtbot: QtBot, kiosk: KioskApplication,
                                                                  db: Database, site: Site) -> None:
    place(db, A1=(0, 0), A2=(1, 0), FRIDGE=(3, 0), OVERSIZE=(3, 2))
    window = kiosk.window
    sign_in(qtbot, kiosk, MARIA_CODE)
    qtbot.waitUntil(lambda: not map_hidden(window) and bool(room_map(window).highlighted_codes), timeout=5000)
    assert sorted(room_map(window).highlighted_codes) == ["A1", "A2"]
    caption = by_name(window, "Room map caption")
    assert isinstance(caption, QLabel) and "highlighted" in caption.text()
    assert "A1" in room_map(window).accessibleDescription()
    picture = room_map(window).grab().toImage()
    assert picture.width() >= 280 and picture.height() >= 240  # drawn at a readable size
    qtbot.mouseClick(by_name(window, "I'm done"), Qt.MouseButton.LeftButton)
    assert map_hidden(window)  # nothing of Maria's stays on screen

    sign_in(qtbot, kiosk, WEI_CODE)
    qtbot.waitUntil(lambda: not map_hidden(window) and room_map(window).highlighted_codes == ("FRIDGE",),
                    timeout=5000)
    kiosk.idle.idle.emit()
    assert map_hidden(window) and window.current_screen is window.welcome


@pytest.mark.gui
def test_no_map_when_no_shelf_has_a_place_on_it(qtbot: QtBot, kiosk: KioskApplication) -> None:
    window = kiosk.window
    extras = window.my_parcels.extras
    assert extras is not None
    with qtbot.waitSignal(extras.map_changed, timeout=5000) as answer:  # the lookup came back: "no map"
        sign_in(qtbot, kiosk, MARIA_CODE)
    assert answer.args == [None]
    assert map_hidden(window)
    assert window.findChildren(QLabel, "ParcelPhoto") == []


@pytest.mark.gui
def test_a_parcel_photo_shows_on_its_card(qtbot: QtBot, kiosk: KioskApplication, db: Database,
                                          site: Site) -> None:
    add_photo(db, site.maria[0], "blue")
    window = kiosk.window
    sign_in(qtbot, kiosk, MARIA_CODE)
    qtbot.waitUntil(lambda: bool([w for w in window.findChildren(QLabel, "ParcelPhoto") if w.isVisible()]),
                    timeout=5000)
    [photo] = [w for w in window.findChildren(QLabel, "ParcelPhoto") if w.isVisible()]
    card = photo.parentWidget()
    assert card.accessibleName() == f"Parcel {site.maria[0]}"  # on its own parcel's card, not the other
    image = photo.pixmap().toImage()
    assert image.width() >= 100 and image.pixelColor(image.width() // 2, image.height() // 2).blue() > 200
    qtbot.mouseClick(by_name(window, "I'm done"), Qt.MouseButton.LeftButton)
    assert [w for w in window.findChildren(QLabel, "ParcelPhoto") if w.isVisible()] == []
