"""The first-run set-up wizard: six short steps on a touchscreen, then the kiosk starts.

1. the property's name; 2. the administrator (name, PIN typed twice); 3. the devices, ``sim:``
until changed, with **Find devices** (what ``packroom devices list`` recognises) and a **Test**
button each; 4. e-mail and SMS channels with a **Send test** button each; 5. an optional
resident import from a rent-roll CSV, checked before anything is written; 6. a summary and
**Start Packroom**, which writes the configuration file and the administrator
(:meth:`kiosk.firstrun.FirstRunSetup.complete`).

Touch first: large buttons, an on-screen keyboard (:class:`~ui.widgets.touch_keyboard.TouchKeyboard`
plus the symbols URLs and e-mail addresses need) that types into whichever field was touched
last, and an accessible name on every control, which is also how the tests find them.
:func:`run_setup_wizard` shows it and returns the new settings when it is done.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

import resources
from kiosk.config import Settings
from kiosk.firstrun import FirstRunSetup, SetupAnswers, SetupResult
from kiosk.persistence.uow import Database
from ui.tasks import TaskRunner
from ui.viewmodels.setup import Found, SetupViewModel
from ui.widgets.touch_keyboard import TouchKeyboard

log = logging.getLogger(__name__)

DEVICES = (("scanner", "Scanner"), ("printer", "Printer"), ("door", "Door"), ("camera", "Camera"))
EXTRA_KEYS = "@:/_?=&+~#%"


class KeyboardRouter(QObject):
    """One on-screen keyboard for many fields: it types into the field touched last.

    The keyboard types into a hidden buffer; each change is copied to the current field. The
    keyboard sends capitals, so in lower-case mode the character it just added is lowered.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.buffer = QLineEdit(parent)
        self.buffer.hide()
        self.keyboard = TouchKeyboard(self.buffer, parent)
        self.keyboard.edited.connect(self._edited)
        self.lower = True
        self._field: QLineEdit | None = None
        self._previous = ""

    @property
    def field(self) -> QLineEdit | None:
        return self._field

    def watch(self, field: QLineEdit) -> QLineEdit:
        field.installEventFilter(self)
        return field

    def route_to(self, field: QLineEdit) -> None:
        self._field = field
        self._previous = field.text()
        self.buffer.setText(self._previous)

    def type_text(self, text: str) -> None:
        """Type ``text`` (the extra symbol keys) into the current field."""
        self.buffer.insert(text)
        self._edited(self.buffer.text(), verbatim=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        touched = event.type() in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress)
        if isinstance(watched, QLineEdit) and touched and watched is not self._field:
            self.route_to(watched)
        return False

    def _edited(self, text: str, verbatim: bool = False) -> None:
        if self._field is None:
            self.buffer.clear()
            return
        if (self.lower and not verbatim and len(text) == len(self._previous) + 1
                and text.startswith(self._previous)):
            text = self._previous + text[-1].lower()
            self.buffer.setText(text)
        self._previous = text
        self._field.setText(text)


class SetupWizard(QWidget):
    """The wizard's window. Emits ``completed(SetupResult)`` once everything is saved, ``closed``
    if the window is closed before that."""

    completed = Signal(object)
    closed = Signal()

    def __init__(self, viewmodel: SetupViewModel, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vm = viewmodel
        self._settings = settings
        self._previewed = ""  # the CSV path whose check passed
        self._checking = ""  # the CSV path being checked
        self._done = False
        self.setWindowTitle("Packroom set-up")
        self.setAccessibleName("Packroom set-up")
        self.router = KeyboardRouter(self)

        self._stack = QStackedWidget(self)
        self._pages = [self._property_page(), self._admin_page(), self._devices_page(), self._notices_page(),
                       self._residents_page(), self._finish_page()]
        for page in self._pages:
            self._stack.addWidget(page)

        self.step = self._label("Step", "Subtitle")
        self.message = self._label("Set-up message", "StaffMessage")
        self.back = self._button("Back", self.tr("Back"), self._go_back, secondary=True)
        self.next = self._button("Next", self.tr("Next"), self._go_next)
        keep_place = self.next.sizePolicy()
        keep_place.setRetainSizeWhenHidden(True)  # the step count stays centred on the last page
        self.next.setSizePolicy(keep_place)
        self.step.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        middle = QVBoxLayout()
        middle.addWidget(self.step)
        middle.addWidget(self.message)
        nav = QHBoxLayout()
        nav.addWidget(self.back)
        nav.addLayout(middle, 1)
        nav.addWidget(self.next)

        keys = QGridLayout()
        keys.setSpacing(6)
        self.case = self._button("Letter case", "abc", self._toggle_case, secondary=True)
        keys.addWidget(self.case, 0, 0, 2, 2)
        for index, symbol in enumerate(EXTRA_KEYS):
            key = self._button(f"Key {symbol}", symbol.replace("&", "&&"),
                               lambda _=False, s=symbol: self.router.type_text(s))
            key.setObjectName("Key")
            key.setMinimumSize(56, 56)
            keys.addWidget(key, index // 6, 2 + index % 6)
        keyboard = self.keyboard_panel = QWidget(self)
        keyboard.setAccessibleName("Keyboard panel")
        keyboard.setMaximumWidth(640)
        panel = QVBoxLayout(keyboard)
        panel.setContentsMargins(0, 0, 0, 0)
        panel.addLayout(keys)
        panel.addWidget(self.router.keyboard)
        panel.addStretch(1)

        body = QHBoxLayout()
        body.setSpacing(24)
        body.addWidget(self._stack, 1)
        body.addWidget(keyboard)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(body, 1)
        layout.addLayout(nav)

        viewmodel.device_tested.connect(self._device_tested)
        viewmodel.devices_found.connect(self._devices_found)
        viewmodel.notice_tested.connect(self._notice_tested)
        viewmodel.residents_previewed.connect(self._residents_previewed)
        viewmodel.completed.connect(self._completed)
        viewmodel.failed.connect(lambda text: self._say(text, "error"))
        viewmodel.busy_changed.connect(self._busy)
        self._show_page(0)

    # -- building blocks -------------------------------------------------------------------------

    def _label(self, name: str, object_name: str = "", text: str = "") -> QLabel:
        label = QLabel(text, self)
        label.setAccessibleName(name)
        label.setWordWrap(True)
        if object_name:
            label.setObjectName(object_name)
        return label

    def _button(self, name: str, text: str, slot: object, *, secondary: bool = False,
                inline: bool = False) -> QPushButton:
        """A touch button: 72 px high, or 56 px (still a comfortable target) beside a field."""
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep the typing focus in the field
        button.setMinimumHeight(56 if inline else 72)
        if inline:
            button.setObjectName("Toggle")  # the white, 56 px style of the staff screens
        elif secondary:
            button.setObjectName("Secondary")
        button.clicked.connect(slot)
        return button

    def _field(self, name: str, text: str = "", placeholder: str = "", *, secret: bool = False) -> QLineEdit:
        field = QLineEdit(text, self)
        field.setAccessibleName(name)
        field.setPlaceholderText(placeholder)
        field.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        if secret:
            field.setEchoMode(QLineEdit.EchoMode.Password)
        return self.router.watch(field)

    def _page(self, title: str, intro: str, action: QPushButton | None = None) -> tuple[QWidget, QGridLayout]:
        page = QWidget(self)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(self._label("Step title", "StaffTitle", title), 1)
        if action is not None:
            heading.addWidget(action)
        outer.addLayout(heading)
        outer.addWidget(self._label("Step explanation", "Detail", intro))
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        outer.addLayout(grid)
        outer.addStretch(1)
        return page, grid

    # -- the pages -------------------------------------------------------------------------------

    def _property_page(self) -> QWidget:
        page, grid = self._page(self.tr("Welcome to Packroom"), self.tr(
            "Six short steps set up this kiosk. Touch a box to type into it with the keyboard below."))
        self.property_name = self._field("Property name", placeholder="Harbor View Apartments")
        grid.addWidget(self._label("Property name label", text=self.tr("Property name")), 0, 0)
        grid.addWidget(self.property_name, 0, 1)
        return page

    def _admin_page(self) -> QWidget:
        page, grid = self._page(self.tr("Administrator"), self.tr(
            "The administrator signs in with this PIN on the kiosk's keypad and adds the other staff."))
        self.admin_name = self._field("Administrator name", placeholder="Alex Rivera")
        self.admin_pin = self._field("Administrator PIN", placeholder=self.tr("4 to 12 digits"), secret=True)
        self.admin_pin_again = self._field("Administrator PIN again", secret=True)
        for row, (text, field) in enumerate(((self.tr("Name"), self.admin_name), (self.tr("PIN"), self.admin_pin),
                                             (self.tr("PIN again"), self.admin_pin_again))):
            grid.addWidget(self._label(f"{field.accessibleName()} label", text=text), row, 0)
            grid.addWidget(field, row, 1)
        return page

    def _devices_page(self) -> QWidget:
        find = self._button("Find devices", self.tr("Find devices"), self._find_devices, inline=True)
        page, grid = self._page(self.tr("Devices"), self.tr(
            "sim: is simulated. Test tries a device: a label prints, the door opens for a second."), find)
        self.device_fields: dict[str, QLineEdit] = {}
        self.device_results: dict[str, QLabel] = {}
        for row, (kind, title) in enumerate(DEVICES):
            field = self._field(f"{title} URL", self._settings[f"devices.{kind}"])
            self.device_fields[kind] = field
            self.device_results[kind] = self._label(f"{title} test result", "StaffMessage")
            self.device_results[kind].hide()  # shown with the first result: the page stays short
            grid.addWidget(self._label(f"{title} label", text=title), row * 2, 0)
            grid.addWidget(field, row * 2, 1)
            grid.addWidget(self._button(f"Test {title.lower()}", self.tr("Test"),
                                        lambda _=False, k=kind: self._test_device(k), inline=True), row * 2, 2)
            grid.addWidget(self.device_results[kind], row * 2 + 1, 1, 1, 2)
        return page

    def _notices_page(self) -> QWidget:
        page, grid = self._page(self.tr("Notifications"), self.tr(
            "Residents are told by e-mail and SMS. Leave a box empty to turn that channel off; "
            "you can change both later in the configuration file."))
        self.email_url = self._field("E-mail URL", self._settings["notifications.email_url"],
                                     "mailtos://user:password@smtp.example.com")
        self.email_to = self._field("Test e-mail address", placeholder="you@example.com")
        self.sms_url = self._field("SMS URL", self._settings["notifications.sms_url"], "twilio://SID:TOKEN@15551234567")
        self.sms_to = self._field("Test mobile number", placeholder="+15551234567")
        self.email_result = self._label("E-mail test result", "StaffMessage")
        self.sms_result = self._label("SMS test result", "StaffMessage")
        rows = ((self.tr("E-mail"), self.email_url, None), (self.tr("Send a test to"), self.email_to, "email"),
                (self.tr("SMS"), self.sms_url, None), (self.tr("Send a test to"), self.sms_to, "sms"))
        for row, (text, field, channel) in enumerate(rows):
            grid.addWidget(self._label(f"{field.accessibleName()} label", text=text), row * 2, 0)
            grid.addWidget(field, row * 2, 1)
            if channel is not None:
                name = "Send test e-mail" if channel == "email" else "Send test SMS"
                grid.addWidget(self._button(name, self.tr("Send test"), lambda _=False, c=channel: self._send_test(c),
                                            inline=True), row * 2, 2)
                grid.addWidget(self.email_result if channel == "email" else self.sms_result, row * 2 + 1, 1, 1, 2)
        return page

    def _residents_page(self) -> QWidget:
        page, grid = self._page(self.tr("Residents"), self.tr(
            "Import the rent roll exported from AppFolio, Yardi, RealPage, Entrata or a plain CSV. "
            "Optional: skip it and import later with `packroom residents import`."))
        self.csv_path = self._field("Rent-roll CSV file", placeholder="/media/usb/rentroll.csv")
        self.csv_result = self._label("Rent-roll check result", "StaffMessage")
        grid.addWidget(self._label("Rent-roll CSV file label", text=self.tr("CSV file")), 0, 0)
        grid.addWidget(self.csv_path, 0, 1)
        grid.addWidget(self._button("Choose file", self.tr("Choose…"), self._choose_csv, inline=True), 0, 2)
        grid.addWidget(self._button("Check file", self.tr("Check file"), self._check_csv, inline=True), 1, 2)
        grid.addWidget(self.csv_result, 1, 0, 1, 2)
        return page

    def _finish_page(self) -> QWidget:
        page, grid = self._page(self.tr("Ready"), self.tr(
            "Start Packroom saves the settings and the administrator, imports the residents, and opens the kiosk."))
        self.summary = self._label("Summary")
        self.finish = self._button("Start Packroom", self.tr("Start Packroom"), self._finish)
        grid.addWidget(self.summary, 0, 0)
        grid.addWidget(self.finish, 1, 0)
        return page

    # -- navigation ------------------------------------------------------------------------------

    def current_page(self) -> int:
        return self._stack.currentIndex()

    def _show_page(self, index: int) -> None:
        self._stack.setCurrentIndex(index)
        self.step.setText(self.tr("Step {0} of {1}").format(index + 1, len(self._pages)))
        self.back.setEnabled(index > 0)
        self.next.setVisible(index < len(self._pages) - 1)
        self._say("")
        if index == len(self._pages) - 1:
            self.summary.setText(self._summary())
        fields = self._pages[index].findChildren(QLineEdit)
        self.keyboard_panel.setVisible(bool(fields))
        if fields:
            self.router.route_to(fields[0])
            fields[0].setFocus()

    def _go_back(self) -> None:
        if self.current_page() > 0:
            self._show_page(self.current_page() - 1)

    def _go_next(self) -> None:
        problem = self._page_problem(self.current_page())
        if problem:
            self._say(problem, "error")
            return
        if self.current_page() < len(self._pages) - 1:
            self._show_page(self.current_page() + 1)

    def _page_problem(self, index: int) -> str:
        if index == 0 and not self.property_name.text().strip():
            return self.tr("Enter the property's name.")
        if index == 1:
            if not self.admin_name.text().strip():
                return self.tr("Enter the administrator's name.")
            return self._vm.pin_problem(self.admin_pin.text(), self.admin_pin_again.text())
        if index == 2:
            missing = [title for kind, title in DEVICES
                       if kind != "camera" and not self.device_fields[kind].text().strip()]
            if missing:
                return self.tr("Give a URL for: {0} (sim: for none yet).").format(", ".join(missing))
        if index == 4:
            path = self.csv_path.text().strip()
            if path and path != self._previewed:
                return self.tr("Press Check file first, or empty the box to skip the import.")
        return ""

    def _say(self, text: str, severity: str = "") -> None:
        self.message.setText(text)
        self.message.setProperty("severity", severity)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    # -- actions ---------------------------------------------------------------------------------

    def _toggle_case(self) -> None:
        self.router.lower = not self.router.lower
        self.case.setText("abc" if self.router.lower else "ABC")

    def _test_device(self, kind: str) -> None:
        self.device_results[kind].setText(self.tr("Testing…"))
        self.device_results[kind].show()
        self._vm.test_device(kind, self.device_fields[kind].text(), self.property_name.text())

    def _device_tested(self, kind: str, ok: bool, text: str) -> None:
        self._result(self.device_results[kind], ok, text)

    def _find_devices(self) -> None:
        self._say(self.tr("Looking for devices…"))
        self._vm.find_devices()

    def _devices_found(self, found: list[Found]) -> None:
        filled: set[str] = set()
        for item in found:
            if item.kind in self.device_fields and item.kind not in filled:
                self.device_fields[item.kind].setText(item.url)
                self.device_results[item.kind].setText(self.tr("Found: {0}").format(item.what))
                self.device_results[item.kind].show()
                filled.add(item.kind)
        if filled:
            self._say(self.tr("Found: {0}. Test each one.").format(", ".join(sorted(filled))))
        else:
            self._say(self.tr("Nothing Packroom recognises is plugged in; the simulated devices stay."))

    def _send_test(self, channel: str) -> None:
        url, to = (self.email_url, self.email_to) if channel == "email" else (self.sms_url, self.sms_to)
        result = self.email_result if channel == "email" else self.sms_result
        result.setText(self.tr("Sending…"))
        self._vm.send_test(channel, url.text(), to.text(), self.property_name.text())

    def _notice_tested(self, channel: str, ok: bool, text: str) -> None:
        self._result(self.email_result if channel == "email" else self.sms_result, ok, text)

    def _choose_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Rent-roll CSV"), str(Path.home()),
                                              self.tr("CSV files (*.csv);;All files (*)"))
        if path:
            self.csv_path.setText(path)

    def _check_csv(self) -> None:
        path = self.csv_path.text().strip()
        if not path:
            self._result(self.csv_result, False, self.tr("Choose a file first."))
            return
        self._previewed = ""
        self.csv_result.setText(self.tr("Checking…"))
        self._checking = path
        self._vm.preview_residents(path, self.property_name.text())

    def _residents_previewed(self, ok: bool, text: str) -> None:
        if ok:
            self._previewed = self._checking
        self._result(self.csv_result, ok, text)

    def answers(self) -> SetupAnswers:
        csv = self.csv_path.text().strip()
        return SetupAnswers(
            property_name=self.property_name.text(), admin_name=self.admin_name.text(),
            admin_pin=self.admin_pin.text(),
            devices={kind: field.text() for kind, field in self.device_fields.items()},
            email_url=self.email_url.text(), sms_url=self.sms_url.text(),
            residents_csv=Path(csv) if csv else None,
        )

    def _summary(self) -> str:
        a = self.answers()
        devices = ", ".join(f"{kind} {url.strip() or '(none)'}" for kind, url in a.devices.items())
        channels = [name for name, url in (("e-mail", a.email_url), ("SMS", a.sms_url)) if url.strip()]
        return "\n".join([
            self.tr("Property: {0}").format(a.property_name.strip()),
            self.tr("Administrator: {0}").format(a.admin_name.strip()),
            self.tr("Devices: {0}").format(devices),
            self.tr("Notifications: {0}").format(", ".join(channels) or self.tr("off")),
            self.tr("Residents: {0}").format(a.residents_csv.name if a.residents_csv else self.tr("none yet")),
            self.tr("Settings file: {0}").format(self._vm.config_path),
        ])

    def _finish(self) -> None:
        self._say(self.tr("Saving…"))
        self._vm.finish(self.answers())

    def _busy(self, busy: bool) -> None:
        for button in (self.finish, self.back):
            button.setEnabled(not busy)

    def _completed(self, result: SetupResult) -> None:
        self._done = True
        self._say(self.tr("Set-up complete. Starting Packroom…"))
        self.completed.emit(result)

    def _result(self, label: QLabel, ok: bool, text: str) -> None:
        label.setText(("✓ " if ok else "✗ ") + text)
        label.setProperty("severity", "" if ok else "error")
        label.style().unpolish(label)
        label.style().polish(label)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._done:
            self.closed.emit()
        super().closeEvent(event)


def run_setup_wizard(db: Database, settings: Settings, config_path: Path, *, kiosk_id: str = "",
                     fullscreen: bool = False, runner: TaskRunner | None = None) -> Settings | None:
    """Show the wizard until it is finished (the new settings) or closed (None)."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.setStyleSheet(resources.text("styles", "kiosk.qss"))
    own_runner = runner is None
    runner = runner or TaskRunner()
    viewmodel = SetupViewModel(FirstRunSetup(db, config_path, kiosk_id=kiosk_id), runner)
    wizard = SetupWizard(viewmodel, settings)
    loop = QEventLoop()
    outcome: list[SetupResult] = []
    wizard.completed.connect(lambda result: (outcome.append(result), loop.quit()))
    wizard.closed.connect(loop.quit)
    if fullscreen:
        wizard.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        wizard.showFullScreen()
    else:
        wizard.resize(1280, 800)
        wizard.show()
    loop.exec()
    if own_runner:
        runner.shutdown()
    wizard.hide()
    wizard.deleteLater()
    if not outcome:
        log.warning("set-up wizard closed before it was finished; nothing was saved")
        return None
    return outcome[0].settings.replace(kiosk__fullscreen=fullscreen) if fullscreen else outcome[0].settings
