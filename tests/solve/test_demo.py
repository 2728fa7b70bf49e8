"""The bundled ISS production, solved briefly, passes the independent validator with sky windows recomputed."""

from __future__ import annotations

from pathlib import Path

import pytest
from validator import needs_problems, validate

from skyslate.solve.bound import combinatorial_bound
from skyslate.solve.instance import build_instance
from skyslate.solve.planner import solve

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "skyslate" / "examples" / "the-challenge"


@pytest.fixture(scope="module")
def demo():
    from skyslate.plan.project import load_project

    production = load_project(EXAMPLE)
    schedule = solve(production, time_limit_seconds=4.0, num_workers=2, random_seed=0)
    return production, schedule, schedule.to_json(production)


def test_demo_schedule_is_sound(demo):
    production, schedule, plan = demo
    assert validate(production, plan) == []
    assert needs_problems(production, plan) == []
    assert plan["unscheduled"] == []
    assert schedule.lower_bound <= schedule.cost.total
    # the reported bound is at least the combinatorial one (the lead held across the
    # hiatus, a day per place and block), whatever CP-SAT managed in 4 s
    instance = build_instance(production)
    floor = combinatorial_bound(instance, list(range(len(instance.jobs)))).total
    assert schedule.lower_bound >= floor > 0.7 * schedule.cost.total


def test_demo_json_has_light_and_dood(demo):
    production, _schedule, plan = demo
    orbit_days = [d for d in plan["days"] if production.location(d["location"]).kind == "orbit"]
    assert orbit_days and "sunlit" in orbit_days[0]["light"]
    first, last = plan["days"][0]["date"], plan["days"][-1]["date"]
    lead = plan["dood"]["1"]
    assert min(lead) == first and max(lead) == last
    assert set(lead.values()) <= {"SW", "W", "WF", "SWF", "H", "D", "PW", ""}
