"""Pickup at the desk: find the resident, scan their parcels, take a signature, release.

Scanner input reaches :meth:`DeskPickupViewModel.on_scan`: a parcel label adds that parcel to the
hand-over (or is refused, with nothing changed, when it is someone else's); a badge, pickup code
or notice QR opens that resident. Staff can also tap parcels in the list instead of scanning.
The photo is optional: whoever owns the camera calls :meth:`set_photo` with the image.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Signal
from PySide6.QtGui import QImage

from kiosk.residents.directory import ResidentDirectory, ResidentHit
from kiosk.services.credentials import CredentialRejected, KeypadLocked
from kiosk.services.desk import DeskParcel, DeskRelease, DeskResident, DeskService, ScanResult
from kiosk.services.parcels import ParcelError
from kiosk.services.residents_admin import ProxyInfo
from kiosk.services.staff import PermissionDenied, StaffSession
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)


def image_bytes(image: bytes | QImage) -> bytes:
    """PNG or JPEG bytes as given, or a QImage encoded as PNG."""
    if isinstance(image, bytes | bytearray):
        return bytes(image)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


class DeskPickupViewModel(QObject):
    resident_changed = Signal(object)  # DeskResident | None
    matches_changed = Signal(list)  # list[ResidentHit]
    chosen_changed = Signal(list)  # list[int]: parcel ids in this hand-over, in scan order
    proxy_changed = Signal(object)  # ProxyInfo | None
    signature_changed = Signal(bool)
    photo_changed = Signal(bool)
    busy_changed = Signal(bool)
    released = Signal(object)  # DeskRelease
    message = Signal(str, str)  # text, severity: info | warning | error

    def __init__(self, desk: DeskService, directory: ResidentDirectory, runner: TaskRunner,
                 staff: Callable[[], StaffSession | None], scope: str,
                 take_photo: Callable[[], None] | None = None) -> None:
        super().__init__()
        self._desk = desk
        self._directory = directory
        self._runner = runner
        self._staff = staff
        self._scope = scope
        self._take_photo = take_photo
        self.resident: DeskResident | None = None
        self.chosen: list[int] = []
        self.proxy: ProxyInfo | None = None
        self.signature: bytes | None = None
        self.photo: bytes | None = None
        self.busy = False

    @property
    def can_take_photo(self) -> bool:
        return self._take_photo is not None

    # ------------------------------------------------------------------ finding the resident

    def search(self, query: str) -> None:
        hits = self._directory.search(query, limit=8) if query.strip() else []
        self.matches_changed.emit(hits)

    def choose(self, hit: ResidentHit) -> None:
        self.open(hit.resident_id)

    def open(self, resident_id: int, found_by: str = "search") -> None:
        staff = self._signed_in()
        if staff is None:
            return
        self._runner.submit(lambda: self._desk.open_resident(staff, resident_id, found_by), self._opened,
                            self._failed)

    def _opened(self, resident: DeskResident) -> None:
        self._set_resident(resident)
        self.matches_changed.emit([])
        self._announce(resident)

    def _announce(self, resident: DeskResident) -> None:
        count = len(resident.parcels)
        if count:
            self.message.emit(self.tr("{0}, unit {1}: {2} parcel(s) waiting. Scan each label, or tap them.")
                              .format(resident.full_name, resident.unit_label, count), "info")
        else:
            self.message.emit(self.tr("{0}, unit {1}: no parcels waiting.")
                              .format(resident.full_name, resident.unit_label), "warning")

    # ------------------------------------------------------------------ scanning

    def on_scan(self, text: str) -> None:
        """A barcode from any scanner: a parcel label, a badge, or a pickup code / notice QR."""
        text = text.strip()
        if not text:
            return
        staff = self._signed_in()
        if staff is None:
            return
        resident_id = self.resident.resident_id if self.resident else None
        # A pickup code counts against the lock-out, so the scan goes through the writer.
        self._runner.submit_write(lambda: self._desk.scan(staff, text, resident_id, self._scope), self._scanned,
                                  self._failed)

    def _scanned(self, result: ScanResult) -> None:
        if result.kind == "resident" and result.resident is not None:
            self._set_resident(result.resident)
            self.matches_changed.emit([])
            self._announce(result.resident)
            return
        if result.kind == "parcel" and result.parcel is not None:
            parcel = result.parcel
            if self.resident is None or parcel.resident_id != self.resident.resident_id:
                return  # the resident changed while the scan was checked
            if parcel.id not in {p.parcel.id for p in self.resident.parcels}:
                # arrived after the list was loaded: reload it, then take the parcel
                self._reload(then_choose=parcel.id)
                return
            self._add(parcel.id)
            return
        self.message.emit(self.tr("Not recognised. Scan the parcel's Packroom label, or the resident's badge or "
                                  "pickup code."), "warning")

    def _add(self, parcel_id: int) -> None:
        parcel = self._parcel(parcel_id)
        if parcel is None:
            return
        if parcel_id in self.chosen:
            self.message.emit(self.tr("Parcel {0} is already in this hand-over.").format(parcel.parcel.code), "info")
            return
        self.chosen.append(parcel_id)
        self.chosen_changed.emit(list(self.chosen))
        held = self.tr(" It is on hold: check with the resident.") if parcel.on_hold else ""
        self.message.emit(self.tr("Parcel {0} checked ({1} of {2}).").format(
            parcel.parcel.code, len(self.chosen), len(self.resident.parcels) if self.resident else 0) + held,
            "warning" if parcel.on_hold else "info")

    def toggle_parcel(self, parcel_id: int) -> None:
        """A tap on a parcel in the list: add it to the hand-over, or take it out again."""
        if parcel_id in self.chosen:
            self.chosen.remove(parcel_id)
            self.chosen_changed.emit(list(self.chosen))
        else:
            self._add(parcel_id)

    def choose_all(self) -> None:
        if self.resident is None:
            return
        self.chosen = [p.parcel.id for p in self.resident.parcels]
        self.chosen_changed.emit(list(self.chosen))

    def _parcel(self, parcel_id: int) -> DeskParcel | None:
        if self.resident is None:
            return None
        return next((p for p in self.resident.parcels if p.parcel.id == parcel_id), None)

    # ------------------------------------------------------------------ who collects, signature, photo

    def choose_proxy(self, proxy_id: int | None) -> None:
        """None: the resident collects; else one of their authorised proxies."""
        proxy = None
        if proxy_id is not None and self.resident is not None:
            proxy = next((p for p in self.resident.proxies if p.id == proxy_id), None)
        self.proxy = proxy
        self.proxy_changed.emit(proxy)
        if proxy is not None:
            self.message.emit(self.tr("{0} collects for {1}. Check their ID.").format(
                proxy.name, self.resident.full_name if self.resident else ""), "info")

    def set_signature(self, png: bytes | None) -> None:
        self.signature = png or None
        self.signature_changed.emit(self.signature is not None)

    def take_photo(self) -> None:
        if self._take_photo is not None:
            self._take_photo()

    def set_photo(self, image: bytes | QImage | None) -> None:
        """The optional photo of the hand-over (the camera's callback); None removes it."""
        if image is None or (isinstance(image, QImage) and image.isNull()):
            self.photo = None
        else:
            self.photo = image_bytes(image)
        self.photo_changed.emit(self.photo is not None)

    # ------------------------------------------------------------------ release

    def release(self) -> None:
        staff = self._signed_in()
        if staff is None or self.busy:
            return
        if self.resident is None:
            self.message.emit(self.tr("Find the resident first."), "warning")
            return
        if not self.chosen:
            self.message.emit(self.tr("Scan the parcels being collected, or tap them in the list."), "warning")
            return
        if self.signature is None:
            self.message.emit(self.tr("Ask them to sign on the pad first."), "warning")
            return
        resident_id, parcel_ids = self.resident.resident_id, list(self.chosen)
        signature, photo = self.signature, self.photo
        proxy_id = self.proxy.id if self.proxy else None
        self._set_busy(True)
        self._runner.submit_write(
            lambda: self._desk.release(staff, resident_id, parcel_ids, signature=signature, photo=photo,
                                       proxy_id=proxy_id),
            self._released, self._release_failed)

    def _released(self, result: DeskRelease) -> None:
        self._set_busy(False)
        who = self.proxy.name if self.proxy is not None else (self.resident.full_name if self.resident else "")
        if result.released:
            self.message.emit(self.tr("Released {0} parcel(s) to {1}.").format(len(result.released), who), "info")
        for code, reason in result.not_released:
            self.message.emit(self.tr("Parcel {0} was not released: {1}").format(code, reason), "warning")
        self.released.emit(result)
        self.chosen = []
        self.chosen_changed.emit([])
        self.set_signature(None)
        self.set_photo(None)
        self.choose_proxy(None)
        self._reload()

    def _release_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._failed(exc)

    def _reload(self, then_choose: int | None = None) -> None:
        staff = self._staff()
        if staff is None or self.resident is None:
            return
        resident_id, found_by = self.resident.resident_id, self.resident.found_by

        def done(resident: DeskResident) -> None:
            if self.resident is None or self.resident.resident_id != resident.resident_id:
                return
            self.resident = resident
            self.chosen = [pid for pid in self.chosen if any(p.parcel.id == pid for p in resident.parcels)]
            self.resident_changed.emit(resident)
            self.chosen_changed.emit(list(self.chosen))
            if then_choose is not None:
                self._add(then_choose)

        self._runner.submit(lambda: self._desk.open_resident(staff, resident_id, found_by), done, self._failed)

    # ------------------------------------------------------------------ plumbing

    def _set_resident(self, resident: DeskResident | None) -> None:
        self.resident = resident
        self.chosen = []
        self.proxy = None
        self.resident_changed.emit(resident)
        self.chosen_changed.emit([])
        self.proxy_changed.emit(None)
        self.set_signature(None)
        self.set_photo(None)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_changed.emit(busy)

    def _signed_in(self) -> StaffSession | None:
        staff = self._staff()
        if staff is None:
            self.message.emit(self.tr("Sign in to hand parcels over."), "error")
        return staff

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, CredentialRejected):
            self.message.emit(self.tr("That pickup code was not accepted. Search for the resident instead."),
                              "warning")
        elif isinstance(exc, KeypadLocked):
            self.message.emit(self.tr("Too many wrong codes: search for the resident by name or unit."), "error")
        elif isinstance(exc, ParcelError | PermissionDenied | LookupError | ValueError):
            self.message.emit(str(exc), "error")
        else:
            log.error("desk pickup failed: %s", exc)
            self.message.emit(self.tr("Something went wrong: {0}. Nothing was released; try again.").format(exc),
                              "error")

    def reset(self) -> None:
        """Forget the resident and the hand-over (sign-out, idle)."""
        self._set_resident(None)
        self.matches_changed.emit([])
