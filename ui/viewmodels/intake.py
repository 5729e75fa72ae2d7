"""Intake at the desk: scan after scan, one tap when the recipient is not certain.

A scan starts a *draft*. If the resident is certain (a pre-registered tracking number) the
draft is complete; otherwise staff search or pick. Scanning the next parcel saves a complete
draft by itself, so a cart goes through with one scan per parcel; an incomplete draft is
saved to the needs-attention list rather than dropped. Scanning a shelf barcode moves the
draft to that shelf. Saving prints the label and queues the notices in the same step.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from hardware.lockers.coordinator import LoadResult
from kiosk.eventlog import Actor
from kiosk.persistence.models import ParcelStatus, ResidentStatus, SizeClass
from kiosk.residents.directory import ResidentDirectory, ResidentHit
from kiosk.services.lockers import LockerService
from kiosk.services.parcels import DuplicateParcel, IntakeRequest, IntakeResult, ParcelInfo, ParcelService
from kiosk.services.staff import StaffSession
from kiosk.tracking import TrackingNumber, parse
from ui.tasks import TaskRunner

if TYPE_CHECKING:  # the reader itself (OpenCV, OCR) is loaded at the first staff sign-in
    from kiosk.labelread.reader import LabelReading

log = logging.getLogger(__name__)
LoadLocker = Callable[[int, Actor], LoadResult]  # opens the compartment and waits for it to be closed
ReadLabel = Callable[[Any], "LabelReading"]  # a camera frame (BGR array) in, what the label says out
FLAGS = ("perishable", "oversized", "signature_required", "fragile")


@dataclass(frozen=True)
class IntakeDraft:
    scan: str
    tracking: TrackingNumber
    resident_id: int | None = None
    resident_label: str = ""
    certain: bool = False
    size: SizeClass = SizeClass.MEDIUM
    flags: frozenset[str] = field(default_factory=frozenset)
    shelf_code: str | None = None
    warning: str = ""
    duplicate_of: str = ""  # the code of the same parcel already waiting: this scan is not saved

    @property
    def complete(self) -> bool:
        return self.resident_id is not None and not self.duplicate_of


def _is_product_code(text: str) -> bool:
    """An EAN/UPC/GTIN product barcode (8, 12, 13 or 14 digits with a valid GS1 check digit)."""
    digits = text.strip()
    if not digits.isdigit() or len(digits) not in (8, 12, 13, 14):
        return False
    body, check = digits[:-1], int(digits[-1])
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


class IntakeViewModel(QObject):
    draft_changed = Signal(object)  # IntakeDraft | None
    proposals_changed = Signal(list)  # list[ResidentHit]
    saved = Signal(object)  # IntakeResult
    session_changed = Signal(list)  # list[ParcelInfo], newest first
    message = Signal(str, str)  # text, severity: info | warning | error

    def __init__(self, parcels: ParcelService, directory: ResidentDirectory, runner: TaskRunner,
                 staff: Callable[[], StaffSession | None],
                 print_label: Callable[[ParcelInfo], None] | None = None,
                 lockers: LockerService | None = None, load_locker: LoadLocker | None = None,
                 read_label: ReadLabel | None = None, latest_frame: Callable[[], Any] | None = None) -> None:
        super().__init__()
        # With a camera and OCR: "Read label" finds the tracking number and proposes the recipient.
        self._read_label = read_label
        self._latest_frame = latest_frame
        # With a locker bank: parcels that fit go into the smallest free compartment, which opens for loading.
        self._lockers = lockers
        self._load_locker = load_locker
        self._parcels = parcels
        self._directory = directory
        self._runner = runner
        self._staff = staff
        self._print_label = print_label
        self.draft: IntakeDraft | None = None
        self.session_parcels: list[ParcelInfo] = []
        self._location_codes: set[str] = set()
        self.refresh_locations()

    def refresh_locations(self) -> None:
        self._runner.submit(self._parcels.location_codes, self._set_locations)

    def _set_locations(self, codes: set[str]) -> None:
        self._location_codes = codes

    # ------------------------------------------------------------------ scanning

    def on_scan(self, text: str) -> None:
        """A barcode from any scanner (or typed in by hand)."""
        text = text.strip()
        if not text:
            return
        if text.upper() in self._location_codes:
            if self.draft is None:
                self.message.emit(self.tr("Shelf {0} scanned. Scan a parcel first, then its shelf.")
                                  .format(text.upper()), "info")
            else:
                self._set_draft(replace(self.draft, shelf_code=text.upper()))
                self.message.emit(self.tr("This parcel goes to shelf {0}.").format(text.upper()), "info")
            return
        tracking = parse(text)
        if not tracking.valid and (len(tracking.number) < 8 or _is_product_code(text)):
            self.message.emit(self.tr("That barcode is not a tracking number. Scan the barcode marked "
                                      "TRACKING on the label."), "warning")
            return
        if self.draft is not None:
            self._save_draft(self.draft, auto=True)
        warning = "" if tracking.valid else self.tr(
            "Not a known tracking-number format. Check it is the tracking barcode; save it anyway if it is.")
        self._set_draft(IntakeDraft(scan=text, tracking=tracking, warning=warning))
        self.proposals_changed.emit([])
        number = tracking.number or text.upper()
        self._runner.submit(lambda: self._look_up(number), lambda found: self._looked_up(number, found))

    def _look_up(self, number: str) -> tuple[list[ParcelInfo], int | None, str]:
        """On a worker: parcels with this number already, and who pre-registered it."""
        earlier = self._parcels.by_tracking(number)
        resident_id = self._parcels.expected_resident(number)
        label = ""
        if resident_id is not None:
            info = self._directory.get(resident_id)
            label = f"{info.full_name} · {info.unit}"
        return earlier, resident_id, label

    def _looked_up(self, number: str, found: tuple[list[ParcelInfo], int | None, str]) -> None:
        draft = self.draft
        if draft is None or (draft.tracking.number or draft.scan.upper()) != number:
            return  # the staff member has moved on
        earlier, resident_id, label = found
        waiting = [p for p in earlier if p.status.is_waiting]
        if waiting:
            here = waiting[0]
            text = self.tr("Already in the room: parcel {0} on {1}, for {2}. Not logged again.").format(
                here.code, here.location_name or self.tr("the desk"), here.recipient or here.attention_reason)
            self._set_draft(replace(draft, duplicate_of=here.code, warning=text))
            self.message.emit(text, "error")
            return
        if any(p.status == ParcelStatus.PICKED_UP for p in earlier):
            draft = replace(draft, warning=self.tr("A parcel with this number was picked up before: check it is "
                                                   "not the same parcel back."))
            self.message.emit(draft.warning, "warning")
        if resident_id is not None:
            draft = replace(draft, resident_id=resident_id, certain=True, resident_label=label)
        self._set_draft(draft)

    # ------------------------------------------------------------------ reading the shipping label

    @property
    def can_read_labels(self) -> bool:
        return self._read_label is not None and self._latest_frame is not None

    def read_label_now(self) -> None:
        """Read the label in front of the camera: tracking number and recipient, never assigned silently."""
        if self._read_label is None or self._latest_frame is None:
            self.message.emit(self.tr("Label reading needs a camera and the OCR package on this PC."), "warning")
            return
        frame = self._latest_frame()
        if frame is None:
            self.message.emit(self.tr("No picture from the camera yet: hold the label under it and try again."),
                              "warning")
            return
        read = self._read_label
        self.message.emit(self.tr("Reading the label…"), "info")
        self._runner.submit(lambda: read(frame), self._label_read,
                            lambda exc: self.message.emit(self.tr("The label could not be read: {0}").format(exc),
                                                          "error"))

    def _label_read(self, reading: LabelReading) -> None:
        if reading.tracking_number is None:
            self.message.emit(self.tr("No tracking number on this picture: scan the tracking barcode."), "warning")
            return
        if self.draft is None or self.draft.tracking.number != reading.tracking_number:
            self.on_scan(reading.tracking_number)
        if self.draft is None:
            return
        if reading.resident_id is not None:
            self._set_draft(replace(self.draft, resident_id=reading.resident_id, certain=False,
                                    resident_label=reading.resident_label))
            self.message.emit(self.tr("Read from the label: {0} ({1:.0%} sure). Check it, then save.")
                              .format(reading.resident_label, reading.confidence), "info")
            return
        hits = [ResidentHit(c.resident_id, c.display_name, c.full_name, c.unit, c.building,
                            ResidentStatus.MOVED_OUT if c.moved_out else ResidentStatus.ACTIVE,
                            round(c.confidence * 100, 1), c.matched_on) for c in reading.candidates]
        self.proposals_changed.emit(hits)
        reason = ", ".join(sorted(reading.flags)) or self.tr("not sure enough")
        self.message.emit(self.tr("The label does not say clearly who it is for ({0}): choose below.").format(reason),
                          "warning")

    # ------------------------------------------------------------------ recipient and details

    def search(self, query: str) -> None:
        hits = self._directory.search(query, limit=8) if query.strip() else []
        self.proposals_changed.emit(hits)

    def choose(self, hit: ResidentHit) -> None:
        if self.draft is not None:
            self._set_draft(replace(self.draft, resident_id=hit.resident_id, certain=False,
                                    resident_label=f"{hit.full_name} · {hit.unit}"))

    def set_size(self, size: SizeClass) -> None:
        if self.draft is not None:
            self._set_draft(replace(self.draft, size=size))

    def toggle_flag(self, flag: str) -> None:
        if self.draft is not None and flag in FLAGS:
            self._set_draft(replace(self.draft, flags=self.draft.flags ^ {flag}))

    def cancel(self) -> None:
        self._set_draft(None)

    # ------------------------------------------------------------------ saving

    def confirm(self) -> None:
        if self.draft is None:
            self.message.emit(self.tr("Scan a parcel first."), "info")
            return
        if self.draft.duplicate_of:
            self.message.emit(self.draft.warning, "error")
            return
        if not self.draft.complete:
            self.message.emit(self.tr("Choose who this parcel is for, or save it to Needs attention."), "warning")
            return
        self._save_draft(self.draft, auto=False)

    def save_for_attention(self) -> None:
        if self.draft is not None:
            self._save_draft(self.draft, auto=True)

    def _save_draft(self, draft: IntakeDraft, auto: bool) -> None:
        self._set_draft(None)
        if draft.duplicate_of:
            return  # already in the room: nothing to save, and the staff member was told at the scan
        staff = self._staff()
        if staff is None:
            self.message.emit(self.tr("Sign in to log parcels."), "error")
            return
        request = IntakeRequest(
            tracking_text=draft.tracking.number or draft.scan,
            resident_id=draft.resident_id,
            size=draft.size,
            perishable="perishable" in draft.flags,
            oversized="oversized" in draft.flags,
            signature_required="signature_required" in draft.flags,
            fragile="fragile" in draft.flags,
            location_code=draft.shelf_code,
            attention_reason="" if draft.resident_id else "recipient not chosen at intake",
        )
        actor = staff.actor

        def save() -> tuple[IntakeResult, bool]:
            if self._lockers is None:
                return self._parcels.intake(request, actor), False
            stored = self._lockers.intake(request, actor)
            return stored.result, stored.compartment is not None

        self._runner.submit_write(save, lambda saved: self._saved(*saved), lambda exc: self._save_failed(draft, exc))

    def _saved(self, result: IntakeResult, in_locker: bool = False) -> None:
        parcel = result.parcel
        self.session_parcels.insert(0, parcel)
        self.session_changed.emit(list(self.session_parcels))
        self.saved.emit(result)
        where = parcel.location_name or self.tr("the front desk")
        if parcel.needs_attention:
            self.message.emit(self.tr("Saved to Needs attention ({0}). Put it on {1}.")
                              .format(parcel.attention_reason, where), "warning")
        else:
            self.message.emit(self.tr("Saved for {0}, unit {1}. Put it on {2}.")
                              .format(parcel.recipient, parcel.unit, where), "info")
        for warning in result.warnings:
            self.message.emit(warning, "warning")
        if self._print_label is not None:
            self._print_label(parcel)
        if in_locker and self._load_locker is not None:
            self.message.emit(self.tr("Locker {0} is opening: put the parcel in and close the door.")
                              .format(parcel.location_name), "info")
            staff = self._staff()
            if staff is not None:
                load, actor = self._load_locker, staff.actor
                # Waits for the compartment door to close: on the read lane, so the next intake is not held up.
                self._runner.submit(lambda: load(parcel.id, actor), self._loaded,
                                    lambda exc: self.message.emit(str(exc), "error"))

    def _loaded(self, result: LoadResult) -> None:
        self.message.emit(result.message, "info" if result.closed and not result.moved_to_room else "warning")

    def _save_failed(self, draft: IntakeDraft, exc: BaseException) -> None:
        if isinstance(exc, DuplicateParcel):
            self.message.emit(self.tr("Duplicate: {0}").format(str(exc)), "error")
            return
        log.error("intake failed: %s", exc)
        # Keep the staff member's work: the draft comes back to be saved again.
        self._set_draft(draft)
        self.message.emit(self.tr("Not saved: {0}. Try again.").format(str(exc)), "error")

    def undo_last(self) -> None:
        staff = self._staff()
        if not self.session_parcels or staff is None:
            return
        last = self.session_parcels[0]
        actor = staff.actor
        self._runner.submit_write(lambda: self._parcels.void(last.id, actor), self._undone,
                                  lambda exc: self.message.emit(str(exc), "error"))

    def _undone(self, parcel: ParcelInfo) -> None:
        self.session_parcels = [p for p in self.session_parcels if p.id != parcel.id]
        self.session_changed.emit(list(self.session_parcels))
        self.message.emit(self.tr("Undone: parcel {0} was removed; take its label off.").format(parcel.code),
                          "info")

    def _set_draft(self, draft: IntakeDraft | None) -> None:
        self.draft = draft
        self.draft_changed.emit(draft)

    def reset(self) -> None:
        self._set_draft(None)
        self.session_parcels = []
        self.session_changed.emit([])
        self.proposals_changed.emit([])
