"""The dateline_quotes component: quotes and their speakers, read like a user reads news."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from dateline.records import Attribution, Hedge, Quote
from dateline.settings import Settings

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.load(Settings().spacy_model)
    nlp.add_pipe("dateline_quotes")
    return nlp


def quotes(nlp, text: str) -> list[dict]:
    doc = nlp(text)
    found = doc._.dateline_quotes
    for q in found:
        assert q["text"] == text[q["span"][0] : q["span"][1]]
        Quote.from_dict(q)  # every dict is a valid record
    return found


def one(nlp, text: str, words: str) -> dict:
    """The quote whose text contains ``words``."""
    found = [q for q in quotes(nlp, text) if words in q["text"]]
    assert len(found) == 1, quotes(nlp, text)
    return found[0]


def test_curly_quote_said_name_after(nlp):
    text = "“We pushed them out of the village by noon,” said Abdi Farah, a district commissioner in Hiraan."
    q = one(nlp, text, "pushed them")
    assert q["text"] == "We pushed them out of the village by noon"
    assert q["speaker_text"] == "Abdi Farah"
    assert q["cue"] == "said"
    assert q["kind"] == "direct"
    assert text[q["speaker_span"][0] : q["speaker_span"][1]] == "Abdi Farah"


def test_straight_quotes_name_said(nlp):
    text = 'Colonel Ahmed Haidari said, "The road to the airport is open again."'
    q = one(nlp, text, "road to the airport")
    assert q["text"] == "The road to the airport is open again."
    assert "Ahmed Haidari" in q["speaker_text"]


def test_apposition_before_verb(nlp):
    text = (
        "Mohammed al-Bukhaiti, a senior official of the Houthi movement said, "
        "“We will respond to any attack on our ports.”"
    )
    q = one(nlp, text, "respond to any attack")
    assert q["speaker_text"] == "Mohammed al-Bukhaiti"


def test_quote_split_by_its_attribution(nlp):
    text = (
        "“The shelling started at dawn,” said Olena Kovalenko, a nurse in Kherson. "
        "“We carried the wounded to the basement.”"
    )
    first = one(nlp, text, "shelling started")
    second = one(nlp, text, "carried the wounded")
    assert first["speaker_text"] == second["speaker_text"] == "Olena Kovalenko"


def test_quote_with_pronoun_resolved_to_name(nlp):
    text = (
        "Army chief Min Aung Hlaing addressed officers in Naypyitaw on Saturday. "
        "Later he said, “The operation will continue until the rebels surrender.”"
    )
    q = one(nlp, text, "operation will continue")
    assert q["speaker_text"] == "Min Aung Hlaing"
    assert q["speaker_mention"] == "he"
    assert text[q["speaker_span"][0] : q["speaker_span"][1]] == "Min Aung Hlaing"


def test_title_resolved_to_longest_name(nlp):
    text = (
        "Afghan President Ashraf Ghani visited Kandahar on Monday. Ghani met tribal elders there. "
        "“We will not negotiate under fire,” the president told them."
    )
    q = one(nlp, text, "negotiate under fire")
    assert q["speaker_text"] == "Ashraf Ghani"
    assert q["speaker_mention"] == "the president"


def test_surname_expands_to_full_name(nlp):
    text = (
        "Pakistani Prime Minister Imran Khan flew to Kabul. "
        "“Peace in Afghanistan is peace in Pakistan,” Khan told reporters."
    )
    assert one(nlp, text, "Peace in Afghanistan")["speaker_text"] == "Imran Khan"


def test_told_committee_that(nlp):
    text = (
        "General Kenneth McKenzie told the House Armed Services Committee that the group "
        "“remains capable of mounting attacks in the region.”"
    )
    q = one(nlp, text, "remains capable")
    assert q["speaker_text"] == "Kenneth McKenzie"
    assert q["cue"] == "told"


def test_was_quoted_in_a_statement(nlp):
    text = (
        "“Our fighters will not leave the city,” rebel commander Yusuf Hamza was quoted in a statement "
        "posted online."
    )
    assert one(nlp, text, "fighters will not leave")["speaker_text"] == "Yusuf Hamza"


def test_according_to_frame(nlp):
    text = "According to Somali police officer Ali Nur, “the attackers came in two pickup trucks.”"
    assert one(nlp, text, "pickup trucks")["speaker_text"] == "Ali Nur"


def test_standalone_quote_after_sentence_naming_speaker(nlp):
    text = (
        "The UN envoy Hans Grundberg briefed the Security Council on Yemen on Tuesday.\n\n"
        "“The truce has held better than anyone expected. Both sides must now build on it.”"
    )
    q = one(nlp, text, "truce has held")
    assert q["speaker_text"] == "Hans Grundberg"
    assert q["text"].endswith("build on it.")


def test_multi_sentence_quote_is_one_quote(nlp):
    text = (
        "Interior ministry spokesman Nasrat Rahimi said: “Three suicide bombers were killed. "
        "Two police officers were wounded. The area has been cleared.”"
    )
    found = quotes(nlp, text)
    assert len(found) == 1
    assert found[0]["text"].startswith("Three suicide bombers")
    assert found[0]["text"].endswith("cleared.")
    assert found[0]["speaker_text"] == "Nasrat Rahimi"


def test_scare_quotes_marked_and_given_sentence_speaker(nlp):
    text = (
        "Russian officials have described the offensive as a “special operation” aimed at “denazification”."
    )
    found = quotes(nlp, text)
    assert [q["text"] for q in found] == ["special operation", "denazification"]
    assert {q["kind"] for q in found} == {"scare"}
    text2 = "The ministry distinguished between “good” and “bad” insurgents."
    assert [q["kind"] for q in quotes(nlp, text2)] == ["scare", "scare"]


def test_single_curly_quote_and_apostrophes(nlp):
    text = (
        "The group, known locally as ‘al-Shabaab’, hasn’t claimed the Mogadishu blast at the militants’ base."
    )
    found = quotes(nlp, text)
    assert [q["text"] for q in found] == ["al-Shabaab"]
    assert found[0]["kind"] == "scare"


def test_mixed_curly_open_straight_close(nlp):
    text = 'The governor said, “No aid convoy will arrive unless the road is repaired."'
    q = one(nlp, text, "aid convoy")
    assert q["text"] == "No aid convoy will arrive unless the road is repaired."


def test_sources_as_speaker(nlp):
    text = "“The commander was killed in the drone strike,” sources said."
    q = one(nlp, text, "commander was killed")
    assert q["speaker_text"] == "sources"
    assert q["speaker_span"] is not None


def test_no_quotes_no_records(nlp):
    doc = nlp("Troops shelled the village on Sunday, killing four people.")
    assert doc._.dateline_quotes == []


def test_seed_speakers():
    """The eleven quotes of the seed gold, through the component alone."""
    if not SEEDS.is_dir():
        pytest.skip("seed articles are not beside this checkout")
    nlp = spacy.load(Settings().spacy_model)
    nlp.add_pipe("dateline_quotes")
    expected = {
        "000": [
            ("they are actively busy with training", "Gul Ahmad Azimi"),
            ("I will lead this war against terror", "Nawaz Sharif"),
            ("the war in Afghanistan is not our war", "Hamid Karzai"),
            ("We face common challenges", "Tasnim Aslam"),
            ("wearing civilian clothes", "Ahmad Shakib Mustaghni"),
            ("They want Afghanistan to be their satellite", "Mohammad Umer Daudzai"),
            ("determined to eliminate all terrorists", "Asim Bajwa"),
            ("We will confine our practical jihadist role", "Ismatullah Muawiya"),
            ("Our two countries face formidable challenges", "Nawaz Sharif"),
        ],
        "004": [
            ("conduct brutal attacks against civilians", "John F Campbell"),
            ("represents more of a rebranding", "John F Campbell"),
        ],
    }
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found = nlp(text)._.dateline_quotes
        for anchor, speaker in expected[path.name[:3]]:
            start = text.index(anchor)
            hits = [q for q in found if q["span"][0] <= start < q["span"][1]]
            assert hits and speaker in hits[0]["speaker_text"], (anchor, hits)


def test_records_parse(nlp):
    doc = nlp("According to local officials, the bridge was reportedly destroyed. “It is gone,” he said.")
    for a in doc._.dateline_attributions:
        Attribution.from_dict(a)
    for h in doc._.dateline_hedges:
        Hedge.from_dict(h)
        assert h["text"] == doc.text[h["span"][0] : h["span"][1]]


def test_round_trip_to_disk_keeps_output_and_custom_lexicon(nlp, tmp_path):
    texts = [
        "“We will retake the town,” said Ibrahim Traoré, the junta leader.",
        "The convoy was ostensibly ambushed, the militia avers that it did not attack.",
    ]
    custom = spacy.load(Settings().spacy_model)
    component = custom.add_pipe("dateline_quotes")
    component.add_reporting_verb("aver")
    component.add_hedge("alleged", [{"LOWER": "ostensibly"}])
    custom.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert "aver" in loaded.get_pipe("dateline_quotes").lexicon.reporting_verbs
    for text in texts:
        a, b = custom(text), loaded(text)
        assert a._.dateline_quotes == b._.dateline_quotes
        assert a._.dateline_attributions == b._.dateline_attributions
        assert a._.dateline_hedges == b._.dateline_hedges
    doc = loaded(texts[1])
    assert any(x["cue"] == "avers" and x["source_text"] == "the militia" for x in doc._.dateline_attributions)
    assert {"text": "ostensibly", "span": [15, 25], "modality": "alleged"} in doc._.dateline_hedges
    assert loaded.get_pipe("dateline_quotes").to_bytes() == component.to_bytes()


def test_pipe_two_processes_same_as_one(nlp):
    texts = [
        "“The dam is holding,” said engineer Tesfaye Bekele. “For now.”",
        "Reports said the convoy was ambushed near Kidal. Officials denied it.",
        "According to the UN, at least 40 civilians may have been killed.",
        "“Enough,” he said.",
    ]
    one_proc = [
        (d._.dateline_quotes, d._.dateline_attributions, d._.dateline_hedges) for d in nlp.pipe(texts)
    ]
    two_proc = [
        (d._.dateline_quotes, d._.dateline_attributions, d._.dateline_hedges)
        for d in nlp.pipe(texts, n_process=2, batch_size=2)
    ]
    assert one_proc == two_proc


def test_blank_pipeline_degrades_to_marks_and_surface_cues():
    blank = spacy.blank("en")
    blank.add_pipe("dateline_quotes")
    text = (
        "“The bridge is gone,” said Amina Yusuf. According to local officials, the army reportedly withdrew."
    )
    doc = blank(text)
    (q,) = doc._.dateline_quotes
    assert q["text"] == "The bridge is gone"
    assert q["speaker_text"] == ""  # no parser: no speaker
    assert [(h["text"], h["modality"]) for h in doc._.dateline_hedges] == [("reportedly", "reported")]
    assert [a["source_text"] for a in doc._.dateline_attributions] == ["local officials"]
