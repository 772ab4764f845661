"""The attackers' share of an attack's dead or wounded (GTD's ``nkillter`` / ``nwoundte``).

A count's parts are the quantities the text gives for each group ("two soldiers and three assailants
were killed"); :func:`attackers_share` keeps those whose noun names the attackers and sums them, so
that ``fatalities_perpetrators`` is 3 there. Which nouns name the attackers is the caller's choice
(the GTD coder drops "militants", "rebels" when the attack's target is itself such a group).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["attackers_share"]


def attackers_share(
    total: dict[str, Any], members: Sequence[dict[str, Any]] | None, nouns: frozenset[str], text: str
) -> dict[str, Any] | None:
    """The part of ``total`` (a quantity record) whose groups ``nouns`` name, or None.

    ``members`` are the quantities ``total`` sums (None: ``total`` alone); ``text`` is the document's,
    for the span that covers several parts."""
    parts = [q for q in (members or [total]) if _names_group(q, nouns)]
    if not parts:
        return None
    if len(parts) == 1:
        q = dict(parts[0])
        q.pop("group", None)
        return q
    best = [p.get("best") if p.get("best") is not None else p.get("low") for p in parts]
    start = min(int(p["span"][0]) for p in parts)
    end = max(int(p["span"][1]) for p in parts)
    value = sum(float(b) for b in best) if all(b is not None for b in best) else None
    if value is not None and value.is_integer():
        value = int(value)
    return {"text": text[start:end], "span": [start, end], "low": value, "high": value, "best": value}


def _names_group(quantity: dict[str, Any], nouns: frozenset[str]) -> bool:
    unit = str(quantity.get("unit") or "").lower()
    words = str(quantity.get("text") or "").lower().split()
    return unit in nouns or bool(words and (words[-1] in nouns or " ".join(words[-2:]) in nouns))
