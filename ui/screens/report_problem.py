""""Something's wrong": which parcel, then "Missing" or "Damaged" in big buttons, then a thank you.

Opened with :meth:`ReportProblemScreen.open` from the parcel list or the confirm step; "Back" (or
the thank you's "Continue") returns there (``vm.closed``; the composition root shows ``came_from``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from kiosk.services.credentials import CredentialMatch
from ui.viewmodels.pickup import ParcelRow
from ui.viewmodels.report_problem import ReportProblemViewModel

_BIG = "QPushButton { min-height: 120px; font-size: 32px; }"


class ReportProblemScreen(QWidget):
    def __init__(self, vm: ReportProblemViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vm = vm
        self.came_from: QWidget | None = None
        self.setAccessibleName("Report a problem screen")
        self._title = QLabel("", self)
        self._title.setObjectName("Title")
        self._title.setAccessibleName("Problem title")
        self._title.setWordWrap(True)
        self._hint = QLabel("", self)
        self._hint.setObjectName("Subtitle")
        self._hint.setAccessibleName("Problem instructions")
        self._hint.setWordWrap(True)

        # Page 1: one big button per parcel. Page 2: Missing / Damaged. Page 3: nothing (the words say it).
        self._pages = QStackedWidget(self)
        self._choices = QWidget(self._pages)
        self._grid = QGridLayout(self._choices)
        self._grid.setSpacing(16)
        self._parcel_buttons: list[QPushButton] = []
        what = QWidget(self._pages)
        what_row = QHBoxLayout(what)
        what_row.setSpacing(32)
        self.missing_button = self._big("Missing", lambda: vm.report("missing"), what)
        self.damaged_button = self._big("Damaged", lambda: vm.report("damaged"), what)
        what_row.addWidget(self.missing_button)
        what_row.addWidget(self.damaged_button)
        self._pages.addWidget(self._choices)
        self._pages.addWidget(what)
        self._pages.addWidget(QWidget(self._pages))

        self.back_button = QPushButton(self)
        self.back_button.setObjectName("Secondary")
        self.back_button.setAccessibleName("Back")
        self.back_button.setMinimumSize(280, 88)
        self.back_button.clicked.connect(vm.back)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 40, 48, 40)
        layout.addWidget(self._title)
        layout.addWidget(self._hint)
        layout.addSpacing(24)
        layout.addWidget(self._pages, 1)
        layout.addLayout(buttons)
        vm.parcels_changed.connect(self._update_parcels)
        vm.state_changed.connect(lambda _state: self._retranslate())
        self._retranslate()

    def _big(self, name: str, slot: Callable[[], None], parent: QWidget) -> QPushButton:
        button = QPushButton(parent)
        button.setAccessibleName(name)
        button.setStyleSheet(_BIG)
        button.clicked.connect(slot)
        return button

    def open(self, came_from: QWidget, match: CredentialMatch | None, rows: list[ParcelRow]) -> bool:
        """Start a report about one of ``rows``; the caller shows this screen when it says True."""
        self.came_from = came_from
        return self._vm.begin(match, rows)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _update_parcels(self, rows: list[ParcelRow]) -> None:
        for button in self._parcel_buttons:
            self._grid.removeWidget(button)
            button.deleteLater()
        self._parcel_buttons = []
        for index, row in enumerate(rows):
            button = QPushButton(f"{row.shelf or self.tr('Front desk')}  ·  {row.carrier}  ·  {row.code}",
                                 self._choices)
            button.setObjectName("Secondary")
            button.setAccessibleName(f"Report parcel {row.code}")
            button.setStyleSheet("QPushButton { min-height: 96px; font-size: 26px; }")
            button.clicked.connect(lambda _=False, code=row.code: self._vm.choose(code))
            self._grid.addWidget(button, index // 2, index % 2)
            self._parcel_buttons.append(button)
        self._grid.setRowStretch(max(1, (len(rows) + 1) // 2), 1)

    def _retranslate(self) -> None:
        state = self._vm.state
        chosen = self._vm.chosen
        self.missing_button.setText(self.tr("Missing\n(not on its shelf)"))
        self.damaged_button.setText(self.tr("Damaged"))
        finished = state in ("thanks", "failed")
        self.back_button.setText(self.tr("Continue") if finished else self.tr("Back"))
        self.back_button.setAccessibleName("Continue" if finished else "Back")
        self.back_button.setEnabled(state != "saving")
        if state in ("thanks", "failed"):
            self._pages.setCurrentIndex(2)
            if state == "thanks":
                self._title.setText(self.tr("Thank you — the front desk has been told"))
                self._hint.setText(self.tr("Staff will look into it. You can carry on."))
            else:
                self._title.setText(self.tr("Sorry, that could not be saved"))
                self._hint.setText(self.tr("Please tell the front desk what is wrong."))
        elif state in ("what", "saving") and chosen is not None:
            self._pages.setCurrentIndex(1)
            self._title.setText(self.tr("What is wrong with parcel {0}?").format(chosen.code))
            self._hint.setText(self.tr("It belongs on {0}.").format(chosen.shelf) if chosen.shelf else "")
        else:
            self._pages.setCurrentIndex(0)
            self._title.setText(self.tr("Something's wrong?"))
            self._hint.setText(self.tr("Which parcel is it about?"))
        self.missing_button.setEnabled(state == "what")
        self.damaged_button.setEnabled(state == "what")
        self._title.setAlignment(Qt.AlignmentFlag.AlignLeft)
