"""Readers, paths, stdin, size caps and every bad-input case of ``dateline.ingest``."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

import dateline.ingest as ingest
from dateline.errors import ConfigError, InputError, InvalidDate, MissingInput, UnsupportedFormat
from dateline.identity import document_id
from dateline.ingest import (
    ACCEPTED_FORMATS,
    ReadProblem,
    parse_published,
    read_documents,
    validate_paths,
)
from dateline.ingest import htmlreader as html_module
from dateline.ingest.base import ReadContext, Source
from dateline.ingest.readers import ReaderRegistry, default_registry
from dateline.nlp.datelines import detect_dateline
from dateline.records import Document

FIXTURES = Path(__file__).parent / "fixtures"
MB = 1 << 20


def read_all(*paths: str | Path, **kwargs: object) -> list[Document | ReadProblem]:
    return list(read_documents(list(paths), **kwargs))  # type: ignore[arg-type]


def summary(items: list[Document | ReadProblem]) -> list[tuple[str, str]]:
    """(origin, "doc" or the error code) per item, origins relative to the fixture directory."""
    out = []
    for item in items:
        origin = str(item.origin).replace(str(FIXTURES) + os.sep, "")
        out.append((origin, "doc" if isinstance(item, Document) else item.error.code))
    return out


def only_doc(items: list[Document | ReadProblem]) -> Document:
    assert len(items) == 1 and isinstance(items[0], Document), items
    return items[0]


def only_problem(items: list[Document | ReadProblem]) -> ReadProblem:
    assert len(items) == 1 and isinstance(items[0], ReadProblem), items
    return items[0]


# --- public API ---------------------------------------------------------------


def test_public_api_is_pinned() -> None:
    assert set(ingest.__all__) == {
        "ACCEPTED_FORMATS",
        "ReadProblem",
        "ReaderRegistry",
        "parse_published",
        "read_documents",
        "validate_paths",
    }
    assert ACCEPTED_FORMATS == (".txt", ".text", ".html", ".htm", ".jsonl", ".ndjson", ".csv")


# --- validate_paths -----------------------------------------------------------


def test_validate_accepts_files_directories_and_stdin(tmp_path: Path) -> None:
    (tmp_path / "a.TXT").write_text("KABUL: x")
    validate_paths([tmp_path, tmp_path / "a.TXT", "-", str(FIXTURES / "feed.jsonl")])


def test_validate_missing_path(tmp_path: Path) -> None:
    with pytest.raises(MissingInput) as info:
        validate_paths([FIXTURES / "feed.jsonl", tmp_path / "nope.txt"])
    assert info.value.code == "E107" and info.value.exit_status == 2
    assert "nope.txt" in info.value.message


@pytest.mark.parametrize("name", ["report.pdf", "notes", "data.json"])
def test_validate_unsupported_file_names_accepted_formats(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"x")
    with pytest.raises(UnsupportedFormat) as info:
        validate_paths([tmp_path / name])
    assert info.value.code == "E101" and info.value.exit_status == 2
    for ext in ACCEPTED_FORMATS:
        assert ext in info.value.message


# --- plain text ---------------------------------------------------------------


def test_text_file_id_is_content_derived_and_stable(tmp_path: Path) -> None:
    text = "QUETTA: A bomb exploded near a police van.\n"
    (tmp_path / "one.txt").write_text(text, "utf-8")
    (tmp_path / "two.text").write_text(text, "utf-8")
    first, second = read_all(tmp_path / "one.txt", tmp_path / "two.text")
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.id == second.id == document_id(text)
    assert first.text == text
    assert first.origin == str(tmp_path / "one.txt")
    assert first.content_hash and first.published is None


def test_published_fills_documents_without_a_date(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("QUETTA: text", "utf-8")
    assert only_doc(read_all(tmp_path / "a.txt", published="30 January 2015")).published == "2015-01-30"


def test_bad_published_argument_fails_before_reading() -> None:
    with pytest.raises(InvalidDate) as info:
        read_documents([FIXTURES / "feed.jsonl"], published="last Tuesday")
    assert info.value.code == "E202"


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_empty_and_whitespace_files(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "blank.txt").write_bytes(content)
    problem = only_problem(read_all(tmp_path / "blank.txt"))
    assert problem.error.code == "E102" and "blank.txt" in problem.error.message


def test_encodings_from_fixtures() -> None:
    items = read_all(*(FIXTURES / n for n in ("latin1.txt", "cp1252.txt", "bom_utf8.txt", "utf16.txt")))
    latin, cp, bom, wide = (i.text for i in items if isinstance(i, Document))
    assert "café owner" in latin
    assert "\u201cwe will not allow militants to regroup\u201d" in cp and "\r" not in cp
    assert bom.startswith("QUETTA:")
    assert wide.startswith("KARACHI:")


def test_binary_file_is_a_problem_and_reading_goes_on() -> None:
    items = read_all(FIXTURES / "image.txt", FIXTURES / "bom_utf8.txt")
    assert summary(items) == [("image.txt", "E103"), ("bom_utf8.txt", "doc")]


def test_undecodable_file(tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    (tmp_path / "junk.txt").write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(2000)))
    problem = only_problem(read_all(tmp_path / "junk.txt"))
    assert problem.error.code == "E104"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("KABUL: x")
    path.chmod(0)
    problem = only_problem(read_all(path))
    assert problem.error.code == "E100" and "cannot read" in problem.error.message


# --- size caps ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["huge.txt", "huge.html"])
def test_100mb_file_is_refused_without_reading_it(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    with path.open("wb") as f:
        f.truncate(100 * MB)
    tracemalloc.start()
    try:
        problem = only_problem(read_all(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < MB
    message = problem.error.message
    assert problem.error.code == "E105"
    assert "104,857,600 bytes" in message and "5,000,000" in message
    assert "--max-bytes" in message and "DATELINE_MAX_DOCUMENT_BYTES" in message


def test_cap_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text("KABUL: " + "x" * 200)
    monkeypatch.setenv("DATELINE_MAX_DOCUMENT_BYTES", "100")
    assert only_problem(read_all(tmp_path / "a.txt")).error.code == "E105"
    assert isinstance(only_doc(read_all(tmp_path / "a.txt", max_bytes=1000)), Document)


def test_cap_must_be_positive() -> None:
    with pytest.raises(ConfigError):
        read_documents([FIXTURES / "feed.jsonl"], max_bytes=0)


# Peak memory from VmHWM: it belongs to this process image alone, whereas ru_maxrss survives
# execve and would count the (large) pytest process this one was forked from.
_COUNT_DOCS = """
import re, sys
from pathlib import Path
from dateline.ingest import read_documents
from dateline.records import Document
count = sum(1 for item in read_documents([sys.argv[1]]) if isinstance(item, Document))
hwm_kib = int(re.search(r"VmHWM:\\s+(\\d+) kB", Path("/proc/self/status").read_text()).group(1))
print(count, hwm_kib // 1024)
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory read from /proc")
def test_100mb_jsonl_streams_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    record = {"text": "KABUL (Reuters) - " + "Officials said an attack killed several people. " * 20}
    line = (json.dumps(record) + "\n").encode()
    chunk = line * 1000
    with path.open("wb") as f:
        for _ in range(100 * MB // len(chunk) + 1):
            f.write(chunk)
    assert path.stat().st_size > 100 * MB
    # A fresh interpreter, so its peak resident memory is this read's alone.
    run = subprocess.run(
        [sys.executable, "-c", _COUNT_DOCS, str(path)], capture_output=True, text=True, check=True
    )
    count, peak_mib = (int(x) for x in run.stdout.split())
    assert count == path.stat().st_size // len(line)
    assert peak_mib < 80  # reading the file whole would take more than 100 MiB


def test_jsonl_line_over_the_cap_is_skipped_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "one-huge-line.jsonl"
    with path.open("wb") as f:
        f.write(b'{"text": "')
        block = b"a" * MB
        for _ in range(20):
            f.write(block)
        f.write(b'"}\n{"id": "after", "text": "LAHORE: still read"}\n')
    tracemalloc.start()
    try:
        items = read_all(path, max_bytes=MB)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [(p.origin.rsplit(":", 1)[1], p.error.code) for p in items if isinstance(p, ReadProblem)] == [
        ("1", "E105")
    ]
    assert [d.id for d in items if isinstance(d, Document)] == ["after"]
    assert peak < 6 * MB  # the line is 20 MB


# --- HTML ---------------------------------------------------------------------


def test_html_article_main_text_and_metadata() -> None:
    doc = only_doc(read_all(FIXTURES / "article.html"))
    assert doc.text.startswith("KABUL (Reuters) - Hundreds of militant families")
    assert "\u201cAt least 400 families have arrived" in doc.text
    assert doc.text.rstrip().endswith("along the 2,400 km border.")
    for boilerplate in (
        "cookies",
        "Politics",
        "ADVERTISEMENT",
        "Sponsored",
        "Share on",
        "Related",
        "Border talks resume",
        "First!",
        "All rights reserved",
        "Privacy",
        "By Staff",
        "dataLayer",
        "Militants cross into Afghanistan",
    ):
        assert boilerplate not in doc.text, boilerplate
    assert doc.title == "Militants cross into Afghanistan after army offensive"
    assert doc.url == "https://gazette.example.org/world/2015/01/29/militants-cross-border"
    assert doc.source == "The Frontier Gazette"
    assert doc.published == "2015-01-29"
    assert doc.id == document_id(doc.text)
    dateline = detect_dateline(doc.text)
    assert dateline is not None and dateline.text == "KABUL" and dateline.agency == "Reuters"


def test_html_page_date_wins_over_published_argument() -> None:
    assert only_doc(read_all(FIXTURES / "article.html", published="2020-01-01")).published == "2015-01-29"
    assert only_doc(read_all(FIXTURES / "nometa.html", published="2020-01-01")).published == "2020-01-01"


def test_html_without_paragraphs_or_metadata() -> None:
    doc = only_doc(read_all(FIXTURES / "nometa.html"))
    assert doc.text.startswith("ISLAMABAD - Security forces arrested three suspects")
    assert "market in Rawalpindi" in doc.text
    assert doc.title is None and doc.url is None and doc.published is None


def test_html_with_no_text_is_empty() -> None:
    problem = only_problem(read_all(FIXTURES / "empty.html"))
    assert problem.error.code == "E102" and "HTML" in problem.error.message


def test_html_falls_back_to_body_text_when_no_main_text(tmp_path: Path) -> None:
    page = (
        "<html><body><div class='sidebar'>QUETTA: The only text on this page sits in a sidebar, "
        "and it must not be lost.</div></body></html>"
    )
    (tmp_path / "side.htm").write_text(page, "utf-8")
    doc = only_doc(read_all(tmp_path / "side.htm"))
    assert doc.text == "QUETTA: The only text on this page sits in a sidebar, and it must not be lost."


def test_html_declared_windows_1252(tmp_path: Path) -> None:
    page = (
        "<html><head><meta charset='windows-1252'></head><body><p>KABUL \u2013 The governor said "
        "\u201cthe road is open\u201d on Monday, and traffic resumed.</p></body></html>"
    )
    (tmp_path / "w.html").write_bytes(page.encode("cp1252"))
    assert only_doc(read_all(tmp_path / "w.html")).text == (
        "KABUL \u2013 The governor said \u201cthe road is open\u201d on Monday, and traffic resumed."
    )


def test_html_with_xml_declaration(tmp_path: Path) -> None:
    page = '<?xml version="1.0" encoding="utf-8"?>\n<html><body><p>GAZA: Strikes hit the north.</p></body>'
    (tmp_path / "x.html").write_text(page, "utf-8")
    assert only_doc(read_all(tmp_path / "x.html")).text == "GAZA: Strikes hit the north."


class _StubResult:
    text = "BAGHDAD (Reuters) - A car bomb exploded.\nPolice said four people died."
    title = "Car bomb in Baghdad"
    url = None
    date = "2016-03-01"
    sitename = "Stub News"


class _StubTrafilatura:
    @staticmethod
    def bare_extraction(tree: object, **options: object) -> _StubResult:
        assert options["include_comments"] is False
        return _StubResult()


def test_trafilatura_result_is_used_and_merged_with_page_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_module, "_trafilatura", lambda: _StubTrafilatura)
    page = (FIXTURES / "article.html").read_text("utf-8")
    content = html_module.HtmlExtractor().extract(page)
    assert content.text == "BAGHDAD (Reuters) - A car bomb exploded.\n\nPolice said four people died."
    assert content.title == "Car bomb in Baghdad"
    assert content.published == "2016-03-01"
    assert content.source == "Stub News"
    assert content.url == "https://gazette.example.org/world/2015/01/29/militants-cross-border"


def test_real_trafilatura_when_importable() -> None:
    if html_module._trafilatura() is None:
        pytest.skip("trafilatura cannot be imported in this environment")
    content = html_module.HtmlExtractor().extract((FIXTURES / "article.html").read_text("utf-8"))
    assert "400 families" in content.text
    assert "First!" not in content.text and "All rights reserved" not in content.text


# --- JSONL --------------------------------------------------------------------


def test_jsonl_fixture_reads_good_lines_and_reports_bad_ones() -> None:
    items = read_all(FIXTURES / "feed.jsonl", published="2015-01-30")
    assert summary(items) == [
        ("feed.jsonl:1", "doc"),
        ("feed.jsonl:2", "E106"),  # bad JSON
        ("feed.jsonl:4", "E106"),  # not an object (line 3 is blank)
        ("feed.jsonl:5", "E106"),  # neither text nor html
        ("feed.jsonl:6", "doc"),  # html
        ("feed.jsonl:7", "E102"),  # blank text
        ("feed.jsonl:8", "E106"),  # unreadable published
        ("feed.jsonl:9", "doc"),
    ]
    first, from_html, last = (i for i in items if isinstance(i, Document))
    assert (first.id, first.title, first.url, first.source, first.published) == (
        "gz-1",
        "Talks resume",
        "https://gazette.example.org/a",
        "The Frontier Gazette",
        "2015-01-26",
    )
    assert from_html.id == "5"
    assert from_html.text.startswith("PESHAWAR: Gunmen attacked a checkpost")
    assert "Home" not in from_html.text and "rights reserved" not in from_html.text
    assert from_html.published == "2015-01-25"
    assert last.published == "2015-01-30" and last.id == "gz-8"
    bad = next(i for i in items if isinstance(i, ReadProblem))
    assert str(FIXTURES / "feed.jsonl") + ":2" in bad.error.message


def test_jsonl_record_without_id_gets_content_id(tmp_path: Path) -> None:
    (tmp_path / "a.ndjson").write_text('{"text": "KABUL: x"}\r\n{"text": "KABUL: x", "id": ""}\r\n', "utf-8")
    first, second = read_all(tmp_path / "a.ndjson")
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.id == second.id == document_id("KABUL: x")


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ('{"text": 42}', "'text' must be a string"),
        ('{"text": "x", "title": {"a": 1}}', "'title' must be a string"),
        ('"just a string"', "expected a JSON object"),
        ("[" * 100_000, "nested too deeply"),
    ],
)
def test_jsonl_malformed_records(tmp_path: Path, line: str, fragment: str) -> None:
    (tmp_path / "bad.jsonl").write_text(line + '\n{"text": "KABUL: fine"}\n', "utf-8")
    items = read_all(tmp_path / "bad.jsonl")
    assert summary(items)[1][1] == "doc"
    problem = items[0]
    assert isinstance(problem, ReadProblem) and problem.error.code == "E106"
    assert fragment in problem.error.message and problem.origin.endswith("bad.jsonl:1")


def test_jsonl_utf16_and_mixed_legacy_lines(tmp_path: Path) -> None:
    (tmp_path / "wide.jsonl").write_bytes('{"text": "KABUL \u2014 one"}\n{"text": "two"}\n'.encode("utf-16"))
    mixed = b'{"text": "first"}\n' + '{"text": "the army\u2019s caf\u00e9"}\n'.encode("cp1252")
    (tmp_path / "mixed.jsonl").write_bytes(mixed)
    texts = [
        i.text for i in read_all(tmp_path / "wide.jsonl", tmp_path / "mixed.jsonl") if isinstance(i, Document)
    ]
    assert texts == ["KABUL \u2014 one", "two", "first", "the army\u2019s caf\u00e9"]


@pytest.mark.parametrize(
    ("name", "content"), [("e.jsonl", "\n\n  \n"), ("e.csv", ""), ("h.csv", "id,text\n")]
)
def test_feeds_without_records_are_empty(tmp_path: Path, name: str, content: str) -> None:
    (tmp_path / name).write_text(content, "utf-8")
    problem = only_problem(read_all(tmp_path / name))
    assert problem.error.code == "E102" and problem.origin == str(tmp_path / name)


def test_jsonl_binary_file(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "image.txt", tmp_path / "image.jsonl")
    assert only_problem(read_all(tmp_path / "image.jsonl")).error.code == "E103"


# --- CSV ----------------------------------------------------------------------


def test_csv_fixture_html_and_text_rows() -> None:
    items = read_all(FIXTURES / "mixed.csv")
    assert summary(items) == [
        ("mixed.csv:2", "doc"),
        ("mixed.csv:3", "doc"),
        ("mixed.csv:4", "doc"),  # spans lines 4-6
        ("mixed.csv:7", "E106"),  # too many fields
        ("mixed.csv:8", "E102"),  # neither text nor html filled
        ("mixed.csv:9", "doc"),
    ]
    text_row, html_row, multi, quoted = (i for i in items if isinstance(i, Document))
    assert (text_row.id, text_row.title, text_row.published) == ("row-1", "Checkpoint attack", "2015-01-24")
    assert html_row.text == "QUETTA: Police raided a market on Friday and seized weapons, a spokesman said."
    assert (
        multi.text
        == "KARACHI: Rangers arrested four suspects.\n\nThe raids continued overnight, officials said."
    )
    assert quoted.text == 'LAHORE: He said "we will act" soon.'


def test_csv_header_without_text_column(tmp_path: Path) -> None:
    (tmp_path / "h.csv").write_text("id,body\n1,KABUL: x\n", "utf-8")
    problem = only_problem(read_all(tmp_path / "h.csv"))
    assert problem.error.code == "E106" and "header" in problem.error.message
    assert problem.origin.endswith("h.csv:1")


def test_csv_field_larger_than_csv_default_limit(tmp_path: Path) -> None:
    body = "KABUL: " + "word " * 60_000  # 300 kB, over the csv module's 128 KiB default
    (tmp_path / "big.csv").write_text(f'Text,ID\n"{body}",big\n', "utf-8")
    doc = only_doc(read_all(tmp_path / "big.csv"))
    assert doc.id == "big" and len(doc.text) == len(body)


def test_csv_row_over_the_cap_then_more_rows(tmp_path: Path) -> None:
    big = "x" * 5000
    (tmp_path / "c.csv").write_text(f'id,text\na,"{big}"\nb,"multi\n{big}"\nc,KABUL: fine\n', "utf-8")
    items = read_all(tmp_path / "c.csv", max_bytes=1000)
    assert [(i.origin.rsplit(":", 1)[1], getattr(i, "error", None) and i.error.code) for i in items] == [
        ("2", "E105"),
        ("3", "E105"),
        ("5", None),
    ]
    assert "1,000" in items[0].error.message  # type: ignore[union-attr]


def test_csv_bad_quoting_is_reported_and_reading_goes_on(tmp_path: Path) -> None:
    (tmp_path / "q.csv").write_text('id,text\na,"KABUL: ok"\nb,"broken"quote\nc,LAHORE: ok\n', "utf-8")
    items = read_all(tmp_path / "q.csv")
    assert [
        (i.origin.rsplit(":", 1)[1], "doc" if isinstance(i, Document) else i.error.code) for i in items
    ] == [
        ("2", "doc"),
        ("3", "E106"),
        ("4", "doc"),
    ]


def test_csv_unterminated_quote_at_end(tmp_path: Path) -> None:
    (tmp_path / "u.csv").write_text('text\nKABUL: ok\n"never closed\n', "utf-8")
    assert summary(read_all(tmp_path / "u.csv"))[0][1] == "doc"
    assert summary(read_all(tmp_path / "u.csv"))[1][1] == "E106"


def test_csv_latin1_file(tmp_path: Path) -> None:
    (tmp_path / "l.csv").write_bytes(
        "text\nr\u00e9sum\u00e9 of the caf\u00e9 attack in Herat\n".encode("latin-1")
    )
    assert only_doc(read_all(tmp_path / "l.csv")).text == "r\u00e9sum\u00e9 of the caf\u00e9 attack in Herat"


# --- directories --------------------------------------------------------------


def test_directory_walk_is_recursive_sorted_and_skips_hidden_and_other_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    files = {
        "a.txt": "A: x",
        "b/c.txt": "C: x",
        "b/d.jsonl": '{"text": "D: x"}\n',
        "e.txt": "E: x",
        ".secret.txt": "S: x",
        ".hidden/f.txt": "F: x",
        "notes.md": "# no",
        "g.pdf": "%PDF",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, "utf-8")
    items = read_all(tmp_path)
    assert [i.text for i in items if isinstance(i, Document)] == ["A: x", "C: x", "D: x", "E: x"]
    assert all(isinstance(i, Document) for i in items)


def test_explicit_unsupported_or_missing_paths_are_problems(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    items = read_all(tmp_path / "x.pdf", tmp_path / "gone.txt", FIXTURES / "bom_utf8.txt")
    assert [getattr(i, "error", None) and i.error.code for i in items] == ["E101", "E107", None]


# --- stdin --------------------------------------------------------------------


class _Stdin(io.BytesIO):
    """A caller's stdin: the reader must read it but never close it."""

    closed_by_reader = False

    def close(self) -> None:
        self.closed_by_reader = True
        super().close()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'{"id": "s1", "text": "KABUL: one"}\n{"text": "two"}\n', ["KABUL: one", "two"]),
        (b"  <html><body><p>GAZA: from a page on stdin.</p></body></html>", ["GAZA: from a page on stdin."]),
        (b"QUETTA: plain text\n", ["QUETTA: plain text\n"]),
        ('{"text": "bom"}\n'.encode("utf-16"), ["bom"]),
    ],
)
def test_stdin_format_is_sniffed(data: bytes, expected: list[str]) -> None:
    stdin = _Stdin(data)
    items = read_all("-", stdin=stdin)
    assert not stdin.closed_by_reader
    assert [i.text for i in items if isinstance(i, Document)] == expected
    assert all(i.origin.startswith("<stdin>") for i in items)


def test_stdin_explicit_format_and_errors() -> None:
    items = read_all("-", stdin=_Stdin(b"id,text\nr1,LAHORE: csv on stdin\n"), stdin_format="csv")
    assert [(i.id, i.origin) for i in items if isinstance(i, Document)] == [("r1", "<stdin>:2")]
    with pytest.raises(UnsupportedFormat):
        read_documents(["-"], stdin=_Stdin(b"x"), stdin_format="pdf")
    problem = only_problem(read_all("-", stdin=_Stdin(b"x" * 2000), max_bytes=1000))
    assert problem.error.code == "E105" and "more than 1,000 bytes" in problem.error.message
    assert only_problem(read_all("-", stdin=_Stdin(b""))).error.code == "E102"


# --- registry -----------------------------------------------------------------


class _UpperReader:
    name = "upper"
    extensions = (".up",)

    def read(self, source: Source, ctx: ReadContext) -> Iterator[Document | ReadProblem]:
        with source.open() as f:
            yield Document(id="u", text=f.read().decode().upper(), origin=source.origin)


def test_a_format_is_a_reader_in_a_registry(tmp_path: Path) -> None:
    registry = default_registry()
    registry.register(_UpperReader())
    (tmp_path / "a.up").write_text("kabul: x")
    validate_paths([tmp_path / "a.up"], registry=registry)
    assert only_doc(read_all(tmp_path / "a.up", registry=registry)).text == "KABUL: X"
    assert ".up" not in default_registry().extensions  # the default registry is not shared state
    with pytest.raises(ConfigError):
        registry.register(_UpperReader())
    assert registry.for_name("ndjson") is registry.for_name("jsonl")
    assert isinstance(ReaderRegistry().extensions, tuple)


def test_read_problem_prints_code_and_origin() -> None:
    problem = only_problem(read_all(FIXTURES / "empty.html"))
    assert isinstance(problem.error, InputError)
    assert str(problem).startswith("[E102] ") and "empty.html" in str(problem)


# --- published dates ----------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "2015-01-30",
        "2015-01-30T10:00:00+05:00",
        "2015-01-30T23:59:59.123Z",
        "2015/01/30",
        "20150130",
        "30 January 2015",
        "January 30, 2015",
        "Jan. 30 2015",
        "30th of January, 2015",
        "Fri, 30 Jan 2015 10:00:00 GMT",
        "Friday, January 30, 2015",
        "30/01/2015",
        "01/30/2015",
        "Jan 30, 2015 5:30 pm EST",
    ],
)
def test_parse_published_forms(value: str) -> None:
    assert parse_published(value) == "2015-01-30"


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("last week", "not a date"),
        ("", "empty"),
        ("2015-02-30", "not a real calendar date"),
        ("01/02/2015", "ambiguous"),
        ("1066-10-14", "out of range"),
        ("January 2015", "not a date"),
    ],
)
def test_parse_published_rejects(value: str, fragment: str) -> None:
    with pytest.raises(InvalidDate) as info:
        parse_published(value)
    assert info.value.code == "E202" and fragment in info.value.message and "YYYY-MM-DD" in info.value.message
