"""Start schedules for the planner: scene orders packed into days, and the old plan repaired.

A complete, feasible start lets CP-SAT improve at once instead of searching for a
first schedule (on the 120-scene synthetic feature it finds none alone in 60 s).
"""

from __future__ import annotations

from skyslate.solve.assemble import assemble
from skyslate.solve.costs import payable_dates, price
from skyslate.solve.greedy import board_days, cheapest_board, greedy_board
from skyslate.solve.instance import Instance
from skyslate.solve.model import Options

CLOSE_DAYS_MAX_SCENES = 60  # repacking with a day closed costs a full packing per used day


def talent_order(instance: Instance, active: list[int], seconds: float) -> list[int] | None:
    """The talent solver's cheapest order of the scenes, or None if it is not available."""
    try:
        from skyslate.solve.talent import TalentInstance, solve_talent
    except ImportError:
        return None
    members = instance.production.cast
    position = {m.id: i for i, m in enumerate(members)}
    try:
        talent = TalentInstance(
            durations=[max(1, instance.jobs[j].duration) for j in active],
            costs=[max(0, round(m.rate_per_day)) for m in members],
            casts=[
                frozenset(position[c] for c in instance.jobs[j].scene.cast if c in position)
                for j in active
            ],
            name=instance.production.title,
        )
        result = solve_talent(talent, time_limit_seconds=seconds)
    except Exception:  # the seed is a courtesy: any trouble there falls back to script order
        return None
    return [active[i] for i in result.order]


def seed_schedule(instance: Instance, active: list[int], limit: float):
    """The cheapest greedy packing of a few scene orders: (days, tasks, unplaced, cost).

    Orders tried: script order, the talent solver's (fewest paid actor-days), the same
    grouped by location (fewest company moves, as a first AD boards it), and with
    late-starting scenes last; each packed day by day and by cheapest insertion. For
    small productions the best is then repacked with days closed one at a time.
    """
    talent = talent_order(instance, active, min(2.0, 0.1 * limit))
    orders = [active]
    if talent:
        orders = [talent, by_location(instance, talent), active]
    # Days are filled left to right, so scenes that can only run late go in last.
    orders.append(by_time_of_day(instance, orders[0]))
    orders.append(by_location(instance, orders[-1]))
    runs = [(greedy_board, o) for o in orders] + [(cheapest_board, o) for o in orders]
    seeds = []
    for index, (packer, order) in enumerate(runs):
        board, unplaced = packer(instance, order)
        days, tasks = board_days(board)
        unplaced = [u for u in unplaced if instance.by_number[u[0]] in active]
        cost = price(instance.production, assemble(instance, days, tasks).days)[0].total
        seeds.append((len(unplaced), cost, index, days, tasks, unplaced))
    best = min(seeds, key=lambda s: s[:3])
    _n, cost, index, days, tasks, unplaced = best
    if not unplaced and len(active) <= CLOSE_DAYS_MAX_SCENES:
        cost, days, tasks = _close_days(instance, (cost, days, tasks), runs[index][1])
    return days, tasks, unplaced, cost


def _close_days(instance: Instance, best, order: list[int]):
    """Try to do without each shoot day in turn: repack everything with that day closed."""
    closed: frozenset[int] = frozenset()
    improved = True
    while improved:
        improved = False
        used = [d for d, placed in enumerate(best[1]) if placed]
        for day in sorted(used, key=lambda d: len(best[1][d])):
            board, unplaced = cheapest_board(instance, order, closed | {day})
            if unplaced:
                continue
            days, tasks = board_days(board)
            cost = price(instance.production, assemble(instance, days, tasks).days)[0].total
            if cost < best[0]:
                best, closed, improved = (cost, days, tasks), closed | {day}, True
                break
    return best


def reschedule_seed(instance: Instance, options: Options):
    """The old plan repaired: shot scenes where they were, the rest on their old day if they
    still fit there, else where they add least; (days, tasks, unplaced, cost)."""
    from skyslate.solve.greedy import _insertion_cost
    from skyslate.solve.instance import Piece
    from skyslate.solve.placer import Board, Placement

    board = Board(instance, revisit=True)
    payable = set(payable_dates(instance.production))
    for j, (day, start) in sorted(options.fixed.items(), key=lambda item: item[1]):
        job = instance.jobs[j]
        piece = Piece(day, start, start + job.duration)
        placement = board.find(job, day, pieces=[piece])
        if placement is None or placement.start != start:  # history stands even if rules moved
            placement = Placement(j, day, start, start + job.duration, [])
        board.commit(placement)
    rest = [j for j in options.jobs if j not in options.fixed]
    rest.sort(key=lambda j: (options.baseline_day.get(j, len(instance.dates)), j))
    unplaced = []
    for j in rest:
        job = instance.jobs[j]
        allowed = options.days.get(j) or job.days()
        old = options.baseline_day.get(j)
        placement = board.find(job, old) if old in allowed else None
        if placement is None:
            costs = [
                (_insertion_cost(board, p, payable), p)
                for p in (board.find(job, d) for d in allowed)
                if p is not None
            ]
            placement = min(costs, key=lambda c: c[0])[1] if costs else None
        if placement is None:
            unplaced.append((job.number, f"scene {job.number}: no room left after the frozen days"))
            continue
        board.commit(placement)
    days, tasks = board_days(board)
    return (
        days,
        tasks,
        unplaced,
        price(instance.production, assemble(instance, days, tasks).days)[0].total,
    )


def by_time_of_day(instance: Instance, order: list[int]) -> list[int]:
    """`order` sorted by the latest time of day each scene can start (stable): late scenes last."""

    def latest(j: int) -> int:
        job = instance.jobs[j]
        return max(
            (p.end - job.duration - instance.frames[p.day][0] for p in job.pieces), default=0
        )

    return sorted(order, key=latest)


def by_location(instance: Instance, order: list[int]) -> list[int]:
    """`order` grouped by location, locations in order of first appearance (fewer moves)."""
    first_seen: dict[str, int] = {}
    for j in order:
        first_seen.setdefault(instance.jobs[j].location, len(first_seen))
    return sorted(order, key=lambda j: first_seen[instance.jobs[j].location])
