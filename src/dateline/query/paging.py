"""Keyset paging: a page ends with an opaque cursor holding the last key it showed.

A cursor is base64url of ``[kind, last key]``; the next page asks for keys after it, so a
page costs the same however deep it is (no OFFSET), and rows stored meanwhile do not shift it.
A cursor of another list, or one that was not made here, is an error (E203).
"""

from __future__ import annotations

import base64
import binascii
import json

from dateline.errors import InvalidOption

#: The lists a page (and so a cursor) belongs to.
KINDS = ("events", "places", "actors", "documents", "relations")
#: The most items one page holds.
MAX_LIMIT = 1000
DEFAULT_LIMIT = 50


def encode_cursor(kind: str, last: int | str) -> str:
    raw = json.dumps([kind, last], separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(kind: str, cursor: str | None) -> int | str | None:
    """The last key of the page before, or None for the first page."""
    if cursor is None or cursor == "":
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        found, last = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise InvalidOption(f"not a cursor of this list: {cursor[:40]!r}") from None
    if found != kind or isinstance(last, bool) or not isinstance(last, int | str):
        raise InvalidOption(f"not a cursor of the {kind} list: {cursor[:40]!r}")
    return last


def check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidOption(f"limit must be between 1 and {MAX_LIMIT}, got {limit}")
    return limit
