"""Where and when an event happened when its own sentence does not say: the narrative's anchor.

A report tells one incident over several sentences: "On 7 May, demonstrators blocked the road in
Sfax. Police dispersed them and arrested two." The second sentence names neither place nor date; it
happened where and when the paragraph's last event did. :func:`anchor_events` gives each event read
without a place or a date of its own (in document order):

* a place: "there" refers to the previous placed event of the paragraph (of the same family first);
  else a place of its own sentence (coarser precision); else the place of the previous placed event
  of the paragraph (its precision); else the last place named earlier in the paragraph, else the
  first named after its sentence in the paragraph ("Gunmen killed a teacher. Police in Kirkuk said
  ..."; both precision 3);
* a date: the date of the previous event of the paragraph that has one from the text, else the date
  heading the paragraph ("03/26/2021: Assailants kidnapped ..."); the publication date stands in only
  when neither is there.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Any

from dateline.events.arguments import ArgumentReader
from dateline.events.context import MentionIndex
from dateline.events.draft import EventDraft
from dateline.events.extents import owned_by_country, place_rank

__all__ = ["anchor_events", "paragraph_starts"]

_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n")
#: :func:`place_rank` of a country or wider area: a paragraph's town or province comes first.
_WIDE_RANK = 3


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
    placed: dict[int, EventDraft] = {}  # paragraph -> its latest placed event (drafts come in order)
    placed_family: dict[tuple[int, str], EventDraft] = {}
    dated: dict[int, EventDraft] = {}
    headings = _heading_dates(index, paragraphs)
    for draft in drafts:
        para = paragraph_of(draft.sent.start_char, paragraphs)
        if draft.place is None:
            previous = placed.get(para)
            if previous is not None and previous.primary > draft.primary:
                previous = None
            same_family = placed_family.get((para, draft.family)) if draft.there else None
            bounds = (
                paragraphs[para - 1] if para else 0,
                paragraphs[para] if para < len(paragraphs) else None,
            )
            _place(draft, same_family or previous, index, args, bounds)
        if draft.place is not None:
            placed[para] = placed_family[(para, draft.family)] = draft
        if draft.date is not None and not draft.date.get("from_published"):
            dated[para] = draft
        elif not draft.etype.verbal and para in dated and dated[para].primary < draft.primary:
            draft.date = dict(dated[para].date or {})
            draft.time_precision = dated[para].time_precision
        elif not draft.etype.verbal and para in headings and headings[para][0] < draft.primary:
            draft.date = dict(headings[para][1])
            draft.time_precision = {"day": 1, "week": 2}.get(str(draft.date.get("precision")), 3)


def _heading_dates(index: MentionIndex, paragraphs: Sequence[int]) -> dict[int, tuple[int, dict]]:
    """Paragraph -> (token, date) of a sentence that is only a date ("03/26/2021:"), its heading."""
    out: dict[int, tuple[int, dict]] = {}
    for sent in index.sents:
        dates = index.in_range(sent.start, sent.end, "date")
        if len(dates) != 1:
            continue
        words = [t for t in sent if not (t.is_punct or t.is_space)]
        if words and all(dates[0].start <= t.i < dates[0].end for t in words):
            out.setdefault(paragraph_of(sent.start_char, paragraphs), (sent.start, dates[0].record))
    return out


def _place(
    draft: EventDraft,
    previous: EventDraft | None,
    index: MentionIndex,
    args: ArgumentReader,
    bounds: tuple[int, int | None],
) -> None:
    if draft.there and previous is not None:
        draft.place, draft.geo_precision = previous.place, previous.geo_precision
        return
    args.sentence_place(draft)
    if draft.place is not None:
        return
    if previous is not None:
        draft.place, draft.geo_precision = previous.place, previous.geo_precision
        return
    start, end = draft.sent.start_char, draft.sent.end_char
    para_start, para_end = bounds
    # no actor's name, nor a country owning what the text names ("the U.S. embassy in Iraq")
    named = [
        m
        for m in index.places
        if para_start <= m.start_char
        and not args.is_actor_name(m)
        and not owned_by_country(index.doc, m, args.owned_nouns)
    ]
    before = [m for m in named if m.start_char < start]
    after = [m for m in named if end <= m.start_char and (para_end is None or m.start_char < para_end)]
    if before or after:
        # the paragraph's town before its country ("... are common in Iraq. The incident took place
        # in Baghdad."): a place before the sentence, else after it, of the finest kind short of a
        # country or wider area ("at the Tame Airport (Arauca Department)": Tame), the nearest of those
        def rank(m: Any) -> tuple[bool, bool, int, int]:
            gap = start - m.start_char if m.start_char < start else m.start_char - end
            kind = place_rank(m.record)
            return kind >= _WIDE_RANK, m.start_char >= start, kind, gap

        draft.place = min([*before, *after], key=rank).record
        draft.geo_precision = 3
