"""Independent referees for the talent tests, written apart from the solver on purpose."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

TALENT_DATA = Path(__file__).resolve().parent.parent / "data" / "talent"


def paid_cost(durations, costs, casts, order) -> int:
    """Lay the shoot out day by day and count, per actor, every day from first to last call."""
    calendar = []  # calendar[day] = the scene shot that day
    for scene in order:
        calendar.extend([scene] * durations[scene])
    total = 0
    for actor, rate in enumerate(costs):
        days_in = [day for day, scene in enumerate(calendar) if actor in casts[scene]]
        if days_in:
            total += rate * (days_in[-1] - days_in[0] + 1)
    return total


def exhaustive_optimum(durations, costs, casts) -> int:
    """Minimum cost: every permutation up to 6 scenes; a plain subset DP (no bounds) above."""
    if len(durations) <= 6:
        return permutation_minimum(durations, costs, casts)
    return subset_dp_minimum(durations, costs, casts)


def permutation_minimum(durations, costs, casts) -> int:
    """Minimum cost over all orders, each laid out and priced by `paid_cost`."""
    n = len(durations)
    return min(paid_cost(durations, costs, casts, p) for p in itertools.permutations(range(n)))


def subset_dp_minimum(durations, costs, casts) -> int:
    """Minimum cost by the textbook DP over sets of scenes still to shoot, without bounds."""
    # V(Q) = min over s in Q of (pay while shooting s first of Q) + V(Q - s); actors on set
    # during s are s's cast plus those with a scene already shot and one still in Q - s.
    n = len(durations)
    everyone_in = [frozenset(s for s in range(n) if a in casts[s]) for a in range(len(costs))]
    full = frozenset(range(n))
    best = {frozenset(): 0}
    for size in range(1, n + 1):
        for q in map(frozenset, itertools.combinations(range(n), size)):
            shot = full - q
            options = []
            for s in q:
                rest = q - {s}
                on_set = [
                    a
                    for a, scenes in enumerate(everyone_in)
                    if a in casts[s] or (scenes & shot and scenes & rest)
                ]
                options.append(durations[s] * sum(costs[a] for a in on_set) + best[rest])
            best[q] = min(options)
    return best[full]


@pytest.fixture(scope="session")
def referees():
    """Both exhaustive referees, to check them against each other."""
    return permutation_minimum, subset_dp_minimum


@pytest.fixture(scope="session")
def talent_data() -> Path:
    """Folder of the shipped instance files."""
    return TALENT_DATA


@pytest.fixture(scope="session", name="paid_cost")
def paid_cost_fixture():
    """The independent cost evaluator."""
    return paid_cost


@pytest.fixture(scope="session", name="exhaustive_optimum")
def exhaustive_optimum_fixture():
    """The independent exact optimum for small instances."""
    return exhaustive_optimum
