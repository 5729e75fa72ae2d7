"""The "Messages" screen's view-model: choose a notice kind, channel and language, edit its text
with a live preview on sample data, save it or go back to the built-in default.

Every keystroke asks for a new preview off the GUI thread; an answer for older text is dropped.
An unknown placeholder or a stray ``$`` is shown at once (the preview says why) and cannot be
saved. Unsaved edits are kept until the admin chooses another template or saves.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from kiosk.notifications.editor import Preview, TemplateChange, TemplateEditor
from kiosk.notifications.templates import TemplateError, TemplateText
from kiosk.persistence.models import Channel
from kiosk.services.staff import PermissionDenied, StaffSession
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Loaded:
    """The template in force for the chosen kind, channel and language, and its last change."""

    template: TemplateText
    change: TemplateChange | None


class TemplatesViewModel(QObject):
    loaded = Signal(object)  # Loaded: the stored text (the screen fills its editors with it)
    preview_changed = Signal(object)  # Preview | None (None: the text is refused, see preview_error)
    preview_error = Signal(str)  # why the text cannot be previewed or saved ("" when it can)
    dirty_changed = Signal(bool)  # the text differs from the one in force
    message = Signal(str, str)  # text, severity: info | warning | error

    def __init__(self, editor: TemplateEditor, runner: TaskRunner,
                 staff: Callable[[], StaffSession | None]) -> None:
        super().__init__()
        self._editor = editor
        self._runner = runner
        self._staff = staff
        self.kind = editor.kinds()[0]
        self.channel = Channel.EMAIL
        self.language = editor.languages()[0]
        self.subject = ""
        self.body = ""
        self.current: Loaded | None = None
        self.preview: Preview | None = None
        self.error = ""
        self._generation = 0  # bumped on every edit: older previews are dropped

    # ------------------------------------------------------------------ choices

    def kinds(self) -> tuple[str, ...]:
        return self._editor.kinds()

    def languages(self) -> tuple[str, ...]:
        return self._editor.languages()

    def placeholders(self) -> list[tuple[str, str]]:
        return self._editor.placeholders()

    def choose(self, kind: str | None = None, channel: Channel | None = None, language: str | None = None) -> None:
        """Show another template (unsaved edits of the one on show are dropped)."""
        self.kind = kind or self.kind
        self.channel = channel or self.channel
        self.language = language or self.language
        self.reload()

    def reload(self) -> None:
        key = (self.kind, self.channel, self.language)
        self._runner.submit(lambda: self._load(*key), lambda loaded: self._loaded(key, loaded), self._failed)

    def _load(self, kind: str, channel: Channel, language: str) -> Loaded:
        return Loaded(self._editor.load(kind, channel, language), self._editor.last_change(kind, channel, language))

    def _loaded(self, key: tuple[str, Channel, str], loaded: Loaded) -> None:
        if key != (self.kind, self.channel, self.language):
            return  # another template was chosen meanwhile
        self.current = loaded
        self.subject, self.body = loaded.template.subject, loaded.template.body
        self.loaded.emit(loaded)
        self._changed()

    # ------------------------------------------------------------------ editing

    @property
    def dirty(self) -> bool:
        return self.current is not None and (self.subject, self.body) != (self.current.template.subject,
                                                                          self.current.template.body)

    def edit(self, subject: str | None = None, body: str | None = None) -> None:
        """The admin typed: keep the text and ask for a fresh preview."""
        if subject is not None:
            self.subject = subject
        if body is not None:
            self.body = body
        self._changed()

    def _changed(self) -> None:
        self.dirty_changed.emit(self.dirty)
        self._generation += 1
        generation = self._generation
        kind, channel, language, subject, body = self.kind, self.channel, self.language, self.subject, self.body
        self._runner.submit(lambda: self._preview(kind, channel, language, subject, body),
                            lambda preview: self._previewed(generation, preview),
                            lambda exc: self._preview_failed(generation, exc))

    def _preview(self, kind: str, channel: Channel, language: str, subject: str, body: str) -> Preview | str:
        """The preview, or why the text is refused (an expected answer while typing, not a failure)."""
        try:
            return self._editor.preview(kind, channel, language, subject, body)
        except TemplateError as exc:
            return str(exc)

    def _previewed(self, generation: int, preview: Preview | str) -> None:
        if generation != self._generation:
            return
        if isinstance(preview, str):
            self._preview_failed(generation, TemplateError(preview))
            return
        self.preview, self.error = preview, ""
        self.preview_error.emit("")
        self.preview_changed.emit(preview)

    def _preview_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        if not isinstance(exc, TemplateError):
            log.error("template preview failed: %s", exc)
        text = str(exc) or type(exc).__name__
        if " (known: " in text:  # the screen lists the placeholders beside the text
            text = self.tr("{0}: use one from the list of placeholders.").format(text.split(" (known: ")[0])
        self.preview, self.error = None, _sentence(text)
        self.preview_error.emit(self.error)
        self.preview_changed.emit(None)

    # ------------------------------------------------------------------ saving

    def save(self) -> None:
        if self.error:
            self.message.emit(self.tr("Not saved: {0}").format(self.error), "error")
            return
        staff = self._staff()
        key = (self.kind, self.channel, self.language)
        subject, body = self.subject, self.body
        self._runner.submit_write(lambda: self._editor.save(staff, *key, subject, body),
                                  lambda _t: self._stored(key, self.tr("Saved. New notices use this text.")),
                                  self._failed)

    def reset(self) -> None:
        staff = self._staff()
        key = (self.kind, self.channel, self.language)
        self._runner.submit_write(lambda: self._editor.reset(staff, *key),
                                  lambda _t: self._stored(key, self.tr("Back to the built-in text.")),
                                  self._failed)

    def _stored(self, key: tuple[str, Channel, str], text: str) -> None:
        self.message.emit(text, "info")
        if key == (self.kind, self.channel, self.language):
            self.reload()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, TemplateError | PermissionDenied):
            self.message.emit(self.tr("Not saved: {0}").format(_sentence(str(exc))), "error")
        else:
            log.error("template change failed: %s", exc)
            self.message.emit(self.tr("Not saved: {0}").format(str(exc) or type(exc).__name__), "error")

    def reset_view(self) -> None:
        """Staff signed out: forget unsaved text."""
        self.current = None
        self.subject = self.body = ""


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


__all__ = ["Loaded", "TemplatesViewModel"]
