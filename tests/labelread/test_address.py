"""The ship-to block from OCR lines: designators, line breaks, glued columns, OCR noise."""

from __future__ import annotations

import pytest

from kiosk.labelread.address import (
    TextLine,
    find_ship_to,
    lines_from_words,
    normalise_street,
    parse_address,
    unit_confusable,
    unit_key,
)
from kiosk.labelread.ocr import OcrWord, parse_tsv

PROPERTY = parse_address("1200 Harbor View Drive, Springfield, IL 62704")


def block(*texts: str, left: int = 70, top: int = 200, height: int = 30, gap: int = 8) -> list[TextLine]:
    """Lines stacked like a printed address block."""
    return [TextLine(text, (left, top + i * (height + gap), 20 * len(text), height), 90.0)
            for i, text in enumerate(texts)]


SENDER = block("AMAZON.COM SERVICES LLC", "1850 MERCER RD", "LEXINGTON KY 40511", left=24, top=20, height=18)


def test_property_address_is_parsed() -> None:
    assert PROPERTY is not None
    assert (PROPERTY.number, PROPERTY.street, PROPERTY.city, PROPERTY.state, PROPERTY.postal_code) == (
        "1200", "HARBOR VIEW DR", "SPRINGFIELD", "IL", "62704")
    assert parse_address("") is None
    assert parse_address("Harbor View Drive") is None  # no building number: nothing to compare


@pytest.mark.parametrize(("lines", "unit"), [
    (("MARIA GARCIA", "1200 HARBOR VIEW DR APT 204", "SPRINGFIELD IL 62704"), "204"),
    (("MARIA GARCIA", "1200 HARBOR VIEW DR", "APT 204", "SPRINGFIELD IL 62704"), "204"),
    (("MARIA GARCIA", "1200 HARBOR VIEW DRIVE UNIT 204", "SPRINGFIELD, IL 62704-1234"), "204"),
    (("MARIA GARCIA", "1200 HARBOR VIEW DR #204", "SPRINGFIELD IL 62704"), "204"),
    (("MARIA GARCIA", "1200 HARBOR VIEW DR", "# 204", "SPRINGFIELD IL 62704"), "204"),
    (("MARIA GARCIA", "1200 HARBOR VIEW DR, STE 204", "SPRINGFIELD IL 62704"), "204"),
    (("Maria Garcia", "1200 Harbor View Dr", "Apartment 204", "Springfield, IL 62704"), "204"),
    (("MARIA GARCIA", "1200 HARBOR VIEW DR APT. 12B", "SPRINGFIELD IL 62704"), "12B"),
    (("MARIA GARCIA", "1200 HARBOR VIEW DR UNlT 204", "SPRINGFIELD IL 62704"), "204"),  # l for I
    (("MARIA GARCIA", "12OO HARBOR VIEW DR APT 204", "SPRINGFIELD IL 627O4"), "204"),  # O for 0
])
def test_unit_designators_and_line_breaks(lines: tuple[str, ...], unit: str) -> None:
    ship = find_ship_to(SENDER + block("SHIP TO:", *lines), PROPERTY)
    assert ship is not None
    assert ship.name is not None and ship.name.upper() == "MARIA GARCIA"
    assert ship.unit == unit
    assert (ship.street_number, ship.street, ship.postal_code) == ("1200", "HARBOR VIEW DR", "62704")


def test_recipient_is_told_from_sender_without_an_anchor() -> None:
    """Amazon prints no "SHIP TO": the block on the property's street, in larger type, wins."""
    ship = find_ship_to(SENDER + block("PRIYA PATEL", "1200 HARBOR VIEW DR", "APT 402",
                                        "SPRINGFIELD IL 62704", top=300, height=34), PROPERTY)
    assert ship is not None and (ship.name, ship.unit) == ("PRIYA PATEL", "402")
    unknown = find_ship_to(SENDER + block("PRIYA PATEL", "1200 HARBOR VIEW DR", "APT 402",
                                          "SPRINGFIELD IL 62704", top=300, height=34))
    assert unknown is not None and unknown.name == "PRIYA PATEL"  # no property address known


def test_a_sender_who_is_a_person_is_not_the_recipient() -> None:
    sender = block("HAROLD OKAFOR", "88 MILL ST STE 2", "ASHEVILLE NC 28801", left=24, top=20, height=18)
    ship = find_ship_to(sender + block("TO", "WEI CHEN", "1200 HARBOR VIEW DR #1001", "SPRINGFIELD IL 62704"),
                        PROPERTY)
    assert ship is not None and (ship.name, ship.unit) == ("WEI CHEN", "1001")


def test_anchor_glued_to_the_name_and_columns_glued_to_lines() -> None:
    """USPS prints SHIP / TO: beside the block, and OCR reads them into its first lines."""
    ship = find_ship_to(block("SHIP AMARA CARMICHAEL", "TO: 1200 HARBOR VIEW DRIVE #703",
                              "SPRINGFIELD IL 62704"), PROPERTY)
    assert ship is not None and (ship.name, ship.unit, ship.anchored) == ("AMARA CARMICHAEL", "703", True)


def test_specks_and_glued_columns_around_the_name_are_dropped() -> None:
    ship = find_ship_to(block('3.\u201d HIROSHI DUBOIS 0006', "1200 HARBOR VIEW DR", "APT 1108",
                              "SPRINGFIELD IL 62704"), PROPERTY)
    assert ship is not None and (ship.name, ship.unit) == ("HIROSHI DUBOIS", "1108")


def test_phone_company_and_care_of_lines() -> None:
    ship = find_ship_to(block("SHIP TO:", "NORTHWIND CONSULTING", "C/O LEILA HOFFMANN", "(217) 555-0143",
                              "1200 HARBOR VIEW DR APT 907", "SPRINGFIELD IL 62704"), PROPERTY)
    assert ship is not None
    assert ship.names == ("LEILA HOFFMANN", "NORTHWIND CONSULTING")
    assert ship.unit == "907"


def test_city_line_lost_to_glare_still_gives_a_block() -> None:
    ship = find_ship_to(SENDER + block("SHIP TO:", "NOAH KIM", "1200 HARBOR VIEW DR", "UNIT 311"), PROPERTY)
    assert ship is not None and (ship.name, ship.unit, ship.street_number) == ("NOAH KIM", "311", "1200")


def test_another_building_number_is_kept_for_the_matcher() -> None:
    ship = find_ship_to(block("SHIP TO:", "SOFIA OKAFOR", "1210 HARBOR VIEW DRIVE", "APT 610",
                              "SPRINGFIELD IL 62704"), PROPERTY)
    assert ship is not None and ship.street_number == "1210"


def test_no_address_at_all() -> None:
    assert find_ship_to([]) is None
    assert find_ship_to(block("UPS GROUND", "TRACKING #: 1Z 999 AA1 01 2345 6784", "BILLING: P/P")) is None


def test_words_on_one_row_far_apart_become_separate_segments() -> None:
    words = [OcrWord("AMAZON.COM", 95, (24, 20, 120, 18), 0), OcrWord("SERVICES", 95, (150, 20, 90, 18), 0),
             OcrWord("28", 90, (560, 20, 24, 18), 0), OcrWord("LBS", 90, (590, 20, 40, 18), 0)]
    segments = lines_from_words(words)
    assert [s.text for s in segments] == ["AMAZON.COM SERVICES", "28 LBS"]


def test_tesseract_tsv_is_parsed_into_lines() -> None:
    tsv = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
           "4\t1\t1\t1\t1\t0\t10\t10\t200\t30\t-1\t\n"
           "5\t1\t1\t1\t1\t1\t10\t10\t90\t30\t96.5\tMARIA\n"
           "5\t1\t1\t1\t1\t2\t110\t10\t100\t30\t95.0\tGARCIA\n"
           "5\t1\t1\t1\t2\t1\t10\t50\t60\t30\t91.0\tAPT\n")
    words = parse_tsv(tsv)
    assert [(w.text, w.line) for w in words] == [("MARIA", 0), ("GARCIA", 0), ("APT", 1)]


def test_units_and_streets_compare_as_people_write_them() -> None:
    assert unit_key("#0402") == unit_key("402 ") == "402"
    assert unit_confusable("4B", "48") and unit_confusable("1O7", "107")
    assert not unit_confusable("402", "403")
    assert normalise_street("Harbor View Drive") == normalise_street("HARBOR VIEW DR.") == "HARBOR VIEW DR"
