"""``dateline serve``: run the HTTP API over a store with uvicorn, on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import threading

import click

from dateline.commandline import handle_errors
from dateline.settings import DEFAULT_DB


@click.command(name="serve")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite file, or a postgresql:// URL.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (another than 127.0.0.1 lets other machines in).")  # fmt: skip
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--token", default=None, help="The token POST /api/documents needs (default: a new one).")
@click.option("--model", default=None, help="spaCy model name or path (env DATELINE_SPACY_MODEL).")
@click.option("--preload/--lazy", default=True, show_default=True,
              help="Load the extraction pipeline at start, or at the first article read.")  # fmt: skip
@handle_errors
def serve_command(
    db: str, host: str, port: int, token: str | None, model: str | None, preload: bool
) -> None:
    """Serve the store over HTTP: the API under /api/, its schema at /openapi.json.

    Reading is open to anyone who can reach the address; storing (POST /api/documents) needs
    `Authorization: Bearer TOKEN`, the token printed at start (or given with --token).
    """
    import uvicorn

    from dateline.extract import Extractor
    from dateline.query import Corpus
    from dateline.serve.app import create_app
    from dateline.serve.reading import ArticleReader
    from dateline.serve.security import new_token
    from dateline.settings import Settings
    from dateline.store import Store

    token = token or new_token()
    corpus = Corpus(Store.open(db))  # writable: POST /api/documents stores; opening migrates an old store
    reader = ArticleReader(lambda: Extractor(model=model), Settings().max_document_bytes)
    if preload:
        threading.Thread(target=reader.warm, name="dateline-load-pipeline", daemon=True).start()
    app = create_app(corpus, reader, token=token)
    click.echo(f"dateline serve: http://{host}:{port}/api/events (schema /openapi.json); {db}", err=True)
    click.echo(f"token for POST /api/documents: {token}", err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        corpus.close()
