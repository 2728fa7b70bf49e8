"""The schedule a first AD starts from: scenes in a given order (script order), packed day by day."""

from __future__ import annotations

from skyslate.plan.model import Production
from skyslate.solve.assemble import assemble
from skyslate.solve.costs import payable_dates
from skyslate.solve.explain import scene_reason
from skyslate.solve.instance import Instance, build_instance
from skyslate.solve.placer import Board
from skyslate.solve.schedule import Schedule


def _follow_order(instance: Instance, order: list[int]) -> list[int]:
    """`order` with every scene moved after the scenes it must follow (stable)."""
    done: set[int] = set()
    out: list[int] = []

    def visit(index: int, trail: set[int]) -> None:
        if index in done or index in trail:
            return
        trail.add(index)
        for before in instance.jobs[index].follows:
            visit(before, trail)
        done.add(index)
        out.append(index)

    for index in order:
        visit(index, set())
    return out


def _fits_day(board: Board, placement, limit: int) -> bool:
    state = board.days[placement.day]
    lo = min([placement.start] + [t.start for t in placement.tasks])
    hi = placement.end
    if state.lo is not None:
        lo, hi = min(lo, state.lo), max(hi, state.hi)
    return hi - lo <= limit


def greedy_board(instance: Instance, order: list[int] | None = None):
    """Pack scenes in `order` (default: script order) into days; (board, unscheduled)."""
    order = _follow_order(instance, order if order is not None else list(range(len(instance.jobs))))
    board = Board(instance, revisit=False)
    limit = round(instance.production.rules.max_hours_per_day * 60)
    unscheduled: list[tuple[str, str]] = []
    pointer = 0
    n_days = len(instance.dates)
    for index in order:
        job = instance.jobs[index]
        reason = scene_reason(instance, job)
        if reason:
            unscheduled.append((job.number, reason))
            continue
        days = list(range(pointer, n_days)) + list(range(pointer))
        chosen = None
        for allow_overtime in (False, True):
            for day in days:
                placement = board.find(job, day)
                if placement and (allow_overtime or _fits_day(board, placement, limit)):
                    chosen = placement
                    break
            if chosen:
                break
        if chosen is None:
            unscheduled.append(
                (job.number, f"scene {job.number}: no room left on any shoot day (greedy packing)")
            )
            continue
        board.commit(chosen)
        if chosen.day > pointer and any(p.day == pointer for p in job.pieces):
            pointer = chosen.day
    return board, unscheduled


def _insertion_cost(board: Board, placement, payable: set) -> float:
    """What placing a scene here adds, roughly: a new day, a longer paid run, overtime, a move."""
    instance = board.instance
    rules = instance.production.rules
    state = board.days[placement.day]
    job = instance.jobs[placement.job]
    dates = instance.dates
    cost = 0.0 if state.scenes else rules.cost_per_shoot_day
    for member_id in job.scene.cast:
        worked = board.cast_span.get(member_id, {})
        if placement.day in worked:
            continue
        member = instance.production.cast_member(member_id)
        if not worked:
            cost += member.rate_per_day
            continue
        first, last = min(worked), max(worked)
        if first < placement.day < last:
            # already paid as a hold, unless the actor is only paid when working
            cost += 0 if member.hold_allowed else member.rate_per_day
            continue
        lo, hi = sorted((dates[placement.day], dates[last if placement.day > last else first]))
        between = sum(1 for d in payable if lo < d < hi) if member.hold_allowed else 0
        cost += member.rate_per_day * (1 + between)
    limit = round(rules.max_hours_per_day * 60)
    lo = min([placement.start] + [t.start for t in placement.tasks])
    hi = placement.end
    before = 0
    if state.lo is not None:
        before = max(0, state.hi - state.lo - limit)
        lo, hi = min(lo, state.lo), max(hi, state.hi)
    cost += (max(0, hi - lo - limit) - before) * rules.overtime_rate_per_hour / 60
    if state.location is not None and state.location != job.location:
        cost += rules.cost_per_move
    return cost


def cheapest_board(instance: Instance, order: list[int], closed: frozenset[int] = frozenset()):
    """Insert scenes in `order`, each on the day where it adds the least cost; (board, unscheduled).

    Days in `closed` take no scenes (the planner closes days one by one to drop them).
    """
    order = _follow_order(instance, order)
    board = Board(instance, revisit=False)
    payable = set(payable_dates(instance.production))
    unscheduled: list[tuple[str, str]] = []
    for index in order:
        job = instance.jobs[index]
        reason = scene_reason(instance, job)
        if reason:
            unscheduled.append((job.number, reason))
            continue
        best = None
        for day in job.days():
            if day in closed:
                continue
            placement = board.find(job, day)
            if placement is not None:
                cost = _insertion_cost(board, placement, payable)
                if best is None or cost < best[0]:
                    best = (cost, placement)
        if best is None:
            unscheduled.append(
                (job.number, f"scene {job.number}: no room left on any shoot day (greedy packing)")
            )
            continue
        board.commit(best[1])
    return board, unscheduled


def board_days(board: Board):
    """(job, start, end) per day and tasks per day, as `assemble` takes them."""
    return [list(s.scenes) for s in board.days], [list(s.tasks) for s in board.days]


def greedy_schedule(production: Production, order: list[str] | None = None) -> Schedule:
    """The first AD's schedule: scenes in script order (or `order`), each day filled before the next."""
    instance = build_instance(production)
    indices = None if order is None else [instance.by_number[n] for n in order]
    board, unscheduled = greedy_board(instance, indices)
    days, tasks = board_days(board)
    return assemble(instance, days, tasks, unscheduled=unscheduled)
