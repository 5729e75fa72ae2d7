"""The intake screen: scan, (tap the recipient), go on scanning; the session's parcels beside."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
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

from kiosk.persistence.models import SizeClass
from kiosk.residents.directory import ResidentHit
from kiosk.services.parcels import ParcelInfo
from ui.screens.staff.forms import set_message, title_label
from ui.viewmodels.intake import IntakeDraft, IntakeViewModel
from ui.widgets.touch_keyboard import TouchKeyboard

FLAG_LABELS = {"perishable": "Perishable", "oversized": "Oversized", "signature_required": "Signature",
               "fragile": "Fragile"}


class IntakeScreen(QWidget):
    def __init__(self, vm: IntakeViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vm = vm
        self.setAccessibleName("Intake screen")

        self._prompt = title_label(self, self.tr("Scan a parcel"), "Scan prompt")
        self._tracking = QLabel("", self)
        self._tracking.setObjectName("Tracking")
        self._tracking.setAccessibleName("Tracking number")
        self._recipient = QLabel("", self)
        self._recipient.setObjectName("Recipient")
        self._recipient.setAccessibleName("Recipient")
        self._message = QLabel("", self)
        self._message.setObjectName("StaffMessage")
        self._message.setWordWrap(True)
        self._message.setAccessibleName("Intake message")

        self.search = QLineEdit(self)
        self.search.setAccessibleName("Resident search")
        self.search.setPlaceholderText(self.tr("Name, unit or phone"))
        self.search.textChanged.connect(vm.search)
        self._proposals = QListWidget(self)
        self._proposals.setAccessibleName("Resident matches")
        self._proposals.itemClicked.connect(self._choose)
        self.keyboard = TouchKeyboard(self.search, self)
        self.keyboard.setVisible(False)
        self.keyboard_button = QPushButton("⌨", self)
        self.keyboard_button.setObjectName("Toggle")
        self.keyboard_button.setCheckable(True)
        self.keyboard_button.setAccessibleName("Show keyboard")
        self.keyboard_button.setToolTip(self.tr("Show the on-screen keyboard"))
        self.keyboard_button.setMinimumWidth(88)
        self.keyboard_button.toggled.connect(self.keyboard.setVisible)

        sizes = QHBoxLayout()
        self._size_group = QButtonGroup(self)
        for size in SizeClass:
            button = QPushButton(size.value, self)
            button.setCheckable(True)
            button.setObjectName("Toggle")
            button.setAccessibleName(f"Size {size.value}")
            button.clicked.connect(lambda _=False, s=size: vm.set_size(s))
            self._size_group.addButton(button)
            sizes.addWidget(button)
        flags = QHBoxLayout()
        self._flag_buttons: dict[str, QPushButton] = {}
        for flag, label in FLAG_LABELS.items():
            button = QPushButton(self.tr(label), self)
            button.setCheckable(True)
            button.setObjectName("Toggle")
            button.setAccessibleName(label)
            button.clicked.connect(lambda _=False, f=flag: vm.toggle_flag(f))
            self._flag_buttons[flag] = button
            flags.addWidget(button)

        self.save_button = QPushButton(self.tr("Save and print"), self)
        self.save_button.setAccessibleName("Save and print")
        self.save_button.clicked.connect(vm.confirm)
        self.attention_button = QPushButton(self.tr("Needs attention"), self)
        self.attention_button.setObjectName("Secondary")
        self.attention_button.setAccessibleName("Save to needs attention")
        self.attention_button.clicked.connect(vm.save_for_attention)
        self.undo_button = QPushButton(self.tr("Undo last"), self)
        self.undo_button.setObjectName("Secondary")
        self.undo_button.setAccessibleName("Undo last")
        self.undo_button.clicked.connect(vm.undo_last)

        self._tally = QLabel("", self)
        self._tally.setObjectName("Subtitle")
        self._tally.setAccessibleName("Session tally")
        self._tally.setWordWrap(True)
        self._session = QListWidget(self)
        self._session.setAccessibleName("Parcels this session")
        self._session.setMaximumWidth(340)

        self._proposals.setMinimumHeight(120)
        left = QVBoxLayout()
        heading = QHBoxLayout()
        heading.addWidget(self._prompt)
        heading.addStretch(1)
        heading.addWidget(self._tracking)
        left.addLayout(heading)
        left.addWidget(self._recipient)
        left.addWidget(self._message)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.keyboard_button)
        self.read_label_button = QPushButton(self.tr("Read label"), self)
        self.read_label_button.setObjectName("Toggle")
        self.read_label_button.setAccessibleName("Read label")
        self.read_label_button.setToolTip(self.tr("Read the tracking number and the recipient from the label "
                                                  "under the camera"))
        self.read_label_button.setVisible(vm.can_read_labels)
        self.read_label_button.clicked.connect(vm.read_label_now)
        search_row.addWidget(self.read_label_button)
        left.addLayout(search_row)
        left.addWidget(self._proposals, 1)
        left.addWidget(self.keyboard, 2)
        left.addLayout(sizes)
        left.addLayout(flags)
        actions = QHBoxLayout()
        actions.addWidget(self.save_button, 2)
        actions.addWidget(self.attention_button, 1)
        left.addLayout(actions)

        right = QVBoxLayout()
        right.addWidget(self._tally)
        right.addWidget(self._session, 1)
        right.addWidget(self.undo_button)

        layout = QGridLayout(self)
        layout.addLayout(left, 0, 0)
        layout.addLayout(right, 0, 1)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 2)

        vm.draft_changed.connect(self._update_draft)
        vm.proposals_changed.connect(self._update_proposals)
        vm.session_changed.connect(self._update_session)
        vm.message.connect(self._update_message)
        self._update_draft(None)
        self._update_session([])

    def _update_draft(self, draft: IntakeDraft | None) -> None:
        enabled = draft is not None and not draft.duplicate_of
        for button in [*self._size_group.buttons(), *self._flag_buttons.values(), self.save_button,
                       self.attention_button]:
            button.setEnabled(enabled)
        if draft is None:
            self._prompt.setText(self.tr("Scan a parcel"))
            self._tracking.setText("")
            self._recipient.setText("")
            self.search.clear()
            return
        carrier = (draft.tracking.carrier or self.tr("unknown carrier")).replace("_", " ").upper()
        self._prompt.setText(self.tr("Who is it for?") if not draft.complete else self.tr("Ready to save"))
        shelf = f" → {draft.shelf_code}" if draft.shelf_code else ""
        self._tracking.setText(f"{draft.tracking.number}  ·  {carrier}{shelf}")
        self._recipient.setText(draft.resident_label + ("  ✓" if draft.certain else ""))
        for button in self._size_group.buttons():
            button.setChecked(button.text() == draft.size.value)
        for flag, button in self._flag_buttons.items():
            button.setChecked(flag in draft.flags)
        if draft.warning:
            self._update_message(draft.warning, "warning")

    def _update_proposals(self, hits: list[ResidentHit]) -> None:
        self._proposals.clear()
        for hit in hits:
            item = QListWidgetItem(f"{hit.full_name}   ·   {self.tr('unit')} {hit.unit}")
            item.setData(Qt.ItemDataRole.UserRole, hit)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{hit.full_name} unit {hit.unit}")
            self._proposals.addItem(item)

    def _choose(self, item: QListWidgetItem) -> None:
        self._vm.choose(item.data(Qt.ItemDataRole.UserRole))

    def _update_session(self, parcels: list[ParcelInfo]) -> None:
        self._tally.setText(self.tr("{0} parcels this session").format(len(parcels)))
        self._session.clear()
        for parcel in parcels:
            who = f"{parcel.recipient} {parcel.unit}" if parcel.recipient else self.tr("needs attention")
            self._session.addItem(f"{parcel.location_name or '—'}   {who}   {parcel.tracking_number[-6:]}")
        self.undo_button.setEnabled(bool(parcels))

    def _update_message(self, text: str, severity: str) -> None:
        set_message(self._message, text, severity)
