"""Stable identities: the same input gives the same id in every run."""

from __future__ import annotations

import hashlib
import unicodedata


def content_hash(text: str) -> str:
    """SHA-256 of the NFC-normalised text, hex. Used to store each document exactly once.

    Never raises: a lone surrogate (which UTF-8 cannot encode) is hashed as its own code unit.
    """
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8", "surrogatepass")).hexdigest()


def document_id(text: str) -> str:
    """The id of a document that carries none of its own: derived from its content."""
    return "doc-" + content_hash(text)[:16]
