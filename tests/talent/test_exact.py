"""Random small instances: the solver's optimum equals exhaustive search, its bound never exceeds its cost."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skyslate.solve.talent import TalentInstance, solve_talent, talent_cost
from skyslate.solve.talent_io import recipe_instance
from skyslate.solve.talent_reduce import reduce_instance
from skyslate.solve.talent_search import search


@st.composite
def instances(draw, max_scenes=9, max_actors=6):
    """Published recipe in miniature: costs 1..100 (some 0), durations 1..5, casts at random."""
    n = draw(st.integers(1, max_scenes))
    m = draw(st.integers(1, max_actors))
    durations = draw(st.lists(st.integers(1, 5), min_size=n, max_size=n))
    costs = draw(st.lists(st.integers(0, 100), min_size=m, max_size=m))
    casts = draw(st.lists(st.frozensets(st.integers(0, m - 1)), min_size=n, max_size=n))
    return TalentInstance(durations=durations, costs=costs, casts=casts)


SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
QUICK = settings(SETTINGS, max_examples=80)


@SETTINGS
@given(instances())
def test_compiled_solver_equals_exhaustive_search(paid_cost, exhaustive_optimum, instance):
    result = solve_talent(instance)
    best = exhaustive_optimum(instance.durations, instance.costs, instance.casts)
    assert result.optimal
    assert result.cost == best == result.lower_bound
    assert paid_cost(instance.durations, instance.costs, instance.casts, result.order) == best
    assert result.holding_cost == best - instance.fixed_cost()


@settings(max_examples=60, deadline=None, derandomize=True)
@given(instances(max_scenes=8, max_actors=5))
def test_pure_python_fallback_equals_exhaustive_search(paid_cost, exhaustive_optimum, instance):
    order, cost, bound = search(instance, None, None, use_compiled=False)
    assert cost == bound == exhaustive_optimum(instance.durations, instance.costs, instance.casts)
    assert paid_cost(instance.durations, instance.costs, instance.casts, order) == cost


@QUICK
@given(instances(max_scenes=12, max_actors=8), st.sampled_from([0.0, 0.001, 0.02]))
def test_time_limited_bound_never_exceeds_cost(paid_cost, instance, seconds):
    result = solve_talent(instance, time_limit_seconds=seconds)
    assert result.lower_bound <= result.cost
    assert result.optimal == (result.lower_bound == result.cost)
    assert (
        paid_cost(instance.durations, instance.costs, instance.casts, result.order) == result.cost
    )


@QUICK
@given(instances(), st.randoms(use_true_random=False))
def test_solver_evaluator_agrees_with_independent_one(paid_cost, instance, rng):
    order = list(range(instance.scene_count))
    rng.shuffle(order)
    assert talent_cost(instance, order) == paid_cost(
        instance.durations, instance.costs, instance.casts, order
    )


@QUICK
@given(instances())
def test_reduction_keeps_every_scene_once(instance):
    reduced = reduce_instance(instance)
    assert sorted(reduced.expand(list(range(len(reduced.durations))))) == list(
        range(instance.scene_count)
    )
    # an actor left in the core plays at least two scenes and misses at least one
    for actor in range(len(reduced.costs)):
        playing = sum(actor in cast for cast in reduced.casts)
        assert 2 <= playing < len(reduced.casts)


@QUICK
@given(instances(max_scenes=6, max_actors=5))
def test_the_two_referees_agree(referees, instance):
    permutations, subset_dp = referees
    args = (instance.durations, instance.costs, instance.casts)
    assert permutations(*args) == subset_dp(*args)


def test_bound_at_a_time_out_never_exceeds_the_optimum(paid_cost):
    # Dense instances the limits cut short: the last fifth of a limited run raises the bound
    # by searches with budgets between bound and incumbent; none may pass the optimum.
    # (24 x 20 seeds 0, 1, 4 take 0.15-0.25 s to prove: the limits cut them short)
    for seed in (0, 1, 4):
        instance = recipe_instance(24, 20, seed)
        optimum = solve_talent(instance)
        assert optimum.optimal
        for seconds in (0.05, 0.1):
            result = solve_talent(instance, time_limit_seconds=seconds)
            assert result.lower_bound <= optimum.cost <= result.cost
            assert (
                paid_cost(instance.durations, instance.costs, instance.casts, result.order)
                == result.cost
            )


@QUICK
@given(instances())
def test_wide_core_equals_exhaustive_search(paid_cost, exhaustive_optimum, instance):
    # the 128-bit build of the same C source, forced onto small instances
    order, cost, bound = search(instance, None, None, wide=True)
    assert cost == bound == exhaustive_optimum(instance.durations, instance.costs, instance.casts)
    assert paid_cost(instance.durations, instance.costs, instance.casts, order) == cost


def test_up_to_128_scenes_and_actors_the_wide_core_solves_a_chain(paid_cost):
    import random

    from skyslate.solve import talent_search

    # actor a plays the a-th and (a+1)-th scenes of a hidden chain: only the chain's order
    # (or its reverse) keeps everybody from waiting
    rng = random.Random(5)
    n = 128  # the most the wide core takes: every bit of its sets in use
    label = list(range(n))
    rng.shuffle(label)
    casts: list[set[int]] = [set() for _ in range(n)]
    for actor in range(n - 1):
        casts[label[actor]].add(actor)
        casts[label[actor + 1]].add(actor)
    instance = TalentInstance(
        durations=[rng.randint(1, 5) for _ in range(n)],
        costs=[rng.randint(1, 100) for _ in range(n - 1)],
        casts=[frozenset(c) for c in casts],
    )
    assert talent_search._core(n, n - 1, wide=False) is talent_search._talent_wide is not None
    result = solve_talent(instance, time_limit_seconds=20)
    assert result.optimal and result.holding_cost == 0
    assert result.order in (label, label[::-1])
    assert (
        paid_cost(instance.durations, instance.costs, instance.casts, result.order) == result.cost
    )


def test_past_64_scenes_a_time_limited_run_returns_a_valid_order_and_bound(paid_cost):
    import time

    instance = recipe_instance(128, 128, 7)
    started = time.perf_counter()
    result = solve_talent(instance, time_limit_seconds=0.5)
    # every phase watches the clock (a full beam search alone takes seconds at this size)
    assert time.perf_counter() - started < 3.0
    assert sorted(result.order) == list(range(128))
    assert result.lower_bound <= result.cost
    assert (
        paid_cost(instance.durations, instance.costs, instance.casts, result.order) == result.cost
    )
