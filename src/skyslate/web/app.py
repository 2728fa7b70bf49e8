"""The FastAPI application behind `skyslate serve`: API, pages, static files, guards."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from skyslate import __version__
from skyslate.store import Store
from skyslate.store.db import default_db_url
from skyslate.web import api, pages
from skyslate.web.errors import install_error_handlers
from skyslate.web.jobs import JobRunner
from skyslate.web.security import SameOriginGuard, SizeLimit, TokenGuard
from skyslate.web.service import Workspace

HERE = Path(__file__).resolve().parent
DEFAULT_MAX_UPLOAD_BYTES = 20_000_000


def create_app(
    db_url: str | None = None,
    *,
    token: str | None = None,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
    hosts: tuple[str, ...] | None = None,
) -> FastAPI:
    """The app over the database at `db_url` (migrated now); every request needs `token` if given.

    `hosts`: the only Host names served (the loopback names for a server without a token).
    """
    store = Store(db_url or default_db_url())
    interrupted = store.interrupt_unfinished_jobs()
    workspace = Workspace(store)
    jobs = JobRunner(workspace)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        jobs.shutdown()
        store.close()  # lets SQLite checkpoint its write-ahead log into the main file

    app = FastAPI(
        title="skyslate",
        version=__version__,
        summary="The stripboard in a browser: projects, boards, revisions, optimise jobs, reports.",
        lifespan=lifespan,
        # The interactive docs pages load their scripts from a CDN; nothing may download at
        # run time, so only the machine-readable /openapi.json is served.
        docs_url=None,
        redoc_url=None,
    )
    app.state.workspace = workspace
    app.state.jobs = jobs
    app.state.interrupted_jobs = interrupted
    install_error_handlers(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    # The last added runs first: foreign sites, then missing tokens, then oversize bodies
    # are refused before any work is done.
    app.add_middleware(SizeLimit, max_bytes=max_upload_bytes)
    if token:
        app.add_middleware(TokenGuard, token=token)
    app.add_middleware(SameOriginGuard, hosts=hosts)
    return app
