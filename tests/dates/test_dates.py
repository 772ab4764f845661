"""The dateline_dates spaCy component, run like a user runs it."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from dateline.errors import InvalidDate
from dateline.records import DateMention
from dateline.settings import Settings

REF = "2015-01-30"


@pytest.fixture(scope="module")
def nlp() -> Language:
    model = spacy.load(Settings().spacy_model)
    model.add_pipe("dateline_dates")
    return model


def run(nlp: Language, text: str, published: str | None = REF) -> list[dict]:
    doc = nlp.make_doc(text)
    doc._.dateline_published = published
    return nlp(doc)._.dateline_dates


def intervals(nlp: Language, text: str, published: str | None = REF) -> list[tuple]:
    return [(d["text"], d["start"], d["end"]) for d in run(nlp, text, published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Islamic State released a recording earlier this week announcing its new province.",
            [("earlier this week", "2015-01-26", "2015-01-30")],
        ),
        (
            "At least 400 families crossed into Afghanistan in December, officials said.",
            [("December", "2014-12-01", "2014-12-31")],
        ),
        (
            "The operation was launched in 2014 and ended in mid-2016.",
            [("2014", "2014-01-01", "2014-12-31"), ("mid-2016", "2016-05-01", "2016-08-31")],
        ),
        (
            "Gunmen stormed a checkpoint on Tuesday, killing four policemen.",
            [("Tuesday", "2015-01-27", "2015-01-27")],
        ),
        (
            "The talks will resume on Tuesday in Doha, a spokesman said.",
            [("Tuesday", "2015-02-03", "2015-02-03")],
        ),
        (
            "Parliamentary elections are scheduled for December.",
            [("December", "2015-12-01", "2015-12-31")],
        ),
        (
            "Moscow is hosting a 13-nation conference on Afghanistan early next month.",
            [("early next month", "2015-02-01", "2015-02-10")],
        ),
        (
            "The senator had said a few months ago that the war was imposed.",
            [("a few months ago", "2014-07-01", "2014-11-30")],
        ),
        (
            "Fatalities doubled in January compared with the corresponding period last year.",
            [
                ("January", "2015-01-01", "2015-01-31"),
                ("the corresponding period last year", "2014-01-01", "2014-01-31"),
            ],
        ),
        (
            "Between 2012 and 2014, thousands of families fled Aleppo.",
            [("Between 2012 and 2014", "2012-01-01", "2014-12-31")],
        ),
        (
            "Yesterday al-Shabaab fighters attacked a base; two weeks ago they ambushed a convoy.",
            [("Yesterday", "2015-01-29", "2015-01-29"), ("two weeks ago", "2015-01-12", "2015-01-18")],
        ),
        (
            "The Houthis took Sanaa on 21 September 2014 and the president fled in late March.",
            [("21 September 2014", "2014-09-21", "2014-09-21"), ("late March", "2014-03-21", "2014-03-31")],
        ),
    ],
)
def test_dates_in_news_sentences(nlp: Language, text: str, expected: list[tuple]) -> None:
    assert intervals(nlp, text) == expected


def test_mentions_are_records_with_exact_spans(nlp: Language) -> None:
    text = "On February 12, 2015, he told the committee that the rise of Daesh was new."
    for d in run(nlp, text, None):
        assert text[d["span"][0] : d["span"][1]] == d["text"]
        assert DateMention.from_dict(d).to_dict() == d
    assert run(nlp, text, None)[0] | {"span": None} == {
        "text": "February 12, 2015",
        "span": None,
        "start": "2015-02-12",
        "end": "2015-02-12",
        "precision": "day",
        "relative": False,
        "resolved": True,
    }


def test_without_a_publication_date_relative_dates_stay_unresolved(nlp: Language) -> None:
    text = "The group fled in 2015-2016 and returned last month; talks begin early next month."
    found = run(nlp, text, None)
    assert [
        (d["text"], d["start"], d["end"], d["precision"], d["resolved"], d["relative"]) for d in found
    ] == [
        ("2015-2016", "2015-01-01", "2016-12-31", "range", True, False),
        ("last month", None, None, None, False, True),
        ("early next month", None, None, None, False, True),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "For years the two countries have clashed on the issue of militancy.",
        "She declined to comment, saying she would respond at a later date.",
        "The adviser made a one day visit to Islamabad.",
        "A 42-year-old man was shot dead outside the mosque.",
        "May God protect the people of Mosul, the imam said.",
        "Some 2014 people were registered at the camp.",
    ],
)
def test_non_dates_are_skipped(nlp: Language, text: str) -> None:
    assert run(nlp, text) == []


def test_durations_are_skipped(nlp: Language) -> None:
    assert run(nlp, "The town of Madaya was besieged for three months.") == []


def test_config_reference_date_is_used_when_the_doc_has_none() -> None:
    model = spacy.blank("en")
    model.add_pipe("dateline_dates", config={"reference_date": "2016-03-10"})
    doc = model("The ceasefire collapsed last week.")
    assert [(d["start"], d["end"]) for d in doc._.dateline_dates] == [("2016-02-29", "2016-03-06")]


def test_bad_reference_dates_raise_coded_errors() -> None:
    model = spacy.blank("en")
    with pytest.raises(InvalidDate, match="E202"):
        model.add_pipe("dateline_dates", config={"reference_date": "30/01/2015"})
    model.add_pipe("dateline_dates")
    doc = model.make_doc("in December")
    doc._.dateline_published = "yesterday"
    with pytest.raises(InvalidDate):
        model(doc)


def test_blank_pipeline_reads_dates_from_the_text_alone() -> None:
    """Degrades clearly: no entities to confirm bare years or months, no parse for tense."""
    model = spacy.blank("en")
    model.add_pipe("dateline_dates")
    doc = model.make_doc(
        "Troops left in 2014. 2015 was calmer. Talks will resume on Tuesday. May they succeed."
    )
    doc._.dateline_published = REF
    found = [(d["text"], d["start"]) for d in model(doc)._.dateline_dates]
    assert found == [("2014", "2014-01-01"), ("Tuesday", "2015-02-03")]


def test_custom_lexicon_survives_to_disk_and_load(nlp: Language, tmp_path: Path) -> None:
    model = spacy.load(Settings().spacy_model, exclude=["dateline_dates"])
    component = model.add_pipe("dateline_dates")
    component.add_terms("deictic_days", {"the other day": -3})
    text = "Officials said the other day that 12 February 2015 was the deadline, and last week it slipped."
    doc = model.make_doc(text)
    doc._.dateline_published = REF
    before = model(doc)._.dateline_dates
    assert ("the other day", "2015-01-27") in [(d["text"], d["start"]) for d in before]
    model.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    doc = loaded.make_doc(text)
    doc._.dateline_published = REF
    assert loaded(doc)._.dateline_dates == before
    # the stock component does not know the custom phrase
    assert "the other day" not in [d["text"] for d in run(nlp, text)]


def test_bytes_round_trip_keeps_the_lexicon(nlp: Language) -> None:
    component = nlp.get_pipe("dateline_dates")
    data = component.to_bytes()
    fresh = spacy.blank("en").add_pipe("dateline_dates").from_bytes(data)
    assert fresh.lexicon.data == component.lexicon.data


def test_multiprocess_gives_the_same_results(nlp: Language) -> None:
    texts = [
        "Gunmen killed five people on Tuesday in Borno state.",
        "The army retook Palmyra in March 2016 after a three-week offensive.",
        "Talks in Geneva collapsed last month.",
        "Clashes broke out in late December near Kidal.",
    ]

    def docs():
        for text in texts:
            doc = nlp.make_doc(text)
            doc._.dateline_published = REF
            yield doc

    one = [d._.dateline_dates for d in nlp.pipe(docs(), n_process=1)]
    two = [d._.dateline_dates for d in nlp.pipe(docs(), n_process=2, batch_size=2)]
    assert one == two
    assert one[2] == [
        {
            "text": "last month",
            "span": [26, 36],
            "start": "2014-12-01",
            "end": "2014-12-31",
            "precision": "month",
            "relative": True,
            "resolved": True,
        }
    ]
