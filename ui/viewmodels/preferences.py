"""The signed-in resident's notice preferences ("My settings" on the my-parcels screen).

Each tap saves at once (a resident who walks away keeps what they chose); the resident is the
one whose code or fob was verified (``PickupViewModel.match``), and everything is forgotten when
the pickup session ends (I'm done, the door closing, or the idle reset).
"""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QObject, Signal

from kiosk.services.credentials import CredentialMatch
from kiosk.services.resident_prefs import PrefsChange, ResidentPrefs, ResidentPrefsService
from ui.tasks import TaskRunner
from ui.viewmodels.pickup import PickupViewModel

log = logging.getLogger(__name__)


class PreferencesViewModel(QObject):
    prefs_changed = Signal(object)  # ResidentPrefs | None
    message = Signal(str, str)  # text, severity: info | warning | error

    def __init__(self, service: ResidentPrefsService, runner: TaskRunner, pickup: PickupViewModel) -> None:
        super().__init__()
        self._service = service
        self._runner = runner
        self._pickup = pickup
        self.prefs: ResidentPrefs | None = None
        self._match: CredentialMatch | None = None
        self._pending = 0  # saves on their way: a quick second tap builds on the first, not on stale prefs
        pickup.state_changed.connect(self._pickup_state)

    def open(self) -> None:
        """Load the signed-in resident's preferences (nothing when nobody is signed in)."""
        match = self._pickup.match
        self._set(None)
        self.message.emit("", "info")
        if match is None:
            return
        self._match = match
        self._runner.submit(lambda: self._service.get(match), lambda prefs: self._loaded(match, prefs),
                            self._failed)

    def _loaded(self, match: CredentialMatch, prefs: ResidentPrefs) -> None:
        if match is self._match:
            self._set(prefs)

    # ------------------------------------------------------------------ the switches

    def set_email(self, on: bool) -> None:
        self._change(notify_email=on)

    def set_sms(self, on: bool) -> None:
        self._change(notify_sms=on)

    def set_language(self, code: str) -> None:
        self._change(language=code)

    def set_no_reminders(self, on: bool) -> None:
        self._change(reminders_opt_out=on)

    def _change(self, **values: object) -> None:
        prefs, match = self.prefs, self._match
        if prefs is None or match is None:
            return
        fields: dict[str, object] = {"notify_email": prefs.notify_email, "notify_sms": prefs.notify_sms,
                                     "language": prefs.language, "reminders_opt_out": prefs.reminders_opt_out}
        fields.update(values)
        change = PrefsChange(**fields)  # type: ignore[arg-type]
        self._pending += 1
        self._set(replace(prefs, **values))  # shown at once; the saved state follows
        self._runner.submit_write(lambda: self._service.save(match, change), lambda p: self._saved(match, p),
                                  self._failed)

    def _saved(self, match: CredentialMatch, prefs: ResidentPrefs) -> None:
        self._pending = max(0, self._pending - 1)
        if match is not self._match:
            return  # the resident left meanwhile
        if self._pending:
            return  # a later tap is on its way; its answer is the one to show
        self._set(prefs)  # with every channel off, the screen says parcels are only listed at the kiosk
        self.message.emit(self.tr("Saved."), "info")

    def _failed(self, exc: BaseException) -> None:
        self._pending = max(0, self._pending - 1)
        if self._match is not None and not self._pending:  # show what is really saved
            match = self._match
            self._runner.submit(lambda: self._service.get(match), lambda prefs: self._loaded(match, prefs))
        log.error("resident preferences: %s", exc)
        self.message.emit(self.tr("Sorry, your settings could not be saved. Please try again or ask at the "
                                  "front desk."), "error")

    # ------------------------------------------------------------------ session

    def _pickup_state(self, state: str) -> None:
        if state != "parcels":
            self.reset()

    def reset(self) -> None:
        """Forget the resident (the session ended)."""
        self._match = None
        self._set(None)
        self.message.emit("", "info")

    def _set(self, prefs: ResidentPrefs | None) -> None:
        self.prefs = prefs
        self.prefs_changed.emit(prefs)


__all__ = ["PreferencesViewModel"]
