"""The independent validator itself: a broken plan is caught (so a clean report means something)."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta

import pytest
from factory import Person, Rules, TaskRule, production, scene, windows
from validator import validate

from skyslate.errors import InfeasibleError
from skyslate.solve.evaluate import evaluate
from skyslate.solve.planner import solve

FAST = {"time_limit_seconds": 10.0, "num_workers": 2, "random_seed": 1}


def _shift(entry: dict, minutes: int) -> None:
    for key in ("start", "end"):
        moment = datetime.fromisoformat(entry[key].replace("Z", "+00:00"))
        entry[key] = (moment + timedelta(minutes=minutes)).isoformat()


def test_a_move_shorter_than_the_pair_time_is_caught():
    rules = Rules(cost_per_shoot_day=100, cost_per_move=1, company_move_minutes=10)
    rules.move_minutes_between = {("Studio", "Yard"): 90, ("Yard", "Studio"): 90}
    prod = production(
        [scene(1, [1], 60), scene(2, [1], 60, location="Yard")],
        {1: 1},
        days=1,
        locations=("Studio", "Yard"),
        rules=rules,
    )
    plan = solve(prod, **FAST).to_json(prod)
    assert validate(prod, plan) == []
    first, second = sorted(plan["days"][0]["scenes"], key=lambda e: e["start"])
    gap = datetime.fromisoformat(second["start"].replace("Z", "+00:00")) - datetime.fromisoformat(
        first["end"].replace("Z", "+00:00")
    )
    assert gap >= timedelta(minutes=90)
    broken = copy.deepcopy(plan)
    moved = sorted(broken["days"][0]["scenes"], key=lambda e: e["start"])[1]
    _shift(moved, -round((gap - timedelta(minutes=30)).total_seconds() / 60))
    assert any("to move" in p for p in validate(prod, broken))


def test_makeup_after_the_actors_first_scene_is_caught():
    prod = production(
        [scene(1, [1], 60, people=["Kim"])],
        {1: 1},
        days=1,
        people=[Person("Kim", ["director", "makeup"])],
        tasks=[TaskRule("makeup", "makeup", 15, "cast_first_scene_of_day")],
    )
    plan = solve(prod, **FAST).to_json(prod)
    assert validate(prod, plan) == []
    broken = copy.deepcopy(plan)
    _shift(broken["days"][0]["tasks"][0], 30)
    assert any("after their first scene" in p for p in validate(prod, broken))


def test_a_bound_above_the_cost_is_caught():
    prod = production([scene(1, [1], 60)], {1: 5}, days=1)
    plan = solve(prod, **FAST).to_json(prod)
    assert validate(prod, plan) == []
    plan["lower_bound"] = plan["cost"]["total"] + 1
    assert any("lower bound" in p for p in validate(prod, plan))


def test_performer_rest_counts_from_makeup_in_validator_evaluator_and_solver():
    # 17:00-18:00 on day 0, then 06:00-07:00 on day 1 with 15 min of makeup before it:
    # 11 h 45 min of rest against a 12 h rule. All three parties must see it.
    prod = production(
        [
            scene(1, [1], 60, people=["Kim"], allowed=windows((0, 17, 18))),
            scene(2, [1], 60, people=["Kim"], allowed=windows((1, 6, 7))),
        ],
        {1: 10},
        days=2,
        people=[Person("Kim", ["director", "makeup"])],
        tasks=[TaskRule("makeup", "makeup", 15, "cast_first_scene_of_day")],
        hours=("06:00", "18:00"),
        rules=Rules(max_hours_per_day=12, turnaround_hours=0, performer_rest_hours=12),
    )
    board = evaluate(prod, [["1"], ["2"]])
    assert [v.text for v in board.violations] == [
        "cast 1 (Actor 1) rests 11.8 h between 2021-10-05 and 2021-10-06; the rule is 12 h"
    ]
    assert validate(prod, board.to_json(prod)) == ["performer rest broken for cast 1"]
    with pytest.raises(InfeasibleError) as caught:
        solve(prod, **FAST)
    assert "performer rest of 12 h for cast 1" in [c.text for c in caught.value.conflicts]
