"""One page, several renderings; dateline's errors as JSON with their codes.

An error is ``{"error": {"code": "E204", "message": "..."}}`` with the HTTP status its class
means: a bad value 400, a missing token 401, an unknown item 404, a body too large 413, a
refused document 409; the codes are the CLI's (README, Errors).
"""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse, Response

from dateline.errors import (
    ConfigError,
    DatelineError,
    InputError,
    NotFound,
    RequestTooLarge,
    StoreError,
    Unauthorized,
)
from dateline.query.corpus import Page
from dateline.query.render import jsonl, to_csv, to_geojson

#: The renderings of a list, by ``?format=``; GeoJSON for the lists that have points.
FORMATS = ("json", "csv", "geojson", "jsonl")
GEO_KINDS = ("events", "places")

#: HTTP statuses of dateline's error classes, most specific first.
STATUSES: tuple[tuple[type[DatelineError], int], ...] = (
    (Unauthorized, 401),
    (RequestTooLarge, 413),
    (NotFound, 404),
    (ConfigError, 400),
    (InputError, 400),
    (StoreError, 409),
)


def error_response(code: str, message: str, status: int) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def dateline_error(exc: DatelineError) -> JSONResponse:
    status = next((s for cls, s in STATUSES if isinstance(exc, cls)), 500)
    response = error_response(exc.code, exc.message, status)
    if status == 401:
        response.headers["WWW-Authenticate"] = "Bearer"
    return response


def render_page(page: Page, fmt: str) -> Response:
    """The page as ``fmt``; the next page's cursor also in the ``X-Next-Cursor`` header."""
    headers = {"X-Next-Cursor": page.next_cursor} if page.next_cursor else {}
    if fmt == "csv":
        body = to_csv(page.items, kind=page.kind)
        return Response(body, media_type="text/csv; charset=utf-8", headers=headers)
    if fmt == "jsonl":
        return Response(jsonl(page.items), media_type="application/x-ndjson", headers=headers)
    if fmt == "geojson":
        if page.kind not in GEO_KINDS:
            from dateline.errors import InvalidOption

            raise InvalidOption(f"GeoJSON is for events and places, not {page.kind}")
        body = to_geojson(page.kind, page.items, page.next_cursor)
        return Response(body, media_type="application/geo+json", headers=headers)
    return JSONResponse(page.to_dict(), headers=headers)


def plain(data: Any) -> JSONResponse:
    return JSONResponse(data)
