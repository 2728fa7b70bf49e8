"""The JSON API (contract of issue 7); every answer is JSON, every error one shape."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import PurePosixPath
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field

from skyslate.store.models import Project
from skyslate.web import core
from skyslate.web.errors import BadUpload, WebError
from skyslate.web.jobs import job_document

router = APIRouter(prefix="/api")


class ScheduleEdit(BaseModel):
    """A board order by hand: day i holds the scene numbers shot on the i-th shoot date."""

    revision: int = Field(ge=0, description="the revision this edit is based on")
    days: list[list[str]]
    note: str = ""


class OptimiseRequest(BaseModel):
    board: int | None = None
    time_limit_seconds: float = Field(default=30.0, gt=0, le=3600)


class BoardCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    copy_from: int | None = Field(
        default=None, description="a board whose latest revision to start from"
    )


class RestoreRequest(BaseModel):
    revision: int = Field(ge=1, description="the revision to bring back")
    base_revision: int = Field(ge=0, description="the board's revision this request is based on")


class SettingsUpdate(BaseModel):
    settings_toml: str


class SceneEdit(BaseModel):
    eighths: int | None = Field(default=None, ge=1)
    elements: dict[str, list[str]] | None = None
    duration_minutes: int | None = Field(default=None, gt=0)
    needs: str | None = None


class ReportsRequest(BaseModel):
    board: int | None = None
    revision: int | None = None


def plain_json(document: dict) -> Response:
    """A JSON answer written directly: big plan documents skip FastAPI's slow generic encoder."""
    return Response(json.dumps(document, ensure_ascii=False), media_type="application/json")


def iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def project_summary(project: Project) -> dict:
    scenes = json.loads(project.breakdown_json)["scenes"]
    return {
        "id": project.id,
        "title": project.title,
        "created_utc": iso(project.created_utc),
        "updated_utc": iso(project.updated_utc),
        "version": project.version,
        "script": project.script_name,
        "scenes": len(scenes),
        "eighths": sum(int(s.get("eighths") or 0) for s in scenes),
        "boards": [{"id": b.id, "name": b.name, "revision": b.revision} for b in project.boards],
    }


def project_document(project: Project) -> dict:
    data = project_summary(project)
    data["files"] = [f.name for f in project.files]
    data["settings_toml"] = project.settings_toml
    data["breakdown"] = json.loads(project.breakdown_json)
    return data


def upload_name(upload: UploadFile | None, what: str) -> str:
    """The base name of an upload: the client's folders are dropped, nothing is opened by it."""
    if upload is None or not upload.filename:
        raise BadUpload(f"no {what} uploaded")
    name = PurePosixPath(upload.filename.replace("\\", "/")).name
    if not name or name in (".", ".."):
        raise BadUpload(f"the {what} has no usable file name")
    return name


def decode_text(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadUpload(f"{name} is not UTF-8 text ({error.reason})") from None


def _ws(request: Request):
    return request.app.state.workspace


def _jobs(request: Request):
    return request.app.state.jobs


@router.get("/projects", summary="Every project, newest first")
def list_projects(request: Request) -> dict:
    return {"projects": [project_summary(p) for p in _ws(request).store.projects()]}


@router.post(
    "/projects", status_code=201, summary="Create a project from a script and its settings"
)
async def create_project(
    request: Request,
    script: Annotated[UploadFile, File(description="Fountain, FDX or .uss file")],
    settings: Annotated[UploadFile | None, File(description="skyslate.toml")] = None,
    settings_toml: Annotated[str | None, Form(description="skyslate.toml as text")] = None,
    files: Annotated[
        list[UploadFile] | None, File(description="files the settings name (element sets)")
    ] = None,
) -> dict:
    script_name = upload_name(script, "script")
    script_bytes = await script.read()
    if settings is not None and settings.filename:
        settings_toml = decode_text(await settings.read(), upload_name(settings, "settings file"))
    if not settings_toml:
        raise BadUpload("no settings: upload skyslate.toml or fill in the settings")
    extra = {}
    for upload in files or []:
        if upload.filename:
            extra[upload_name(upload, "file")] = await upload.read()
    project = _ws(request).create_project(
        script_name=script_name, script_bytes=script_bytes, settings_toml=settings_toml, files=extra
    )
    return project_document(project)


@router.post("/scripts/breakdown", summary="Break an uploaded script down (nothing is stored)")
async def breakdown_script(
    script: Annotated[UploadFile, File(description="Fountain, FDX or .uss file")],
) -> dict:
    """The breakdown of a script plus its characters (most scenes first) and sets, to prefill the settings form."""
    name = upload_name(script, "script")
    breakdown = core.read_script(name, await script.read())
    counts: dict[str, int] = {}
    sets: list[str] = []
    for scene in breakdown.scenes:
        for character in scene.speaking:
            counts[character] = counts.get(character, 0) + 1
        if scene.location and scene.location not in sets:
            sets.append(scene.location)
    return {
        "script": name,
        "title": breakdown.title,
        "scenes": [
            {
                "number": s.number,
                "heading": s.heading,
                "int_ext": s.int_ext,
                "day_night": s.day_night,
            }
            for s in breakdown.scenes
        ],
        "characters": sorted(counts, key=lambda c: (-counts[c], c)),
        "sets": sets,
    }


@router.get("/projects/{project_id}", summary="One project: settings, breakdown, boards")
def get_project(request: Request, project_id: int) -> dict:
    return project_document(_ws(request).store.project(project_id))


@router.delete("/projects/{project_id}", status_code=204, summary="Delete a project and its boards")
def delete_project(request: Request, project_id: int) -> Response:
    _ws(request).store.delete_project(project_id)
    return Response(status_code=204)


@router.put("/projects/{project_id}/settings", summary="Replace the settings (skyslate.toml text)")
def put_settings(request: Request, project_id: int, body: SettingsUpdate) -> dict:
    return project_document(_ws(request).update_settings(project_id, body.settings_toml, {}))


@router.get("/projects/{project_id}/settings.toml", summary="Export the settings as skyslate.toml")
def export_settings(request: Request, project_id: int) -> Response:
    project = _ws(request).store.project(project_id)
    return Response(
        project.settings_toml,
        media_type="application/toml",
        headers={"content-disposition": 'attachment; filename="skyslate.toml"'},
    )


@router.post("/projects/{project_id}/files", summary="Add or replace files the settings name")
async def put_files(
    request: Request, project_id: int, files: Annotated[list[UploadFile], File()]
) -> dict:
    ws = _ws(request)
    project = ws.store.project(project_id)
    extra = {upload_name(u, "file"): await u.read() for u in files if u.filename}
    return project_document(ws.update_settings(project_id, project.settings_toml, extra))


@router.patch("/projects/{project_id}/scenes/{number}", summary="Edit one scene of the breakdown")
def edit_scene(request: Request, project_id: int, number: str, body: SceneEdit) -> dict:
    edit = body.model_dump(exclude_unset=True)
    return project_document(_ws(request).edit_scene(project_id, number, edit))


@router.post("/projects/{project_id}/optimise", status_code=202, summary="Start optimising (a job)")
def optimise(request: Request, project_id: int, body: OptimiseRequest | None = None) -> dict:
    body = body or OptimiseRequest()
    board = _ws(request).store.board(project_id, body.board)
    job = _jobs(request).start_optimise(project_id, board.id, body.time_limit_seconds)
    return {"job": job.id, "url": f"/api/jobs/{job.id}"}


@router.get("/jobs/{job_id}", summary="A job's progress and result")
def get_job(request: Request, job_id: str) -> dict:
    return job_document(_ws(request).store.job(job_id))


@router.post("/jobs/{job_id}/cancel", summary="Cancel a running job")
def cancel_job(request: Request, job_id: str) -> dict:
    return job_document(_jobs(request).cancel(job_id))


@router.get("/projects/{project_id}/jobs", summary="The project's jobs, newest first")
def project_jobs(request: Request, project_id: int) -> dict:
    return {"jobs": [job_document(j) for j in _ws(request).store.jobs(project_id)]}


@router.get("/projects/{project_id}/schedule", summary="The plan json of a board plus its revision")
def get_schedule(
    request: Request, project_id: int, board: int | None = Query(default=None)
) -> Response:
    return plain_json(_ws(request).schedule(project_id, board))


@router.put(
    "/projects/{project_id}/schedule",
    summary="Save an order by hand: evaluated, never re-optimised; 409 if based on an old revision",
    responses={409: {"description": "the board has a newer revision; `revision` says which"}},
)
def put_schedule(
    request: Request, project_id: int, body: ScheduleEdit, board: int | None = Query(default=None)
) -> Response:
    document = _ws(request).save_days(
        project_id,
        board,
        base_revision=body.revision,
        days=body.days,
        note=body.note or "edited by hand",
    )
    return plain_json(document)


@router.get("/projects/{project_id}/boards", summary="The project's named boards")
def list_boards(request: Request, project_id: int) -> dict:
    project = _ws(request).store.project(project_id)
    return {"boards": project_summary(project)["boards"]}


@router.post(
    "/projects/{project_id}/boards", status_code=201, summary="A new named board (scenario)"
)
def create_board(request: Request, project_id: int, body: BoardCreate) -> dict:
    board = _ws(request).store.create_board(project_id, body.name, body.copy_from)
    return {"id": board.id, "name": board.name, "revision": board.revision}


@router.get(
    "/projects/{project_id}/boards/{board_id}/revisions",
    summary="A board's revisions, newest first",
)
def list_revisions(request: Request, project_id: int, board_id: int) -> dict:
    ws = _ws(request)
    board = ws.store.board(project_id, board_id)
    return {
        "board": {"id": board.id, "name": board.name, "revision": board.revision},
        "revisions": [
            {
                "revision": r.number,
                "saved_utc": iso(r.created_utc),
                "note": r.note,
                "kind": r.kind,
                "cost": r.cost_total,
            }
            for r in ws.store.revisions(board.id)
        ],
    }


@router.get(
    "/projects/{project_id}/boards/{board_id}/compare",
    summary="Two revisions: cost and moved scenes",
)
def compare(request: Request, project_id: int, board_id: int, a: int, b: int) -> dict:
    ws = _ws(request)
    board = ws.store.board(project_id, board_id)
    return ws.compare(board.id, a, b)


@router.post(
    "/projects/{project_id}/boards/{board_id}/restore", summary="Bring back an old revision"
)
def restore(request: Request, project_id: int, board_id: int, body: RestoreRequest) -> Response:
    ws = _ws(request)
    board = ws.store.board(project_id, board_id)
    return plain_json(
        ws.restore(project_id, board.id, number=body.revision, base_revision=body.base_revision)
    )


@router.post(
    "/projects/{project_id}/reports",
    status_code=202,
    summary="Write every report of a revision (a job)",
)
def make_reports(request: Request, project_id: int, body: ReportsRequest | None = None) -> dict:
    body = body or ReportsRequest()
    ws = _ws(request)
    board = ws.store.board(project_id, body.board)
    number = body.revision if body.revision is not None else board.revision
    if ws.store.revision(board.id, number) is None:
        raise WebError(f"board {board.name!r} has no revision {number} to report on", status=404)
    job = _jobs(request).start_reports(project_id, board.id, number)
    return {"job": job.id, "url": f"/api/jobs/{job.id}"}


@router.get("/projects/{project_id}/reports", summary="The report files of a revision")
def list_reports(
    request: Request, project_id: int, board: int | None = None, revision: int | None = None
) -> dict:
    ws = _ws(request)
    found = ws.store.board(project_id, board)
    number = revision if revision is not None else found.revision
    stored = ws.store.revision(found.id, number)
    files = ws.store.report_files(stored.id) if stored is not None else []
    base = f"/projects/{project_id}/boards/{found.id}/revisions/{number}/reports"
    return {
        "board": found.id,
        "revision": number,
        "files": [
            {
                "id": f.id,
                "name": f.name,
                "media_type": f.media_type,
                "bytes": len(f.data),
                "url": f"{base}/{f.name}",
            }
            for f in files
        ],
    }
