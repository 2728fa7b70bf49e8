"""TalentInstance validation and the public API's small promises."""

from __future__ import annotations

import pytest

from skyslate.errors import InstanceError
from skyslate.solve.talent import TalentInstance, solve_talent, talent_cost


@pytest.mark.parametrize(
    ("durations", "costs", "casts", "message"),
    [
        ([], [1], [], "an instance needs at least one scene (expected n >= 1)"),
        ([1, 2], [1], [frozenset({0})], "1 casts for 2 scenes (expected one cast per scene)"),
        ([0], [1], [frozenset({0})], "scene 1 lasts 0 days (expected a whole number >= 1)"),
        ([1], [-3], [frozenset({0})], "actor 1 costs -3 per day (expected a whole number >= 0)"),
        (
            [1],
            [1],
            [frozenset({1})],
            "scene 1 names actor 1 (expected 0-based actor indices below 1)",
        ),
    ],
)
def test_invalid_instance_raises_instance_error(durations, costs, casts, message):
    with pytest.raises(InstanceError) as caught:
        TalentInstance(durations=durations, costs=costs, casts=casts)
    assert str(caught.value) == message


def test_cheng_diamond_lin_style_example():
    # Two actors who share scene 1: shooting 0, 1, 2 keeps both on set only for their own days.
    instance = TalentInstance(
        durations=[2, 1, 3],
        costs=[10, 1],
        casts=[frozenset({0}), frozenset({0, 1}), frozenset({1})],
    )
    assert talent_cost(instance, [0, 1, 2]) == 10 * 3 + 1 * 4
    assert talent_cost(instance, [1, 0, 2]) == 10 * 3 + 1 * 6
    result = solve_talent(instance)
    assert (result.cost, result.holding_cost, result.optimal) == (34, 0, True)
    assert result.order in ([0, 1, 2], [2, 1, 0])


def test_progress_reports_best_cost_and_bound():
    from pathlib import Path

    from skyslate.solve.talent import read_instance

    # talent_io.recipe_instance(40, 20, 0): far from proven in half a second
    instance = read_instance(
        Path(__file__).resolve().parent.parent / "data" / "talent" / "random40x20-seed0"
    )
    seen = []
    result = solve_talent(
        instance, time_limit_seconds=0.5, progress=lambda b, low: seen.append((b, low))
    )
    assert seen, "a half-second search reports at least once"
    assert all(low <= best for best, low in seen)
    assert not result.optimal
    assert result.lower_bound < result.cost == talent_cost(instance, result.order)


def test_talent_cost_rejects_a_non_permutation():
    instance = TalentInstance(durations=[1, 1], costs=[1], casts=[frozenset({0}), frozenset({0})])
    with pytest.raises(ValueError):
        talent_cost(instance, [0, 0])
