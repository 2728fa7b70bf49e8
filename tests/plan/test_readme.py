"""The README's project-file example is a valid project file, key for key."""

from __future__ import annotations

import re
from pathlib import Path

from skyslate.plan.project import read_document

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_documented_project_file_validates():
    text = README.read_text(encoding="utf-8")
    section = text[text.index("<!-- section:project -->") : text.index("<!-- /section:project -->")]
    example = re.search(r"```toml\n(.*?)```", section, re.S).group(1)
    document = read_document(example, source="README.md")
    project = document.project
    assert project.scenes["16"].not_on_set == ["GURIN"]
    assert project.moves[0].between == ["Moscow", "Star City"]
    assert project.locations[0].kind == "orbit" and project.locations[1].kind == "ground"
    assert [s.name for s in project.locations[1].sets] == ["STAR CITY", "GAGARIN ALLEY"]


def _keys_used(model, raw, seen: set) -> None:
    """Record (model, key) for every key the raw TOML gives a schema model, recursively."""
    import typing

    from pydantic import BaseModel

    def models_in(annotation):
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return [annotation]
        return [m for arg in typing.get_args(annotation) for m in models_in(arg)]

    fields = {field.alias or name: field for name, field in model.model_fields.items()}
    for key, value in raw.items():
        seen.add((model.__name__, key))
        inner = models_in(fields[key].annotation)
        values = value.values() if isinstance(value, dict) and key == "scenes" else [value]
        for item in values:
            for element in item if isinstance(item, list) else [item]:
                if inner and isinstance(element, dict):
                    _keys_used(inner[0], element, seen)


def test_the_documented_project_file_shows_every_key():
    import tomllib

    from pydantic import BaseModel

    from skyslate.plan import schema

    text = README.read_text(encoding="utf-8")
    section = text[text.index("<!-- section:project -->") : text.index("<!-- /section:project -->")]
    example = re.search(r"```toml\n(.*?)```", section, re.S).group(1)
    seen: set = set()
    _keys_used(schema.ProjectFile, tomllib.loads(example), seen)
    every = {
        (model.__name__, field.alias or name)
        for model in vars(schema).values()
        if isinstance(model, type) and issubclass(model, BaseModel) and model.__module__ == schema.__name__
        and model is not schema.Strict
        for name, field in model.model_fields.items()
    }  # fmt: skip
    assert every - seen == set()
