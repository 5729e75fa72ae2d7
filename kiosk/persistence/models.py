"""The data model: every table Packroom keeps, as SQLAlchemy 2.x typed mappings.

The schema carries every workflow of the product brief (intake, notices, pickup in the room
and at the desk, proxies, holds, carrier drop-off, audits, lockers, the event log), so later
features add screens and jobs, not schema rewrites. Alembic migrations in
``kiosk/persistence/migrations`` produce exactly this schema; a test proves it.

Conventions: every timestamp is timezone-aware UTC (stored naive UTC, see :class:`UTCDateTime`);
enumerations are stored as short strings with a CHECK constraint, so SQLite and PostgreSQL
hold the same values and a report can read them without the code.
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite has no time zones)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use datetime.now(UTC)")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON()}


def short_name(first_name: str, last_name: str) -> str:
    """First name and last initial: what labels and resident screens show of a resident."""
    initial = f" {last_name[:1]}." if last_name else ""
    return f"{first_name}{initial}"


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=24,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


# --------------------------------------------------------------------------- enumerations


class Role(enum.StrEnum):
    STAFF = "staff"
    MANAGER = "manager"
    ADMIN = "admin"


class ResidentStatus(enum.StrEnum):
    FUTURE = "future"
    ACTIVE = "active"
    MOVED_OUT = "moved_out"


class LocationKind(enum.StrEnum):
    SHELF = "shelf"
    BIN = "bin"
    ZONE = "zone"
    FRIDGE = "fridge"
    OVERSIZE = "oversize"
    LOCKER = "locker"


class SizeClass(enum.StrEnum):
    SMALL = "S"
    MEDIUM = "M"
    LARGE = "L"
    EXTRA_LARGE = "XL"


class ParcelStatus(enum.StrEnum):
    RECEIVED = "received"
    NOTIFIED = "notified"
    PICKED_UP = "picked_up"
    RETURNED = "returned"
    LOST = "lost"
    VOIDED = "voided"  # entered in error and undone at intake; kept for the custody record

    @property
    def is_waiting(self) -> bool:
        return self in (ParcelStatus.RECEIVED, ParcelStatus.NOTIFIED)


WAITING_STATUSES = (ParcelStatus.RECEIVED, ParcelStatus.NOTIFIED)


class ActorKind(enum.StrEnum):
    STAFF = "staff"
    RESIDENT = "resident"
    PROXY = "proxy"
    CARRIER = "carrier"
    SYSTEM = "system"


class CredentialKind(enum.StrEnum):
    PICKUP_CODE = "pickup_code"
    QR_TOKEN = "qr_token"
    PROXY_CODE = "proxy_code"


class HoldKind(enum.StrEnum):
    VACATION = "vacation"
    PARCEL = "parcel"


class Channel(enum.StrEnum):
    EMAIL = "email"
    SMS = "sms"
    WEBHOOK = "webhook"


class OutboxStatus(enum.StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"


class AuditStatus(enum.StrEnum):
    IN_PROGRESS = "in_progress"
    RECONCILED = "reconciled"
    SIGNED_OFF = "signed_off"
    ABANDONED = "abandoned"


class DiscrepancyKind(enum.StrEnum):
    MISSING = "missing"
    MISPLACED = "misplaced"
    NEVER_LOGGED = "never_logged"
    PICKED_UP_STILL_HERE = "picked_up_still_here"
    WRONG_RECIPIENT = "wrong_recipient"
    RECIPIENT_MOVED_OUT = "recipient_moved_out"
    HOLD_EXPIRED = "hold_expired"


# --------------------------------------------------------------------------- building


class Property(Base):
    """The property (one per database in a single-site install; several for a portfolio)."""

    __tablename__ = "properties"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    address: Mapped[str] = mapped_column(String(240), default="")
    timezone: Mapped[str] = mapped_column(String(64), default="")
    room_hours_open: Mapped[str] = mapped_column(String(5), default="00:00")
    room_hours_close: Mapped[str] = mapped_column(String(5), default="24:00")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    units: Mapped[list[Unit]] = relationship(back_populates="property")


class Unit(Base):
    __tablename__ = "units"
    __table_args__ = (UniqueConstraint("property_id", "building", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    property_id: Mapped[int] = mapped_column(ForeignKey("properties.id"))
    building: Mapped[str] = mapped_column(String(40), default="")
    number: Mapped[str] = mapped_column(String(20), index=True)
    floor: Mapped[str] = mapped_column(String(10), default="")

    property: Mapped[Property] = relationship(back_populates="units")
    residents: Mapped[list[Resident]] = relationship(back_populates="unit")


class Resident(Base):
    __tablename__ = "residents"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    external_id: Mapped[str | None] = mapped_column(String(64), index=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80), index=True)
    email: Mapped[str | None] = mapped_column(String(254))
    mobile: Mapped[str | None] = mapped_column(String(32), index=True)
    language: Mapped[str] = mapped_column(String(8), default="en")
    notify_email: Mapped[bool] = mapped_column(Boolean, default=True)
    notify_sms: Mapped[bool] = mapped_column(Boolean, default=True)
    reminders_opt_out: Mapped[bool] = mapped_column(Boolean, default=False)
    email_bounced: Mapped[bool] = mapped_column(Boolean, default=False)
    sms_failed: Mapped[bool] = mapped_column(Boolean, default=False)
    badge_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    status: Mapped[ResidentStatus] = mapped_column(
        _enum(ResidentStatus, "resident_status"), default=ResidentStatus.ACTIVE
    )
    move_in: Mapped[date | None] = mapped_column(Date)
    move_out: Mapped[date | None] = mapped_column(Date)
    anonymised_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    unit: Mapped[Unit] = relationship(back_populates="residents")
    aliases: Mapped[list[ResidentAlias]] = relationship(
        back_populates="resident", cascade="all, delete-orphan"
    )

    @property
    def display_name(self) -> str:
        """First name and last initial: what labels and resident screens show."""
        return short_name(self.first_name, self.last_name)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class ResidentAlias(Base):
    """Another name parcels arrive under for a resident (nickname, maiden or company name)."""

    __tablename__ = "resident_aliases"
    __table_args__ = (UniqueConstraint("resident_id", "alias"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(160))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    resident: Mapped[Resident] = relationship(back_populates="aliases")


class Proxy(Base):
    """Someone a resident authorises to collect for them: named parcels, or all in a date range."""

    __tablename__ = "proxies"

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    name: Mapped[str] = mapped_column(String(160))
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(254))
    valid_from: Mapped[datetime]
    valid_until: Mapped[datetime]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]

    parcels: Mapped[list[ProxyParcel]] = relationship(cascade="all, delete-orphan")


class ProxyParcel(Base):
    """Limits a proxy to named parcels; a proxy with none covers every parcel in its dates."""

    __tablename__ = "proxy_parcels"

    proxy_id: Mapped[int] = mapped_column(ForeignKey("proxies.id", ondelete="CASCADE"), primary_key=True)
    parcel_id: Mapped[int] = mapped_column(ForeignKey("parcels.id"), primary_key=True)


class StaffUser(Base):
    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[Role] = mapped_column(_enum(Role, "staff_role"), default=Role.STAFF)
    pin_hash: Mapped[str] = mapped_column(String(200))
    badge_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Carrier(Base):
    __tablename__ = "carriers"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(24), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class CarrierAccess(Base):
    """A code that lets a carrier into the room, within permitted hours; revocable, maybe single-use."""

    __tablename__ = "carrier_access"

    id: Mapped[int] = mapped_column(primary_key=True)
    carrier_id: Mapped[int] = mapped_column(ForeignKey("carriers.id"), index=True)
    label: Mapped[str] = mapped_column(String(80))
    code_hash: Mapped[str] = mapped_column(String(128), index=True)
    hours_start: Mapped[str] = mapped_column(String(5), default="07:00")
    hours_end: Mapped[str] = mapped_column(String(5), default="21:00")
    single_use: Mapped[bool] = mapped_column(Boolean, default=False)
    used_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# --------------------------------------------------------------------------- storage


class LockerBank(Base):
    """A bank of locker compartments driven by lock-control boards."""

    __tablename__ = "locker_banks"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    board_url: Mapped[str] = mapped_column(String(200), default="sim:")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class StorageLocation(Base):
    """Where a parcel can be: a shelf, bin, zone, fridge, oversize area or a locker compartment."""

    __tablename__ = "storage_locations"
    __table_args__ = (UniqueConstraint("locker_bank_id", "lock_board", "lock_channel"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)  # printed as the shelf barcode
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[LocationKind] = mapped_column(_enum(LocationKind, "location_kind"))
    zone: Mapped[str] = mapped_column(String(40), default="")
    capacity: Mapped[int] = mapped_column(Integer, default=20)
    size_class: Mapped[SizeClass | None] = mapped_column(_enum(SizeClass, "size_class"))
    locker_bank_id: Mapped[int | None] = mapped_column(ForeignKey("locker_banks.id"))
    lock_board: Mapped[int | None] = mapped_column(Integer)
    lock_channel: Mapped[int | None] = mapped_column(Integer)
    out_of_service: Mapped[bool] = mapped_column(Boolean, default=False)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    map_x: Mapped[int | None] = mapped_column(Integer)  # position on the room map, if drawn
    map_y: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


# --------------------------------------------------------------------------- parcels


TAIL_LENGTH = 8


def tail_key(tracking_number: str) -> str:
    """What ``Parcel.tracking_tail`` holds: the number's last 8 characters, reversed."""
    return tracking_number[-TAIL_LENGTH:][::-1]


class Parcel(Base):
    __tablename__ = "parcels"
    __table_args__ = (
        Index("ix_parcels_status_resident", "status", "resident_id"),
        Index("ix_parcels_tracking_tail", "tracking_tail"),
        Index("ix_parcels_unit_id", "unit_id"),
        Index("ix_parcels_carrier_id", "carrier_id"),
        # Covers the shelf-load count at every intake (waiting parcels per location) without the rows.
        Index("ix_parcels_status_location", "status", "location_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)  # printed on the label
    tracking_number: Mapped[str] = mapped_column(String(64), index=True)
    # The last 8 characters of the tracking number, reversed: "last 4 digits" becomes a prefix,
    # which the index answers (see tail_key and ParcelService.search; migration 0002).
    tracking_tail: Mapped[str] = mapped_column(String(8))
    tracking_valid: Mapped[bool] = mapped_column(Boolean, default=False)
    carrier_id: Mapped[int | None] = mapped_column(ForeignKey("carriers.id"))
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("storage_locations.id"), index=True)
    size: Mapped[SizeClass] = mapped_column(_enum(SizeClass, "parcel_size"), default=SizeClass.MEDIUM)
    perishable: Mapped[bool] = mapped_column(Boolean, default=False)
    oversized: Mapped[bool] = mapped_column(Boolean, default=False)
    signature_required: Mapped[bool] = mapped_column(Boolean, default=False)
    fragile: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[ParcelStatus] = mapped_column(
        _enum(ParcelStatus, "parcel_status"), default=ParcelStatus.RECEIVED
    )
    needs_attention: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    attention_reason: Mapped[str] = mapped_column(String(200), default="")
    recipient_text: Mapped[str] = mapped_column(String(400), default="")  # as read off the label
    received_at: Mapped[datetime] = mapped_column(index=True)
    received_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    notified_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None] = mapped_column(index=True)  # picked up, returned or lost
    picked_up_by_resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"))
    picked_up_by_proxy_id: Mapped[int | None] = mapped_column(ForeignKey("proxies.id"))
    released_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    label_printed_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(Integer, default=1)  # optimistic concurrency
    notes: Mapped[str] = mapped_column(Text, default="")

    __mapper_args__ = {"version_id_col": version}

    resident: Mapped[Resident | None] = relationship(foreign_keys=[resident_id])
    location: Mapped[StorageLocation | None] = relationship()
    carrier: Mapped[Carrier | None] = relationship()
    transitions: Mapped[list[ParcelTransition]] = relationship(
        back_populates="parcel", order_by="ParcelTransition.id"
    )


class ParcelTransition(Base):
    """Every change of a parcel's status or place, with time and actor: the chain of custody."""

    __tablename__ = "parcel_transitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    parcel_id: Mapped[int] = mapped_column(ForeignKey("parcels.id"), index=True)
    from_status: Mapped[ParcelStatus | None] = mapped_column(_enum(ParcelStatus, "from_status"))
    to_status: Mapped[ParcelStatus] = mapped_column(_enum(ParcelStatus, "to_status"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_kind: Mapped[ActorKind] = mapped_column(_enum(ActorKind, "transition_actor"))
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_label: Mapped[str] = mapped_column(String(160), default="")
    location_id: Mapped[int | None] = mapped_column(ForeignKey("storage_locations.id"))
    reason: Mapped[str] = mapped_column(String(400), default="")

    parcel: Mapped[Parcel] = relationship(back_populates="transitions")


class ParcelMedia(Base):
    """A photo of a parcel (intake, pickup, damage) or a signature captured at release."""

    __tablename__ = "parcel_media"

    id: Mapped[int] = mapped_column(primary_key=True)
    parcel_id: Mapped[int] = mapped_column(ForeignKey("parcels.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # photo, signature, damage
    content_type: Mapped[str] = mapped_column(String(40), default="image/png")
    data: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    taken_at: Mapped[datetime] = mapped_column(default=utcnow)
    purged_at: Mapped[datetime | None]


class ExpectedParcel(Base):
    """A tracking number a resident pre-registered, so intake assigns the parcel to them."""

    __tablename__ = "expected_parcels"

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    tracking_number: Mapped[str] = mapped_column(String(64), index=True)
    note: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    matched_parcel_id: Mapped[int | None] = mapped_column(ForeignKey("parcels.id"))


class Hold(Base):
    """A vacation hold on a resident's parcels, or a hold on one parcel."""

    __tablename__ = "holds"
    __table_args__ = (
        CheckConstraint("resident_id IS NOT NULL OR parcel_id IS NOT NULL", name="has_subject"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[HoldKind] = mapped_column(_enum(HoldKind, "hold_kind"))
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"), index=True)
    parcel_id: Mapped[int | None] = mapped_column(ForeignKey("parcels.id"), index=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(200), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    released_at: Mapped[datetime | None]


# --------------------------------------------------------------------------- credentials


class PickupCredential(Base):
    """A pickup code or QR token: keyed hash only, tied to the parcels it was issued for."""

    __tablename__ = "pickup_credentials"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[CredentialKind] = mapped_column(_enum(CredentialKind, "credential_kind"))
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    proxy_id: Mapped[int | None] = mapped_column(ForeignKey("proxies.id"))
    secret_hash: Mapped[str] = mapped_column(String(128), index=True)
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    uses: Mapped[int] = mapped_column(Integer, default=0)

    parcels: Mapped[list[CredentialParcel]] = relationship(cascade="all, delete-orphan")


class CredentialParcel(Base):
    __tablename__ = "credential_parcels"

    credential_id: Mapped[int] = mapped_column(
        ForeignKey("pickup_credentials.id", ondelete="CASCADE"), primary_key=True
    )
    parcel_id: Mapped[int] = mapped_column(ForeignKey("parcels.id"), primary_key=True, index=True)


class CredentialLockout(Base):
    """Failed-attempt counter per kiosk keypad (or per staff PIN pad), for growing lock-outs."""

    __tablename__ = "credential_lockouts"

    scope: Mapped[str] = mapped_column(String(80), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    lockouts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]


# --------------------------------------------------------------------------- notifications


class OutboxMessage(Base):
    """A notice to send, written in the same transaction as the event that causes it."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[str] = mapped_column(String(32))  # arrival, reminder, final, perishable, ...
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"), index=True)
    channel: Mapped[Channel] = mapped_column(_enum(Channel, "channel"))
    recipient: Mapped[str] = mapped_column(String(254))
    language: Mapped[str] = mapped_column(String(8), default="en")
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[OutboxStatus] = mapped_column(
        _enum(OutboxStatus, "outbox_status"), default=OutboxStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime | None]  # quiet hours and batching windows
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str] = mapped_column(String(400), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]


class OutboxAttempt(Base):
    __tablename__ = "outbox_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("outbox.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    ok: Mapped[bool] = mapped_column(Boolean)
    error: Mapped[str] = mapped_column(String(400), default="")


class MessageTemplate(Base):
    """An admin-edited notice template (subject and body) for one kind, channel and language."""

    __tablename__ = "message_templates"
    __table_args__ = (UniqueConstraint("kind", "channel", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    channel: Mapped[Channel] = mapped_column(_enum(Channel, "template_channel"))
    language: Mapped[str] = mapped_column(String(8))
    subject: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


# --------------------------------------------------------------------------- audits


class Audit(Base):
    __tablename__ = "audits"

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[AuditStatus] = mapped_column(
        _enum(AuditStatus, "audit_status"), default=AuditStatus.IN_PROGRESS
    )
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_by_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    reconciled_at: Mapped[datetime | None]
    signed_off_at: Mapped[datetime | None]
    signed_off_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    override_reason: Mapped[str] = mapped_column(String(400), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class AuditScan(Base):
    """One scan during an audit walk: a shelf barcode, then the parcels found on it."""

    __tablename__ = "audit_scans"

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audits.id"), index=True)
    location_id: Mapped[int | None] = mapped_column(ForeignKey("storage_locations.id"))
    parcel_id: Mapped[int | None] = mapped_column(ForeignKey("parcels.id"))
    scanned_text: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditDiscrepancy(Base):
    __tablename__ = "audit_discrepancies"

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audits.id"), index=True)
    kind: Mapped[DiscrepancyKind] = mapped_column(_enum(DiscrepancyKind, "discrepancy_kind"))
    parcel_id: Mapped[int | None] = mapped_column(ForeignKey("parcels.id"))
    expected_location_id: Mapped[int | None] = mapped_column(ForeignKey("storage_locations.id"))
    found_location_id: Mapped[int | None] = mapped_column(ForeignKey("storage_locations.id"))
    scanned_text: Mapped[str] = mapped_column(String(200), default="")
    resolution_code: Mapped[str | None] = mapped_column(String(32))
    resolution_note: Mapped[str] = mapped_column(String(400), default="")
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    resolved_at: Mapped[datetime | None]


# --------------------------------------------------------------------------- event log & state


class Event(Base):
    """The append-only, hash-chained event log: every parcel, door, credential and staff event.

    ``hash = sha256(prev_hash || canonical(seq, at, kind, actor, subject, data))``; database
    triggers refuse UPDATE and DELETE, and ``packroom log verify`` recomputes the chain.
    """

    __tablename__ = "events"

    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(48), index=True)
    actor_kind: Mapped[ActorKind] = mapped_column(_enum(ActorKind, "event_actor"))
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_label: Mapped[str] = mapped_column(String(160), default="")
    subject_kind: Mapped[str] = mapped_column(String(24), default="")
    subject_id: Mapped[int | None] = mapped_column(Integer)
    kiosk: Mapped[str] = mapped_column(String(64), default="")
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class EventChainHead(Base):
    """A single row holding the chain head; writers lock it so appends stay strictly ordered."""

    __tablename__ = "event_chain_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    hash: Mapped[str] = mapped_column(String(64))


class AppState(Base):
    """Small key/value state: the site's secret salt, the demo marker, scheduled-job runs."""

    __tablename__ = "app_state"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
