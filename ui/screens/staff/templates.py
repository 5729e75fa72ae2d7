"""Messages: the admin edits the text of each notice (kind × e-mail/SMS × language) beside a live
preview filled with sample data; tapping a placeholder puts it where the cursor is.

An unknown placeholder is named under the text and the text cannot be saved; an SMS shows its
encoding and segment count, with a warning when it needs more than two segments.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.notifications.editor import SMS_MAX_SEGMENTS, Preview
from kiosk.persistence.models import Channel, Role
from ui.i18n import LANGUAGES
from ui.screens.staff.forms import button, error_label, message_label, set_message, show_error, title_label, touch
from ui.viewmodels.templates import Loaded, TemplatesViewModel


def caption(parent: QWidget, text: str) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("Subtitle")
    return label


class TemplatesScreen(QWidget):
    """The template editor; admins only (it changes what every resident receives)."""

    required_role = Role.ADMIN

    def __init__(self, vm: TemplatesViewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vm = vm
        self._filling = False  # True while the editors are filled from the view-model
        self.setAccessibleName("Messages screen")
        title = title_label(self, self.tr("Messages"), "Messages title")
        self._message = message_label(self, "Messages message")

        # -- which template
        titles = self._kind_titles()
        self.kind = touch(QComboBox(self), "Notice kind")
        for kind in vm.kinds():
            self.kind.addItem(titles.get(kind, kind.replace("_", " ")), kind)
        self.kind.currentIndexChanged.connect(lambda _i: vm.choose(kind=self.kind.currentData()))
        self.email_button = button(self, self.tr("E-mail"), "E-mail template", checkable=True)
        self.sms_button = button(self, self.tr("SMS"), "SMS template", checkable=True)
        self.email_button.setChecked(True)
        channels = QButtonGroup(self)
        channels.setExclusive(True)
        channels.addButton(self.email_button)
        channels.addButton(self.sms_button)
        self.email_button.clicked.connect(lambda: vm.choose(channel=Channel.EMAIL))
        self.sms_button.clicked.connect(lambda: vm.choose(channel=Channel.SMS))
        self.language = touch(QComboBox(self), "Template language")
        for code in vm.languages():
            self.language.addItem(LANGUAGES.get(code, code), code)
        self.language.currentIndexChanged.connect(lambda _i: vm.choose(language=self.language.currentData()))

        # -- the text
        self._subject_caption = caption(self, self.tr("Subject"))
        self.subject = touch(QLineEdit(self), "Template subject")
        self.subject.textEdited.connect(lambda text: vm.edit(subject=text))
        self.body = touch(QPlainTextEdit(self), "Template text", min_height=200)
        self.body.setStyleSheet("QPlainTextEdit { font-size: 20px; background: white; }")
        self.body.textChanged.connect(self._body_changed)
        self._last_editor: QWidget = self.body
        self.subject.installEventFilter(self)
        self.body.installEventFilter(self)
        self.placeholders = QListWidget(self)
        self.placeholders.setAccessibleName("Placeholders")
        self.placeholders.setMinimumHeight(150)
        self.placeholders.setWordWrap(True)
        self.placeholders.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.placeholders.setStyleSheet("QListWidget { font-size: 17px; } QListWidget::item { min-height: 44px; }")
        for name, description in vm.placeholders():
            item = QListWidgetItem(f"${name}  —  {description}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"Placeholder {name}")
            self.placeholders.addItem(item)
        self.placeholders.itemClicked.connect(self._insert_placeholder)
        self.error = error_label(self, "Template error")
        self.source = QLabel("", self)
        self.source.setAccessibleName("Template source")
        self.source.setWordWrap(True)

        # -- the preview
        frame = QFrame(self)
        frame.setObjectName("ParcelCard")
        frame.setAccessibleName("Preview")
        self.preview_subject = QLabel("", frame)
        self.preview_subject.setAccessibleName("Preview subject")
        self.preview_subject.setWordWrap(True)
        self.preview_subject.setStyleSheet("font-weight: bold;")
        self.preview_body = QLabel("", frame)
        self.preview_body.setAccessibleName("Preview text")
        self.preview_body.setWordWrap(True)
        self.preview_body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.preview_body.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_body.setStyleSheet("font-size: 18px;")
        inner = QVBoxLayout(frame)
        inner.addWidget(self.preview_subject)
        inner.addWidget(self.preview_body, 1)
        self.sms_info = QLabel("", self)
        self.sms_info.setAccessibleName("SMS length")
        self.sms_info.setWordWrap(True)
        self.sms_warning = message_label(self, "SMS warning")

        # -- actions
        self.save_button = button(self, self.tr("Save"), "Save template")
        self.save_button.clicked.connect(vm.save)
        self.reset_button = button(self, self.tr("Reset to default"), "Reset to default", secondary=True)
        self.reset_button.clicked.connect(vm.reset)
        self.reset_button.setStyleSheet("QPushButton:disabled { color: #9aa8b3; border-color: #c9d3db; }")

        choices = QHBoxLayout()
        choices.addWidget(self.kind, 3)
        choices.addWidget(self.email_button, 1)
        choices.addWidget(self.sms_button, 1)
        choices.addWidget(self.language, 2)
        left = QVBoxLayout()
        left.addWidget(self._subject_caption)
        left.addWidget(self.subject)
        left.addWidget(caption(self, self.tr("Text")))
        left.addWidget(self.body, 3)
        left.addWidget(self.error)
        left.addWidget(caption(self, self.tr("Placeholders (tap to insert)")))
        left.addWidget(self.placeholders, 2)
        right = QVBoxLayout()
        right.addWidget(caption(self, self.tr("Preview with sample data")))
        right.addWidget(frame, 1)
        right.addWidget(self.sms_info)
        right.addWidget(self.sms_warning)
        right.addWidget(self.source)
        right.addWidget(self._message)
        actions = QHBoxLayout()
        actions.addWidget(self.reset_button, 1)
        actions.addWidget(self.save_button, 1)
        right.addLayout(actions)
        columns = QGridLayout()
        columns.addLayout(left, 0, 0)
        columns.addLayout(right, 0, 1)
        columns.setColumnStretch(0, 1)
        columns.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(choices)
        layout.addLayout(columns, 1)

        vm.loaded.connect(self._show_loaded)
        vm.preview_changed.connect(self._show_preview)
        vm.preview_error.connect(lambda text: show_error(self.error, text))
        vm.dirty_changed.connect(self._show_dirty)
        vm.message.connect(lambda text, severity: set_message(self._message, text, severity))

    def _kind_titles(self) -> dict[str, str]:
        return {
            "arrival": self.tr("Parcel arrived"), "perishable": self.tr("Perishable parcel arrived"),
            "reminder": self.tr("Reminder"), "final_notice": self.tr("Final notice before return"),
            "returned": self.tr("Returned to the sender"), "hold_started": self.tr("Hold started"),
            "hold_ended": self.tr("Hold ended"), "audit_finding": self.tr("Audit finding"),
            "digest": self.tr("Daily digest (staff)"),
            "perishable_escalation": self.tr("Perishable not collected (staff)"),
        }

    # ------------------------------------------------------------------ showing

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        set_message(self._message, "", "info")
        self._vm.reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and watched in (self.subject, self.body):
            self._last_editor = watched  # type: ignore[assignment]
        return super().eventFilter(watched, event)

    def _show_loaded(self, loaded: Loaded) -> None:
        template = loaded.template
        self._filling = True
        try:
            self.subject.setText(template.subject)
            self.body.setPlainText(template.body)
        finally:
            self._filling = False
        email = template.channel == Channel.EMAIL
        self.subject.setVisible(email)
        self._subject_caption.setVisible(email)
        if not email and self._last_editor is self.subject:
            self._last_editor = self.body
        language = LANGUAGES.get(self._vm.language, self._vm.language)
        if template.fell_back_to_english:
            source = self.tr("No {0} text yet: residents get the English one below until you save one.").format(
                language)
        elif template.overridden:
            source = self.tr("Custom text.")
        else:
            source = self.tr("Built-in text.")
        change = loaded.change
        if change is not None and change.by:
            when = change.at.astimezone().strftime("%Y-%m-%d %H:%M")
            verb = self.tr("Saved by {0} on {1}.") if change.action == "saved" else self.tr("Reset by {0} on {1}.")
            source = f"{source} {verb.format(change.by, when)}"
        self.source.setText(source)
        self.reset_button.setEnabled(template.overridden and not template.fell_back_to_english)

    def _show_dirty(self, dirty: bool) -> None:
        self.save_button.setText(self.tr("Save changes") if dirty else self.tr("Save"))

    def _show_preview(self, preview: Preview | None) -> None:
        self.save_button.setEnabled(preview is not None)
        if preview is None:
            self.preview_subject.setText("")
            self.preview_body.setText("")
            self.sms_info.setText("")
            set_message(self.sms_warning, "", "info")
            return
        self.preview_subject.setText(preview.subject)
        self.preview_subject.setVisible(bool(preview.subject))
        self.preview_body.setText(preview.body.rstrip())
        if preview.sms is None:
            self.sms_info.setText("")
            set_message(self.sms_warning, "", "info")
            return
        encoding = self.tr("plain (GSM-7)") if preview.sms.encoding == "GSM-7" else self.tr(
            "Unicode (UCS-2): accents such as á, í, ó, ú halve the room")
        self.sms_info.setText(self.tr("{0} characters, {1} segment(s), {2}.").format(
            preview.sms.units, preview.sms.segments, encoding))
        full = preview.sms_unshortened
        if preview.too_long:
            set_message(self.sms_warning, self.tr(
                "Too long: {0} segments even after shortening (at most {1}). Make the text shorter.").format(
                preview.sms.segments, SMS_MAX_SEGMENTS), "error")
        elif full is not None and not full.fits:
            set_message(self.sms_warning, self.tr(
                "With these sample values the text takes {0} segments, more than {1}: the instructions were "
                "shortened to fit. Shorten the text to send them whole.").format(full.segments, SMS_MAX_SEGMENTS),
                "warning")
        else:
            set_message(self.sms_warning, "", "info")

    # ------------------------------------------------------------------ editing

    def _body_changed(self) -> None:
        if not self._filling:
            self._vm.edit(body=self.body.toPlainText())

    def _insert_placeholder(self, item: QListWidgetItem) -> None:
        token = f"${{{item.data(Qt.ItemDataRole.UserRole)}}}"
        if self._last_editor is self.subject and self.subject.isVisible():
            self.subject.insert(token)
            self._vm.edit(subject=self.subject.text())
            self.subject.setFocus()
        else:
            self.body.insertPlainText(token)  # textChanged tells the view-model
            self.body.setFocus()


__all__ = ["TemplatesScreen"]
