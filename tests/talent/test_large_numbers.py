"""Daily costs and durations far beyond everyday sizes: exact answers, never a silent overflow."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skyslate.solve import talent_search
from skyslate.solve.talent import TalentInstance, solve_talent


@st.composite
def scaled_instances(draw, cost_max, duration_max, max_scenes=8):
    """Up to 8 scenes and 5 actors; costs in [cost_max / 2, cost_max], durations up to the given size."""
    n = draw(st.integers(2, max_scenes))
    m = draw(st.integers(1, 5))
    least_days = max(1, duration_max // 2)
    durations = draw(st.lists(st.integers(least_days, duration_max), min_size=n, max_size=n))
    costs = draw(st.lists(st.integers(cost_max // 2, cost_max), min_size=m, max_size=m))
    casts = draw(st.lists(st.frozensets(st.integers(0, m - 1)), min_size=n, max_size=n))
    return TalentInstance(durations=durations, costs=costs, casts=casts)


SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


def _check(instance, paid_cost, exhaustive_optimum):
    result = solve_talent(instance)
    best = exhaustive_optimum(instance.durations, instance.costs, instance.casts)
    assert result.optimal
    assert result.cost == result.lower_bound == best
    assert paid_cost(instance.durations, instance.costs, instance.casts, result.order) == best


# Totals near 2**47: still the C core, whose pairwise bound rounds doubles of that size.
@SETTINGS
@given(scaled_instances(cost_max=2**38, duration_max=5))
def test_costs_near_the_c_core_limit_stay_exact(paid_cost, exhaustive_optimum, instance):
    _check(instance, paid_cost, exhaustive_optimum)


# Costs past int64 (10**20): must go to exact Python integers, not wrap around. Durations
# stay small because the referee lays the shoot out day by day.
@settings(SETTINGS, max_examples=25)
@given(scaled_instances(cost_max=10**20, duration_max=5))
def test_costs_beyond_int64_stay_exact(paid_cost, exhaustive_optimum, instance):
    _check(instance, paid_cost, exhaustive_optimum)


def span_cost(durations, costs, casts, order) -> int:
    """Referee by spans (no day-by-day calendar): first start to last end per actor."""
    start, day = {}, 0
    for scene in order:
        start[scene] = day
        day += durations[scene]
    total = 0
    for actor, rate in enumerate(costs):
        mine = [s for s in order if actor in casts[s]]
        if mine:
            total += rate * (
                max(start[s] + durations[s] for s in mine) - min(start[s] for s in mine)
            )
    return total


# Durations near 10**20 as well: too long for the day-by-day referee, so spans over every
# permutation (up to 6 scenes) referee here.
@settings(SETTINGS, max_examples=25)
@given(scaled_instances(cost_max=10**20, duration_max=10**20, max_scenes=6))
def test_durations_beyond_int64_stay_exact(instance):
    args = (instance.durations, instance.costs, instance.casts)
    best = min(span_cost(*args, order) for order in itertools.permutations(range(len(args[0]))))
    result = solve_talent(instance)
    assert result.optimal
    assert result.cost == result.lower_bound == best == span_cost(*args, result.order)


def test_the_c_core_gate_sits_below_2_to_the_52():
    small = TalentInstance(durations=[1, 2, 3], costs=[2**40, 5], casts=[{0}, {0, 1}, {1}])
    large = TalentInstance(durations=[1, 2, 3], costs=[2**50, 5], casts=[{0}, {0, 1}, {1}])
    assert talent_search._fits_c(talent_search.reduce_instance(small))
    assert not talent_search._fits_c(talent_search.reduce_instance(large))
