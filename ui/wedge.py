"""Keyboard-wedge scanners in the GUI: tell a scan from typing and keep scans out of text fields.

A wedge scanner "types" the barcode as key presses a few milliseconds apart, usually ending
with Enter. :class:`WedgeFilter` is installed as an application event filter (when the
scanner URL is ``keyboard:``) and feeds every key press, with the event's own timestamp, to
a :class:`~hardware.scanner.wedge.WedgeDecoder`. Each key is held back until the decoder has
decided: keys that belong to a scan are swallowed and the scan comes out once, as the
``scanned`` signal; keys a person typed are delivered to the widget that had focus when they
were pressed, in order, a few tens of milliseconds late. A key the decoder is not fed
(arrows, Backspace, Escape) or a mouse click first gives back whatever is held, so the order
of everything the person did is kept.
"""

from __future__ import annotations

import logging
import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from hardware.scanner.aim import GS
from hardware.scanner.wedge import ENTER, TAB, Pending, Release, Scan, WedgeAction, WedgeDecoder

log = logging.getLogger(__name__)

#: Keys that are part of typing a character, not characters: scanners press Shift too.
_MODIFIER_KEYS = frozenset({
    Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Meta,
    Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock, Qt.Key.Key_Super_L, Qt.Key.Key_Super_R,
})
_RELEASING_EVENTS = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.TouchBegin,
})


@dataclass
class _HeldKey:
    """A key press held back while the decoder decides; enough to deliver it again."""

    widget: QWidget
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    scan_code: int
    virtual_key: int
    native_modifiers: int
    timestamp: int
    released: bool = False  # its release arrived meanwhile and was held too


class WedgeFilter(QObject):
    """Application event filter that turns fast key bursts into ``scanned(ScanEvent)``.

    ``decoder`` is the scanner's (``DeviceManager.wedge_decoder``, configured from the
    ``keyboard:`` URL); ``clock`` is a monotonic clock in seconds, used when an event has
    no timestamp and to time the decoder's deadline. Install it with
    ``QApplication.instance().installEventFilter(wedge)``; it must live in the GUI thread.
    """

    scanned = Signal(object)

    def __init__(
        self,
        decoder: WedgeDecoder | None = None,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.decoder = decoder if decoder is not None else WedgeDecoder()
        self._clock = clock
        self._held: deque[_HeldKey] = deque()
        self._own: set[int] = set()  # the copies being delivered now (C++ addresses)
        # (event time, clock time) of the last key fed: maps the clock onto event time.
        self._anchor: tuple[float, float] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._deadline_passed)

    # -- the filter ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._own and shiboken6.getCppPointer(event)[0] in self._own:
            return False  # a key we are giving back: let it through (and up to the parents)
        kind = event.type()
        if not isinstance(watched, QWidget):
            return False  # key events reach the window first, then the focus widget: act once
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key_press(watched, event)
        if kind == QEvent.Type.KeyRelease and isinstance(event, QKeyEvent):
            return self._key_release(event)
        if kind in _RELEASING_EVENTS and self._held:
            self._act(self.decoder.release_all())
        return False

    def _key_press(self, widget: QWidget, event: QKeyEvent) -> bool:
        if event.key() in _MODIFIER_KEYS:
            return False
        char = _decoder_key(event)
        if char is None:
            # Not something a scanner sends: give back what is held first, then let it pass.
            if self._held:
                self._act(self.decoder.release_all())
            return False
        t = self._event_time(event)
        self._held.append(_HeldKey(
            widget, event.key(), event.modifiers(), event.text(), event.nativeScanCode(),
            event.nativeVirtualKey(), event.nativeModifiers(), event.timestamp(),
        ))
        self._act(self.decoder.feed(char, t))
        event.accept()
        return True

    def _key_release(self, event: QKeyEvent) -> bool:
        if event.isAutoRepeat():
            return False
        for held in self._held:
            if held.key == event.key() and not held.released:
                held.released = True  # delivered after its press, or dropped with a scan
                return True
        return False

    # -- decisions -----------------------------------------------------------------------------

    def _deadline_passed(self) -> None:
        if self._held:
            self._act(self.decoder.flush(self._now()))

    def _act(self, action: WedgeAction) -> None:
        """Settle the held keys the decoder is done with, then re-arm the deadline timer."""
        settled = len(self._held) - len(self.decoder.buffered)
        done = [self._held.popleft() for _ in range(max(0, settled))]
        if isinstance(action, Scan):
            log.debug("wedge scan of %d keys: %r", len(done), action.event.text)
            self.scanned.emit(action.event)
        elif isinstance(action, Release):
            if len(action.chars) != len(done):
                log.warning("wedge filter out of step with its decoder (%r, %d keys)", action.chars, len(done))
            self._deliver(done)
        elif isinstance(action, Pending) and done:
            self._deliver(done)  # cannot happen with a consistent decoder; never lose keys
        deadline = self.decoder.deadline
        if deadline is None:
            self._timer.stop()
        else:
            self._timer.start(max(0, math.ceil((deadline - self._now()) * 1000)))

    def _deliver(self, keys: list[_HeldKey]) -> None:
        """Send typed keys, as they were, to the widget each was meant for.

        Delivery is synchronous and a slot may run a nested event loop (a dialog), so the
        copies are recognised by address rather than by a "replaying" flag: keys pressed
        in that loop are still filtered.
        """
        for held in keys:
            if not shiboken6.isValid(held.widget):
                continue  # the widget was closed meanwhile
            types = [QEvent.Type.KeyPress] + ([QEvent.Type.KeyRelease] if held.released else [])
            for kind in types:
                copy = QKeyEvent(kind, held.key, held.modifiers, held.scan_code, held.virtual_key,
                                 held.native_modifiers, held.text)
                copy.setTimestamp(held.timestamp)
                address = shiboken6.getCppPointer(copy)[0]
                self._own.add(address)
                try:
                    QApplication.sendEvent(held.widget, copy)
                finally:
                    self._own.discard(address)

    # -- time ----------------------------------------------------------------------------------

    def _event_time(self, event: QKeyEvent) -> float:
        """The key's time in seconds: the window system's timestamp, or now if it has none."""
        stamp = event.timestamp()
        now = self._clock()
        t = stamp / 1000.0 if stamp else now
        self._anchor = (t, now)
        return t

    def _now(self) -> float:
        """The current time on the same scale as the key timestamps."""
        if self._anchor is None:
            return self._clock()
        t, at = self._anchor
        return t + (self._clock() - at)


def _decoder_key(event: QKeyEvent) -> str | None:
    """What the decoder is fed for ``event``, or None for keys a scanner does not send."""
    if event.isAutoRepeat():
        return None  # a held-down key is a person
    key = event.key()
    if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        return ENTER
    if key == Qt.Key.Key_Tab:
        return TAB
    text = event.text()
    if len(text) == 1 and (text == GS or text.isprintable()):
        return text  # GS is Ctrl+], the usual wedge encoding of GS1's FNC1
    return None
