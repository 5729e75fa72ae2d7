"""Who is signed in at the desk, and for how long: PIN or badge in, idle or button out."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from kiosk.persistence.models import Role
from kiosk.services.staff import SignInLocked, SignInRejected, StaffService, StaffSession
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class StaffSessionViewModel(QObject):
    signed_in = Signal(object)  # StaffSession
    signed_out = Signal(str)  # reason
    rejected = Signal(object)  # the exception (SignInRejected / SignInLocked / other)

    def __init__(self, staff: StaffService, runner: TaskRunner, scope: str) -> None:
        super().__init__()
        self._staff = staff
        self._runner = runner
        self._scope = scope
        self.session: StaffSession | None = None

    def current(self) -> StaffSession | None:
        """Who is signed in now (view-models take this function, so they always ask afresh)."""
        return self.session

    @property
    def role(self) -> Role | None:
        return self.session.role if self.session else None

    def can(self, role: Role) -> bool:
        return self.session is not None and self.session.can(role)

    def sign_in_pin(self, pin: str) -> None:
        self._runner.submit_write(lambda: self._staff.sign_in_pin(pin, self._scope), self._done, self._failed)

    def knows_badge(self, badge: str) -> bool:
        """Blocking (call it on a worker): is this a staff badge?"""
        return self._staff.is_staff_badge(badge)

    def sign_in_badge(self, badge: str) -> None:
        self._runner.submit_write(lambda: self._staff.sign_in_badge(badge), self._done, self._failed)

    def _done(self, session: StaffSession) -> None:
        self.session = session
        self.signed_in.emit(session)

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, SignInRejected | SignInLocked):
            log.error("staff sign-in failed: %s", exc)
        self.rejected.emit(exc)

    def sign_out(self, reason: str = "signed out") -> None:
        session, self.session = self.session, None
        if session is None:
            return
        self._runner.submit_write(lambda: self._staff.sign_out(session, reason))
        self.signed_out.emit(reason)
