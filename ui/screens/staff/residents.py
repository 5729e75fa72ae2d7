"""Residents: search the list, edit a resident (checked as you go), move-out, proxies, holds; and
the rent-roll import with its dry-run preview."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.persistence.models import Role
from kiosk.residents.importer import ImportReport
from kiosk.residents.report import RowError
from kiosk.services.residents_admin import ResidentEdit, ResidentRow
from ui.i18n import LANGUAGES
from ui.models import ListTableModel
from ui.screens.staff.forms import (
    TOUCH,
    button,
    error_label,
    message_label,
    set_message,
    show_error,
    title_label,
    touch,
)
from ui.viewmodels.residents import ResidentImportViewModel, ResidentRecord, ResidentsViewModel
from ui.widgets.touch_keyboard import TouchKeyboard

# field → (label shown, accessible name of its box)
TEXT_FIELDS = {
    "first_name": ("First name", "First name"),
    "last_name": ("Last name", "Last name"),
    "unit": ("Unit", "Unit"),
    "building": ("Building", "Building"),
    "email": ("E-mail", "E-mail"),
    "mobile": ("Mobile", "Mobile"),
    "badge_id": ("Badge", "Badge ID"),
}
TOGGLES = {
    "notify_email": "E-mail notices",
    "notify_sms": "Text messages",
    "reminders_opt_out": "No reminders",
}


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(parent: QWidget, name: str) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(QDate.currentDate())
    return touch(edit, name)


class ResidentsScreen(QWidget):
    """The resident list and the selected resident's details, proxies and holds."""

    required_role = Role.STAFF

    def __init__(self, vm: ResidentsViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vm = vm
        self._move_out_armed = False
        self.setAccessibleName("Residents screen")

        title = title_label(self, self.tr("Residents"), "Residents title")
        self._message = message_label(self, "Residents message")

        # -- the list
        self.search = touch(QLineEdit(self), "Resident list search")
        self.search.setPlaceholderText(self.tr("Name, unit or phone"))
        self.search.textChanged.connect(vm.search)
        self.keyboard = TouchKeyboard(self.search, self)
        self.keyboard.setVisible(False)
        self.keyboard_button = button(self, "⌨", "Show residents keyboard", checkable=True)
        self.keyboard_button.setMinimumWidth(88)
        self.keyboard_button.toggled.connect(self.keyboard.setVisible)
        self.moved_out_button = button(self, self.tr("Show moved out"), "Show moved out", checkable=True)
        self.moved_out_button.toggled.connect(vm.show_moved_out)
        self.undeliverable_button = button(self, self.tr("Bounced (0)"), "Show bounced only", checkable=True)
        self.undeliverable_button.setToolTip(self.tr("Residents whose e-mail bounced or whose text messages failed"))
        self.undeliverable_button.toggled.connect(vm.show_undeliverable_only)
        vm.undeliverable_changed.connect(self._show_undeliverable_count)
        self.model: ListTableModel[ResidentRow] = ListTableModel([
            (self.tr("Unit"), lambda r: f"{r.building}-{r.unit}" if r.building else r.unit),
            (self.tr("Name"), lambda r: r.full_name),
            (self.tr("Status"), lambda r: r.status.value.replace("_", " ")),
            (self.tr("Parcels"), lambda r: r.waiting or ""),
            (self.tr("Notices"), self._delivery_text),
        ], self, alert=lambda r: r.undeliverable)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Resident table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(52)
        self.table.verticalHeader().setVisible(False)
        self.table.clicked.connect(lambda index: vm.select(self.model.row_at(index.row()).id))

        # -- the selected resident
        self._heading = QLabel("", self)
        self._heading.setObjectName("Recipient")
        self._heading.setAccessibleName("Selected resident")
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Resident tabs")
        self.tabs.setStyleSheet(f"QTabBar::tab {{ min-height: {TOUCH - 8}px; min-width: 150px; font-size: 20px; }}")
        self.tabs.addTab(self._details_tab(), self.tr("Details"))
        self.tabs.addTab(self._proxies_tab(), self.tr("Proxies"))
        self.tabs.addTab(self._holds_tab(), self.tr("Holds"))

        left = QVBoxLayout()
        left.addWidget(title)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.keyboard_button)
        left.addLayout(search_row)
        left.addWidget(self.moved_out_button)
        left.addWidget(self.undeliverable_button)
        left.addWidget(self.table, 3)
        left.addWidget(self.keyboard, 2)
        right = QVBoxLayout()
        right.addWidget(self._heading)
        right.addWidget(self.tabs, 1)
        right.addWidget(self._message)
        layout = QGridLayout(self)
        layout.addLayout(left, 0, 0)
        layout.addLayout(right, 0, 1)
        layout.setColumnStretch(0, 2)
        layout.setColumnStretch(1, 3)

        vm.rows_changed.connect(self.model.set_rows)
        vm.record_changed.connect(self._show_record)
        vm.field_errors.connect(self._show_errors)
        vm.form_error.connect(self._show_form_error)
        vm.message.connect(lambda text, severity: set_message(self._message, text, severity))
        self._show_record(None)

    # ------------------------------------------------------------------ tabs

    def _details_tab(self) -> QWidget:
        """Two fields a row (label above, error below), so the form fits a 800 px high screen."""
        tab = QWidget(self)
        form = QVBoxLayout(tab)
        # A bounced e-mail or failed mobile: what happened and the two ways out.
        self.delivery_warning = error_label(tab, "Delivery warning")
        self.clear_email_button = button(tab, self.tr("Clear e-mail warning"), "Clear e-mail flag",
                                         secondary=True)
        self.clear_email_button.clicked.connect(lambda: self._vm.clear_delivery_flag("email"))
        self.clear_sms_button = button(tab, self.tr("Clear SMS warning"), "Clear SMS flag",
                                       secondary=True)
        self.clear_sms_button.clicked.connect(lambda: self._vm.clear_delivery_flag("sms"))
        flags = QHBoxLayout()
        flags.addWidget(self.clear_email_button)
        flags.addWidget(self.clear_sms_button)
        form.addWidget(self.delivery_warning)
        form.addLayout(flags)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        self.fields: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self.language = touch(QComboBox(tab), "Language")
        for code, title in LANGUAGES.items():
            self.language.addItem(title, code)
        for i, name in enumerate([*TEXT_FIELDS, "language"]):
            label, accessible = TEXT_FIELDS.get(name, ("Language", "Language"))
            if name == "language":
                box: QWidget = self.language
            else:
                line = touch(QLineEdit(tab), accessible)
                line.editingFinished.connect(lambda n=name, b=line: self._vm.check_field(n, b.text()))
                line.textEdited.connect(lambda _text, n=name: show_error(self.errors[n], ""))
                self.fields[name] = line
                box = line
            self.errors[name] = error_label(tab, f"{accessible} error")
            row, column = divmod(i, 2)
            caption = QLabel(self.tr(label), tab)
            caption.setObjectName("Subtitle")
            grid.addWidget(caption, row * 3, column)
            grid.addWidget(box, row * 3 + 1, column)
            grid.addWidget(self.errors[name], row * 3 + 2, column)
        form.addLayout(grid)
        toggles = QHBoxLayout()
        self.toggles = {}
        for name, text in TOGGLES.items():
            self.toggles[name] = button(tab, self.tr(text), text, checkable=True)
            toggles.addWidget(self.toggles[name])
        form.addLayout(toggles)
        form.addStretch(1)
        actions = QHBoxLayout()
        self.save_button = button(tab, self.tr("Save"), "Save resident")
        self.save_button.clicked.connect(self._save)
        self.move_out_button = button(tab, self.tr("Move out"), "Move out", secondary=True)
        self.move_out_button.clicked.connect(self._move_out)
        actions.addWidget(self.save_button, 2)
        actions.addWidget(self.move_out_button, 1)
        form.addLayout(actions)
        return tab

    def _proxies_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        self.proxy_list = QListWidget(tab)
        self.proxy_list.setAccessibleName("Proxy list")
        self.remove_proxy_button = button(tab, self.tr("Remove proxy"), "Remove proxy", secondary=True)
        self.remove_proxy_button.clicked.connect(self._remove_proxy)
        layout.addWidget(self.proxy_list, 1)
        layout.addWidget(self.remove_proxy_button)
        form = QFormLayout()
        self.proxy_name = touch(QLineEdit(tab), "Proxy name")
        self.proxy_phone = touch(QLineEdit(tab), "Proxy phone")
        self.proxy_email = touch(QLineEdit(tab), "Proxy e-mail")
        self.proxy_from = date_edit(tab, "Proxy from")
        self.proxy_until = date_edit(tab, "Proxy until")
        self.proxy_parcels = QListWidget(tab)
        self.proxy_parcels.setAccessibleName("Proxy parcels")
        self.proxy_parcels.setMaximumHeight(160)
        self.proxy_error = error_label(tab, "Proxy error")
        form.addRow(self.tr("Name"), self.proxy_name)
        form.addRow(self.tr("Phone"), self.proxy_phone)
        form.addRow(self.tr("E-mail"), self.proxy_email)
        dates = QHBoxLayout()
        dates.addWidget(self.proxy_from)
        dates.addWidget(QLabel("→", tab))
        dates.addWidget(self.proxy_until)
        form.addRow(self.tr("From – until"), dates)
        form.addRow(self.tr("Only these parcels"), self.proxy_parcels)
        layout.addLayout(form)
        layout.addWidget(self.proxy_error)
        self.add_proxy_button = button(tab, self.tr("Add proxy"), "Add proxy")
        self.add_proxy_button.clicked.connect(self._add_proxy)
        layout.addWidget(self.add_proxy_button)
        return tab

    def _holds_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        self.hold_list = QListWidget(tab)
        self.hold_list.setAccessibleName("Hold list")
        self.end_hold_button = button(tab, self.tr("End hold"), "End hold", secondary=True)
        self.end_hold_button.clicked.connect(self._end_hold)
        layout.addWidget(self.hold_list, 1)
        layout.addWidget(self.end_hold_button)
        form = QFormLayout()
        self.hold_from = date_edit(tab, "Hold from")
        self.hold_until = date_edit(tab, "Hold until")
        self.hold_open = button(tab, self.tr("No end date"), "No end date", checkable=True)
        self.hold_open.toggled.connect(lambda on: self.hold_until.setEnabled(not on))
        self.hold_reason = touch(QLineEdit(tab), "Hold reason")
        self.hold_parcel = touch(QComboBox(tab), "Parcel to hold")
        self.hold_error = error_label(tab, "Hold error")
        dates = QHBoxLayout()
        dates.addWidget(self.hold_from)
        dates.addWidget(QLabel("→", tab))
        dates.addWidget(self.hold_until)
        dates.addWidget(self.hold_open)
        form.addRow(self.tr("From – until"), dates)
        form.addRow(self.tr("Reason"), self.hold_reason)
        layout.addLayout(form)
        layout.addWidget(self.hold_error)
        self.vacation_button = button(tab, self.tr("Add vacation hold"), "Add vacation hold")
        self.vacation_button.clicked.connect(self._add_vacation_hold)
        layout.addWidget(self.vacation_button)
        parcel_row = QHBoxLayout()
        parcel_row.addWidget(self.hold_parcel, 1)
        self.parcel_hold_button = button(tab, self.tr("Hold parcel"), "Hold parcel", secondary=True)
        self.parcel_hold_button.clicked.connect(self._add_parcel_hold)
        parcel_row.addWidget(self.parcel_hold_button)
        layout.addLayout(parcel_row)
        return tab

    # ------------------------------------------------------------------ showing a resident

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._vm.refresh()

    def _show_record(self, record: ResidentRecord | None) -> None:
        self._disarm_move_out()
        enabled = record is not None
        self.tabs.setEnabled(enabled)
        self._show_errors({name: "" for name in self.errors})
        show_error(self.proxy_error, "")
        show_error(self.hold_error, "")
        self._show_delivery(record)
        if record is None:
            self._heading.setText(self.tr("Choose a resident from the list"))
            for box in self.fields.values():
                box.clear()
            self.proxy_list.clear()
            self.hold_list.clear()
            self.proxy_parcels.clear()
            self.hold_parcel.clear()
            return
        detail = record.detail
        unit = f"{detail.building}-{detail.unit}" if detail.building else detail.unit
        status = "" if detail.status.value == "active" else f" · {detail.status.value.replace('_', ' ')}"
        self._heading.setText(f"{detail.full_name} · {self.tr('unit')} {unit}{status}")
        edit = detail.edit()
        for name, box in self.fields.items():
            box.setText(str(getattr(edit, name) or ""))
        index = self.language.findData(detail.language)
        if index < 0:
            self.language.addItem(detail.language, detail.language)
            index = self.language.count() - 1
        self.language.setCurrentIndex(index)
        for name, toggle in self.toggles.items():
            toggle.setChecked(bool(getattr(edit, name)))
        self.move_out_button.setEnabled(detail.status.value != "moved_out")

        self.proxy_list.clear()
        for proxy in record.proxies:
            limit = self.tr(", named parcels only") if proxy.parcel_ids else ""
            item = QListWidgetItem(f"{proxy.name}   {proxy.valid_from.astimezone():%Y-%m-%d} → "
                                   f"{proxy.valid_until.astimezone():%Y-%m-%d}{limit}")
            item.setData(Qt.ItemDataRole.UserRole, proxy.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"Proxy {proxy.name}")
            self.proxy_list.addItem(item)
        self.proxy_parcels.clear()
        self.hold_parcel.clear()
        for parcel in record.parcels:
            text = f"{parcel.code}   {parcel.location_name or '—'}   …{parcel.tracking_number[-6:]}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, parcel.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.proxy_parcels.addItem(item)
            self.hold_parcel.addItem(text, parcel.id)
        self.parcel_hold_button.setEnabled(bool(record.parcels))
        self.hold_list.clear()
        for hold in record.holds:
            until = hold.ends_on.isoformat() if hold.ends_on else self.tr("until ended")
            what = self.tr("Vacation") if hold.kind.value == "vacation" else self.tr("Parcel {0}").format(
                hold.parcel_code)
            reason = f"   {hold.reason}" if hold.reason else ""
            item = QListWidgetItem(f"{what}   {hold.starts_on.isoformat()} → {until}{reason}")
            item.setData(Qt.ItemDataRole.UserRole, hold.id)
            self.hold_list.addItem(item)

    def _delivery_text(self, row: ResidentRow) -> str:
        problems = []
        if row.email_bounced:
            problems.append(self.tr("⚠ e-mail bounced"))
        if row.sms_failed:
            problems.append(self.tr("⚠ SMS failed"))
        return ", ".join(problems)

    def _show_undeliverable_count(self, count: int) -> None:
        self.undeliverable_button.setText(self.tr("Bounced ({0})").format(count))

    def _show_delivery(self, record: ResidentRecord | None) -> None:
        detail = record.detail if record is not None else None
        bounced = detail is not None and detail.email_bounced
        failed = detail is not None and detail.sms_failed
        problems = []
        if bounced:
            problems.append(self.tr("E-mail to this address bounced: no e-mail notices are sent."))
        if failed:
            problems.append(self.tr("Text messages to this mobile number failed: no text messages are sent."))
        if problems:
            problems.append(self.tr("Correct the address or number and save (that clears the warning), or clear it "
                                    "if it is right."))
        show_error(self.delivery_warning, " ".join(problems))
        self.clear_email_button.setVisible(bounced)
        self.clear_sms_button.setVisible(failed)

    def _show_errors(self, errors: dict[str, str]) -> None:
        for name, text in errors.items():
            if name in self.errors:
                show_error(self.errors[name], text)

    def _show_form_error(self, form: str, text: str) -> None:
        show_error(self.proxy_error if form == "proxy" else self.hold_error, text)

    # ------------------------------------------------------------------ actions

    def current_edit(self) -> ResidentEdit:
        """The form as typed (the service validates and normalises it)."""
        values = {name: box.text() for name, box in self.fields.items()}
        return ResidentEdit(
            first_name=values["first_name"], last_name=values["last_name"], unit=values["unit"],
            building=values["building"], email=values["email"] or None, mobile=values["mobile"] or None,
            language=str(self.language.currentData() or "en"), badge_id=values["badge_id"] or None,
            **{name: toggle.isChecked() for name, toggle in self.toggles.items()},
        )

    def _save(self) -> None:
        self._disarm_move_out()
        self._vm.save(self.current_edit())

    def _move_out(self) -> None:
        """Two taps: the first asks, the second moves the resident out."""
        if not self._move_out_armed:
            self._move_out_armed = True
            self.move_out_button.setText(self.tr("Tap again to move out"))
            set_message(self._message, self.tr("Moving out sends this resident's waiting parcels to Needs "
                                               "attention. Tap Move out again to confirm."), "warning")
            return
        self._disarm_move_out()
        self._vm.move_out()

    def _disarm_move_out(self) -> None:
        self._move_out_armed = False
        self.move_out_button.setText(self.tr("Move out"))

    def _selected(self, widget: QListWidget) -> int | None:
        item = widget.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def _add_proxy(self) -> None:
        show_error(self.proxy_error, "")
        chosen = [int(self.proxy_parcels.item(i).data(Qt.ItemDataRole.UserRole))
                  for i in range(self.proxy_parcels.count())
                  if self.proxy_parcels.item(i).checkState() == Qt.CheckState.Checked]
        self._vm.add_proxy(self.proxy_name.text(), _pydate(self.proxy_from.date()),
                           _pydate(self.proxy_until.date()), self.proxy_phone.text(), self.proxy_email.text(), chosen)

    def _remove_proxy(self) -> None:
        proxy_id = self._selected(self.proxy_list)
        if proxy_id is None:
            set_message(self._message, self.tr("Tap a proxy in the list first."), "warning")
            return
        self._vm.revoke_proxy(proxy_id)

    def _hold_end(self) -> date | None:
        return None if self.hold_open.isChecked() else _pydate(self.hold_until.date())

    def _add_vacation_hold(self) -> None:
        show_error(self.hold_error, "")
        self._vm.add_vacation_hold(_pydate(self.hold_from.date()), self._hold_end(), self.hold_reason.text())

    def _add_parcel_hold(self) -> None:
        show_error(self.hold_error, "")
        parcel_id = self.hold_parcel.currentData()
        if parcel_id is None:
            return
        self._vm.add_parcel_hold(int(parcel_id), self._hold_end(), self.hold_reason.text())

    def _end_hold(self) -> None:
        hold_id = self._selected(self.hold_list)
        if hold_id is None:
            set_message(self._message, self.tr("Tap a hold in the list first."), "warning")
            return
        self._vm.end_hold(hold_id)


class ResidentImportScreen(QWidget):
    """Rent-roll CSV import: choose the file and preset, preview (dry run), then import."""

    required_role = Role.MANAGER

    def __init__(self, vm: ResidentImportViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vm = vm
        self.setAccessibleName("Resident import screen")
        title = title_label(self, self.tr("Import residents"), "Import title")
        self._message = message_label(self, "Import message")

        self.path = touch(QLineEdit(self), "Rent roll file")
        self.path.setPlaceholderText(self.tr("Path of the rent-roll CSV export"))
        self.path.textChanged.connect(vm.set_path)
        self.browse_button = button(self, self.tr("Choose file…"), "Choose file", secondary=True)
        self.browse_button.clicked.connect(self._browse)
        self.preset = touch(QComboBox(self), "Preset")
        self.preset.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.preset.setMinimumContentsLength(16)
        self.preset.addItem(self.tr("Detect from the column headers"), None)
        for name, preset_title in vm.presets():
            self.preset.addItem(preset_title, name)
        self.preset.currentIndexChanged.connect(lambda _i: vm.set_preset(self.preset.currentData()))
        self.partial = button(self, self.tr("Partial list"), "Partial list", checkable=True)
        self.partial.setToolTip(self.tr("The file lists only some residents: nobody is moved out for being absent"))
        self.partial.toggled.connect(vm.set_partial)
        self.preview_button = button(self, self.tr("Preview"), "Preview import")
        self.preview_button.clicked.connect(vm.preview)
        self.import_button = button(self, self.tr("Import"), "Import residents")
        self.import_button.clicked.connect(vm.run_import)

        self._summary = QLabel("", self)
        self._summary.setWordWrap(True)
        self._summary.setAccessibleName("Import summary")
        self.error_model: ListTableModel[RowError] = ListTableModel([
            (self.tr("Row"), lambda e: e.row or self.tr("file")),
            (self.tr("Column"), lambda e: e.column),
            (self.tr("Problem"), lambda e: e.message),
        ], self)
        self.error_table = QTableView(self)
        self.error_table.setModel(self.error_model)
        self.error_table.setAccessibleName("Import errors")
        self.error_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.error_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.error_table.verticalHeader().setVisible(False)
        self.change_model: ListTableModel[tuple[str, str]] = ListTableModel([
            (self.tr("Change"), lambda c: c[0]),
            (self.tr("Who"), lambda c: c[1]),
        ], self)
        self.change_table = QTableView(self)
        self.change_table.setModel(self.change_model)
        self.change_table.setAccessibleName("Import changes")
        self.change_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.change_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.change_table.verticalHeader().setVisible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse_button)
        layout.addLayout(file_row)
        options = QHBoxLayout()
        options.addWidget(self.preset, 1)
        options.addWidget(self.partial)
        options.addWidget(self.preview_button)
        layout.addLayout(options)
        layout.addWidget(self._summary)
        tables = QHBoxLayout()
        tables.addWidget(self.error_table, 3)
        tables.addWidget(self.change_table, 2)
        layout.addLayout(tables, 1)
        layout.addWidget(self._message)
        layout.addWidget(self.import_button)

        vm.preview_changed.connect(self._show_report)
        vm.busy_changed.connect(lambda _busy: self._update_buttons())
        vm.message.connect(lambda text, severity: set_message(self._message, text, severity))
        self._show_report(None)

    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Rent-roll export"), self.path.text(),
                                                    self.tr("CSV files (*.csv *.txt);;All files (*)"))
        if path:
            self.path.setText(path)

    def _update_buttons(self) -> None:
        self.import_button.setEnabled(self._vm.can_import)
        self.preview_button.setEnabled(not self._vm.busy)

    def _show_report(self, report: ImportReport | None) -> None:
        self._update_buttons()
        if report is None:
            self._summary.setText(self.tr("Choose the file, then Preview: nothing is written until you press "
                                          "Import."))
            self.error_model.set_rows([])
            self.change_model.set_rows([])
            return
        counts = report.counts()
        self._summary.setText(self.tr(
            "{0}: preset {1}, {2} rows. {3} to add, {4} to update, {5} unchanged, {6} moved out ({7} waiting "
            "parcels flagged), {8} skipped, {9} errors.").format(
            report.source, report.preset, counts["rows"], counts["added"], counts["updated"], counts["unchanged"],
            counts["moved_out"], counts["parcels_flagged"], counts["skipped"], counts["errors"]))
        self.error_model.set_rows(list(report.errors))
        changes = [(self.tr("add"), f"{c.name}, {c.unit}") for c in report.added]
        changes += [(self.tr("update"), f"{c.name}, {c.unit}: {', '.join(c.fields)}") for c in report.updated]
        changes += [(self.tr("move out"), f"{m.name}, {m.unit}: {m.reason}") for m in report.moved_out]
        self.change_model.set_rows(changes)


__all__ = ["TOUCH", "ResidentImportScreen", "ResidentsScreen"]
