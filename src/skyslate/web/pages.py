"""The HTML pages; each is a thin shell the static JavaScript fills from the JSON API."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from skyslate.web.errors import WebError

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).resolve().parent / "templates")


def _page(request: Request, name: str, **context) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context)


def _project_context(request: Request, project_id: int, board: int | None = None) -> dict:
    store = request.app.state.workspace.store
    project = store.project(project_id)
    current = store.board(project_id, board)
    return {"project": project, "board": current, "boards": project.boards}


@router.get("/", response_class=HTMLResponse)
def projects_page(request: Request):
    projects = request.app.state.workspace.store.projects()
    return _page(request, "projects.html", projects=projects)


@router.get("/projects/{project_id}", response_class=HTMLResponse)
def project_page(request: Request, project_id: int, board: int | None = None):
    context = _project_context(request, project_id, board)
    context["files"] = [f.name for f in context["project"].files]
    return _page(request, "project.html", tab="overview", **context)


@router.get("/projects/{project_id}/breakdown", response_class=HTMLResponse)
def breakdown_page(request: Request, project_id: int):
    context = _project_context(request, project_id)
    scenes = json.loads(context["project"].breakdown_json)["scenes"]
    try:
        overrides = tomllib.loads(context["project"].settings_toml).get("scenes", {})
    except tomllib.TOMLDecodeError:
        overrides = {}
    return _page(
        request, "breakdown.html", tab="breakdown", scenes=scenes, overrides=overrides, **context
    )


@router.get("/projects/{project_id}/board", response_class=HTMLResponse)
def board_page(request: Request, project_id: int, board: int | None = None):
    context = _project_context(request, project_id, board)
    scenes = json.loads(context["project"].breakdown_json)["scenes"]
    return _page(request, "board.html", tab="board", scenes=scenes, **context)


@router.get("/projects/{project_id}/revisions", response_class=HTMLResponse)
def revisions_page(request: Request, project_id: int, board: int | None = None):
    context = _project_context(request, project_id, board)
    context["revisions"] = request.app.state.workspace.store.revisions(context["board"].id)
    return _page(request, "revisions.html", tab="revisions", **context)


@router.get("/projects/{project_id}/reports", response_class=HTMLResponse)
def reports_page(request: Request, project_id: int, board: int | None = None):
    context = _project_context(request, project_id, board)
    return _page(request, "reports.html", tab="reports", **context)


ACTIVE_MEDIA_TYPES = {"text/html", "image/svg+xml", "application/xhtml+xml", "text/xml"}


@router.get("/projects/{project_id}/boards/{board_id}/revisions/{number}/reports/{name:path}")
def report_file(
    request: Request, project_id: int, board_id: int, number: int, name: str, download: bool = False
):
    """A stored report document by its name within a revision (looked up in the database only)."""
    store = request.app.state.workspace.store
    board = store.board(project_id, board_id)
    revision = store.revision(board.id, number)
    if revision is None:
        raise WebError(f"board {board.name!r} has no revision {number}", status=404)
    for stored in store.report_files(revision.id):
        if stored.name == name:
            disposition = "attachment" if download else "inline"
            filename = stored.name.rsplit("/", 1)[-1]
            headers = {
                "content-disposition": f'{disposition}; filename="{filename}"',
                "x-content-type-options": "nosniff",
            }
            if stored.media_type.split(";")[0] in ACTIVE_MEDIA_TYPES:
                # A report page carries text from uploaded scripts; viewed inline it runs in
                # a sandbox (no scripts, an origin of its own), never as this site.
                headers["content-security-policy"] = "sandbox allow-popups allow-downloads"
            return Response(stored.data, media_type=stored.media_type, headers=headers)
    raise WebError(f"no report {name!r} for revision {number}; write the reports first", status=404)
