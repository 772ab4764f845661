"""Documents over spaCy's max_length (its E088) are read in paragraph-aligned parts, never refused."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy

from dateline.extract import Extractor, ReadOptions, RunReport, extract_paths
from dateline.nlp.longdocs import PART_CHARS, split_parts
from dateline.nlp.pipeline import analyse
from dateline.records import Document, Record

PARAGRAPHS = [
    "KABUL (Reuters) - At least 12 people were killed in a suicide bombing in Kabul on Monday, "
    "a spokesman for the interior ministry said.",
    "In Herat, gunmen attacked a police checkpoint and killed three officers, officials said.",
    "Taliban fighters clashed with Afghan forces in Kandahar province on Tuesday.",
    "A roadside bomb wounded five soldiers in Helmand, the Ministry of Defence said.",
]


@pytest.fixture
def nlp(extractor):  # type: ignore[no-untyped-def]
    nlp = extractor.nlp
    saved = nlp.max_length
    yield nlp
    nlp.max_length = saved


def spans(record: Record) -> Iterator[tuple[str, tuple[int, int]]]:
    """(text, span) of every mention, quantity, date, quote and hedge in a record."""
    for item in [*record.places, *record.actors]:
        for mention in item.mentions:
            yield mention.text, mention.span
    for item in [*record.quantities, *record.dates, *record.hedges, *record.attributions]:
        yield item.text, item.span
    for event in record.events:
        for mention in event.evidence:
            yield mention.text, mention.span


def test_split_parts_covers_the_text_and_cuts_at_paragraphs() -> None:
    text = "\n\n".join(["word " * 30] * 50)
    parts = split_parts(text, 500)
    assert parts[0][0] == 0 and parts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(parts, parts[1:], strict=False))
    assert all(end - start <= 500 for start, end in parts)
    assert all(text[end - 2 : end] == "\n\n" for _, end in parts[:-1])
    assert split_parts("x" * 1000, 300) == [(0, 300), (300, 600), (600, 900), (900, 1000)]
    assert split_parts("short", PART_CHARS) == [(0, 5)]


def test_long_document_is_read_in_parts_with_spans_into_the_whole_text(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "\n\n".join(PARAGRAPHS * 6)
    nlp.max_length = 1_000  # the text is about 2,200 characters: three parts or more
    (record,) = analyse(nlp, [Document(id="long", text=text, published="2021-05-10")])
    assert record.text == text and record.id == "long"
    found = list(spans(record))
    assert found and all(text[a:b] == words for words, (a, b) in found)
    # places and events from every part of the report, each place once with all its mentions
    last = len(text) - len(PARAGRAPHS[-1])
    assert any(a >= last for _, (a, _b) in found)
    names = [place.name for place in record.places]
    assert len(names) == len(set(names)) and {"Kabul", "Herat"} <= set(names)
    kabul = next(place for place in record.places if place.name == "Kabul")
    assert len(kabul.mentions) >= 6
    ids = [event.id for event in record.events]
    assert len(ids) == len(set(ids)) >= 6
    assert record.dateline is not None and record.dateline.place == "Kabul"


def test_short_documents_are_read_whole_as_before(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "\n\n".join(PARAGRAPHS)
    doc = Document(id="a", text=text, published="2021-05-10")
    before = next(analyse(nlp, [doc])).to_dict()
    nlp.max_length = len(text)  # exactly at the limit: still one piece
    assert next(analyse(nlp, [doc])).to_dict() == before


def test_a_long_document_in_a_batch_with_two_short_ones_gives_three_records(tmp_path: Path) -> None:
    """1.2M characters with spaCy's default max_length (1,000,000), on a blank pipeline for speed."""
    nlp = spacy.blank("en")
    long_text = ("\n\n".join(PARAGRAPHS) + "\n\n") * 3_500
    assert len(long_text) > 1_200_000 > nlp.max_length
    path = tmp_path / "batch.jsonl"
    lines = [
        {"id": "one", "text": PARAGRAPHS[1]},
        {"id": "long", "text": long_text},
        {"id": "two", "text": PARAGRAPHS[2]},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    report = RunReport()
    records = list(extract_paths([path], Extractor(nlp), report=report, options=ReadOptions()))
    assert [r.id for r in records] == ["one", "long", "two"] and report.ok
    assert records[1].text == long_text
    assert records[1].dateline is not None and records[1].dateline.span[0] == 0


def test_read_docs_refuses_an_over_long_text_with_a_coded_error_not_spacy_e088() -> None:
    from dateline.errors import DocumentTooLarge
    from dateline.nlp.pipeline import read_docs

    nlp = spacy.blank("en")
    nlp.max_length = 100
    with pytest.raises(DocumentTooLarge) as caught:
        list(read_docs(nlp, [("x " * 100, None, None)]))
    assert caught.value.code == "E105" and "max_length" not in str(caught.value)
