"""The confirm step after the door opened: "Scan the label on each parcel you took, or tap it below".

One large card per parcel that left through the door (tap to tick, or scan its label), what the
door is doing while it is unlocked, a clear message after each scan (a parcel that is not the
resident's is refused on the spot), "Something's wrong" and a big "Done". Then a thank you, and
the kiosk returns to the start by itself. Also :func:`collected_button`, which starts the same
step when the building has no door controller.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ui.screens.report_problem import ReportProblemScreen
from ui.viewmodels.confirm_pickup import CONFIRMING, SAVING, THANKS, ConfirmPickupViewModel, ConfirmRow
from ui.viewmodels.pickup import PickupViewModel
from ui.viewmodels.report_problem import ReportProblemViewModel
from ui.widgets.action_button import ActionButton

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.scan_router import ScanRouter

_CARD_STYLE = ("QPushButton { min-height: 104px; font-size: 26px; text-align: left; padding: 12px 28px;"
               " background: white; color: #0b3d5c; border: 3px solid #0b3d5c; border-radius: 14px; }"
               "QPushButton:checked { background: #1b7f3b; color: white; border-color: #1b7f3b; }")
_DONE_STYLE = "QPushButton { min-height: 96px; font-size: 34px; background: #1b7f3b; }"
_MESSAGE_COLOURS = {"error": "#a4161a", "success": "#1b7f3b", "info": "#3b4c5a"}


class TakenCard(QPushButton):
    """One parcel: tap to say "I took it" (a second tap takes it back)."""

    def __init__(self, row: ConfirmRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCheckable(True)
        self.setStyleSheet(_CARD_STYLE)
        self.setAccessibleName(f"Took parcel {row.code}")
        self.row = row
        self.show_row(row)

    def show_row(self, row: ConfirmRow) -> None:
        self.row = row
        parcel = row.row
        place = parcel.shelf or self.tr("Front desk")
        if row.reported == "missing":
            state = self.tr("Reported missing — the front desk has been told")
        elif row.taken:
            state = self.tr("✓  I took this parcel")
        else:
            state = self.tr("Tap here if you took it")
        if row.reported == "damaged" and not row.taken:
            state = self.tr("Reported damaged — tap here if you took it")
        self.setText(f"{place}   ·   {parcel.carrier}   ·   {parcel.code}\n{state}")
        self.setChecked(row.taken)
        self.setEnabled(row.reported != "missing")


class ConfirmPickupScreen(QWidget):
    def __init__(self, vm: ConfirmPickupViewModel, pickup: PickupViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vm = vm
        self.setAccessibleName("Confirm pickup screen")
        self._title = QLabel("", self)
        self._title.setObjectName("Title")
        self._title.setAccessibleName("Confirm title")
        self._title.setWordWrap(True)
        self._hint = QLabel("", self)
        self._hint.setObjectName("Subtitle")
        self._hint.setAccessibleName("Confirm instructions")
        self._hint.setWordWrap(True)
        self._door = QLabel("", self)
        self._door.setObjectName("Subtitle")
        self._door.setAccessibleName("Door status")
        self._door.setStyleSheet("QLabel { font-weight: bold; color: #1b7f3b; }")
        self._door_note = QLabel("", self)
        self._door_note.setObjectName("Subtitle")
        self._door_note.setAccessibleName("Door note")
        door_row = QHBoxLayout()
        door_row.setSpacing(24)
        door_row.addWidget(self._door)
        door_row.addWidget(self._door_note, 1)
        self._message = QLabel("", self)
        self._message.setObjectName("Message")
        self._message.setAccessibleName("Confirm message")
        self._message.setWordWrap(True)

        self._cards: list[TakenCard] = []
        self._list = QWidget(self)
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setSpacing(14)
        self._list_layout.addStretch(1)
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setWidget(self._list)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setAccessibleName("Parcels to confirm")

        self.problem_button = problem_button(self)
        self.done_button = QPushButton(self)
        self.done_button.setAccessibleName("Done")
        self.done_button.setMinimumSize(360, 96)
        self.done_button.setStyleSheet(_DONE_STYLE)
        self.done_button.clicked.connect(vm.done)
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addWidget(self.problem_button)
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.addWidget(self._title)
        layout.addWidget(self._hint)
        layout.addLayout(door_row)
        layout.addWidget(self._message)
        layout.addWidget(self._scroll, 1)
        layout.addStretch(0)
        layout.addLayout(buttons)
        self._layout = layout

        self._rows: list[ConfirmRow] = []
        self._door_phase, self._door_seconds = "none", 0
        self._text, self._severity = "", "info"
        vm.rows_changed.connect(self._update_rows)
        vm.state_changed.connect(self._state_changed)  # a method: disconnected when the screen goes
        vm.message.connect(self._update_message)
        pickup.door_changed.connect(self._update_door)
        self._retranslate()

    def _state_changed(self, _state: str) -> None:
        self._retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        state = self._vm.state
        thanks = state == THANKS
        if thanks:
            self._title.setText(self.tr("Thank you!"))
            self._hint.setText(self._thanks_text())
        else:
            self._title.setText(self.tr("Which parcels did you take?"))
            self._hint.setText(self.tr("Scan the label on each parcel you took, or tap it below. "
                                       "Then tap Done."))
        self._scroll.setVisible(not thanks)
        self.problem_button.setVisible(not thanks)
        self.problem_button.setEnabled(state == CONFIRMING)
        self.done_button.setText(self.tr("Saving…") if state == SAVING else self.tr("Done"))
        self.done_button.setVisible(not thanks)
        self.done_button.setEnabled(state == CONFIRMING)
        # Thanks: the words at the top, not spread over the screen.
        self._layout.setStretchFactor(self._scroll, 0 if thanks else 1)
        self._layout.setStretch(self._layout.count() - 2, 1 if thanks else 0)
        self._update_rows(self._rows)
        self._update_door(self._door_phase, self._door_seconds)

    def _thanks_text(self) -> str:
        outcome = self._vm.outcome
        if outcome is None:
            return self.tr("Please see the front desk if anything is not right.")
        taken = len(outcome.released)
        text = (self.tr("You took one parcel. Have a good day.") if taken == 1 else
                self.tr("You took {0} parcels. Have a good day.").format(taken) if taken else
                self.tr("You did not take any parcels."))
        if outcome.flagged:
            text += " " + self.tr("The parcels you did not tick stay on your list, and the front desk will check "
                                  "them.")
        return text

    def _update_message(self, text: str, severity: str) -> None:
        self._text, self._severity = text, severity
        self._message.setText(text)
        self._message.setProperty("severity", severity)
        self._message.setStyleSheet(f"QLabel {{ color: {_MESSAGE_COLOURS.get(severity, '#3b4c5a')};"
                                    f" font-weight: {'bold' if severity != 'info' else 'normal'}; }}")
        self._message.setVisible(bool(text))

    def _update_door(self, phase: str, seconds: int) -> None:
        self._door_phase, self._door_seconds = phase, seconds
        if phase == "open" and self._vm.state != THANKS:
            # The same words as on the parcel list (and their translation).
            status = QCoreApplication.translate("MyParcelsScreen", "Door unlocked — {0} s").format(seconds)
            self._door.setText(status)
            self._door_note.setText(self.tr("Push the door open now, take your parcels, then come back here."))
        else:
            self._door.setText("")
            self._door_note.setText("")
        self._door.setVisible(bool(self._door.text()))
        self._door_note.setVisible(bool(self._door_note.text()))

    def _update_rows(self, rows: list[ConfirmRow]) -> None:
        if [r.code for r in rows] == [card.row.code for card in self._cards]:
            for card, row in zip(self._cards, rows, strict=True):
                card.show_row(row)
        else:
            for card in self._cards:
                self._list_layout.removeWidget(card)
                card.deleteLater()
            self._cards = []
            for index, row in enumerate(rows):
                card = TakenCard(row, self._list)
                card.clicked.connect(lambda _=False, code=row.code: self._vm.toggle(code))
                self._list_layout.insertWidget(index, card)
                self._cards.append(card)
        self._rows = list(rows)

    @property
    def taken_codes(self) -> list[str]:
        """The parcels ticked on screen (what a test or screen reader would see)."""
        return [card.row.code for card in self._cards if card.isChecked()]


def problem_button(parent: QWidget) -> ActionButton:
    """The "Something's wrong" button (on the parcel list and on the confirm step)."""
    return ActionButton("Something's wrong", lambda: QCoreApplication.translate("ProblemButton", "Something's wrong"),
                        parent)


def collected_button(pickup: PickupViewModel, parent: QWidget) -> ActionButton:
    """"I collected my parcels", for a building without a door controller: starts the confirm step."""
    button = ActionButton("I collected my parcels",
                          lambda: QCoreApplication.translate("CollectedButton", "I collected my parcels"), parent,
                          object_name="",
                          style="QPushButton { min-height: 88px; font-size: 26px; background: #1b7f3b; }")
    button.clicked.connect(pickup.confirm_collected)
    pickup.door_changed.connect(lambda phase, _s: button.setVisible(phase == "unavailable"))
    button.setVisible(False)
    return button


def install_pickup_confirm(window: MainWindow, router: ScanRouter, pickup: PickupViewModel,
                           confirm: ConfirmPickupViewModel, report: ReportProblemViewModel) -> ConfirmPickupScreen:
    """Add the confirm step and "Something's wrong" to the resident side of ``window``.

    The confirm screen shows when the door has opened (or the resident said they collected), takes
    the scans while it is on show, and the kiosk returns to the start when it is finished. "Something's
    wrong" opens from the parcel list and from the confirm step and returns to where it was opened.
    """
    screen = ConfirmPickupScreen(confirm, pickup)
    problems = ReportProblemScreen(report)
    window.add_resident_screen(screen)
    window.add_resident_screen(problems)
    router.add_resident_target(screen, confirm.on_scan)
    confirm.started.connect(lambda: window.show_screen(screen))
    report.reported.connect(confirm.mark_reported)

    def back_from_report() -> None:
        if window.current_screen is problems and problems.came_from is not None:
            window.show_screen(problems.came_from)

    report.closed.connect(back_from_report)

    def report_from_list() -> None:
        if problems.open(window.my_parcels, pickup.match, pickup.room_rows):
            window.show_screen(problems)

    def report_from_confirm() -> None:
        if confirm.active and problems.open(screen, pickup.match, [row.row for row in confirm.rows]):
            window.show_screen(problems)

    screen.problem_button.clicked.connect(report_from_confirm)
    list_button = problem_button(window.my_parcels)
    list_button.clicked.connect(report_from_list)
    window.my_parcels.add_action(list_button)
    window.my_parcels.add_action(collected_button(pickup, window.my_parcels))
    # A reset (idle, staff sign-in) forgets an unfinished report too.
    pickup.state_changed.connect(lambda state: report.reset() if state != "parcels" else None)
    return screen
