"""My settings: the signed-in resident's notice preferences, in big switches.

E-mail on/off, text messages on/off, the language of the messages, and reminders on/off (the
resident's "no reminders" choice). The
contact details are masked (the room is shared). The arrival notice cannot be turned off, and
the screen says so; with every channel off it says the parcels will only be listed at the kiosk.
"Back" returns to the resident's parcels; the idle reset returns to the start as everywhere.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.services.resident_prefs import ResidentPrefs
from ui.i18n import LANGUAGES
from ui.main_window import MainWindow
from ui.viewmodels.preferences import PreferencesViewModel
from ui.widgets.action_button import ActionButton

BIG = 80  # px: the height of every target on this screen


def _switch(parent: QWidget, name: str) -> QPushButton:
    widget = QPushButton(parent)
    widget.setObjectName("Toggle")
    widget.setCheckable(True)
    widget.setAccessibleName(name)
    widget.setMinimumSize(200, BIG)
    widget.setStyleSheet(f"QPushButton {{ min-height: {BIG}px; font-size: 28px; }}")
    return widget


def _label(parent: QWidget, name: str, object_name: str = "Subtitle") -> QLabel:
    label = QLabel("", parent)
    label.setObjectName(object_name)
    label.setAccessibleName(name)
    label.setWordWrap(True)
    return label


class MyPreferencesScreen(QWidget):
    def __init__(self, vm: PreferencesViewModel, back: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vm = vm
        self.setAccessibleName("My settings screen")
        self._title = _label(self, "Settings title", "Title")
        self._intro = _label(self, "Settings intro")

        self._email_label = _label(self, "E-mail address")
        self._email_label.setStyleSheet("font-size: 28px;")
        self._email_note = _label(self, "E-mail note", "Warning")
        self.email_switch = _switch(self, "E-mail notices")
        self.email_switch.clicked.connect(vm.set_email)
        self._sms_label = _label(self, "Mobile number")
        self._sms_label.setStyleSheet("font-size: 28px;")
        self._sms_note = _label(self, "Text message note", "Warning")
        self.sms_switch = _switch(self, "Text messages")
        self.sms_switch.clicked.connect(vm.set_sms)
        self._language_label = _label(self, "Language caption")
        self._language_label.setStyleSheet("font-size: 28px;")
        self.language_buttons: dict[str, QPushButton] = {}
        languages = QButtonGroup(self)
        languages.setExclusive(True)
        language_row = QHBoxLayout()
        for code, title in LANGUAGES.items():
            choice = _switch(self, title)
            choice.setText(title)  # each language named in itself: the same in every translation
            choice.clicked.connect(lambda _on=False, c=code: vm.set_language(c))
            languages.addButton(choice)
            language_row.addWidget(choice)
            self.language_buttons[code] = choice
        self._reminders_label = _label(self, "Reminders caption")
        self._reminders_label.setStyleSheet("font-size: 28px;")
        self.reminders_switch = _switch(self, "Reminders")
        self.reminders_switch.clicked.connect(lambda on: vm.set_no_reminders(not on))
        self._arrival_note = _label(self, "Arrival notice note")
        self._arrival_note.setStyleSheet("font-size: 22px;")
        self._no_channel = _label(self, "No messages warning", "Warning")
        self._no_channel.setStyleSheet("font-size: 26px;")
        self._message = _label(self, "Settings message", "Message")
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.back_button = QPushButton(self)
        self.back_button.setObjectName("Secondary")
        self.back_button.setAccessibleName("Back")
        self.back_button.setMinimumSize(260, BIG)
        self.back_button.clicked.connect(back)

        grid = QGridLayout()
        grid.setHorizontalSpacing(32)
        grid.setVerticalSpacing(12)
        rows: list[tuple[QLabel, QLabel | None, QWidget | QHBoxLayout]] = [
            (self._email_label, self._email_note, self.email_switch),
            (self._sms_label, self._sms_note, self.sms_switch),
            (self._language_label, None, language_row),
            (self._reminders_label, self._arrival_note, self.reminders_switch),
        ]
        for index, (caption, note, control) in enumerate(rows):
            text = QVBoxLayout()
            text.setSpacing(2)
            text.addWidget(caption)
            if note is not None:
                text.addWidget(note)
            grid.addLayout(text, index, 0)
            if isinstance(control, QHBoxLayout):
                grid.addLayout(control, index, 1)
            else:
                grid.addWidget(control, index, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)

        bottom = QHBoxLayout()
        bottom.addWidget(self._message, 1)
        bottom.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.setSpacing(10)
        layout.addWidget(self._title)
        layout.addWidget(self._intro)
        layout.addLayout(grid)
        layout.addWidget(self._no_channel)
        layout.addStretch(1)
        layout.addLayout(bottom)

        vm.prefs_changed.connect(self._show)
        vm.message.connect(self._show_message)
        self._retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._title.setText(self.tr("My settings"))
        self._intro.setText(self.tr("How we tell you that a parcel is waiting. Tap a switch: it is saved at once."))
        self._language_label.setText(self.tr("Language of the messages"))
        self._reminders_label.setText(self.tr("Reminders about parcels still waiting"))
        self._arrival_note.setText(self.tr("The message that a parcel has arrived cannot be turned off; this switch "
                                           "stops only the later reminders."))
        self.back_button.setText(self.tr("Back"))
        self._show(self._vm.prefs)

    def _show_message(self, text: str, severity: str) -> None:
        self._message.setText(text)
        self._message.setProperty("severity", severity)
        self._message.style().unpolish(self._message)
        self._message.style().polish(self._message)

    def _show(self, prefs: ResidentPrefs | None) -> None:
        for control in (self.email_switch, self.sms_switch, self.reminders_switch, *self.language_buttons.values()):
            control.setEnabled(prefs is not None)
        if prefs is None:
            for label in (self._email_label, self._sms_label):
                label.setText("")
            for control in (self.email_switch, self.sms_switch, self.reminders_switch):
                control.setChecked(False)
                control.setText("")
            for label in (self._email_note, self._sms_note, self._no_channel):
                label.setVisible(False)
            return
        self._show_channel(self.email_switch, self._email_label, self._email_note, prefs.email, prefs.notify_email,
                           prefs.email_bounced, self.tr("E-mail to {0}"), self.tr("E-mail"),
                           self.tr("No e-mail address on file: ask at the front desk to add one."),
                           self.tr("E-mails to this address could not be delivered: please give the front desk "
                                   "your new address."))
        self._show_channel(self.sms_switch, self._sms_label, self._sms_note, prefs.mobile, prefs.notify_sms,
                           prefs.sms_failed, self.tr("Text messages to {0}"), self.tr("Text messages"),
                           self.tr("No mobile number on file: ask at the front desk to add one."),
                           self.tr("Text messages to this number could not be delivered: please give the front "
                                   "desk your new number."))
        for code, choice in self.language_buttons.items():
            choice.setChecked(code == prefs.language)
        self.reminders_switch.setChecked(not prefs.reminders_opt_out)
        self.reminders_switch.setText(self.tr("Off") if prefs.reminders_opt_out else self.tr("On"))
        self._no_channel.setText(self.tr("You will get no messages: your parcels will only be listed here at the "
                                         "kiosk. Turn e-mail or text messages on to be told when one arrives."))
        self._no_channel.setVisible(prefs.no_channel)

    def _show_channel(self, switch: QPushButton, label: QLabel, note: QLabel, masked: str, on: bool, failed: bool,
                      with_contact: str, without_contact: str, missing: str, broken: str) -> None:
        label.setText(with_contact.format(masked) if masked else without_contact)
        switch.setEnabled(bool(masked))
        switch.setChecked(bool(masked) and on)
        switch.setText(self.tr("On") if switch.isChecked() else self.tr("Off"))
        problem = missing if not masked else broken if failed else ""
        note.setText(problem)
        note.setVisible(bool(problem))


def install_preferences(window: MainWindow, vm: PreferencesViewModel) -> MyPreferencesScreen:
    """Add the screen to the window and its "My settings" button to the my-parcels screen."""
    screen = MyPreferencesScreen(vm, back=lambda: window.show_screen(window.my_parcels))
    window.add_resident_screen(screen)
    settings_button = ActionButton("My settings", lambda: QCoreApplication.translate("SettingsButton", "My settings"),
                                   window.my_parcels, min_height=BIG, style="QPushButton { padding: 12px 16px; }")

    def open_settings() -> None:
        vm.open()
        window.show_screen(screen)

    settings_button.clicked.connect(open_settings)
    window.my_parcels.add_action(settings_button)
    return screen


__all__ = ["MyPreferencesScreen", "install_preferences"]
