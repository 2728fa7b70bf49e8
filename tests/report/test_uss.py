"""USS (.uss) export and import (format: UniversalScheduleStandard docs/docs.md, USS 0.9)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skyslate.errors import ScriptError
from skyslate.report.uss import read_uss

DATA = Path(__file__).resolve().parent / "data"


def test_import_a_hand_made_uss_breakdown():
    breakdown = read_uss(DATA / "hand-made.uss")
    assert breakdown.title == "Landing"
    assert [s.number for s in breakdown.scenes] == ["25", "23A"]  # banners and day strips skipped
    landing, cupola = breakdown.scenes
    assert landing.eighths == 11  # 1.375 pages
    assert cupola.eighths == 1  # 0.125 pages
    assert (landing.int_ext, landing.location, landing.time_of_day, landing.day_night) == (
        "EXT",
        "KAZAKH STEPPE - LANDING SITE",
        "DAWN",
        "DAY",
    )
    assert landing.heading == "EXT. KAZAKH STEPPE - LANDING SITE - DAWN"
    assert landing.characters == ["ZHENYA", "KIREEV"]
    assert landing.elements == {
        "Vehicles": ["Mi-8 helicopter"],
        "Background Actors": ["6 rescuers"],
    }
    assert landing.synopsis == "The capsule lands; rescuers run in."
    # "catId" spelling accepted; an element in no category is ignored (USS rule)
    assert cupola.int_ext == "INT" and cupola.elements == {"VFX": ["night Earth"]}


def test_export_then_import_keeps_the_breakdown(reports, breakdown):
    back = read_uss(reports / "schedule.uss")
    assert [s.number for s in back.scenes] == [s.number for s in breakdown.scenes]
    for before, after in zip(breakdown.scenes, back.scenes, strict=True):
        assert (after.int_ext, after.location, after.day_night, after.eighths) == (
            before.int_ext,
            before.location,
            before.day_night,
            before.eighths,
        )
        for category, labels in before.elements.items():
            assert after.elements[category] == labels


def test_export_board_order_and_boneyard(reports, numbers):
    root = json.loads((reports / "schedule.uss").read_text())["universalScheduleStandard"]
    by_id = {b["id"]: b for b in root["breakdowns"]}
    boards = {b["name"]: b["breakdownIds"] for b in root["stripboards"][0]["boards"]}
    order = [by_id[i]["scene"] for i in boards["stripboard"] if by_id[i]["type"] == "scene"]
    assert order == numbers
    assert sum(by_id[i]["type"] == "day" for i in boards["stripboard"]) == 9
    # every breakdown is on exactly one board (USS rule)
    assert sorted(boards["stripboard"] + boards["boneyard"]) == sorted(by_id)
    assert {by_id[i]["scene"] for i in boards["boneyard"]} >= {"1", "27"}
    cast = {e["elementId"]: e for e in root["elements"] if e["elementId"]}
    assert (
        cast["2"]["name"] == "KIREEV"
        and cast["2"]["doodDropAllow"] is True
        and cast["2"]["doodDropDays"] == 3
    )
    events = root["calendars"][0]["events"]
    assert events[0] == {
        "id": events[0]["id"],
        "date": "2021-10-05T00:00:00.000Z",
        "type": "start",
        "name": None,
    }
    assert [e["date"][:10] for e in events if e["type"] == "dayOff"] == ["2021-10-07", "2021-10-10"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"universalScheduleStandard": {\n "breakdowns": [,]}}', ":2: not JSON"),
        ('{"schedule": {}}', "no 'universalScheduleStandard' object at the top"),
        (
            '{"universalScheduleStandard": {"breakdowns": [], "categories": {}, "elements": []}}',
            "'categories' must be a list",
        ),
    ],
)
def test_bad_uss_files_are_script_errors(tmp_path, text, message):
    path = tmp_path / "bad.uss"
    path.write_text(text)
    with pytest.raises(ScriptError) as caught:
        read_uss(path)
    assert message in str(caught.value)


def test_export_keeps_the_scripts_set_when_the_plan_names_it_shorter(plan, breakdown, tmp_path):
    """The demo's project calls "OPEN SPACE - ZVEZDA HULL" just "ZVEZDA HULL" in the plan json;
    the exported breakdown must still read back with the script's set line."""
    from skyslate.report.board import build_board
    from skyslate.report.uss import export_uss

    for day in plan["days"]:
        for scene in day["scenes"]:
            scene["set"] = "SHORT " + scene["number"]
    (tmp_path / "x.uss").write_text(json.dumps(export_uss(build_board(plan, breakdown))))
    back = read_uss(tmp_path / "x.uss")
    assert [s.location for s in back.scenes] == [s.location for s in breakdown.scenes]
