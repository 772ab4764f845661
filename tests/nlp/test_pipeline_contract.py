"""The pipeline contract: what each component assigns and requires, the dateline read by the pipeline
itself, the entry points, and the components' saved data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from dateline.nlp.component import PipelineComponent
from dateline.nlp.pipeline import (
    COMPONENTS,
    DATELINE_COMPONENT,
    HEADER_COMPONENT,
    analyse,
    load_pipeline,
    make_doc,
    read_docs,
)
from dateline.records import Dateline, Document

TEXT = (
    "KABUL (Reuters) - Taliban fighters attacked a police post in Kunar province on Monday, killing "
    "at least four officers, a spokesman for the governor said. “We will not give up,” he said."
)


@pytest.fixture(scope="module")
def nlp(extractor):  # type: ignore[no-untyped-def]
    return extractor.nlp


def test_analyze_pipes_reports_no_problems(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = nlp.analyze_pipes()
    assert analysis["problems"] == {name: [] for name in nlp.pipe_names}
    ours = [name for name in nlp.pipe_names if name.startswith("dateline_")]
    # the header splitter runs before the parser, the rest after the model's own components
    assert ours == [HEADER_COMPONENT, *COMPONENTS]
    assert nlp.pipe_names.index(HEADER_COMPONENT) == nlp.pipe_names.index("parser") - 1
    assert analysis["summary"][HEADER_COMPONENT]["assigns"] == ["token.is_sent_start"]
    for name in COMPONENTS:
        assigns = analysis["summary"][name]["assigns"]
        assert assigns and all(a.startswith("doc._.dateline_") for a in assigns), name


def test_every_component_declares_its_doc_attributes() -> None:
    meta = {name: spacy.blank("en").get_factory_meta(name) for name in COMPONENTS}
    assert meta[DATELINE_COMPONENT].assigns == ["doc._.dateline_dateline"]
    assert "doc._.dateline_dateline" in meta["dateline_places"].requires
    assert "token.dep" in meta["dateline_events"].requires
    assigned = {a for m in meta.values() for a in m.assigns}
    assert {"doc._.dateline_attributions", "doc._.dateline_unresolved_places"} <= assigned


def test_nlp_alone_gives_the_whole_reading(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(TEXT)
    assert Dateline.from_dict(doc._.dateline_dateline) == Dateline(
        text="KABUL", span=(0, 5), place="Kabul", agency="Reuters", full_span=(0, 17)
    )
    assert not any(m["span"][0] < 17 for p in doc._.dateline_places for m in p["mentions"])
    assert any(p["name"].startswith("Kunar") for p in doc._.dateline_places)
    for name in ("quantities", "dates", "quotes", "actors", "events"):
        assert doc._.get(f"dateline_{name}"), name
    assert doc._.dateline_relations is not None


def test_a_dateline_set_by_the_caller_is_kept(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc(nlp, TEXT, "2021-05-10")
    given = {"text": "KABUL", "span": [0, 5], "place": "Kabul", "full_span": [0, 5]}
    doc._.dateline_dateline = given
    assert nlp.get_pipe(DATELINE_COMPONENT)(doc)._.dateline_dateline == given
    assert doc._.dateline_published == "2021-05-10"


def test_read_docs_gives_each_item_its_doc_in_order(nlp) -> None:  # type: ignore[no-untyped-def]
    items = [("GAZA: Shelling continued.", "2023-10-10", "a"), ("No dateline here.", None, "b")]
    with nlp.select_pipes(enable=[DATELINE_COMPONENT]):
        out = list(read_docs(nlp, items))
    assert [(item, doc.text, doc._.dateline_published) for item, doc in out] == [
        ("a", "GAZA: Shelling continued.", "2023-10-10"),
        ("b", "No dateline here.", None),
    ]
    assert out[0][1]._.dateline_dateline["place"] == "Gaza" and out[1][1]._.dateline_dateline is None


def test_load_pipeline_always_puts_the_detector_first() -> None:
    nlp = load_pipeline(components=("dateline_quantities",))
    assert nlp.pipe_names[-2:] == [DATELINE_COMPONENT, "dateline_quantities"]


def test_analyse_gives_every_record_its_dateline() -> None:
    blank = spacy.blank("en")
    (record,) = analyse(blank, [Document(id="d1", text="QUETTA: A bomb exploded.", published="2020-01-02")])
    assert record.dateline is not None and record.dateline.place == "Quetta"
    assert blank.pipe_names == [DATELINE_COMPONENT]


def test_entry_points_work_without_importing_dateline() -> None:
    script = (
        "import sys, spacy\n"
        "assert 'dateline' not in sys.modules\n"
        "nlp = spacy.blank('en')  # spaCy loads the factories' entry points here\n"
        "nlp.add_pipe('dateline_datelines')\n"
        "nlp.add_pipe('dateline_places')\n"
        "print(type(nlp.get_pipe('dateline_places')).__module__)\n"
        "print(nlp('QUETTA: A bomb exploded.')._.dateline_dateline['place'])\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["dateline.places.component", "Quetta"]


# -- saved data -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", COMPONENTS)
def test_every_component_round_trips_bytes_and_disk(name: str, tmp_path: Path) -> None:
    component = spacy.blank("en").add_pipe(name)
    assert isinstance(component, PipelineComponent)
    data = component.to_bytes()
    assert spacy.blank("en").add_pipe(name).from_bytes(data).to_bytes() == data
    component.to_disk(tmp_path / name)
    assert sorted(p.name for p in (tmp_path / name).iterdir()) == sorted(component.serializers())
    assert spacy.blank("en").add_pipe(name).from_disk(tmp_path / name).to_bytes() == data


class _Words(PipelineComponent):
    def __init__(self) -> None:
        self.words, self.note = ["a"], "x"

    def serializers(self):  # type: ignore[no-untyped-def]
        return {
            "words.txt": (lambda: " ".join(self.words).encode(), self._set_words),
            "note": (self.note.encode, self._set_note),
        }

    def _set_words(self, data: bytes) -> None:
        self.words = data.decode().split()

    def _set_note(self, data: bytes) -> None:
        self.note = data.decode()


def test_the_base_saves_each_part_and_honours_exclude(tmp_path: Path) -> None:
    saved = _Words()
    saved.words, saved.note = ["b", "c"], "y"
    copy = _Words().from_bytes(saved.to_bytes())
    assert (copy.words, copy.note) == (["b", "c"], "y")
    copy = _Words().from_bytes(saved.to_bytes(exclude=["words"]))
    assert (copy.words, copy.note) == (["a"], "y")
    saved.to_disk(tmp_path / "c", exclude=["note"])
    assert [p.name for p in (tmp_path / "c").iterdir()] == ["words.txt"]
    copy = _Words().from_disk(tmp_path / "c")  # a missing file leaves its part as it is
    assert (copy.words, copy.note) == (["b", "c"], "x")
