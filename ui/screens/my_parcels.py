"""After a valid code: the resident's own parcels, each with its shelf in large type, and the door.

Below the list, "Open the door" (when a door controller is configured and there is something to
take through it) unlocks the package room; a countdown shows while it is unlocked, then a thank
you, and the kiosk returns to the start by itself. With no door controller the screen says where
to collect the parcels instead.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QEvent, QLocale, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ui.viewmodels.parcel_extras import ParcelExtrasViewModel
from ui.viewmodels.pickup import ParcelRow, PickupViewModel
from ui.widgets.room_map import RoomMapPanel


class ParcelCard(QFrame):
    def __init__(self, row: ParcelRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ParcelCard")
        self.setAccessibleName(f"Parcel {row.code}")
        captions = {"shelf": self.tr("Shelf"), "fridge": self.tr("Fridge"), "oversize": self.tr("Oversize area"),
                     "locker": self.tr("Locker"), "bin": self.tr("Bin"), "zone": self.tr("Zone")}
        caption = QLabel(captions.get(row.place_kind or "", ""), self)
        caption.setObjectName("Caption")
        shelf = QLabel(row.shelf or self.tr("Front desk"), self)
        shelf.setObjectName("Shelf")
        shelf.setAccessibleName("Shelf")
        place = QVBoxLayout()
        place.setSpacing(0)
        place.addWidget(caption)
        place.addWidget(shelf)
        received = QLocale().toString(QDateTime(row.received.astimezone()).toLocalTime(), "ddd d MMM, HH:mm")
        detail = QLabel(f"{row.carrier}  ·  {received}  ·  {row.code}", self)
        detail.setObjectName("Detail")
        detail.setWordWrap(True)  # large text: wrap rather than run under the room map
        layout = QHBoxLayout(self)
        self._layout = layout
        layout.addLayout(place, 1)
        layout.addWidget(detail, 2)
        if row.on_hold:
            desk = QLabel(self.tr("On hold: see the front desk"), self)
            desk.setObjectName("Warning")
            layout.addWidget(desk, 2)
        elif row.see_desk:
            desk = QLabel(self.tr("Signature needed: see the front desk"), self)
            desk.setObjectName("Warning")
            layout.addWidget(desk, 2)
        elif row.perishable:
            cold = QLabel(self.tr("Perishable — in the fridge"), self)
            cold.setObjectName("Notice")
            layout.addWidget(cold, 2)

    def set_photo(self, image: QImage) -> None:
        """Show the parcel's photo as a thumbnail at the start of the card."""
        photo = QLabel(self)
        photo.setObjectName("ParcelPhoto")
        photo.setAccessibleName("Parcel photo")
        photo.setPixmap(QPixmap.fromImage(image).scaled(112, 112, Qt.AspectRatioMode.KeepAspectRatio,
                                                         Qt.TransformationMode.SmoothTransformation))
        photo.setFixedSize(120, 120)
        photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._layout.insertWidget(0, photo)


class MyParcelsScreen(QWidget):
    def __init__(self, vm: PickupViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vm = vm
        self.setAccessibleName("My parcels screen")
        self._greeting = QLabel("", self)
        self._greeting.setObjectName("Title")
        self._greeting.setAccessibleName("Greeting")
        self._summary = QLabel("", self)
        self._summary.setObjectName("Subtitle")
        self._summary.setAccessibleName("Summary")

        self._cards: list[ParcelCard] = []
        self._list = QWidget(self)
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setSpacing(12)
        self._list_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._list)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setAccessibleName("Parcel list")

        self._name = ""
        self._rows: list[ParcelRow] = []
        self.done_button = QPushButton(self)
        self.done_button.setObjectName("Secondary")
        self.done_button.setAccessibleName("I'm done")
        self.done_button.setMinimumHeight(88)
        self.done_button.clicked.connect(vm.reset)

        # The door: one large button, then what the door is doing (countdown, thanks) or, with
        # no door controller, where to collect the parcels.
        self._door_phase, self._door_seconds = "none", 0
        self.door_button = QPushButton(self)
        self.door_button.setObjectName("OpenDoor")
        self.door_button.setAccessibleName("Open the door")
        self.door_button.setMinimumSize(420, 120)
        # The biggest target on the screen (the theme's 72 px button minimum would shrink it).
        self.door_button.setStyleSheet("QPushButton { min-height: 96px; font-size: 34px; background: #1b7f3b; }"
                                       "QPushButton:disabled { background: #9aa8b3; }")
        self.door_button.clicked.connect(vm.open_door)
        self._door_status = QLabel("", self)
        self._door_status.setObjectName("Title")
        self._door_status.setAccessibleName("Door status")
        self._door_status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._door_note = QLabel("", self)
        self._door_note.setObjectName("Subtitle")
        self._door_note.setAccessibleName("Door note")
        self._door_note.setWordWrap(True)
        self._door_note.setAlignment(Qt.AlignmentFlag.AlignCenter)

        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addWidget(self.door_button, 3)
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)
        # A row of its own for what other modules add (:meth:`add_action`), so the door button keeps its room.
        self._actions = QHBoxLayout()
        self._actions.setSpacing(16)
        self._actions.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 40, 48, 40)
        layout.addWidget(self._greeting)
        layout.addWidget(self._summary)
        self._middle = QHBoxLayout()  # the list, and the room map beside it (:meth:`attach_extras`)
        self._middle.addWidget(scroll, 3)
        layout.addLayout(self._middle, 1)
        self.extras: ParcelExtrasViewModel | None = None
        layout.addWidget(self._door_status)
        layout.addWidget(self._door_note)
        layout.addLayout(self._actions)
        layout.addLayout(buttons)
        vm.parcels_changed.connect(self._update_parcels)
        vm.door_changed.connect(self._update_door)
        self._retranslate()

    def attach_extras(self, extras: ParcelExtrasViewModel) -> None:
        """Show the room map beside the list and the parcel photos on the cards, as ``extras`` loads them."""
        self.extras = extras
        self.room_map = RoomMapPanel(self)
        self._middle.addWidget(self.room_map, 2)
        extras.map_changed.connect(self.room_map.set_map)
        extras.photos_changed.connect(lambda _photos: self._update_parcels(self._name, self._rows))

    def add_action(self, button: QWidget) -> None:
        """Add a button for the signed-in resident (preferences, expected parcels…) before "I'm done"."""
        self._actions.insertWidget(self._actions.count() - 1, button)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.done_button.setText(self.tr("I'm done"))
        self._update_parcels(self._name, self._rows)
        self._update_door(self._door_phase, self._door_seconds)

    def _update_door(self, phase: str, seconds: int) -> None:
        self._door_phase, self._door_seconds = phase, seconds
        status, note = "", ""
        if phase == "unavailable":
            note = self.tr("Your parcels are in the package room, on the shelves shown. "
                           "If the room is locked, please ask at the front desk.")
        elif phase == "open":
            status = self.tr("Door unlocked — {0} s").format(seconds)
            note = self.tr("Push the door open now, take your parcels and close the door behind you.")
        elif phase == "thanks":
            status = self.tr("Thank you!")
            note = self.tr("Please close the door behind you. Have a good day.")
        self.door_button.setVisible(phase in ("ready", "opening"))
        self.door_button.setEnabled(phase == "ready")
        self.door_button.setText(self.tr("Opening the door…") if phase == "opening" else self.tr("Open the door"))
        self._door_status.setText(status)
        self._door_status.setVisible(bool(status))
        self._door_note.setText(note)
        self._door_note.setVisible(bool(note))

    def _update_parcels(self, name: str, rows: list[ParcelRow]) -> None:
        self._name, self._rows = name, rows
        for card in self._cards:
            self._list_layout.removeWidget(card)
            card.deleteLater()
        self._cards = []
        self._greeting.setText(self.tr("Hello, {0}").format(name) if name else "")
        if len(rows) == 1:
            self._summary.setText(self.tr("One parcel is waiting for you. Take it from this shelf:"))
        elif rows:
            self._summary.setText(self.tr("{0} parcels are waiting for you. Take them from these shelves:")
                                  .format(len(rows)))
        else:
            self._summary.setText(self.tr("Nothing is waiting for you right now."))
        for index, row in enumerate(rows):
            card = ParcelCard(row, self._list)
            if self.extras is not None and row.code in self.extras.photos:
                card.set_photo(self.extras.photos[row.code])
            self._list_layout.insertWidget(index, card)
            self._cards.append(card)

    @property
    def shown_codes(self) -> list[str]:
        """The parcel codes on screen, in order (what a test or screen reader would see)."""
        return [card.accessibleName().removeprefix("Parcel ") for card in self._cards]
