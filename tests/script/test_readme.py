"""The README's `breakdown` section shows real, current output: each example is rerun here."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text[
        text.index("<!-- section:breakdown -->") : text.index("<!-- /section:breakdown -->")
    ]


def examples() -> dict[str, str]:
    """Command line (without `$ skyslate `) -> the output printed under it in the README."""
    out = {}
    for block in re.findall(r"```\n(.*?)```", section(), re.S):
        if block.startswith("$ skyslate "):
            command, _, output = block.partition("\n")
            out[command.removeprefix("$ skyslate ")] = output
    return out


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.strip("\n").splitlines()]


def test_the_table_and_csv_examples_are_verbatim(run_cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    shown = examples()
    table = "breakdown src/skyslate/examples/the-challenge/the-challenge.fountain"
    csv = "breakdown tests/data/scripts/live-link.fdx --format csv"
    for command in (table, csv):
        code, out, err = run_cli(*command.split())
        assert (code, err) == (0, "")
        assert lines(out) == lines(shown[command]), command


def test_the_json_example_is_one_real_scene(run_cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    command = "breakdown src/skyslate/examples/the-challenge/the-challenge.fountain --format json"
    shown = json.loads(examples()[command])
    code, out, _ = run_cli(*command.split())
    real = json.loads(out)
    assert code == 0 and shown["title"] == real["title"]
    (scene,) = shown["scenes"]
    assert scene in real["scenes"]


def test_the_error_example_is_real(run_cli, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "broken.fountain").write_text("INT. A - DAY\n\n/* cut from here\n\nEnd.\n")
    command = "breakdown broken.fountain"
    code, out, err = run_cli(*command.split())
    assert (code, out) == (1, "")
    assert lines(err) == lines(examples()[command])
