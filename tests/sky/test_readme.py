"""The README's `sky` section shows real, current output: its examples are rerun here."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TLE = ROOT / "tests" / "data" / "iss-2021-10.tle"


def section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text[text.index("<!-- section:sky -->") : text.index("<!-- /section:sky -->")]


def console_examples() -> list[tuple[str, list[str]]]:
    """(command without `$ skyslate `, lines printed under it) for every console example."""
    out = []
    for block in re.findall(r"```console\n(.*?)```", section(), re.S):
        block = block.replace("\\\n", " ")  # join continued command lines
        for chunk in re.split(r"^\$ skyslate ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            out.append((" ".join(command.split()), output.rstrip("\n").splitlines()))
    return out


def json_examples() -> list[dict]:
    return [json.loads(block) for block in re.findall(r"```json\n(.*?)```", section(), re.S)]


def run(run_cli, command: str) -> tuple[int, list[str], str]:
    code, out, err = run_cli(*[a.strip('"') for a in command.split()])
    return code, [line.rstrip() for line in out.splitlines()], err


def test_every_console_example_prints_what_the_readme_shows(run_cli, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tests" / "data").mkdir(parents=True)
    (tmp_path / "tests" / "data" / "iss-2021-10.tle").write_bytes(TLE.read_bytes())
    lines = TLE.read_text().splitlines()
    # bad.tle: set A's line 1 with its checksum digit changed from 4 to 5
    (tmp_path / "bad.tle").write_text("\n".join([lines[0], lines[1][:-1] + "5", lines[2]]) + "\n")
    from skyslate.sky.elements import tle_checksum

    letters = lines[1][:33] + "abcdefghij" + lines[1][43:68]
    (tmp_path / "letters.tle").write_text(
        "\n".join([lines[0], letters + str(tle_checksum(letters)), lines[2]]) + "\n"
    )
    examples = console_examples()
    assert len(examples) >= 6
    for command, shown in examples:
        code, printed, err = run(run_cli, command)
        if shown and shown[0].startswith("Error: "):
            assert (code, printed) == (1, []), command
            assert err.splitlines() == shown, command
            continue
        assert code == 0, (command, err)
        # Rows the README leaves out are marked "..."; every other line is printed as shown.
        shown_rows = [line.rstrip() for line in shown if line.strip() != "..."]
        missing = [line for line in shown_rows if line not in printed]
        assert not missing, (command, missing)


def test_the_ground_json_example_is_real(run_cli):
    shown = json_examples()[0]
    code, out, _ = run_cli(
        "sky", "ground", "--lat", "55.7558", "--lon", "37.6173", "--tz", "Europe/Moscow",
        "--from", "2021-10-05", "--format", "json",
    )  # fmt: skip
    real = json.loads(out)
    assert code == 0 and shown["site"] == real["site"]
    (day,) = shown["days"]
    assert {key: real["days"][0][key] for key in day} == day


def test_the_orbit_json_example_is_real(run_cli):
    shown = json_examples()[1]
    code, out, _ = run_cli(
        "sky", "orbit", "--tle", str(TLE), "--from", "2021-10-05T00:00Z",
        "--to", "2021-10-05T02:00Z", "--station", "Moscow:55.75:37.62", "--format", "json",
    )  # fmt: skip
    real = json.loads(out)
    assert code == 0
    assert shown["element_sets"][0] == real["element_sets"][0]
    for key in ("from", "to", "windows", "beta_degrees", "sunrises_per_day"):
        assert shown[key] == real[key], key
