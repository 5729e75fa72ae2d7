"""Shelly network relays over HTTP: ``shelly://HOST[:PORT]?id=0[&gen=1]``.

Gen2+ devices speak RPC over GET: ``/rpc/Switch.Set?id=0&on=true&toggle_after=3`` (the
device turns itself back after 3 s, a built-in strike pulse) and ``/rpc/Switch.GetStatus
?id=0`` -> ``{"output": true, ...}``. Gen1 devices: ``/relay/0?turn=on&timer=3`` and
``/relay/0`` -> ``{"ison": true, ...}``. Every command is confirmed by reading the status.

A door contact wired to the Shelly's input is read with ``input=N``: Gen2
``/rpc/Input.GetStatus?id=N`` -> ``{"state": bool}``, Gen1 ``/status`` ->
``{"inputs": [{"input": 0|1}]}``. ``contact=nc`` (default: the contact is closed while the
door is closed) or ``no``.

Other parameters: ``timeout`` (seconds, 2), ``energize=unlock|lock``. Requests never go
through an HTTP proxy: the relay is on the local network.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlencode

from hardware.door.base import DoorController, energize_unlocks
from hardware.errors import DeviceError, DeviceProtocolError, DeviceUnavailable, DeviceUrlError
from hardware.url import DeviceUrl, parse_device_url

log = logging.getLogger(__name__)


class ShellyDoor(DoorController):
    """A door strike on a Shelly relay (Gen1 or Gen2+), driven with urllib."""

    def __init__(self, url: str | DeviceUrl) -> None:
        parsed = parse_device_url(url) if isinstance(url, str) else url
        super().__init__(parsed.raw)
        host = parsed.netloc or parsed.path.strip("/")
        if not host:
            raise DeviceUrlError(f"{parsed.raw}: no host given, e.g. shelly://192.168.1.40")
        self.host = host
        self.switch_id = parsed.int_param("id", 0)
        self.gen = parsed.int_param("gen", 2)
        if self.gen < 1:
            raise DeviceUrlError(f"{parsed.raw}: gen={self.gen}; use 1 or 2")
        self.timeout = parsed.float_param("timeout", 2.0)
        self.input_id = parsed.int_param("input", 0) if "input" in parsed.params else None
        contact = parsed.params.get("contact", "nc").lower()
        if contact not in ("nc", "no"):
            raise DeviceUrlError(f"{parsed.raw}: contact={contact!r}; use nc or no")
        self.contact_closed_when_shut = contact == "nc"
        self.energize_unlocks = energize_unlocks(parsed)
        # No proxies: a proxy would make a LAN relay look offline (or slow) for no reason.
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    @property
    def has_sensor(self) -> bool:
        return self.input_id is not None

    def set_locked(self, locked: bool) -> None:
        on = (not locked) if self.energize_unlocks else locked
        self._switch(on, None)
        self._confirm(on)

    def pulse_native(self, seconds: float) -> bool:
        on = self.energize_unlocks  # the unlocked state
        self._switch(on, seconds)
        self._confirm(on)
        return True

    def read_sensor(self) -> bool | None:
        if self.input_id is None:
            return None
        if self.gen >= 2:
            state = self._get("/rpc/Input.GetStatus", [("id", str(self.input_id))]).get("state")
        else:
            inputs: Any = self._get("/status", []).get("inputs")
            try:
                state = inputs[self.input_id]["input"]
            except (TypeError, IndexError, KeyError):
                state = None
        if state is None:
            raise DeviceProtocolError(f"Shelly at {self.host} did not report input {self.input_id}")
        closed = bool(state)
        return not closed if self.contact_closed_when_shut else closed

    def probe(self) -> None:
        self.output()

    def output(self) -> bool:
        """Whether the relay output is on now."""
        if self.gen >= 2:
            value = self._get("/rpc/Switch.GetStatus", [("id", str(self.switch_id))]).get("output")
        else:
            value = self._get(f"/relay/{self.switch_id}", []).get("ison")
        if not isinstance(value, bool):
            raise DeviceProtocolError(f"Shelly at {self.host} sent no relay state")
        return value

    def _switch(self, on: bool, seconds: float | None) -> None:
        if self.gen >= 2:
            query = [("id", str(self.switch_id)), ("on", "true" if on else "false")]
            if seconds is not None:
                query.append(("toggle_after", f"{seconds:g}"))
            self._get("/rpc/Switch.Set", query)
        else:
            query = [("turn", "on" if on else "off")]
            if seconds is not None:
                query.append(("timer", f"{seconds:g}"))
            self._get(f"/relay/{self.switch_id}", query)

    def _confirm(self, on: bool) -> None:
        if self.output() != on:
            raise DeviceError(f"Shelly at {self.host} did not switch {'on' if on else 'off'}")

    def _get(self, path: str, query: list[tuple[str, str]]) -> dict[str, Any]:
        url = f"http://{self.host}{path}" + (f"?{urlencode(query)}" if query else "")
        try:
            with self._opener.open(url, timeout=self.timeout) as response:
                body = response.read()
        except urllib.error.HTTPError as exc:
            exc.close()
            if exc.code in (401, 403):
                raise DeviceProtocolError(
                    f"Shelly at {self.host} asks for a password; turn authentication off"
                ) from None
            raise DeviceProtocolError(f"Shelly at {self.host} answered HTTP {exc.code}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise DeviceUnavailable(f"Shelly at {self.host} is not answering ({reason})") from None
        try:
            data = json.loads(body)
        except ValueError:
            raise DeviceProtocolError(f"Shelly at {self.host} sent something not JSON") from None
        if not isinstance(data, dict):
            raise DeviceProtocolError(f"Shelly at {self.host} sent unexpected JSON")
        log.debug("shelly %s -> %s", url, data)
        return data
