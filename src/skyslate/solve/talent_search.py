"""The search behind `solve_talent`: reduce, then branch and bound over remaining-scene sets.

The state is the set Q of scenes still to shoot: who is waiting on set (actors
with a scene shot and a scene in Q) follows from Q alone, so the cost of the
rest depends on Q only and is memoised (Garcia de la Banda, Stuckey & Chu 2011).
`search_py` bounds each state from below (on-set actors' exclusive scenes,
sorted by Smith's ratio rule) and recurses with a budget, storing either the
exact value or a proven lower bound. The C core `_talent` builds the order from
both ends with many more speed-ups (see its header); this module uses it when it
was built and the reduced instance fits (at most 64 scenes and 64 actors), and
`_talent_wide`, the same core with 128-bit sets, up to 128 of each.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING

from skyslate.solve.talent_reduce import Reduced, reduce_instance

if TYPE_CHECKING:
    from skyslate.solve.talent import TalentInstance

try:  # the compiled core; absent when the package was installed without a C compiler
    from skyslate.solve import _talent
except ImportError:  # pragma: no cover - exercised only on machines without gcc
    _talent = None
try:  # the same core with 128-bit sets, for 65 to 128 scenes or actors (about half as fast)
    from skyslate.solve import _talent_wide
except ImportError:  # pragma: no cover - exercised only on machines without gcc
    _talent_wide = None

INFINITY = float("inf")


class _Timeout(Exception):
    pass


def search(
    instance: TalentInstance,
    time_limit_seconds: float | None,
    progress: Callable[[int, int], None] | None,
    use_compiled: bool = True,
    wide: bool = False,
) -> tuple[list[int], int, int]:
    """Best order, its total cost and a proven lower bound on the optimum."""
    from skyslate.solve.talent import talent_cost

    reduced = reduce_instance(instance)
    fixed = instance.fixed_cost()
    report = None
    if progress is not None:

        def report(best_holding: int, bound_holding: int) -> None:
            progress(fixed + best_holding, fixed + bound_holding)

    n, m = len(reduced.durations), len(reduced.costs)
    if n <= 1:
        order, holding, bound = list(range(n)), 0, 0
    elif use_compiled and (core := _core(n, m, wide)) is not None and _fits_c(reduced):
        masks = [sum(1 << a for a in cast) for cast in reduced.casts]
        limit = -1.0 if time_limit_seconds is None else float(time_limit_seconds)
        order, holding, bound = core.solve(reduced.durations, reduced.costs, masks, limit, report)
    else:
        order, holding, bound = search_py(reduced, time_limit_seconds, report)
    full = reduced.expand(order)
    cost = talent_cost(instance, full)
    if cost != fixed + holding:  # pragma: no cover - would be a solver bug
        raise AssertionError(f"solver cost {fixed + holding} != evaluated cost {cost}")
    return full, cost, fixed + bound


def _core(n: int, m: int, wide: bool):
    """The compiled core that takes n scenes and m actors, or None (`wide` forces the 128-bit one)."""
    if n <= 64 and m <= 64 and not wide and _talent is not None:
        return _talent
    if n <= 128 and m <= 128 and _talent_wide is not None:
        return _talent_wide
    return None


def _fits_c(reduced: Reduced) -> bool:
    """Whether every cost the C core forms stays exact in int64 and in its double bounds."""
    # No holding cost exceeds (sum of daily costs) x (sum of days); below 2**52 that fits an
    # int64 and a double exactly, and the pairwise bound's rounding tolerance holds.
    return sum(reduced.costs) * sum(reduced.durations) < 2**52


def search_py(
    reduced: Reduced,
    time_limit_seconds: float | None,
    report: Callable[[int, int], None] | None = None,
) -> tuple[list[int], int, int]:
    """Pure-Python branch and bound on the reduced problem: (order, holding, holding bound)."""
    n, m = len(reduced.durations), len(reduced.costs)
    durations, costs = reduced.durations, reduced.costs
    cast_mask = [sum(1 << a for a in cast) for cast in reduced.casts]
    actor_scenes = [sum(1 << s for s in range(n) if cast_mask[s] >> a & 1) for a in range(m)]
    everything = (1 << n) - 1
    deadline = None if time_limit_seconds is None else time.perf_counter() + time_limit_seconds
    memo: dict[int, tuple[int, bool, int]] = {}  # Q -> (value, exact, best next scene)
    nodes = [0]

    def waiting(q: int) -> int:
        """Actors with a scene shot and a scene still to shoot."""
        done = everything & ~q
        mask = 0
        for a in range(m):
            if actor_scenes[a] & q and actor_scenes[a] & done:
                mask |= 1 << a
        return mask

    def pay(mask: int) -> int:
        return sum(costs[a] for a in range(m) if mask >> a & 1)

    def bound(q: int) -> int:
        """Waiting actors each hold through the exclusive scenes of those who finish before them."""
        on_set = waiting(q)
        jobs = []
        for a in range(m):
            if on_set >> a & 1:
                others = on_set & ~(1 << a)
                own = sum(
                    durations[s]
                    for s in range(n)
                    if q >> s & 1 and cast_mask[s] >> a & 1 and not cast_mask[s] & others
                )
                jobs.append((own, costs[a]))
        # Smith's rule: shortest own time per unit cost first minimises the weighted waits.
        # Exact ratios: a float key could misorder huge near-equal ratios and overstate the bound.
        jobs.sort(key=lambda job: Fraction(job[0], job[1]) if job[1] else INFINITY)
        total, elapsed = 0, 0
        for own, rate in jobs:
            total += rate * elapsed
            elapsed += own
        return total

    def solve(q: int, budget: float) -> float:
        if q == 0:
            return 0
        entry = memo.get(q)
        if entry is not None and (entry[1] or entry[0] >= budget):
            return entry[0]
        nodes[0] += 1
        if deadline is not None and nodes[0] % 256 == 0 and time.perf_counter() > deadline:
            raise _Timeout
        on_set = waiting(q)
        children = []
        for s in range(n):
            if q >> s & 1:
                step = durations[s] * pay(on_set & ~cast_mask[s])
                rest = q & ~(1 << s)
                known = memo.get(rest)
                low = max(bound(rest), known[0] if known else 0)
                if cast_mask[s] == on_set:  # forced: nobody extra waits, nobody new arrives
                    children = [(step + low, s, step)]
                    break
                children.append((step + low, s, step))
        children.sort()
        best, best_scene, failed = INFINITY, -1, INFINITY
        for low, s, step in children:
            limit = min(budget, best)
            if low >= limit:
                failed = min(failed, low)
                break
            value = step + solve(q & ~(1 << s), limit - step)
            if value < best:
                best, best_scene = value, s
            else:
                failed = min(failed, value)
        if best < budget:
            memo[q] = (int(best), True, best_scene)
            return best
        value = min(best, failed)
        memo[q] = (int(value), False, -1)
        return value

    def order_from(q: int) -> list[int]:
        order = []
        while q:
            entry = memo.get(q)
            if entry is None or not entry[1]:
                solve(q, INFINITY)
                entry = memo[q]
            order.append(entry[2])
            q &= ~(1 << entry[2])
        return order

    greedy = _greedy(durations, costs, cast_mask, actor_scenes)
    incumbent = _holding(greedy, durations, costs, cast_mask, actor_scenes)
    try:
        value = solve(everything, incumbent)
    except _Timeout:
        low = bound(everything)
        if report is not None:
            report(incumbent, low)
        return greedy, incumbent, low
    if value >= incumbent:
        return greedy, incumbent, incumbent
    deadline = None
    order = order_from(everything)
    return order, int(value), int(value)


def _holding(order, durations, costs, cast_mask, actor_scenes) -> int:
    """Holding cost of a reduced order (waiting days times daily cost)."""
    total, q = 0, (1 << len(order)) - 1
    for s in order:
        done = ((1 << len(order)) - 1) & ~q
        for a, scenes in enumerate(actor_scenes):
            if scenes & q and scenes & done and not cast_mask[s] >> a & 1:
                total += durations[s] * costs[a]
        q &= ~(1 << s)
    return total


def _greedy(durations, costs, cast_mask, actor_scenes) -> list[int]:
    """A first incumbent: repeatedly shoot the scene that makes the fewest people wait now."""
    n = len(durations)
    q, order = (1 << n) - 1, []
    while q:
        done = ((1 << n) - 1) & ~q
        best = None
        for s in range(n):
            if q >> s & 1:
                rest = q & ~(1 << s)
                waiting = sum(
                    costs[a]
                    for a, scenes in enumerate(actor_scenes)
                    if scenes & rest
                    and (scenes & done or cast_mask[s] >> a & 1)
                    and not cast_mask[s] >> a & 1
                )
                opened = sum(
                    costs[a]
                    for a, scenes in enumerate(actor_scenes)
                    if cast_mask[s] >> a & 1 and not scenes & done and scenes & rest
                )
                key = (durations[s] * waiting + opened, s)
                if best is None or key < best:
                    best = key
        order.append(best[1])
        q &= ~(1 << best[1])
    return order
