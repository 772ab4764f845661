"""Where and when an event happened when its own sentence does not say: the narrative's anchor.

A report tells one incident over several sentences: "On 7 May, demonstrators blocked the road in
Sfax. Police dispersed them and arrested two." The second sentence names neither place nor date; it
happened where and when the paragraph's last event did. :func:`anchor_events` gives each event read
without a place or a date of its own (in document order):

* a place: "there" refers to the previous placed event of the paragraph (of the same family first);
  else a place of its own sentence (coarser precision); else the place of the previous placed event
  of the paragraph (its precision); else the last place named earlier in the paragraph (precision 3);
* a date: the date of the previous event of the paragraph that has one from the text (the
  publication date stands in only when no earlier event of the paragraph is dated).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from dateline.events.arguments import ArgumentReader
from dateline.events.context import MentionIndex
from dateline.events.draft import EventDraft

__all__ = ["anchor_events", "paragraph_starts"]

_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n")


def paragraph_starts(text: str) -> list[int]:
    """The character offsets where the text's paragraphs (after the first) start."""
    return [m.start() for m in _PARAGRAPH.finditer(text)]


def paragraph_of(start_char: int, paragraphs: Sequence[int]) -> int:
    """The paragraph number (0 for the first) holding a character offset."""
    return bisect.bisect_right(paragraphs, start_char)


def anchor_events(
    drafts: Sequence[EventDraft], index: MentionIndex, args: ArgumentReader, paragraphs: Sequence[int]
) -> None:
    """Give each draft without a place or a date of its own the narrative's (see the module doc)."""
    placed: list[EventDraft] = []
    dated: list[EventDraft] = []
    for draft in drafts:
        start = draft.sent.start_char
        para = paragraph_of(start, paragraphs)
        same = [p for p in placed if paragraph_of(p.sent.start_char, paragraphs) == para and p.primary < draft.primary]
        if draft.place is None:
            _place(draft, same, index, args, paragraphs[para - 1] if para else 0)
        if draft.place is not None:
            placed.append(draft)
        if draft.date is not None and not draft.date.get("from_published"):
            dated.append(draft)
        elif draft.etype.family != "verbal" and not draft.etype.verbal:
            earlier = [
                d for d in dated if paragraph_of(d.sent.start_char, paragraphs) == para and d.primary < draft.primary
            ]
            if earlier:
                draft.date = dict(earlier[-1].date or {})
                draft.time_precision = earlier[-1].time_precision


def _place(
    draft: EventDraft, same: list[EventDraft], index: MentionIndex, args: ArgumentReader, para_start: int
) -> None:
    if draft.there and same:
        ref = next((p for p in reversed(same) if p.family == draft.family), same[-1])
        draft.place, draft.geo_precision = ref.place, ref.geo_precision
        return
    args.sentence_place(draft)
    if draft.place is not None:
        return
    if same:
        draft.place, draft.geo_precision = same[-1].place, same[-1].geo_precision
        return
    start = draft.sent.start_char
    before = [m for m in index.places if para_start <= m.start_char < start]
    if before:
        draft.place = before[-1].record
        draft.geo_precision = 3
