"""`skyslate breakdown` in-process: formats, exit codes and exact error texts."""

from __future__ import annotations

import csv
import io
import json

import pytest

JSON_KEYS = [
    "number",
    "heading",
    "int_ext",
    "location",
    "time_of_day",
    "day_night",
    "eighths",
    "speaking",
    "characters",
    "elements",
    "line",
]


def test_table(run_cli, example_path):
    code, out, err = run_cli("breakdown", example_path)
    assert (code, err) == (0, "")
    assert out.startswith("THE CHALLENGE: 27 scenes, 13 2/8 pages")
    row = next(line for line in out.splitlines() if line.startswith("│ 11A │"))
    assert "INT/EXT" in row and "CREW BUS - BAIKONUR - SITE 31 ROAD" in row
    assert "NIGHT" in row and "3/8" in row and "KIREEV, ZHENYA" in row
    # Characters seen only in the action are bracketed after the speakers.
    row = next(line for line in out.splitlines() if line.startswith("│  14 │"))
    assert "SABIROV, ZHENYA, [KIREEV], [ORLOV]" in row


def test_json_is_one_document_with_the_contract_keys(run_cli, example_path):
    code, out, err = run_cli("breakdown", example_path, "--format", "json")
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert list(document) == ["title", "scenes"]
    assert document["title"] == "THE CHALLENGE"
    assert len(document["scenes"]) == 27
    first = document["scenes"][0]
    assert list(first) == JSON_KEYS
    assert first["number"] == "1" and first["int_ext"] == "EXT" and first["line"] == 18
    assert first["elements"]["Wardrobe"] == ["two Orlan spacesuits"]


def test_csv_has_one_row_per_scene(run_cli, example_path):
    code, out, _err = run_cli("breakdown", example_path, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 27
    assert rows[11]["number"] == "11A" and rows[11]["int_ext"] == "INT/EXT"
    assert rows[13]["pages"] == "1 3/8" and rows[13]["eighths"] == "11"


def test_fdx_through_the_cli(run_cli, scripts_dir):
    code, out, _err = run_cli("breakdown", scripts_dir / "live-link.fdx", "--format", "json")
    assert code == 0
    assert [s["number"] for s in json.loads(out)["scenes"]] == ["1", "2", "4A"]


def test_empty_file_is_zero_scenes(run_cli, tmp_path):
    script = tmp_path / "empty.fountain"
    script.write_text("")
    code, out, err = run_cli("breakdown", script, "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out) == {"title": None, "scenes": []}
    code, out, _err = run_cli("breakdown", script)
    assert code == 0 and out.startswith("Untitled: no scenes")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "latin1.fountain",
            b"INT. CAF\xc9 - DAY\n",
            "1: not valid UTF-8 (byte 0xc9); save the script as UTF-8",
        ),
        (
            "binary.fountain",
            b"INT. A - DAY\n\n\x00\x01\x02",
            "3: not a text file (it contains NUL bytes); expected Fountain text or FDX XML",
        ),
        (
            "boneyard.fountain",
            b"INT. A - DAY\n\n/* never closed\n",
            "3: boneyard '/*' is never closed with '*/'",
        ),
        ("note.fountain", b"INT. A - DAY\n\n[[ open\n", "3: note '[[' is never closed with ']]'"),
        (
            "bad.fdx",
            b"<FinalDraft><Content>\n<Paragraph>\n</Content>",
            "3: malformed FDX XML (mismatched tag)",
        ),
        (
            "bomb.fdx",
            b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa">]>\n<FinalDraft/>',
            "2: refusing unsafe XML (DTDForbidden): FDX files need no DTD or entities",
        ),
        (
            "external.fdx",
            b'<?xml version="1.0"?>\n<!DOCTYPE x [ <!ENTITY e SYSTEM "file:///etc/passwd"> ]>\n'
            b'<FinalDraft><Content><Paragraph Type="Action"><Text>&e;</Text></Paragraph>'
            b"</Content></FinalDraft>",
            "2: refusing unsafe XML (DTDForbidden): FDX files need no DTD or entities",
        ),
        (
            "undefined.fdx",
            b'<FinalDraft><Content>\n<Paragraph Type="Action"><Text>&e;</Text></Paragraph>'
            b"</Content></FinalDraft>",
            "2: malformed FDX XML (undefined entity)",
        ),
        (
            "binary.fdx",
            b"<FinalDraft>\n\x00\x01",
            "2: not a text file (it contains NUL bytes); expected Fountain text or FDX XML",
        ),
    ],
)
def test_bad_input_exits_1_with_file_and_line(run_cli, tmp_path, name, data, message):
    script = tmp_path / name
    script.write_bytes(data)
    code, out, err = run_cli("breakdown", script, "--format", "json")
    assert code == 1
    assert out == ""  # nothing that could pass for a result
    assert err == f"Error: {script}:{message}\n"


def test_missing_file_and_directory(run_cli, tmp_path):
    assert run_cli("breakdown", tmp_path / "nope.fountain") == (
        1,
        "",
        f"Error: {tmp_path / 'nope.fountain'}: no such file\n",
    )
    code, out, err = run_cli("breakdown", tmp_path)
    assert (code, out) == (2, "") and "is a directory" in err


def test_files_over_20_mb_are_refused_before_reading(run_cli, tmp_path):
    script = tmp_path / "huge.fountain"
    with script.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024 + 1)  # sparse: costs no disk and no time
    code, out, err = run_cli("breakdown", script)
    assert (code, out) == (1, "")
    assert err == (
        f"Error: {script}:1: file is 20,971,521 bytes;"
        " screenplays over 20 MB (20,971,520 bytes) are refused\n"
    )


def test_bad_format_is_a_usage_error(run_cli, example_path):
    code, _out, err = run_cli("breakdown", example_path, "--format", "xml")
    assert code == 2
    assert "Invalid value for '--format'" in err
