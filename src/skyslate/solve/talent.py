"""Exact talent scheduling: the order of scenes that pays actors the fewest days.

An actor is paid every day from the start of their first scene to the end of
their last one. `solve_talent` finds an order of all scenes of minimum total
cost, proves it optimal (or, under a time limit, returns the best order found
and a proven lower bound). The search itself lives in `talent_search` (a C
core, `_talent`, and its 128-bit build `_talent_wide` past 64 scenes or actors, with a
pure-Python fallback); this module is the public face.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from skyslate.errors import InstanceError
from skyslate.solve.talent_io import read_instance
from skyslate.solve.talent_search import search

__all__ = [
    "TalentInstance",
    "TalentResult",
    "read_instance",
    "solve_talent",
    "talent_cost",
]


@dataclass(frozen=True)
class TalentInstance:
    """Scenes (durations in days), actors (cost per day) and who plays in which scene."""

    durations: list[int]
    costs: list[int]
    casts: list[frozenset[int]]
    name: str = ""
    idle_actors: tuple[int, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        durations, costs, casts = self.durations, self.costs, self.casts
        if len(durations) == 0:
            raise InstanceError("an instance needs at least one scene (expected n >= 1)")
        if len(casts) != len(durations):
            raise InstanceError(
                f"{len(casts)} casts for {len(durations)} scenes (expected one cast per scene)"
            )
        for number, days in enumerate(durations, start=1):
            if not isinstance(days, int) or isinstance(days, bool) or days < 1:
                raise InstanceError(
                    f"scene {number} lasts {days!r} days (expected a whole number >= 1)"
                )
        for number, rate in enumerate(costs, start=1):
            if not isinstance(rate, int) or isinstance(rate, bool) or rate < 0:
                raise InstanceError(
                    f"actor {number} costs {rate!r} per day (expected a whole number >= 0)"
                )
        seen: set[int] = set()
        for number, cast in enumerate(casts, start=1):
            for actor in cast:
                if not isinstance(actor, int) or not 0 <= actor < len(costs):
                    raise InstanceError(
                        f"scene {number} names actor {actor!r} "
                        f"(expected 0-based actor indices below {len(costs)})"
                    )
            seen |= cast
        # An actor in no scene has no first or last day and so costs nothing; the
        # published film-10 instance has one, so it is allowed and reported.
        idle = tuple(a for a in range(len(costs)) if a not in seen)
        object.__setattr__(self, "casts", [frozenset(cast) for cast in casts])
        object.__setattr__(self, "idle_actors", idle)

    @property
    def scene_count(self) -> int:
        """Number of scenes, n."""
        return len(self.durations)

    @property
    def actor_count(self) -> int:
        """Number of actors, m (idle ones included)."""
        return len(self.costs)

    def fixed_cost(self) -> int:
        """Cost of the days each actor actually plays: the part no order can avoid."""
        return sum(
            days * sum(self.costs[a] for a in cast)
            for days, cast in zip(self.durations, self.casts, strict=True)
        )


@dataclass(frozen=True)
class TalentResult:
    """A scene order (0-based), its cost, a proven lower bound and whether it is optimal."""

    order: list[int]
    cost: int
    holding_cost: int
    lower_bound: int
    optimal: bool
    seconds: float


def talent_cost(instance: TalentInstance, order: Sequence[int]) -> int:
    """Total paid actor-days of shooting the scenes in `order` (the solver's own evaluator)."""
    if sorted(order) != list(range(instance.scene_count)):
        raise ValueError("order must be a permutation of all scene indices")
    start_day = [0] * instance.scene_count
    day = 0
    for scene in order:
        start_day[scene] = day
        day += instance.durations[scene]
    total = 0
    for actor, rate in enumerate(instance.costs):
        scenes = [s for s, cast in enumerate(instance.casts) if actor in cast]
        if scenes:
            first = min(start_day[s] for s in scenes)
            last = max(start_day[s] + instance.durations[s] for s in scenes)
            total += rate * (last - first)
    return total


def solve_talent(
    instance: TalentInstance,
    time_limit_seconds: float | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> TalentResult:
    """Find a cheapest scene order; prove it optimal unless the time limit stops the search."""
    if time_limit_seconds is not None and not time_limit_seconds >= 0:  # also rejects nan
        raise ValueError("time_limit_seconds must be >= 0")
    started = time.perf_counter()
    order, cost, lower_bound = search(instance, time_limit_seconds, progress)
    seconds = time.perf_counter() - started
    lower_bound = min(lower_bound, cost)
    return TalentResult(
        order=order,
        cost=cost,
        holding_cost=cost - instance.fixed_cost(),
        lower_bound=lower_bound,
        optimal=lower_bound == cost,
        seconds=seconds,
    )
