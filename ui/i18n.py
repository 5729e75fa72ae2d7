"""Languages: Qt translators from ``resources/translations``, switched at run time.

Installing a translator makes Qt send a LanguageChange event to every widget; each screen
re-reads its strings in ``changeEvent``. English is the source language and needs no file.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTranslator, Signal

import resources

log = logging.getLogger(__name__)
LANGUAGES = {"en": "English", "es": "Español"}


class LanguageManager(QObject):
    language_changed = Signal(str)

    def __init__(self, default: str = "en", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.default = default if default in LANGUAGES else "en"
        self._current = "en"
        self._translator: QTranslator | None = None
        self.set_language(self.default)

    @property
    def current(self) -> str:
        return self._current

    def next_language(self) -> str:
        """The language the one-tap switch offers (the other of English and Spanish)."""
        codes = list(LANGUAGES)
        return codes[(codes.index(self._current) + 1) % len(codes)]

    def set_language(self, code: str) -> None:
        if code not in LANGUAGES:
            log.warning("unknown language %r; keeping %s", code, self._current)
            return
        app = QCoreApplication.instance()
        if self._translator is not None and app is not None:
            app.removeTranslator(self._translator)
            self._translator = None
        if code != "en":
            translator = QTranslator(self)
            path = resources.path("translations", f"packroom_{code}.qm")
            if translator.load(str(path)) and app is not None:
                app.installTranslator(translator)
                self._translator = translator
            else:
                log.error("translation %s missing or unreadable; showing English", path)
        QLocale.setDefault(QLocale(code))
        changed = code != self._current
        self._current = code
        if changed:
            self.language_changed.emit(code)

    def reset(self) -> None:
        self.set_language(self.default)
