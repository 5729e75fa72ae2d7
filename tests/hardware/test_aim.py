"""AIM symbology identifiers and GS1 separators, as every scanner driver decodes them."""

from __future__ import annotations

import pytest

from hardware.scanner.aim import GS, Symbology, decode_scan, parse_aim


@pytest.mark.parametrize(
    ("raw", "symbology", "rest"),
    [
        ("]C01Z999AA10123456784", Symbology.CODE128, "1Z999AA10123456784"),
        ("]C1420021399205590", Symbology.GS1_128, "420021399205590"),
        ("]E09780201379629", Symbology.EAN13, "9780201379629"),
        ("]E496385074", Symbology.EAN8, "96385074"),
        ("]A0ABC-123", Symbology.CODE39, "ABC-123"),
        ("]I012345678", Symbology.ITF, "12345678"),
        ("]Q1https://example.org", Symbology.QR, "https://example.org"),
        ("]Q3011234", Symbology.QR_GS1, "011234"),
        ("]d1plain", Symbology.DATAMATRIX, "plain"),
        ("]d2010950", Symbology.DATAMATRIX_GS1, "010950"),
        ("]L2[)>\x1e01", Symbology.PDF417, "[)>\x1e01"),
        ("]U0maxi", Symbology.MAXICODE, "maxi"),
        ("]U1maxi", Symbology.MAXICODE, "maxi"),
    ],
)
def test_known_prefixes_are_parsed_and_stripped(raw: str, symbology: Symbology, rest: str) -> None:
    prefix, text = parse_aim(raw)
    assert prefix is not None
    assert prefix.symbology is symbology
    assert prefix.identifier == raw[:3]
    assert text == rest


@pytest.mark.parametrize("raw", ["1Z999AA10123456784", "]", "]C", "]X0data", "]c0abc", ""])
def test_text_without_a_known_prefix_is_left_alone(raw: str) -> None:
    assert parse_aim(raw) == (None, raw)


def test_gs1_flag() -> None:
    assert parse_aim("]C1x")[0].is_gs1  # type: ignore[union-attr]
    assert not parse_aim("]C0x")[0].is_gs1  # type: ignore[union-attr]


def test_decode_scan_keeps_gs_and_drops_line_ends() -> None:
    event = decode_scan(f"]C142012345{GS}9400111899223197428490\r\n", "serial://x")
    assert event.text == f"42012345{GS}9400111899223197428490"
    assert event.symbology == "gs1-128"
    assert event.source == "serial://x"


def test_replacement_character_becomes_gs_for_gs1_and_unknown_symbologies() -> None:
    assert decode_scan("]C142012345~9400", "k", gs_replacement="~").text == f"42012345{GS}9400"
    assert decode_scan("42012345|9400", "k", gs_replacement="|").text == f"42012345{GS}9400"


def test_replacement_character_is_data_in_a_plain_code128() -> None:
    event = decode_scan("]C0AB~CD", "k", gs_replacement="~")
    assert event.text == "AB~CD"
    assert event.symbology == "code128"


def test_transport_symbology_is_used_when_there_is_no_prefix() -> None:
    event = decode_scan("0123", "hid://x", symbology="ean13")
    assert (event.text, event.symbology) == ("0123", "ean13")
