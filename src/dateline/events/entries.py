"""An event's ``responsibility`` entries: who the text holds responsible, how surely, and who says so.

Each entry is ``{"actor", "stance", "source", "source_text", "text", "span"}``, read from one sentence;
an event holds one entry per actor and stance. :mod:`dateline.events.responsibility` reads the phrases
that make them, :mod:`dateline.events.claims` the claims of responsibility.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.tokens import Span

from dateline.events.context import trimmed_span
from dateline.events.draft import EventDraft
from dateline.nlp.doc_cache import text_of

__all__ = ["add_responsibility", "note_responsibility", "responsibility_entry"]


def note_responsibility(
    event: EventDraft,
    actors: Iterable[str],
    stance: str,
    sentence: Span,
    *,
    source: str | None = None,
    source_text: str | None = None,
) -> None:
    """One ``responsibility`` entry per actor (once per actor and stance), read from ``sentence``;
    ``source`` is the actor id of who says so, ``source_text`` the words naming them."""
    for actor in actors:
        add_responsibility(event, responsibility_entry(actor, stance, sentence, source, source_text))


def responsibility_entry(
    actor: str, stance: str, sentence: Span, source: str | None = None, source_text: str | None = None
) -> dict[str, Any]:
    """A ``responsibility`` entry read from ``sentence`` (its text and span trimmed of white space)."""
    start, end = trimmed_span(text_of(sentence.doc), sentence.start_char, sentence.end_char)
    return {
        "actor": actor,
        "stance": stance,
        "source": source,
        "source_text": source_text,
        "text": text_of(sentence.doc)[start:end],
        "span": [start, end],
    }


def add_responsibility(event: EventDraft, entry: dict[str, Any]) -> None:
    """Add ``entry`` to the event's ``responsibility`` unless it holds one of that actor and stance."""
    if not any(e["actor"] == entry["actor"] and e["stance"] == entry["stance"] for e in event.responsibility):
        event.responsibility.append(entry)
