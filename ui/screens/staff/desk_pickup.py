"""The desk pickup screen: find the resident, scan (or tap) their parcels, sign, release."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.persistence.models import Role
from kiosk.residents.directory import ResidentHit
from kiosk.services.desk import DeskRelease, DeskResident
from kiosk.services.residents_admin import ProxyInfo
from ui.screens.staff.forms import TOUCH, set_message, title_label
from ui.viewmodels.desk_pickup import DeskPickupViewModel
from ui.widgets.signature_pad import SignaturePad
from ui.widgets.touch_keyboard import TouchKeyboard


class DeskPickupScreen(QWidget):
    required_role = Role.STAFF

    def __init__(self, vm: DeskPickupViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vm = vm
        self.setAccessibleName("Desk pickup screen")

        title = title_label(self, self.tr("Desk pickup"), "Desk pickup title")
        self._message = QLabel(self.tr("Search for the resident, or scan their pickup code or badge."), self)
        self._message.setObjectName("StaffMessage")
        self._message.setWordWrap(True)
        self._message.setAccessibleName("Desk message")

        # -- finding the resident
        self.search = QLineEdit(self)
        self.search.setAccessibleName("Desk resident search")
        self.search.setPlaceholderText(self.tr("Name, unit or phone"))
        self.search.textChanged.connect(vm.search)
        self.keyboard_button = QPushButton("⌨", self)
        self.keyboard_button.setObjectName("Toggle")
        self.keyboard_button.setCheckable(True)
        self.keyboard_button.setAccessibleName("Show desk keyboard")
        self.keyboard_button.setToolTip(self.tr("Show the on-screen keyboard"))
        self.keyboard_button.setMinimumSize(88, TOUCH)
        self.keyboard = TouchKeyboard(self.search, self)
        self.keyboard.setVisible(False)
        self.keyboard_button.toggled.connect(self.keyboard.setVisible)
        self.matches = QListWidget(self)
        self.matches.setAccessibleName("Desk resident matches")
        self.matches.itemClicked.connect(self._choose_resident)

        # -- the resident and their parcels
        self._resident = QLabel("", self)
        self._resident.setObjectName("Recipient")
        self._resident.setAccessibleName("Resident at desk")
        self._resident.setWordWrap(True)
        self.parcels = QListWidget(self)
        self.parcels.setAccessibleName("Waiting parcels")
        self.parcels.itemClicked.connect(self._toggle_parcel)
        self.all_button = QPushButton(self.tr("All parcels"), self)
        self.all_button.setObjectName("Secondary")
        self.all_button.setAccessibleName("Choose all parcels")
        self.all_button.setMinimumHeight(TOUCH)
        self.all_button.clicked.connect(vm.choose_all)
        self.collector = QComboBox(self)
        self.collector.setAccessibleName("Collected by")
        self.collector.setMinimumHeight(TOUCH)
        self.collector.activated.connect(self._collector_chosen)

        # -- signature, photo, release
        self.pad = SignaturePad(self)
        self.pad.signed.connect(lambda: vm.set_signature(None if self.pad.is_empty() else self.pad.to_png()))
        self.clear_button = QPushButton(self.tr("Clear signature"), self)
        self.clear_button.setObjectName("Secondary")
        self.clear_button.setAccessibleName("Clear signature")
        self.clear_button.setMinimumHeight(TOUCH)
        self.clear_button.clicked.connect(self._clear_signature)
        self.photo_button = QPushButton(self.tr("Take photo"), self)
        self.photo_button.setObjectName("Secondary")
        self.photo_button.setAccessibleName("Take photo")
        self.photo_button.setMinimumHeight(TOUCH)
        self.photo_button.setVisible(vm.can_take_photo)
        self.photo_button.clicked.connect(vm.take_photo)
        self._photo = QLabel("", self)
        self._photo.setAccessibleName("Photo status")
        self.remove_photo_button = QPushButton(self.tr("Remove photo"), self)
        self.remove_photo_button.setObjectName("Secondary")
        self.remove_photo_button.setAccessibleName("Remove photo")
        self.remove_photo_button.setMinimumHeight(TOUCH)
        self.remove_photo_button.clicked.connect(lambda: vm.set_photo(None))
        self.release_button = QPushButton(self.tr("Release"), self)
        self.release_button.setAccessibleName("Release parcels")
        self.release_button.setMinimumHeight(72)
        self.release_button.clicked.connect(vm.release)
        self.done_button = QPushButton(self.tr("Next resident"), self)
        self.done_button.setObjectName("Secondary")
        self.done_button.setAccessibleName("Next resident")
        self.done_button.setMinimumHeight(TOUCH)
        self.done_button.clicked.connect(self._next_resident)

        left = QVBoxLayout()
        left.addWidget(title)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.keyboard_button)
        left.addLayout(search_row)
        left.addWidget(self.matches, 1)
        left.addWidget(self.keyboard, 2)
        left.addWidget(self._message)

        right = QVBoxLayout()
        heading = QHBoxLayout()
        heading.addWidget(self._resident, 1)
        heading.addWidget(self.done_button)
        right.addLayout(heading)
        right.addWidget(self.parcels, 3)
        who = QHBoxLayout()
        who.addWidget(self.all_button)
        who.addWidget(self.collector, 1)
        right.addLayout(who)
        right.addWidget(self.pad, 2)
        photo_row = QHBoxLayout()
        photo_row.addWidget(self.clear_button)
        photo_row.addWidget(self.photo_button)
        photo_row.addWidget(self._photo, 1)
        photo_row.addWidget(self.remove_photo_button)
        right.addLayout(photo_row)
        right.addWidget(self.release_button)

        layout = QGridLayout(self)
        layout.addLayout(left, 0, 0)
        layout.addLayout(right, 0, 1)
        layout.setColumnStretch(0, 2)
        layout.setColumnStretch(1, 3)

        vm.matches_changed.connect(self._update_matches)
        vm.resident_changed.connect(self._update_resident)
        vm.chosen_changed.connect(self._update_chosen)
        vm.proxy_changed.connect(self._update_proxy)
        vm.signature_changed.connect(self._update_signature)
        vm.photo_changed.connect(self._update_photo)
        vm.busy_changed.connect(lambda busy: self.release_button.setEnabled(not busy))
        vm.released.connect(self._after_release)
        vm.message.connect(lambda text, severity: set_message(self._message, text, severity))
        self._update_resident(None)
        self._update_photo(False)

    # ------------------------------------------------------------------ resident

    def _update_matches(self, hits: list[ResidentHit]) -> None:
        self.matches.clear()
        for hit in hits:
            item = QListWidgetItem(f"{hit.full_name}   ·   {self.tr('unit')} {hit.unit}")
            item.setData(Qt.ItemDataRole.UserRole, hit)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{hit.full_name} unit {hit.unit}")
            self.matches.addItem(item)

    def _choose_resident(self, item: QListWidgetItem) -> None:
        self._vm.choose(item.data(Qt.ItemDataRole.UserRole))

    def _update_resident(self, resident: DeskResident | None) -> None:
        has = resident is not None
        for widget in (self.parcels, self.all_button, self.collector, self.pad, self.clear_button,
                       self.release_button, self.done_button, self.photo_button):
            widget.setEnabled(has)
        self.parcels.clear()
        self.collector.clear()
        if resident is None:
            self._resident.setText(self.tr("No resident chosen"))
            self.pad.clear()
            return
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._resident.setText(self.tr("{0} · unit {1}").format(resident.full_name, resident.unit_label))
        for entry in resident.parcels:
            parcel = entry.parcel
            flags = "".join(mark for mark, on in (("  ✍", parcel.signature_required), ("  ❄", parcel.perishable),
                                                  ("  ⏸ " + self.tr("on hold"), entry.on_hold)) if on)
            text = f"{parcel.location_name or '—'}   {parcel.code}   {(parcel.carrier or '').upper()}   " \
                   f"…{parcel.tracking_number[-6:]}{flags}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, parcel.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"Parcel {parcel.code}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.parcels.addItem(item)
        self.collector.addItem(self.tr("{0} (the resident)").format(resident.full_name), None)
        for proxy in resident.proxies:
            limit = self.tr(" (named parcels only)") if proxy.parcel_ids else ""
            self.collector.addItem(self.tr("Proxy: {0}").format(proxy.name) + limit, proxy.id)
        self.collector.setEnabled(bool(resident.proxies))

    def _next_resident(self) -> None:
        self._vm.reset()
        self.search.setFocus()

    # ------------------------------------------------------------------ parcels and collector

    def _toggle_parcel(self, item: QListWidgetItem) -> None:
        self._vm.toggle_parcel(int(item.data(Qt.ItemDataRole.UserRole)))

    def _update_chosen(self, chosen: list[int]) -> None:
        for row in range(self.parcels.count()):
            item = self.parcels.item(row)
            on = item.data(Qt.ItemDataRole.UserRole) in chosen
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        count = len(chosen)
        self.release_button.setText(self.tr("Release {0} parcel(s)").format(count) if count else self.tr("Release"))

    def _collector_chosen(self, index: int) -> None:
        self._vm.choose_proxy(self.collector.itemData(index))

    def _update_proxy(self, proxy: ProxyInfo | None) -> None:
        index = self.collector.findData(proxy.id if proxy is not None else None)
        if index >= 0 and index != self.collector.currentIndex():
            self.collector.setCurrentIndex(index)

    # ------------------------------------------------------------------ signature and photo

    def _clear_signature(self) -> None:
        self.pad.clear()
        self._vm.set_signature(None)

    def _update_signature(self, signed: bool) -> None:
        if not signed and not self.pad.is_empty():
            self.pad.clear()

    def _update_photo(self, has_photo: bool) -> None:
        self._photo.setText(self.tr("Photo attached") if has_photo else "")
        self.remove_photo_button.setVisible(has_photo)

    def _after_release(self, _result: DeskRelease) -> None:
        self.pad.clear()
