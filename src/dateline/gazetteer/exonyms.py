"""English forms of administrative names written with a French, Spanish or Portuguese compass word.

GeoNames and Natural Earth call the Congolese province "Nord Kivu" / "Nord-Kivu"; English news says
"North Kivu". For every admin-1, division and admin-2 unit whose name (or alternate name) starts with
a compass word listed in ``aliases.json`` (``direction_words``: "nord" -> "North", "sud" -> "South",
"norte" -> "North", ...), the English form is added as an alternate name: a general rule, not a list
of places.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from dateline.gazetteer.merge import Draft

UNIT_LEVELS = frozenset({"admin1", "division", "admin2"})


_LEADING_WORD = re.compile(r"^\s*(\w+)[\s\-]+(\S.*)$")


def english_forms(name: str, words: Mapping[str, str]) -> list[str]:
    """``"Nord-Kivu"`` -> ``["North Kivu"]``; names without a leading compass word give nothing."""
    m = _LEADING_WORD.match(name)
    english = words.get(m.group(1).casefold()) if m else None
    return [f"{english} {m.group(2).strip()}"] if m and english else []


def add_english_directions(drafts: Iterable[Draft], words: Mapping[str, str]) -> int:
    """Add English compass forms to administrative units; returns how many names were added."""
    added = 0
    for draft in drafts:
        if draft.level not in UNIT_LEVELS:
            continue
        new = []
        for name in (draft.name, *draft.alternates):
            new.extend(english_forms(name, words))
        before = len(draft.alternates)
        draft.add_names(n for n in new if n != draft.name)
        added += len(draft.alternates) - before
    return added
