"""The lower bound: sound against brute force, tight on hand-worked cases, always reported."""

from __future__ import annotations

import dataclasses
import itertools
from datetime import UTC, date, datetime, timedelta

import pytest
from factory import Person, Rules, production, scene, windows
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import _pay, _spans, brute_force, small_productions
from validator import validate

from skyslate.errors import InfeasibleError
from skyslate.solve.bound import combinatorial_bound
from skyslate.solve.instance import build_instance
from skyslate.solve.planner import solve

FAST = {"time_limit_seconds": 10.0, "num_workers": 2, "random_seed": 1}


@settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(small_productions())
def test_combinatorial_bound_never_exceeds_the_brute_force_optimum(prod):
    expected = brute_force(prod)
    instance = build_instance(prod)
    bound = combinatorial_bound(instance, list(range(len(instance.jobs))))
    if expected is None:
        return  # nothing to bound
    assert bound.total <= expected + 1e-9
    assert bound.total >= 0


@st.composite
def productions_with_places(draw):
    """Small productions whose scenes are at two places, moves free of time but not of cost."""
    prod = draw(small_productions())
    prod.locations.append(dataclasses.replace(prod.locations[0], name="Yard"))
    for job in prod.scenes:
        job.location = draw(st.sampled_from(["Studio", "Yard"]))
    prod.rules.company_move_minutes = 0
    prod.rules.cost_per_move = draw(st.integers(0, 60))
    prod.rules.max_hours_per_day = draw(st.sampled_from([2, 3, 5, 12]))
    prod.rules.overtime_rate_per_hour = draw(st.integers(0, 40))
    return prod


def _fewest_moves(prod, jobs, day) -> int | None:
    """Fewest location changes over the orders that fit on `day` (None: no order fits)."""
    best = None
    for order in itertools.permutations(jobs):
        cursor = datetime(2021, 10, 5, tzinfo=UTC) + timedelta(days=day)
        for job in order:
            need = timedelta(minutes=job.duration_minutes)
            starts = [
                max(s, cursor) for s, e in _spans(prod, job, day) if max(s, cursor) + need <= e
            ]
            if not starts:
                break
            cursor = min(starts) + need
        else:
            moves = sum(
                1 for a, b in zip(order, order[1:], strict=False) if a.location != b.location
            )
            best = moves if best is None else min(best, moves)
    return best


def brute_force_with_moves(prod) -> float | None:
    """Cheapest cost (pay, days, company moves, least overtime) over every assignment, or None.

    Overtime is counted from scene minutes alone, never more than a real day's span
    gives, so this is at most the true optimum and a bound below it is sound.
    """
    best = None
    n_days = len(prod.shoot_dates)
    for assignment in itertools.product(range(n_days), repeat=len(prod.scenes)):
        moves, overtime = 0, 0.0
        for day in set(assignment):
            here = [j for j, d in zip(prod.scenes, assignment, strict=True) if d == day]
            fewest = _fewest_moves(prod, here, day)
            if fewest is None:
                break
            moves += fewest
            # overtime at least: the day's scene minutes (Kim is in every scene) over the limit
            minutes = sum(j.duration_minutes for j in here) - prod.rules.max_hours_per_day * 60
            overtime += max(0, minutes) * prod.rules.overtime_rate_per_hour / 60
        else:
            cost = _pay(prod, assignment) + moves * prod.rules.cost_per_move + overtime
            best = cost if best is None else min(best, cost)
    return best


@settings(
    max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(productions_with_places())
def test_bound_with_company_moves_never_exceeds_the_brute_force_optimum(prod):
    expected = brute_force_with_moves(prod)
    instance = build_instance(prod)
    bound = combinatorial_bound(instance, list(range(len(instance.jobs))))
    if expected is not None:
        assert bound.total <= expected + 1e-9


def test_a_second_place_costs_a_day_or_a_move():
    # Two one-hour scenes, one at each place, one actor: one day plus one move (cheaper
    # than a second day), which is also the optimum.
    prod = production(
        [scene(1, [1], 60), scene(2, [1], 60, location="Yard")],
        {1: 100},
        days=2,
        locations=("Studio", "Yard"),
        rules=Rules(cost_per_shoot_day=50, cost_per_move=20, company_move_minutes=30),
    )
    bound = combinatorial_bound(build_instance(prod), [0, 1])
    assert (bound.min_shoot_days, bound.min_visits) == (1, 2)
    assert (bound.days_cost, bound.moves_cost) == (50, 20)
    schedule, _plan = _solved(prod)
    assert schedule.cost.total == bound.total == 170
    assert schedule.optimal


def test_minutes_beyond_the_day_limit_are_overtime():
    # 9 h of scenes with one director in one possible day of 8 h: an hour of overtime.
    prod = production(
        [scene(i, [1], 180, people=["Kim"], allowed=windows((0, 6, 20))) for i in (1, 2, 3)],
        {1: 10},
        days=1,
        people=[Person("Kim", ["director"])],
        rules=Rules(max_hours_per_day=8, overtime_rate_per_hour=60, cost_per_shoot_day=5),
        hours=("06:00", "20:00"),
    )
    bound = combinatorial_bound(build_instance(prod), [0, 1, 2])
    assert bound.overtime_cost == 60
    schedule, _plan = _solved(prod)
    assert schedule.cost.total == bound.total == 10 + 5 + 60


def test_held_actor_is_paid_from_latest_first_day_to_earliest_last_day():
    # Actor 1 (held, never dropped) must work on day 0 and on day 3: four pay days at least,
    # whatever else happens. The company shoots at least two days.
    prod = production(
        [
            scene(1, [1], 60, allowed=windows((0, 8, 18))),
            scene(2, [1], 60, allowed=windows((3, 8, 18))),
            scene(3, [2], 60),
        ],
        {1: 100, 2: 7},
        days=4,
        rules=Rules(cost_per_shoot_day=10),
    )
    bound = combinatorial_bound(build_instance(prod), [0, 1, 2])
    assert bound.actors[1].pay_days == 4
    assert (bound.actors[1].held_from, bound.actors[1].held_to) == (
        date(2021, 10, 5),
        date(2021, 10, 8),
    )
    assert bound.actors[2].pay_days == 1
    assert bound.min_shoot_days == 2
    # hand-worked optimum: actor 1 paid 4 days (400), actor 2 one day (7), two shoot days (20)
    assert bound.total == 427
    schedule, _plan = _solved(prod)
    assert schedule.cost.total == 427
    assert schedule.lower_bound == pytest.approx(427)
    assert schedule.optimal and schedule.gap == 0


def test_dropped_or_unheld_actors_are_bounded_by_work_days_only():
    scenes = [
        scene(1, [1], 60, allowed=windows((0, 8, 18))),
        scene(2, [1], 60, allowed=windows((3, 8, 18))),
    ]
    for kw in ({"hold_allowed": False}, {"drop_allowed": True, "drop_min_gap_days": 1}):
        prod = production(scenes, {1: 100}, days=4, cast_kw={1: kw})
        bound = combinatorial_bound(build_instance(prod), [0, 1])
        assert bound.actors[1].pay_days == 2  # two work days; the gap is not paid
        assert bound.actors[1].held_from is None


def test_minutes_force_work_days():
    # Five 4-hour scenes for one actor in 10-hour shooting days: at least three days.
    prod = production([scene(i, [1], 240) for i in range(1, 6)], {1: 10}, days=5)
    bound = combinatorial_bound(build_instance(prod), list(range(5)))
    assert bound.actors[1].min_work_days == 3
    assert bound.min_shoot_days == 3


def test_bound_and_best_in_progress_are_monotone_and_the_bound_arrives():
    seen = []
    scenes = [scene(i, [1 + i % 3], 120 + 30 * (i % 4)) for i in range(1, 9)]
    prod = production(scenes, {1: 50, 2: 40, 3: 30}, days=5, rules=Rules(cost_per_shoot_day=20))
    schedule = solve(prod, progress=lambda *a: seen.append(a), **FAST)
    bests = [s[2] for s in seen if s[2] is not None]
    bounds = [s[3] for s in seen if s[3] is not None]
    assert bests == sorted(bests, reverse=True)
    assert bounds == sorted(bounds)
    # the combinatorial bound is reported from the moment the model is built
    built = next(s for s in seen if s[1] == "model built")
    assert built[3] is not None and built[3] > 0
    assert schedule.lower_bound is not None and schedule.lower_bound >= bounds[0]
    assert validate(prod, schedule.to_json(prod)) == []


def test_bound_is_reported_even_when_cp_sat_has_no_time():
    scenes = [scene(i, [1 + i % 3], 120) for i in range(1, 9)]
    prod = production(scenes, {1: 50, 2: 40, 3: 30}, days=5)
    floor = combinatorial_bound(build_instance(prod), list(range(8))).total
    schedule, _plan = _solved(prod, time_limit_seconds=0.1, num_workers=1)
    assert floor > 0
    assert schedule.lower_bound is not None and schedule.lower_bound >= floor
    assert schedule.lower_bound <= schedule.cost.total


def test_a_schedule_meeting_the_bound_stops_the_search_early():
    prod = production([scene(i, [1], 60) for i in range(1, 5)], {1: 100}, days=3)
    schedule, _plan = _solved(prod, time_limit_seconds=30.0)
    assert schedule.optimal and schedule.gap == 0
    assert schedule.seconds < 10.0  # far below the limit: proven, then stopped


def test_frozen_day_that_breaks_a_current_rule_is_named():
    prod = production(
        [scene(1, [1], 60), scene(2, [1], 60, allowed=windows((0, 8, 18)))],
        {1: 100},
        days=2,
    )
    _, plan = _solved(prod)
    # The old plan shot both on the first day; a rule added since says the scene shot
    # first must follow the other one, which the frozen day cannot honour any more.
    day = plan["days"][0]
    assert {e["number"] for e in day["scenes"]} == {"1", "2"}
    first = min(day["scenes"], key=lambda e: e["start"])["number"]
    other = "2" if first == "1" else "1"
    prod.scenes[int(first) - 1].must_follow = [other]
    with pytest.raises(InfeasibleError) as caught:
        solve(prod, baseline=plan, freeze_through=date(2021, 10, 5), **FAST)
    texts = " | ".join(c.text for c in caught.value.conflicts)
    assert f"scene {first} stays as shot on frozen day 2021-10-05 at" in texts
    assert f"scene {first} must follow scene {other}" in texts


def test_baseline_scene_no_longer_in_the_script_is_listed_as_changed():
    prod = production([scene(1, [1], 60), scene(2, [1], 60)], {1: 100}, days=2)
    _, plan = _solved(prod)
    prod.scenes = prod.scenes[:1]  # the rewrite cut scene 2
    schedule, _replan = _solved(prod, baseline=plan, freeze_through=None)
    assert "2" in schedule.changed_scenes and "1" not in schedule.changed_scenes


def _solved(prod, **kw):
    """Solve, then insist the independent validator finds nothing wrong."""
    schedule = solve(prod, **{**FAST, **kw})
    plan = schedule.to_json(prod)
    assert validate(prod, plan) == []
    return schedule, plan
