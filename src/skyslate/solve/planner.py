"""The production planner: the cheapest feasible shooting schedule, with a proven bound.

Steps: translate the production into minutes (`instance`), report scenes that
fit nowhere, seed a start schedule (the talent solver's scene order packed into
days by the greedy, or script order), solve the CP-SAT model from that hint, and
for large productions improve it by large-neighbourhood search: keep most days
fixed and re-solve the scenes of a few consecutive days. With no schedule at all,
find a small set of requirements that cannot hold together and say which.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import date, datetime

from ortools.sat.python import cp_model

from skyslate.errors import Conflict, InfeasibleError
from skyslate.plan.model import Production
from skyslate.solve.assemble import assemble
from skyslate.solve.costs import payable_dates, price
from skyslate.solve.explain import scene_reason
from skyslate.solve.greedy import board_days, cheapest_board, greedy_board
from skyslate.solve.instance import Instance, build_instance
from skyslate.solve.model import SCALE, Options, PlanModel
from skyslate.solve.placer import PlacedTask
from skyslate.solve.schedule import Schedule

Progress = Callable[[float | None, str, float | None, float | None], None]
CLOSE_DAYS_MAX_SCENES = 60  # repacking with a day closed costs a full packing per used day
LNS_MIN_SCENES = 40  # below this, one CP-SAT run proves optimality faster than neighbourhoods


class _Reporter(cp_model.CpSolverSolutionCallback):
    def __init__(self, progress: Progress | None, started: float, limit: float):
        super().__init__()
        self.progress, self.started, self.limit = progress, started, limit
        self.count = 0

    def on_solution_callback(self) -> None:
        self.count += 1
        if self.progress is not None:
            elapsed = time.perf_counter() - self.started
            self.progress(
                min(1.0, elapsed / self.limit) if self.limit else None,
                f"schedule {self.count}",
                self.objective_value / SCALE,
                self.best_objective_bound / SCALE,
            )


def solve(
    production: Production,
    *,
    time_limit_seconds: float = 30.0,
    progress: Progress | None = None,
    baseline: dict | None = None,
    freeze_through: date | None = None,
    num_workers: int = 2,
    random_seed: int = 0,
    seed: bool = True,
    lns: bool | None = None,
) -> Schedule:
    """The cheapest schedule found within the time limit, its bound and gap; InfeasibleError if none."""
    started = time.perf_counter()
    instance = build_instance(production)
    unscheduled, active = [], []
    for job in instance.jobs:
        reason = scene_reason(instance, job)
        if reason:
            unscheduled.append((job.number, reason))
        else:
            active.append(job.index)
    _check_roles(instance, active)
    options = Options(jobs=active)
    if baseline is not None:
        forced, stuck = _rescheduling(instance, options, baseline, freeze_through)
        unscheduled = [u for u in unscheduled if instance.by_number[u[0]] not in forced] + stuck
    hint = None
    if baseline is not None and options.jobs:
        hint = _reschedule_seed(instance, options)
    elif seed and active:
        hint = _seed(instance, active, time_limit_seconds)
    if progress is not None and hint is not None:
        elapsed = time.perf_counter() - started
        progress(elapsed / time_limit_seconds, "seeded (greedy packing)", hint[3], None)
    if not active:
        return assemble(
            instance,
            [[] for _ in instance.dates],
            [[] for _ in instance.dates],
            unscheduled=unscheduled,
            lower_bound=0.0,
            optimal=True,
        )
    big = len(active) >= LNS_MIN_SCENES if lns is None else lns
    plan = PlanModel(instance, options)
    seed_values = None
    if hint is not None:
        _hint(plan, hint)
        seed_values = _complete_hint(
            plan, hint[0], min(10.0, 0.2 * time_limit_seconds), num_workers, random_seed
        )
    if progress is not None:
        progress((time.perf_counter() - started) / time_limit_seconds, "model built", None, None)
    deadline = started + time_limit_seconds
    best = None  # (objective, days, tasks, values)
    lns_first = big and seed_values is not None
    if lns_first:
        # Neighbourhoods improve a full seed fastest; the whole model then runs last,
        # from the best schedule, for the bound.
        best = _lns(
            plan,
            (float("inf"), hint[0], hint[1], seed_values),
            started + 0.5 * time_limit_seconds,
            time_limit_seconds,
            num_workers,
            random_seed,
            progress,
            started,
        )
        _hint_all(plan.model, best[3])
    remaining = deadline - time.perf_counter()
    status, solver = _run(plan, remaining, num_workers, random_seed, progress, started)
    if status == cp_model.INFEASIBLE:
        raise InfeasibleError(
            "no schedule meets all of these requirements together",
            conflicts=explain_conflicts(instance, options),
        )
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    if found and (best is None or solver.objective_value <= best[0]):
        days, tasks = _read(plan, solver)
        best = (solver.objective_value, days, tasks, list(solver.response_proto.solution))
    if best is None and hint is not None and not hint[2]:
        best = (float("inf"), hint[0], hint[1], seed_values)
    if best is None:
        if hint is None:
            raise InfeasibleError(f"no schedule found within {time_limit_seconds:g} s")
        # No schedule for every scene: the seed's partial packing, with what it left out.
        left = [
            (n, f"{why}; no schedule found within {time_limit_seconds:g} s") for n, why in hint[2]
        ]
        return assemble(
            instance,
            hint[0],
            hint[1],
            unscheduled=unscheduled + left,
            seconds=time.perf_counter() - started,
        )
    bound = solver.best_objective_bound
    optimal = status == cp_model.OPTIMAL
    if big and not optimal and not lns_first:
        best = _lns(
            plan, best, deadline, time_limit_seconds, num_workers, random_seed, progress, started
        )
    _objective, days, tasks, _values = best
    reschedule = baseline is not None
    changed = _changed(instance, options, days) if reschedule else []
    schedule = assemble(
        instance,
        days,
        tasks,
        unscheduled=unscheduled,
        lower_bound=None if reschedule else bound / SCALE,
        optimal=optimal and not reschedule,
        seconds=time.perf_counter() - started,
        changed_scenes=changed,
    )
    if progress is not None:
        progress(1.0, "done", schedule.cost.total, schedule.lower_bound)
    return schedule


def _check_roles(instance: Instance, active: list[int]) -> None:
    for spec in instance.tasks:
        if spec.holders or not active:
            continue
        if spec.trigger == "cast_first_scene_of_day" and not any(
            instance.jobs[j].scene.cast for j in active
        ):
            continue
        raise InfeasibleError(
            "no schedule meets all of these requirements together",
            conflicts=[
                Conflict(
                    f"{spec.kind} ({spec.minutes} min) needs a person with the role "
                    f"{spec.role}; nobody in the production has it"
                )
            ],
        )


def _run_model(model: cp_model.CpModel, size: int, seconds: float, workers: int, seed: int):
    """Solve a neighbourhood (a clone of the model) quietly."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, seconds)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    if size > 1000:
        solver.parameters.cp_model_probing_level = 0
    return solver.solve(model), solver


def _run(plan: PlanModel, seconds: float, workers: int, seed: int, progress, started: float):
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, seconds)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    if len(plan.y) > 1000:
        # probing a big model costs many seconds of presolve for little; search instead
        solver.parameters.cp_model_probing_level = 0
    reporter = _Reporter(progress, started, seconds)
    status = solver.solve(plan.model, reporter)
    return status, solver


def _talent_order(instance: Instance, active: list[int], seconds: float) -> list[int] | None:
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


def _seed(instance: Instance, active: list[int], limit: float):
    """The cheapest greedy packing of a few scene orders: (days, tasks, unplaced, cost).

    Orders tried: script order, the talent solver's (fewest paid actor-days), the same
    grouped by location (fewest company moves, as a first AD boards it), and with
    late-starting scenes last; each packed day by day and by cheapest insertion. For
    small productions the best is then repacked with days closed one at a time.
    """
    talent = _talent_order(instance, active, min(2.0, 0.1 * limit))
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


def _reschedule_seed(instance: Instance, options: Options):
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


def _hint(plan: PlanModel, hint) -> None:
    days = hint[0]
    where = {j: (d, s) for d, placed in enumerate(days) for j, s, _e in placed}
    for (j, d), y in plan.y.items():
        if j in where:
            plan.model.add_hint(y, 1 if where[j][0] == d else 0)
    for j, parts in plan.parts.items():
        if j in where and plan.instance.jobs[j].split_min is None:
            for part in parts:
                if part.day == where[j][0]:
                    plan.model.add_hint(part.start, where[j][1])


def _complete_hint(plan: PlanModel, days, seconds: float, workers: int, seed: int):
    """Turn a placement of scenes into a hint for every variable of the model.

    A clone of the model with each placed scene fixed to its day and start is easy
    (tasks, spans and pay follow); its solution hints all variables, so CP-SAT starts
    from a complete feasible schedule instead of repairing a partial one.
    """
    where = {j: (d, s) for d, placed in enumerate(days) for j, s, _e in placed}
    fixed = plan.model.clone()
    for (j, d), y in plan.y.items():
        if j in where:
            fixed.add(fixed.get_bool_var_from_proto_index(y.index) == int(where[j][0] == d))
    for j, parts in plan.parts.items():
        if j in where and plan.instance.jobs[j].split_min is None:
            for part in parts:
                if part.day == where[j][0]:
                    fixed.add(fixed.get_int_var_from_proto_index(part.start.index) == where[j][1])
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.5, seconds)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.stop_after_first_solution = True
    solver.parameters.cp_model_probing_level = 0
    if solver.solve(fixed) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    values = list(solver.response_proto.solution)
    _hint_all(plan.model, values)
    return values


def _hint_all(model: cp_model.CpModel, values: list[int]) -> None:
    """Hint every variable of `model` (or of a clone of it) with a full solution."""
    model.clear_hints()
    for index, value in enumerate(values):
        model.add_hint(model.get_int_var_from_proto_index(index), value)


def _read(plan: PlanModel, solver: cp_model.CpSolver):
    """Placed (job, start, end) per day and the tasks per day from a solved model."""
    instance = plan.instance
    days: list[list[tuple[int, int, int]]] = [[] for _ in instance.dates]
    for j, parts in plan.parts.items():
        for part in parts:
            if solver.boolean_value(part.present):
                start, end = solver.value(part.start), solver.value(part.end)
                if end > start:
                    days[part.day].append((j, start, end))
    tasks: list[list[PlacedTask]] = [[] for _ in instance.dates]
    jobs = instance.jobs
    for task in plan.tasks:
        if not solver.boolean_value(task.present):
            continue
        person = next(p for p, lit in task.choices if solver.boolean_value(lit))
        if task.job is not None:
            scene = task.job
        else:
            candidates = [
                (s, j)
                for j, s, _e in days[task.day]
                if (task.cast is not None and task.cast in jobs[j].scene.cast)
                or (task.set_key is not None and jobs[j].resources[-1][1] == task.set_key)
            ]
            if not candidates:
                continue
            scene = min(candidates)[1]
        start = solver.value(task.start)
        tasks[task.day].append(
            PlacedTask(task.spec, person, scene, start, start + task.spec.minutes, task.cast)
        )
    for day in range(len(days)):
        _latest_tasks(instance, days[day], tasks[day])
    return days, tasks


def _latest_tasks(instance: Instance, placed, tasks: list[PlacedTask]) -> None:
    """Move each task as late as it can go before its scene: a call as late as the work allows.

    The solver is indifferent to task times that cost nothing, so without this a makeup
    call could sit hours before it is needed. A later task never lengthens a day nor
    shortens a rest, and it moves only into time its person and cast member are free.
    """
    jobs = instance.jobs
    starts = {j: s for j, s, _e in sorted(placed, key=lambda p: -p[1])}
    for task in sorted(tasks, key=lambda t: -t.start):
        keys = [("person", task.person)] + ([("cast", task.cast)] if task.cast is not None else [])
        taken = [(s, e) for j, s, e in placed if any(k in jobs[j].resources for k in keys)]
        taken += [
            (t.start, t.end)
            for t in tasks
            if t is not task
            and (t.person == task.person or (task.cast is not None and t.cast == task.cast))
        ]
        for key in keys:
            taken += instance.busy.get(key, [])
        end = starts[task.job]
        moved = True
        while moved and end - task.spec.minutes > task.start:
            moved = False
            for s, e in taken:
                if s < end and end - task.spec.minutes < e:
                    end, moved = s, True
        if end - task.spec.minutes > task.start:
            task.start, task.end = end - task.spec.minutes, end


def _neighbourhood(instance: Instance, where: dict[int, int], rng: random.Random, width: int):
    """Days to re-solve: a run of consecutive dates, or the days one actor works on.

    Consecutive days trade scenes between neighbours (moves, overtime, day count);
    an actor's days let their scenes gather so their paid run shrinks.
    """
    n_days = len(instance.dates)
    if rng.random() < 0.5:
        first = rng.randrange(0, max(1, n_days - width + 1))
        return set(range(first, first + width))
    members = [m for m in instance.production.cast if m.rate_per_day > 0]
    weights = [m.rate_per_day for m in members]
    member = rng.choices(members, weights=weights)[0] if members else None
    days = sorted(
        {d for j, d in where.items() if member and member.id in instance.jobs[j].scene.cast}
    )
    if not days:
        return {rng.randrange(n_days)}
    chosen = set(rng.sample(days, min(len(days), width)))
    chosen.add(rng.randrange(n_days))  # and one more day they could move to
    return chosen


def _lns(plan: PlanModel, current, deadline, limit, workers, seed, progress, started):
    """Large-neighbourhood search until `deadline`: re-solve a few days, keep the rest fixed.

    `current` is (objective, days, tasks, values). Each neighbourhood is a clone of the
    one model with the other scenes' days fixed, hinted with the whole current solution,
    so no model is rebuilt.
    """
    instance = plan.instance
    rng = random.Random(seed)
    best, best_days, best_tasks, values = current
    width = min(len(instance.dates), 4)
    while deadline - time.perf_counter() >= 1.0:
        remaining = deadline - time.perf_counter()
        where = {j: d for d, placed in enumerate(best_days) for j, _s, _e in placed}
        window = _neighbourhood(instance, where, rng, width)
        neighbourhood = plan.model.clone()
        for (j, d), y in plan.y.items():
            if j not in where:
                continue
            literal = neighbourhood.get_bool_var_from_proto_index(y.index)
            if where[j] in window:
                if d not in window:
                    neighbourhood.add(literal == 0)
            else:
                neighbourhood.add(literal == int(d == where[j]))
        if values is not None:
            _hint_all(neighbourhood, values)
        status, solver = _run_model(
            neighbourhood, len(plan.y), min(remaining, max(1.0, limit * 0.04)), workers, seed
        )
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and solver.objective_value < best:
            best = solver.objective_value
            values = list(solver.response_proto.solution)
            best_days, best_tasks = _read(plan, solver)
            if progress is not None:
                progress(
                    min(1.0, (time.perf_counter() - started) / limit),
                    "neighbourhood improved",
                    best / SCALE,
                    None,
                )
    return best, best_days, best_tasks, values


def _rescheduling(instance: Instance, options: Options, baseline: dict, freeze: date | None):
    """Fix the scenes shot on or before `freeze`; everything else prefers its baseline day.

    Returns the scenes kept because they were shot (even if no rule allows them now) and
    the scenes that can no longer be shot (only frozen days would take them), with why.
    """
    forced: set[int] = set()
    date_index = {d: i for i, d in enumerate(instance.dates)}
    active = set(options.jobs)
    for day in baseline.get("days", []):
        when = date.fromisoformat(day["date"])
        if when not in date_index:
            continue
        for scene in day.get("scenes", []):
            j = instance.by_number.get(str(scene["number"]))
            if j is None:
                continue
            if freeze is not None and when <= freeze:
                start = instance.minute(datetime.fromisoformat(scene["start"]))
                if j not in active:
                    options.jobs.append(j)
                    active.add(j)
                    forced.add(j)
                options.fixed.setdefault(j, (date_index[when], start))
            else:
                options.baseline_day.setdefault(j, date_index[when])
    stuck = []
    if freeze is not None:
        later = [i for i, d in enumerate(instance.dates) if d > freeze]
        for j in list(options.jobs):
            if j in options.fixed:
                continue
            if any(p.day in set(later) for p in instance.jobs[j].pieces):
                options.days[j] = later
            else:
                options.jobs.remove(j)
                number = instance.jobs[j].number
                stuck.append(
                    (number, f"scene {number} fits only on days up to {freeze}, which are shot")
                )
    rules = instance.production.rules
    one_day = sum(m.rate_per_day for m in instance.production.cast) + rules.cost_per_shoot_day
    one_day += rules.cost_per_move + rules.overtime_rate_per_hour * 24
    options.change_weight = round((one_day + 1) * SCALE)
    return forced, stuck


def _changed(instance: Instance, options: Options, days) -> list[str]:
    where = {j: d for d, placed in enumerate(days) for j, _s, _e in placed}
    return [instance.jobs[j].number for j, d in options.baseline_day.items() if where.get(j) != d]


def explain_conflicts(
    instance: Instance, options: Options, seconds: float = 10.0
) -> list[Conflict]:
    """A small set of requirements that cannot all hold, each in words."""
    probe = Options(
        jobs=list(options.jobs),
        days=options.days,
        fixed=options.fixed,
        assumptions=True,
    )
    plan = PlanModel(instance, probe)
    plan.model.clear_objective()
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = seconds
    plan.model.add_assumptions(plan.assumption_literals)
    status = solver.solve(plan.model)
    if status != cp_model.INFEASIBLE:
        return [Conflict("the requirements are too tight to find a schedule in time")]
    core = [
        plan.model.get_bool_var_from_proto_index(i)
        for i in solver.sufficient_assumptions_for_infeasibility()
    ]
    deadline = time.perf_counter() + seconds
    kept = list(core)
    for literal in list(core):
        if time.perf_counter() > deadline or len(kept) <= 1:
            break
        trial = [x for x in kept if x.index != literal.index]
        plan.model.clear_assumptions()
        plan.model.add_assumptions(trial)
        solver.parameters.max_time_in_seconds = max(0.5, min(2.0, deadline - time.perf_counter()))
        if solver.solve(plan.model) == cp_model.INFEASIBLE:
            kept = trial
    return [_conflict(instance, plan.labels[x.index]) for x in kept]


def _conflict(instance: Instance, label: tuple[str, list[str]]) -> Conflict:
    text, scenes = label
    if len(scenes) == 1:
        job = instance.jobs[instance.by_number[scenes[0]]]
        who = [f"cast {c}" for c in job.scene.cast] + list(job.scene.people)
        days = sorted({instance.dates[p.day] for p in job.pieces})
        span = f"{days[0]}" if len(days) == 1 else f"{days[0]}..{days[-1]}"
        text = f"{text} with {', '.join(who) or 'nobody else'}, possible on {span}"
    return Conflict(text, scenes)
