"""Generators of hostile inputs, shared by tests/test_fuzz.py (Hypothesis) and bench/fuzz.py (volume).

Each generator takes a :class:`Pick` (where its random choices come from: Hypothesis's ``data.draw``
in the tests, so failures shrink; a seeded ``random.Random`` in the benchmark) and returns one input:
``(suffix, bytes)`` for the readers, a ``str`` for the pipeline. :func:`check_items` is the property
every reader must keep: no exception, at least one item, each a Document or a coded ReadProblem.
"""

from __future__ import annotations

import codecs
import json
import random
import re
from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from dateline.ingest import ReadProblem
from dateline.records import Document, Record

T = TypeVar("T")


class Pick(Protocol):
    def choice(self, options: Sequence[T]) -> T: ...
    def integer(self, low: int, high: int) -> int: ...
    def raw(self, low: int, high: int) -> bytes: ...


class RandomPick:
    """A :class:`Pick` over a seeded ``random.Random``."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def choice(self, options: Sequence[T]) -> T:
        return options[self.rng.randrange(len(options))]

    def integer(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def raw(self, low: int, high: int) -> bytes:
        return self.rng.randbytes(self.rng.randint(low, high))


WORDS = (
    "KABUL", "(Reuters)", "-", "—", "At", "least", "12", "people", "were", "killed", "in", "Kabul",
    "on", "Monday", "said", "the", "Taliban", "“We", "will", "fight,”", "he", "Herat", "province",
    "3,000", "last", "month", "2015-01-30", "é", "Ünïcødé", "مرحبا", "中文", "\U0001f600", "&", "<", ">",
    '"', "'", ",", ".", ";", "\t", "\n", "\n\n", "\r\n", "\r", " ", "  ", "\ufeff", "\u200b", "\u00a0",
    "\u2028",
)
CONTROLS = (
    "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\x9b", "\ufffe", "\uffff",
)
SURROGATES = ("\ud800", "\udfff", "\udc00")
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252")
BOMS = (b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE)
HTML_PARTS = (
    "<html>", "</html>", "<head>", "</head>", "<body>", "</body>", "<title>", "</title>", "<p>", "</p>",
    "<div class='nav'>", "</div>", "<article>", "</article>", "<main>", "<script>", "</script>",
    "<style>", "</style>", "<a href='x'>", "</a>", "<!-- c -->", "<!--", "-->", "<?xml version='1.0'?>",
    "<!DOCTYPE html>", "<meta charset='utf-8'>", "<meta charset='latin-1'>", "<meta charset='bogus'>",
    "<meta property='article:published_time' content='2015-01-30'>", "<meta name='date' content='x'>",
    "<br>", "<table><tr><td>", "</td></tr></table>", "&amp;", "&#11;", "&#x0C;", "&#133;", "&#0;",
    "&#xD800;", "&#99999999;", "&nbsp;", "&bogus;", "<![CDATA[x]]>", "<svg><text>", "<p hidden>",
    "<time datetime='2020-02-30'>", "<h1>", "</h1>", "<", ">", "=",
)


def text(pick: Pick, low: int = 0, high: int = 40, *, controls: bool = True, surrogates: bool = False) -> str:
    pool: tuple[str, ...] = WORDS + (CONTROLS if controls else ()) + (SURROGATES if surrogates else ())
    return " ".join(pick.choice(pool) for _ in range(pick.integer(low, high)))


def encoded(pick: Pick, value: str) -> bytes:
    """``value`` in one of the encodings, with or without a BOM, sometimes with a stray BOM or bytes."""
    encoding = pick.choice(ENCODINGS)
    data = value.encode(encoding, "surrogatepass" if encoding.startswith("utf-8") else "replace")
    roll = pick.integer(0, 9)
    if roll == 0:
        data = pick.choice(BOMS) + data
    elif roll == 1:
        cut = pick.integer(0, len(data))
        data = data[:cut] + pick.raw(1, 4) + data[cut:]
    elif roll == 2:
        data = data[: pick.integer(0, len(data))]
    return data


def plain_text(pick: Pick) -> tuple[str, bytes]:
    return ".txt", encoded(pick, text(pick, 0, 60, surrogates=True))


def random_bytes(pick: Pick) -> tuple[str, bytes]:
    return pick.choice((".txt", ".html", ".jsonl", ".csv")), pick.raw(0, 600)


def html(pick: Pick) -> tuple[str, bytes]:
    parts = HTML_PARTS + WORDS + CONTROLS + SURROGATES
    markup = "".join(pick.choice(parts) for _ in range(pick.integer(0, 60)))
    return pick.choice((".html", ".htm")), encoded(pick, markup)


def _value(pick: Pick, depth: int = 0) -> Any:
    kind = pick.integer(0, 9 if depth < 2 else 6)
    if kind <= 2:
        return text(pick, 0, 12, surrogates=True)
    if kind == 3:
        return pick.choice((0, -1, 10**20, 1.5, float("inf"), True, False, None))
    if kind == 4:
        return pick.choice(("2015-01-30", "yesterday", "2020-02-30", "", "Mon, 30 Jan 2015", "99999-01-01"))
    if kind == 5:
        return "<p>" + text(pick, 0, 20) + "</p>"
    if kind == 6:
        return None
    if kind == 7:
        return [_value(pick, depth + 1) for _ in range(pick.integer(0, 3))]
    return {pick.choice(("text", "html", "id", "x")): _value(pick, depth + 1)}


def jsonl_line(pick: Pick) -> str:
    roll = pick.integer(0, 11)
    if roll == 0:
        return text(pick, 0, 10)  # not JSON
    if roll == 1:
        return "[" * pick.integer(1, 3000) + "]" * pick.integer(0, 5)  # too deep
    if roll == 2:
        return '{"id": ' + "9" * pick.integer(4000, 6000) + ', "text": "killed"}'  # number too long
    if roll == 3:
        return json.dumps(_value(pick))  # not an object
    fields = ("id", "text", "html", "title", "url", "source", "published", "extra")
    record = {pick.choice(fields): _value(pick) for _ in range(pick.integer(0, 6))}
    return json.dumps(record, ensure_ascii=pick.choice((True, False)), allow_nan=True)


def jsonl(pick: Pick) -> tuple[str, bytes]:
    lines = [jsonl_line(pick) for _ in range(pick.integer(0, 5))]
    sep = pick.choice(("\n", "\r\n", "\n\n"))
    return pick.choice((".jsonl", ".ndjson")), encoded(pick, sep.join(lines) + pick.choice(("", "\n")))


def csv_file(pick: Pick) -> tuple[str, bytes]:
    header = pick.choice(("text", "id,text", "html", " TEXT ,title", "id,title", "", "text,text", '"te"xt'))
    cells = (
        lambda: text(pick, 0, 8, controls=False),
        lambda: '"' + text(pick, 0, 8).replace('"', '""') + '"',
        lambda: '"unterminated ' + text(pick, 0, 4),
        lambda: "<p>" + text(pick, 0, 6, controls=False) + "</p>",
        lambda: "",
        lambda: '"multi\nline"',
    )
    rows = [
        ",".join(pick.choice(cells)() for _ in range(pick.integer(0, 3))) for _ in range(pick.integer(0, 5))
    ]
    return ".csv", encoded(pick, "\n".join([header, *rows]) + pick.choice(("", "\n", "\r\n")))


READER_INPUTS: dict[str, Callable[[Pick], tuple[str, bytes]]] = {
    "bytes": random_bytes,
    "text": plain_text,
    "html": html,
    "jsonl": jsonl,
    "csv": csv_file,
}


def pipeline_text(pick: Pick) -> str:
    """A text for the pipeline: news words, runs of one token, controls and lone surrogates."""
    if pick.integer(0, 4) == 0:
        return pick.choice(WORDS + CONTROLS) * pick.integer(1, 300)
    return text(pick, 1, 120, surrogates=True)


_CODE = re.compile(r"^E\d{3}$")


def check_items(items: list[Document | ReadProblem]) -> None:
    """The readers' property: at least one item; documents of valid, non-blank Unicode; coded problems."""
    assert items, "an input gave neither a document nor a problem"
    for item in items:
        if isinstance(item, ReadProblem):
            assert _CODE.match(item.error.code) and item.error.code != "E000", item
            assert str(item).startswith(f"[{item.error.code}]"), item
            continue
        assert isinstance(item, Document), item
        assert item.text.strip(), item
        json.dumps(item.to_dict(), ensure_ascii=False).encode("utf-8")


def check_record(record: Record, text: str) -> None:
    """The pipeline's property: one record of the text, spans inside it, JSON that encodes as UTF-8."""
    assert record.text == text
    json.dumps(record.to_dict(), ensure_ascii=False, allow_nan=False).encode("utf-8", "surrogatepass")
    for place in record.places:
        for mention in place.mentions:
            assert 0 <= mention.span[0] <= mention.span[1] <= len(text)
