"""The keyboard-wedge decoder tells a scan from a person typing by timing and terminator."""

from __future__ import annotations

import pytest

from hardware.errors import DeviceUrlError
from hardware.scanner import GS, ScanEvent
from hardware.scanner.factory import open_scanner
from hardware.scanner.wedge import (
    ENTER,
    TAB,
    KeyboardWedgeScanner,
    Pending,
    Release,
    Scan,
    WedgeAction,
    WedgeDecoder,
)


def type_keys(decoder: WedgeDecoder, keys: str, start: float, gap: float) -> list[WedgeAction]:
    return [decoder.feed(key, start + i * gap) for i, key in enumerate(keys)]


def test_fast_burst_with_enter_is_one_scan_and_nothing_reaches_the_field() -> None:
    decoder = WedgeDecoder()
    actions = type_keys(decoder, "1Z999AA10123456784" + ENTER, 10.0, 0.008)
    assert all(isinstance(a, Pending) for a in actions[:-1])
    final = actions[-1]
    assert isinstance(final, Scan)
    assert final.event == ScanEvent("1Z999AA10123456784", None, "keyboard:")
    assert final.deadline is None
    assert decoder.buffered == ""


def test_slow_typing_is_released_to_the_field_key_by_key() -> None:
    decoder = WedgeDecoder()
    first = decoder.feed("a", 0.0)
    assert isinstance(first, Pending)
    second = decoder.feed("b", 0.2)  # a person: 200 ms later
    assert isinstance(second, Release)
    assert second.chars == "a"  # "a" goes back to the field; "b" is held
    assert second.deadline == pytest.approx(0.2 + 0.041)
    early = decoder.flush(0.2 + 0.030)  # the timer fired early: not over yet
    assert isinstance(early, Pending)
    assert early.deadline == pytest.approx(0.241)
    assert decoder.flush(0.3) == Release("b")
    enter = decoder.feed(ENTER, 0.5)
    assert enter == Release(ENTER)  # the person's Enter goes to the field too


def test_short_fast_burst_with_enter_is_typing_not_a_scan() -> None:
    decoder = WedgeDecoder(min_length=4)
    actions = type_keys(decoder, "ab" + ENTER, 0.0, 0.01)
    assert actions[-1] == Release("ab" + ENTER)


def test_fast_burst_without_terminator_is_released_after_the_timeout() -> None:
    decoder = WedgeDecoder()
    actions = type_keys(decoder, "12345678", 0.0, 0.005)
    assert all(isinstance(a, Pending) for a in actions)
    deadline = decoder.deadline
    assert deadline is not None
    assert deadline == pytest.approx(0.035 + 0.041)
    assert decoder.flush(deadline) == Release("12345678")
    assert decoder.deadline is None


def test_burst_without_terminator_can_count_as_a_scan_if_configured() -> None:
    decoder = WedgeDecoder(require_terminator=False, terminators=())
    type_keys(decoder, "12345678", 0.0, 0.005)
    action = decoder.flush(1.0)
    assert isinstance(action, Scan)
    assert action.event.text == "12345678"


def test_typing_then_a_scan_release_the_typing_and_keep_the_scan() -> None:
    decoder = WedgeDecoder()
    assert isinstance(decoder.feed("x", 0.0), Pending)
    # The scan starts 300 ms later: "x" goes back to the field, the scan's first key is held.
    action = decoder.feed("9", 0.3)
    assert isinstance(action, Release)
    assert action.chars == "x"
    assert action.deadline is not None
    actions = type_keys(decoder, "400111899223197428490" + ENTER, 0.31, 0.004)
    final = actions[-1]
    assert isinstance(final, Scan)
    assert final.event.text == "9400111899223197428490"


def test_a_gap_before_enter_makes_the_enter_a_persons() -> None:
    decoder = WedgeDecoder()
    type_keys(decoder, "abcdef", 0.0, 0.01)
    assert decoder.feed(ENTER, 0.5) == Release("abcdef" + ENTER)


def test_tab_terminates_only_when_configured() -> None:
    tab_decoder = WedgeDecoder(terminators=(ENTER, TAB))
    assert isinstance(type_keys(tab_decoder, "ABCDEF" + TAB, 0.0, 0.005)[-1], Scan)
    enter_only = WedgeDecoder()
    actions = type_keys(enter_only, "ABCDEF" + TAB + ENTER, 0.0, 0.005)
    final = actions[-1]
    assert isinstance(final, Scan)
    assert final.event.text == "ABCDEF\t"


def test_line_feed_counts_as_enter() -> None:
    decoder = WedgeDecoder()
    assert isinstance(type_keys(decoder, "ABCDE\n", 0.0, 0.005)[-1], Scan)


def test_ctrl_bracket_and_replacement_character_give_gs() -> None:
    decoder = WedgeDecoder(gs_replacement="~")
    final = type_keys(decoder, "]C142012345~9400" + GS + "12" + ENTER, 0.0, 0.003)[-1]
    assert isinstance(final, Scan)
    assert final.event.text == f"42012345{GS}9400{GS}12"
    assert final.event.symbology == "gs1-128"


def test_release_all_gives_back_held_keys_in_order() -> None:
    decoder = WedgeDecoder()
    type_keys(decoder, "ab", 0.0, 0.01)
    assert decoder.release_all() == Release("ab")
    assert decoder.flush(5.0) == Release("")


def test_keyboard_scanner_delivers_scans_to_the_callback() -> None:
    scanner = open_scanner("keyboard:?gap_ms=30&min_length=3&terminator=enter+tab&gs=|")
    assert isinstance(scanner, KeyboardWedgeScanner)
    assert scanner.decoder.max_gap == pytest.approx(0.030)
    seen: list[ScanEvent] = []
    scanner.start(seen.append)
    assert scanner.status.state == "connected"
    for i, key in enumerate("A|B" + TAB):
        scanner.submit_key(key, i * 0.01)
    assert seen == [ScanEvent(f"A{GS}B", None, scanner.url)]
    scanner.stop()
    assert not scanner.status.online


def test_keyboard_scanner_url_is_validated() -> None:
    with pytest.raises(DeviceUrlError, match="terminator"):
        open_scanner("keyboard:?terminator=space")
