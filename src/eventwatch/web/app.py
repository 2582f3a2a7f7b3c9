"""The ASGI app: one store opened read-only per request, security headers, error pages."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from eventwatch.errors import QueryParameterError
from eventwatch.queries import Reader, open_reader

logger = logging.getLogger(__name__)

#: Scripts and data only from this server, no eval: Vega runs its expressions
#: through vega-interpreter.  Inline style attributes are allowed because
#: vega-embed and its tooltips set them; no inline script is.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class Workbench:
    """What the routes share: the store's path, the templates, a cache keyed by store version."""

    def __init__(self, db: Path) -> None:
        self.db = db
        folder = resources.files("eventwatch") / "web" / "templates"
        self.templates = Jinja2Templates(directory=str(folder))
        self.cache: dict[str, tuple[Any, Any]] = {}

    def reader(self) -> Iterator[Reader]:
        reader = open_reader(self.db)
        try:
            yield reader
        finally:
            reader.close()

    def cached(self, name: str, reader: Reader, build: Callable[[], Any]) -> Any:
        """``build()``, reused while the store holds the same articles and events."""
        version = reader.version()
        held = self.cache.get(name)
        if held is not None and held[0] == version:
            return held[1]
        value = build()
        self.cache[name] = (version, value)
        return value


def create_app(db: str | Path) -> FastAPI:
    """The workbench for the store at ``db`` (checked now: it must open read-only)."""
    path = Path(db)
    open_reader(path).close()  # fail at start, not on the first request
    bench = Workbench(path)
    app = FastAPI(
        title="eventwatch",
        summary="Political event records, quotations and stance paths from a local store.",
        version="1",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.bench = bench
    static = resources.files("eventwatch") / "web" / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    def bad_request(request: Request, parameter: str, message: str) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse(
                {"error": "bad parameter", "parameter": parameter, "message": message},
                status_code=400,
            )
        return bench.templates.TemplateResponse(
            request,
            "error.html",
            {"title": "Bad parameter", "parameter": parameter, "message": message},
            status_code=400,
        )

    @app.exception_handler(QueryParameterError)
    async def parameter_error(request: Request, error: QueryParameterError) -> Response:
        return bad_request(request, error.parameter, error.message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> Response:
        first = error.errors()[0] if error.errors() else {}
        location = [str(part) for part in first.get("loc", ()) if part not in ("query", "path")]
        parameter = location[-1] if location else "request"
        return bad_request(request, parameter, str(first.get("msg", "invalid value")))

    from eventwatch.web.api import router as api_router
    from eventwatch.web.pages import router as page_router

    app.include_router(api_router)
    app.include_router(page_router)

    @app.exception_handler(404)
    async def not_found(request: Request, error: Exception) -> Response:
        detail = getattr(error, "detail", "not found")
        if request.url.path.startswith("/api/") or request.url.path.startswith("/static/"):
            return JSONResponse({"error": "not found", "message": str(detail)}, status_code=404)
        return HTMLResponse(
            bench.templates.get_template("error.html").render(
                request=request, title="Not found", parameter=None, message=str(detail)
            ),
            status_code=404,
        )

    return app


def url(host: str, port: int) -> str:
    """The address the workbench answers at."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def is_local(host: str) -> bool:
    """Whether ``host`` only answers this machine."""
    return host in LOCAL_HOSTS


def serve(*, db: str | Path, host: str = "127.0.0.1", port: int = 8765) -> None:
    """Serve the workbench for ``db`` until interrupted (the CLI prints the URL)."""
    import uvicorn

    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")
