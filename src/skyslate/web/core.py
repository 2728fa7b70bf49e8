"""The web layer's only door to the core: read scripts, build productions, solve, evaluate, report.

Every call is imported when first used, so a core piece not built yet (or broken)
answers a clear CoreUnavailable error instead of a fake result or an import crash.
"""

from __future__ import annotations

import importlib
import json
import tomllib
from dataclasses import fields
from datetime import date, datetime, timedelta
from pathlib import PurePosixPath

from skyslate.errors import ProjectError, ScriptError
from skyslate.script.model import Breakdown, Scene
from skyslate.web.errors import BadUpload, CoreUnavailable
from skyslate.web.localtime import local_violation_times

SCRIPT_KINDS = {
    ".fountain": "fountain",
    ".spmd": "fountain",
    ".txt": "fountain",
    ".fdx": "fdx",
    ".uss": "uss",
}


def core(module: str, name: str):
    """`module.name`, or CoreUnavailable naming what is missing."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as error:
        raise CoreUnavailable(
            f"{module}.{name} is not available in this build of skyslate ({error})",
            missing=f"{module}.{name}",
        ) from None


def script_kind(filename: str) -> str:
    """fountain | fdx | uss, from the upload's file name (the name only; it is never a path)."""
    suffix = PurePosixPath(filename.replace("\\", "/")).suffix.lower()
    if suffix not in SCRIPT_KINDS:
        raise BadUpload(
            f"cannot read {filename!r}: upload a Fountain (.fountain), Final Draft (.fdx) "
            "or Universal Schedule Standard (.uss) file"
        )
    return SCRIPT_KINDS[suffix]


def read_script(filename: str, data: bytes) -> Breakdown:
    """The Breakdown of an uploaded script, read by the same safe parsers as the CLI."""
    kind = script_kind(filename)
    name = PurePosixPath(filename.replace("\\", "/")).name
    if kind == "uss":
        try:
            document = json.loads(data.decode("utf-8-sig"))
        except UnicodeDecodeError as error:
            raise ScriptError(f"not UTF-8 text ({error.reason})", path=name) from None
        except json.JSONDecodeError as error:
            raise ScriptError(f"not JSON: {error.msg}", path=name, line=error.lineno) from None
        return core("skyslate.script.uss", "breakdown_from_uss")(document, source=name)
    if kind == "fdx":
        return core("skyslate.script", "parse_fdx")(data, name)
    text = core("skyslate.script.source", "decode_text")(data, name)
    return core("skyslate.script", "parse_fountain")(text, name)


def breakdown_to_dict(breakdown: Breakdown) -> dict:
    """Everything of a Breakdown, as JSON-ready data (synopsis and metadata kept)."""
    return {
        "title": breakdown.title,
        "metadata": dict(breakdown.metadata),
        "source": breakdown.source,
        "scenes": [
            {f.name: getattr(scene, f.name) for f in fields(Scene)} for scene in breakdown.scenes
        ],
    }


def breakdown_from_dict(data: dict) -> Breakdown:
    """The Breakdown stored by `breakdown_to_dict`."""
    known = {f.name for f in fields(Scene)}
    scenes = [Scene(**{k: v for k, v in scene.items() if k in known}) for scene in data["scenes"]]
    return Breakdown(
        title=data.get("title"),
        scenes=scenes,
        metadata=dict(data.get("metadata") or {}),
        source=data.get("source"),
    )


class UploadedFiles(dict):
    """The project's uploaded files, and nothing else: a name not uploaded is an error here.

    The core falls back to reading a name it is not given from the disk (right for the
    CLI, where skyslate.toml sits next to its files). On a server that name comes from a
    request, so every lookup answers "present" and a missing one raises instead: the
    core never reaches its filesystem branch.
    """

    def __contains__(self, name) -> bool:
        return True

    def __bool__(self) -> bool:
        return True  # `files or {}` must keep this mapping, even with nothing uploaded

    def __missing__(self, name):
        raise _not_uploaded(str(name), sorted(super().keys()))

    def get(self, name, default=None):
        return self[name]


def _not_uploaded(name: str, uploaded: list[str]) -> ProjectError:
    listed = ", ".join(uploaded) if uploaded else "none"
    return ProjectError(
        f"element-set file {name!r} is not among the project's uploaded files ({listed}); "
        "upload it with the project: the server never reads files from its own disk",
        path="skyslate.toml",
    )


def _check_file_names(settings_toml: str, files: dict[str, bytes]) -> None:
    """Every file the settings name (locations' element_sets) must be an uploaded one."""
    try:
        document = tomllib.loads(settings_toml)
    except tomllib.TOMLDecodeError:
        return  # the core reports the syntax error with its line
    for location in document.get("locations") or []:
        name = location.get("element_sets") if isinstance(location, dict) else None
        if isinstance(name, str) and name not in files:
            raise _not_uploaded(name, sorted(files))


def build_production(settings_toml: str, breakdown: Breakdown, files: dict[str, bytes]):
    """The Production of stored settings, with the breakdown and files given directly."""
    _check_file_names(settings_toml, files)
    parse_project = core("skyslate.plan.project", "parse_project")
    return parse_project(
        settings_toml, source="skyslate.toml", breakdown=breakdown, files=UploadedFiles(files)
    )


def solve(production, *, time_limit_seconds: float, progress=None):
    """The planner's best schedule within the time limit."""
    planner = core("skyslate.solve.planner", "solve")
    return planner(production, time_limit_seconds=time_limit_seconds, progress=progress)


def evaluate(production, days: list[list[str]]):
    """The schedule for a hand-made order, re-costed with every violation listed."""
    return core("skyslate.solve.evaluate", "evaluate")(production, days)


def plan_json(schedule, production) -> dict:
    """The plan json contract of a schedule, made JSON-safe, violation times local like the strips."""
    plan = json.loads(json.dumps(schedule.to_json(production), default=_json_default))
    return local_violation_times(plan)


def write_reports(plan: dict, breakdown: Breakdown, out_dir, *, pdf: bool = True) -> list:
    """Every report document for a plan, written into a folder the server chose."""
    return core("skyslate.report", "write_reports")(plan, breakdown, out_dir, pdf=pdf)


def days_from_plan(plan: dict, shoot_dates: list[date]) -> list[list[str]]:
    """Scene numbers per shoot date, in the calendar's order (empty lists for free dates)."""
    index = {d.isoformat(): i for i, d in enumerate(shoot_dates)}
    days: list[list[str]] = [[] for _ in shoot_dates]
    for day in plan.get("days", []):
        position = index.get(str(day["date"])[:10])
        if position is None:
            position = int(day["number"]) - 1
            days.extend([] for _ in range(position + 1 - len(days)))
        for scene in day.get("scenes", []):
            # A split scene appears once per piece ("part": [i, n]); the order names it once.
            if (scene.get("part") or [1])[0] == 1:
                days[position].append(str(scene["number"]))
    while days and not days[-1]:
        days.pop()
    return days


def _json_default(value):
    if isinstance(value, datetime):
        text = value.isoformat()
        return text[:-6] + "Z" if value.utcoffset() == timedelta(0) else text
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
