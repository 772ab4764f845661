"""Attribution phrases and hedges written by the dateline_quotes component."""

from __future__ import annotations

import pytest
import spacy

from dateline.quotes.attribution import AttributionLexicon
from dateline.quotes.hedges import MODALITIES
from dateline.settings import Settings


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.load(Settings().spacy_model)
    nlp.add_pipe("dateline_quotes")
    return nlp


def attributions(nlp, text: str) -> list[tuple[str, str, str]]:
    doc = nlp(text)
    out = []
    for a in doc._.dateline_attributions:
        assert a["text"] == text[a["span"][0] : a["span"][1]]
        assert a["source_text"] == text[a["source_span"][0] : a["source_span"][1]]
        out.append((a["text"], a["source_text"], a["cue"]))
    return out


def hedges(nlp, text: str) -> list[tuple[str, str]]:
    return [(h["text"], h["modality"]) for h in nlp(text)._.dateline_hedges]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "According to security sources, about 300 fighters crossed into Kunar.",
            ("According to security sources", "security sources", "according to"),
        ),
        (
            "According to him, the checkpoint was abandoned overnight.",
            ("According to him", "him", "according to"),
        ),
        (
            "According to Ukrainian estimates, some 20,000 Russian soldiers have been killed near Bakhmut.",
            ("According to Ukrainian estimates", "Ukrainian estimates", "according to"),
        ),
        (
            "Quoting unnamed Malian officers and local residents, the agency says the camp was overrun.",
            ("Quoting unnamed Malian officers and local residents", "unnamed Malian officers", "quoting"),
        ),
        (
            "The militants control most of the district, the report says.",
            ("the report says", "the report", "says"),
        ),
        (
            "Sources said the commander had fled to Yemen.",
            ("Sources said", "Sources", "said"),
        ),
        (
            "Reports said that the convoy came under fire near Gao.",
            ("Reports said", "Reports", "said"),
        ),
        (
            "Quoted in the Guardian, a Rohingya elder described the burning of the village.",
            ("Quoted in the Guardian", "the Guardian", "quoted"),
        ),
        (
            "A spokesman for the Saudi-led coalition said the strike hit a weapons depot.",
            (
                "A spokesman for the Saudi-led coalition said",
                "A spokesman for the Saudi-led coalition",
                "said",
            ),
        ),
        (
            "The regional governor told reporters that twelve civilians had died.",
            ("The regional governor told", "The regional governor", "told"),
        ),
        (
            "The Taliban claimed that the district centre had fallen.",
            ("The Taliban claimed", "The Taliban", "claimed"),
        ),
        (
            "Kabul believes that foreign fighters are crossing the border.",
            ("Kabul believes", "Kabul", "believes"),
        ),
    ],
)
def test_attribution_phrases(nlp, text, expected):
    assert expected in attributions(nlp, text)


def test_no_attribution_without_a_source(nlp):
    assert attributions(nlp, "The attack claimed the lives of nine soldiers.") == []
    assert attributions(nlp, "The group is believed to have fled.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The militants are reportedly regrouping near Ghazni.", [("reportedly", "reported")]),
        ("The officer allegedly ordered the shooting.", [("allegedly", "alleged")]),
        ("Rebels were accused of looting the market.", [("accused of", "alleged")]),
        ("The group is believed to have about 2,000 fighters.", [("is believed to", "believed")]),
        ("Some 300 fighters were believed killed.", [("were believed", "believed")]),
        ("The bomb was most likely planted overnight.", [("most likely", "believed")]),
        ("Two suspected militants were arrested.", [("suspected", "believed")]),
        ("The Islamic State claimed the attack.", [("claimed", "claimed")]),
        ("The army denied the report.", [("denied", "denied")]),
        ("Kyiv issued a statement rejecting the allegations.", [("rejecting the allegations", "denied")]),
        ("The talks are set to resume in Doha.", [("are set to", "planned")]),
        ("Elections are to be held in March.", [("to be held", "planned")]),
        ("The army will withdraw from the town.", [("will", "planned")]),
        (
            "The ceasefire could collapse if fighting resumes.",
            [("could", "hypothetical"), ("if", "hypothetical")],
        ),
        ("Aid may not reach the camp.", [("may not reach", "negated")]),
        ("The Taliban will not allow foreign fighters in the province.", [("will not allow", "negated")]),
        ("The troops never reached the border.", [("never reached", "negated")]),
        ("No civilians were hurt in the strike.", [("No", "negated")]),
        ("Fighting resumed next month after the lull.", []),
    ],
)
def test_hedges(nlp, text, expected):
    assert hedges(nlp, text) == expected


def test_hedge_spans_are_exact(nlp):
    text = "The commander was reportedly killed."
    (h,) = nlp(text)._.dateline_hedges
    assert text[h["span"][0] : h["span"][1]] == "reportedly"


def test_lexicon_round_trip_and_modalities():
    lexicon = AttributionLexicon.default()
    assert AttributionLexicon.from_dict(lexicon.to_dict()) == lexicon
    assert {h["modality"] for h in lexicon.hedges} <= set(MODALITIES)
    assert lexicon.normal_title("Spokesman") == "spokesperson"
    with pytest.raises(ValueError):
        AttributionLexicon.from_dict({"verbs": {}})


def test_unknown_modality_is_refused():
    nlp = spacy.blank("en")
    component = nlp.add_pipe("dateline_quotes")
    with pytest.raises(ValueError, match="modality"):
        component.add_hedge("rumoured", [{"LOWER": "rumoured"}])
