"""Fixtures shared by every test package."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
EXAMPLE = ROOT / "examples" / "the-challenge"


@pytest.fixture
def run_cli():
    """Run `skyslate ARGS...` in-process through `main`; returns (exit_code, stdout, stderr)."""
    from skyslate.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        runner = CliRunner()
        with runner.isolation() as (stdout, stderr, _output):
            code = main([str(a) for a in args])
        return code, stdout.getvalue().decode(), stderr.getvalue().decode()

    return run
