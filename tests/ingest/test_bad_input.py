"""Inputs that used to crash a run or be lost (issue 11): each now gives a document or a coded problem."""

from __future__ import annotations

import hashlib
import io
import json
import os
from pathlib import Path

import pytest

from dateline.errors import ConfigError
from dateline.identity import content_hash, document_id
from dateline.ingest import ReadProblem, read_documents, validate_paths
from dateline.records import Document
from dateline.settings import MAX_DOCUMENT_BYTES_LIMIT

KILLED = "Ten people were killed in Kabul on Monday."


def read_all(*paths: str | Path, **kwargs: object) -> list[Document | ReadProblem]:
    return list(read_documents(list(paths), **kwargs))  # type: ignore[arg-type]


def kinds(items: list[Document | ReadProblem]) -> list[str]:
    return ["doc" if isinstance(item, Document) else item.error.code for item in items]


# --- lone surrogates ------------------------------------------------------------


def test_content_hash_and_document_id_never_raise_on_a_lone_surrogate() -> None:
    assert len(content_hash("a\ud800b")) == 64
    assert document_id("\udfff").startswith("doc-")
    assert content_hash("plain é") == hashlib.sha256("plain é".encode()).hexdigest()  # as before


def test_jsonl_lone_surrogate_becomes_a_replacement_character(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"text": "Hello \\ud800 world, ten killed."}\n'
        '{"id": "x\\udc00", "title": "T\\ud83d", "text": "' + KILLED + '"}\n',
        encoding="utf-8",
    )
    first, second = read_all(path)
    assert isinstance(first, Document) and first.text == "Hello \ufffd world, ten killed."
    assert first.id == document_id(first.text)
    assert isinstance(second, Document) and (second.id, second.title) == ("x\ufffd", "T\ufffd")
    for doc in (first, second):  # valid Unicode: it encodes as UTF-8
        json.dumps(doc.to_dict(), ensure_ascii=False).encode("utf-8")


def test_jsonl_surrogate_pair_escapes_still_read_as_one_character(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "Smile \\ud83d\\ude00 killed"}\n', encoding="utf-8")
    (doc,) = read_all(path)
    assert isinstance(doc, Document) and doc.text == "Smile \U0001f600 killed"


# --- control characters in HTML ---------------------------------------------------


@pytest.mark.parametrize(
    "markup",
    [
        "<p>a</p><script>x</script>\x0b<p>" + KILLED + "</p>",
        "<p>a</p>\x0c<meta charset='utf-8'><p>" + KILLED + "</p>",
        "<p>a</p><script>x</script>\x85<p>" + KILLED + "</p>",
        "<p>a</p><!-- c -->&#11;<p>" + KILLED + "</p>",
        "<p>a</p><!-- c -->&#x0C;\ud800<p>" + KILLED + "</p>",
    ],
)
def test_html_with_control_characters_is_read(tmp_path: Path, markup: str) -> None:
    path = tmp_path / "page.jsonl"
    path.write_text(json.dumps({"html": markup}) + "\n", encoding="utf-8")
    (doc,) = read_all(path)
    assert isinstance(doc, Document) and KILLED in doc.text
    page = tmp_path / "page.html"
    page.write_bytes(markup.encode("utf-8", "surrogatepass"))
    (item,) = read_all(page)
    assert isinstance(item, Document | ReadProblem)


def test_html_file_with_vertical_tab_and_c1_is_read(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    markup = "<html><body><div>\x0b</div><script>s</script>\x0c<p>" + KILLED + "\x85</p></body></html>"
    page.write_text(markup)
    (doc,) = read_all(page)
    assert isinstance(doc, Document) and doc.text == KILLED


# --- numbers too long for Python ---------------------------------------------------


def test_jsonl_id_of_5000_digits_is_a_malformed_record_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": ' + "7" * 5000 + ', "text": "x killed"}\n{"id": "b", "text": "' + KILLED + '"}\n')
    problem, doc = read_all(path)
    assert isinstance(problem, ReadProblem) and problem.error.code == "E106"
    assert problem.origin.endswith("feed.jsonl:1") and "not valid JSON" in str(problem)
    assert isinstance(doc, Document) and doc.id == "b"


# --- dangling symbolic links ---------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_dangling_symlink_in_a_directory_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(KILLED)
    (tmp_path / "b.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "c").symlink_to(tmp_path / "gone.jsonl")  # no extension of its own: the target's counts
    (tmp_path / "d.png").symlink_to(tmp_path / "gone.png")  # not a format dateline reads: passed over
    (tmp_path / "e.txt").symlink_to(tmp_path / "e.txt")  # a loop
    items = read_all(tmp_path)
    assert kinds(items) == ["doc", "E107", "E107", "E107"]
    assert [Path(str(i.origin)).name for i in items] == ["a.txt", "b.txt", "c", "e.txt"]
    assert "broken symbolic link" in str(items[1])


# --- the size cap ---------------------------------------------------------------------


@pytest.mark.parametrize("cap", [0, -1, MAX_DOCUMENT_BYTES_LIMIT + 1, 10**30])
def test_size_cap_out_of_range_is_a_config_error(cap: int) -> None:
    with pytest.raises(ConfigError, match="between 1 and"):
        read_documents(["-"], max_bytes=cap, stdin=io.BytesIO(KILLED.encode()))


def test_size_cap_of_zero_is_an_error_through_extract_paths_too() -> None:
    from dateline.extract import ReadOptions, RunReport, _documents

    with pytest.raises(ConfigError):
        list(_documents(["-"], RunReport(), ReadOptions(max_bytes=0, stdin=io.BytesIO(b"x")), None))


def test_largest_cap_reads_small_files_without_allocating_it(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(KILLED)
    (tmp_path / "b.html").write_text("<p>" + KILLED + "</p>")
    items = read_all(tmp_path, max_bytes=MAX_DOCUMENT_BYTES_LIMIT)
    assert kinds(items) == ["doc", "doc"]


# --- standard input given twice ---------------------------------------------------------


def test_stdin_given_twice_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="more than once"):
        validate_paths(["-", "-"])
    with pytest.raises(ConfigError, match="more than once"):
        read_documents(["-", "-"], stdin=io.BytesIO(KILLED.encode()))
    validate_paths(["-"])


def test_utf16_line_over_the_cap_then_truncated_data_is_reported_not_raised(tmp_path: Path) -> None:
    """Found by tests/test_fuzz.py: skipping an over-long UTF-16 line ran into undecodable bytes."""
    for name in ("a.csv", "a.jsonl"):
        path = tmp_path / name
        path.write_bytes(b"\x01" + "text".encode("utf-16-be"))
        assert kinds(read_all(path, max_bytes=1)) == ["E105"]
