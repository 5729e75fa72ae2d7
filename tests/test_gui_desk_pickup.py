"""Pickup at the desk, on the real screen with real services and a real SQLite file: find the
resident (on-screen keyboard, pickup code, badge), scan parcels, sign on the pad, release — and a
parcel that is not theirs is refused with nothing changed. Proxy pickup records both people."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QComboBox, QLabel, QListWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.persistence.models import Event, Parcel, ParcelMedia, ParcelStatus, Role
from kiosk.persistence.uow import Database
from kiosk.residents.directory import ResidentDirectory
from kiosk.services.desk import DeskService, ProxyNotAuthorised, SignatureMissing
from kiosk.services.parcels import IntakeRequest, NotYourParcel
from kiosk.services.residents_admin import ResidentAdminService
from kiosk.services.staff import PermissionDenied, StaffService, StaffSession
from tests.factories import Building, make_building, ups_number
from tests.qtdrive import by_name
from ui.screens.staff.desk_pickup import DeskPickupScreen
from ui.tasks import TaskRunner
from ui.viewmodels.desk_pickup import DeskPickupViewModel

pytestmark = pytest.mark.gui


@dataclass
class Desk:
    building: Building
    service: DeskService
    admin: ResidentAdminService
    session: StaffSession
    vm: DeskPickupViewModel
    screen: DeskPickupScreen
    photos_requested: list[int]

    @property
    def message(self) -> str:
        label = by_name(self.screen, "Desk message")
        assert isinstance(label, QLabel)
        return label.text()

    def parcel(self, resident: str) -> str:
        """Log a parcel for ``resident`` ("unit:first"); its label code."""
        request = IntakeRequest(ups_number(), resident_id=self.building.residents[resident])
        return self.building.parcels.intake(request, self.building.staff).parcel.code


@pytest.fixture
def desk(qtbot: QtBot, db: Database) -> Iterator[Desk]:
    building = make_building(db)
    directory = ResidentDirectory(db, max_age=None)
    service = DeskService(db, building.parcels, building.credentials, directory, kiosk_id="desk")
    session = StaffService(db).sign_in_pin("1111", "test-desk")  # Sam Staff, role staff
    runner = TaskRunner()
    requested: list[int] = []
    holder: dict[str, DeskPickupViewModel] = {}

    def take_photo() -> None:  # the camera's stand-in: answers with an image at once
        requested.append(1)
        image = QImage(64, 48, QImage.Format.Format_RGB32)
        image.fill(QColor("steelblue"))
        holder["vm"].set_photo(image)

    vm = DeskPickupViewModel(service, directory, runner, staff=lambda: session, scope="desk:test",
                             take_photo=take_photo)
    holder["vm"] = vm
    screen = DeskPickupScreen(vm)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    yield Desk(building, service, ResidentAdminService(db, directory, kiosk_id="desk"), session, vm, screen,
               requested)
    runner.shutdown()


def open_resident(qtbot: QtBot, desk: Desk, key: str) -> None:
    desk.vm.open(desk.building.residents[key])
    qtbot.waitUntil(lambda: desk.vm.resident is not None
                    and desk.vm.resident.resident_id == desk.building.residents[key], timeout=5000)


def scan(qtbot: QtBot, desk: Desk, text: str, until: object) -> None:
    desk.vm.on_scan(text)
    qtbot.waitUntil(until, timeout=5000)  # type: ignore[arg-type]


def sign(qtbot: QtBot, desk: Desk) -> None:
    pad = by_name(desk.screen, "Signature pad")
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(40, 80))
    for x, y in ((80, 40), (120, 110), (170, 50), (220, 100), (260, 60)):
        qtbot.mouseMove(pad, QPoint(x, y))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(300, 90))
    assert desk.vm.signature is not None


def release(qtbot: QtBot, desk: Desk) -> None:
    qtbot.mouseClick(by_name(desk.screen, "Release parcels"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Released" in desk.message, timeout=5000)


def events(db: Database, kind: str) -> list[tuple[int | None, dict]]:
    """(actor id, data) of every logged event of ``kind``."""
    with db.reader() as uow:
        return [(e.actor_id, e.data) for e in uow.session.scalars(select(Event).where(Event.kind == kind))]


def status(db: Database, code: str) -> Parcel:
    with db.reader() as uow:
        parcel = uow.session.scalars(select(Parcel).where(Parcel.code == code)).one()
        uow.session.expunge(parcel)
        return parcel


def test_screen_declares_its_role() -> None:
    assert DeskPickupScreen.required_role is Role.STAFF


def test_resident_found_by_typing_on_the_on_screen_keyboard(qtbot: QtBot, desk: Desk) -> None:
    code = desk.parcel("202:Wei")
    qtbot.mouseClick(by_name(desk.screen, "Show desk keyboard"), Qt.MouseButton.LeftButton)
    for key in "CHEN":
        qtbot.mouseClick(by_name(desk.screen, f"Key {key}"), Qt.MouseButton.LeftButton)
    matches = by_name(desk.screen, "Desk resident matches")
    assert isinstance(matches, QListWidget)
    qtbot.waitUntil(lambda: matches.count() >= 1, timeout=5000)
    item = matches.item(0)
    assert "Wei Chen" in item.text()
    qtbot.mouseClick(matches.viewport(), Qt.MouseButton.LeftButton, pos=matches.visualItemRect(item).center())
    resident = by_name(desk.screen, "Resident at desk")
    assert isinstance(resident, QLabel)
    qtbot.waitUntil(lambda: "Wei Chen" in resident.text(), timeout=5000)
    assert "202" in resident.text()
    parcels = by_name(desk.screen, "Waiting parcels")
    assert isinstance(parcels, QListWidget)
    assert [code in parcels.item(i).text() for i in range(parcels.count())] == [True]
    assert "1 parcel(s) waiting" in desk.message


def test_pickup_code_scan_finds_the_resident_and_own_parcel_is_released_with_the_signature(
        qtbot: QtBot, desk: Desk, db: Database) -> None:
    first, second = desk.parcel("101:Maria"), desk.parcel("101:Maria")
    code = desk.building.credentials.reissue(desk.building.residents["101:Maria"], desk.building.staff,
                                             code="482913")
    scan(qtbot, desk, code, lambda: desk.vm.resident is not None)
    assert desk.vm.resident is not None and desk.vm.resident.found_by == "pickup code"
    assert "Maria Garcia" in desk.message and "2 parcel(s) waiting" in desk.message

    scan(qtbot, desk, first.lower(), lambda: len(desk.vm.chosen) == 1)  # a scanner in lower case still matches
    assert "checked (1 of 2)" in desk.message
    parcels = by_name(desk.screen, "Waiting parcels")
    assert isinstance(parcels, QListWidget)
    checked = [parcels.item(i).checkState() == Qt.CheckState.Checked for i in range(parcels.count())]
    assert sorted(checked) == [False, True]

    qtbot.mouseClick(by_name(desk.screen, "Release parcels"), Qt.MouseButton.LeftButton)
    assert "sign on the pad" in desk.message  # no signature yet: nothing happens
    assert status(db, first).status == ParcelStatus.RECEIVED

    sign(qtbot, desk)
    release(qtbot, desk)
    released = status(db, first)
    assert released.status == ParcelStatus.PICKED_UP
    assert released.picked_up_by_resident_id == desk.building.residents["101:Maria"]
    assert released.picked_up_by_proxy_id is None
    assert released.released_by_id == desk.session.staff_id
    assert status(db, second).status == ParcelStatus.RECEIVED  # only what was scanned leaves

    media = desk.service.media(released.id)
    assert [m.kind for m in media] == ["signature"]
    image = QImage.fromData(media[0].data, "PNG")
    assert not image.isNull() and image.width() > 100
    dark = sum(1 for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
               if QColor(image.pixel(x, y)).lightness() < 100)
    assert dark > 20, "the strokes drawn on the pad are in the stored signature"
    [(actor_id, signed)] = events(db, "desk.signed")
    assert signed["parcel_codes"] == [first] and actor_id == desk.session.staff_id
    # the list now shows only the parcel still waiting, and the pad is clear for the next person
    qtbot.waitUntil(lambda: desk.vm.resident is not None and len(desk.vm.resident.parcels) == 1, timeout=5000)
    assert desk.vm.signature is None and desk.vm.chosen == []


def test_another_residents_parcel_is_refused_and_stays_waiting(qtbot: QtBot, desk: Desk, db: Database) -> None:
    desk.parcel("101:Maria")
    weis = desk.parcel("202:Wei")
    open_resident(qtbot, desk, "101:Maria")
    scan(qtbot, desk, weis, lambda: "not for this resident" in desk.message)
    assert "Put it back on its shelf" in desk.message
    assert desk.vm.chosen == []
    assert status(db, weis).status == ParcelStatus.RECEIVED

    # the service refuses it too, even handed over with a signature, and writes nothing
    wei_parcel = status(db, weis)
    with pytest.raises(NotYourParcel):
        desk.service.release(desk.session, desk.building.residents["101:Maria"], [wei_parcel.id],
                             signature=b"\x89PNG\r\n\x1a\nfake")
    assert status(db, weis).status == ParcelStatus.RECEIVED
    with db.reader() as uow:
        assert uow.session.scalars(select(ParcelMedia)).all() == []


def test_a_label_scanned_before_the_resident_asks_for_the_resident_first(qtbot: QtBot, desk: Desk) -> None:
    code = desk.parcel("101:Maria")
    scan(qtbot, desk, code, lambda: "Find the resident first" in desk.message)
    assert desk.vm.resident is None


def test_unknown_scan_and_wrong_code_get_clear_messages(qtbot: QtBot, desk: Desk) -> None:
    scan(qtbot, desk, "hello-world", lambda: "Not recognised" in desk.message)
    scan(qtbot, desk, "999999", lambda: "not accepted" in desk.message)
    assert desk.vm.resident is None


def test_badge_scan_opens_the_resident_and_tapping_chooses_parcels(qtbot: QtBot, desk: Desk, db: Database) -> None:
    wei = desk.building.residents["202:Wei"]
    edit = desk.admin.get(wei).edit()
    desk.admin.update(desk.session, wei, replace(edit, badge_id="FOB-77"))
    code = desk.parcel("202:Wei")
    scan(qtbot, desk, "FOB-77", lambda: desk.vm.resident is not None)
    assert desk.vm.resident is not None and desk.vm.resident.found_by == "badge"
    parcels = by_name(desk.screen, "Waiting parcels")
    assert isinstance(parcels, QListWidget)
    item = parcels.item(0)
    qtbot.mouseClick(parcels.viewport(), Qt.MouseButton.LeftButton, pos=parcels.visualItemRect(item).center())
    assert len(desk.vm.chosen) == 1
    assert by_name(desk.screen, "Release parcels").property("text") == "Release 1 parcel(s)"

    qtbot.mouseClick(by_name(desk.screen, "Take photo"), Qt.MouseButton.LeftButton)
    assert desk.photos_requested == [1]
    photo = by_name(desk.screen, "Photo status")
    assert isinstance(photo, QLabel) and photo.text() == "Photo attached"
    sign(qtbot, desk)
    release(qtbot, desk)
    parcel = status(db, code)
    assert parcel.status == ParcelStatus.PICKED_UP
    assert sorted(m.kind for m in desk.service.media(parcel.id)) == ["photo", "signature"]


def test_proxy_pickup_records_the_resident_and_the_proxy(qtbot: QtBot, desk: Desk, db: Database) -> None:
    maria = desk.building.residents["101:Maria"]
    code = desk.parcel("101:Maria")
    now = datetime.now(UTC)
    proxy = desk.admin.add_proxy(desk.session, maria, "Rosa Neighbour", now - timedelta(hours=1),
                                 now + timedelta(days=3), phone="(503) 555-0102")
    withdrawn = desk.admin.add_proxy(desk.session, maria, "Withdrawn", now - timedelta(days=5),
                                     now + timedelta(days=1))
    desk.admin.revoke_proxy(desk.session, withdrawn.id)
    open_resident(qtbot, desk, "101:Maria")
    collector = by_name(desk.screen, "Collected by")
    assert isinstance(collector, QComboBox)
    options = [collector.itemText(i) for i in range(collector.count())]
    assert options == ["Maria Garcia (the resident)", "Proxy: Rosa Neighbour"]  # the revoked one is not offered
    collector.setCurrentIndex(1)
    collector.activated.emit(1)
    assert desk.vm.proxy is not None and desk.vm.proxy.id == proxy.id
    assert "Check their ID" in desk.message
    scan(qtbot, desk, code, lambda: len(desk.vm.chosen) == 1)
    sign(qtbot, desk)
    release(qtbot, desk)
    assert "Rosa Neighbour" in desk.message
    parcel = status(db, code)
    assert parcel.status == ParcelStatus.PICKED_UP
    assert parcel.picked_up_by_resident_id == maria
    assert parcel.picked_up_by_proxy_id == proxy.id
    [(_, picked)] = events(db, "parcel.picked_up")
    [(_, signed)] = events(db, "desk.signed")
    assert picked["proxy_id"] == proxy.id and picked["resident_id"] == maria
    assert signed["proxy_id"] == proxy.id


def test_service_refuses_a_revoked_or_limited_proxy_and_a_missing_signature(desk: Desk, db: Database) -> None:
    maria = desk.building.residents["101:Maria"]
    one, other = desk.parcel("101:Maria"), desk.parcel("101:Maria")
    one_id, other_id = status(db, one).id, status(db, other).id
    now = datetime.now(UTC)
    limited = desk.admin.add_proxy(desk.session, maria, "Only One", now - timedelta(hours=1), now + timedelta(days=1),
                                   parcel_ids=[one_id])
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 32
    with pytest.raises(ProxyNotAuthorised, match="may not collect parcel"):
        desk.service.release(desk.session, maria, [one_id, other_id], signature=png, proxy_id=limited.id)
    desk.admin.revoke_proxy(desk.session, limited.id)
    with pytest.raises(ProxyNotAuthorised, match="withdrawn"):
        desk.service.release(desk.session, maria, [one_id], signature=png, proxy_id=limited.id)
    with pytest.raises(SignatureMissing):
        desk.service.release(desk.session, maria, [one_id], signature=None)
    with pytest.raises(PermissionDenied):
        desk.service.release(None, maria, [one_id], signature=png)  # type: ignore[arg-type]
    assert {status(db, one).status, status(db, other).status} == {ParcelStatus.RECEIVED}
    with db.reader() as uow:
        assert uow.session.scalars(select(ParcelMedia)).all() == []
