"""Fixtures for the planner tests: the demo production, loaded once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "skyslate" / "examples" / "the-challenge"


@pytest.fixture(scope="session")
def demo_production():
    from skyslate.plan.project import load_project

    return load_project(EXAMPLE)


@pytest.fixture
def demo_copy(tmp_path):
    """A writable copy of the demo project; returns (folder, project text)."""
    for name in ("skyslate.toml", "the-challenge.fountain", "iss-2021-10.tle"):
        shutil.copy(EXAMPLE / name, tmp_path / name)
    return tmp_path, (tmp_path / "skyslate.toml").read_text(encoding="utf-8")


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line holding `fragment` (the tests' own locator)."""
    hits = [n for n, line in enumerate(text.splitlines(), start=1) if fragment in line]
    assert len(hits) >= occurrence, fragment
    return hits[occurrence - 1]
