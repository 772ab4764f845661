"""The flat event row, defined once: the store's event columns and the exporters' rows both read it.

:func:`flatten_event` turns one :class:`~dateline.records.Event` into a dict without nesting:
nested fields become prefixed keys (``date_start``, ``fatalities_best``, ``attribution_source``,
``trigger_text``; spans are left out), the evidence becomes ``evidence_text`` and
``evidence_spans`` (last), lists of ids stay lists, and records inside lists become JSON strings.
The keys of :data:`NESTED_COLUMNS` are always there, so every event has those columns.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import fields
from typing import Any

from dateline.records import Event, Mention

#: Nested event fields and the keys each is flattened into (so every event has the same columns).
NESTED_COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("text", "start", "end", "precision"),
    "fatalities": ("text", "low", "high", "best", "qualifier", "unit"),
    "injured": ("text", "low", "high", "best", "qualifier", "unit"),
    "size": ("text", "low", "high", "best", "qualifier", "unit"),
    "attribution": ("source", "text"),
    "fatalities_perpetrators": ("text", "low", "high", "best"),
    "injured_perpetrators": ("text", "low", "high", "best"),
}


def spans_text(mentions: Iterable[Mention]) -> str:
    """Spans as ``"s-e;s-e"``."""
    return ";".join(f"{m.span[0]}-{m.span[1]}" for m in mentions)


def _scalar(value: Any) -> Any:
    if hasattr(value, "to_dict"):
        value = value.to_dict()
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, list | tuple):
        return [_scalar(v) for v in value]
    return value


def flatten_event(event: Event) -> dict[str, Any]:
    """The event's fields without nesting, in field order, with ``evidence_text``/``evidence_spans`` last."""
    out: dict[str, Any] = {"id": event.id}
    for f in fields(event):
        key, value = f.name, getattr(event, f.name)
        if key in ("id", "evidence"):
            continue
        if key in NESTED_COLUMNS or hasattr(value, "to_dict"):
            nested = value.to_dict() if value is not None else {}
            listed = NESTED_COLUMNS.get(key, ())
            for sub in listed:
                out[f"{key}_{sub}"] = _scalar(nested.get(sub))
            for sub, sub_value in nested.items():
                if sub not in listed and sub != "span":
                    out[f"{key}_{sub}"] = _scalar(sub_value)
        else:
            out[key] = _scalar(value)
    out["evidence_text"] = " ".join(m.text for m in event.evidence)
    out["evidence_spans"] = spans_text(event.evidence)
    return out
