"""Keyboard-wedge scanners: tell a scan from a person typing by timing and the terminator.

A wedge scanner "types" the barcode a few milliseconds per key and usually presses Enter at
the end; people type slower than ~40 ms per key. :class:`WedgeDecoder` is a pure state
machine (no Qt, no threads, the caller supplies timestamps) so it can be unit-tested without
a keyboard. The UI's Qt event filter drives it like this::

    action = decoder.feed(key_text, time.monotonic())   # ENTER for Return/Enter, TAB for Tab
    # Always swallow the original key event, then:
    #   Pending        -> nothing to do yet (the key is held: it may start a scan)
    #   Release(chars) -> re-post ``chars`` to the focused widget, in order, bypassing the
    #                     filter (they were typed by a person; ENTER/TAB mean those keys)
    #   Scan(event)    -> deliver event.text as one scan; the keys never reach the field
    # If action.deadline is not None, keys are still held: start a single-shot timer and
    # call decoder.flush(time.monotonic()) when it fires, handling its action the same way.
    # Before passing on a key the decoder is not fed (arrows, Backspace, a mouse click),
    # call decoder.release_all() and re-post what it returns so the order is kept.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

from hardware.errors import DeviceUrlError
from hardware.scanner.aim import decode_scan
from hardware.scanner.base import ScanEvent, Scanner
from hardware.url import DeviceUrl

log = logging.getLogger(__name__)

ENTER = "\r"
TAB = "\t"

#: Slack added to a deadline so a timer firing exactly on time finds the burst over.
_DEADLINE_SLACK = 0.001
#: The longest burst held as a possible scan. Shipping-label symbols carry a few hundred
#: characters and the tracking parser looks at no more than 4096; a longer burst is a device
#: gone wrong (or a keystroke injector) and is refused, in pieces of this size, so neither the
#: decoder nor the key filter holding the keys grows without bound.
MAX_SCAN_LENGTH = 4096


@dataclass(frozen=True)
class Pending:
    """The key just fed is held back: it may be part of a scan. Flush at ``deadline``."""

    deadline: float


@dataclass(frozen=True)
class Release:
    """``chars`` were typed by a person: give them back to the focused field, in order.

    When ``deadline`` is not None the key just fed is *not* in ``chars``: it is held as the
    possible start of a new scan, and :meth:`WedgeDecoder.flush` is due at ``deadline``.
    """

    chars: str
    deadline: float | None = None


@dataclass(frozen=True)
class Scan:
    """The buffered keys were a scan: swallow them and deliver ``event``.

    ``deadline`` is set only when the key just fed was held as the start of the next burst.
    """

    event: ScanEvent
    deadline: float | None = None


WedgeAction = Pending | Release | Scan


class WedgeDecoder:
    """Buffers keys and decides, from inter-key timing and the terminator, what they were.

    ``max_gap`` is the longest pause (seconds) between two keys of one scan; ``min_length``
    the fewest characters a scan has (short fast bursts are people's key rollover);
    ``terminators`` the keys a scanner ends a read with (Enter by default, Tab optional).
    With ``require_terminator=False`` a fast burst that simply stops counts as a scan too
    (scanners configured without a suffix); by default it is given back to the field.
    """

    def __init__(
        self,
        *,
        max_gap: float = 0.040,
        min_length: int = 4,
        terminators: Iterable[str] = (ENTER,),
        require_terminator: bool = True,
        gs_replacement: str | None = None,
        source: str = "keyboard:",
        max_length: int = MAX_SCAN_LENGTH,
    ) -> None:
        if max_gap <= 0:
            raise ValueError("max_gap must be positive")
        if min_length < 1:
            raise ValueError("min_length must be at least 1")
        if max_length < min_length:
            raise ValueError("max_length must be at least min_length")
        self.max_length = max_length
        self._refusing = False  # inside a burst already refused as too long
        self.max_gap = max_gap
        self.min_length = min_length
        self.terminators = frozenset(_normalise(k) for k in terminators)
        self.require_terminator = require_terminator
        self.gs_replacement = gs_replacement
        self.source = source
        self._buffer: list[str] = []
        self._last: float = 0.0

    @property
    def buffered(self) -> str:
        """The keys held right now (not yet known to be a scan or typing)."""
        return "".join(self._buffer)

    @property
    def deadline(self) -> float | None:
        """When :meth:`flush` should be called, or None if nothing is held."""
        return self._last + self.max_gap + _DEADLINE_SLACK if self._buffer else None

    def feed(self, key: str, t: float) -> WedgeAction:
        """Account for one key press at time ``t`` (seconds, any monotonic clock)."""
        key = _normalise(key)
        if self._refusing and not self._buffer and t - self._last > self.max_gap:
            self._refusing = False  # a refused burst ended with nothing held: this key starts afresh
        if not key:
            return self.release_all()
        terminator = key in self.terminators
        if self._buffer and t - self._last > self.max_gap:
            # The previous burst ended before this key arrived: settle it first.
            settled = self._settle_burst()
            if terminator and isinstance(settled, Release):
                # A person pressed Enter (or Tab) after typing: it goes to the field too.
                return Release(settled.chars + key)
            # Hold this key: it may start the next scan.
            self._hold(key, t)
            if isinstance(settled, Scan):
                return Scan(settled.event, self.deadline)
            return Release(settled.chars, self.deadline)
        if terminator:
            if self._refusing:
                return Scan(self._refuse(end=True))
            if len(self._buffer) >= self.min_length:
                return Scan(self._take_scan())
            # Too short to be a scan: a person's Enter, with whatever they typed before it.
            return Release(self._take_chars() + key)
        if len(self._buffer) >= self.max_length:
            self._last = t  # the burst goes on; what follows it belongs to it
            return Scan(self._refuse(end=False))
        self._hold(key, t)
        return Pending(self._last + self.max_gap + _DEADLINE_SLACK)

    def flush(self, t: float) -> WedgeAction:
        """Called when the deadline passes: settle the held burst if it is over."""
        if not self._buffer:
            return Release("")
        if t - self._last <= self.max_gap:
            return Pending(self._last + self.max_gap + _DEADLINE_SLACK)
        return self._settle_burst()

    def release_all(self) -> Release:
        """Give back everything held, e.g. before a key the decoder is not fed."""
        return Release(self._take_chars())

    def _settle_burst(self) -> Scan | Release:
        if self._refusing:  # the tail of a refused burst is not a scan either, nor typing
            return Scan(self._refuse(end=True))
        if not self.require_terminator and len(self._buffer) >= self.min_length:
            return Scan(self._take_scan())
        return Release(self._take_chars())

    def _refuse(self, *, end: bool) -> ScanEvent:
        """Drop the held keys of an overlong burst; the event says why (``text`` is empty)."""
        dropped = len(self._buffer) + (0 if end else 1)
        self._buffer.clear()
        if not self._refusing:
            log.warning("keyboard wedge %s: a burst of more than %d keys was refused", self.source,
                        self.max_length)
        self._refusing = not end
        return ScanEvent("", None, self.source,
                         error=f"refused: the scanner sent more than {self.max_length} characters without "
                               f"a pause ({dropped} dropped); that is no barcode — check the scanner")

    def _hold(self, key: str, t: float) -> None:
        self._buffer.append(key)
        self._last = t

    def _take_chars(self) -> str:
        chars = "".join(self._buffer)
        self._buffer.clear()
        return chars

    def _take_scan(self) -> ScanEvent:
        event = decode_scan(self._take_chars(), self.source, gs_replacement=self.gs_replacement)
        log.debug("wedge scan: %r", event)
        return event


def _normalise(key: str) -> str:
    """Qt and terminals disagree on Enter: treat LF like CR."""
    return ENTER if key == "\n" else key


class KeyboardWedgeScanner(Scanner):
    """The ``keyboard:`` scanner: scans come from the UI's key-event filter.

    The UI feeds every text key to :meth:`submit_key` (or drives :attr:`decoder` itself and
    calls :meth:`submit_scan`); scans are delivered to the ``on_scan`` callback on the
    caller's (GUI) thread. URL parameters: ``gap_ms`` (40), ``min_length`` (4),
    ``terminator`` (``enter``, ``tab``, ``enter+tab`` or ``none``), ``gs`` (the character
    the scanner sends for FNC1, e.g. ``~``).
    """

    def __init__(self, url: str = "keyboard:", decoder: WedgeDecoder | None = None) -> None:
        super().__init__(url)
        self.decoder = decoder if decoder is not None else WedgeDecoder(source=url)

    @classmethod
    def from_url(cls, url: DeviceUrl) -> KeyboardWedgeScanner:
        terminator = url.params.get("terminator", "enter").lower()
        names = {"enter": ENTER, "tab": TAB}
        if terminator == "none":
            keys: tuple[str, ...] = ()
        else:
            try:
                # "enter+tab" arrives as "enter tab": a query string's + means a space.
                keys = tuple(names[part] for part in re.split(r"[+ ,]+", terminator.strip()))
            except KeyError:
                raise DeviceUrlError(
                    f"{url.raw}: terminator={terminator!r}; use enter, tab, enter+tab or none"
                ) from None
        decoder = WedgeDecoder(
            max_gap=url.float_param("gap_ms", 40.0) / 1000.0,
            min_length=url.int_param("min_length", 4),
            terminators=keys,
            require_terminator=bool(keys),
            gs_replacement=url.params.get("gs") or None,
            source=url.raw,
        )
        return cls(url.raw, decoder)

    def _open(self) -> None:
        self._set_status(True, "keyboard wedge")

    def stop(self) -> None:
        self._on_scan = None
        self._set_status(False, "stopped")

    def submit_key(self, key: str, t: float) -> WedgeAction:
        """Feed one key to the decoder; a completed scan is delivered to ``on_scan``."""
        return self._dispatch(self.decoder.feed(key, t))

    def flush(self, t: float) -> WedgeAction:
        """Call at the action's deadline; a completed scan is delivered to ``on_scan``."""
        return self._dispatch(self.decoder.flush(t))

    def submit_scan(self, event: ScanEvent) -> None:
        """Deliver a scan the UI decoded itself."""
        self._deliver(event)

    def _dispatch(self, action: WedgeAction) -> WedgeAction:
        if isinstance(action, Scan):
            self._deliver(action.event)
        return action
