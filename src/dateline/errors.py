"""Errors with stable codes, so messages can be grepped, documented and tested.

Every error the library raises on purpose derives from :class:`DatelineError`
and carries a code such as ``E101``. The CLI prints ``error[E101]: message``
and maps the class to an exit status.
"""

from __future__ import annotations


class DatelineError(Exception):
    """Base of every error dateline raises on purpose."""

    code = "E000"
    exit_status = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


# --- input (E1xx) -------------------------------------------------------------


class InputError(DatelineError):
    """A document could not be read. Other documents are still processed."""

    code = "E100"


class UnsupportedFormat(InputError):
    """The file's extension is not one dateline reads (exit status 2)."""

    code = "E101"
    exit_status = 2


class EmptyDocument(InputError):
    code = "E102"


class BinaryDocument(InputError):
    code = "E103"


class UndecodableDocument(InputError):
    code = "E104"


class DocumentTooLarge(InputError):
    code = "E105"


class MalformedRecord(InputError):
    """A JSONL line or CSV row that cannot be parsed or lacks text."""

    code = "E106"


class MissingInput(InputError):
    code = "E107"
    exit_status = 2


class AnalysisFailed(InputError):
    """The pipeline failed on one document (an error in a component, or a worker that died reading it
    each time it was tried); the other documents are still processed (``--dask``)."""

    code = "E108"


# --- configuration and models (E2xx) ------------------------------------------


class ConfigError(DatelineError):
    code = "E200"
    exit_status = 2


class ModelNotFound(ConfigError):
    code = "E201"


class InvalidDate(ConfigError):
    code = "E202"


class InvalidOption(ConfigError):
    """A command-line or library option out of its range (``--n-process 0``, ``--max-bytes`` too large)."""

    code = "E203"


class UnknownName(ConfigError):
    """A filter names an actor, place or event type that neither the store nor the registry knows."""

    code = "E204"


# --- store (E3xx) -------------------------------------------------------------


class StoreError(DatelineError):
    code = "E300"


class SchemaTooNew(StoreError):
    """The database was written by a newer dateline than this one."""

    code = "E301"


class UnknownExportFormat(DatelineError):
    code = "E302"
    exit_status = 2


class NotADatabase(StoreError):
    """``--db`` names something that is not a dateline database (a text file, /dev/null, a folder)."""

    code = "E303"
    exit_status = 2


class UnsupportedDatabase(StoreError):
    """A database URL of a scheme dateline does not store in (only SQLite and PostgreSQL)."""

    code = "E304"
    exit_status = 2


class NotFound(StoreError):
    """No stored item has the id asked for (an event, place, actor, document or relation)."""

    code = "E305"


# --- output (E4xx) ------------------------------------------------------------


class OutputError(DatelineError):
    """An output file could not be written (no space, no permission, ...); nothing half-written is left."""

    code = "E400"


class OutputIsInput(OutputError):
    """The output path is one of the inputs or the store: writing it would destroy what is being read."""

    code = "E401"
    exit_status = 2


# --- serving (E5xx) -----------------------------------------------------------


class Unauthorized(DatelineError):
    """A request that changes the store came without the server's token."""

    code = "E501"
    exit_status = 2


class RequestTooLarge(DatelineError):
    """A request body over the server's size limit."""

    code = "E502"
    exit_status = 2
