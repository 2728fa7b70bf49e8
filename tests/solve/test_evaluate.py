"""The stripboard evaluator: a hand-made order is placed, priced and its broken rules named."""

from __future__ import annotations

import pytest
from factory import Person, Rules, TaskRule, production, scene, windows
from validator import validate

from skyslate.errors import ProjectError
from skyslate.solve.evaluate import evaluate
from skyslate.solve.greedy import greedy_schedule


def texts(schedule):
    return [v.text for v in schedule.violations]


def test_a_sound_order_has_no_violations_and_the_validators_cost():
    prod = production(
        [scene(1, [1], 120), scene(2, [1, 2], 60), scene(3, [2], 60)],
        {1: 100, 2: 40},
        rules=Rules(cost_per_shoot_day=7),
    )
    schedule = evaluate(prod, [["1", "2"], [], ["3"]])
    plan = schedule.to_json(prod)
    assert texts(schedule) == []
    assert validate(prod, plan) == []
    # Actor 2 works day 1 and day 3; day 2 is no shoot day but no day off either, so
    # actor 2 is held: 100 + 3 x 40 + 2 shoot days x 7.
    assert plan["cost"]["total"] == 234
    assert [d["date"] for d in plan["days"]] == ["2021-10-05", "2021-10-07"]
    assert plan["dood"]["2"] == {"2021-10-05": "SW", "2021-10-06": "H", "2021-10-07": "WF"}


def test_scene_on_a_day_outside_its_window_is_flagged():
    prod = production([scene(1, [1], 60, allowed=windows((1, 8, 12)))], {1: 100})
    prod.scenes[0].needs = ["golden_hour"]
    schedule = evaluate(prod, [["1"]])
    assert texts(schedule) == [
        "scene 1 at 08:00-09:00 UTC on 2021-10-05 is outside its allowed windows (golden_hour)"
    ]


def test_reversed_order_is_flagged():
    prod = production([scene(1, [1], 60), scene(2, [1], 60, must_follow=["1"])], {1: 100})
    schedule = evaluate(prod, [["2", "1"]])
    assert "scene 2 must follow scene 1" in texts(schedule)


def test_overfull_day_is_flagged():
    prod = production([scene(1, [1], 360), scene(2, [1], 360)], {1: 100})
    schedule = evaluate(prod, [["1", "2"]])
    assert texts(schedule) == [
        "scene 2 at 14:00-20:00 UTC on 2021-10-05 is outside its allowed windows (shooting hours)"
    ]


def test_makeup_by_the_director_pushes_the_next_scene():
    people = [Person("Kim", ["director", "makeup"])]
    prod = production(
        [scene(1, [1], 60, people=["Kim"]), scene(2, [2], 60, people=["Kim"])],
        {1: 1, 2: 1},
        people=people,
        tasks=[TaskRule("makeup", "makeup", 15, "cast_first_scene_of_day")],
    )
    plan = evaluate(prod, [["1", "2"]]).to_json(prod)
    day = plan["days"][0]
    assert [(e["start"][11:16], e["end"][11:16]) for e in day["scenes"]] == [
        ("08:00", "09:00"),
        ("09:15", "10:15"),
    ]
    assert [(t["scene"], t["start"][11:16]) for t in day["tasks"]] == [
        ("1", "07:45"),
        ("2", "09:00"),
    ]


def test_short_rest_is_flagged():
    prod = production(
        [
            scene(1, [1], 60, allowed=windows((0, 20, 22))),
            scene(2, [1], 60, allowed=windows((1, 8, 9))),
        ],
        {1: 1},
        hours=("06:00", "23:00"),
    )
    schedule = evaluate(prod, [["1"], ["2"]])
    # Wrap 21:00, call 08:00: 11 h is enough for the crew (10 h), not for the actor (12 h).
    assert texts(schedule) == [
        "cast 1 (Actor 1) rests 11.0 h between 2021-10-05 and 2021-10-06; the rule is 12 h",
    ]


def test_unknown_scene_is_an_error_and_missing_scenes_are_unscheduled():
    prod = production([scene(1, [1], 60), scene(2, [1], 60)], {1: 1})
    with pytest.raises(ProjectError, match="scene '7' is not in the production"):
        evaluate(prod, [["7"]])
    assert evaluate(prod, [["1"]]).unscheduled == [("2", "not on the board")]


def test_greedy_packs_in_script_order():
    prod = production([scene(i, [1], 240) for i in range(1, 5)], {1: 10})
    plan = greedy_schedule(prod).to_json(prod)
    assert [[e["number"] for e in d["scenes"]] for d in plan["days"]] == [["1", "2"], ["3", "4"]]
    assert validate(prod, plan) == []


def test_split_scene_is_placed_in_parts_on_the_board():
    # 90 min of sunlit in two 60 min windows (08-09, 10-11): the board shoots 60 + 30 min.
    sunlit = windows((0, 8, 9), (0, 10, 11))
    prod = production(
        [scene(9, [1], 90, allowed=sunlit, split_min_minutes=30), scene(1, [1], 30)], {1: 100}
    )
    schedule = evaluate(prod, [["9", "1"]])
    plan = schedule.to_json(prod)
    assert texts(schedule) == []
    assert validate(prod, plan) == []
    parts = [
        (e["number"], e["start"][11:16], e["end"][11:16], e.get("part"))
        for e in plan["days"][0]["scenes"]
    ]
    assert parts == [
        ("9", "08:00", "09:00", [1, 2]),
        ("9", "10:00", "10:30", [2, 2]),
        ("1", "10:30", "11:00", None),
    ]
    assert [e["eighths"] for e in plan["days"][0]["scenes"]] == [9, 0, 3]


def test_lighting_setup_at_every_set_change_on_the_board_and_sets_shot_out_by_the_planner():
    from skyslate.solve.planner import solve

    people = [Person("Lee", ["lighting", "camera"])]
    rule = [TaskRule("lighting", "lighting", 30, "set_change")]
    prod = production(
        [
            scene(1, [1], 60, set="A", people=["Lee"]),
            scene(2, [1], 60, set="B", people=["Lee"]),
            scene(3, [1], 60, set="A", people=["Lee"]),
        ],
        {1: 100},
        days=1,
        people=people,
        tasks=rule,
    )
    # A, B, A on the board: three setups.
    board = evaluate(prod, [["1", "2", "3"]]).to_json(prod)
    assert [t["scene"] for t in board["days"][0]["tasks"]] == ["1", "2", "3"]
    # The planner shoots set A out first (or last): two setups.
    plan = solve(prod, time_limit_seconds=10, num_workers=2, random_seed=1).to_json(prod)
    assert validate(prod, plan) == []
    assert len(plan["days"][0]["tasks"]) == 2
