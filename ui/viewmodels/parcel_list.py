"""The staff parcel list: every parcel by list and search, one parcel's custody, and what staff do to it.

Searching, loading the history and every change run on the task runner; the view only renders the
rows and the selected parcel and forwards taps.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.persistence.models import ParcelStatus
from kiosk.services.parcels import ParcelError, ParcelInfo, ParcelService, list_limit
from kiosk.services.staff import StaffSession
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

LISTS = ("waiting", "attention", "perishable", "closed", "all")
LOST_REASONS = ("Not found in the room", "Damaged beyond delivery")
RETURN_REASONS = ("Unclaimed: returned to sender", "Refused by the resident", "Not for this building")


class ParcelListViewModel(QObject):
    rows_changed = Signal(list)  # list[ParcelInfo]
    selected_changed = Signal(object, list)  # ParcelInfo | None, custody rows (dicts)
    locations_changed = Signal(list)  # list[(code, name, kind)]
    message = Signal(str, str)  # text, severity

    def __init__(self, parcels: ParcelService, runner: TaskRunner, staff: Callable[[], StaffSession | None],
                 print_label: Callable[[ParcelInfo], None] | None = None, perishable_alert_hours: int = 4) -> None:
        super().__init__()
        self._parcels = parcels
        self._runner = runner
        self._staff = staff
        self._print_label = print_label
        self.perishable_alert = timedelta(hours=perishable_alert_hours)
        self.list_name = "waiting"
        self.query = ""
        self.rows: list[ParcelInfo] = []
        self.capped = False  # the list stopped at list_limit(): older parcels exist
        self.selected: ParcelInfo | None = None
        self.locations: list[tuple[str, str, str]] = []
        self._generation = 0
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.refresh)

    # ------------------------------------------------------------------ the list

    def refresh(self) -> None:
        self._generation += 1
        generation, query, name = self._generation, self.query, self.list_name
        self._runner.submit(lambda: self._parcels.search(query, status=name),
                            lambda rows: self._loaded(generation, rows), self._failed)

    def _loaded(self, generation: int, rows: list[ParcelInfo]) -> None:
        if generation != self._generation:  # an older search finishing late
            return
        self.rows = rows
        self.capped = len(rows) >= list_limit(self.query)
        self.rows_changed.emit(rows)

    def set_list(self, name: str) -> None:
        if name in LISTS:
            self.list_name = name
            self.refresh()

    def filter(self, query: str) -> None:
        self.query = query
        self._debounce.start()

    def is_overdue(self, parcel: ParcelInfo, now: datetime | None = None) -> bool:
        """A perishable waiting longer than the configured time: the list shows it in red."""
        waited = (now or datetime.now(UTC)) - parcel.received_at
        return parcel.perishable and parcel.status.is_waiting and waited > self.perishable_alert

    # ------------------------------------------------------------------ one parcel

    def select(self, parcel: ParcelInfo | None) -> None:
        self.selected = parcel
        if parcel is None:
            self.selected_changed.emit(None, [])
            return
        parcel_id = parcel.id
        self._runner.submit(lambda: (self._parcels.get(parcel_id), self._parcels.history(parcel_id)),
                            self._details, self._failed)

    def _details(self, result: tuple[ParcelInfo, list[dict[str, object]]]) -> None:
        parcel, history = result
        if self.selected is None or self.selected.id != parcel.id:
            return
        self.selected = parcel
        self.selected_changed.emit(parcel, history)

    def load_locations(self) -> None:
        self._runner.submit(self._parcels.locations, self._set_locations, self._failed)

    def _set_locations(self, locations: list[tuple[str, str, str]]) -> None:
        self.locations = locations
        self.locations_changed.emit(locations)

    def reprint(self) -> None:
        if self.selected is None:
            return
        if self._print_label is None:
            self.message.emit(self.tr("No label printer is configured."), "warning")
            return
        self._print_label(self.selected)
        self.message.emit(self.tr("Label for {0} sent to the printer.").format(self.selected.code), "info")

    def on_scan(self, text: str) -> None:
        """A scan on this screen: a shelf barcode moves the selected parcel there; anything else searches."""
        code = text.strip().upper()
        if self.selected is not None and code in {c for c, _, _ in self.locations}:
            self.move_to(code)
            return
        self.filter(text.strip())

    def move_to(self, code: str) -> None:
        parcel, actor = self._target()
        if parcel is None or actor is None:
            return
        self._runner.submit_write(lambda: self._parcels.move(parcel.id, code, actor.actor),
                                  lambda p: self._changed(p, self.tr("Moved to {0}.").format(p.location_name)),
                                  self._failed)

    def close_as(self, status: ParcelStatus, reason: str) -> None:
        parcel, actor = self._target()
        if parcel is None or actor is None:
            return
        if not reason.strip():
            self.message.emit(self.tr("Choose or type a reason first."), "warning")
            return
        word = self.tr("lost") if status == ParcelStatus.LOST else self.tr("returned to sender")
        self._runner.submit_write(lambda: self._parcels.close(parcel.id, status, actor.actor, reason),
                                  lambda p: self._changed(p, self.tr("Parcel {0} marked {1}.").format(p.code, word)),
                                  self._failed)

    def _target(self) -> tuple[ParcelInfo | None, StaffSession | None]:
        staff = self._staff()
        if staff is None:
            self.message.emit(self.tr("Sign in first."), "error")
        if self.selected is None:
            self.message.emit(self.tr("Choose a parcel in the list first."), "info")
        return self.selected, staff

    def _changed(self, parcel: ParcelInfo, text: str) -> None:
        self.message.emit(text, "info")
        self.selected = parcel
        self.select(parcel)
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ParcelError):
            self.message.emit(str(exc), "error")
        else:
            log.error("parcel list: %s", exc)
            self.message.emit(self.tr("That did not work: {0}").format(exc), "error")
