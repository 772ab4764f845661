"""The normalised keys names are looked up by (dateline.text)."""

from __future__ import annotations

import pytest

from dateline.text import default_normaliser, normalise, skeleton


def test_a_mac_roman_apostrophe_read_as_latin_1_is_an_apostrophe() -> None:
    assert normalise("Qa\u00d5idat") == normalise("Qa'idat") == normalise("Qa\u2019idat") == "qaidat"
    assert normalise("prosecutor\u00d5s office") == "prosecutors office"


def test_a_capital_o_with_tilde_in_a_word_of_its_own_language_is_kept() -> None:
    assert normalise("\u00d5ismäe") == "oismae"  # an Estonian name begins with it
    assert normalise("P\u00d5LTSAMAA") == "poltsamaa"


@pytest.mark.parametrize(
    ("key", "bare"),
    [
        ("al qaim", "qaim"),
        ("as sulaymaniyah", "sulaymaniyah"),  # an assimilated article before its own consonant
        ("ash flat", "ash flat"),  # "Ash" before another letter is a word of the name
        ("qaim", "qaim"),
    ],
)
def test_a_name_without_its_arabic_article(key: str, bare: str) -> None:
    assert default_normaliser().without_article(key) == bare


@pytest.mark.parametrize(
    ("written", "gazetteer"),
    [
        ("Almargeb", "Al Marqab"),  # the article joined, the qaf written g
        ("Garabulli", "Al Qarabulli"),
        ("Azzawya", "Az Zawya"),  # an assimilated article joined before its doubled consonant
        ("Elmina", "El Mina"),
    ],
)
def test_transliterations_share_a_skeleton(written: str, gazetteer: str) -> None:
    assert skeleton(written) == skeleton(gazetteer)


def test_a_short_word_keeps_its_first_letters() -> None:
    # "Alton" and "Assam" are no article and a name: too few letters follow
    assert skeleton("Alton") != skeleton("Ton")
    assert skeleton("Assam") != skeleton("Sam")
