"""The HTTP API: every list, item, count and facet of the read model, and reading articles.

``GET /api/{events,places,actors,documents,relations}`` take the filters of ``dateline query``
(``actor place bbox type since until modality source document``), ``limit`` and ``cursor``, and
``format`` (``json``, ``csv``, ``jsonl``; ``geojson`` for events and places): one data function,
several renderings. ``GET /api/<list>/{id}`` is one item; ``GET /api/facets`` the counts and
facets. ``POST /api/extract`` reads a pasted article (the body) or an uploaded file (multipart
field ``file``) and returns its records without storing them; ``POST /api/documents`` does the
same and stores them, with ``Authorization: Bearer <token>``. The schema is at ``/openapi.json``.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, Response
from starlette.staticfiles import StaticFiles

from dateline import __version__
from dateline.errors import DatelineError
from dateline.query.corpus import Corpus
from dateline.query.filters import Criteria
from dateline.query.paging import DEFAULT_LIMIT, KINDS, MAX_LIMIT
from dateline.serve import pages
from dateline.serve.reading import ArticleReader, ArticleReading, body_format, upload_format
from dateline.serve.responses import FORMATS, dateline_error, error_response, render_page
from dateline.serve.security import SecurityHeaders, check_token

Text = Annotated[str | None, Query()]
ITEM_GETTERS = {"events": "event", "places": "place", "actors": "actor", "documents": "document",
                "relations": "relation"}  # fmt: skip


def create_app(corpus: Corpus, reader: ArticleReader, *, token: str) -> SecurityHeaders:
    """The application (wrapped so every response carries the security headers)."""
    app = FastAPI(
        title="dateline",
        version=__version__,
        description="Events, places, actors, documents and relations read from news reports.",
        docs_url=None,  # the interactive docs load scripts from elsewhere; the schema is enough
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.corpus = corpus
    app.state.reader = reader
    app.state.token = token
    _errors(app)
    app.include_router(_lists())
    app.include_router(_reading())
    app.include_router(pages.router())
    app.mount("/static", StaticFiles(packages=[("dateline.serve", "static")]), name="static")
    return SecurityHeaders(app)


def _for(request: Request, response: JSONResponse) -> Response:
    """An error as JSON for the API, as an HTML page for the web pages."""
    path = request.url.path
    if path.startswith(("/api/", "/openapi", "/static/")):
        return response
    error = json.loads(bytes(response.body))["error"]
    return pages.error_page(error["code"], error["message"], response.status_code)


def _errors(app: FastAPI) -> None:
    @app.exception_handler(DatelineError)
    async def on_dateline_error(request: Request, exc: DatelineError) -> Response:
        return _for(request, dateline_error(exc))

    @app.exception_handler(RequestValidationError)
    async def on_bad_parameter(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}"
            for e in exc.errors()
        )
        return _for(request, error_response("E203", problems or "invalid request", 400))

    @app.exception_handler(HTTPException)
    async def on_http_error(request: Request, exc: HTTPException) -> Response:
        code = "E305" if exc.status_code == 404 else "E203" if exc.status_code < 500 else "E000"
        return _for(request, error_response(code, str(exc.detail), exc.status_code))

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, exc: Exception) -> Response:
        return _for(request, error_response("E000", f"internal error: {type(exc).__name__}", 500))


def _criteria(actor: str | None, place: str | None, bbox: str | None, type: str | None,
              since: str | None, until: str | None, modality: str | None, source: str | None,
              document: str | None) -> Criteria:  # fmt: skip
    return Criteria(actor=actor, place=place, bbox=bbox, type=type, since=since, until=until,
                    modality=modality, source=source, document=document)  # fmt: skip


def _lists() -> APIRouter:
    router = APIRouter(prefix="/api")

    def list_endpoint(kind: str) -> Any:
        def endpoint(
            request: Request,
            actor: Text = None, place: Text = None, bbox: Text = None, type: Text = None,
            since: Text = None, until: Text = None, modality: Text = None, source: Text = None,
            document: Text = None,
            limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
            cursor: Text = None,
            format: Annotated[str, Query(pattern="^(" + "|".join(FORMATS) + ")$")] = "json",
        ) -> Response:  # fmt: skip
            where = _criteria(actor, place, bbox, type, since, until, modality, source, document)
            page = request.app.state.corpus.page(kind, where, cursor=cursor, limit=limit)
            return render_page(page, format)

        endpoint.__name__ = f"list_{kind}"
        endpoint.__doc__ = f"A page of the stored {kind} the filters select; `cursor` gives the next page."
        return endpoint

    def item_endpoint(kind: str) -> Any:
        getter = ITEM_GETTERS[kind]

        def endpoint(request: Request, item_id: str) -> JSONResponse:
            return JSONResponse(getattr(request.app.state.corpus, getter)(item_id))

        endpoint.__name__ = f"get_{getter}"
        endpoint.__doc__ = f"One stored {getter} by its id."
        return endpoint

    for kind in KINDS:
        router.add_api_route(f"/{kind}", list_endpoint(kind), methods=["GET"])
        router.add_api_route(f"/{kind}/{{item_id:path}}", item_endpoint(kind), methods=["GET"])

    @router.get("/map")
    def map_points(
        request: Request,
        actor: Text = None, place: Text = None, bbox: Text = None, type: Text = None,
        since: Text = None, until: Text = None, modality: Text = None, source: Text = None,
        document: Text = None,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = MAX_LIMIT,
        cursor: Text = None,
    ) -> Response:  # fmt: skip
        """The selected events as a map draws them, GeoJSON: a point at each event's place (its type,
        family, date, toll, precision, document) and a line from origin to destination for a movement;
        lighter than `/api/events?format=geojson` (no evidence); `cursor` gives the next page."""
        where = _criteria(actor, place, bbox, type, since, until, modality, source, document)
        page = request.app.state.corpus.points(where, cursor=cursor, limit=limit)
        return render_page(page, "geojson")

    @router.get("/status")
    def status(request: Request) -> JSONResponse:
        """This server process: its version, and whether its event index is loaded (until it is, the
        lists and counts are asked of SQL) and how many events it holds."""
        corpus: Corpus = request.app.state.corpus
        index = corpus.index
        loaded = index is not None and index.loaded
        events = index.current().size if index is not None and loaded else None
        return JSONResponse({"version": __version__, "event_index": {"loaded": loaded, "events": events}})

    @router.get("/facets")
    def facets(
        request: Request,
        actor: Text = None, place: Text = None, bbox: Text = None, type: Text = None,
        since: Text = None, until: Text = None, modality: Text = None, source: Text = None,
        document: Text = None,
    ) -> JSONResponse:  # fmt: skip
        """How many of each list the filters select, and the selected events by type, family,
        modality, day, week, source, actor and place."""
        corpus: Corpus = request.app.state.corpus
        where = corpus.filter(_criteria(actor, place, bbox, type, since, until, modality, source, document))
        return JSONResponse({"counts": corpus.counts(where), "facets": corpus.facets(where)})

    return router


async def _article(request: Request) -> tuple[bytes, str | None]:
    """The request's document: the multipart field ``file`` (or ``text``), else the body."""
    content_type = request.headers.get("content-type", "")
    reader: ArticleReader = request.app.state.reader
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > reader.max_bytes + 65536:
        from dateline.errors import RequestTooLarge

        raise RequestTooLarge(f"the request has {int(declared):,} bytes; this server reads at most "
                              f"{reader.max_bytes:,} a document")  # fmt: skip
    if content_type.startswith("multipart/form-data"):
        async with request.form() as form:  # closes the uploaded files' temporary copies
            upload = form.get("file")
            if upload is not None and not isinstance(upload, str):
                body = await upload.read()
                return body, upload_format(upload.filename, upload.content_type)
            text = form.get("text")
            if isinstance(text, str):
                return text.encode("utf-8"), "txt"
        from dateline.errors import MissingInput

        raise MissingInput("send the article as the request body, or a form field 'file' or 'text'")
    return await request.body(), body_format(content_type) or "txt"


def _reading() -> APIRouter:
    router = APIRouter(prefix="/api")

    @router.post("/extract")
    async def extract(request: Request, published: Text = None) -> JSONResponse:
        """Read a pasted article (the body; text/plain, text/html, JSONL or CSV) or an uploaded file
        (multipart field `file`) and return its records; nothing is stored."""
        body, fmt = await _article(request)
        reading = await _run(request, body, fmt, published)
        return JSONResponse(_reading_dict(reading))

    @router.post("/documents", status_code=201)
    async def store_documents(
        request: Request, published: Text = None, authorization: Annotated[str | None, Header()] = None
    ) -> JSONResponse:
        """Read an article as `/api/extract` does and store it; needs `Authorization: Bearer <token>`."""
        check_token(authorization, request.app.state.token)
        body, fmt = await _article(request)
        reading = await _run(request, body, fmt, published)
        from starlette.concurrency import run_in_threadpool

        from dateline.store import AddOutcome

        corpus: Corpus = request.app.state.corpus
        outcome = AddOutcome()
        await run_in_threadpool(corpus.store.add_records, reading.records, outcome=outcome)
        out = _reading_dict(reading)
        out["problems"] += [{"code": e.code, "message": e.message} for _, e in outcome.refused]
        out.update(stored=outcome.stored, already_stored=outcome.already_stored)
        return JSONResponse(out, status_code=201 if outcome.stored else 200)

    return router


async def _run(request: Request, body: bytes, fmt: str | None, published: str | None) -> ArticleReading:
    from starlette.concurrency import run_in_threadpool

    reader: ArticleReader = request.app.state.reader
    return await run_in_threadpool(reader.read, body, fmt=fmt, published=published)


def _reading_dict(reading: ArticleReading) -> dict[str, Any]:
    return {"records": [r.to_dict() for r in reading.records], "problems": reading.problems}
