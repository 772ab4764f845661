"""The public API is small, explicit and pinned."""

from __future__ import annotations

import subprocess
import sys

import pytest

import dateline


def test_public_api_is_pinned() -> None:
    assert dateline.__all__ == [
        "__version__",
        "Actor",
        "Attribution",
        "DateMention",
        "Dateline",
        "DatelineError",
        "Document",
        "Event",
        "Extractor",
        "Hedge",
        "Mention",
        "Place",
        "Quantity",
        "Quote",
        "ReadOptions",
        "Record",
        "Relation",
        "RunReport",
        "Settings",
        "Store",
        "extract_paths",
        "get_exporter",
        "ingest_paths",
        "load_pipeline",
        "read_documents",
    ]
    for name in dateline.__all__:
        assert getattr(dateline, name) is not None


def test_unknown_attribute_is_an_attribute_error() -> None:
    try:
        dateline.no_such_thing  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:
        raise AssertionError("expected AttributeError")


def test_import_does_not_load_spacy() -> None:
    code = "import sys, dateline; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_extract_text_from_python(extractor) -> None:
    text = (
        "KABUL (Reuters) - At least 12 people were killed on Monday when a bomb exploded in a market, "
        "officials said."
    )
    record = extractor.extract_text(text, published="2021-05-12")
    assert record.published == "2021-05-12"
    assert record.dateline is not None and record.dateline.text == "KABUL"
    twelve = [q for q in record.quantities if q.low == 12]
    assert twelve and twelve[0].qualifier == "at least" and twelve[0].unit == "people"
    monday = [d for d in record.dates if d.text.endswith("Monday")]
    assert monday and monday[0].start == monday[0].end == "2021-05-10"
    for item in [*record.quantities, *record.dates, *record.quotes]:
        start, end = item.span
        assert text[start:end] == item.text


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("KABUL (Reuters) - Gunmen killed two police officers in Herat on Sunday.", ["Herat"]),
        ("MOGADISHU, Somalia (AP) \u2014 Gunmen killed two police officers in Baidoa on Sunday.", ["Baidoa"]),
    ],
)
def test_the_dateline_is_neither_an_actor_nor_a_place(extractor, text: str, places: list[str]) -> None:
    record = extractor.extract_text(text, published="2021-05-12")
    lo, hi = record.dateline.full_span
    for item in [*record.actors, *record.places]:
        for m in item.mentions:
            assert not (m.span[0] < hi and lo < m.span[1]), item.name
    assert [p.name for p in record.places] == places
