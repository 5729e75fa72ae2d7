"""Role checks for staff services: every write names the minimum role it needs.

The exception is :class:`kiosk.services.staff.PermissionDenied`, so a screen catches one type
whichever service refused. The message says what was refused and who may do it.
"""

from __future__ import annotations

from kiosk.persistence.models import Role
from kiosk.services.staff import PermissionDenied, StaffSession

_WHO = {
    Role.STAFF: "signed-in staff",
    Role.MANAGER: "a manager or an admin",
    Role.ADMIN: "an admin",
}


def require(by: StaffSession | None, role: Role, action: str) -> StaffSession:
    """``by`` if their role is at least ``role``; otherwise :class:`PermissionDenied`."""
    if by is None:
        raise PermissionDenied(f"Sign in to {action}.")
    if not by.can(role):
        raise PermissionDenied(f"Only {_WHO[role]} may {action}; you are signed in as {by.role.value}.")
    return by


__all__ = ["PermissionDenied", "require"]
