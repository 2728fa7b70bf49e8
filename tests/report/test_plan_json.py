"""read_plan / check_plan: a schedule json of another version or shape is a clear ReportError."""

from __future__ import annotations

import json

import pytest

from skyslate.errors import ReportError
from skyslate.report import read_plan
from skyslate.report.plan_json import check_plan


def write(tmp_path, data) -> str:
    path = tmp_path / "schedule.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_reads_the_fixture(plan, tmp_path):
    assert read_plan(write(tmp_path, plan))["production"] == "The Challenge"


def test_a_plan_without_version_is_version_1(plan, tmp_path):
    del plan["version"]
    assert read_plan(write(tmp_path, plan))["days"]


def test_another_version_is_refused(plan, tmp_path):
    plan["version"] = 2
    path = write(tmp_path, plan)
    with pytest.raises(ReportError) as caught:
        read_plan(path)
    assert str(caught.value) == (
        f"{path}: schedule format version 2; this skyslate reads version 1 "
        "(re-run `skyslate plan` to write it again)"
    )


def test_not_json_names_the_line(tmp_path):
    path = write(tmp_path, '{\n "days": [\n oops ]\n}')
    with pytest.raises(ReportError) as caught:
        read_plan(path)
    assert caught.value.line == 3
    assert str(caught.value).startswith(f"{path}:3: not a schedule json")


def test_missing_file(tmp_path):
    with pytest.raises(ReportError, match="cannot read the schedule"):
        read_plan(tmp_path / "nope.json")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda p: p.pop("days"), "missing key 'days'"),
        (lambda p: p["days"][0].pop("date"), "missing key 'days[0].date'"),
        (
            lambda p: p["days"][1]["scenes"][0].update(eighths="5/8"),
            "days[1].scenes[0].eighths must be int, not '5/8'",
        ),
        (
            lambda p: p["days"][0]["scenes"][0].update(start="2021-10-05T08:50:00"),
            "days[0].scenes[0].start = '2021-10-05T08:50:00' has no UTC offset",
        ),
        (lambda p: p["days"][0].update(date="5 Oct"), "days[0].date = '5 Oct' is not an ISO date"),
        (lambda p: p["days"].reverse(), "days must be in date order, one entry per date"),
        (lambda p: p["cast"][0].pop("id"), "missing key 'cast[0].id'"),
        (
            lambda p: p["unscheduled"][0].update(number=1),
            "unscheduled[0].number must be str, not 1",
        ),
        (lambda p: p.update(dood=[]), "dood must be an object {cast id: {date: code}}"),
        (
            lambda p: p["dood"]["2"].update({"2021-10-05": None}),
            "dood['2'] must map dates to codes",
        ),
        (lambda p: p.update(days_off=["7 Oct"]), "days_off = '7 Oct' is not an ISO date"),
    ],
)
def test_shape_errors_name_the_key(plan, change, message):
    change(plan)
    with pytest.raises(ReportError) as caught:
        check_plan(plan)
    assert str(caught.value) == message


def test_not_an_object():
    with pytest.raises(ReportError, match="must be an object at the top"):
        check_plan([1, 2])
