"""Hostile input from every door into the kiosk: scanner bursts, label payloads, rent-roll files,
configuration files and codes typed at the keypad. Property-based (Hypothesis): whatever comes
in, no crash, no hang, and a clear error each time.

``PACKROOM_FUZZ_EXAMPLES`` sets the examples per property (default 100); ``PACKROOM_FUZZ_LONG=1``
(``make soak``) also feeds a full 10 MB scan burst instead of 1 MB.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import string
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from hardware.scanner.aim import GS, decode_scan, parse_aim
from hardware.scanner.wedge import ENTER, MAX_SCAN_LENGTH, TAB, Pending, Release, Scan, WedgeAction, WedgeDecoder
from kiosk import eventlog
from kiosk.config import SETTINGS, ConfigError, Settings, load_settings
from kiosk.notifications.policy import NoticePolicy
from kiosk.persistence.uow import Database
from kiosk.residents.importer import RentRollError, import_residents
from kiosk.services.credentials import CredentialPolicy, CredentialRejected, KeypadLocked
from kiosk.services.parcels import IntakeRequest
from kiosk.tracking import parse, pick_tracking
from tests.factories import Building, make_building, ups_number

EXAMPLES = int(os.environ.get("PACKROOM_FUZZ_EXAMPLES", "100"))
LONG = os.environ.get("PACKROOM_FUZZ_LONG") == "1"
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# --------------------------------------------------------------------------- the keyboard wedge

_keys = st.one_of(st.sampled_from(list("1Z999AA0123456789" + "\r\n\t" + GS + "~|] ")),
                  st.characters(codec="utf-8"))
_gaps = st.one_of(st.floats(0.0005, 0.030), st.floats(0.031, 2.0))  # scanner-fast and person-slow


def _drive(decoder: WedgeDecoder, keys: list[str], gaps: list[float]) -> list[WedgeAction]:
    """Feed keys as the UI's filter does, flushing whenever a deadline passes between two keys."""
    actions: list[WedgeAction] = []
    t = 100.0
    for key, gap in zip(keys, gaps, strict=False):
        deadline = decoder.deadline
        if deadline is not None and t + gap > deadline:
            actions.append(decoder.flush(deadline))
        t += gap
        actions.append(decoder.feed(key, t))
    if decoder.deadline is not None:
        actions.append(decoder.flush(decoder.deadline))
    actions.append(decoder.release_all())
    assert decoder.buffered == ""
    return actions


@FUZZ
@given(keys=st.lists(_keys.filter(lambda k: k != "]"), max_size=120), gaps=st.lists(_gaps, max_size=120))
def test_wedge_every_key_is_released_in_order_or_part_of_exactly_one_scan(keys: list[str],
                                                                         gaps: list[float]) -> None:
    gaps = (gaps + [0.005] * len(keys))[:len(keys)]
    actions = _drive(WedgeDecoder(), keys, gaps)
    out: list[str] = []
    consumed_enters = 0
    for action in actions:
        assert isinstance(action, Pending | Release | Scan)
        if isinstance(action, Release):
            out.append(action.chars)
        elif isinstance(action, Scan):
            assert not action.event.error and len(action.event.text) >= 4
            out.append(action.event.text)
            consumed_enters += 1  # a scan ends on the Enter the scanner sent, which it swallows
    typed = "".join(ENTER if k == "\n" else k for k in keys)
    emitted = "".join(out)
    assert typed.count(ENTER) - consumed_enters == emitted.count(ENTER)
    # Removing the swallowed Enters from the input gives exactly the output, in order.
    assert _without_scan_enters(typed, actions) == emitted


def _without_scan_enters(typed: str, actions: list[WedgeAction]) -> str:
    pieces, rest = [], typed
    for action in actions:
        text = action.chars if isinstance(action, Release) else action.event.text if isinstance(action, Scan) else ""
        assert rest.startswith(text), (rest[:40], text[:40])
        pieces.append(text)
        rest = rest[len(text):]
        if isinstance(action, Scan):
            assert rest.startswith(ENTER)
            rest = rest[1:]
    assert rest == ""
    return "".join(pieces)


@FUZZ
@given(keys=st.lists(st.one_of(_keys, st.text(max_size=3)), max_size=80), gaps=st.lists(
    st.floats(-1.0, 5.0, allow_nan=False), max_size=80),
    min_length=st.integers(1, 8), terminators=st.sampled_from([(ENTER,), (TAB,), (ENTER, TAB), ()]),
    gs=st.sampled_from([None, "~", "|", "", "ab"]))
def test_wedge_never_raises_on_any_key_any_clock_any_configuration(
        keys: list[str], gaps: list[float], min_length: int, terminators: tuple[str, ...], gs: str | None) -> None:
    decoder = WedgeDecoder(min_length=min_length, terminators=terminators, require_terminator=bool(terminators),
                           gs_replacement=gs or None, max_length=max(min_length, 16))
    t = 0.0
    for key, gap in zip(keys, gaps + [0.01] * len(keys), strict=False):
        t += gap  # the clock may even step backwards
        assert isinstance(decoder.feed(key, t), Pending | Release | Scan)
        assert len(decoder.buffered) <= 16
        if decoder.deadline is not None:
            assert isinstance(decoder.flush(t + 10), Release | Scan)
    decoder.release_all()


def test_a_ten_megabyte_scan_burst_is_refused_and_the_next_scan_still_reads() -> None:
    size = 10 * 1024 * 1024 if LONG else 1024 * 1024
    decoder = WedgeDecoder()
    refusals, largest = 0, 0
    t = 0.0
    for i in range(size):
        t += 0.001
        action = decoder.feed("7" if i % 7 else "A", t)
        if isinstance(action, Scan):
            assert action.event.text == "" and "refused" in action.event.error
            refusals += 1
        else:
            assert isinstance(action, Pending), "nothing of the burst may reach a text field"
        if i % 1000 == 0 or isinstance(action, Scan):
            largest = max(largest, len(decoder.buffered))
    end = decoder.feed(ENTER, t + 0.001)  # the burst ends: its tail is refused too, not scanned
    assert isinstance(end, Scan) and end.event.error and not end.event.text
    assert largest <= MAX_SCAN_LENGTH, "the held keys stay bounded"
    assert refusals == size // (MAX_SCAN_LENGTH + 1) or refusals == size // MAX_SCAN_LENGTH
    # A person typing afterwards, and then a real scan, are handled as ever.
    actions = [decoder.feed(k, t + 1 + i * 0.2) for i, k in enumerate("ab")]
    actions.append(decoder.flush(t + 3))
    assert "".join(a.chars for a in actions if isinstance(a, Release)) == "ab"
    scan = [decoder.feed(k, t + 5 + i * 0.004) for i, k in enumerate("1Z999AA10123456784" + ENTER)][-1]
    assert isinstance(scan, Scan) and scan.event.text == "1Z999AA10123456784" and not scan.event.error


def test_a_refused_burst_that_just_stops_is_refused_at_the_deadline() -> None:
    decoder = WedgeDecoder(max_length=10)
    actions = [decoder.feed("9", i * 0.002) for i in range(25)]
    assert sum(isinstance(a, Scan) for a in actions) == 2
    deadline = decoder.deadline
    assert deadline is not None
    tail = decoder.flush(deadline)
    assert isinstance(tail, Scan) and tail.event.error and decoder.buffered == ""
    again = decoder.feed("x", deadline + 1)  # a new burst starts clean
    assert isinstance(again, Pending)


def test_after_a_refused_burst_a_pause_gives_the_keyboard_back() -> None:
    decoder = WedgeDecoder(max_length=10)
    actions = [decoder.feed("9", i * 0.002) for i in range(11)]  # refused on its last key: nothing held
    assert isinstance(actions[-1], Scan) and actions[-1].event.error and decoder.buffered == ""
    typed = [decoder.feed(k, 5 + i * 0.3) for i, k in enumerate("hi")]
    typed.append(decoder.flush(10))
    assert "".join(a.chars for a in typed if isinstance(a, Release)) == "hi"
    assert not any(isinstance(a, Scan) for a in typed)


@FUZZ
@given(st.text(max_size=60), st.one_of(st.none(), st.text(max_size=3)), st.one_of(st.none(), st.text(max_size=10)))
def test_aim_prefixes_and_gs_stand_ins_never_raise(text: str, replacement: str | None, symbology: str | None) -> None:
    prefix, rest = parse_aim(text)
    if prefix is None:
        assert rest == text
    else:
        assert text == prefix.identifier + rest and len(prefix.identifier) == 3
    event = decode_scan(text, "fuzz:", symbology=symbology, gs_replacement=replacement)
    assert not event.error and len(event.text) <= len(text) * max(1, len(GS))


# --------------------------------------------------------------------------- label payloads

_field = st.text(alphabet=string.ascii_uppercase + string.digits + " -", max_size=40)


@FUZZ
@given(fields=st.lists(_field, max_size=12), header=st.sampled_from(["[)>\x1e01\x1d96", "[)>\x1e06\x1d", "[)>",
                                                                    "[)>\x1e", "]U1[)>\x1e01\x1d"]),
       separators=st.sampled_from(["\x1d", "<GS>", "{GS}", "\\x1d", "␝"]), trailer=st.sampled_from(
        ["\x1e\x04", "", "\x04", "<RS><EOT>"]))
def test_iso_15434_label_payloads_with_any_fields_parse_without_raising(
        fields: list[str], header: str, separators: str, trailer: str) -> None:
    result = parse(header + separators.join(fields) + trailer)
    assert len(result.number) <= 100
    if result.valid:
        again = parse(result.number)
        assert (again.valid, again.number, again.carrier) == (True, result.number, result.carrier)


def test_a_million_barcodes_on_one_label_are_not_all_read() -> None:
    seen = 0

    def candidates() -> Any:
        nonlocal seen
        for i in range(1_000_000):
            seen += 1
            yield f"NOISE{i}"

    assert pick_tracking(candidates()) is None
    assert seen <= 1000, "pick_tracking stops after a label's worth of barcodes"


# --------------------------------------------------------------------------- rent-roll files


class _Endless(io.RawIOBase):
    """A stream that yields ``size`` bytes of a CSV without ever holding them (a 100 MB upload)."""

    def __init__(self, size: int) -> None:
        self.left = size
        self.served = 0
        self.name = "upload.csv"

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        n = self.left if n is None or n < 0 else min(n, self.left)
        self.left -= n
        self.served += n
        return (b"101,Ana,Ruiz\n" * (n // 13 + 1))[:n]


def test_a_hundred_megabyte_stream_is_refused_after_reading_at_most_the_limit(db: Database) -> None:
    stream = _Endless(100 * 1024 * 1024)
    with pytest.raises(RentRollError, match="larger than 50 MB"):
        import_residents(db, stream, dry_run=True)
    assert stream.served <= 51 * 1024 * 1024


def test_a_roster_of_more_rows_than_any_building_is_refused_as_a_whole(db: Database) -> None:
    text = "unit,first_name,last_name\n" + "".join(f"{i % 900 + 100},Ana{i},Ruiz\n" for i in range(200_001))
    with pytest.raises(RentRollError, match="more than 200,000 rows"):
        import_residents(db, io.StringIO(text))


@FUZZ
@given(cells=st.lists(st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=20), max_size=6),
                      max_size=6),
       delimiter=st.sampled_from([",", ";", "\t", "|"]), quoting=st.sampled_from(['"', "", '""']),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
def test_rent_rolls_in_any_encoding_delimiter_and_quoting_never_crash(
        db: Database, cells: list[list[str]], delimiter: str, quoting: str, encoding: str) -> None:
    lines = [delimiter.join(["unit", "first_name", "last_name", "email"])]
    lines += [delimiter.join(f"{quoting}{cell}{quoting}" for cell in row) for row in cells]
    try:
        data = "\r\n".join(lines).encode(encoding)
    except UnicodeEncodeError:
        assume(False)
    try:
        report = import_residents(db, io.BytesIO(data), dry_run=True)
    except RentRollError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert all(error.message for error in report.errors)


# --------------------------------------------------------------------------- configuration


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "nan" if value != value else ("inf" if value == float("inf") else "-inf" if value == float(
            "-inf") else repr(value))
    if isinstance(value, str):
        return json.dumps(value)  # a TOML basic string (a lone surrogate makes the file invalid TOML)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"
    return str(value)


_KEYS = [s.key for s in SETTINGS]
_scalars = st.one_of(st.integers(-(2**70), 2**70), st.integers(-5, 400), st.floats(allow_nan=True),
                     st.booleans(), st.text(max_size=12), st.sampled_from(["sim:", "21:00", "24:30", "en", "x"]))
_values = st.one_of(_scalars, st.lists(_scalars, max_size=4), st.dictionaries(st.text(max_size=5), _scalars,
                                                                               max_size=3))


@FUZZ
@given(entries=st.dictionaries(st.one_of(st.sampled_from(_KEYS), st.text(max_size=20)), _values, max_size=8))
def test_any_configuration_file_is_loaded_or_refused_with_a_message(tmp_path: Path, entries: dict[str, Any]) -> None:
    top = [f"{json.dumps(key)} = {_toml_value(value)}" for key, value in entries.items() if "." not in key]
    sections: dict[str, list[str]] = {}
    for key, value in entries.items():
        if "." in key:
            section, name = key.rsplit(".", 1)
            sections.setdefault(section, []).append(f"{json.dumps(name)} = {_toml_value(value)}")
    lines = top + [f"[{json.dumps(section)}]\n" + "\n".join(body) for section, body in sections.items()]
    path = tmp_path / "packroom.toml"
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    try:
        loaded = load_settings(path, env={})
    except ConfigError as exc:
        assert str(exc).startswith(str(path)) and "\n" not in str(exc)
        return
    _usable(loaded)


def _usable(loaded: Settings) -> None:
    """What the kiosk does with accepted settings must work: no crash later, at a worse moment."""
    now = datetime.now(UTC)
    policy = CredentialPolicy(loaded["pickup.code_length"], loaded["pickup.code_valid_days"],
                              loaded["pickup.max_attempts"], loaded["pickup.lockout_seconds"])
    assert now + timedelta(seconds=policy.lockout_seconds * 2 ** 10) > now  # the longest keypad lock-out
    assert now + timedelta(days=policy.valid_days) > now
    assert 4 <= policy.code_length <= 12, "the keypad takes 4 to 12 digits"
    NoticePolicy.from_settings(loaded)
    assert {int(day) for day in loaded["jobs.reminder_days"]} <= set(range(1, 366))
    assert now - timedelta(days=loaded["jobs.retention_days"]) < now
    for key in ("kiosk.idle_reset_seconds", "kiosk.staff_idle_signout_seconds", "devices.door_pulse_seconds",
                "devices.door_held_open_seconds"):
        assert 0 < loaded[key] * 1000 < 2**31, f"{key} must fit a Qt timer"


@pytest.mark.parametrize(("text", "message"), [
    ('[pickup]\nlockout_seconds = 1000000000000000\n', "at most 86400"),
    ('[pickup]\ncode_length = 40\n', "between 4 and 12"),
    ('[pickup]\ncode_length = 2\n', "between 4 and 12"),
    ('[jobs]\nreminder_days = ["x"]\n', "whole numbers of days"),
    ('[jobs]\nreminder_days = [2, 0]\n', "whole numbers of days"),
    ('[jobs]\nretention_days = 99999999999\n', "at most 36500"),
    ('[devices]\ndoor_pulse_seconds = inf\n', "at most 300"),
    ('[kiosk]\nidle_reset_seconds = 99999999999\n', "at most 86400"),
    ('[pickup]\nmax_attempts = 0\n', "greater than 0"),
    ('[notifications]\nbatch_minutes = -1\n', "0 or more"),
])
def test_values_that_would_break_the_kiosk_later_are_refused_at_start_up(tmp_path: Path, text: str,
                                                                        message: str) -> None:
    path = tmp_path / "packroom.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_settings(path, env={})


@FUZZ
@given(data=st.binary(max_size=300))
def test_a_configuration_file_of_any_bytes_is_loaded_or_refused_with_a_message(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "packroom.toml"
    path.write_bytes(data)
    try:
        _usable(load_settings(path, env={}))
    except ConfigError as exc:
        assert str(exc).startswith(str(path))


def test_a_configuration_file_that_is_not_utf8_is_refused_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "packroom.toml"
    path.write_bytes(b'[property]\nname = "Caf\xe9"\n')  # Windows-1252, as Notepad used to save
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_settings(path, env={})


# --------------------------------------------------------------------------- the keypad


@pytest.fixture
def keypad(db: Database) -> tuple[Building, str]:
    building = make_building(db)
    maria = building.residents["101:Maria"]
    building.parcels.intake(IntakeRequest(ups_number(), resident_id=maria), building.staff)
    return building, building.credentials.reissue(maria, building.staff, code="246810")


@settings(FUZZ, max_examples=max(10, EXAMPLES // 3))
@given(attempts=st.lists(st.one_of(st.text(max_size=30), st.text(alphabet="0123456789 \t", max_size=14),
                                   st.just("\x00" * 7), st.just("٢٤٦٨١٠")), min_size=1, max_size=7))
def test_any_string_at_the_keypad_is_rejected_plainly_and_logged(keypad: tuple[Building, str],
                                                                 attempts: list[str]) -> None:
    building, code = keypad
    scope = f"keypad:fuzz-{next(_scopes)}"
    for text in attempts:
        assume("".join(ch for ch in text if not ch.isspace())[:64] != code)
    for text in attempts:
        try:
            building.credentials.verify(text, scope)
        except CredentialRejected as exc:
            assert str(exc) == "That code was not accepted. Check your message and try again."
        except KeypadLocked as exc:
            assert "Too many wrong codes" in str(exc)
        else:
            raise AssertionError(f"{text!r} was accepted")
    assert building.credentials.verify(code, f"{scope}-ok").resident_id == building.residents["101:Maria"]
    with building.db.reader() as uow:
        assert eventlog.verify(uow.session).ok


_scopes = itertools.count()


def test_a_ten_megabyte_code_is_rejected_like_any_wrong_code(db: Database) -> None:
    building = make_building(db)
    with pytest.raises(CredentialRejected):
        building.credentials.verify("9" * (10 * 1024 * 1024), "keypad:paste")
