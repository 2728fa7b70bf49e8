"""All 17 named instances reach their published optima, proven optimal."""

from __future__ import annotations

from pathlib import Path

import pytest

from skyslate.solve import talent_search
from skyslate.solve.talent import read_instance, solve_talent

TALENT_DATA = Path(__file__).resolve().parent.parent / "data" / "talent"

# (file, n, m, optimal total cost, optimal holding cost): Qin, Zhang, Lim & Liang, EJOR 250
# (2016) Table 10 for MobStory and film1xx; the DDOLib `Solutions` log of the de la Banda,
# Stuckey & Chu DP solver for the others (see tests/data/talent/README.md).
PUBLISHED = [
    ("tiny", 4, 3, 29, 2),
    ("tiny2", 5, 3, 9, 1),
    ("small", 6, 4, 54, 12),
    ("small2", 6, 4, 56, 8),
    ("concert", 9, 5, 111, 17),
    ("film-10", 10, 8, 352, 28),
    ("film-12", 12, 8, 401, 52),
    ("film103.dat", 19, 8, 1031, 187),
    ("film105.dat", 18, 8, 849, 110),
    ("film114.dat", 19, 8, 867, 143),
    ("film116.dat", 19, 8, 541, 110),
    ("film117.dat", 19, 8, 913, 197),
    ("film118.dat", 19, 8, 853, 156),
    ("film119.dat", 18, 8, 790, 159),
    ("MobStory", 28, 8, 871, 146),
    ("Warwick1201", 20, 20, 222, 31),
    ("Shaw2020", 20, 20, 877, 289),
]


@pytest.mark.parametrize(("name", "n", "m", "optimum", "holding"), PUBLISHED)
def test_named_instance_reaches_published_optimum(name, n, m, optimum, holding, paid_cost):
    if talent_search._talent is None and n > 12:
        pytest.fail("the C core skyslate.solve._talent was not built (is gcc installed?)")
    instance = read_instance(TALENT_DATA / name)
    assert (instance.scene_count, instance.actor_count) == (n, m)
    result = solve_talent(instance)
    assert result.optimal
    assert (result.cost, result.holding_cost, result.lower_bound) == (optimum, holding, optimum)
    assert sorted(result.order) == list(range(n))
    assert paid_cost(instance.durations, instance.costs, instance.casts, result.order) == optimum


@pytest.mark.parametrize(
    ("dzn", "plain"),
    [("concert.dzn", "concert"), ("film116.dzn", "film116.dat"), ("MobStory.dzn", "MobStory")],
)
def test_minizinc_twin_holds_the_same_data(dzn, plain):
    twin, original = read_instance(TALENT_DATA / dzn), read_instance(TALENT_DATA / plain)
    assert (twin.durations, twin.costs, twin.casts) == (
        original.durations,
        original.costs,
        original.casts,
    )
    assert twin.name == dzn.removesuffix(".dzn")


def test_actor_in_no_scene_costs_nothing_and_is_reported():
    instance = read_instance(TALENT_DATA / "film-10")
    assert instance.idle_actors == (5,)  # row 6 of the file, daily cost 40
    assert instance.costs[5] == 40
