"""Random small productions: the solver's cost equals a brute-force optimum, and every plan validates."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from factory import Person, Rules, TaskRule, at, production, scene, windows
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from validator import validate

from skyslate.errors import InfeasibleError
from skyslate.solve.evaluate import evaluate
from skyslate.solve.planner import solve

OPEN, CLOSE = 8, 18  # shooting hours (UTC) of the factory's productions


@st.composite
def small_productions(draw):
    n_days = draw(st.integers(2, 3))
    n_cast = draw(st.integers(1, 3))
    rates = {c: draw(st.integers(1, 100)) for c in range(1, n_cast + 1)}
    cast_kw = {
        c: {
            "hold_allowed": draw(st.booleans()),
            "drop_allowed": draw(st.booleans()),
            "drop_min_gap_days": draw(st.integers(0, 1)),
        }
        for c in rates
    }
    scenes = []
    for number in range(1, draw(st.integers(2, 4)) + 1):
        hours = draw(st.integers(1, 4))
        cast = draw(st.lists(st.sampled_from(sorted(rates)), min_size=1, max_size=2, unique=True))
        allowed = None
        if draw(st.booleans()):
            spans = []
            for day in draw(st.lists(st.integers(0, n_days - 1), min_size=1, unique=True)):
                start = draw(st.integers(OPEN, CLOSE - hours))
                end = draw(st.integers(start + hours, CLOSE))
                spans.append((day, start, end))
            allowed = windows(*spans)
        # Everyone works with the director, so a day's scenes run one after another.
        scenes.append(scene(number, cast, hours * 60, people=["Kim"], allowed=allowed))
    rules = Rules(max_hours_per_day=12, cost_per_shoot_day=draw(st.integers(0, 50)))
    return production(
        scenes,
        rates,
        days=n_days,
        people=[Person("Kim", ["director"])],
        rules=rules,
        cast_kw=cast_kw,
    )


def _spans(prod, job, day):
    """Allowed [start, end) of a scene on a day, as datetimes, by reading the production."""
    opens, closes = at(day, OPEN), at(day, CLOSE)
    if job.allowed is None:
        return [(opens, closes)]
    return [
        (max(w.start, opens), min(w.end, closes))
        for w in job.allowed
        if w.start < closes and w.end > opens
    ]


def _day_fits(prod, jobs, day) -> bool:
    """Can these scenes run one after another on `day`, each inside its windows? (all orders)"""
    for order in itertools.permutations(jobs):
        cursor = at(day, 0)
        for job in order:
            need = timedelta(minutes=job.duration_minutes)
            starts = [
                max(s, cursor) for s, e in _spans(prod, job, day) if max(s, cursor) + need <= e
            ]
            if not starts:
                break
            cursor = min(starts) + need
        else:
            return True
    return False


def _pay(prod, assignment) -> float:
    dates = sorted({prod.shoot_dates[d] for d in assignment})
    total = len(dates) * prod.rules.cost_per_shoot_day
    for member in prod.cast:
        worked = sorted(
            {
                prod.shoot_dates[d]
                for job, d in zip(prod.scenes, assignment, strict=True)
                if member.id in job.cast
            }
        )
        paid = len(worked)
        for a, b in zip(worked, worked[1:], strict=False):
            off = not member.hold_allowed or (
                member.drop_allowed and (b - a).days - 1 > member.drop_min_gap_days
            )
            if not off:
                paid += (b - a).days - 1  # every calendar date between: no days off here
        total += paid * member.rate_per_day
    return total


def brute_force(prod) -> float | None:
    """Cheapest cost over every assignment of scenes to days that fits, or None."""
    best = None
    n_days = len(prod.shoot_dates)
    for assignment in itertools.product(range(n_days), repeat=len(prod.scenes)):
        fits = all(
            _day_fits(
                prod, [j for j, d in zip(prod.scenes, assignment, strict=True) if d == day], day
            )
            for day in set(assignment)
        )
        if fits:
            cost = _pay(prod, assignment)
            best = cost if best is None else min(best, cost)
    return best


@settings(
    max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(small_productions())
def test_solver_cost_equals_brute_force_optimum(prod):
    expected = brute_force(prod)
    if expected is None:
        with pytest.raises(InfeasibleError):
            solve(prod, time_limit_seconds=10, num_workers=2, random_seed=3)
        return
    schedule = solve(prod, time_limit_seconds=10, num_workers=2, random_seed=3)
    plan = schedule.to_json(prod)
    assert validate(prod, plan) == []
    assert schedule.optimal
    assert plan["cost"]["total"] == pytest.approx(expected)
    assert schedule.lower_bound == pytest.approx(expected)


@settings(max_examples=25, deadline=None, derandomize=True)
@given(small_productions(), st.randoms(use_true_random=False))
def test_evaluate_reports_the_cost_the_validator_recomputes(prod, rng):
    numbers = [s.number for s in prod.scenes]
    rng.shuffle(numbers)
    cut = rng.randrange(0, len(numbers) + 1)
    schedule = evaluate(prod, [numbers[:cut], numbers[cut:]])
    plan = schedule.to_json(prod)
    problems = validate(prod, plan)
    assert [p for p in problems if p.startswith("cost")] == []
    # Whatever is not flagged as a violation must hold: an empty violation list means valid.
    if not schedule.violations:
        assert problems == []


@st.composite
def crewed_productions(draw):
    """Productions with tasks, two crew with overlapping roles, limited hours and two locations."""
    prod = draw(small_productions())
    kim_roles = ["director"] + draw(st.lists(st.sampled_from(["makeup", "lighting"]), unique=True))
    prod.people = [Person("Kim", kim_roles), Person("Ann", ["makeup", "lighting"])]
    prod.tasks = [
        TaskRule(
            "makeup", "makeup", draw(st.sampled_from([10, 15, 30])), "cast_first_scene_of_day"
        ),
        TaskRule("lighting", "lighting", draw(st.sampled_from([15, 20])), "set_change"),
    ]
    for job in prod.scenes:
        job.set = draw(st.sampled_from(["A", "B"]))
        if draw(st.booleans()):
            job.people = ["Kim", "Ann"]
    if draw(st.booleans()):
        # the second actor is only free in the afternoon
        prod.cast[-1].availability = windows(*[(d, 12, 20) for d in range(len(prod.shoot_dates))])
    prod.rules.overtime_rate_per_hour = draw(st.integers(0, 60))
    prod.rules.max_hours_per_day = draw(st.sampled_from([6, 8, 12]))
    return prod


@settings(
    max_examples=15, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(crewed_productions())
def test_schedules_with_tasks_never_double_book_and_price_right(prod):
    try:
        schedule = solve(prod, time_limit_seconds=10, num_workers=2, random_seed=5)
    except InfeasibleError as error:
        assert error.conflicts  # an impossible production must say why
        return
    plan = schedule.to_json(prod)
    assert validate(prod, plan) == []
    # the solver's own reading of its work agrees with the board's evaluator
    again = evaluate(prod, [[e["number"] for e in d["scenes"]] for d in _by_date(prod, plan)])
    assert again.cost.cast == pytest.approx(schedule.cost.cast)


def _by_date(prod, plan):
    """The plan's days as the evaluator takes them: one list per shoot date, in order."""
    days = {d["date"]: d for d in plan["days"]}
    return [days.get(d.isoformat(), {"scenes": []}) for d in prod.shoot_dates]
