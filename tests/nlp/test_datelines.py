"""Dateline detection on first lines, and the founding articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.nlp.datelines import detect_dateline, display_case
from dateline.records import Dateline

SEEDS = Path("/work/shared/seeds")


def test_colon_dateline_exact_record() -> None:
    assert detect_dateline("NEW DELHI: As Pakistan and Afghanistan vow to improve ties") == Dateline(
        text="NEW DELHI", span=(0, 9), place="New Delhi", agency=None, full_span=(0, 10)
    )


@pytest.mark.parametrize(
    ("line", "text", "place", "agency", "region"),
    [
        ("ISLAMABAD - The Islamic State Khurasan", "ISLAMABAD", "Islamabad", None, None),
        ("KABUL (Reuters) \u2014 Taliban fighters attacked", "KABUL", "Kabul", "Reuters", None),
        ("WASHINGTON, Jan 5 (AP) \u2014 The Pentagon said", "WASHINGTON", "Washington", "AP", None),
        ("MOGADISHU, Somalia (AP) \u2014 A suicide bomber", "MOGADISHU", "Mogadishu", "AP", "Somalia"),
        ("GAO, Mali, March 3 (Reuters) - Gunmen killed", "GAO", "Gao", "Reuters", "Mali"),
        ("BEIRUT \u2014 Syrian government forces", "BEIRUT", "Beirut", None, None),
        ("BEIRUT\u2014Syrian government forces", "BEIRUT", "Beirut", None, None),
        ("DERA ISMAIL KHAN: Security forces", "DERA ISMAIL KHAN", "Dera Ismail Khan", None, None),
        ("N'DJAMENA, Chad (AFP) -- Troops", "N'DJAMENA", "N'Djamena", "AFP", "Chad"),
        ("ST. PETERSBURG, Russia \u2013 Police", "ST. PETERSBURG", "St. Petersburg", None, "Russia"),
        ("Kabul (Reuters) - Officials said", "Kabul", "Kabul", "Reuters", None),
        ("Kabul, Afghanistan, Jan. 5, 2015 (AFP) -- A", "Kabul", "Kabul", "AFP", "Afghanistan"),
        ("SANAA, Yemen, Monday (AP) \u2014 Houthi rebels", "SANAA", "Sanaa", "AP", "Yemen"),
        ("LONDON/WASHINGTON (Reuters) - Britain said", "LONDON", "London", "Reuters", None),
        ("GAZA CITY (Reuters) - Israeli air strikes", "GAZA CITY", "Gaza City", "Reuters", None),
        (
            "BENI, Democratic Republic of Congo (Reuters) - Rebels",
            "BENI", "Beni", "Reuters", "Democratic Republic of Congo",
        ),  # fmt: skip
        (
            "SARAJEVO, Bosnia and Herzegovina (AP) \u2014 Police",
            "SARAJEVO", "Sarajevo", "AP", "Bosnia and Herzegovina",
        ),  # fmt: skip
    ],
)
def test_dateline_forms(line: str, text: str, place: str, agency: str | None, region: str | None) -> None:
    found = detect_dateline(line + " on Monday.\n\nMore text.")
    assert found is not None
    assert found.text == text
    assert line[found.span[0] : found.span[1]] == text
    assert found.place == place
    assert found.agency == agency
    assert found.region == region
    assert found.full_span is not None
    whole = line[found.full_span[0] : found.full_span[1]]
    assert whole.startswith(text) and whole.rstrip()[-1] in ":-\u2013\u2014"


def test_leading_whitespace_shifts_the_spans() -> None:
    found = detect_dateline("\n  PESHAWAR: Gunmen attacked")
    assert found is None  # a blank first line has no dateline
    found = detect_dateline("  PESHAWAR: Gunmen attacked")
    assert found is not None and found.span == (2, 10) and found.full_span == (2, 11)


@pytest.mark.parametrize(
    "line",
    [
        "Note: this article was updated",
        "Update: the death toll has risen",
        "UPDATE: the death toll has risen",
        "UPDATED 5 PM - the death toll has risen",
        "Pakistan: a timeline",
        "By John Smith",
        "This is a story about Kabul.",
        "EDITOR'S NOTE: This story contains graphic details",
        "BREAKING NEWS: Blast in Quetta",
        "UN: Peacekeepers withdraw from Gao",
        "NATO: Alliance to keep troops",
        "PAKISTAN ARMY KILLS MILITANTS - report",
        "Kabul: a city under siege",
        "Monday, Jan 5 - Officials said",
        "UN-backed forces retook the town",
        "US-led coalition: Strikes continue",
        "KABUL",
        "KABUL:",
        "",
        "Officials in KABUL: said nothing",
    ],
)
def test_no_false_positives(line: str) -> None:
    assert detect_dateline(line) is None


def test_only_the_first_line_is_read() -> None:
    assert detect_dateline("Pakistan blast kills 5\nQUETTA: A bomb exploded") is None


def test_display_case() -> None:
    assert display_case("NEW DELHI") == "New Delhi"
    assert display_case("N'DJAMENA") == "N'Djamena"
    assert display_case("SAN'A") == "San'a"
    assert display_case("AL-MUKALLA") == "Al-Mukalla"
    assert display_case("Kabul") == "Kabul"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="founding articles not present")
@pytest.mark.parametrize(("prefix", "expected"), [("000_", "NEW DELHI"), ("004_", "ISLAMABAD")])
def test_founding_articles(prefix: str, expected: str) -> None:
    path = next(SEEDS.glob(prefix + "*.txt"))
    found = detect_dateline(path.read_text("utf-8"))
    assert found is not None and found.text == expected and found.span[0] == 0
