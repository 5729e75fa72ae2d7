"""Parsing of device URLs such as ``serial:///dev/ttyACM0?baudrate=9600`` or ``hid://0c2e:0b61``."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from hardware.errors import DeviceUrlError


@dataclass(frozen=True)
class DeviceUrl:
    """A parsed device URL: scheme, host part, path and query parameters."""

    raw: str
    scheme: str
    netloc: str = ""
    path: str = ""
    params: dict[str, str] = field(default_factory=dict)

    @property
    def target(self) -> str:
        """The device address: a path (``/dev/ttyUSB0``), ``COM3``, a ``HOST:PORT`` or a ``VID:PID``."""
        return self.netloc + self.path if self.netloc and self.path else (self.netloc or self.path)

    def int_param(self, name: str, default: int) -> int:
        value = self.params.get(name)
        if value is None:
            return default
        try:
            return int(value, 0)
        except ValueError:
            raise DeviceUrlError(f"{self.raw}: parameter {name}={value!r} is not a number") from None

    def float_param(self, name: str, default: float) -> float:
        value = self.params.get(name)
        if value is None:
            return default
        try:
            return float(value)
        except ValueError:
            raise DeviceUrlError(f"{self.raw}: parameter {name}={value!r} is not a number") from None

    def vid_pid(self) -> tuple[int, int]:
        """Read ``VID:PID`` (hexadecimal, as lsusb prints it) from the host part."""
        text = self.netloc or self.path.strip("/")
        try:
            vid, pid = text.split(":")
            return int(vid, 16), int(pid, 16)
        except ValueError:
            raise DeviceUrlError(
                f"{self.raw}: expected VID:PID in hexadecimal, e.g. 16c0:05df"
            ) from None


def parse_device_url(raw: str) -> DeviceUrl:
    """Split a device URL into its parts; raise :class:`DeviceUrlError` with the reason if malformed."""
    text = raw.strip()
    if ":" not in text:
        raise DeviceUrlError(f"{raw!r} is not a device URL (expected e.g. 'sim:' or 'serial:///dev/ttyACM0')")
    scheme, rest = text.split(":", 1)
    scheme = scheme.lower()
    if not scheme or not all(c.isalnum() or c in "+-." for c in scheme):
        raise DeviceUrlError(f"{raw!r}: invalid scheme {scheme!r}")
    if not rest.startswith("//"):
        # 'sim:' or 'keyboard:' or 'serial:COM3'
        path, _, query = rest.partition("?")
        return DeviceUrl(raw, scheme, "", path, dict(parse_qsl(query)))
    parts = urlsplit("x:" + rest)
    # urlsplit refuses nothing, but a VID:PID netloc parses as host:port — keep the raw netloc.
    return DeviceUrl(raw, scheme, parts.netloc, parts.path, dict(parse_qsl(parts.query)))
