"""One real HTTP server per test module: uvicorn on a free localhost port, in a thread, over a copy
of the founding articles' store, with the session's extraction pipeline. The store is SQLite; a module
runs its tests on PostgreSQL too by parametrising ``server`` (``indirect``) with the engines."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

TOKEN = "test-token-0123456789"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    url: str
    token: str
    db: Path | str

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=120)


@pytest.fixture(scope="module")
def server(request, seeded, extractor, tmp_path_factory) -> Iterator[Server]:
    import uvicorn

    from dateline.query import Corpus
    from dateline.query.eventindex import EventIndex
    from dateline.serve.app import create_app
    from dateline.serve.reading import ArticleReader
    from dateline.store import Store

    db = seeded(getattr(request, "param", "sqlite"), tmp_path_factory.mktemp("served") / "served.db")
    store = Store.open(db)
    corpus = Corpus(store, index=EventIndex(store.engine))  # as `dateline serve` makes it
    corpus.index.warm()
    app = create_app(corpus, ArticleReader(lambda: extractor, max_bytes=200_000), token=TOKEN)
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, name="dateline-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield Server(f"http://127.0.0.1:{port}", TOKEN, db)
    finally:
        running.should_exit = True
        thread.join(timeout=30)
        corpus.close()
