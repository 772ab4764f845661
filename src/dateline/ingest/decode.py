"""Bytes to text: BOMs, UTF-8, legacy code pages, and refusing binary content.

The order of trust is: a byte-order mark; strict UTF-8; a charset the
container declares (an HTML ``<meta charset>``), when the bytes agree with it;
Windows-1252 (a superset of the printable Latin-1 range, and what most
non-UTF-8 English news is written in) when the result reads as clean text;
and last ``charset_normalizer`` detection. Text is returned with line endings
normalised to ``\\n`` and in Unicode NFC; typographic quotes are kept as written.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from dateline.errors import BinaryDocument, UndecodableDocument

# Longest BOM first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
SAMPLE_BYTES = 65_536
_CONTROL_SHARE = 0.05  # more control characters than this in the sample -> binary
_MESS_LIMIT = 0.1  # charset_normalizer mess ratio above which a Windows-1252 reading is refused
_MIN_UTF16_UNITS = 4
# Control bytes other than tab, LF, VT, FF, CR and ESC.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27)) + b"\x7f"
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")
_NEWLINES = re.compile(r"\r\n?")
# What an XML tree cannot hold (lxml refuses it): C0 controls but tab, LF and CR; lone surrogates;
# U+FFFE and U+FFFF. C1 controls are allowed by XML but are never text: they go too.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and the encoding it was read with."""

    text: str
    encoding: str


def normalise_text(text: str) -> str:
    """Line endings to ``\\n``, a leading BOM dropped, Unicode NFC."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = _NEWLINES.sub("\n", text)
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def _char_ref(match: re.Match[str]) -> str:
    hex_digits, digits = match.groups()
    number = (hex_digits or digits).lstrip("0")
    if len(number) > 7:  # past U+10FFFF either way
        return " "
    code = int(number or "0", 16 if hex_digits else 10)
    return " " if code > 0x10FFFF or _NOT_XML.match(chr(code)) else match.group(0)


def xml_safe(markup: str) -> str:
    """``markup`` with what an XML tree cannot hold turned into spaces: control characters and lone
    surrogates, written as themselves or as character references (``&#11;``)."""
    markup = _NOT_XML.sub(" ", markup)
    return _CHAR_REF.sub(_char_ref, markup) if "&#" in markup else markup


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark announces and the mark's length, or None."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the sample looks like BOM-less UTF-16 of mostly ASCII text.

    ASCII text in UTF-16 has a NUL in every other byte and (almost) none in the
    other half; binary files do not keep to one parity that strictly.
    """
    n = len(sample) - len(sample) % 2
    if n < 2 * _MIN_UTF16_UNITS:
        return None
    even, odd = sample[0:n:2], sample[1:n:2]
    half = n // 2
    even_nul, odd_nul = even.count(0), odd.count(0)
    if odd_nul >= 0.9 * half and even_nul == 0:
        return "utf-16-le"
    if even_nul >= 0.9 * half and odd_nul == 0:
        return "utf-16-be"
    return None


def looks_binary(sample: bytes) -> bool:
    """NUL bytes, or a high share of control bytes, in an ASCII-compatible sample."""
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > _CONTROL_SHARE * len(sample)


def _text_looks_binary(text: str) -> bool:
    sample = text[:SAMPLE_BYTES]
    if "\x00" in sample:
        return True
    return len(_CONTROL_CHARS.findall(sample)) > _CONTROL_SHARE * max(len(sample), 1)


def binary_error(origin: str) -> BinaryDocument:
    """The E103 error for ``origin``."""
    return BinaryDocument(f"{origin}: looks like binary data (NUL or control bytes), not text; skipped")


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _windows_1252(data: bytes) -> str | None:
    text = _try(data, "cp1252")
    if text is None or text.isascii():
        return text
    from charset_normalizer.md import mess_ratio

    return text if mess_ratio(text[:SAMPLE_BYTES], maximum_threshold=1.0) < _MESS_LIMIT else None


def _detected(data: bytes) -> Decoded | None:
    import charset_normalizer

    best = charset_normalizer.from_bytes(data[: 4 * SAMPLE_BYTES]).best()
    if best is None:
        return None
    text = _try(data, best.encoding)
    return Decoded(text, best.encoding) if text is not None else None


def _web_label(label: str) -> str | None:
    """The codec a declared charset label means; Latin-1 and ASCII labels mean Windows-1252 (as in HTML)."""
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def _decode_unchecked(data: bytes, hint: str | None) -> Decoded | None:
    """Decode ASCII-compatible bytes (no BOM); None when nothing reads them cleanly."""
    text = _try(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8")
    encoding = _web_label(hint) if hint else None
    if encoding and encoding != "cp1252":
        text = _try(data, encoding)
        if text is not None:
            return Decoded(text, encoding)
    text = _windows_1252(data)
    if text is not None:
        return Decoded(text, "cp1252")
    return _detected(data)


def decode_bytes(data: bytes, *, origin: str = "<bytes>", hint: str | None = None) -> Decoded:
    """Decode one whole document.

    ``hint`` is an encoding the container declares (an HTML meta charset); it is
    used only when the bytes decode with it. Raises :class:`BinaryDocument` (E103)
    for binary content and :class:`UndecodableDocument` (E104) when no encoding
    reads the bytes.
    """
    bom = bom_encoding(data)
    if bom is None:
        wide = utf16_without_bom(data[:SAMPLE_BYTES])
        bom = (wide, 0) if wide else None
    if bom is not None:
        encoding, skip = bom
        text = _try(data[skip:], encoding)
        if text is None:
            raise UndecodableDocument(
                f"{origin}: starts like {encoding.upper()} but is not valid {encoding.upper()}; "
                "re-save it as UTF-8"
            )
        if _text_looks_binary(text):
            raise binary_error(origin)
        return Decoded(normalise_text(text), encoding)
    if looks_binary(data[:SAMPLE_BYTES]):
        raise binary_error(origin)
    decoded = _decode_unchecked(data, hint)
    if decoded is None:
        raise UndecodableDocument(
            f"{origin}: not valid UTF-8 and no other encoding reads it cleanly; re-save it as UTF-8"
        )
    if _text_looks_binary(decoded.text):
        raise binary_error(origin)
    return Decoded(normalise_text(decoded.text), decoded.encoding)


class LineDecoder:
    """Decodes the lines of one ASCII-compatible stream (JSONL, CSV) one at a time.

    Built from the stream's first bytes: when they are UTF-8, each line is read
    as UTF-8 and a line that is not falls back to Windows-1252 or detection on
    its own; otherwise the encoding detected for the head is used for every line.
    """

    __slots__ = ("origin", "encoding")

    def __init__(self, head: bytes, *, origin: str) -> None:
        self.origin = origin
        cut = head.rfind(b"\n")
        sample = head if cut < 0 else head[: cut + 1]
        if _try(sample, "utf-8") is not None or not sample:
            self.encoding = "utf-8"
        else:
            found = _decode_unchecked(sample, None)
            self.encoding = found.encoding if found is not None else "utf-8"

    def decode(self, line: bytes, where: str) -> str:
        """Decode one line; ``where`` names it in errors ("path:LINE")."""
        text = _try(line, self.encoding)
        if text is None:
            found = _decode_unchecked(line, None)
            if found is None:
                raise UndecodableDocument(
                    f"{where}: line is not valid {self.encoding} text and no other encoding reads it cleanly"
                )
            text = found.text
        return text
