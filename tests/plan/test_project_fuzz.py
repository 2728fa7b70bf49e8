"""Whatever is written in the project file, loading it ends in a result or a typed error."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.plan.conftest import EXAMPLE

from skyslate.errors import SkyslateError
from skyslate.plan.project import parse_project

TEXT = (EXAMPLE / "skyslate.toml").read_text(encoding="utf-8")
# every "key = value" line's value: the places a user types into
VALUES = [m for m in re.finditer(r"^(\s*[\w.\"]+\s*=\s*)(.+)$", TEXT, re.M)]
REPLACEMENTS = st.sampled_from(
    [
        '"x"',
        "-1",
        "0",
        "1e9",
        "true",
        "[]",
        "{}",
        '["a"]',
        "2021-02-30",
        "2021-10-05",
        "1979-05-27T07:32:00",
        '"25:00-26:00"',
        '"sunlit and"',
        '"MOSCOW"',
        "[{ from = 2021-10-01 }]",
        "nan",
        '""',
    ]
)


@pytest.fixture(scope="module")
def breakdown():
    from skyslate.script import read_script

    return read_script(EXAMPLE / "the-challenge.fountain")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_a_mutated_project_loads_or_raises_a_typed_error(breakdown, data):
    match = data.draw(st.sampled_from(VALUES))
    value = data.draw(REPLACEMENTS)
    text = TEXT[: match.start(2)] + value + TEXT[match.end(2) :]
    files = {"iss-2021-10.tle": (EXAMPLE / "iss-2021-10.tle").read_bytes()}
    try:
        parse_project(text, breakdown=breakdown, files=files)
    except SkyslateError as error:
        assert error.line is None or error.line >= 1
        assert "pydantic" not in str(error) and "validation error" not in str(error)


def test_the_web_path_needs_no_disk(breakdown):
    files = {"iss-2021-10.tle": (EXAMPLE / "iss-2021-10.tle").read_bytes()}
    production = parse_project(TEXT, breakdown=breakdown, files=files, source="upload.toml")
    assert production.source == "upload.toml" and len(production.scenes) == 27
    with pytest.raises(
        SkyslateError, match=r"^upload.toml:\d+: element-set file 'iss-2021-10.tle' not found"
    ):
        parse_project(TEXT, breakdown=breakdown, files={}, source="upload.toml")
