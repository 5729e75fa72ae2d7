"""Pickup at the front desk: find the resident, check each parcel, take a signature, release.

Staff find the resident (search, their badge, or the pickup code or QR from their notice), scan
each parcel's label (the label carries the parcel code), have the resident — or a proxy they
authorised — sign on the touchscreen, and release. A parcel that is not the resident's is
refused at the scan and nothing changes.

The signature (and a photo, if one was taken) is stored as :class:`ParcelMedia` rows for every
parcel of the hand-over, with a ``desk.signed`` event, in one transaction *before* any parcel is
released: no parcel leaves the desk without its signature on record. Each parcel is then released
on its own (:meth:`ParcelService.release`, one transaction each, exactly as at the room door), so
a parcel released elsewhere meanwhile is reported and the others still go.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk import eventlog
from kiosk.persistence.models import WAITING_STATUSES, Parcel, ParcelMedia, Resident, ResidentStatus, Role, Unit
from kiosk.persistence.uow import Database
from kiosk.residents.directory import ResidentDirectory, ResidentNotFound
from kiosk.security import PARCEL_CODE_ALPHABET
from kiosk.services.access import require
from kiosk.services.credentials import CredentialService
from kiosk.services.parcels import NotYourParcel, ParcelError, ParcelInfo, ParcelNotWaiting, ParcelService
from kiosk.services.residents_admin import ProxyInfo, held_parcel_ids, proxy_infos
from kiosk.services.staff import StaffSession

log = logging.getLogger(__name__)

MAX_SIGNATURE_BYTES = 2 * 1024 * 1024
MAX_PHOTO_BYTES = 12 * 1024 * 1024
_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"
_PARCEL_CODE = re.compile(f"[{PARCEL_CODE_ALPHABET}]{{6,16}}")
_PICKUP_CODE = re.compile(r"\d{4,12}")


class UnknownParcel(ParcelError):
    """No parcel has the code that was scanned."""


class FindResidentFirst(ParcelError):
    """A parcel label was scanned before a resident was chosen."""


class SignatureMissing(ParcelError):
    """The resident (or proxy) has not signed yet."""


class ProxyNotAuthorised(ParcelError):
    """The chosen proxy may not collect these parcels now."""


@dataclass(frozen=True)
class DeskParcel:
    parcel: ParcelInfo
    on_hold: bool


@dataclass(frozen=True)
class DeskResident:
    """The resident at the desk, their waiting parcels and who may collect for them right now."""

    resident_id: int
    full_name: str
    display_name: str
    unit: str
    building: str
    status: ResidentStatus
    found_by: str  # search, badge, pickup code
    parcels: tuple[DeskParcel, ...]
    proxies: tuple[ProxyInfo, ...]  # authorised now

    @property
    def unit_label(self) -> str:
        return f"{self.building}-{self.unit}" if self.building else self.unit


@dataclass(frozen=True)
class ScanResult:
    """What a scan at the desk turned out to be."""

    kind: Literal["parcel", "resident", "unknown"]
    parcel: ParcelInfo | None = None
    resident: DeskResident | None = None


@dataclass(frozen=True)
class DeskRelease:
    resident_id: int
    proxy_id: int | None
    released: tuple[ParcelInfo, ...]
    not_released: tuple[tuple[str, str], ...]  # (parcel code, reason), e.g. released elsewhere meanwhile
    media_ids: tuple[int, ...]


@dataclass(frozen=True)
class MediaInfo:
    id: int
    parcel_id: int
    kind: str  # signature, photo
    content_type: str
    sha256: str
    taken_at: datetime
    data: bytes


def _image_type(data: bytes, what: str, allow_jpeg: bool, limit: int) -> str:
    if len(data) > limit:
        raise ParcelError(f"the {what} is too large ({len(data) // 1024} KB)")
    if data.startswith(_PNG):
        return "image/png"
    if allow_jpeg and data.startswith(_JPEG):
        return "image/jpeg"
    raise ParcelError(f"the {what} is not a {'PNG or JPEG' if allow_jpeg else 'PNG'} image")


class DeskService:
    """Hand-over of parcels at the front desk by signed-in staff."""

    def __init__(self, db: Database, parcels: ParcelService, credentials: CredentialService,
                 directory: ResidentDirectory, kiosk_id: str = "") -> None:
        self._db = db
        self._parcels = parcels
        self._credentials = credentials
        self._directory = directory
        self._kiosk = kiosk_id

    # ------------------------------------------------------------------ finding the resident

    def open_resident(self, by: StaffSession, resident_id: int, found_by: str = "search",
                      now: datetime | None = None) -> DeskResident:
        """The resident with their waiting parcels (held ones marked) and their usable proxies."""
        require(by, Role.STAFF, "hand parcels over")
        now = now or datetime.now(UTC)
        with self._db.reader() as uow:
            session = uow.session
            resident = session.get(Resident, resident_id)
            if resident is None:
                raise ResidentNotFound(f"no resident with id {resident_id}")
            unit = session.get(Unit, resident.unit_id)
            proxies = tuple(p for p in proxy_infos(session, resident_id, now=now) if p.usable(now))
            parcels = self._parcels.waiting_for_resident(resident_id)
            held = held_parcel_ids(session, [p.id for p in parcels], now.astimezone().date())
            return DeskResident(
                resident_id=resident.id, full_name=resident.full_name, display_name=resident.display_name,
                unit=unit.number if unit else "", building=(unit.building if unit else "") or "",
                status=ResidentStatus(resident.status), found_by=found_by,
                parcels=tuple(DeskParcel(p, p.id in held) for p in parcels), proxies=proxies,
            )

    def identify(self, by: StaffSession, text: str, scope: str, now: datetime | None = None) -> DeskResident | None:
        """The resident a badge, pickup code or notice QR belongs to; None if it is neither.

        A pickup code counts against ``scope``'s wrong-code lock-out like at the keypad
        (:class:`~kiosk.services.credentials.CredentialRejected`, ``KeypadLocked``).
        """
        require(by, Role.STAFF, "hand parcels over")
        text = text.strip()
        if not text:
            return None
        hit = self._directory.by_badge(text)
        if hit is not None:
            return self.open_resident(by, hit.resident_id, "badge", now)
        if _PICKUP_CODE.fullmatch(text):
            match = self._credentials.verify(text, scope, now)
            return self.open_resident(by, match.resident_id, "pickup code", now)
        return None

    def scan(self, by: StaffSession, text: str, resident_id: int | None, scope: str,
             now: datetime | None = None) -> ScanResult:
        """Whatever was scanned: a parcel label (checked against the resident), a badge or a code."""
        require(by, Role.STAFF, "hand parcels over")
        code = text.strip().upper()
        if _PARCEL_CODE.fullmatch(code):
            info = self._parcels.by_code(code)
            if info is not None:
                if resident_id is None:
                    raise FindResidentFirst(
                        f"That is the label of parcel {info.code}. Find the resident first: search, "
                        "or scan their pickup code or badge.")
                self._check(info, resident_id)
                return ScanResult("parcel", parcel=info)
        resident = self.identify(by, text, scope, now)
        return ScanResult("resident", resident=resident) if resident is not None else ScanResult("unknown")

    def check_parcel(self, by: StaffSession, code: str, resident_id: int) -> ParcelInfo:
        """The parcel with this label code if it is waiting for this resident; refused otherwise."""
        require(by, Role.STAFF, "hand parcels over")
        info = self._parcels.by_code(code)
        if info is None:
            raise UnknownParcel(f"No parcel has the code {code.strip().upper()!r}. Scan the parcel's Packroom label.")
        self._check(info, resident_id)
        return info

    @staticmethod
    def _check(info: ParcelInfo, resident_id: int) -> None:
        if info.resident_id != resident_id:
            shelf = f" ({info.location_name})" if info.location_name else ""
            raise NotYourParcel(f"Parcel {info.code} is not for this resident. Put it back on its shelf{shelf}.")
        if info.status not in WAITING_STATUSES:
            when = f" on {info.closed_at:%d %b at %H:%M}" if info.closed_at else ""
            raise ParcelNotWaiting(f"Parcel {info.code} was already {info.status.value.replace('_', ' ')}{when}.")

    # ------------------------------------------------------------------ the hand-over

    def release(self, by: StaffSession, resident_id: int, parcel_ids: Sequence[int], *,
                signature: bytes | None, photo: bytes | None = None, proxy_id: int | None = None,
                now: datetime | None = None) -> DeskRelease:
        """Store the signature (and photo) for the parcels, then release each one.

        Refused, with nothing written, when a parcel is not the resident's, when the signature is
        missing, or when the proxy may not collect one of the parcels now.
        """
        require(by, Role.STAFF, "hand parcels over")
        now = now or datetime.now(UTC)
        wanted = list(dict.fromkeys(parcel_ids))
        if not wanted:
            raise ParcelError("Scan or choose the parcels being collected first.")
        if not signature:
            raise SignatureMissing("Ask them to sign on the pad first.")
        signature_type = _image_type(signature, "signature", False, MAX_SIGNATURE_BYTES)
        photo_type = _image_type(photo, "photo", True, MAX_PHOTO_BYTES) if photo else ""
        media: list[tuple[str, str, bytes]] = [("signature", signature_type, signature)]
        if photo:
            media.append(("photo", photo_type, photo))
        not_released: list[tuple[str, str]] = []
        with self._db.uow() as uow:
            session = uow.session
            resident = session.get(Resident, resident_id)
            if resident is None:
                raise ResidentNotFound(f"no resident with id {resident_id}")
            parcels = {p.id: p for p in session.scalars(select(Parcel).where(Parcel.id.in_(wanted)))}
            for pid in wanted:
                parcel = parcels.get(pid)
                if parcel is None:
                    raise UnknownParcel(f"parcel #{pid} does not exist")
                if parcel.resident_id != resident_id:
                    raise NotYourParcel(f"Parcel {parcel.code} is not for {resident.display_name}; nothing was "
                                        "released. Put it back on its shelf.")
            proxy = self._proxy(session, resident_id, proxy_id, [parcels[pid] for pid in wanted], now)
            going = []
            for pid in wanted:
                parcel = parcels[pid]
                if parcel.status in WAITING_STATUSES:
                    going.append(parcel)
                else:
                    not_released.append((parcel.code, f"already {parcel.status.replace('_', ' ')}"))
            if not going:
                raise ParcelNotWaiting("These parcels were already handed over.")
            rows = [ParcelMedia(parcel_id=parcel.id, kind=kind, content_type=content_type, data=data,
                                sha256=hashlib.sha256(data).hexdigest(), taken_at=now)
                    for parcel in going for kind, content_type, data in media]
            session.add_all(rows)
            session.flush()
            eventlog.append(
                session, "desk.signed", by.actor, subject_kind="resident", subject_id=resident_id,
                kiosk=self._kiosk, at=now,
                data={"parcel_codes": [p.code for p in going], "proxy_id": proxy.id if proxy else None,
                      "signature_sha256": hashlib.sha256(signature).hexdigest(),
                      "photo_sha256": hashlib.sha256(photo).hexdigest() if photo else None,
                      "media_ids": [row.id for row in rows]},
            )
            media_ids = tuple(row.id for row in rows)
            going_ids = [(p.id, p.code) for p in going]
            uow.commit()
        reason = f"desk pickup by proxy #{proxy.id}" if proxy else "desk pickup"
        released: list[ParcelInfo] = []
        for pid, code in going_ids:
            try:
                released.append(self._parcels.release(pid, by.actor, for_resident_id=resident_id,
                                                      proxy_id=proxy.id if proxy else None, reason=reason, now=now))
            except ParcelError as exc:  # released at another kiosk a moment ago
                log.info("desk release of %s skipped: %s", code, exc)
                not_released.append((code, str(exc)))
        return DeskRelease(resident_id, proxy.id if proxy else None, tuple(released), tuple(not_released),
                           media_ids)

    @staticmethod
    def _proxy(session: Session, resident_id: int, proxy_id: int | None, parcels: list[Parcel],
               now: datetime) -> ProxyInfo | None:
        if proxy_id is None:
            return None
        proxy = next((p for p in proxy_infos(session, resident_id, include_ended=True, now=now)
                      if p.id == proxy_id), None)
        if proxy is None:
            raise ProxyNotAuthorised("That person is not one of this resident's proxies.")
        why = proxy.why_not(now)
        if why:
            raise ProxyNotAuthorised(f"{why}; nothing was released.")
        outside = [p.code for p in parcels if not proxy.covers(p.id)]
        if outside:
            raise ProxyNotAuthorised(f"{proxy.name} may not collect parcel {', '.join(outside)}; nothing was "
                                     "released.")
        return proxy

    # ------------------------------------------------------------------ records

    def media(self, parcel_id: int) -> list[MediaInfo]:
        """The signatures and photos stored for a parcel (purged ones have empty data)."""
        with self._db.reader() as uow:
            return [MediaInfo(m.id, m.parcel_id, m.kind, m.content_type, m.sha256, m.taken_at, m.data)
                    for m in uow.session.scalars(select(ParcelMedia).where(ParcelMedia.parcel_id == parcel_id)
                                                 .order_by(ParcelMedia.id))]
