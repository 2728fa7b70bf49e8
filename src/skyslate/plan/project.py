"""Read skyslate.toml: parse, validate, and build the Production, every error at its line."""

from __future__ import annotations

import difflib
import re
import tomllib
import types
import typing
from pathlib import Path

from pydantic import BaseModel, ValidationError

from skyslate.errors import ProjectError
from skyslate.plan import schema
from skyslate.plan.locate import KeyLines
from skyslate.plan.model import Production

PROJECT_FILE = "skyslate.toml"


def load_project(path, *, breakdown=None) -> Production:
    """The Production of a project folder (holding skyslate.toml) or of the file itself."""
    path = Path(path)
    if path.is_dir():
        path = path / PROJECT_FILE
    if not path.is_file():
        raise ProjectError(
            "no project file here; give a folder holding skyslate.toml or the file itself",
            path=path,
        )
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ProjectError(f"not UTF-8 text ({error.reason})", path=path) from None
    return parse_project(text, source=str(path), base_dir=path.parent, breakdown=breakdown)


def parse_project(
    toml_text: str,
    *,
    source: str = PROJECT_FILE,
    base_dir=None,
    breakdown=None,
    files: dict[str, bytes] | None = None,
) -> Production:
    """The Production described by a project file's text.

    `breakdown` replaces reading the script named in the file; `files` maps file
    names (the element sets) to their bytes so a caller need not touch the disk.
    """
    document = read_document(toml_text, source=source)
    from skyslate.plan.build import build_production

    return build_production(
        document,
        source=source,
        base_dir=Path(base_dir) if base_dir else None,
        breakdown=breakdown,
        files=files or {},
    )


class Document:
    """A validated project file with the line of every key, for later errors."""

    def __init__(self, project: schema.ProjectFile, lines: KeyLines, source: str):
        self.project = project
        self.lines = lines
        self.source = source

    def error(self, path, message: str) -> ProjectError:
        """A ProjectError at the line of key `path` (a tuple of keys and 0-based indices)."""
        return ProjectError(message, path=self.source, line=self.lines.line(path))


def read_document(toml_text: str, *, source: str = PROJECT_FILE) -> Document:
    """Parse and validate the TOML text; raise ProjectError naming the line."""
    try:
        raw = tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as error:
        text = str(error)
        match = re.search(r"\(at line (\d+), column \d+\)", text)
        line = int(match.group(1)) if match else None
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", text) if match else text
        raise ProjectError(f"not valid TOML: {message}", path=source, line=line) from None
    lines = KeyLines(toml_text)
    try:
        project = schema.ProjectFile.model_validate(raw)
    except ValidationError as error:
        raise _translate(error, raw, lines, source) from None
    return Document(project, lines, source)


# -- pydantic errors in words ----------------------------------------------------

_EXPECTED = {
    "float": "a number",
    "int": "a whole number",
    "bool": "true or false",
    "string": "text in quotes",
    "list": "a list [...]",
    "dict": "a table",
    "model": "a table",
    "date": "a date such as 2021-10-05",
    "datetime": "a date and time such as 2021-10-12T07:05:00Z",
}


def _translate(error: ValidationError, raw: dict, lines: KeyLines, source: str) -> ProjectError:
    """The first pydantic error (by line) as a ProjectError a person can act on."""
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple("from" if part == "from_" else part for part in item["loc"])
        loc = _strip_union_tags(loc)
        problems.append((lines.line(loc), loc, item))
    # an unknown key usually explains a missing one (a typo), so it comes first
    problems.sort(key=lambda p: (p[2]["type"] != "extra_forbidden", p[0]))
    line, loc, item = problems[0]
    return ProjectError(_describe(loc, item, raw), path=source, line=line)


def _strip_union_tags(loc: tuple) -> tuple:
    # pydantic adds the tried member type ("date", "datetime", "function-after[...]") to the path
    keep = []
    for part in loc:
        if isinstance(part, str) and (part in ("date", "datetime") or "[" in part):
            continue
        keep.append(part)
    return tuple(keep)


def key_name(loc: tuple) -> str:
    """('cast', 1, 'rate_per_day') -> 'cast[2].rate_per_day' (entries counted from 1)."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += ("." if text else "") + (part if re.fullmatch(r"[\w-]+", part) else f'"{part}"')
    return text or "the file"


def _describe(loc: tuple, item: dict, raw: dict) -> str:
    kind = item["type"]
    where = key_name(loc)
    if kind == "extra_forbidden":
        valid = _valid_keys(loc[:-1])
        return unknown_key_message(str(loc[-1]), valid, key_name(loc[:-1]))
    if kind == "missing":
        return f"{key_name(loc[:-1])} is missing the key '{loc[-1]}'"
    if kind == "value_error":
        message = item["msg"].removeprefix("Value error, ")
        return f"{where}: {message}"
    got = item.get("input")
    shown = f"{got!r}" if not isinstance(got, (dict, list)) else type(got).__name__
    if isinstance(got, bool):
        shown = "true" if got else "false"  # as the TOML file spells it
    for prefix, words in _EXPECTED.items():
        if kind.startswith(prefix):
            return f"{where}: expected {words}, got {shown}"
    context = item.get("ctx") or {}
    if kind in ("too_short", "too_long"):
        count = context.get("actual_length")
        if kind == "too_short":
            want = f"at least {context.get('min_length')}"
        else:
            want = f"at most {context.get('max_length')}"
        noun = "entry" if want.endswith(" 1") else "entries"
        return f"{where}: must have {want} {noun}, got {count}"
    if kind == "finite_number":
        return f"{where}: expected a finite number, got {shown}"
    bounds = {
        "greater_than": "more than {gt}",
        "greater_than_equal": "at least {ge}",
        "less_than": "less than {lt}",
        "less_than_equal": "at most {le}",
    }
    if kind in bounds:
        limits = {
            k: int(v) if isinstance(v, float) and v.is_integer() else v for k, v in context.items()
        }
        return f"{where}: must be {bounds[kind].format(**limits)}, got {shown}"
    return f"{where}: {item['msg']}"


def unknown_key_message(key: str, valid: list[str], where: str) -> str:
    """ "unknown key 'x' in cast[2] (did you mean 'y'?); valid keys: ..."."""
    guess = difflib.get_close_matches(key, valid, n=1)
    hint = f" (did you mean '{guess[0]}'?)" if guess else ""
    place = "at the top level" if where == "the file" else f"in {where}"
    return f"unknown key '{key}' {place}{hint}; valid keys: {', '.join(valid)}"


def _valid_keys(loc: tuple) -> list[str]:
    """The keys the model at `loc` accepts (aliases as written in the file)."""
    annotation: typing.Any = schema.ProjectFile
    for part in loc:
        annotation = _step(annotation, part)
    annotation = _unoptional(annotation)
    if not _is_model(annotation):
        return []
    return [field.alias or name for name, field in annotation.model_fields.items()]


def _step(annotation, part):
    annotation = _unoptional(annotation)
    origin = typing.get_origin(annotation)
    if origin is list:
        return typing.get_args(annotation)[0]
    if origin is dict:
        return typing.get_args(annotation)[1]
    if _is_model(annotation):
        field = annotation.model_fields.get(part) or annotation.model_fields.get(f"{part}_")
        return field.annotation if field else None
    return None


def _unoptional(annotation):
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


def _is_model(value) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)
