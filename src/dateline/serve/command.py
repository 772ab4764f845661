"""``dateline serve``: run the HTTP API over a store with uvicorn, on 127.0.0.1 unless told otherwise.

With ``--workers N`` uvicorn runs N server processes on the one address; each builds its own
application from the settings the command hands it in the environment (:func:`app_from_environment`),
with the same token. Each process keeps the store's event columns in memory
(:class:`~dateline.query.eventindex.EventIndex`, loaded in a thread at start; until then it asks SQL).

What a process loads to stay (the index, the extraction pipeline) is then moved out of the cyclic
garbage collector's sight (:func:`settled`): a request makes and drops some ten thousand objects, so
every few requests a full collection ran, and it scanned every long-lived object again each time.
"""

from __future__ import annotations

import gc
import json
import os
import threading
from collections.abc import Callable
from typing import Any

import click

from dateline.commandline import handle_errors
from dateline.settings import DEFAULT_DB

#: The environment variable that hands a worker process the command's settings.
SETTINGS_VARIABLE = "DATELINE_SERVE_SETTINGS"


@click.command(name="serve")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite file, or a postgresql:// URL.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (another than 127.0.0.1 lets other machines in).")  # fmt: skip
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--token", default=None, help="The token POST /api/documents needs (default: a new one).")
@click.option("--model", default=None, help="spaCy model name or path (env DATELINE_SPACY_MODEL).")
@click.option("--preload/--lazy", default=True, show_default=True,
              help="Load the extraction pipeline at start, or at the first article read.")  # fmt: skip
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes (each holds the events' columns and its own pipeline).")  # fmt: skip
@handle_errors
def serve_command(
    db: str, host: str, port: int, token: str | None, model: str | None, preload: bool, workers: int
) -> None:
    """Serve the store over HTTP: the API under /api/, its schema at /openapi.json.

    Reading is open to anyone who can reach the address; storing (POST /api/documents) needs
    `Authorization: Bearer TOKEN`, the token printed at start (or given with --token).
    """
    import uvicorn

    from dateline.serve.security import new_token
    from dateline.store import Store

    token = token or new_token()
    Store.open(db).close()  # a bad --db is told here, once; opening migrates an old store
    settings = {"db": db, "token": token, "model": model, "preload": preload}
    click.echo(f"dateline serve: http://{host}:{port}/api/events (schema /openapi.json); {db}"
               + (f"; {workers} workers" if workers > 1 else ""), err=True)  # fmt: skip
    click.echo(f"token for POST /api/documents: {token}", err=True)
    if workers == 1:
        app, corpus = build_app(settings)
        try:
            uvicorn.run(app, host=host, port=port, log_level="warning")
        finally:
            corpus.close()
        return
    os.environ[SETTINGS_VARIABLE] = json.dumps(settings)  # the workers' processes inherit it
    uvicorn.run("dateline.serve.command:app_from_environment", factory=True, host=host, port=port,
                workers=workers, log_level="warning")  # fmt: skip


def build_app(settings: dict[str, Any]) -> tuple[Any, Any]:
    """The application over ``settings["db"]`` and its corpus (to close): the events' columns and the
    pipeline (unless ``preload`` is false) loading in threads."""
    from dateline.extract import Extractor
    from dateline.query import Corpus
    from dateline.query.eventindex import EventIndex
    from dateline.serve.app import create_app
    from dateline.serve.reading import ArticleReader
    from dateline.settings import Settings
    from dateline.store import Store

    store = Store.open(settings["db"])  # writable: POST /api/documents stores
    index = EventIndex(store.engine)
    corpus = Corpus(store, index=index)
    threading.Thread(target=settled(index.warm), name="dateline-load-events", daemon=True).start()
    model = settings.get("model")
    reader = ArticleReader(lambda: Extractor(model=model), Settings().max_document_bytes)
    if settings.get("preload"):
        threading.Thread(target=settled(reader.warm), name="dateline-load-pipeline", daemon=True).start()
    return create_app(corpus, reader, token=settings["token"]), corpus


def settled(load: Callable[[], None]) -> Callable[[], None]:
    """``load``, then its garbage collected and everything alive frozen (:func:`gc.freeze`): the
    process's long-lived objects (modules, the event index, the pipeline) are no longer scanned by each
    full collection. Frozen objects are still freed when no longer referenced; only a reference cycle
    among them stays uncollected, and those alive at the freeze are the process's lasting state."""

    def run() -> None:
        load()
        gc.collect()
        gc.freeze()

    return run


def app_from_environment() -> Any:
    """A worker's application (uvicorn calls it in each process of ``--workers``)."""
    app, _ = build_app(json.loads(os.environ[SETTINGS_VARIABLE]))
    return app
