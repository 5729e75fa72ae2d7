"""The resident's first screen: what to do in one glance, and the keypad for the pickup code."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.i18n import LANGUAGES, LanguageManager
from ui.viewmodels.pickup import PickupViewModel
from ui.widgets.keypad import Keypad


class WelcomeScreen(QWidget):
    def __init__(self, vm: PickupViewModel, languages: LanguageManager, property_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vm = vm
        self._languages = languages
        self._code_length = 0
        self.setAccessibleName("Welcome screen")

        self._title = QLabel(self)
        self._title.setObjectName("Title")
        self._title.setAccessibleName("Title")
        self._title.setWordWrap(True)
        place = QLabel(property_name, self)
        place.setObjectName("Subtitle")

        self._steps = QLabel(self)
        self._steps.setObjectName("Steps")
        self._steps.setWordWrap(True)
        self._steps.setAccessibleName("Instructions")

        self.language_button = QPushButton(self)
        self.language_button.setObjectName("Secondary")
        self.language_button.setAccessibleName("Language")
        self.language_button.setMinimumHeight(80)
        self.language_button.clicked.connect(lambda: languages.set_language(languages.next_language()))

        self._dots = QLabel("", self)
        self._dots.setObjectName("CodeDisplay")
        self._dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._dots.setAccessibleName("Code entered")
        self._dots.setMinimumHeight(88)

        self._message = QLabel("", self)
        self._message.setObjectName("Message")
        self._message.setWordWrap(True)
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._message.setAccessibleName("Message")

        self.keypad = Keypad(self)
        self.keypad.digit.connect(vm.press_digit)
        self.keypad.backspace.connect(vm.backspace)
        self.keypad.ok.connect(vm.submit)

        left = QVBoxLayout()
        left.addWidget(self._title)
        left.addWidget(place)
        # The display modes ("Large text", "High contrast": :meth:`add_display_toggle`), near the top.
        self._display = QHBoxLayout()
        self._display.setSpacing(16)
        self._display.addStretch(1)
        left.addLayout(self._display)  # (the layout's own spacing keeps it apart: large text needs the room)
        left.addWidget(self._steps)
        left.addStretch(1)
        # One row of large secondary buttons that other modules add
        # (:meth:`add_action`: "Is my package here?", carrier drop-off…).
        self._actions = QHBoxLayout()
        self._actions.setSpacing(16)
        self._actions.addStretch(1)
        left.addLayout(self._actions)

        right = QVBoxLayout()
        # The language switch at the top right, where kiosks put it, in the other language's own name.
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(self._dots, 1)
        top.addWidget(self.language_button)
        right.addLayout(top)
        right.addWidget(self._message)
        right.addWidget(self.keypad, 1)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(48, 28, 48, 28)
        layout.setSpacing(48)
        layout.addLayout(left, 5)
        layout.addLayout(right, 4)

        vm.code_changed.connect(self._update_code)
        vm.message.connect(self._update_message)
        vm.state_changed.connect(self._update_state)
        self._retranslate()

    def add_action(self, button: QWidget) -> None:
        """Add a button to the welcome screen's bottom row (before the stretch)."""
        self._actions.insertWidget(self._actions.count() - 1, button)

    def add_display_toggle(self, button: QWidget) -> None:
        """Add a display-mode switch to its row under the title."""
        self._display.insertWidget(self._display.count() - 1, button)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._title.setText(self.tr("Pick up your packages"))
        self._steps.setText(self.tr(
            "<p><b>1.</b> Type the pickup code from your text or e-mail, then press <b>OK</b>.</p>"
            "<p><b>2.</b> Or hold the QR code from your message under the scanner.</p>"
            "<p><b>3.</b> Or tap your fob on the reader.</p>"))
        # The button names the other language in that language, so a reader of it finds it.
        self.language_button.setText(LANGUAGES[self._languages.next_language()])
        self._update_code(self._code_length)

    def _update_code(self, length: int) -> None:
        self._code_length = length
        self._dots.setText("●  " * length if length else self.tr("Enter your code"))
        self._dots.setProperty("empty", length == 0)
        self._dots.style().unpolish(self._dots)
        self._dots.style().polish(self._dots)

    def _update_message(self, text: str, severity: str) -> None:
        self._message.setText(text)
        self._message.setProperty("severity", severity)
        self._message.style().unpolish(self._message)
        self._message.style().polish(self._message)

    def _update_state(self, state: str) -> None:
        self.keypad.setEnabled(state == "entry")
        if state == "checking":
            self._update_message(self.tr("Checking…"), "info")
