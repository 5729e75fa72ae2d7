"""Residents at the desk: the list and the edit form, move-out, proxies and holds; the rent-roll import.

Fields are checked as staff leave them (the message shows beside the field) and again by the
service on save, which writes nothing if any field is refused. The import screen always shows the
dry run first — counts and every bad row — and imports only a file whose preview had no error.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from kiosk.residents.importer import ImportReport
from kiosk.residents.presets import PRESETS, RentRollError, preset_names
from kiosk.services.parcels import ParcelInfo, ParcelService
from kiosk.services.residents_admin import (
    HoldInfo,
    MoveOutResult,
    ProxyInfo,
    ResidentAdminService,
    ResidentDetail,
    ResidentEdit,
    ResidentInvalid,
    ResidentRow,
    check_field,
)
from kiosk.services.staff import PermissionDenied, StaffSession
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ResidentRecord:
    """The selected resident: details, proxies, holds and waiting parcels, loaded together."""

    detail: ResidentDetail
    proxies: tuple[ProxyInfo, ...]
    holds: tuple[HoldInfo, ...]
    parcels: tuple[ParcelInfo, ...]


def start_of(day: date) -> datetime:
    """The first moment of ``day`` on this PC's clock, time-zone aware."""
    return datetime.combine(day, time.min).astimezone()


def end_of(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59)).astimezone()


def _message_for(exc: BaseException) -> str:
    return str(exc) or exc.__class__.__name__


class ResidentsViewModel(QObject):
    rows_changed = Signal(list)  # list[ResidentRow]
    undeliverable_changed = Signal(int)  # residents whose e-mail bounced or whose texts failed
    record_changed = Signal(object)  # ResidentRecord | None
    field_errors = Signal(dict)  # field → message ("" clears it), for the details form
    form_error = Signal(str, str)  # form ("proxy" | "hold"), message ("" clears it)
    saved = Signal(object)  # ResidentDetail
    moved_out = Signal(object)  # MoveOutResult
    message = Signal(str, str)  # text, severity: info | warning | error

    def __init__(self, admin: ResidentAdminService, parcels: ParcelService, runner: TaskRunner,
                 staff: Callable[[], StaffSession | None]) -> None:
        super().__init__()
        self._admin = admin
        self._parcels = parcels
        self._runner = runner
        self._staff = staff
        self.query = ""
        self.include_moved_out = False
        self.undeliverable_only = False
        self.undeliverable = 0
        self.rows: list[ResidentRow] = []
        self.record: ResidentRecord | None = None
        self.errors: dict[str, str] = {}

    # ------------------------------------------------------------------ list

    def search(self, query: str) -> None:
        self.query = query
        self.refresh()

    def show_moved_out(self, on: bool) -> None:
        self.include_moved_out = on
        self.refresh()

    def show_undeliverable_only(self, on: bool) -> None:
        """List only residents whose e-mail bounced or whose text messages failed."""
        self.undeliverable_only = on
        self.refresh()

    def refresh(self) -> None:
        query, include, flagged = self.query, self.include_moved_out, self.undeliverable_only
        self._runner.submit(lambda: (self._admin.list_residents(query, include_moved_out=include,
                                                                undeliverable_only=flagged),
                                     self._admin.undeliverable_count()),
                            lambda result: self._listed((query, flagged), *result), self._failed)

    def _listed(self, asked: tuple[str, bool], rows: list[ResidentRow], undeliverable: int) -> None:
        if undeliverable != self.undeliverable:
            self.undeliverable = undeliverable
            self.undeliverable_changed.emit(undeliverable)
        if asked != (self.query, self.undeliverable_only):
            return  # an older keystroke's answer
        self.rows = rows
        self.rows_changed.emit(rows)

    # ------------------------------------------------------------------ one resident

    def select(self, resident_id: int | None) -> None:
        if resident_id is None:
            self._set_record(None)
            return
        self._runner.submit(lambda: self._load(resident_id), self._set_record, self._failed)

    def _load(self, resident_id: int) -> ResidentRecord:
        return ResidentRecord(self._admin.get(resident_id), tuple(self._admin.proxies(resident_id)),
                              tuple(self._admin.holds(resident_id)),
                              tuple(self._parcels.waiting_for_resident(resident_id)))

    def _set_record(self, record: ResidentRecord | None) -> None:
        self.record = record
        self.errors = {}
        self.field_errors.emit({})
        self.record_changed.emit(record)

    def _reload(self) -> None:
        if self.record is not None:
            self.select(self.record.detail.id)
        self.refresh()

    def check_field(self, name: str, text: str) -> str:
        """Check one field as staff leave it; the message (or "") goes out on ``field_errors``.

        A value left as stored is not re-checked (the service keeps it as it is, too)."""
        stored = getattr(self.record.detail, name, None) if self.record is not None else None
        error = "" if stored and text.strip() == stored else check_field(name, text)[1]
        if error:
            self.errors[name] = error
        else:
            self.errors.pop(name, None)
        self.field_errors.emit({name: error})
        return error

    def save(self, edit: ResidentEdit) -> None:
        staff = self._signed_in()
        if staff is None or self.record is None:
            return
        resident_id = self.record.detail.id
        self._runner.submit_write(lambda: self._admin.update(staff, resident_id, edit), self._saved,
                                  self._failed)

    def _saved(self, detail: ResidentDetail) -> None:
        self.message.emit(self.tr("Saved {0}.").format(detail.full_name), "info")
        self.saved.emit(detail)
        self._reload()

    def clear_delivery_flag(self, channel: str) -> None:
        """Staff checked the address ("email") or number ("sms"): send to it again."""
        staff = self._signed_in()
        if staff is None or self.record is None:
            return
        resident_id = self.record.detail.id
        self._runner.submit_write(lambda: self._admin.clear_delivery_flag(staff, resident_id, channel),
                                  lambda _detail: self._done(self.tr("Notices will be sent to it again.")),
                                  self._failed)

    def move_out(self, on: date | None = None) -> None:
        staff = self._signed_in()
        if staff is None or self.record is None:
            return
        resident_id = self.record.detail.id
        self._runner.submit_write(lambda: self._admin.move_out(staff, resident_id, on), self._moved_out,
                                  self._failed)

    def _moved_out(self, result: MoveOutResult) -> None:
        name = self.record.detail.full_name if self.record else ""
        if result.parcels_flagged:
            self.message.emit(self.tr("{0} moved out. {1} waiting parcel(s) are now in Needs attention.")
                              .format(name, result.parcels_flagged), "warning")
        else:
            self.message.emit(self.tr("{0} moved out.").format(name), "info")
        self.moved_out.emit(result)
        self._reload()

    # ------------------------------------------------------------------ proxies

    def add_proxy(self, name: str, valid_from: date, valid_until: date, phone: str = "", email: str = "",
                  parcel_ids: Sequence[int] = ()) -> None:
        staff = self._signed_in()
        if staff is None or self.record is None:
            return
        resident_id = self.record.detail.id
        start, end = start_of(valid_from), end_of(valid_until)
        chosen = tuple(parcel_ids)
        self._runner.submit_write(
            lambda: self._admin.add_proxy(staff, resident_id, name, start, end, phone=phone or None,
                                          email=email or None, parcel_ids=chosen),
            lambda proxy: self._done(self.tr("{0} may now collect for this resident.").format(proxy.name)),
            self._failed_in("proxy"))

    def revoke_proxy(self, proxy_id: int) -> None:
        staff = self._signed_in()
        if staff is None:
            return
        self._runner.submit_write(lambda: self._admin.revoke_proxy(staff, proxy_id),
                                  lambda _none: self._done(self.tr("Proxy removed.")), self._failed_in("proxy"))

    # ------------------------------------------------------------------ holds

    def add_vacation_hold(self, starts_on: date, ends_on: date | None, reason: str = "") -> None:
        staff = self._signed_in()
        if staff is None or self.record is None:
            return
        resident_id = self.record.detail.id
        self._runner.submit_write(
            lambda: self._admin.add_vacation_hold(staff, resident_id, starts_on, ends_on, reason),
            lambda _hold: self._done(self.tr("Vacation hold added.")), self._failed_in("hold"))

    def add_parcel_hold(self, parcel_id: int, ends_on: date | None, reason: str = "") -> None:
        staff = self._signed_in()
        if staff is None:
            return
        self._runner.submit_write(lambda: self._admin.add_parcel_hold(staff, parcel_id, ends_on, reason),
                                  lambda hold: self._done(self.tr("Parcel {0} is on hold.").format(hold.parcel_code)),
                                  self._failed_in("hold"))

    def end_hold(self, hold_id: int) -> None:
        staff = self._signed_in()
        if staff is None:
            return
        self._runner.submit_write(lambda: self._admin.end_hold(staff, hold_id),
                                  lambda _none: self._done(self.tr("Hold ended.")), self._failed_in("hold"))

    # ------------------------------------------------------------------ plumbing

    def _done(self, text: str) -> None:
        self.message.emit(text, "info")
        self._reload()

    def _signed_in(self) -> StaffSession | None:
        staff = self._staff()
        if staff is None:
            self.message.emit(self.tr("Sign in to change residents."), "error")
        return staff

    def _failed_in(self, form: str) -> Callable[[BaseException], None]:
        """Failures of the proxy or hold form: shown under that form, not as details-field errors."""

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ResidentInvalid | PermissionDenied | ValueError | LookupError):
                text = "; ".join(exc.errors.values()) if isinstance(exc, ResidentInvalid) else _message_for(exc)
                self.form_error.emit(form, text)
                self.message.emit(self.tr("Not saved: {0}").format(text), "error")
            else:
                self._failed(exc)

        return failed

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ResidentInvalid):
            self.errors.update(exc.errors)
            self.field_errors.emit(dict(exc.errors))
            self.message.emit(self.tr("Not saved: correct the marked fields."), "error")
        elif isinstance(exc, PermissionDenied | ValueError | LookupError):
            self.message.emit(_message_for(exc), "error")
        else:
            log.error("resident change failed: %s", exc)
            self.message.emit(self.tr("Not saved: {0}").format(_message_for(exc)), "error")

    def reset(self) -> None:
        self._set_record(None)


class ResidentImportViewModel(QObject):
    """File, preset and roster kind → dry-run preview → import (only after a clean preview)."""

    preview_changed = Signal(object)  # ImportReport | None
    imported = Signal(object)  # ImportReport
    busy_changed = Signal(bool)
    message = Signal(str, str)

    def __init__(self, admin: ResidentAdminService, runner: TaskRunner,
                 staff: Callable[[], StaffSession | None]) -> None:
        super().__init__()
        self._admin = admin
        self._runner = runner
        self._staff = staff
        self.path = ""
        self.preset: str | None = None
        self.partial = False
        self.report: ImportReport | None = None
        self._previewed: tuple[str, str | None, bool] | None = None
        self.busy = False

    @staticmethod
    def presets() -> list[tuple[str, str]]:
        """(name, title) of every preset, for the picker (None there means "detect")."""
        return [(name, PRESETS[name].title) for name in preset_names()]

    @property
    def can_import(self) -> bool:
        """A preview of exactly these choices found no error."""
        return (self.report is not None and self.report.ok and not self.busy
                and self._previewed == self._choices())

    def _choices(self) -> tuple[str, str | None, bool]:
        return self.path, self.preset, self.partial

    def set_path(self, path: str) -> None:
        self.path = path.strip()
        self._invalidate()

    def set_preset(self, preset: str | None) -> None:
        self.preset = preset or None
        self._invalidate()

    def set_partial(self, partial: bool) -> None:
        self.partial = partial
        self._invalidate()

    def _invalidate(self) -> None:
        if self.report is not None:
            self.report = None
            self._previewed = None
            self.preview_changed.emit(None)

    def preview(self) -> None:
        staff = self._staff()
        if staff is None:
            self.message.emit(self.tr("Sign in to import residents."), "error")
            return
        if not self.path:
            self.message.emit(self.tr("Choose the rent-roll file first."), "warning")
            return
        if not Path(self.path).is_file():
            self.message.emit(self.tr("{0}: no such file.").format(self.path), "error")
            return
        choices = self._choices()
        path, preset, partial = choices
        self._set_busy(True)
        self._runner.submit(
            lambda: self._admin.preview_import(staff, path, preset, full_roster=not partial),
            lambda report: self._previewed_ok(choices, report), self._failed)

    def _previewed_ok(self, choices: tuple[str, str | None, bool], report: ImportReport) -> None:
        self._set_busy(False)
        if choices != self._choices():
            return  # the file or preset changed meanwhile: that preview is stale
        self.report = report
        self._previewed = choices
        self.preview_changed.emit(report)
        if report.errors:
            self.message.emit(self.tr("{0} row problem(s): fix them in the file and preview again. Nothing can "
                                      "be imported until then.").format(len(report.errors)), "error")
        else:
            self.message.emit(self.tr("No problems found. Check the figures, then press Import."), "info")

    def run_import(self) -> None:
        staff = self._staff()
        if staff is None:
            self.message.emit(self.tr("Sign in to import residents."), "error")
            return
        if not self.can_import:
            self.message.emit(self.tr("Preview the file first; it can be imported once the preview shows no "
                                      "problem."), "warning")
            return
        path, preset, partial = self._choices()
        self._set_busy(True)
        self._runner.submit_write(lambda: self._admin.run_import(staff, path, preset, full_roster=not partial),
                                  self._imported, self._failed)

    def _imported(self, report: ImportReport) -> None:
        self._set_busy(False)
        self.report = report
        self._previewed = None  # imported: a second press must preview again
        self.preview_changed.emit(report)
        if report.committed:
            counts = report.counts()
            self.message.emit(self.tr("Imported: {0} added, {1} updated, {2} moved out.").format(
                counts["added"], counts["updated"], counts["moved_out"]), "info")
            self.imported.emit(report)
        else:  # the file changed between the preview and the import
            self.message.emit(self.tr("Nothing was imported: the file now has {0} row problem(s).")
                              .format(len(report.errors)), "error")

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_changed.emit(busy)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, RentRollError | PermissionDenied | OSError):
            self.message.emit(_message_for(exc), "error")
        else:
            log.error("resident import failed: %s", exc)
            self.message.emit(self.tr("Import failed: {0}").format(_message_for(exc)), "error")
