"""Read and check a schedule.json (the plan json contract) before any report is drawn."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from skyslate.errors import ReportError

# The plan json format this package reads. A file may say so in "version"; a file
# without the key is read as version 1 (the solver's first output carries none).
PLAN_VERSION = 1

_TOP_KEYS = {"production": (str, dict), "cost": dict, "cast": list, "days": list}
_DAY_KEYS = {"date": str, "number": int, "location": str, "scenes": list}
_SCENE_KEYS = {"number": str, "set": str, "start": str, "end": str, "eighths": int, "cast": list}


def read_plan(path: str | Path) -> dict:
    """The plan json dict in the schedule file at `path`, checked for version and shape."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ReportError(f"cannot read the schedule: {error}", path=path) from None
    try:
        plan = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReportError(
            f"not a schedule json: {error.msg}", path=path, line=error.lineno
        ) from None
    check_plan(plan, source=path)
    return plan


def check_plan(plan: object, *, source: str | Path | None = None) -> dict:
    """Raise ReportError naming the first key that breaks the plan json contract."""
    if not isinstance(plan, dict):
        raise ReportError("a schedule json must be an object at the top", path=source)
    version = plan.get("version", PLAN_VERSION)
    if version != PLAN_VERSION:
        raise ReportError(
            f"schedule format version {version!r}; this skyslate reads version {PLAN_VERSION} "
            "(re-run `skyslate plan` to write it again)",
            path=source,
        )
    _expect(plan, _TOP_KEYS, "", source)
    for i, day in enumerate(plan["days"]):
        where = f"days[{i}]"
        _expect(day, _DAY_KEYS, where, source)
        _parse_date(day["date"], f"{where}.date", source)
        for j, scene in enumerate(day["scenes"]):
            _expect(scene, _SCENE_KEYS, f"{where}.scenes[{j}]", source)
            for key in ("start", "end"):
                moment = _parse_datetime(scene[key], f"{where}.scenes[{j}].{key}", source)
                if moment.tzinfo is None:
                    raise ReportError(
                        f"{where}.scenes[{j}].{key} = {scene[key]!r} has no UTC offset", path=source
                    )
    dates = [day["date"] for day in plan["days"]]
    if dates != sorted(dates) or len(set(dates)) != len(dates):
        raise ReportError("days must be in date order, one entry per date", path=source)
    for i, member in enumerate(plan["cast"]):
        _expect(member, {"id": int, "name": str}, f"cast[{i}]", source)
    for i, item in enumerate(plan.get("unscheduled") or []):
        _expect(item, {"number": str}, f"unscheduled[{i}]", source)
    dood = plan.get("dood")
    if dood is not None:
        if not isinstance(dood, dict):
            raise ReportError("dood must be an object {cast id: {date: code}}", path=source)
        for board_id, codes in dood.items():
            if not isinstance(codes, dict) or not all(isinstance(c, str) for c in codes.values()):
                raise ReportError(f"dood[{board_id!r}] must map dates to codes", path=source)
    for key in ("days_off", "holidays"):
        for text in plan.get(key) or []:
            _parse_date(text, key, source)
    return plan


def _expect(obj: object, keys: dict, where: str, source) -> None:
    if not isinstance(obj, dict):
        raise ReportError(f"{where or 'the top'} must be an object", path=source)
    for key, kind in keys.items():
        name = f"{where}.{key}" if where else key
        if key not in obj:
            raise ReportError(f"missing key {name!r}", path=source)
        if not isinstance(obj[key], kind) or isinstance(obj[key], bool):
            wanted = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
            raise ReportError(f"{name} must be {wanted}, not {obj[key]!r}", path=source)


def _parse_date(text: str, name: str, source) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ReportError(f"{name} = {text!r} is not an ISO date", path=source) from None


def _parse_datetime(text: str, name: str, source) -> datetime:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        raise ReportError(f"{name} = {text!r} is not an ISO date-time", path=source) from None
