""""Is my package here?" (anyone) and "Expected parcels" (the signed-in resident).

Both screens take a tracking number from the scanner (the barcode on a shipping confirmation) or
from the on-screen keyboard, since tracking numbers have letters. :class:`TrackScreen` answers in
large type; :class:`ExpectedScreen` lists the resident's own pre-registered numbers, each with a
Remove button. Neither shows a name, a unit or a shelf.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.services.tracking_lookup import ExpectedInfo
from ui.main_window import MainWindow
from ui.scan_router import ScanRouter
from ui.viewmodels.track import ExpectedViewModel, TrackViewModel, day
from ui.widgets.action_button import ActionButton
from ui.widgets.touch_keyboard import TouchKeyboard

_COLOURS = {"ok": "#1b7f3b", "info": "#0b3d5c", "error": "#a4161a", "": "#0b3d5c"}


def _number_field(parent: QWidget, name: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setAccessibleName(name)
    field.setMaxLength(64)
    field.setMinimumHeight(72)
    field.setStyleSheet("font-size: 28px; font-family: 'DejaVu Sans Mono';")
    return field


def _button(parent: QWidget, name: str, secondary: bool = False, slot: Callable[[], object] | None = None
            ) -> QPushButton:
    button = QPushButton(parent)
    button.setAccessibleName(name)
    button.setMinimumHeight(88)
    if secondary:
        button.setObjectName("Secondary")
    if slot is not None:
        button.clicked.connect(slot)
    return button



def _two_columns(screen: QWidget, left: QVBoxLayout, right: QVBoxLayout, back: QWidget) -> None:
    """Both resident screens here: text on the left, the keyboard and "Back" (bottom right) on the right."""
    back_row = QHBoxLayout()
    back_row.addStretch(1)
    back_row.addWidget(back)
    right.addLayout(back_row)
    layout = QHBoxLayout(screen)
    layout.setContentsMargins(48, 40, 48, 40)
    layout.setSpacing(40)
    layout.addLayout(left, 5)
    layout.addLayout(right, 5)

class TrackScreen(QWidget):
    """Type or scan a tracking number; a big answer: here since…, picked up, returned, not here yet."""

    def __init__(self, vm: TrackViewModel, on_back: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vm = vm
        self.setAccessibleName("Package lookup screen")
        self._title = QLabel(self)
        self._title.setObjectName("Title")
        self._title.setAccessibleName("Lookup title")
        self._title.setWordWrap(True)
        self._steps = QLabel(self)
        self._steps.setObjectName("Subtitle")
        self._steps.setWordWrap(True)
        self._steps.setAccessibleName("Lookup instructions")

        self.field = _number_field(self, "Tracking number")
        self.field.returnPressed.connect(self._check)
        self.check_button = _button(self, "Check", slot=self._check)
        self.check_button.setMinimumWidth(240)
        self.check_button.setStyleSheet("QPushButton { background: #1b7f3b; font-size: 28px; }"
                                        "QPushButton:disabled { background: #9aa8b3; }")

        self._headline = QLabel("", self)
        self._headline.setAccessibleName("Answer")
        self._headline.setWordWrap(True)
        self._detail = QLabel("", self)
        self._detail.setAccessibleName("Answer detail")
        self._detail.setWordWrap(True)
        self._detail.setStyleSheet("font-size: 26px;")
        self._detail.setTextFormat(Qt.TextFormat.PlainText)

        self.keyboard = TouchKeyboard(self.field, self)
        self.back_button = _button(self, "Back", secondary=True, slot=on_back)
        self.back_button.setMinimumWidth(220)

        # The field gets the whole column: FedEx and USPS numbers run to 22-34 characters.
        check_row = QHBoxLayout()
        check_row.addStretch(1)
        check_row.addWidget(self.check_button)

        left = QVBoxLayout()
        left.setSpacing(16)
        left.addWidget(self._title)
        left.addWidget(self._steps)
        left.addSpacing(8)
        left.addWidget(self.field)
        left.addLayout(check_row)
        left.addSpacing(16)
        left.addWidget(self._headline)
        left.addWidget(self._detail)
        left.addStretch(1)

        right = QVBoxLayout()
        right.setSpacing(16)
        right.addStretch(1)
        right.addWidget(self.keyboard, 6)
        _two_columns(self, left, right, self.back_button)

        vm.answer_changed.connect(self._update_answer)
        vm.busy_changed.connect(self._update_busy)
        vm.text_changed.connect(self.field.setText)
        self._retranslate()
        self._update_answer(*vm.answer)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._title.setText(self.tr("Is my package here?"))
        self._steps.setText(self.tr("Hold the barcode on your shipping confirmation under the scanner, or type "
                                    "the whole tracking number and press Check."))
        self.field.setPlaceholderText(self.tr("Tracking number"))
        self.check_button.setText(self.tr("Check"))
        self.back_button.setText(self.tr("Back"))

    def _check(self) -> None:
        self._vm.look_up(self.field.text())

    def _update_answer(self, headline: str, detail: str, severity: str) -> None:
        self._headline.setText(headline)
        self._headline.setStyleSheet(f"font-size: 44px; font-weight: bold; color: {_COLOURS.get(severity)};")
        self._detail.setText(detail)

    def _update_busy(self, busy: bool) -> None:
        self.check_button.setEnabled(not busy)


class ExpectedRow(QFrame):
    def __init__(self, info: ExpectedInfo, on_remove: Callable[[int], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ParcelCard")
        self.setAccessibleName(f"Expected {info.tracking_number}")
        number = QLabel(info.tracking_number, self)
        number.setObjectName("Tracking")
        number.setAccessibleName("Expected number")
        number.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        carrier = (info.carrier or "").replace("_", " ").upper()
        if info.arrived_at is not None:
            state = self.tr("Arrived {0}").format(day(info.arrived_at))
        else:
            state = self.tr("Expected since {0}").format(day(info.created_at))
        detail = QLabel("  ·  ".join(part for part in (carrier, state) if part), self)
        detail.setObjectName("Detail")
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(number)
        text.addWidget(detail)
        remove = QPushButton(self.tr("Remove"), self)
        remove.setObjectName("Secondary")
        remove.setAccessibleName(f"Remove {info.tracking_number}")
        remove.setMinimumHeight(72)
        remove.clicked.connect(lambda: on_remove(info.id))
        layout = QHBoxLayout(self)
        layout.addLayout(text, 1)
        layout.addWidget(remove)


class ExpectedScreen(QWidget):
    """The signed-in resident's pre-registered tracking numbers: add by scan or keyboard, remove."""

    def __init__(self, vm: ExpectedViewModel, on_back: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vm = vm
        self._rows: list[ExpectedInfo] = []
        self._cards: list[ExpectedRow] = []
        self.setAccessibleName("Expected parcels screen")
        self._title = QLabel(self)
        self._title.setObjectName("Title")
        self._title.setAccessibleName("Expected parcels title")
        self._title.setWordWrap(True)
        self._steps = QLabel(self)
        self._steps.setObjectName("Subtitle")
        self._steps.setWordWrap(True)
        self._steps.setAccessibleName("Expected parcels instructions")
        self._empty = QLabel(self)
        self._empty.setObjectName("Subtitle")
        self._empty.setWordWrap(True)
        self._empty.setAccessibleName("Empty list")

        self._list = QWidget(self)
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setSpacing(12)
        self._list_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._list)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setAccessibleName("Expected list")

        self.field = _number_field(self, "Tracking number")
        self.field.returnPressed.connect(self._add)
        self.add_button = _button(self, "Add", slot=self._add)
        self.add_button.setMinimumWidth(160)
        self.add_button.setStyleSheet("QPushButton { background: #1b7f3b; font-size: 28px; }")
        self._message = QLabel("", self)
        self._message.setObjectName("Message")
        self._message.setWordWrap(True)
        self._message.setAccessibleName("Expected parcels message")
        self.keyboard = TouchKeyboard(self.field, self)
        self.back_button = _button(self, "Back", secondary=True, slot=on_back)
        self.back_button.setMinimumWidth(220)

        left = QVBoxLayout()
        left.setSpacing(12)
        left.addWidget(self._title)
        left.addWidget(self._steps)
        left.addWidget(self._empty)
        left.addWidget(scroll, 1)

        entry = QHBoxLayout()
        entry.setSpacing(16)
        entry.addWidget(self.field, 1)
        entry.addWidget(self.add_button)
        right = QVBoxLayout()
        right.setSpacing(12)
        right.addLayout(entry)
        right.addWidget(self._message)
        right.addWidget(self.keyboard, 1)
        _two_columns(self, left, right, self.back_button)

        vm.rows_changed.connect(self._update_rows)
        vm.message.connect(self._update_message)
        vm.text_changed.connect(self.field.setText)
        self._retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._title.setText(self.tr("Expected parcels"))
        self._steps.setText(self.tr("Waiting for a parcel? Add its tracking number: when it arrives, it is "
                                    "logged for you and you get your pickup message straight away."))
        self._empty.setText(self.tr("No tracking numbers yet. Scan the barcode on your shipping confirmation, "
                                    "or type the number and press Add."))
        self.field.setPlaceholderText(self.tr("Tracking number"))
        self.add_button.setText(self.tr("Add"))
        self.back_button.setText(self.tr("Back"))
        self._update_rows(self._rows)

    def _add(self) -> None:
        self._vm.add(self.field.text())

    def _update_rows(self, rows: list[ExpectedInfo]) -> None:
        self._rows = rows
        for card in self._cards:
            self._list_layout.removeWidget(card)
            card.deleteLater()
        self._cards = []
        for index, info in enumerate(rows):
            card = ExpectedRow(info, self._vm.remove, self._list)
            self._list_layout.insertWidget(index, card)
            self._cards.append(card)
        self._empty.setVisible(not rows)

    def _update_message(self, text: str, severity: str) -> None:
        self._message.setText(text)
        self._message.setProperty("severity", severity)
        self._message.style().unpolish(self._message)
        self._message.style().polish(self._message)

    @property
    def shown_numbers(self) -> list[str]:
        return [card.accessibleName().removeprefix("Expected ") for card in self._cards]


def two_lines(text: str) -> str:
    """The text broken at the space nearest its middle: the action rows hold several big buttons side by side."""
    words = text.split()
    if len(words) < 2:
        return text
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    first, second = min(splits, key=lambda pair: max(len(pair[0]), len(pair[1])))
    return f"{first}\n{second}"


def install_tracking(window: MainWindow, router: ScanRouter, track_vm: TrackViewModel,
                     expected_vm: ExpectedViewModel) -> tuple[TrackScreen, ExpectedScreen]:
    """Add both screens to the window, their buttons to the welcome and my-parcels screens, and their scans."""
    track_screen = TrackScreen(track_vm, on_back=window.show_welcome)
    expected_screen = ExpectedScreen(expected_vm, on_back=lambda: window.show_screen(window.my_parcels))
    window.add_resident_screen(track_screen)
    window.add_resident_screen(expected_screen)
    router.add_resident_target(track_screen, track_vm.on_scan)
    router.add_resident_target(expected_screen, expected_vm.on_scan)

    def open_lookup() -> None:
        track_vm.reset()  # nothing of the last person's lookup
        window.show_screen(track_screen)

    def open_expected() -> None:
        expected_vm.open()
        window.show_screen(expected_screen)

    track_button = ActionButton("Is my package here?", lambda: two_lines(QCoreApplication.translate(
        "TrackButton", "Is my package here?")), window.welcome, min_height=80)
    track_button.clicked.connect(open_lookup)
    window.welcome.add_action(track_button)
    expected_button = ActionButton("Expected parcels", lambda: two_lines(QCoreApplication.translate(
        "ExpectedButton", "Expected parcels")), window.my_parcels)
    expected_button.clicked.connect(open_expected)
    window.my_parcels.add_action(expected_button)
    return track_screen, expected_screen
