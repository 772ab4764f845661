"""Word lists written as tries match what a plain alternation of the words matches."""

from __future__ import annotations

import re

from dateline.alternation import alternation

WORDS = ["sep", "sept", "september", "last", "last night", "the day before yesterday", "yesterday", "may"]


def _plain(words: list[str]) -> str:
    ordered = sorted({w.lower() for w in words}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


def test_the_trie_matches_as_the_word_list_does():
    text = (
        "Sept. 4, September 5 and sep 6; last  night, the day before\nyesterday, lastly, mayhem in May, "
        "Septuagint, septembers"
    )
    trie = re.compile(rf"\b{alternation(WORDS)}\b", re.IGNORECASE)
    plain = re.compile(rf"\b{_plain(WORDS)}\b", re.IGNORECASE)
    found = [m.group(0) for m in trie.finditer(text)]
    assert found == [m.group(0) for m in plain.finditer(text)]
    assert found == ["Sept", "September", "sep", "last  night", "the day before\nyesterday", "May"]


def test_words_keep_their_case_without_ignorecase():
    pattern = re.compile(rf"\b{alternation(['Known', 'known as', 'called'])}\b")
    assert [m.group(0) for m in pattern.finditer("known as X, Known, CALLED, called")] == [
        "known as",
        "Known",
        "called",
    ]


def test_an_empty_list_matches_nothing_but_the_empty_string():
    assert re.fullmatch(alternation([]), "") is not None
    assert re.search(rf"x{alternation([])}y", "xy") is not None
