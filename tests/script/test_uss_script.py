"""A .uss breakdown reads like a screenplay: through read_script and `skyslate breakdown`."""

from __future__ import annotations

import json
from pathlib import Path

from skyslate.script import read_script

USS = Path(__file__).resolve().parent.parent / "report" / "data" / "hand-made.uss"


def test_read_script_takes_a_uss_breakdown():
    breakdown = read_script(USS)
    raw = json.loads(USS.read_text(encoding="utf-8"))["universalScheduleStandard"]
    scenes = [b for b in raw["breakdowns"] if b.get("type", "scene") == "scene"]
    assert [s.number for s in breakdown.scenes] == [str(b["scene"]) for b in scenes]
    assert all(scene.eighths >= 1 for scene in breakdown.scenes)


def test_breakdown_command_reads_uss_as_json(run_cli):
    code, out, err = run_cli("breakdown", USS, "--format", "json")
    assert (code, err) == (0, "")
    numbers = [scene["number"] for scene in json.loads(out)["scenes"]]
    assert numbers == [scene.number for scene in read_script(USS).scenes]


def test_a_uss_file_that_is_not_json_names_its_line(run_cli, tmp_path):
    bad = tmp_path / "broken.uss"
    bad.write_text('{\n  "universalScheduleStandard": {\n    "breakdowns": [,]\n', encoding="utf-8")
    code, out, err = run_cli("breakdown", bad)
    assert code == 1
    assert out == ""
    assert err.startswith(f"Error: {bad}:3: not JSON: ")
