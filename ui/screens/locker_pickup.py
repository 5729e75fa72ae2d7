"""The resident's locker screen: "Compartment 12" in huge type, one compartment after another, "Done".

It shows what :class:`ui.viewmodels.locker_pickup.LockerPickupViewModel` says: which compartment
is open, what to do, and anything that went wrong, in plain words. The one big button is "Done"
(taken; shut the door), "Next" under a compartment that could not be opened, and "Finish" at
the end. Every control has an accessible name; every string goes through ``self.tr``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.viewmodels.locker_pickup import (
    CLOSING,
    DONE,
    FAILED,
    LOADING,
    NO_ANSWER,
    OPEN,
    OPENING,
    LockerPickupViewModel,
    LockerStep,
)


class LockerPickupScreen(QWidget):
    def __init__(self, vm: LockerPickupViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vm = vm
        self._step: LockerStep | None = None
        self.setAccessibleName("Locker pickup screen")

        self._progress = QLabel("", self)
        self._progress.setObjectName("Subtitle")
        self._progress.setAccessibleName("Locker progress")
        self._caption = QLabel("", self)
        self._caption.setObjectName("Caption")
        self._caption.setAccessibleName("Compartment caption")
        self._caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._caption.setStyleSheet("font-size: 40px;")
        self.number = QLabel("", self)
        self.number.setObjectName("CompartmentNumber")  # its colour is in the style sheets (high contrast)
        self.number.setAccessibleName("Compartment number")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Readable from across the room, and by someone with low vision.
        self.number.setStyleSheet("font-size: 200px; font-weight: bold;")
        self._bank = QLabel("", self)
        self._bank.setObjectName("Subtitle")
        self._bank.setAccessibleName("Locker bank")
        self._bank.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._instruction = QLabel("", self)
        self._instruction.setObjectName("Title")
        self._instruction.setAccessibleName("Locker instructions")
        self._instruction.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._instruction.setWordWrap(True)
        self._instruction.setStyleSheet("font-size: 36px;")
        self._message = QLabel("", self)
        self._message.setObjectName("Warning")
        self._message.setAccessibleName("Locker message")
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._message.setWordWrap(True)

        self.done_button = QPushButton(self)
        self.done_button.setAccessibleName("Done")
        self.done_button.setMinimumSize(420, 120)
        self.done_button.setStyleSheet("QPushButton { min-height: 96px; font-size: 34px; background: #1b7f3b; }"
                                       "QPushButton:disabled { background: #9aa8b3; }")
        self.done_button.clicked.connect(self._done_clicked)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.done_button, 2)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 40, 48, 40)
        layout.addWidget(self._progress)
        layout.addStretch(1)
        layout.addWidget(self._caption)
        layout.addWidget(self.number)
        layout.addWidget(self._bank)
        layout.addWidget(self._instruction)
        layout.addWidget(self._message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        vm.step_changed.connect(self._show)
        self._show(vm.step)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._show(self._step)
        super().changeEvent(event)

    def _done_clicked(self) -> None:
        if self._step is not None and self._step.phase == DONE:
            self._vm.dismiss()
        else:
            self._vm.confirm()

    @property
    def shown_number(self) -> str:
        return self.number.text()

    def _show(self, step: LockerStep | None) -> None:
        self._step = step
        phase = step.phase if step else ""
        label = step.label if step else ""
        total = step.total if step else 0
        if step is not None and total > 1 and phase != DONE:
            self._progress.setText(self.tr("Compartment {0} of {1}").format(step.index + 1, total))
        else:
            self._progress.setText("")
        showing_number = phase in (OPENING, OPEN, NO_ANSWER, FAILED, CLOSING) and bool(label)
        self._caption.setText(self.tr("Compartment") if showing_number else "")
        self.number.setText(label if showing_number else "")
        self._bank.setText(step.bank if step is not None and showing_number else "")
        instruction, message = "", ""
        if phase == LOADING:
            instruction = self.tr("Finding your lockers…")
        elif phase == OPENING:
            instruction = self.tr("Opening compartment {0}…").format(label)
        elif phase == OPEN:
            instruction = self.tr("Compartment {0} is open. Take your parcel, close the door, then tap Done.") \
                .format(label)
        elif phase == NO_ANSWER:
            instruction = self.tr("Take your parcel and close the door.")
            message = self.tr("The locker is not responding. If you have your parcel, tap Done.")
        elif phase == FAILED and step is not None:
            instruction = self.tr("Your parcel is safe. Please see the front desk.")
            if step.problem == "unavailable":
                message = self.tr("Compartment {0} cannot be opened right now.").format(label)
            else:
                message = self.tr("Compartment {0} could not be opened.").format(label)
        elif phase == CLOSING:
            instruction = self.tr("Thank you…")
        elif phase == DONE and step is not None:
            if step.total == 0:
                instruction = self.tr("None of your parcels are in the lockers.")
            elif step.not_released:
                instruction = self.tr("Done. The front desk has the rest of your parcels.")
            else:
                instruction = self.tr("All done. Thank you!")
        self._instruction.setText(instruction)
        self._message.setText(message)
        self._message.setVisible(bool(message))
        if phase == FAILED and step is not None and step.has_next:
            self.done_button.setText(self.tr("Next"))
            self.done_button.setAccessibleName("Next")
        elif phase == DONE:
            self.done_button.setText(self.tr("Finish"))
            self.done_button.setAccessibleName("Finish")
        else:
            self.done_button.setText(self.tr("Done"))
            self.done_button.setAccessibleName("Done")
        self.done_button.setEnabled(phase in (OPEN, NO_ANSWER, FAILED, DONE))
