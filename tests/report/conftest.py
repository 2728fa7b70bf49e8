"""Fixtures of the report tests: the hand-made plan json, the breakdown, reports written once."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from skyslate.script.model import Breakdown, Scene

DATA = Path(__file__).resolve().parent / "data"
_PLAN = json.loads((DATA / "plan-challenge.json").read_text(encoding="utf-8"))


def load_breakdown() -> Breakdown:
    raw = json.loads((DATA / "breakdown-challenge.json").read_text(encoding="utf-8"))
    return Breakdown(
        title=raw["title"], scenes=[Scene(**s) for s in raw["scenes"]], metadata=raw["metadata"]
    )


@pytest.fixture
def plan() -> dict:
    """A fresh copy of the hand-made plan json (tests may change it)."""
    return copy.deepcopy(_PLAN)


@pytest.fixture(scope="session")
def breakdown() -> Breakdown:
    return load_breakdown()


@pytest.fixture(scope="session")
def reports(tmp_path_factory) -> Path:
    """Every document for the fixture, PDFs included, written once for the session."""
    from skyslate.report import write_reports

    out = tmp_path_factory.mktemp("reports")
    write_reports(copy.deepcopy(_PLAN), load_breakdown(), out)
    return out


@pytest.fixture
def numbers(plan) -> list[str]:
    """Scene numbers of the fixture in shooting order."""
    return [s["number"] for day in plan["days"] for s in day["scenes"]]
