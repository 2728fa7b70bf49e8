"""The independent validator itself: a broken plan is caught (so a clean report means something)."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta

from factory import Person, Rules, TaskRule, production, scene
from validator import validate

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
