"""Date expressions found in text and resolved against a reference date (pure, no spaCy)."""

from __future__ import annotations

import pytest

from dateline.dates.grammar import DateGrammar, resolve_text
from dateline.dates.lexicon import DateLexicon
from dateline.dates.resolution import DateResolution

REF = "2015-01-30"  # a Friday


@pytest.fixture(scope="module")
def grammar() -> DateGrammar:
    return DateGrammar()


def read(grammar: DateGrammar, text: str, reference: str | None = REF, future: bool = False):
    """(matched text, start, end, precision, relative) of the longest expression in ``text``."""
    expr = grammar.parse(text)
    assert expr is not None, f"no date found in {text!r}"
    res = grammar.resolve(expr, reference, future=future)
    assert res is not None
    return expr.text, res.start, res.end, res.precision, res.relative


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The attack happened on February 12, 2015, in the north.",
            ("February 12, 2015", "2015-02-12", "2015-02-12", "day", False),
        ),
        (
            "Troops withdrew on 12 February 2015.",
            ("12 February 2015", "2015-02-12", "2015-02-12", "day", False),
        ),
        (
            "The 3rd of March, 2016 was quiet.",
            ("The 3rd of March, 2016", "2016-03-03", "2016-03-03", "day", False),
        ),
        ("The report was released on 2015-02-12.", ("2015-02-12", "2015-02-12", "2015-02-12", "day", False)),
        ("02/12/2015: Gunmen attacked a bus.", ("02/12/2015", "2015-02-12", "2015-02-12", "day", False)),
        ("Police said on 19/02/2015 that ...", ("19/02/2015", "2015-02-19", "2015-02-19", "day", False)),
        (
            "Talks were held on Tuesday, March 3, 2015.",
            ("Tuesday, March 3, 2015", "2015-03-03", "2015-03-03", "day", False),
        ),
        ("The group was formed in 2014.", ("2014", "2014-01-01", "2014-12-31", "year", False)),
        ("He arrived in December 2014.", ("December 2014", "2014-12-01", "2014-12-31", "month", False)),
        ("They fled in 2015-2016.", ("2015-2016", "2015-01-01", "2016-12-31", "range", False)),
        ("They fled in the 2015–16 season.", ("2015–16", "2015-01-01", "2016-12-31", "range", False)),
        (
            "Between 2012 and 2014 the town changed hands.",
            ("Between 2012 and 2014", "2012-01-01", "2014-12-31", "range", False),
        ),
        (
            "from 2009 to 2011, the army was absent",
            ("from 2009 to 2011", "2009-01-01", "2011-12-31", "range", False),
        ),
        (
            "between January and March 2015",
            ("between January and March 2015", "2015-01-01", "2015-03-31", "range", False),
        ),
        (
            "between November and February 2016",
            ("between November and February 2016", "2015-11-01", "2016-02-29", "range", False),
        ),
        (
            "Fighting raged on 12-14 February 2015.",
            ("12-14 February 2015", "2015-02-12", "2015-02-14", "range", False),
        ),
        ("By mid-2016 the group held the town.", ("mid-2016", "2016-05-01", "2016-08-31", "range", False)),
        ("In early 2015 the army moved.", ("early 2015", "2015-01-01", "2015-04-30", "range", False)),
        ("by the end of 2014", ("the end of 2014", "2014-09-01", "2014-12-31", "range", False)),
        ("in the first half of 2016", ("the first half of 2016", "2016-01-01", "2016-06-30", "range", False)),
        ("in the 1990s", ("the 1990s", "1990-01-01", "1999-12-31", "range", False)),
        ("in the early 1990s", ("the early 1990s", "1990-01-01", "1992-12-31", "range", False)),
        ("in the summer of 2014", ("the summer of 2014", "2014-06-01", "2014-08-31", "range", False)),
    ],
)
def test_absolute_expressions(grammar: DateGrammar, text: str, expected: tuple) -> None:
    assert read(grammar, text) == expected
    # absolute dates need no reference date
    assert read(grammar, text, reference=None)[1:3] == expected[1:3]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They crossed in December.", ("December", "2014-12-01", "2014-12-31", "month", True)),
        ("They crossed in January.", ("January", "2015-01-01", "2015-01-31", "month", True)),
        ("Clashes erupted in late December.", ("late December", "2014-12-21", "2014-12-31", "range", True)),
        ("Militants attacked on Feb. 12.", ("Feb. 12", "2014-02-12", "2014-02-12", "day", True)),
        (
            "The group said earlier this week.",
            ("earlier this week", "2015-01-26", "2015-01-30", "range", True),
        ),
        ("Aid arrived this week.", ("this week", "2015-01-26", "2015-02-01", "week", True)),
        ("Officials said last week.", ("last week", "2015-01-19", "2015-01-25", "week", True)),
        ("A bomb exploded last month.", ("last month", "2014-12-01", "2014-12-31", "month", True)),
        ("Talks resume this month.", ("this month", "2015-01-01", "2015-01-31", "month", True)),
        ("Talks resume next month.", ("next month", "2015-02-01", "2015-02-28", "month", True)),
        ("a conference early next month", ("early next month", "2015-02-01", "2015-02-10", "range", True)),
        ("Late last year, the group split.", ("Late last year", "2014-09-01", "2014-12-31", "range", True)),
        ("The army withdrew last year.", ("last year", "2014-01-01", "2014-12-31", "year", True)),
        ("Elections are due next year.", ("next year", "2016-01-01", "2016-12-31", "year", True)),
        ("Yesterday the army said.", ("Yesterday", "2015-01-29", "2015-01-29", "day", True)),
        ("Officials said today.", ("today", "2015-01-30", "2015-01-30", "day", True)),
        ("gunmen struck last night", ("last night", "2015-01-29", "2015-01-29", "day", True)),
        ("Gunmen killed five people on Tuesday.", ("Tuesday", "2015-01-27", "2015-01-27", "day", True)),
        ("Gunmen killed five people on Friday.", ("Friday", "2015-01-30", "2015-01-30", "day", True)),
        ("talks last Friday", ("last Friday", "2015-01-23", "2015-01-23", "day", True)),
        ("talks next Tuesday", ("next Tuesday", "2015-02-03", "2015-02-03", "day", True)),
        ("Karzai said a few months ago.", ("a few months ago", "2014-07-01", "2014-11-30", "range", True)),
        ("A few days ago, fighters attacked.", ("A few days ago", "2015-01-24", "2015-01-28", "range", True)),
        ("Two weeks ago, a drone struck.", ("Two weeks ago", "2015-01-12", "2015-01-18", "week", True)),
        ("Three years ago the town fell.", ("Three years ago", "2012-01-01", "2012-12-31", "year", True)),
        ("The town fell 18 months ago.", ("18 months ago", "2013-07-01", "2013-07-31", "month", True)),
        ("in the past three months", ("the past three months", "2014-10-30", "2015-01-30", "range", True)),
        ("in the past week", ("the past week", "2015-01-23", "2015-01-30", "range", True)),
        ("The group has recently grown.", ("recently", "2014-11-01", "2015-01-30", "range", True)),
        ("in recent weeks", ("in recent weeks", "2014-12-19", "2015-01-30", "range", True)),
        (
            "the corresponding period last year",
            ("the corresponding period last year", "2014-01-01", "2014-12-31", "year", True),
        ),
        ("fighting last summer", ("last summer", "2014-06-01", "2014-08-31", "range", True)),
    ],
)
def test_relative_expressions(grammar: DateGrammar, text: str, expected: tuple) -> None:
    assert read(grammar, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "in December",
        "earlier this week",
        "on Tuesday",
        "a few months ago",
        "yesterday",
        "last year",
        "Feb. 12",
        "recently",
        "the corresponding period last year",
        "early next month",
    ],
)
def test_relative_without_reference_stays_unresolved(grammar: DateGrammar, text: str) -> None:
    expr = grammar.parse(text)
    assert expr is not None
    assert grammar.resolve(expr, None) == DateResolution(None, None, None, True, False)


@pytest.mark.parametrize(
    ("text", "past", "future"),
    [
        ("on Tuesday", "2015-01-27", "2015-02-03"),
        ("in December", "2014-12-01", "2015-12-01"),
        ("in March", "2014-03-01", "2015-03-01"),
        ("on March 3", "2014-03-03", "2015-03-03"),
    ],
)
def test_future_context_looks_ahead(grammar: DateGrammar, text: str, past: str, future: str) -> None:
    assert read(grammar, text)[1] == past
    assert read(grammar, text, future=True)[1] == future


def test_corresponding_period_shifts_the_previous_date_back_a_year(grammar: DateGrammar) -> None:
    text = "Attacks rose in January compared with the corresponding period last year."
    january, corresponding = grammar.find(text)
    first = grammar.resolve(january, REF)
    assert first is not None and (first.start, first.end) == ("2015-01-01", "2015-01-31")
    shifted = grammar.resolve(corresponding, REF, antecedent=first)
    assert shifted is not None and (shifted.start, shifted.end) == ("2014-01-01", "2014-01-31")


@pytest.mark.parametrize(
    "text",
    [
        "For years the two countries have clashed.",
        "He will respond at a later date.",
        "a one day visit",
        "A 42-year-old man was killed.",
        "The town was besieged for three months.",
        "They march on the capital.",
        "The price rose to $2014.",
        "It rose 2015% overnight.",
        "the next day, they left",
    ],
)
def test_non_dates_are_not_found(grammar: DateGrammar, text: str) -> None:
    assert grammar.find(text) == []


def test_bare_years_and_months_are_weak_unless_a_temporal_word_precedes(grammar: DateGrammar) -> None:
    found = grammar.find("In 2014, 2015 people fled. May brought rain in May.")
    assert [(e.text, e.weak) for e in found] == [
        ("2014", False),
        ("2015", True),
        ("May", True),
        ("May", False),
    ]


def test_impossible_dates_do_not_resolve(grammar: DateGrammar) -> None:
    expr = grammar.parse("on 31 February 2015")
    assert expr is not None and grammar.resolve(expr, REF) is None


def test_resolve_text_helper() -> None:
    res = resolve_text("in December", "2015-01-30")
    assert res is not None and (res.start, res.end, res.precision) == ("2014-12-01", "2014-12-31", "month")
    assert resolve_text("no date here", "2015-01-30") is None


def test_custom_lexicon_entries_are_read() -> None:
    lexicon = DateLexicon.default()
    lexicon.add("months", {"Janvier": 1})
    lexicon.add("deictic_days", {"the other day": -3})
    grammar = DateGrammar(lexicon)
    assert read(grammar, "le 12 Janvier 2015")[1] == "2015-01-12"
    assert read(grammar, "I saw him the other day")[1] == "2015-01-27"
    plain = DateGrammar().parse("le 12 Janvier 2015")
    assert plain is not None and (plain.kind, plain.text) == ("year", "2015")


def test_lexicon_json_round_trip() -> None:
    lexicon = DateLexicon.default()
    lexicon.add("months", {"febr": 2})
    again = DateLexicon.from_json(lexicon.to_json())
    assert again.data == lexicon.data


def test_a_fraction_beside_a_year_is_no_date(grammar: DateGrammar) -> None:
    assert [e.text for e in grammar.find("turnout was 3/4 of 2014's")] == ["2014"]
