"""The one JSON error shape of the API, and how each kind of error maps to an HTTP status."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from skyslate.errors import InfeasibleError, SkyslateError
from skyslate.store.errors import ConflictError, NotFoundError


class WebError(SkyslateError):
    """An error only the web layer raises, with its HTTP status."""

    status = 400

    def __init__(self, message: str, *, status: int | None = None, **extra):
        super().__init__(message)
        if status is not None:
            self.status = status
        self.extra = extra

    def to_dict(self) -> dict:
        data = super().to_dict()
        data.update(self.extra)
        return data


class CoreUnavailable(WebError):
    """A core function the web calls has not been built (or failed to import)."""

    status = 503


class NoSchedule(WebError):
    """A board with no saved revision yet."""

    status = 404


class UploadTooLarge(WebError):
    """A request body over the configured limit."""

    status = 413


class Busy(WebError):
    """An optimisation refused because one runs on that board, or the server runs its most."""

    status = 409


class BadOrder(WebError):
    """A board order that names a scene more than once (no page can make one)."""

    status = 422


class BadUpload(WebError):
    """An upload that is missing or of a kind skyslate does not read."""

    status = 422


def error_body(name: str, message: str, **extra) -> dict:
    """The shape every API error has: error, message, path, line (+ extra keys)."""
    body = {"error": name, "message": message, "path": None, "line": None}
    body.update(extra)
    return body


def status_of(error: SkyslateError) -> int:
    """HTTP status for a core or store error."""
    if isinstance(error, WebError):
        return error.status
    if isinstance(error, NotFoundError):
        return 404
    if isinstance(error, ConflictError):
        return 409
    if isinstance(error, InfeasibleError):
        return 422
    return 422  # bad input: a script, project file or element set that cannot be read


HEADINGS = {401: "Access token needed", 403: "Refused", 404: "Not found"}


def wants_page(request: Request) -> bool:
    """A browser opening a page (not the API, a static file or a fetch for JSON)."""
    path = request.url.path
    if path.startswith(("/api/", "/static/")) or path == "/openapi.json":
        return False
    return request.method == "GET" and "text/html" in request.headers.get("accept", "")


def answer(request: Request, body: dict, status: int, headers=None):
    """The error as JSON of the one shape, or as a small page when a browser opened a page."""
    if not wants_page(request):
        return JSONResponse(body, status_code=status, headers=headers)
    from skyslate.web.pages import templates  # the pages import this module

    context = {
        "status": status,
        "heading": HEADINGS.get(status, "Something went wrong"),
        "message": body.get("message") or body.get("error"),
    }
    return templates.TemplateResponse(
        request, "error.html", context, status_code=status, headers=headers
    )


def install_error_handlers(app: FastAPI) -> None:
    """Every error leaves the API as JSON of one shape (a page for a browser's page request);
    no traceback ever reaches a client."""

    @app.exception_handler(SkyslateError)
    async def _skyslate(request: Request, error: SkyslateError):
        return answer(request, error.to_dict(), status_of(error))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, error: RequestValidationError):
        problems = []
        for item in error.errors():
            where = ".".join(str(part) for part in item.get("loc", ()) if part != "body")
            problems.append(f"{where}: {item.get('msg')}" if where else str(item.get("msg")))
        return answer(
            request, error_body("RequestError", "; ".join(problems) or "bad request"), 422
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, error: StarletteHTTPException):
        # FastAPI wraps errors raised while reading a body (the size limit) in a 400.
        if isinstance(error.__cause__, SkyslateError):
            cause = error.__cause__
            return JSONResponse(cause.to_dict(), status_code=status_of(cause))
        name = {404: "NotFound", 405: "MethodNotAllowed", 401: "Unauthorized"}.get(
            error.status_code, "HTTPError"
        )
        return answer(
            request,
            error_body(name, str(error.detail)),
            error.status_code,
            getattr(error, "headers", None),
        )

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, error: Exception):
        return JSONResponse(
            error_body("InternalError", f"unexpected {type(error).__name__}: {error}"),
            status_code=500,
        )
