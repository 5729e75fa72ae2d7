"""A guard on the Qt binding itself: PySide6 6.12.0 released one reference to ``True`` on every
``Signal.emit()``; on Python 3.11 the interpreter then aborts after a few thousand emits (a kiosk
emits on every task). pyproject.toml excludes that release; this catches a binding that regresses."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    plain = Signal()
    flag = Signal(bool)


def test_emitting_signals_leaves_true_and_false_alone() -> None:
    emitter = _Emitter()
    received: list[bool] = []
    emitter.flag.connect(received.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for index in range(2000):
        emitter.plain.emit()
        emitter.flag.emit(index % 2 == 0)
    del received[:]
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert abs(after[0] - before[0]) < 50 and abs(after[1] - before[1]) < 50
