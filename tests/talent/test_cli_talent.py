"""`skyslate talent`: the JSON contract, the table, and exact messages for bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data" / "talent"


def test_json_document_follows_the_contract(run_cli, paid_cost):
    code, out, err = run_cli("talent", DATA / "film105.dat", "--format", "json")
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert list(document) == [
        "instance",
        "scenes",
        "actors",
        "cost",
        "holding_cost",
        "lower_bound",
        "optimal",
        "order",
        "seconds",
    ]
    assert document["instance"] == "film105.dat"  # the name line of the file
    assert (document["scenes"], document["actors"]) == (18, 8)
    # published optimum 849 (Qin, Zhang, Lim & Liang 2016, Table 10)
    assert (document["cost"], document["holding_cost"], document["lower_bound"]) == (849, 110, 849)
    assert document["optimal"] is True
    assert sorted(document["order"]) == list(range(1, 19))
    from skyslate.solve.talent import read_instance

    instance = read_instance(DATA / "film105.dat")
    zero_based = [scene - 1 for scene in document["order"]]
    assert paid_cost(instance.durations, instance.costs, instance.casts, zero_based) == 849


def test_dzn_file_is_read(run_cli):
    code, out, _err = run_cli("talent", DATA / "concert.dzn", "--format", "json")
    assert code == 0
    assert json.loads(out)["cost"] == 111  # CSPLib prob039 waiting time 17 + 94 playing


def test_time_limit_returns_best_found_and_a_bound(run_cli):
    code, out, _err = run_cli("talent", DATA / "Shaw2020", "--time-limit", "0", "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["lower_bound"] <= 877 <= document["cost"]
    assert document["optimal"] is (document["lower_bound"] == document["cost"])


def test_table_shows_cost_bound_and_order(run_cli):
    code, out, err = run_cli("talent", DATA / "tiny")
    assert code == 0
    assert "cost" in out and "29" in out
    assert "optimal" in out and "yes" in out
    assert err == ""


def test_idle_actor_noted_on_stderr_in_table_mode_only(run_cli):
    code, _out, err = run_cli("talent", DATA / "film-10")
    assert code == 0
    assert err.strip() == "note: actor 6 appears in no scene, so costs nothing"
    code, _out, err = run_cli("talent", DATA / "film-10", "--format", "json")
    assert (code, err) == (0, "")


PLAIN_LAYOUT = "name, n, m, m rows of n 0/1 flags and a daily cost, n durations"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "bad\n3\n2\n1 0 1 5\n0 1 1 2\n1 1\n",
            "10 numbers after n = 3 and m = 2 (expected 11: 2 rows of 3 flags and a cost, then 3 durations)",
        ),
        ("bad\n2\n1\n1 x 5\n1 1\n", "actor 1, scene 2: 'x' (expected a 0/1 flag)"),
        ("bad\n2\n1\n1 1 -5\n1 1\n", "actor 1 daily cost '-5' (expected a whole number >= 0)"),
        ("bad\n2\n1\n1 1 5\n1 -2\n", "scene 2 duration '-2' (expected a whole number >= 1)"),
        ("bad\n2\n1\n1 1 5\n1 two\n", "scene 2 duration 'two' (expected a whole number >= 1)"),
        (
            "# My notes\nnot an instance at all\n",
            "not a talent-scheduling instance: after the name line found 'not an' "
            f"(expected the plain format: {PLAIN_LAYOUT}; or MiniZinc .dzn)",
        ),
        ("", f"empty file (expected the plain format: {PLAIN_LAYOUT})"),
        (
            "numScenes = 2;\nnumActors = 1;\nia = [| 1, 1 |];\nd = [1, 1];\n",
            "missing c (expected MiniZinc data: numScenes, numActors, ia, c, d)",
        ),
        (
            "numScenes = 2;\nnumActors = 1;\nia = [| 1, 1, 0 |];\nc = [3];\nd = [1, 1];\n",
            "ia has 3 entries (expected 2 for numScenes = 2, numActors = 1)",
        ),
        (
            "numScenes = 2;\nnumActors = 1;\nia = [| 1, 2 |];\nc = [3];\nd = [1, 1];\n",
            "ia row 1, column 2: '2' (expected a 0/1 flag)",
        ),
        # int() alone would take these; the formats mean plain ASCII digits
        ("bad\n2\n1\n1 1 +5\n1 1\n", "actor 1 daily cost '+5' (expected a whole number >= 0)"),
        ("bad\n2\n1\n1 1 1_0\n1 1\n", "actor 1 daily cost '1_0' (expected a whole number >= 0)"),
        (
            "bad\n2\n1\n1 1 5\n1 \uff15\n",
            "scene 2 duration '\uff15' (expected a whole number >= 1)",
        ),
        (
            "bad\n\u00b2\n1\n1 5\n1\n",
            "not a talent-scheduling instance: after the name line found '\u00b2 1' "
            f"(expected the plain format: {PLAIN_LAYOUT}; or MiniZinc .dzn)",
        ),
        (
            "numScenes = 2;\nnumActors = 1;\nia = [| 1, 1 |];\nc = [3];\nd = [1, 1];\nd = [1, 0];\n",
            "d is assigned twice (expected each of numScenes, numActors, ia, c, d once)",
        ),
    ],
)
def test_bad_file_exits_1_with_what_is_wrong(run_cli, tmp_path, text, message):
    path = tmp_path / "bad.txt"
    path.write_text(text, encoding="utf-8")
    code, out, err = run_cli("talent", path, "--format", "json")
    assert (code, out) == (1, "")
    assert err == f"Error: {path}: {message}\n"


def test_missing_file_and_directory(run_cli, tmp_path):
    code, _out, err = run_cli("talent", tmp_path / "nope")
    assert code == 1
    assert (
        err == f"Error: {tmp_path / 'nope'}: no such file (expected a talent-scheduling instance)\n"
    )
    code, _out, err = run_cli("talent", tmp_path)
    assert err == f"Error: {tmp_path}: is a directory (expected an instance file)\n"


def test_binary_file_is_not_an_instance(run_cli, tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\xff")
    code, _out, err = run_cli("talent", path)
    assert code == 1
    assert err.startswith(f"Error: {path}: not a text file (expected the plain format:")


def test_nan_time_limit_is_a_usage_error(run_cli):
    # nan passes click's FloatRange and would have meant "no limit" to the search
    code, out, err = run_cli("talent", DATA / "tiny", "--time-limit", "nan")
    assert (code, out) == (2, "")
    assert "Invalid value for '--time-limit': nan is not a number of seconds" in err


def test_negative_time_limit_is_a_usage_error(run_cli):
    code, _out, err = run_cli("talent", DATA / "tiny", "--time-limit", "-1")
    assert code == 2
    assert "--time-limit" in err


def test_unreadable_file_is_an_error_not_a_traceback(run_cli, tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("x", encoding="utf-8")

    def denied(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    # tests may run as root, where chmod 000 still reads: simulate the refusal
    monkeypatch.setattr(Path, "read_text", denied)
    code, out, err = run_cli("talent", path)
    assert (code, out) == (1, "")
    assert err == (
        f"Error: {path}: cannot be read: Permission denied (expected a readable instance file)\n"
    )


HARD = DATA / "random40x20-seed0"  # skyslate.solve.talent_io.recipe_instance(40, 20, 0)


def test_time_limit_on_a_hard_instance_returns_an_unproven_order_and_its_bound(run_cli, paid_cost):
    code, out, err = run_cli("talent", HARD, "--time-limit", "0.3", "--format", "json")
    assert (code, err) == (0, "")  # json mode stays silent even for a run with progress
    document = json.loads(out)
    assert document["optimal"] is False
    assert 0 < document["lower_bound"] < document["cost"]
    assert sorted(document["order"]) == list(range(1, 41))
    from skyslate.solve.talent import read_instance

    instance = read_instance(HARD)
    zero_based = [scene - 1 for scene in document["order"]]
    assert (
        paid_cost(instance.durations, instance.costs, instance.casts, zero_based)
        == (document["cost"])
    )


def test_table_mode_shows_progress_on_a_terminal_stderr(run_cli, monkeypatch):
    # rich draws its live status only on a terminal; FORCE_COLOR makes it treat stderr as one
    monkeypatch.setenv("FORCE_COLOR", "1")
    code, out, err = run_cli("talent", HARD, "--time-limit", "0.5")
    assert code == 0
    assert "searching: best cost" in err and "proven bound" in err
    assert "searching" not in out and "not proven" in out
