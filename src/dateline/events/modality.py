"""Modality and attribution of events, read from hedges, attribution phrases, quotes and the parse.

A hedge applies to an event when it modifies the trigger or the verb carrying it ("reportedly basing",
"will host", "did not attack"), or when it governs the trigger from above ("an allegation that linked
the killing", "is believed to have been successful in establishing"); negation, plans and conditionals
only count in the trigger's own clause. A sentence with an attribution phrase ("according to security
sources", "the report says") or a trigger inside a direct quote makes the event reported, with who
says so: the actor id of the source when it is a named actor.

Cues come from hedges, the reporting frame, the event's date (a future date means it is planned) and
negation. When several apply, the strongest wins: a negated or denied event is not turned back into a
reported one.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from spacy.tokens import Doc, Token

from dateline.events.context import MentionIndex
from dateline.events.draft import EventDraft

_STRENGTH = {
    "asserted": 0,
    "reported": 1,
    "believed": 2,
    "claimed": 3,
    "alleged": 4,
    "hypothetical": 5,
    "planned": 6,
    "denied": 7,
    "negated": 8,
}
# cues that may reach an event from any clause above it ("an allegation that linked the killing")
WIDE = frozenset({"alleged", "believed", "claimed", "denied", "reported"})


def strongest(modalities: Iterable[str]) -> str:
    """The strongest of ``modalities`` ("asserted" when there is none)."""
    best = "asserted"
    for m in modalities:
        if _STRENGTH.get(m, -1) > _STRENGTH[best]:
            best = m
    return best


def is_future(date: Mapping[str, Any] | None, published: str | None, cues: Iterable[str]) -> bool:
    """Whether ``date`` lies after the publication date, or reads as future ("early next month")."""
    if not date:
        return False
    start = date.get("start")
    if start and published and not date.get("from_published"):
        try:
            return dt.date.fromisoformat(str(start)[:10]) > dt.date.fromisoformat(str(published)[:10])
        except ValueError:
            return False
    words = set(str(date.get("text") or "").lower().split())
    return bool(date.get("relative")) and bool(words & set(cues))


_CLAUSE_UP = frozenset({"xcomp", "aux", "auxpass", "conj", "acomp"})


class EventModalityReader:
    """Reads the modality and attribution of the events of one document."""

    def __init__(
        self,
        doc: Doc,
        index: MentionIndex,
        hedges: Iterable[dict[str, Any]],
        attributions: Iterable[dict[str, Any]],
        quotes: Iterable[dict[str, Any]],
        *,
        future_cues: Iterable[str] = (),
        published: str | None = None,
    ) -> None:
        self.doc = doc
        self.index = index
        self.published = published
        self.future_cues = frozenset(future_cues)
        self.hedge_at: dict[int, str] = {}
        for h in hedges:
            a, b = index.token_range(int(h["span"][0]), int(h["span"][1]))
            for i in range(a, min(b, len(doc))):
                self.hedge_at[i] = str(h["modality"])
        self.attributions = sorted(
            (a for a in attributions if a.get("span")), key=lambda a: int(a["span"][0])
        )
        self._att_starts = [int(a["span"][0]) for a in self.attributions]
        self.quotes = [q for q in quotes if q.get("kind", "direct") == "direct" and q.get("span")]

    def _own_clause(self, draft: EventDraft) -> set[int]:
        out = set(draft.tokens)
        if draft.support is not None:
            out.add(draft.support)
        for i in list(out):
            t = self.doc[i]
            n = 0
            while t.dep_ in _CLAUSE_UP and t.head.i != t.i and n < 3:
                t = t.head
                out.add(t.i)
                n += 1
        return out

    def _ancestors(self, draft: EventDraft) -> set[int]:
        out: set[int] = set()
        start = self.doc[draft.support if draft.support is not None else draft.primary]
        for t in [self.doc[draft.primary], start]:
            out.update(a.i for a in t.ancestors)
        return out

    def read(self, draft: EventDraft) -> None:
        own = self._own_clause(draft)
        above = self._ancestors(draft)
        found: list[str] = []
        sent = draft.sent
        for i in range(sent.start, sent.end):
            modality = self.hedge_at.get(i)
            if modality is None or i in draft.tokens:
                continue
            token: Token = self.doc[i]
            local = token.head.i in own or i in own - set(draft.tokens)
            governs = i in above or token.head.i in above and token.dep_ != "conj"
            if local or modality in WIDE and governs:
                found.append(modality)
        if is_future(draft.date, self.published, self.future_cues):
            found.append("planned")
        attribution = self._attribution(draft)
        if attribution is not None:
            found.append("reported")
            draft.attribution = attribution
        draft.modality = strongest(found)

    def _attribution(self, draft: EventDraft) -> dict[str, Any] | None:
        start, end = draft.sent.start_char, draft.sent.end_char
        char = self.doc[draft.primary].idx
        for q in self.quotes:
            if int(q["span"][0]) <= char < int(q["span"][1]):
                return {
                    "source": q.get("speaker"),
                    "text": str(q.get("speaker_text") or q.get("cue") or ""),
                }
        k = bisect.bisect_left(self._att_starts, start)
        candidates = []
        while k < len(self.attributions) and int(self.attributions[k]["span"][0]) < end:
            candidates.append(self.attributions[k])
            k += 1
        if not candidates:
            return None
        att = min(candidates, key=lambda a: abs(int(a["span"][0]) - char))
        source = att.get("source")
        if source is None and att.get("source_span"):
            s, e = (int(x) for x in att["source_span"])
            a, b = self.index.token_range(s, e)
            ids = [m.record.get("id") for m in self.index.in_tokens(range(a, b), "actor")]
            source = next((i for i in ids if i), None)
        return {"source": source, "text": str(att.get("text") or att.get("source_text") or "")}
