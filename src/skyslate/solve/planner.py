"""The production planner: the cheapest feasible shooting schedule, with a proven bound.

Steps: translate the production into minutes (`instance`), report scenes that
fit nowhere, seed a start schedule (the talent solver's scene order packed into
days by the greedy, or script order), solve the CP-SAT model from that hint, and
for large productions improve it by large-neighbourhood search: keep most days
fixed and re-solve the scenes of a few consecutive days. With no schedule at all,
find a small set of requirements that cannot hold together and say which.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date, datetime

from ortools.sat.python import cp_model

from skyslate.errors import Conflict, InfeasibleError
from skyslate.plan.model import Production
from skyslate.solve.assemble import assemble
from skyslate.solve.costs import price
from skyslate.solve.explain import explain_conflicts, scene_reason
from skyslate.solve.instance import Instance, build_instance
from skyslate.solve.model import SCALE, Options, PlanModel
from skyslate.solve.schedule import Schedule
from skyslate.solve.search import (
    complete_hint,
    hint_all,
    hint_days,
    improve_by_neighbourhoods,
    read_solution,
)
from skyslate.solve.seed import reschedule_seed, seed_schedule

Progress = Callable[[float | None, str, float | None, float | None], None]
LNS_MIN_SCENES = 40  # below this, one CP-SAT run proves optimality faster than neighbourhoods


STALL_SECONDS = 3.0  # stop a run when neither its best nor its bound moved by 0.1 % this long


class _Monotone:
    """Progress whose best cost never goes up and whose bound never goes down (nor below floor)."""

    def __init__(self, progress: Progress):
        self.progress = progress
        self.best: float | None = None
        self.bound: float | None = None

    def raise_bound(self, floor: float) -> None:
        """A bound known from elsewhere (the combinatorial bound)."""
        if floor > 0:
            self.bound = floor if self.bound is None else max(self.bound, floor)

    def __call__(self, fraction, message, best, bound) -> None:
        if best is not None:
            self.best = best if self.best is None else min(best, self.best)
        if bound is not None:
            self.bound = bound if self.bound is None else max(bound, self.bound)
        shown = self.bound
        if shown is not None and self.best is not None:
            shown = min(shown, self.best)  # a bound above the best is rounding, not news
        self.progress(fraction, message, self.best, shown)


class _Reporter(cp_model.CpSolverSolutionCallback):
    """Reports each schedule and stops the search early.

    Stops when the schedule meets `target` (a known lower bound, in objective units)
    and, from a watchdog thread, when neither the best objective nor the bound moved
    by 0.1 % for `stall` seconds.
    """

    def __init__(self, progress, started: float, limit: float, target=None, stall=None):
        super().__init__()
        self.progress, self.started, self.limit = progress, started, limit
        self.target, self.stall = target, stall
        self.count = 0
        self.best = self.bound = None
        self.moved = time.perf_counter()
        self.stopped_early = False

    def _note(self, best, bound) -> None:
        def changed(old, new):
            return new is not None and (old is None or abs(new - old) > 1e-3 * max(1.0, abs(old)))

        if changed(self.best, best) or changed(self.bound, bound):
            self.moved = time.perf_counter()
        self.best = best if best is not None else self.best
        self.bound = bound if bound is not None else self.bound

    def on_solution_callback(self) -> None:
        self.count += 1
        self._note(self.objective_value, self.best_objective_bound)
        if self.progress is not None:
            elapsed = time.perf_counter() - self.started
            self.progress(
                min(1.0, elapsed / self.limit) if self.limit else None,
                f"schedule {self.count}",
                self.objective_value / SCALE,
                self.best_objective_bound / SCALE,
            )
        if self.target is not None and self.objective_value <= self.target:
            self.stopped_early = True
            self.stop_search()

    def on_bound(self, bound: float) -> None:
        self._note(None, bound)

    def watch(self, solver: cp_model.CpSolver, done: threading.Event) -> None:
        """Stop `solver` once it has stalled (runs in its own thread until `done`)."""
        while not done.wait(0.1):
            if self.best is not None and time.perf_counter() - self.moved > self.stall:
                self.stopped_early = True
                solver.stop_search()
                return


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
    stall_seconds: float | None = STALL_SECONDS,
) -> Schedule:
    """The cheapest schedule found within the time limit, its bound and gap; InfeasibleError if none.

    The reported bound is the larger of CP-SAT's and the combinatorial bound
    (`skyslate.solve.bound`), so it is there even when CP-SAT had no time for one.
    A run stops early when it proves optimality, when a schedule meets the
    combinatorial bound, or when neither cost nor bound moved by 0.1 % for
    max(`stall_seconds`, a fifth of the limit) (None: never).
    """
    started = time.perf_counter()
    progress = _Monotone(progress) if progress is not None else None
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
        hint = reschedule_seed(instance, options)
    elif seed and active:
        hint = seed_schedule(instance, active, time_limit_seconds)
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
    floor = plan.bound.total if plan.bound is not None and baseline is None else 0.0
    if progress is not None:
        progress.raise_bound(floor)
    seed_values = None
    if hint is not None:
        hint_days(plan, hint)
        seed_values = complete_hint(
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
        best = improve_by_neighbourhoods(
            plan,
            (float("inf"), hint[0], hint[1], seed_values),
            started + 0.5 * time_limit_seconds,
            time_limit_seconds,
            num_workers,
            random_seed,
            progress,
            started,
        )
        hint_all(plan.model, best[3])
    remaining = deadline - time.perf_counter()
    # a long run is allowed a longer stall: big productions improve in rarer steps
    stall = None if stall_seconds is None else max(stall_seconds, 0.2 * time_limit_seconds)
    target = None
    if floor > 0:
        target = floor * SCALE
    if lns_first and target is not None and best[0] <= target:
        remaining = 0.0  # the neighbourhoods already met the bound
    status, solver = _run(
        plan, remaining, num_workers, random_seed, progress, started, target, stall
    )
    if status == cp_model.INFEASIBLE:
        raise InfeasibleError(
            "no schedule meets all of these requirements together",
            conflicts=explain_conflicts(instance, options),
        )
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    if found and (best is None or solver.objective_value <= best[0]):
        days, tasks = read_solution(plan, solver)
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
    bound = max(solver.best_objective_bound / SCALE, floor)
    optimal = status == cp_model.OPTIMAL
    if big and not optimal and not lns_first:
        best = improve_by_neighbourhoods(
            plan, best, deadline, time_limit_seconds, num_workers, random_seed, progress, started
        )
    _objective, days, tasks, _values = best
    # The solver's objective counts task times it has not yet tidied; compare prices
    # (not when rescheduling: there fewer changes come before a lower price).
    seed_complete = hint is not None and not hint[2] and baseline is None
    if (
        seed_complete
        and hint[3] < price(instance.production, assemble(instance, days, tasks).days)[0].total
    ):
        days, tasks = hint[0], hint[1]
    reschedule = baseline is not None
    changed = _changed(instance, options, days) if reschedule else []
    schedule = assemble(
        instance,
        days,
        tasks,
        unscheduled=unscheduled,
        lower_bound=None if reschedule else bound,
        optimal=optimal and not reschedule,
        seconds=time.perf_counter() - started,
        changed_scenes=changed,
    )
    if progress is not None:
        progress(1.0, "done", schedule.cost.total, schedule.lower_bound)
    if schedule.lower_bound is not None and schedule.cost.total <= schedule.lower_bound + 1e-6:
        schedule.optimal = True  # the price meets a proven bound
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


def _run(
    plan: PlanModel,
    seconds: float,
    workers: int,
    seed: int,
    progress,
    started: float,
    target=None,
    stall=None,
):
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, seconds)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    if len(plan.y) > 1000:
        # probing a big model costs many seconds of presolve for little; search instead
        solver.parameters.cp_model_probing_level = 0
    reporter = _Reporter(progress, started, seconds, target, stall)
    solver.best_bound_callback = reporter.on_bound
    done = threading.Event()
    watchdog = None
    if stall is not None:
        watchdog = threading.Thread(target=reporter.watch, args=(solver, done), daemon=True)
        watchdog.start()
    try:
        status = solver.solve(plan.model, reporter)
    finally:
        done.set()
        if watchdog is not None:
            watchdog.join()
    return status, solver


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
                options.dropped.append(str(scene["number"]))  # no longer in the script
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
    moved = [instance.jobs[j].number for j, d in options.baseline_day.items() if where.get(j) != d]
    return moved + [n for n in options.dropped if n not in moved]
