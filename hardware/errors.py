"""One exception tree for every device, so the UI can show one clear banner per family."""

from __future__ import annotations


class DeviceError(Exception):
    """A device could not do what was asked. The message is fit for staff to read."""


class DeviceUrlError(DeviceError, ValueError):
    """A device URL in the configuration is malformed or names an unknown driver."""


class DeviceUnavailable(DeviceError):
    """The device is absent, unplugged, offline or not answering."""


class DeviceProtocolError(DeviceError):
    """The device answered, but not in the protocol we expected (wrong board, garbled frame)."""


class PrinterError(DeviceError):
    """Base for label-printer problems."""


class PaperOut(PrinterError):
    """The printer reports that it is out of paper (or its cover is open)."""


class DoorError(DeviceError):
    """The door controller failed to pulse or relock."""
