"""Number reading from token strings, without spaCy: dateline.quantities.reader."""

from __future__ import annotations

import re

import pytest

from dateline.quantities.lexicon import NumberLexicon
from dateline.quantities.reader import apply_role, parse_digits

_TOKEN = re.compile(r"\d(?:[\d,.]*\d)?[A-Za-z]*|[A-Za-z]+|[^\sA-Za-z\d]")


@pytest.fixture(scope="module")
def lexicon() -> NumberLexicon:
    return NumberLexicon.default()


def tokens(text: str) -> tuple[list[str], list[bool]]:
    """A small tokenizer for these tests: words, figures and single punctuation marks."""
    matches = list(_TOKEN.finditer(text))
    lowers = [m.group().lower() for m in matches]
    spaced = [m.end() < len(text) and text[m.end()] == " " for m in matches]
    return lowers, spaced


def read_first(lexicon: NumberLexicon, text: str):
    lowers, spaced = tokens(text)
    for i in range(len(lowers)):
        r = lexicon.read(lowers, spaced, i)
        if r is not None:
            return r, " ".join(lowers[r.start : r.end])
    return None, None


@pytest.mark.parametrize(
    ("text", "value"),
    [("7,000", 7000), ("200,000", 200000), ("1.5", 1.5), ("1,50,000", 150000), ("12", 12)],
)
def test_parse_digits_reads_figures(text, value):
    assert parse_digits(text) == value


@pytest.mark.parametrize("text", ["7,00", "1,", "F-16", "2015-2016", "10:30", "abc"])
def test_parse_digits_rejects_non_figures(text):
    assert parse_digits(text) is None


@pytest.mark.parametrize(
    ("text", "low", "high", "best"),
    [
        ("three soldiers", 3, 3, 3),
        ("twenty-five soldiers", 25, 25, 25),
        ("one hundred and twenty families", 120, 120, 120),
        ("a dozen fighters", 12, 12, 12),
        ("two dozen fighters", 24, 24, 24),
        ("1.5 million refugees", 1_500_000, 1_500_000, 1_500_000),
        ("2.3m people", 2_300_000, 2_300_000, 2_300_000),
        ("10k troops", 10_000, 10_000, 10_000),
        ("five hundred thousand", 500_000, 500_000, 500_000),
    ],
)
def test_exact_numbers(lexicon, text, low, high, best):
    r, _ = read_first(lexicon, text)
    assert (r.low, r.high, r.best) == (low, high, best)
    assert r.qualifier is None and not r.vague


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("5,000 to 7,000 people", 5000, 7000),
        ("between 20 and 30 fighters", 20, 30),
        ("70-80 percent", 70, 80),
        ("5,000\u20137,000 displaced", 5000, 7000),
        ("two or three suspects", 2, 3),
        ("5 to 7 million", 5_000_000, 7_000_000),
    ],
)
def test_ranges_give_low_and_high_without_best(lexicon, text, low, high):
    r, _ = read_first(lexicon, text)
    assert (r.low, r.high, r.best) == (low, high, None)


def test_between_is_part_of_the_range_expression(lexicon):
    _, words = read_first(lexicon, "killed between 20 and 30 fighters")
    assert words == "between 20 and 30"


def test_a_descending_pair_is_not_a_range(lexicon):
    r, words = read_first(lexicon, "a 3-1 vote")
    assert words != "3 - 1"
    assert r is None or r.low != 1


@pytest.mark.parametrize(
    ("text", "qualifier", "low", "high", "best"),
    [
        ("at least 400 families", "at least", 400, None, 400),
        ("no fewer than 132 civilians", "at least", 132, None, 132),
        ("more than 200,000 troops", "more than", 200_000, None, 200_000),
        ("over 50 dead", "more than", 50, None, 50),
        ("upwards of 300 fighters", "more than", 300, None, 300),
        ("nearly 7,000 fighters", "nearly", None, 7000, 7000),
        ("almost 150 people", "almost", None, 150, 150),
        ("close to 90 percent", "nearly", None, 90, 90),
        ("up to 40 trucks", "up to", None, 40, 40),
        ("some 150 families", "about", None, None, 150),
        ("roughly 2 million", "about", None, None, 2_000_000),
        ("an estimated 600 civilians", "about", None, None, 600),
        ("400 or more families", "at least", 400, None, 400),
    ],
)
def test_qualifiers_bound_the_interval(lexicon, text, qualifier, low, high, best):
    r, _ = read_first(lexicon, text)
    assert (r.qualifier, r.low, r.high, r.best) == (qualifier, low, high, best)


def test_qualifier_on_a_range_keeps_the_range(lexicon):
    r, words = read_first(lexicon, "some 5,000 to 7,000 Russians")
    assert words == "some 5,000 to 7,000"
    assert (r.low, r.high, r.best, r.qualifier) == (5000, 7000, None, "about")


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("several thousand militants", 2000, 9000),
        ("dozens of civilians", 24, 99),
        ("hundreds of families", 200, 999),
        ("thousands of people", 2000, 9999),
        ("tens of thousands of people", 20_000, 99_000),
        ("hundreds of thousands of refugees", 200_000, 999_000),
        ("a few hundred protesters", 200, 500),
        ("a handful of soldiers", 2, 6),
        ("several soldiers", 3, 9),
        ("scores of bodies", 40, 199),
    ],
)
def test_vague_amounts_are_intervals_without_best(lexicon, text, low, high):
    r, _ = read_first(lexicon, text)
    assert r.vague
    assert (r.low, r.high, r.best) == (low, high, None)


def test_scores_alone_is_not_a_number(lexicon):
    r, _ = read_first(lexicon, "the team scores")
    assert r is None


def test_hyphenated_compound_names_its_unit(lexicon):
    r, words = read_first(lexicon, "a 13-nation conference")
    assert (r.best, r.unit, words) == (13, "nation", "13 - nation")


def test_strong_compound_leaves_the_unit_to_find(lexicon):
    r, _ = read_first(lexicon, "a 500-strong force")
    assert r.best == 500 and r.unit is None and r.seek_unit


@pytest.mark.parametrize(
    ("text", "unit"), [("20 % of", "percent"), ("40 per cent", "percent"), ("$ 5 million", "dollars")]
)
def test_unit_aliases_and_currency(lexicon, text, unit):
    r, _ = read_first(lexicon, text)
    assert r.unit == unit


@pytest.mark.parametrize("text", ["the second week", "the 2nd battalion", "in the 1990s"])
def test_ordinals_and_decades_are_not_numbers(lexicon, text):
    r, _ = read_first(lexicon, text)
    assert r is None


def test_plain_integer_flag_marks_bare_figures(lexicon):
    year, _ = read_first(lexicon, "in 2015")
    count, _ = read_first(lexicon, "2,015 people")
    assert year.plain_integer and not count.plain_integer


def test_apply_role():
    assert apply_role(5, 5, 5, "min") == (5, None, 5)
    assert apply_role(5, 5, 5, "max") == (None, 5, 5)
    assert apply_role(5, 5, 5, "about") == (None, None, 5)
    assert apply_role(5, 7, None, "about") == (5, 7, None)


def test_lexicon_entries_can_be_added_and_serialised(lexicon):
    custom = NumberLexicon(lexicon.to_dict())
    custom.add_qualifier("in the region of", "about", "about")
    custom.add_vague("a smattering", 2, 8)
    again = NumberLexicon.from_json(custom.to_json())
    r, _ = read_first(again, "in the region of 300 fighters")
    assert (r.qualifier, r.best, r.low) == ("about", 300, None)
    v, _ = read_first(again, "a smattering of troops")
    assert (v.low, v.high, v.vague) == (2, 8, True)
    # the shipped lexicon is untouched
    assert read_first(lexicon, "a smattering of troops")[0] is None


def test_unknown_qualifier_role_is_refused(lexicon):
    custom = NumberLexicon(lexicon.to_dict())
    with pytest.raises(ValueError, match="role"):
        custom.add_qualifier("circa about", "about", "roughly")


def test_vague_amount_at_the_end_of_the_text(lexicon):
    lowers, spaced = tokens("the shelling killed dozens")
    r = lexicon.read(lowers, spaced, 3)
    assert (r.start, r.end, r.low, r.high) == (3, 4, 24, 99)
