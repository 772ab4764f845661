"""Bytes to text: BOMs, UTF-8, legacy code pages, binary and undecodable content."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from dateline.errors import BinaryDocument, UndecodableDocument
from dateline.ingest.decode import LineDecoder, decode_bytes, looks_binary, normalise_text, utf16_without_bom

FIXTURES = Path(__file__).parent / "fixtures"


def test_latin1_file_decodes_accents() -> None:
    decoded = decode_bytes((FIXTURES / "latin1.txt").read_bytes())
    assert "café owner" in decoded.text
    assert "résumé-carrying" in decoded.text
    assert "façade" in decoded.text
    assert "«huge»" in decoded.text


def test_cp1252_file_keeps_typographic_quotes_and_dashes() -> None:
    decoded = decode_bytes((FIXTURES / "cp1252.txt").read_bytes())
    assert decoded.encoding == "cp1252"
    assert decoded.text.startswith("ISLAMABAD \u2013 The interior minister said \u201cwe will not allow")
    assert "army\u2019s operation would continue \u2014 for as long as it takes\u2026" in decoded.text
    assert "\r" not in decoded.text
    assert decoded.text.count("\n") == 2


def test_utf8_bom_is_dropped() -> None:
    decoded = decode_bytes((FIXTURES / "bom_utf8.txt").read_bytes())
    assert decoded.text.startswith("QUETTA: A bomb")
    assert "\ufeff" not in decoded.text


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_by_bom(codec: str) -> None:
    text = "KABUL \u2014 Taliban fighters \u201cwithdrew\u201d from Kunduz.\n"
    data = text.encode(codec)
    if codec.endswith(("-le", "-be")):
        bom = {
            "utf-16-le": codecs.BOM_UTF16_LE,
            "utf-16-be": codecs.BOM_UTF16_BE,
            "utf-32-be": codecs.BOM_UTF32_BE,
        }[codec]
        data = bom + data
    assert decode_bytes(data).text == text


def test_utf16_fixture_file() -> None:
    assert decode_bytes((FIXTURES / "utf16.txt").read_bytes()).text.startswith("KARACHI: Paramilitary")


def test_utf16_without_bom_is_recognised() -> None:
    text = "GAZA: Israeli air strikes hit the north of the strip overnight."
    assert utf16_without_bom(text.encode("utf-16-le")) == "utf-16-le"
    assert utf16_without_bom(text.encode("utf-16-be")) == "utf-16-be"
    assert decode_bytes(text.encode("utf-16-le")).text == text


def test_binary_file_is_refused_with_code() -> None:
    with pytest.raises(BinaryDocument) as info:
        decode_bytes((FIXTURES / "image.txt").read_bytes(), origin="image.txt")
    assert info.value.code == "E103"
    assert "image.txt" in info.value.message and "binary" in info.value.message


def test_control_characters_without_nul_count_as_binary() -> None:
    data = bytes(range(1, 9)) * 50 + b"some text"
    assert looks_binary(data)
    with pytest.raises(BinaryDocument):
        decode_bytes(data)


def test_a_few_control_characters_are_still_text() -> None:
    data = (
        b"\x1b[1mKABUL\x1b[0m: a bold dateline in a terminal capture, and plenty of ordinary text after it."
    )
    assert not looks_binary(data)
    assert decode_bytes(data).text.startswith("\x1b[1mKABUL")


def test_undecodable_bytes_raise_clear_error() -> None:
    # High bytes at random: not UTF-8, not clean Windows-1252, and no charset reads them as text.
    rng = random.Random(1)
    data = bytes(rng.randrange(0x80, 0x100) for _ in range(400))
    with pytest.raises(UndecodableDocument) as info:
        decode_bytes(data, origin="feed.txt")
    assert info.value.code == "E104"
    assert "feed.txt" in info.value.message and "UTF-8" in info.value.message


def test_invalid_utf16_after_bom_is_undecodable() -> None:
    data = codecs.BOM_UTF16_LE + "ok".encode("utf-16-le") + b"\x00\xd8"  # lone high surrogate
    with pytest.raises(UndecodableDocument):
        decode_bytes(data)


def test_cyrillic_windows_1251_is_not_misread_as_western() -> None:
    text = "Ополченцы обстреляли позиции армии под Донецком, сообщили в штабе операции в понедельник."
    decoded = decode_bytes(text.encode("cp1251"))
    assert decoded.text == text


def test_declared_charset_is_used_when_bytes_agree() -> None:
    text = "Ελληνικά νέα από την Αθήνα"
    assert decode_bytes(text.encode("iso8859-7"), hint="iso-8859-7").text == text


def test_utf8_wins_over_a_wrong_latin1_declaration() -> None:
    text = "café in Kabul"
    assert decode_bytes(text.encode("utf-8"), hint="iso-8859-1").text == text


def test_normalise_line_endings_and_nfc() -> None:
    assert normalise_text("a\r\nb\rc\n") == "a\nb\nc\n"
    assert normalise_text("Cafe\u0301") == "Caf\u00e9"
    assert normalise_text("\ufeffX") == "X"
    assert normalise_text("\u201cquoted\u201d") == "\u201cquoted\u201d"


def test_line_decoder_follows_the_head_and_falls_back_per_line() -> None:
    decoder = LineDecoder(b'{"text": "plain ascii"}\n', origin="f.jsonl")
    assert decoder.encoding == "utf-8"
    assert decoder.decode("caf\u00e9 \u201cq\u201d and more words here".encode("cp1252"), "f.jsonl:2") == (
        "caf\u00e9 \u201cq\u201d and more words here"
    )
    latin = LineDecoder("r\u00e9sum\u00e9 of events in Herat province\n".encode("cp1252"), origin="f")
    assert latin.encoding == "cp1252"
